/**
 * `/connected_accounts` — list, get, create (initiate/import), link, refresh, status,
 * patch, revoke, delete.
 */
import { REDIRECT_SCHEMES } from '../catalog/toolkits';
import type { AccountRecord, AuthConfigRecord } from '../core/model';
import type { SandboxState } from '../core/state';
import { CREDENTIAL_KEYS, renderVal, splitVal, STATUS_REASONS } from '../domain/accounts';
import { createAccount, startHostedFlow, toolkitOf } from '../domain/lifecycle';
import { maskObject } from '../domain/masking';
import { renderAccount } from '../domain/render';
import type { ApiResource, RouteContext } from '../http/context';
import {
	accountBadRequest,
	accountNotFound,
	ApiError,
	authConfigNotFound,
	badRequest,
	httpError,
	validationError,
} from '../http/errors';
import { paginate, readPageRequest } from '../http/pagination';
import { isPlainObject, optionalString } from '../http/query';
import { CONNECTION_STATUSES } from '../types';

const LIST_DEFAULT_LIMIT = 20;
const LIST_MAX_LIMIT = 1000;
const PATCHABLE_SCHEMES = [
	'BEARER_TOKEN',
	'API_KEY',
	'BASIC',
	'BASIC_WITH_JWT',
	'GOOGLE_SERVICE_ACCOUNT',
	'SERVICE_ACCOUNT',
];

function findAccount(state: SandboxState, id: string): AccountRecord {
	if (!/^ca_[A-Za-z0-9_-]+$/.test(id)) {
		throw accountBadRequest(`Invalid connected account id "${id}": expected a ca_... nano id`);
	}
	const account = state.getAccount(id);
	if (!account) throw accountNotFound(id);
	return account;
}

function findAuthConfig(state: SandboxState, id: string): AuthConfigRecord {
	const authConfig = state.authConfigs.get(id);
	if (!authConfig) throw authConfigNotFound(id);
	return authConfig;
}

function assertEnabled(authConfig: AuthConfigRecord): void {
	if (authConfig.status === 'DISABLED') {
		throw accountBadRequest(
			`Auth config ${authConfig.id} is disabled; enable it before creating connections`,
		);
	}
}

function assertAliasFree(
	state: SandboxState,
	userId: string,
	toolkit: string,
	alias: string | null,
	exceptId?: string,
): void {
	if (alias && state.aliasTaken(userId, toolkit, alias, exceptId)) {
		throw new ApiError(
			409,
			609,
			'ConnectedAccount_AliasAlreadyExists',
			`Alias "${alias}" is already used by another ${toolkit} connected account of user ${userId}`,
			{ suggestedFix: 'Aliases must be unique per user and toolkit; choose another alias.' },
		);
	}
}

function normaliseAlias(value: unknown, field: string): string | null {
	const alias = optionalString(value, field);
	return alias === undefined || alias === '' ? null : alias;
}

function rejectExperimental(experimental: unknown): void {
	if (!isPlainObject(experimental)) return;
	if (experimental.account_type === 'SHARED') {
		throw httpError(501, 'SHARED connected accounts are not simulated by the sandbox');
	}
	if (experimental.acl_config_for_shared !== undefined) {
		throw badRequest('acl_config_for_shared is only valid on SHARED connected accounts');
	}
}

function maskedVal(state: SandboxState, account: AccountRecord): Record<string, unknown> {
	return maskObject(renderVal(account, state.credentialsOf(account)), {
		maskAll: state.config.maskSecrets,
	});
}

// ------------------------------------------------------------------ list / get

function list({ state, query }: RouteContext): unknown {
	const toolkits = query.list('toolkit_slugs')?.map((s) => s.toLowerCase());
	const statuses = query.enumList('statuses', CONNECTION_STATUSES);
	const userIds = query.list('user_ids');
	const authConfigIds = query.list('auth_config_ids');
	const ids = query.list('connected_account_ids');
	const orderBy = query.enumValue('order_by', ['created_at', 'updated_at'] as const, 'created_at');
	const direction = query.enumValue('order_direction', ['asc', 'desc'] as const, 'desc');
	const accountType = query.enumValue(
		'account_type',
		['PRIVATE', 'SHARED', 'ALL'] as const,
		'PRIVATE',
	);
	const page = readPageRequest(query, LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT);

	const toolkitSet = toolkits && new Set(toolkits);
	const statusSet = statuses && new Set<string>(statuses);
	const userSet = userIds && new Set(userIds);
	const authConfigSet = authConfigIds && new Set(authConfigIds);
	const idSet = ids && new Set(ids);
	// Every sandbox account is PRIVATE.
	const source = accountType === 'SHARED' ? [] : state.sortedAccounts(orderBy, direction);
	const matches = source.filter(
		(a) =>
			(!toolkitSet || toolkitSet.has(a.toolkit)) &&
			(!statusSet || statusSet.has(a.status)) &&
			(!userSet || userSet.has(a.userId)) &&
			(!authConfigSet || authConfigSet.has(a.authConfigId)) &&
			(!idSet || idSet.has(a.id)),
	);
	return paginate(matches, page, (a) => renderAccount(state, a, false));
}

function getOne({ state, params }: RouteContext): unknown {
	return renderAccount(state, findAccount(state, params.nanoid), true);
}

// ------------------------------------------------------------------ create (initiate / import)

function retiredEndpointError(authConfig: AuthConfigRecord): ApiError {
	return accountBadRequest(
		`Creating connections with POST /connected_accounts is no longer supported for Composio-managed ${authConfig.authScheme} auth configs (auth config ${authConfig.id}). Use POST /api/v3/connected_accounts/link instead.`,
		{
			suggestedFix:
				'Call POST /api/v3/connected_accounts/link with the same auth_config_id and user_id, then send the user to the returned redirect_url.',
		},
	);
}

function create(ctx: RouteContext): unknown {
	const { state, body, res } = ctx;
	const errors: string[] = [];
	const authConfigInput = body.auth_config;
	if (
		!isPlainObject(authConfigInput) ||
		typeof authConfigInput.id !== 'string' ||
		!authConfigInput.id
	) {
		errors.push('auth_config.id: required');
	}
	const connection = body.connection;
	if (!isPlainObject(connection)) errors.push('connection: required (object)');
	if (errors.length) throw validationError(errors);
	const authConfig = findAuthConfig(state, (authConfigInput as { id: string }).id);
	const conn = connection as Record<string, unknown>;
	assertEnabled(authConfig);
	rejectExperimental(conn.experimental);
	const toolkit = toolkitOf(state, authConfig);
	const redirectScheme = REDIRECT_SCHEMES.includes(authConfig.authScheme);
	if (authConfig.isComposioManaged && redirectScheme) throw retiredEndpointError(authConfig);

	const userId = optionalString(conn.user_id, 'connection.user_id') ?? 'default';
	const callbackUrl =
		optionalString(conn.callback_url, 'connection.callback_url') ??
		optionalString(conn.redirect_uri, 'connection.redirect_uri') ??
		null;
	const alias = normaliseAlias(conn.alias, 'connection.alias');
	assertAliasFree(state, userId, toolkit.slug, alias);

	let stateInput: { authScheme: string; val: Record<string, unknown> } | undefined;
	if (conn.state !== undefined && conn.state !== null) {
		if (
			!isPlainObject(conn.state) ||
			typeof conn.state.authScheme !== 'string' ||
			!isPlainObject(conn.state.val)
		) {
			throw validationError(['connection.state: expected { authScheme, val }']);
		}
		stateInput = { authScheme: conn.state.authScheme, val: conn.state.val };
	} else if (isPlainObject(conn.data)) {
		stateInput = { authScheme: authConfig.authScheme, val: conn.data };
	}
	if (stateInput && stateInput.authScheme !== authConfig.authScheme) {
		throw accountBadRequest(
			`connection.state.authScheme ${stateInput.authScheme} does not match the auth config's scheme ${authConfig.authScheme}`,
		);
	}

	const { credentials, connectionFields } = splitVal(stateInput?.val ?? {});
	const requestedStatus = stateInput?.val.status;
	const hasCredentials = Object.keys(credentials).some((k) => CREDENTIAL_KEYS.has(k));
	let account: AccountRecord;
	if (
		redirectScheme &&
		!(hasCredentials && requestedStatus !== 'INITIALIZING' && requestedStatus !== 'INITIATED')
	) {
		// Custom OAuth app: the user has to go through the (simulated) consent screen.
		account = createAccount(state, {
			userId,
			authConfig,
			status: 'INITIALIZING',
			alias,
			connectionFields,
		});
		startHostedFlow(state, account, 'initiate', callbackUrl);
	} else if (!redirectScheme && !stateInput) {
		// No credentials given for a form-based scheme: the hosted page collects them.
		account = createAccount(state, {
			userId,
			authConfig,
			status: 'INITIALIZING',
			alias,
			connectionFields,
		});
		startHostedFlow(state, account, 'initiate', callbackUrl);
	} else {
		// Import of existing credentials: ACTIVE at once.
		account = createAccount(state, {
			userId,
			authConfig,
			status: 'ACTIVE',
			alias,
			credentials,
			connectionFields,
		});
	}
	state.counters.initiates++;
	const val = maskedVal(state, account);
	const redirectUrl = typeof val.redirectUrl === 'string' ? val.redirectUrl : null;
	res.status(201);
	return {
		id: account.id,
		connectionData: { authScheme: account.authScheme, val },
		status: account.status,
		redirect_url: redirectUrl,
		redirect_uri: redirectUrl,
	};
}

// ------------------------------------------------------------------ Connect Link

function link(ctx: RouteContext): unknown {
	const { state, body, res } = ctx;
	const errors: string[] = [];
	if (typeof body.auth_config_id !== 'string' || !body.auth_config_id)
		errors.push('auth_config_id: required');
	if (typeof body.user_id !== 'string' || !body.user_id) errors.push('user_id: required');
	if (errors.length) throw validationError(errors);
	const authConfig = findAuthConfig(state, body.auth_config_id as string);
	assertEnabled(authConfig);
	rejectExperimental(body.experimental);
	const userId = body.user_id as string;
	const callbackUrl = optionalString(body.callback_url, 'callback_url') ?? null;
	const alias = normaliseAlias(body.alias, 'alias');
	const toolkit = toolkitOf(state, authConfig);
	assertAliasFree(state, userId, toolkit.slug, alias);
	const connectionData = body.connection_data;
	if (connectionData !== undefined && connectionData !== null && !isPlainObject(connectionData)) {
		throw validationError(['connection_data: expected an object']);
	}
	const { connectionFields } = splitVal(
		isPlainObject(connectionData) && isPlainObject(connectionData.val)
			? connectionData.val
			: ((connectionData as Record<string, unknown> | undefined) ?? {}),
	);
	const account = createAccount(state, {
		userId,
		authConfig,
		status: 'INITIALIZING',
		alias,
		connectionFields,
	});
	const hosted = startHostedFlow(state, account, 'link', callbackUrl);
	res.status(201);
	return {
		link_token: hosted.token,
		redirect_url: state.linkUrl(hosted.token),
		expires_at: state.clock.iso(hosted.expiresAt),
		connected_account_id: account.id,
	};
}

// ------------------------------------------------------------------ refresh (deprecated)

function refresh({ state, params, body, query }: RouteContext): unknown {
	const account = findAccount(state, params.nanoid);
	const authConfig = findAuthConfig(state, account.authConfigId);
	const redirectScheme = REDIRECT_SCHEMES.includes(authConfig.authScheme);
	if (account.status === 'REVOKED') {
		throw accountBadRequest(
			`Connected account ${account.id} was revoked and cannot be refreshed; create a new connection`,
		);
	}
	if (!redirectScheme) {
		if (account.status !== 'ACTIVE') {
			throw accountBadRequest(
				`Connected account ${account.id} (${authConfig.authScheme}) cannot be refreshed in status ${account.status}`,
			);
		}
		state.counters.refreshes++;
		return { id: account.id, status: account.status, redirect_url: null };
	}
	assertEnabled(authConfig);
	// As reported in ComposioHQ/composio#1914: refresh re-starts the OAuth flow, so an ACTIVE
	// account goes back to INITIATED until the user completes the new redirect.
	const callbackUrl =
		query.string('redirect_url') ??
		optionalString(body.redirect_url, 'redirect_url') ??
		optionalString(body.body_redirect_url, 'body_redirect_url') ??
		account.callbackUrl;
	const hosted = startHostedFlow(state, account, 'refresh', callbackUrl ?? null);
	state.counters.refreshes++;
	return { id: account.id, status: account.status, redirect_url: state.linkUrl(hosted.token) };
}

// ------------------------------------------------------------------ enable / disable

function updateStatus({ state, params, body }: RouteContext): unknown {
	const account = findAccount(state, params.nanoid);
	if (typeof body.enabled !== 'boolean') throw validationError(['enabled: required boolean']);
	const authConfig = findAuthConfig(state, account.authConfigId);
	if (account.status !== 'ACTIVE' && account.status !== 'INACTIVE') {
		throw accountBadRequest(
			`Connected account ${account.id} is ${account.status}; only ACTIVE or INACTIVE accounts can be enabled or disabled`,
			{ suggestedFix: 'Reconnect the account with a new Connect Link.' },
		);
	}
	if (body.enabled && authConfig.status === 'DISABLED') {
		throw accountBadRequest(
			`Auth config ${authConfig.id} is disabled; the connected account cannot be enabled`,
		);
	}
	const target = body.enabled ? 'ACTIVE' : 'INACTIVE';
	if (account.status !== target)
		state.transition(account, target, STATUS_REASONS.updatedByUser, {});
	state.counters.statusUpdates++;
	return { success: true };
}

// ------------------------------------------------------------------ patch (alias, credentials)

function patch({ state, params, body }: RouteContext): unknown {
	const account = findAccount(state, params.nanoid);
	let changed = false;
	if (body.alias !== undefined) {
		const alias = normaliseAlias(body.alias, 'alias');
		assertAliasFree(state, account.userId, account.toolkit, alias, account.id);
		account.alias = alias;
		changed = true;
	}
	if (isPlainObject(body.experimental) && body.experimental.acl_config_for_shared !== undefined) {
		throw badRequest('acl_config_for_shared is only valid on SHARED connected accounts');
	}
	const connection = body.connection;
	if (connection !== undefined) {
		if (!isPlainObject(connection)) throw validationError(['connection: expected an object']);
		const input = connection.state;
		if (input !== undefined) {
			if (
				!isPlainObject(input) ||
				typeof input.authScheme !== 'string' ||
				!isPlainObject(input.val)
			) {
				throw validationError(['connection.state: expected { authScheme, val }']);
			}
			if (input.authScheme !== account.authScheme) {
				throw accountBadRequest(
					`connection.state.authScheme ${input.authScheme} does not match the account's scheme ${account.authScheme}`,
				);
			}
			if (!PATCHABLE_SCHEMES.includes(account.authScheme)) {
				throw accountBadRequest(
					`Credentials of ${account.authScheme} connected accounts cannot be patched; reconnect instead`,
				);
			}
			for (const [key, value] of Object.entries(input.val)) {
				if (key === 'status') continue;
				const target = CREDENTIAL_KEYS.has(key)
					? state.editableCredentials(account)
					: account.connectionFields;
				if (value === null) delete target[key];
				else target[key] = value;
			}
			changed = true;
		}
	}
	if (changed) state.markUpdated(account);
	state.counters.patches++;
	return { success: true, id: account.id, status: account.status };
}

// ------------------------------------------------------------------ revoke

/**
 * Revoke is for OAuth 2.0 tokens (changelog 2026-05-12, "Revoke OAuth 2.0 Tokens"; the reference page
 * lists only `access_token` and `refresh_token` as revoked subjects).
 */
const REVOCABLE_SCHEMES: readonly string[] = ['OAUTH2', 'DCR_OAUTH'];

function revokedTokens(state: SandboxState, account: AccountRecord): string[] {
	const tokens = ['access_token'];
	if (state.credentialsOf(account).refresh_token !== undefined) tokens.push('refresh_token');
	return tokens;
}

function canRevoke(state: SandboxState, account: AccountRecord): boolean {
	return (
		(state.toolkits.get(account.toolkit)?.canRevoke ?? false) &&
		REVOCABLE_SCHEMES.includes(account.authScheme)
	);
}

function revokeAccount(state: SandboxState, account: AccountRecord, reason: string): string[] {
	const tokens = revokedTokens(state, account);
	state.transition(account, 'REVOKED', reason, { revoked_at: state.clock.iso() });
	return tokens;
}

/**
 * ACTIVE → REVOKED with the revoked subjects; already REVOKED → 200 with `revoked_tokens: []`; every
 * other status → 409 "Connection is not in a revokable state"; a toolkit (or scheme) that cannot
 * revoke → 400. Changelog 2026-05-12 and the revoke reference page.
 */
function revoke({ state, params }: RouteContext): unknown {
	const account = findAccount(state, params.nanoid);
	if (!canRevoke(state, account)) {
		const toolkit = state.toolkits.get(account.toolkit);
		throw accountBadRequest(
			toolkit?.canRevoke
				? `Revoke is not supported for ${account.authScheme} connections of toolkit ${account.toolkit}`
				: `Toolkit ${account.toolkit} does not support revoking credentials upstream`,
			{
				suggestedFix:
					'Delete the connected account instead, or revoke the credential at the provider.',
			},
		);
	}
	if (account.status === 'REVOKED') {
		return { revoked_tokens: [], connected_account: { id: account.id, status: 'REVOKED' } };
	}
	if (account.status !== 'ACTIVE') {
		throw new ApiError(
			409,
			610,
			'ConnectedAccount_NotRevokable',
			'Connection is not in a revokable state',
			{
				suggestedFix: `Connected account ${account.id} is ${account.status}; only ACTIVE (or already REVOKED) connections can be revoked.`,
			},
		);
	}
	const tokens = revokeAccount(state, account, STATUS_REASONS.revokedByUser);
	state.counters.revokes++;
	return { revoked_tokens: tokens, connected_account: { id: account.id, status: account.status } };
}

// ------------------------------------------------------------------ delete (soft)

function remove({ state, params, query }: RouteContext): unknown {
	const account = findAccount(state, params.nanoid);
	const revokeOnDelete = query.boolean('revoke_on_delete') ?? false;
	const response: Record<string, unknown> = { success: true };
	if (revokeOnDelete) {
		// The background job follows the revoke endpoint's rule (only ACTIVE connections); the reference
		// page does not say which statuses it covers, so this is the sandbox's choice.
		if (canRevoke(state, account) && account.status === 'ACTIVE') {
			revokeAccount(state, account, STATUS_REASONS.revokedOnDelete);
		}
		response.revoke_job_id = state.newId('rvj');
	}
	state.softDelete(account);
	state.counters.deletes++;
	return response;
}

export const connectedAccountsResource: ApiResource = {
	name: 'connected_accounts',
	register(routes) {
		routes('/connected_accounts')
			.get('', list)
			.post('', create)
			.post('/link', link)
			.get('/:nanoid', getOne)
			.patch('/:nanoid', patch)
			.delete('/:nanoid', remove)
			.patch('/:nanoid/status', updateStatus)
			.post('/:nanoid/refresh', refresh)
			.post('/:nanoid/revoke', revoke);
	},
};
