import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { AUTH_CONFIGS_PAGE_SIZE, listAuthConfigsPage } from '../api/authConfigs';
import { listConnectedAccountsPage } from '../api/connectedAccounts';
import { listToolkitsPage } from '../api/toolkits';
import type { AuthConfig, ConnectedAccount } from '../api/types';

function matches(filter: string | undefined, ...fields: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return fields.some((field) => typeof field === 'string' && field.toLowerCase().includes(needle));
}

function shortDate(value: unknown): string {
	return typeof value === 'string' ? value.slice(0, 10) : '';
}

/** How a connected account reads in a list: toolkit, alias (or word ID), status, user, creation date. */
export function accountListItem(account: ConnectedAccount): INodeListSearchItems {
	const toolkit = account.toolkit?.slug ?? '?';
	const label = account.alias || account.word_id || account.id;
	const created = shortDate(account.created_at);
	return {
		name: `${toolkit} · ${label} · ${account.status} · ${account.user_id ?? ''}${created ? ` · created ${created}` : ''}`,
		value: account.id,
	};
}

/** How many of the newest accounts a text search looks through before it gives up (20 pages of 100). */
export const ACCOUNT_SEARCH_SCAN_LIMIT = 2000;
const SEARCH_PAGE_SIZE = 100;

/** Where a search continues: the exact-user lookup, or the scan (with how many it has read). */
interface SearchState {
	mode: 'user' | 'scan';
	cursor?: string;
	scanned: number;
}

function readToken(token: string | undefined): SearchState | undefined {
	if (!token) return undefined;
	try {
		const state = JSON.parse(token) as SearchState;
		if (state && (state.mode === 'user' || state.mode === 'scan')) return state;
	} catch {
		// An older token: a bare Composio cursor of the scan.
	}
	return { mode: 'scan', cursor: token, scanned: 0 };
}

const writeToken = (state: SearchState) => JSON.stringify(state);

async function listPage(
	this: ILoadOptionsFunctions,
	qs: IDataObject,
): Promise<{ items: ConnectedAccount[]; next?: string }> {
	const page = await listConnectedAccountsPage.call(this, { ...qs, limit: SEARCH_PAGE_SIZE });
	return { items: page.items ?? [], next: page.next_cursor ?? undefined };
}

/**
 * Connected accounts for a resource locator. The API has no text search for accounts, so:
 * a full `ca_…` ID is looked up directly (connected_account_ids); other text is first tried as a user
 * ID (user_ids, exact, all of that user's accounts); then the newest accounts are read page by page
 * and matched here by part of the ID, user, alias, word ID, toolkit or status. Each answer keeps
 * reading until it has a match (so n8n, which asks for the next page only when it shows results,
 * never stops at an empty page), up to ACCOUNT_SEARCH_SCAN_LIMIT accounts in all.
 * `narrow` lets a node restrict the list (e.g. to one user and toolkit).
 */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	narrow: IDataObject = {},
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	let state = readToken(paginationToken);
	if (!text) {
		const page = await listPage.call(this, { ...narrow, cursor: state?.cursor });
		return {
			results: page.items.map(accountListItem),
			paginationToken: page.next
				? writeToken({ mode: 'scan', cursor: page.next, scanned: 0 })
				: undefined,
		};
	}
	if (!state && /^ca_[A-Za-z0-9_-]{4,64}$/.test(text)) {
		const exact = await listPage.call(this, { ...narrow, connected_account_ids: [text] });
		if (exact.items.length) return { results: exact.items.map(accountListItem) };
		// Not a whole ID: search for it as part of one.
	}
	const userLookup = narrow.user_ids === undefined && !text.startsWith('ca_') && !/\s/.test(text);
	if (!state) state = userLookup ? { mode: 'user', scanned: 0 } : { mode: 'scan', scanned: 0 };
	if (state.mode === 'user') {
		const page = await listPage.call(this, { ...narrow, user_ids: [text], cursor: state.cursor });
		const next: SearchState = page.next
			? { mode: 'user', cursor: page.next, scanned: 0 }
			: { mode: 'scan', scanned: 0 };
		if (page.items.length) {
			return { results: page.items.map(accountListItem), paginationToken: writeToken(next) };
		}
		state = next;
	}
	const results: INodeListSearchItems[] = [];
	let { cursor, scanned } = state;
	while (scanned < ACCOUNT_SEARCH_SCAN_LIMIT) {
		const page = await listPage.call(this, { ...narrow, cursor });
		scanned += page.items.length;
		for (const account of page.items) {
			// Accounts of exactly this user were listed by the user lookup already.
			if (userLookup && account.user_id === text) continue;
			if (
				matches(
					text,
					account.id,
					account.user_id,
					account.alias,
					account.word_id,
					account.toolkit?.slug,
					account.status,
				)
			) {
				results.push(accountListItem(account));
			}
		}
		cursor = page.next;
		if (!cursor || results.length) break;
	}
	const more = cursor !== undefined && scanned < ACCOUNT_SEARCH_SCAN_LIMIT;
	return {
		results,
		paginationToken: more ? writeToken({ mode: 'scan', cursor, scanned }) : undefined,
	};
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * How an auth config reads in a list: its name, then only what the name does not already say
 * (toolkit, auth scheme, Composio-managed), so the label stays short and never repeats itself; the
 * whole picture (toolkit, scheme, who owns the app, ID) is the option's description.
 */
export function authConfigOption(config: AuthConfig): INodeListSearchItems {
	const id = String(config.id);
	const name = String(config.name || id);
	const toolkit = String(config.toolkit?.slug ?? '');
	const scheme = config.auth_scheme ? String(config.auth_scheme) : '';
	const managed = config.is_composio_managed === true;
	const said = squash(name);
	const extras = [toolkit, scheme, managed ? 'Composio-managed' : ''].filter(
		(part) => part && !said.includes(squash(part)),
	);
	return {
		name: extras.length ? `${name} · ${extras.join(' · ')}` : name,
		value: id,
		description: [
			toolkit || 'unknown toolkit',
			scheme,
			managed ? 'Composio-managed app' : 'your own app',
			id,
		]
			.filter(Boolean)
			.join(' · '),
	};
}

export async function searchConnectedAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchAccounts.call(this, filter, paginationToken);
}

export async function searchAuthConfigs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await listAuthConfigsPage.call(this, {
		limit: AUTH_CONFIGS_PAGE_SIZE,
		cursor: paginationToken,
		search: filter?.trim() || undefined,
	});
	const results = (page.items ?? []).map(authConfigOption);
	return { results, paginationToken: page.next_cursor ?? undefined };
}

export async function searchToolkits(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	// The toolkits endpoint searches only from 3 characters on; shorter text filters this page instead.
	const page = await listToolkitsPage.call(this, {
		limit: 100,
		cursor: paginationToken,
		search: text.length >= 3 ? text : undefined,
	});
	const results = (page.items ?? [])
		.filter((t) => text.length >= 3 || matches(text, t.slug, t.name))
		.map((toolkit) => ({
			name: `${toolkit.name ?? toolkit.slug}`,
			value: toolkit.slug,
		}));
	return { results, paginationToken: page.next_cursor ?? undefined };
}
