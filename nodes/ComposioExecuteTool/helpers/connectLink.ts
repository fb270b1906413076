import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectLink } from '../../shared/api/connectedAccounts';
import { CONNECTED_ACCOUNTS_PATH, createConnectLink } from '../../shared/api/connectedAccounts';
import type { ComposioResponse } from '../../shared/transport';
import { composioApiRequest, composioRequest } from '../../shared/transport';
import type { RunCache } from './cache';

export const AUTH_CONFIGS_PATH = '/auth_configs';

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
	aliasHeldBy?: IDataObject;
	/** From the "Auth Config for Connect Links" option; default: the toolkit's first enabled one. */
	authConfigId?: string;
	callbackUrl?: string;
}

function toolkitOfConfig(config: IDataObject): string | undefined {
	const slug = (config.toolkit as IDataObject | undefined)?.slug;
	return typeof slug === 'string' ? slug.toLowerCase() : undefined;
}

async function chooseAuthConfig(
	this: IExecuteFunctions,
	cache: RunCache,
	request: NotConnectedRequest,
): Promise<string> {
	const { toolkit, itemIndex } = request;
	const field = 'Options → Auth Config for Connect Links';
	if (request.authConfigId) {
		const id = request.authConfigId;
		const response = await cache.get<ComposioResponse>(
			`authConfig:${id}`,
			async () =>
				(await composioRequest.call(this, {
					method: 'GET',
					path: `${AUTH_CONFIGS_PATH}/${encodeURIComponent(id)}`,
					acceptStatuses: [404],
					itemIndex,
				})) as ComposioResponse,
		);
		if (response.statusCode === 404) {
			throw new NodeOperationError(this.getNode(), `${field}: auth config ${id} does not exist`, {
				itemIndex,
			});
		}
		const configToolkit = toolkitOfConfig(response.body);
		if (configToolkit !== undefined && configToolkit !== toolkit) {
			throw new NodeOperationError(
				this.getNode(),
				`${field}: auth config ${id} is for ${configToolkit}, but ${request.tool} needs a ${toolkit} account`,
				{ itemIndex, description: `Choose an auth config of the ${toolkit} toolkit.` },
			);
		}
		if (response.body.status === 'DISABLED') {
			throw new NodeOperationError(this.getNode(), `${field}: auth config ${id} is disabled`, {
				itemIndex,
				description: 'Enable it in Composio, or choose another auth config.',
			});
		}
		return id;
	}
	const page = await cache.get<IDataObject>(
		`authConfigs:${toolkit}`,
		async () =>
			(await composioApiRequest.call(this, {
				method: 'GET',
				path: AUTH_CONFIGS_PATH,
				qs: { toolkit_slug: toolkit, limit: 50 },
				itemIndex,
			})) as IDataObject,
	);
	const items = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
	const config = items.find(
		(c) =>
			c.status !== 'DISABLED' &&
			(toolkitOfConfig(c) === undefined || toolkitOfConfig(c) === toolkit),
	);
	if (!config || typeof config.id !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot create a Connect Link: the project has no enabled auth config for ${toolkit}`,
			{
				itemIndex,
				description: `Create an auth config for ${toolkit} in Composio, or set "Auth Config for Connect Links".`,
			},
		);
	}
	return config.id;
}

/** Empty, null and absent all mean "no alias" / "no callback URL". */
function textOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The hosted link Composio reports for a pending account (`state.val.redirectUrl`), if any. */
function reportedLink(account: IDataObject): string | undefined {
	const val = (account.state as IDataObject | undefined)?.val as IDataObject | undefined;
	const url = textOrUndefined(val?.redirectUrl);
	return url && /^https?:\/\//i.test(url) ? url : undefined;
}

function reportedCallbackUrl(account: IDataObject): string | undefined {
	const val = (account.state as IDataObject | undefined)?.val as IDataObject | undefined;
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
	const page = (await composioApiRequest.call(this, {
		method: 'GET',
		path: CONNECTED_ACCOUNTS_PATH,
		qs: {
			user_ids: [request.userId],
			auth_config_ids: [authConfigId],
			statuses: ['INITIATED'],
			order_by: 'created_at',
			order_direction: 'desc',
			limit: 20,
		},
		itemIndex: request.itemIndex,
	})) as IDataObject;
	const items = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
	for (const account of items) {
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
