import type { IDataObject } from 'n8n-workflow';

import type { ComposioContext } from '../transport';
import { composioApiRequest, composioApiRequestAllItems } from '../transport';
import type { Page, Toolkit, ToolkitRef } from './types';

/** Composio's toolkits: every call to `/toolkits` is in this module. */
export const TOOLKITS_PATH = '/toolkits';

/** The lower-case slug of the toolkit an account, auth config or tool names, if it names one. */
export function toolkitSlugOf(object: { toolkit?: ToolkitRef }): string | undefined {
	const slug = object.toolkit?.slug;
	return typeof slug === 'string' && slug !== '' ? slug.toLowerCase() : undefined;
}

/** One toolkit, with what each auth scheme's connection needs (`auth_config_details`). */
export async function getToolkit(
	this: ComposioContext,
	slug: string,
	itemIndex?: number,
): Promise<Toolkit> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: `${TOOLKITS_PATH}/${encodeURIComponent(slug)}`,
		itemIndex,
	})) as Toolkit;
}

/** One page of the list (`limit`, `cursor`, `search` in `qs`). */
export async function listToolkitsPage(
	this: ComposioContext,
	qs: IDataObject,
): Promise<Page<Toolkit>> {
	return (await composioApiRequest.call(this, {
		method: 'GET',
		path: TOOLKITS_PATH,
		qs,
	})) as unknown as Page<Toolkit>;
}

/** Every toolkit (one request: the list allows 1000 per page). */
export async function listToolkits(this: ComposioContext): Promise<Toolkit[]> {
	return (await composioApiRequestAllItems.call(
		this,
		TOOLKITS_PATH,
		{},
		{ pageSize: 1000 },
	)) as Toolkit[];
}
