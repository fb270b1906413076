import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { currentParameter } from '../../ComposioExecuteTool/methods/parameters';
import { AUTH_CONFIGS_PATH } from '../../ComposioExecuteTool/helpers/connectLink';
import { searchAccounts } from '../../shared/methods/listSearch';
import { composioApiRequest } from '../../shared/transport';

interface Page {
	items?: IDataObject[];
	next_cursor?: string | null;
}

/** The accounts "Specific Account" can use: the user's (when User ID is plain text) of the toolkit. */
export async function searchToolkitAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const narrow: IDataObject = {};
	const userId = currentParameter(this, 'userId');
	if (userId) narrow.user_ids = [userId];
	const toolkit = currentParameter(this, 'toolkit')?.toLowerCase();
	if (toolkit) narrow.toolkit_slugs = [toolkit];
	return await searchAccounts.call(this, filter, paginationToken, narrow);
}

/** Auth configs of the chosen toolkit, for Connect Links. */
export async function searchToolkitAuthConfigs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = currentParameter(this, 'toolkit')?.toLowerCase();
	const page = (await composioApiRequest.call(this, {
		method: 'GET',
		path: AUTH_CONFIGS_PATH,
		qs: {
			toolkit_slug: toolkit,
			search: filter?.trim() || undefined,
			limit: 50,
			cursor: paginationToken,
		},
	})) as Page;
	const results = (page.items ?? []).map((config) => {
		const configToolkit = (config.toolkit as IDataObject | undefined)?.slug ?? '?';
		const managed = config.is_composio_managed ? ', Composio-managed' : '';
		return {
			name: `${String(config.name ?? config.id)} (${String(configToolkit)}${managed})`,
			value: String(config.id),
		};
	});
	return { results, paginationToken: page.next_cursor ?? undefined };
}
