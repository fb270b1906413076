import type { ToolkitDef } from '../catalog/toolkits';
import { ALNUM_ALPHABET, derivedString, URL_SAFE_ALPHABET } from '../core/prng';
import type { AccountRecord, AuthConfigRecord } from '../core/model';
import type { ConnectionStatus } from '../types';

export const STATUS_REASONS = {
	initiationTimeout: (ttlMs: number): string =>
		`Connection initiation did not complete within ${describeDuration(ttlMs)}`,
	refreshFailed: 'Permanent auth error during token refresh',
	maxAuthFailures: 'Max auth failures reached',
	callbackFailed: 'OAuth callback failed during token exchange',
	updatedByUser: 'Connection status updated by user',
	authConfigDisabled: 'Auth config is disabled',
	revokedByUser: 'Revoked via user-initiated revoke endpoint',
	revokedByAdmin: 'Revoked via admin tool',
	revokedOnDelete: 'Revoked as part of connection delete',
} as const;

export function describeDuration(ms: number): string {
	if (ms % 60000 === 0) {
		const minutes = ms / 60000;
		return `${minutes} minute${minutes === 1 ? '' : 's'}`;
	}
	if (ms % 1000 === 0) {
		const seconds = ms / 1000;
		return `${seconds} second${seconds === 1 ? '' : 's'}`;
	}
	return `${ms} milliseconds`;
}

/** Credentials minted by the (simulated) provider when a connection completes. Deterministic per account + generation. */
export function mintCredentials(
	account: Pick<AccountRecord, 'id' | 'tokenGeneration' | 'authScheme'>,
	toolkit: ToolkitDef,
	scopes: string[],
): Record<string, unknown> {
	const key = (kind: string): string => `${account.id}:${account.tokenGeneration}:${kind}`;
	switch (account.authScheme) {
		case 'OAUTH2':
		case 'DCR_OAUTH':
		case 'S2S_OAUTH2': {
			const creds: Record<string, unknown> = {
				access_token: `${toolkit.tokenPrefix.access ?? 'at_'}${derivedString(key('access'), 40, URL_SAFE_ALPHABET)}`,
				token_type: 'Bearer',
				expires_in: 3599,
				scope: scopes.join(' '),
			};
			if (toolkit.tokenPrefix.refresh) {
				creds.refresh_token = `${toolkit.tokenPrefix.refresh}${derivedString(key('refresh'), 40, URL_SAFE_ALPHABET)}`;
			}
			if (toolkit.slug === 'slack') {
				creds.authed_user = {
					access_token: `xoxp-${derivedString(key('user'), 32, ALNUM_ALPHABET)}`,
					scope: 'users:read',
				};
			}
			return creds;
		}
		case 'API_KEY':
			return {
				generic_api_key: `${toolkit.tokenPrefix.apiKey ?? 'key-'}${derivedString(key('apikey'), 32, ALNUM_ALPHABET)}`,
			};
		case 'BEARER_TOKEN':
			return {
				token: `${toolkit.tokenPrefix.access ?? 'tok_'}${derivedString(key('bearer'), 36, ALNUM_ALPHABET)}`,
			};
		case 'BASIC':
		case 'BASIC_WITH_JWT':
			return {
				username: 'sandbox-user',
				password: derivedString(key('password'), 20, ALNUM_ALPHABET),
			};
		default:
			return {};
	}
}

function shortUser(userId: string): string {
	const base = userId
		.replace(/^user_/, '')
		.toLowerCase()
		.replace(/[^a-z0-9.]+/g, '-');
	return base || 'user';
}

/** The provider-side identity a freshly connected account gets unless the hosted page was told otherwise. */
export function defaultIdentity(
	account: Pick<AccountRecord, 'id' | 'userId' | 'toolkit'>,
	override?: string,
): Record<string, string> {
	const user = shortUser(account.userId);
	const suffix = account.id
		.slice(-6)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, 'x');
	const display = user.charAt(0).toUpperCase() + user.slice(1);
	switch (account.toolkit) {
		case 'gmail':
			return { email: override ?? `${user}+${suffix}@example.com`, name: display };
		case 'github':
			return {
				login: override ?? `${user}-${suffix}`,
				name: display,
				email: `${user}@example.com`,
			};
		case 'slack':
			return {
				team: override ?? `${display} workspace`,
				teamId: `T${derivedString(`${account.id}:team`, 8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
				userId: `U${derivedString(`${account.id}:user`, 8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
				name: display,
			};
		default:
			return override ? { name: override } : { name: display };
	}
}

const ACTIVE_LIKE: readonly ConnectionStatus[] = ['ACTIVE', 'INACTIVE'];

/** Unmasked `state.val` for the account's current status (shape per Composio's per-scheme unions). */
export function renderVal(
	account: AccountRecord,
	credentials: Record<string, unknown>,
): Record<string, unknown> {
	const val: Record<string, unknown> = { ...account.connectionFields, status: account.status };
	if (ACTIVE_LIKE.includes(account.status)) Object.assign(val, credentials);
	Object.assign(val, account.statusDetails);
	return val;
}

export function isRedirectScheme(authConfig: AuthConfigRecord): boolean {
	return (
		authConfig.authScheme === 'OAUTH2' ||
		authConfig.authScheme === 'OAUTH1' ||
		authConfig.authScheme === 'DCR_OAUTH'
	);
}

/** `state.val` keys that hold credentials (the rest are connection fields such as subdomain). */
export const CREDENTIAL_KEYS = new Set([
	'access_token',
	'refresh_token',
	'id_token',
	'token_type',
	'expires_in',
	'scope',
	'authed_user',
	'webhook_signature',
	'extra_token_data',
	'api_key',
	'generic_api_key',
	'bearer_token',
	'basic_encoded',
	'token',
	'generic_token',
	'generic_secret',
	'generic_id',
	'api_key_prefix',
	'user_agent',
	'username',
	'password',
	'credentials_json',
	'application_id',
	'installation_id',
	'private_key',
	'oauth_token',
	'oauth_token_secret',
	'oauth_verifier',
	'consumer_key',
	'client_id',
	'client_secret',
	'sessionId',
	'devKey',
]);

/** Status-specific `val` keys that are never stored as credentials or connection fields. */
const STATUS_KEYS = new Set([
	'status',
	'redirectUrl',
	'callback_url',
	'code_verifier',
	'finalRedirectUri',
	'error',
	'error_description',
	'expired_at',
	'revoked_at',
]);

/** Splits an incoming `state.val` into credentials and connection fields. */
export function splitVal(val: Record<string, unknown>): {
	credentials: Record<string, unknown>;
	connectionFields: Record<string, unknown>;
} {
	const credentials: Record<string, unknown> = {};
	const connectionFields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(val)) {
		if (STATUS_KEYS.has(key) || value === undefined) continue;
		if (CREDENTIAL_KEYS.has(key)) credentials[key] = value;
		else connectionFields[key] = value;
	}
	return { credentials, connectionFields };
}
