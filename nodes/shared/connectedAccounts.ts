import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { ComposioContext } from './transport';
import { composioApiRequest } from './transport';
import { inputError, parseList, requireId } from './validation';

/** Every status a connected account can have in v3.1 (`REVOKED` is new in v3.1). */
export const ACCOUNT_STATUSES = [
	'INITIALIZING',
	'INITIATED',
	'ACTIVE',
	'FAILED',
	'EXPIRED',
	'INACTIVE',
	'REVOKED',
] as const;

export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const CONNECTED_ACCOUNTS_PATH = '/connected_accounts';

/** Composio does not document a maximum for this list; its SDK pages by 100. */
export const CONNECTED_ACCOUNTS_PAGE_SIZE = 100;

/** The fields people act on, flat and under Composio's own names. */
export function simplifyAccount(account: IDataObject): IDataObject {
	const toolkit = account.toolkit as IDataObject | undefined;
	const authConfig = account.auth_config as IDataObject | undefined;
	return {
		id: account.id,
		user_id: account.user_id ?? null,
		toolkit: toolkit?.slug ?? null,
		alias: account.alias ?? null,
		status: account.status,
		status_reason: account.status_reason ?? null,
		is_disabled: account.is_disabled ?? false,
		auth_config_id: authConfig?.id ?? null,
		created_at: account.created_at ?? null,
		updated_at: account.updated_at ?? null,
	};
}

export interface AccountFilters {
	user_ids?: string[];
	statuses?: string[];
	toolkit_slugs?: string[];
	auth_config_ids?: string[];
	connected_account_ids?: string[];
}

/**
 * Reads the shared "Filters" collection (user IDs, statuses, toolkits, auth configs, account IDs)
 * into the list endpoint's query, validating each value before any request.
 */
export function readAccountFilters(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'filters',
): AccountFilters {
	const raw = this.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	return parseAccountFilters(this.getNode(), raw, itemIndex);
}

/** Connected account statuses from a multi-select or an expression (any case); may be empty. */
export function parseStatuses(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
): AccountStatus[] {
	const statuses = parseList(node, field, value, itemIndex).map((s) => s.toUpperCase());
	for (const status of statuses) {
		if (!(ACCOUNT_STATUSES as readonly string[]).includes(status)) {
			throw inputError(
				node,
				field,
				`"${status}" is not a connected account status`,
				itemIndex,
				`Use one or more of ${ACCOUNT_STATUSES.join(', ')}.`,
			);
		}
	}
	return statuses as AccountStatus[];
}

/**
 * The "Filters" collection's value (as any context reads it, e.g. a poll's `getNodeParameter`)
 * turned into the list endpoint's query, each value validated.
 */
export function parseAccountFilters(node: INode, raw: IDataObject, itemIndex = 0): AccountFilters {
	const filters: AccountFilters = {};
	const userIds = parseList(node, 'Filters → User IDs', raw.userIds, itemIndex);
	if (userIds.length) filters.user_ids = userIds;
	const statuses = parseStatuses(node, 'Filters → Statuses', raw.statuses, itemIndex);
	if (statuses.length) filters.statuses = statuses;
	const toolkits = parseList(node, 'Filters → Toolkits', raw.toolkitSlugs, itemIndex).map((s) =>
		s.toLowerCase(),
	);
	if (toolkits.length) filters.toolkit_slugs = toolkits;
	const authConfigs = parseList(node, 'Filters → Auth Configs', raw.authConfigIds, itemIndex).map(
		(id) => requireId(node, 'Filters → Auth Configs', id, 'ac', itemIndex),
	);
	if (authConfigs.length) filters.auth_config_ids = authConfigs;
	const accountIds = parseList(
		node,
		'Filters → Connected Account IDs',
		raw.connectedAccountIds,
		itemIndex,
	).map((id) => requireId(node, 'Filters → Connected Account IDs', id, 'ca', itemIndex));
	if (accountIds.length) filters.connected_account_ids = accountIds;
	return filters;
}

/** One connected account (the full object, with `state` and `params`). */
export async function getConnectedAccount(
	this: ComposioContext,
	id: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: `${CONNECTED_ACCOUNTS_PATH}/${encodeURIComponent(id)}`,
		itemIndex,
	})) as IDataObject;
}

export interface ConnectLinkRequest {
	userId: string;
	authConfigId: string;
	callbackUrl?: string;
	alias?: string;
	connectionData?: IDataObject;
}

export interface ConnectLink {
	link_token: string;
	redirect_url: string;
	expires_at: string;
	connected_account_id: string;
}

/**
 * Creates a Connect Link: Composio creates an INITIATED account at once and hosts the sign-in page
 * (10 minutes). Not idempotent (each call makes a new account), so it is retried only on 429.
 */
export async function createConnectLink(
	this: ComposioContext,
	request: ConnectLinkRequest,
	itemIndex?: number,
): Promise<ConnectLink> {
	const body: IDataObject = { auth_config_id: request.authConfigId, user_id: request.userId };
	if (request.callbackUrl) body.callback_url = request.callbackUrl;
	if (request.alias) body.alias = request.alias;
	if (request.connectionData && Object.keys(request.connectionData).length) {
		body.connection_data = request.connectionData;
	}
	return (await composioApiRequest.call(this, {
		method: 'POST',
		path: `${CONNECTED_ACCOUNTS_PATH}/link`,
		body,
		itemIndex,
	})) as unknown as ConnectLink;
}
