import type { IDataObject } from 'n8n-workflow';

/**
 * Composio redacts connected-account tokens in API responses for every auth config, Composio-managed
 * and custom alike (API changelog 2026-06-04); the project setting "Mask Connected Account Secrets" no
 * longer brings them back. The placeholder is not documented: it has been the first 4 characters
 * followed by `...` (changelog 2025-12-10) and the literal `REDACTED` before that. So a value is reported
 * as real only when it cannot be one of the placeholders seen or plausible; anything else is reported as
 * masked, with what was detected.
 */

/** Keys whose values are secrets: a value there must look like a real secret to count as unmasked. */
const SECRET_KEYS = new Set(
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
	].map((key) => key.toLowerCase()),
);

/** Shorter than this, a secret value is not believed to be real (no real token is that short). */
const MIN_SECRET_LENGTH = 8;

/**
 * What placeholder `value` is, in words, or undefined when it does not look like one. `secret` means
 * the value sits under a secret key, where an empty, very short or one-character value is not a
 * credential either; elsewhere (a subdomain, a scope) only unmistakable placeholders count.
 */
export function placeholderKind(value: string, secret: boolean): string | undefined {
	const trimmed = value.trim();
	if (/redacted/i.test(trimmed)) return `the placeholder "${truncateForNote(trimmed)}"`;
	if (/(\.\.\.|…)$/.test(trimmed)) {
		return trimmed.length <= 7
			? `"${trimmed}": a few characters followed by "...", how Composio redacts a value`
			: `"${truncateForNote(trimmed)}": ends with "...", a redacted or shortened value`;
	}
	if (/\*{3,}|•{3,}/.test(trimmed)) return 'asterisks ("***"), a masked value';
	if (!secret) return undefined;
	if (trimmed === '') return 'an empty value';
	if (/^(.)\1*$/s.test(trimmed)) return `one character repeated ("${truncateForNote(trimmed)}")`;
	if (trimmed.length < MIN_SECRET_LENGTH) {
		return `only ${trimmed.length} characters, too short to be a real secret`;
	}
	return undefined;
}

function truncateForNote(value: string): string {
	return value.length > 12 ? `${value.slice(0, 12)}…` : value;
}

/** `isMaskedValue` for a value whose key is unknown: only unmistakable placeholders. */
export function isMaskedValue(value: unknown): boolean {
	return typeof value === 'string' && placeholderKind(value, false) !== undefined;
}

function lastSegment(path: string): string {
	const parts = path.replace(/\[\d+\]/g, '').split('.');
	return parts[parts.length - 1].toLowerCase();
}

/** Every masked string in `value` (objects and arrays are searched), by dotted path, with what was seen. */
export function maskedValues(value: unknown, prefix = ''): Record<string, string> {
	const out: Record<string, string> = {};
	if (typeof value === 'string') {
		const kind = placeholderKind(value, SECRET_KEYS.has(lastSegment(prefix)));
		if (kind) out[prefix] = kind;
	} else if (Array.isArray(value)) {
		value.forEach((entry, i) => Object.assign(out, maskedValues(entry, `${prefix}[${i}]`)));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			Object.assign(out, maskedValues(entry, prefix ? `${prefix}.${key}` : key));
		}
	}
	return out;
}

/** Dotted paths of every masked string in `value`. */
export function maskedPaths(value: unknown): string[] {
	return Object.keys(maskedValues(value));
}

export const PROXY_ADVICE =
	'To call the provider’s API with this account, use the Composio Proxy Request node: Composio adds the real credentials to the request. Tools run by Composio use them too.';

const REDACTION_NOTE =
	'Composio redacts connected-account tokens in API responses for every auth config (since 2026-06-04), so these values are not usable as credentials.';

function firstString(...values: unknown[]): string | null {
	for (const value of values) if (typeof value === 'string' && value.trim() !== '') return value;
	return null;
}

function scopesOf(val: IDataObject, account: IDataObject): string[] | null {
	const raw = val.scope ?? val.scopes ?? account.requested_scopes;
	if (Array.isArray(raw)) return raw.map(String);
	if (typeof raw === 'string' && raw.trim() !== '') return raw.trim().split(/[\s,]+/);
	return null;
}

function expiresInOf(val: IDataObject): number | null {
	const value = typeof val.expires_in === 'string' ? Number(val.expires_in) : val.expires_in;
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The credential view of a connected account: its auth scheme, the non-secret facts still useful
 * (scopes, subdomain, base URL, expiry: `expiresAt` as given, `expiresIn` seconds as the provider issued), the fields of `state.val` (without the status), and which
 * values are masked and how that was detected, so nobody mistakes `abcd...` for a token.
 */
export function credentialsOf(account: IDataObject): IDataObject {
	const state = (account.state as IDataObject | undefined) ?? {};
	const val =
		(state.val as IDataObject | undefined) ?? (account.data as IDataObject | undefined) ?? {};
	const fields: IDataObject = {};
	for (const [key, value] of Object.entries(val)) {
		if (key !== 'status') fields[key] = value;
	}
	const authConfig = (account.auth_config as IDataObject | undefined) ?? {};
	const detected = maskedValues(fields);
	const maskedFields = Object.keys(detected);
	const masked = maskedFields.length > 0;
	return {
		id: account.id,
		user_id: account.user_id ?? null,
		toolkit: (account.toolkit as IDataObject | undefined)?.slug ?? null,
		status: account.status,
		authScheme: state.authScheme ?? authConfig.auth_scheme ?? null,
		scopes: scopesOf(val, account),
		subdomain: firstString(val.subdomain),
		baseUrl: firstString(val.base_url, val.baseUrl, val.api_url),
		expiresAt: firstString(val.expires_at, val.expiry, val.expired_at),
		expiresIn: expiresInOf(val),
		fields,
		masked,
		maskedFields,
		maskDetected: detected,
		note: masked ? `${REDACTION_NOTE} ${PROXY_ADVICE}` : PROXY_ADVICE,
	};
}
