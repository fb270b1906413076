import type { IDataObject } from 'n8n-workflow';

import type { ComposioContext, PageOptions } from '../transport';
import {
	composioApiRequest,
	composioApiRequestAllItems,
	composioPages,
	composioRequest,
} from '../transport';
import type { ConnectedAccount, Page } from './types';

/** Composio's connected accounts: every call to `/connected_accounts` is in this module. */
export const CONNECTED_ACCOUNTS_PATH = '/connected_accounts';

/** Composio does not document a maximum for this list; its SDK pages by 100. */
export const CONNECTED_ACCOUNTS_PAGE_SIZE = 100;

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

const accountPath = (id: string, action = '') =>
	`${CONNECTED_ACCOUNTS_PATH}/${encodeURIComponent(id)}${action}`;

/** The fields people act on, flat and under Composio's own names. */
export function simplifyAccount(account: ConnectedAccount): IDataObject {
	return {
		id: account.id,
		user_id: account.user_id ?? null,
		toolkit: account.toolkit?.slug ?? null,
		alias: account.alias ?? null,
		status: account.status,
		status_reason: account.status_reason ?? null,
		is_disabled: account.is_disabled ?? false,
		auth_config_id: account.auth_config?.id ?? null,
		created_at: account.created_at ?? null,
		updated_at: account.updated_at ?? null,
	};
}

/** One connected account (the full object, with `state` and `params`). */
export async function getConnectedAccount(
	this: ComposioContext,
	id: string,
	itemIndex?: number,
): Promise<ConnectedAccount> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: accountPath(id),
		itemIndex,
	})) as ConnectedAccount;
}

/** One connected account, or null when Composio answers 404 (deleted or never existed). */
export async function findConnectedAccount(
	this: ComposioContext,
	id: string,
): Promise<ConnectedAccount | null> {
	const response = await composioRequest.call(this, {
		method: 'GET',
		path: accountPath(id),
		acceptStatuses: [404],
	});
	return response.statusCode === 404 ? null : (response.body as ConnectedAccount);
}

/** One page of the list (`limit`, `cursor` and the filters in `qs`). */
export async function listConnectedAccountsPage(
	this: ComposioContext,
	qs: IDataObject,
	itemIndex?: number,
): Promise<Page<ConnectedAccount>> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: CONNECTED_ACCOUNTS_PATH,
		qs,
		itemIndex,
	})) as unknown as Page<ConnectedAccount>;
}

/** Every matching account (or the first `options.max`), in pages of CONNECTED_ACCOUNTS_PAGE_SIZE. */
export async function listConnectedAccounts(
	this: ComposioContext,
	qs: IDataObject,
	options: PageOptions = {},
): Promise<ConnectedAccount[]> {
	return (await composioApiRequestAllItems.call(this, CONNECTED_ACCOUNTS_PATH, qs, {
		pageSize: CONNECTED_ACCOUNTS_PAGE_SIZE,
		...options,
	})) as ConnectedAccount[];
}

/** The matching accounts page by page, for callers that stop early or look at each page. */
export function connectedAccountPages(
	this: ComposioContext,
	qs: IDataObject,
	options: PageOptions = {},
): AsyncGenerator<IDataObject[]> {
	return composioPages.call(this, CONNECTED_ACCOUNTS_PATH, qs, {
		pageSize: CONNECTED_ACCOUNTS_PAGE_SIZE,
		...options,
	});
}

/** `PATCH /connected_accounts/{id}` (e.g. `{alias}`; an empty alias clears it). */
export async function updateConnectedAccount(
	this: ComposioContext,
	id: string,
	body: IDataObject,
	itemIndex?: number,
): Promise<void> {
	await composioApiRequest.call(this, { method: 'PATCH', path: accountPath(id), body, itemIndex });
}

/** `PATCH /connected_accounts/{id}/status` `{enabled}`: Composio answers only `{success}`. */
export async function setConnectedAccountEnabled(
	this: ComposioContext,
	id: string,
	enabled: boolean,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	return (await composioApiRequest.call(this, {
		method: 'PATCH',
		path: accountPath(id, '/status'),
		body: { enabled },
		itemIndex,
	})) as IDataObject | undefined;
}

/**
 * `DELETE /connected_accounts/{id}`; with `acceptNotFound` a 404 is answered, not raised. `attempts`
 * above 1 means an earlier attempt may have deleted it with its answer lost.
 */
export async function deleteConnectedAccount(
	this: ComposioContext,
	id: string,
	acceptNotFound: boolean,
	itemIndex?: number,
): Promise<{ statusCode: number; attempts: number }> {
	const { statusCode, attempts } = await composioRequest.call(this, {
		method: 'DELETE',
		path: accountPath(id),
		acceptStatuses: acceptNotFound ? [404] : undefined,
		itemIndex,
	});
	return { statusCode, attempts };
}

export interface RefreshResponse {
	id?: string;
	status?: string;
	redirect_url?: string | null;
}

/** `POST /connected_accounts/{id}/refresh` (deprecated by Composio). */
export async function refreshConnectedAccount(
	this: ComposioContext,
	id: string,
	redirectUrl: string | undefined,
	itemIndex?: number,
): Promise<RefreshResponse> {
	return (await composioApiRequest.call(this, {
		method: 'POST',
		path: accountPath(id, '/refresh'),
		qs: { redirect_url: redirectUrl },
		itemIndex,
	})) as RefreshResponse;
}

export interface RevokeResponse {
	revoked_tokens?: string[];
	connected_account?: { id?: string; status?: string };
}

/**
 * `POST /connected_accounts/{id}/revoke`: revokes the tokens at the provider and marks the account
 * REVOKED. Composio accepts only ACTIVE accounts (an already REVOKED one answers with no tokens); every
 * other status is a 409 "Connection is not in a revokable state", and a toolkit that cannot revoke is a
 * 400 (API changelog 2026-05-12). Repeating it is harmless, so it is retried like a read.
 */
export async function revokeConnectedAccount(
	this: ComposioContext,
	id: string,
	itemIndex?: number,
): Promise<RevokeResponse> {
	return (await composioApiRequest.call(this, {
		method: 'POST',
		path: accountPath(id, '/revoke'),
		retry: 'idempotent',
		itemIndex,
	})) as RevokeResponse;
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

export interface InitiateResponse {
	id: string;
	connectionData?: { authScheme?: string; val?: IDataObject };
	status?: string;
	redirect_url?: string | null;
}

/** `POST /connected_accounts`: creates an account from credentials (`{auth_config, connection}`). */
export async function initiateConnectedAccount(
	this: ComposioContext,
	body: IDataObject,
	itemIndex?: number,
): Promise<InitiateResponse> {
	return (await composioApiRequest.call(this, {
		method: 'POST',
		path: CONNECTED_ACCOUNTS_PATH,
		body,
		itemIndex,
	})) as unknown as InitiateResponse;
}
