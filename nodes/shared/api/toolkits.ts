import type { IDataObject } from 'n8n-workflow';

import type { ComposioContext, ComposioRequest } from '../transport';
import { composioApiRequest, composioApiRequestAllItems } from '../transport';
import type { Page, Toolkit, ToolkitRef } from './types';

/** Composio's toolkits (below the API prefix). */
const TOOLKITS_PATH = '/toolkits';

/** The lower-case slug of the toolkit an account, auth config or tool names, if it names one. */
export function toolkitSlugOf(object: { toolkit?: ToolkitRef }): string | undefined {
	const slug = object.toolkit?.slug;
	return typeof slug === 'string' && slug !== '' ? slug.toLowerCase() : undefined;
}

/** One toolkit (`GET /toolkits/{slug}`), with what each auth scheme needs. */
export async function getToolkit(
	this: ComposioContext,
	slug: string,
	itemIndex?: number,
): Promise<Toolkit> {
	return await composioApiRequest.call<ComposioContext, [ComposioRequest], Promise<Toolkit>>(this, {
		method: 'GET',
		path: `${TOOLKITS_PATH}/${encodeURIComponent(slug)}`,
		itemIndex,
	});
}

/** One page of toolkits (`GET /toolkits`), e.g. by text (`search`, from 3 characters on). */
export async function listToolkits(this: ComposioContext, qs: IDataObject): Promise<Page<Toolkit>> {
	return await composioApiRequest.call<ComposioContext, [ComposioRequest], Promise<Page<Toolkit>>>(
		this,
		{ method: 'GET', path: TOOLKITS_PATH, qs },
	);
}

/** Every toolkit (all pages of `GET /toolkits`). */
export async function listAllToolkits(this: ComposioContext, pageSize: number): Promise<Toolkit[]> {
	return (await composioApiRequestAllItems.call(
		this,
		TOOLKITS_PATH,
		{},
		{ pageSize },
	)) as Toolkit[];
}
