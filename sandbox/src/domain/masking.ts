/**
 * Secret redaction in connected-account responses.
 *
 * - Shape of a redacted value: its first 4 characters followed by `...` (changelog 2025-12-10; the
 *   exact placeholder is not documented since, older responses used `REDACTED`).
 * - Tokens (access/refresh/ID tokens, bearer and generic tokens, OAuth 1 token and secret,
 *   `Authorization` headers) are redacted for every auth config, Composio-managed and custom alike,
 *   whatever the project flag says (changelog 2026-06-04; before it, 2026-04-22, only for
 *   Composio-managed auth configs).
 * - The other secret fields (API keys, passwords, private keys, client secrets...) follow the project
 *   flag `mask_secret_keys_in_connected_account`. The changelog of 2026-06-04 speaks of "tokens" only;
 *   where those other fields stand is the sandbox's reading, see sandbox/README.md.
 */

const TOKEN_FIELDS = new Set(
	[
		'access_token',
		'refresh_token',
		'id_token',
		'bearer_token',
		'token',
		'generic_token',
		'oauth_token',
		'oauth_token_secret',
		'authorization',
		'registration_access_token',
	].map((f) => f.toLowerCase()),
);

const OTHER_SECRET_FIELDS = new Set(
	[
		'api_key',
		'generic_api_key',
		'basic_encoded',
		'generic_secret',
		'password',
		'client_secret',
		'code_verifier',
		'proxy_password',
		'private_key',
		'credentials_json',
		'sessionid',
		'devkey',
		'webhook_signature',
	].map((f) => f.toLowerCase()),
);

export interface MaskOptions {
	/** The project flag `mask_secret_keys_in_connected_account` (covers the non-token secrets). */
	maskAll: boolean;
}

export function maskString(value: string): string {
	return `${value.slice(0, 4)}...`;
}

function shouldMask(name: string, options: MaskOptions): boolean {
	const lower = name.toLowerCase();
	if (TOKEN_FIELDS.has(lower)) return true;
	return options.maskAll && OTHER_SECRET_FIELDS.has(lower);
}

function maskValue(value: unknown, options: MaskOptions): unknown {
	if (Array.isArray(value)) return value.map((v) => maskValue(v, options));
	if (typeof value === 'object' && value !== null)
		return maskObject(value as Record<string, unknown>, options);
	return value;
}

/** A deep copy of `input` with secret string fields masked. */
export function maskObject(
	input: Record<string, unknown>,
	options: MaskOptions,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(input)) {
		if (typeof value === 'string' && shouldMask(key, options)) out[key] = maskString(value);
		else out[key] = maskValue(value, options);
	}
	return out;
}
