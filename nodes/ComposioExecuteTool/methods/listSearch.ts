import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { currentParameter } from '../../shared/accountSelection/editor';
import {
	searchConnectLinkAuthConfigs,
	searchUserAccounts,
} from '../../shared/accountSelection/listSearch';
import { listTools } from '../../shared/api/tools';
import { toolkitSlugOf } from '../../shared/api/toolkits';
import { currentTool } from './editor';

/** Composio's cursors encode page and size, so every page of one search uses the same size. */
const TOOLS_PAGE_SIZE = 50;

/** Tools by text (`query`), narrowed to the Toolkit parameter when one is chosen. */
export async function searchTools(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = currentParameter.call(this, 'toolkit')?.toLowerCase();
	const page = await listTools.call(this, {
		query: filter?.trim() || undefined,
		toolkit_slug: toolkit,
		limit: TOOLS_PAGE_SIZE,
		cursor: paginationToken,
	});
	const results = (page.items ?? [])
		.filter((tool) => typeof tool.slug === 'string')
		.map((tool) => {
			const deprecated = tool.is_deprecated === true ? ' · deprecated' : '';
			return {
				name: `${tool.slug} · ${String(tool.name ?? '')}${deprecated}`,
				value: tool.slug,
				description: typeof tool.description === 'string' ? tool.description : undefined,
			};
		});
	return { results, paginationToken: page.next_cursor ?? undefined };
}

/** The toolkit of the tool chosen in the editor, if any. */
async function currentToolkit(this: ILoadOptionsFunctions): Promise<string | undefined> {
	const tool = await currentTool.call(this);
	return tool ? toolkitSlugOf(tool) : undefined;
}

/** The accounts "Specific Account" can use: the user's accounts of the chosen tool's toolkit. */
export async function searchToolAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = await currentToolkit.call(this);
	return await searchUserAccounts.call(this, filter, paginationToken, toolkit);
}

/** Auth configs of the chosen tool's toolkit, for Connect Links. */
export async function searchToolAuthConfigs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = await currentToolkit.call(this);
	return await searchConnectLinkAuthConfigs.call(this, filter, paginationToken, toolkit);
}
