import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { currentParameter } from '../../shared/accountSelection/editor';
import {
	searchConnectLinkAuthConfigs,
	searchUserAccounts,
} from '../../shared/accountSelection/listSearch';

/** The accounts "Specific Account" can use: the user's accounts of the chosen toolkit. */
export async function searchToolkitAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = currentParameter.call(this, 'toolkit')?.toLowerCase();
	return await searchUserAccounts.call(this, filter, paginationToken, toolkit);
}

/** Auth configs of the chosen toolkit, for Connect Links. */
export async function searchToolkitAuthConfigs(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const toolkit = currentParameter.call(this, 'toolkit')?.toLowerCase();
	return await searchConnectLinkAuthConfigs.call(this, filter, paginationToken, toolkit);
}
