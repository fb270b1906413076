import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	findConnectedAccount,
	listConnectedAccounts,
	listConnectedAccountsPage,
} from '../api/connectedAccounts';
import { toolkitSlugOf } from '../api/toolkits';
import type { ConnectedAccount } from '../api/types';
import type { RunCache } from './cache';
import { describeAccount, notActiveError } from './errors';

export type AccountMode = 'default' | 'specific' | 'alias';

/** The Account parameters of one item: the mode and what it names. */
export interface AccountChoice {
	mode: AccountMode;
	/** Specific Account: the `ca_…` ID. */
	connectedAccountId?: string;
	/** By Alias: the alias as typed. */
	alias?: string;
}

export interface AccountRequest extends AccountChoice {
	userId: string;
	/** The toolkit slug (lower case). */
	toolkit: string;
	/** How the node names what needs the account in messages, e.g. a tool slug or "Proxy Request". */
	tool: string;
	itemIndex: number;
	/** User's Default only: fail instead of picking when the user has several ACTIVE accounts. */
	requireSingle?: boolean;
}

export type AccountResolution =
	| {
			kind: 'account';
			account: ConnectedAccount;
			/** User's Default: the user's other ACTIVE accounts of the toolkit (not chosen), newest first. */
			others?: ConnectedAccount[];
	  }
	/**
	 * No ACTIVE account the mode could use; `accounts` are the user's accounts of the toolkit. By
	 * Alias: `account` is the account holding the alias when it exists but cannot run tools
	 * (EXPIRED, FAILED, REVOKED, or a pending INITIATED/INITIALIZING one).
	 */
	| {
			kind: 'notConnected';
			accounts: ConnectedAccount[];
			alias?: string;
			account?: ConnectedAccount;
	  };

/**
 * The user an account reports, or undefined when it reports none. Composio marks the account's
 * `user_id` deprecated ("will not be providing userId from this api anymore", `@composio/client`
 * types), so `null`, absent and empty all mean "not said" — never "another user".
 */
export function reportedUserId(account: ConnectedAccount): string | undefined {
	const userId = account.user_id;
	return typeof userId === 'string' && userId !== '' ? userId : undefined;
}

function createdAt(account: ConnectedAccount): number {
	const time = typeof account.created_at === 'string' ? Date.parse(account.created_at) : NaN;
	return Number.isNaN(time) ? 0 : time;
}

/**
 * ACTIVE accounts, most recent first: the order in which Composio picks a user's account. The sort
 * is stable, so accounts created at the same time keep the order Composio listed them in.
 */
export function activeAccountsNewestFirst(accounts: ConnectedAccount[]): ConnectedAccount[] {
	return accounts
		.filter((account) => account.status === 'ACTIVE')
		.sort((a, b) => createdAt(b) - createdAt(a));
}

/** Every connected account of a user for one toolkit, newest first (all pages, all statuses). */
export async function userToolkitAccounts(
	this: IExecuteFunctions,
	cache: RunCache,
	userId: string,
	toolkit: string,
	itemIndex: number,
): Promise<ConnectedAccount[]> {
	return await cache.get(`accounts:${userId}\u0000${toolkit}`, async () => {
		const accounts = await listConnectedAccounts.call(
			this,
			{
				user_ids: [userId],
				toolkit_slugs: [toolkit],
				order_by: 'created_at',
				order_direction: 'desc',
			},
			{ itemIndex },
		);
		// The server-side `user_ids` filter decides whose accounts these are; a reported user_id
		// that contradicts it (never expected) is still left out.
		return accounts.filter(
			(a) =>
				(reportedUserId(a) === undefined || reportedUserId(a) === userId) &&
				(toolkitSlugOf(a) === undefined || toolkitSlugOf(a) === toolkit),
		);
	});
}

async function specificAccount(
	this: IExecuteFunctions,
	cache: RunCache,
	request: AccountRequest,
): Promise<ConnectedAccount> {
	const id = request.connectedAccountId as string;
	const { itemIndex } = request;
	const field = 'Connected Account';
	const account = await cache.get(
		`account:${id}`,
		async () => await findConnectedAccount.call(this, id),
	);
	if (account === null) {
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
	const toolkit = toolkitSlugOf(account);
	if (toolkit !== undefined && toolkit !== request.toolkit) {
		throw new NodeOperationError(
			this.getNode(),
			`${field}: connected account ${id} is a ${toolkit} account, but ${request.tool} needs a ${request.toolkit} account`,
			{ itemIndex, description: `Choose one of the user’s ${request.toolkit} accounts.` },
		);
	}
	if (account.status !== 'ACTIVE') throw notActiveError.call(this, field, account, itemIndex);
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
		const page = await listConnectedAccountsPage.call(
			this,
			{ user_ids: [userId], connected_account_ids: [id], limit: 1 },
			itemIndex,
		);
		return (page.items ?? []).some((a) => a.id === id);
	});
}

/** Whether the alias names the account: ignoring case (an exact match wins, see resolveAccount). */
function sameAliasIgnoringCase(account: ConnectedAccount, alias: string): boolean {
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
			throw notActiveError.call(this, 'Account Alias', account, itemIndex);
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
