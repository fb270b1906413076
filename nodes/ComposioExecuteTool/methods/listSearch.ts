import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchAccounts } from '../../shared/methods/listSearch';
import { toolkitOfTool, TOOLS_PATH } from '../../shared/tools';
import { composioApiRequest } from '../../shared/transport';
import { AUTH_CONFIGS_PATH } from '../helpers/connectLink';
import { currentParameter, currentTool } from './parameters';

interface Page {
	items?: IDataObject[];
	next_cursor?: string | null;
}

/** Composio's cursors encode page and size, so every page of one search uses the same size. */
const TOOLS_PAGE_SIZE = 50;

/** Tools by text (`query`), narrowed to the Toolkit parameter when one is chosen. */
export async function searchTools(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = currentParameter(this, 'toolkit')?.toLowerCase();
	const page = (await composioApiRequest.call(this, {
		method: 'GET',
		path: TOOLS_PATH,
		qs: {
			query: filter?.trim() || undefined,
			toolkit_slug: toolkit,
			limit: TOOLS_PAGE_SIZE,
			cursor: paginationToken,
		},
	})) as Page;
	const results = (page.items ?? [])
		.filter((tool) => typeof tool.slug === 'string')
		.map((tool) => {
			const deprecated = tool.is_deprecated === true ? ' · deprecated' : '';
			return {
				name: `${String(tool.slug)} · ${String(tool.name ?? '')}${deprecated}`,
				value: String(tool.slug),
				description: typeof tool.description === 'string' ? tool.description : undefined,
			};
		});
	return { results, paginationToken: page.next_cursor ?? undefined };
}

/**
 * The accounts "Specific Account" can use: those of the user in User ID (when it is plain text)
 * and of the chosen tool's toolkit, with alias, status and creation date.
 */
export async function searchToolAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const narrow: IDataObject = {};
	const userId = currentParameter(this, 'userId');
	if (userId) narrow.user_ids = [userId];
	const tool = await currentTool(this);
	const toolkit = tool ? toolkitOfTool(tool) : undefined;
	if (toolkit) narrow.toolkit_slugs = [toolkit];
	return await searchAccounts.call(this, filter, paginationToken, narrow);
}

/** Auth configs of the chosen tool's toolkit, for Connect Links. */
export async function searchToolAuthConfigs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const tool = await currentTool(this);
	const toolkit = tool ? toolkitOfTool(tool) : undefined;
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
