import type { IDataObject } from 'n8n-workflow';

import type { ComposioContext } from '../transport';
import { composioApiRequest, composioApiRequestAllItems, composioRequest } from '../transport';
import type { AuthConfig, Page } from './types';

/** Composio's auth configs: every call to `/auth_configs` is in this module. */
export const AUTH_CONFIGS_PATH = '/auth_configs';

/** The v3.1 maximum page size of this list. */
export const AUTH_CONFIGS_PAGE_SIZE = 50;

function authConfigPath(id: string): string {
	return `${AUTH_CONFIGS_PATH}/${encodeURIComponent(id)}`;
}

/** One auth config. */
export async function getAuthConfig(
	this: ComposioContext,
	id: string,
	itemIndex?: number,
): Promise<AuthConfig> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: authConfigPath(id),
		itemIndex,
	})) as AuthConfig;
}

/** One auth config, or null when Composio answers 404 (deleted, or of another project). */
export async function findAuthConfig(
	this: ComposioContext,
	id: string,
	itemIndex?: number,
): Promise<AuthConfig | null> {
	const response = await composioRequest.call(this, {
		method: 'GET',
		path: authConfigPath(id),
		acceptStatuses: [404],
		itemIndex,
	});
	return response.statusCode === 404 ? null : (response.body as AuthConfig);
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
