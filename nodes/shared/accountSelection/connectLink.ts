import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConnectLink } from '../api/connectedAccounts';
import { createConnectLink, listConnectedAccountsPage } from '../api/connectedAccounts';
import type { ConnectedAccount } from '../api/types';
import { isObject } from '../values';
import { chooseAuthConfig } from './authConfig';
import type { RunCache } from './cache';

/** Composio's hosted Connect Links expire 10 minutes after they are made (platform KB). */
export const CONNECT_LINK_TTL_MS = 10 * 60 * 1000;

export interface NotConnectedRequest {
	userId: string;
	toolkit: string;
	tool: string;
	itemIndex: number;
	/** By Alias: the link creates the account under this alias, so the next run finds it. */
	alias?: string;
	/**
	 * By Alias: the account that holds the alias but cannot run tools (e.g. EXPIRED). Aliases are
	 * unique per user and toolkit, so the new account is connected without the alias.
	 */
	aliasHeldBy?: ConnectedAccount;
	/** From the "Auth Config for Connect Links" option; default: the toolkit's first enabled one. */
	authConfigId?: string;
	callbackUrl?: string;
}

/** Empty, null and absent all mean "no alias" / "no callback URL". */
function textOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The account's `state.val`: what Composio reports about its connection. */
function stateValues(account: ConnectedAccount): IDataObject | undefined {
	const val = account.state?.val;
	return isObject(val) ? val : undefined;
}

/** The hosted link Composio reports for a pending account (`state.val.redirectUrl`), if any. */
function reportedLink(account: ConnectedAccount): string | undefined {
	const val = stateValues(account);
	const url = textOrUndefined(val?.redirectUrl);
	return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function reportedCallbackUrl(account: ConnectedAccount): string | undefined {
	const val = stateValues(account);
	return textOrUndefined(val?.callback_url) ?? textOrUndefined(val?.callbackUrl);
}

interface PendingLink extends ConnectLink {
	/** Whether the link is one an earlier run made (not made by this request). */
	reused: boolean;
}

/**
 * A pending Connect Link of an earlier run that can be handed out again: an INITIATED account of
 * the same user and auth config, with the same alias and callback URL, whose hosted link Composio
 * still reports (`state.val.redirectUrl`, required for INITIATED OAuth accounts in the official
 * client's types). Composio turns an abandoned account EXPIRED after the link's 10 minutes, so
 * INITIATED means the link still works; its expiry is reported as created_at + 10 minutes.
 */
async function findPendingLink(
	this: IExecuteFunctions,
	request: NotConnectedRequest,
	authConfigId: string,
	alias: string | undefined,
): Promise<PendingLink | undefined> {
	const page = await listConnectedAccountsPage.call(
		this,
		{
			user_ids: [request.userId],
			auth_config_ids: [authConfigId],
			statuses: ['INITIATED'],
			order_by: 'created_at',
			order_direction: 'desc',
			limit: 20,
		},
		request.itemIndex,
	);
	for (const account of page.items ?? []) {
		const owner = textOrUndefined(account.user_id);
		const link = reportedLink(account);
		const created = typeof account.created_at === 'string' ? Date.parse(account.created_at) : NaN;
		if (
			account.status === 'INITIATED' &&
			typeof account.id === 'string' &&
			link !== undefined &&
			!Number.isNaN(created) &&
			(owner === undefined || owner === request.userId) &&
			textOrUndefined(account.alias) === alias &&
			reportedCallbackUrl(account) === request.callbackUrl
		) {
			return {
				link_token: '',
				redirect_url: link,
				expires_at: new Date(created + CONNECT_LINK_TTL_MS).toISOString(),
				connected_account_id: account.id,
				reused: true,
			};
		}
	}
	return undefined;
}

/**
 * The answer for a user with no usable account when "Return Connect Link When Not Connected" is on:
 * not an error but data the caller (often an AI agent) can act on — a Connect Link to give the
 * user. Creating a link creates an INITIATED account at Composio (it expires unused after 10 min),
 * so links are not multiplied: the items of one run for the same user, auth config, alias and
 * callback URL share one link, and a still-pending link of an earlier run is handed out again.
 */
export async function notConnectedResult(
	this: IExecuteFunctions,
	cache: RunCache,
	request: NotConnectedRequest,
): Promise<IDataObject> {
	const authConfigId = await chooseAuthConfig.call(this, cache, request);
	const held = request.aliasHeldBy;
	const heldPending = held?.status === 'INITIATED' || held?.status === 'INITIALIZING';
	// A pending account holding the alias is the link of an earlier run: hand it out again. Any other
	// holder keeps the alias, so the new account is made (and looked for) without one.
	const lookupAlias = held
		? heldPending
			? textOrUndefined(held.alias)
			: undefined
		: request.alias;
	const createAlias = held ? undefined : request.alias;
	const key = [request.userId, authConfigId, lookupAlias ?? '', request.callbackUrl ?? ''].join(
		'\u0000',
	);
	const link = await cache.get<PendingLink>(`connectLink:${key}`, async () => {
		const pending = await findPendingLink.call(this, request, authConfigId, lookupAlias);
		if (pending) return pending;
		const created = await createConnectLink.call(
			this,
			{
				userId: request.userId,
				authConfigId,
				callbackUrl: request.callbackUrl,
				alias: createAlias,
			},
			request.itemIndex,
		);
		return { ...created, reused: false };
	});
	const what =
		request.alias !== undefined
			? `${held ? 'usable ' : ''}${request.toolkit} account with the alias "${request.alias}"`
			: `active ${request.toolkit} account`;
	const aliasNote =
		held && link.connected_account_id !== held.id
			? ` The alias "${String(held.alias)}" belongs to ${String(held.id)} (${String(held.status)}), and aliases are unique per user and toolkit, so the new account gets no alias: once it is ACTIVE, delete ${String(held.id)} and give the new account the alias, or choose it as "Specific Account".`
			: '';
	return {
		connected: false,
		tool: request.tool,
		toolkit: request.toolkit,
		user_id: request.userId,
		connect_url: link.redirect_url,
		expires_at: link.expires_at,
		connected_account_id: link.connected_account_id,
		auth_config_id: authConfigId,
		link_reused: link.reused,
		message: `The user has no ${what}, so ${request.tool} did not run. Ask them to open connect_url to connect their ${request.toolkit} account (the link expires at ${link.expires_at}), then try again.${aliasNote}`,
	};
}
