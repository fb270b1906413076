/**
 * Account lifecycle operations shared by the API, the hosted pages and the control API.
 */
import type { ToolkitDef } from '../catalog/toolkits';
import type { AccountRecord, AuthConfigRecord, LinkRecord } from '../core/model';
import type { SandboxState } from '../core/state';
import type { ConnectionStatus } from '../types';
import { defaultIdentity, STATUS_REASONS } from './accounts';

export interface NewAccountInput {
	userId: string;
	authConfig: AuthConfigRecord;
	status: ConnectionStatus;
	alias?: string | null;
	statusReason?: string | null;
	credentials?: Record<string, unknown>;
	connectionFields?: Record<string, unknown>;
	statusDetails?: Record<string, unknown>;
	createdAt?: number;
	identity?: Record<string, string>;
}

export function toolkitOf(state: SandboxState, authConfig: AuthConfigRecord): ToolkitDef {
	const toolkit = state.toolkits.get(authConfig.toolkit);
	if (!toolkit) throw new Error(`Unknown toolkit ${authConfig.toolkit}`);
	return toolkit;
}

/** Creates and stores an account; ACTIVE/INACTIVE accounts without credentials get minted ones. */
export function createAccount(state: SandboxState, input: NewAccountInput): AccountRecord {
	const toolkit = toolkitOf(state, input.authConfig);
	const now = input.createdAt ?? state.clock.now();
	const id = state.newAccountId();
	const record: Omit<AccountRecord, 'seq'> = {
		id,
		userId: input.userId,
		toolkit: toolkit.slug,
		authConfigId: input.authConfig.id,
		authScheme: input.authConfig.authScheme,
		status: input.status,
		statusReason: input.statusReason ?? null,
		alias: input.alias ?? null,
		wordId: state.newWordId(toolkit.slug),
		isDisabled: input.status === 'INACTIVE',
		credentials: input.credentials ?? null,
		connectionFields: input.connectionFields ?? {},
		statusDetails: input.statusDetails ?? {},
		identity: input.identity ?? null,
		// Shared with the auth config (never mutated; rendered as a copy).
		requestedScopes: input.authConfig.authScheme === 'OAUTH2' ? input.authConfig.scopes : null,
		createdAt: now,
		updatedAt: now,
		deletedAt: null,
		pendingExpiresAt: null,
		linkToken: null,
		callbackUrl: null,
		tokenGeneration: 0,
	};
	if (
		!input.credentials &&
		(input.status === 'ACTIVE' || input.status === 'INACTIVE' || input.status === 'EXPIRED')
	) {
		// Minted lazily from (id, generation); see SandboxState.credentialsOf.
		record.tokenGeneration = 1;
	}
	return state.insertAccount(record);
}

/** Puts the account into INITIATED with a fresh hosted link (Connect Link, OAuth initiate, refresh). */
export function startHostedFlow(
	state: SandboxState,
	account: AccountRecord,
	origin: LinkRecord['origin'],
	callbackUrl: string | null,
): LinkRecord {
	const link = state.createLink(account, origin, callbackUrl);
	const details: Record<string, unknown> = { redirectUrl: state.linkUrl(link.token) };
	if (callbackUrl) details.callback_url = callbackUrl;
	state.transition(account, 'INITIATED', null, details);
	// transition() clears pending for non-pending statuses only; INITIATED keeps the link's expiry.
	state.setPending(account, link.expiresAt);
	return link;
}

export interface CompletionOptions {
	/** Provider-side identity (mailbox, login, workspace) chosen on the hosted page. */
	identity?: string;
	/** API key typed on the hosted page (API_KEY toolkits). */
	apiKey?: string;
}

export function completeConnection(
	state: SandboxState,
	account: AccountRecord,
	options: CompletionOptions = {},
): void {
	const authConfig = state.authConfigs.get(account.authConfigId);
	if (!authConfig) throw new Error(`Account ${account.id} has no auth config`);
	account.tokenGeneration++;
	account.credentials =
		options.apiKey && account.authScheme === 'API_KEY' ? { generic_api_key: options.apiKey } : null;
	if (options.identity) account.identity = defaultIdentity(account, options.identity);
	else if (!account.identity || !Object.keys(account.identity).length) account.identity = null;
	state.transition(account, 'ACTIVE', null, {});
}

export function failConnection(
	state: SandboxState,
	account: AccountRecord,
	error: string,
	description: string,
): void {
	state.transition(account, 'FAILED', STATUS_REASONS.callbackFailed, {
		error,
		error_description: description,
	});
}
