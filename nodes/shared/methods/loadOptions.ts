import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listAuthConfigs } from '../api/authConfigs';
import { listToolkits } from '../api/toolkits';
import { authConfigOption } from './listSearch';

/** Every toolkit, for filter dropdowns (one request: the list allows 1000 per page). */
export async function getToolkits(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const toolkits = await listToolkits.call(this);
	return toolkits
		.map((toolkit) => ({
			name: String(toolkit.name ?? toolkit.slug),
			value: String(toolkit.slug),
			description: String(toolkit.meta?.description ?? ''),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every auth config of the project, for filter dropdowns (pages of 50, the v3.1 maximum). */
export async function getAuthConfigs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const configs = await listAuthConfigs.call(this);
	return configs.map(authConfigOption);
}
