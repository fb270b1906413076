import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	CONNECTED_ACCOUNTS_PAGE_SIZE,
	CONNECTED_ACCOUNTS_PATH,
} from '../../shared/api/connectedAccounts';
import type { ComposioResponse } from '../../shared/transport';
import {
	composioApiRequest,
	composioApiRequestAllItems,
	composioRequest,
} from '../../shared/transport';
import type { RunCache } from './cache';

export type AccountMode = 'default' | 'specific' | 'alias';

export interface AccountRequest {
	mode: AccountMode;
	userId: string;
	/** The tool's toolkit slug (lower case). */
	toolkit: string;
	tool: string;
	itemIndex: number;
	connectedAccountId?: string;
	alias?: string;
	/** User's Default only: fail instead of picking when the user has several ACTIVE accounts. */
	requireSingle?: boolean;
}

export type AccountResolution =
	| {
			kind: 'account';
			account: IDataObject;
			/** User's Default: the user's other ACTIVE accounts of the toolkit (not chosen), newest first. */
			others?: IDataObject[];
	  }
	/**
	 * No ACTIVE account the mode could use; `accounts` are the user's accounts of the toolkit. By
	 * Alias: `account` is the account holding the alias when it exists but cannot run tools
	 * (EXPIRED, FAILED, REVOKED, or a pending INITIATED/INITIALIZING one).
	 */
	| { kind: 'notConnected'; accounts: IDataObject[]; alias?: string; account?: IDataObject };

const ADVICE: Record<string, string> = {
	INACTIVE:
		'It is disabled (paused). Enable it with the Composio Connected Account node, or choose another account.',
	EXPIRED:
		'Its credentials expired. The user has to connect again: create a Connect Link (Composio Connected Account node) and send it to them.',
	FAILED: 'The connection attempt failed. The user has to connect again with a new Connect Link.',
	REVOKED: 'Its tokens were revoked. The user has to connect again with a new Connect Link.',
	INITIATED:
		'The user has not finished connecting it yet. Wait until they complete the Connect Link, or send a new one.',
	INITIALIZING:
		'The connection is still being set up. Wait until it becomes ACTIVE, or send the user a new Connect Link.',
};

/**
 * The user an account reports, or undefined when it reports none. Composio marks the account's
 * `user_id` deprecated ("will not be providing userId from this api anymore", `@composio/client`
 * types), so `null`, absent and empty all mean "not said" — never "another user".
 */
export function reportedUserId(account: IDataObject): string | undefined {
	const userId = account.user_id;
	return typeof userId === 'string' && userId !== '' ? userId : undefined;
}

function toolkitOf(account: IDataObject): string | undefined {
	const slug = (account.toolkit as IDataObject | undefined)?.slug;
	return typeof slug === 'string' ? slug.toLowerCase() : undefined;
}

/** `ca_… (alias "work", ACTIVE, created 2026-03-02)` */
export function describeAccount(account: IDataObject): string {
	const parts: string[] = [];
	if (account.alias) parts.push(`alias "${String(account.alias)}"`);
	parts.push(String(account.status));
	if (typeof account.created_at === 'string')
		parts.push(`created ${account.created_at.slice(0, 10)}`);
	return `${String(account.id)} (${parts.join(', ')})`;
}

function createdAt(account: IDataObject): number {
	const time = typeof account.created_at === 'string' ? Date.parse(account.created_at) : NaN;
	return Number.isNaN(time) ? 0 : time;
}

/** ACTIVE accounts, most recent first: the order in which Composio picks a user's account. */
export function activeAccountsNewestFirst(accounts: IDataObject[]): IDataObject[] {
	return accounts
		.map((account, index) => ({ account, index }))
		.filter(({ account }) => account.status === 'ACTIVE')
		.sort((a, b) => createdAt(b.account) - createdAt(a.account) || a.index - b.index)
		.map(({ account }) => account);
}

/** Every connected account of a user for one toolkit, newest first (all pages, all statuses). */
export async function userToolkitAccounts(
	this: IExecuteFunctions,
	cache: RunCache,
	userId: string,
	toolkit: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await cache.get(`accounts:${userId}\u0000${toolkit}`, async () => {
		const accounts = await composioApiRequestAllItems.call(
			this,
			CONNECTED_ACCOUNTS_PATH,
			{
				user_ids: [userId],
				toolkit_slugs: [toolkit],
				order_by: 'created_at',
				order_direction: 'desc',
			},
			{ pageSize: CONNECTED_ACCOUNTS_PAGE_SIZE, itemIndex },
		);
		// The server-side `user_ids` filter decides whose accounts these are; a reported user_id
		// that contradicts it (never expected) is still left out.
		return accounts.filter(
			(a) =>
				(reportedUserId(a) === undefined || reportedUserId(a) === userId) &&
				(toolkitOf(a) === undefined || toolkitOf(a) === toolkit),
		);
	});
}

function notActiveError(
	ctx: IExecuteFunctions,
	field: string,
	account: IDataObject,
	itemIndex: number,
): NodeOperationError {
	const status = String(account.status);
	const reason = account.status_reason ? ` Reason: ${String(account.status_reason)}.` : '';
	return new NodeOperationError(
		ctx.getNode(),
		`${field}: connected account ${String(account.id)} is ${status}, not ACTIVE`,
		{
			itemIndex,
			description: `${ADVICE[status] ?? 'Only ACTIVE accounts can run tools.'}${reason}`,
		},
	);
}

async function specificAccount(
	this: IExecuteFunctions,
	cache: RunCache,
	request: AccountRequest,
): Promise<IDataObject> {
	const id = request.connectedAccountId as string;
	const { itemIndex } = request;
	const field = 'Connected Account';
	const response = await cache.get<ComposioResponse>(
		`account:${id}`,
		async () =>
			(await composioRequest.call(this, {
				method: 'GET',
				path: `${CONNECTED_ACCOUNTS_PATH}/${encodeURIComponent(id)}`,
				acceptStatuses: [404],
				itemIndex,
			})) as ComposioResponse,
	);
	if (response.statusCode === 404) {
		throw new NodeOperationError(
			this.getNode(),
			`${field}: connected account ${id} does not exist`,
			{
				itemIndex,
				description:
					'It may have been deleted, or it belongs to another Composio project than the API key of the credential.',
			},
		);
	}
	const account = response.body;
	const owner = reportedUserId(account);
	const belongs =
		owner !== undefined
			? owner === request.userId
			: await listedForUser.call(this, cache, id, request.userId, itemIndex);
	if (!belongs) {
		throw new NodeOperationError(
			this.getNode(),
			`${field}: connected account ${id} belongs to another user, not to "${request.userId}"`,
			{
				itemIndex,
				description:
					'A tool only runs with an account of the user it runs for. Check User ID, or choose one of this user’s accounts.',
			},
		);
	}
	const toolkit = toolkitOf(account);
	if (toolkit !== undefined && toolkit !== request.toolkit) {
		throw new NodeOperationError(
			this.getNode(),
			`${field}: connected account ${id} is a ${toolkit} account, but ${request.tool} needs a ${request.toolkit} account`,
			{ itemIndex, description: `Choose one of the user’s ${request.toolkit} accounts.` },
		);
	}
	if (account.status !== 'ACTIVE') throw notActiveError(this, field, account, itemIndex);
	return account;
}

/**
 * Whether Composio lists the account under the user (server-side `user_ids` filter): how ownership
 * is checked when the account does not report its `user_id` (deprecated, may be null or absent).
 */
async function listedForUser(
	this: IExecuteFunctions,
	cache: RunCache,
	id: string,
	userId: string,
	itemIndex: number,
): Promise<boolean> {
	return await cache.get(`owner:${id}\u0000${userId}`, async () => {
		const page = (await composioApiRequest.call(this, {
			method: 'GET',
			path: CONNECTED_ACCOUNTS_PATH,
			qs: { user_ids: [userId], connected_account_ids: [id], limit: 1 },
			itemIndex,
		})) as IDataObject;
		const items = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
		return items.some((a) => a.id === id);
	});
}

/** Whether the alias names the account: ignoring case (an exact match wins, see resolveAccount). */
function sameAliasIgnoringCase(account: IDataObject, alias: string): boolean {
	return typeof account.alias === 'string' && account.alias.toLowerCase() === alias.toLowerCase();
}

/**
 * Chooses the connected account a tool runs with, and checks it before anything runs: it exists,
 * belongs to the user, is of the tool's toolkit and is ACTIVE.
 *
 * - User's Default: the user's most recent ACTIVE account of the toolkit (Composio's own rule),
 *   resolved here so the request names it and the output can say which account ran.
 * - Specific Account: that account.
 * - By Alias: the user's only account of the toolkit with that alias, ignoring case; when aliases
 *   differ only in case, the exact one wins.
 *
 * When no usable account exists the result is `notConnected` (the caller errors, or offers a link);
 * an aliased account that is disabled (INACTIVE) is an error, as the user can enable it.
 */
export async function resolveAccount(
	this: IExecuteFunctions,
	cache: RunCache,
	request: AccountRequest,
): Promise<AccountResolution> {
	if (request.mode === 'specific') {
		return { kind: 'account', account: await specificAccount.call(this, cache, request) };
	}
	const { itemIndex, userId, toolkit } = request;
	const accounts = await userToolkitAccounts.call(this, cache, userId, toolkit, itemIndex);

	if (request.mode === 'alias') {
		const alias = request.alias as string;
		// Ignoring case (people type "Work" for "work"); aliases are unique per user and toolkit but
		// case-sensitively, so when "Work" and "work" both exist the exact one is meant.
		const exact = accounts.filter((a) => a.alias === alias);
		const matches = exact.length ? exact : accounts.filter((a) => sameAliasIgnoringCase(a, alias));
		if (matches.length === 0) return { kind: 'notConnected', accounts, alias };
		if (matches.length > 1) {
			throw new NodeOperationError(
				this.getNode(),
				`Account Alias: "${alias}" matches ${matches.length} ${toolkit} accounts of user "${userId}"`,
				{
					itemIndex,
					description: `Matching accounts: ${matches.map(describeAccount).join('; ')}. Choose one with "Specific Account", or give the accounts different aliases.`,
				},
			);
		}
		const [account] = matches;
		if (account.status === 'INACTIVE') {
			throw notActiveError(this, 'Account Alias', account, itemIndex);
		}
		if (account.status !== 'ACTIVE') return { kind: 'notConnected', accounts, alias, account };
		return { kind: 'account', account };
	}

	const active = activeAccountsNewestFirst(accounts);
	if (active.length === 0) return { kind: 'notConnected', accounts };
	if (request.requireSingle && active.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Account: user "${userId}" has ${active.length} ACTIVE ${toolkit} accounts, so the choice is ambiguous`,
			{
				itemIndex,
				description: `ACTIVE accounts: ${active.map(describeAccount).join('; ')}. Choose one "By Alias" or as "Specific Account", or turn off "Fail When Several Accounts Match" to use the most recent one.`,
			},
		);
	}
	return { kind: 'account', account: active[0], others: active.slice(1) };
}

/** The error for "no usable account" when no Connect Link is to be offered. */
export function notConnectedError(
	ctx: IExecuteFunctions,
	request: AccountRequest,
	accounts: IDataObject[],
	alias?: string,
	aliasAccount?: IDataObject,
): NodeOperationError {
	const { userId, toolkit, itemIndex } = request;
	if (aliasAccount) return notActiveError(ctx, 'Account Alias', aliasAccount, itemIndex);
	const others = accounts.length
		? `The user's ${toolkit} accounts: ${accounts.map(describeAccount).join('; ')}.`
		: `The user has no ${toolkit} account at all.`;
	if (alias !== undefined) {
		return new NodeOperationError(
			ctx.getNode(),
			`Account Alias: user "${userId}" has no ${toolkit} account with the alias "${alias}"`,
			{
				itemIndex,
				description: `${others} Aliases are matched ignoring case. Turn on "Return Connect Link When Not Connected" to offer the user a link that creates the account with this alias.`,
			},
		);
	}
	const inactive = accounts.find((a) => a.status === 'INACTIVE');
	return new NodeOperationError(
		ctx.getNode(),
		`Account: user "${userId}" has no ACTIVE ${toolkit} account`,
		{
			itemIndex,
			description: inactive
				? `${others} ${ADVICE.INACTIVE}`
				: `${others} Connect one with a Connect Link (Composio Connected Account node), or turn on "Return Connect Link When Not Connected".`,
		},
	);
}
