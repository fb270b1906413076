import type { IDataObject } from 'n8n-workflow';

import type { ComposioContext } from '../transport';
import { composioApiRequest, composioApiRequestAllItems } from '../transport';
import type { AuthConfig, Page } from './types';

/** Composio's auth configs: every call to `/auth_configs` is in this module. */
export const AUTH_CONFIGS_PATH = '/auth_configs';

/** The v3.1 maximum page size of this list. */
export const AUTH_CONFIGS_PAGE_SIZE = 50;

/** One auth config. */
export async function getAuthConfig(
	this: ComposioContext,
	id: string,
	itemIndex?: number,
): Promise<AuthConfig> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: `${AUTH_CONFIGS_PATH}/${encodeURIComponent(id)}`,
		itemIndex,
	})) as AuthConfig;
}

/** One page of the list (`limit`, `cursor`, `search`, `toolkit_slug`… in `qs`). */
export async function listAuthConfigsPage(
	this: ComposioContext,
	qs: IDataObject,
): Promise<Page<AuthConfig>> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: AUTH_CONFIGS_PATH,
		qs,
	})) as unknown as Page<AuthConfig>;
}

/** Every auth config of the project. */
export async function listAuthConfigs(this: ComposioContext): Promise<AuthConfig[]> {
	return (await composioApiRequestAllItems.call(
		this,
		AUTH_CONFIGS_PATH,
		{},
		{ pageSize: AUTH_CONFIGS_PAGE_SIZE },
	)) as AuthConfig[];
}
