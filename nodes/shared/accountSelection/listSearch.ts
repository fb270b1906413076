import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchAccounts } from '../methods/listSearch';
import { AUTH_CONFIGS_PAGE_SIZE, listAuthConfigsPage } from '../api/authConfigs';
import { currentParameter } from './editor';

/**
 * The accounts "Specific Account" can use: those of the user in the User ID parameter (when it is
 * plain text) and of the toolkit, with alias, status and creation date.
 */
export async function searchUserAccounts(
	this: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	toolkit: string | undefined,
): Promise<INodeListSearchResult> {
	const narrow: IDataObject = {};
	const userId = currentParameter.call(this, 'userId');
	if (userId) narrow.user_ids = [userId];
	if (toolkit) narrow.toolkit_slugs = [toolkit];
	return await searchAccounts.call(this, filter, paginationToken, narrow);
}

/** The toolkit's auth configs, for "Auth Config for Connect Links". */
export async function searchConnectLinkAuthConfigs(
	this: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	toolkit: string | undefined,
): Promise<INodeListSearchResult> {
	const page = await listAuthConfigsPage.call(this, {
		toolkit_slug: toolkit,
		search: filter?.trim() || undefined,
		limit: AUTH_CONFIGS_PAGE_SIZE,
		cursor: paginationToken,
	});
	const results = (page.items ?? []).map((config) => {
		const configToolkit = config.toolkit?.slug ?? '?';
		const managed = config.is_composio_managed ? ', Composio-managed' : '';
		return {
			name: `${String(config.name ?? config.id)} (${String(configToolkit)}${managed})`,
			value: String(config.id),
		};
	});
	return { results, paginationToken: page.next_cursor ?? undefined };
}
