import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { CONNECTED_ACCOUNTS_PATH } from '../connectedAccounts';
import { composioApiRequest } from '../transport';

interface Page {
	items?: IDataObject[];
	next_cursor?: string | null;
}

function matches(filter: string | undefined, ...fields: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return fields.some((field) => typeof field === 'string' && field.toLowerCase().includes(needle));
}

function shortDate(value: unknown): string {
	return typeof value === 'string' ? value.slice(0, 10) : '';
}

/** How a connected account reads in a list: toolkit, alias (or word ID), status, user, creation date. */
export function accountListItem(account: IDataObject): INodeListSearchItems {
	const toolkit = (account.toolkit as IDataObject | undefined)?.slug ?? '?';
	const label = (account.alias as string) || (account.word_id as string) || (account.id as string);
	const created = shortDate(account.created_at);
	return {
		name: `${toolkit} · ${label} · ${account.status} · ${account.user_id ?? ''}${created ? ` · created ${created}` : ''}`,
		value: account.id as string,
	};
}

/**
 * Connected accounts for a resource locator. The API has no text search for accounts, so each page is
 * filtered here by ID, user, alias, word ID, toolkit or status; an exact `ca_…` is looked up directly.
 * `narrow` lets a node restrict the list (e.g. to one user and toolkit).
 */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	narrow: IDataObject = {},
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const qs: IDataObject = { ...narrow, limit: 100, cursor: paginationToken };
	if (text && /^ca_[A-Za-z0-9_-]+$/.test(text)) qs.connected_account_ids = [text];
	const page = await composioApiRequest.call(this, {
		method: 'GET',
		path: CONNECTED_ACCOUNTS_PATH,
		qs,
	});
	const { items = [], next_cursor } = page as Page;
	const results = items
		.filter((a) =>
			qs.connected_account_ids
				? true
				: matches(
						text,
						a.id,
						a.user_id,
						a.alias,
						a.word_id,
						(a.toolkit as IDataObject | undefined)?.slug,
						a.status,
					),
		)
		.map(accountListItem);
	return { results, paginationToken: next_cursor ?? undefined };
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
	const page = (await composioApiRequest.call(this, {
		method: 'GET',
		path: '/auth_configs',
		qs: {
			limit: 50,
			cursor: paginationToken,
			search: filter?.trim() || undefined,
		},
	})) as Page;
	const results = (page.items ?? []).map((config) => {
		const toolkit = (config.toolkit as IDataObject | undefined)?.slug ?? '?';
		const scheme = config.auth_scheme ? `, ${config.auth_scheme}` : '';
		const managed = config.is_composio_managed ? ', Composio-managed' : '';
		return {
			name: `${config.name ?? config.id} (${toolkit}${scheme}${managed})`,
			value: config.id as string,
		};
	});
	return { results, paginationToken: page.next_cursor ?? undefined };
}

export async function searchToolkits(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	// The toolkits endpoint searches only from 3 characters on; shorter text filters this page instead.
	const page = (await composioApiRequest.call(this, {
		method: 'GET',
		path: '/toolkits',
		qs: {
			limit: 100,
			cursor: paginationToken,
			search: text.length >= 3 ? text : undefined,
		},
	})) as Page;
	const results = (page.items ?? [])
		.filter((t) => text.length >= 3 || matches(text, t.slug, t.name))
		.map((toolkit) => ({
			name: `${toolkit.name ?? toolkit.slug}`,
			value: toolkit.slug as string,
		}));
	return { results, paginationToken: page.next_cursor ?? undefined };
}
