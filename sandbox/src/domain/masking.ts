/**
 * Secret masking as Composio does it since 2025-12-10: a masked value shows its first
 * 4 characters followed by `...`. With the project flag on, every secret field is masked;
 * for accounts on Composio-managed auth configs, access/refresh tokens and Authorization
 * headers are masked regardless of the flag (since 2026-04-22).
 */

const SECRET_FIELDS = new Set(
	[
		'access_token',
		'refresh_token',
		'id_token',
		'api_key',
		'generic_api_key',
		'bearer_token',
		'basic_encoded',
		'token',
		'generic_token',
		'generic_secret',
		'password',
		'client_secret',
		'oauth_token',
		'oauth_token_secret',
		'code_verifier',
		'proxy_password',
		'private_key',
		'credentials_json',
		'sessionid',
		'devkey',
		'authorization',
		'webhook_signature',
		'registration_access_token',
	].map((f) => f.toLowerCase()),
);

const ALWAYS_MASKED_FOR_MANAGED = new Set(['access_token', 'refresh_token', 'authorization']);

export interface MaskOptions {
	/** The project flag `mask_secret_keys_in_connected_account`. */
	maskAll: boolean;
	/** The account's auth config is Composio-managed. */
	managed: boolean;
}

export function maskString(value: string): string {
	return `${value.slice(0, 4)}...`;
}

function shouldMask(name: string, options: MaskOptions): boolean {
	const lower = name.toLowerCase();
	if (options.maskAll && SECRET_FIELDS.has(lower)) return true;
	return options.managed && ALWAYS_MASKED_FOR_MANAGED.has(lower);
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
