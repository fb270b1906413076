import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { composioApiRequest } from './request';
import type { ComposioContext, ComposioRequest } from './types';
import { API_PREFIX } from './url';

export interface PageOptions {
	/** Stop after this many items; undefined = every page. */
	max?: number;
	/** Items per request (connected accounts: 100 as the SDK; tools and toolkits allow up to 1000). */
	pageSize?: number;
	itemIndex?: number;
	/** Called with each page as Composio sent it (e.g. to read `total_items`), before its items are yielded. */
	onPage?: (page: IDataObject) => void;
	/**
	 * Ask for the next page before handing on this one, so the caller's work overlaps the round trip.
	 * Only for callers that read every page: one that stops early would have spent a request for nothing.
	 */
	readAhead?: boolean;
}

interface Page {
	items?: IDataObject[];
	next_cursor?: string | null;
}

/**
 * Walks Composio's cursor pagination page by page: no cursor on the first request, stop when
 * `next_cursor` is null (or repeats, which would loop forever). Composio's cursors encode a page number
 * and a page size, so `limit` must stay the same on every request of one walk; for a Limit the page size
 * is chosen so the pages add up to it (120 → 2 × 60), fetching no page more than needed.
 */
export async function* composioPages(
	this: ComposioContext,
	path: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): AsyncGenerator<IDataObject[]> {
	const maxPageSize = options.pageSize ?? 100;
	let remaining = options.max ?? Number.POSITIVE_INFINITY;
	const pageSize = Number.isFinite(remaining)
		? Math.ceil(remaining / Math.ceil(remaining / maxPageSize))
		: maxPageSize;
	const requestPage = (cursor: string | undefined) => {
		const request = composioApiRequest.call<ComposioContext, [ComposioRequest], Promise<Page>>(
			this,
			{
				method: 'GET',
				path,
				qs: { ...qs, limit: pageSize, cursor },
				itemIndex: options.itemIndex,
			},
		);
		// A page read ahead is awaited on the next turn of the loop (or never, when the caller stops):
		// its failure must not count as unhandled.
		request.catch(() => {});
		return request;
	};
	const seen = new Set<string>();
	let cursor: string | undefined;
	let pending: Promise<Page> | undefined;
	while (remaining > 0) {
		const page = await (pending ?? requestPage(cursor));
		pending = undefined;
		if (!page || !Array.isArray(page.items)) {
			throw new NodeApiError(this.getNode(), (page ?? {}) as JsonObject, {
				message: `Composio answered GET ${API_PREFIX}${path} without an "items" list`,
				description: 'Check the Base URL in the Composio API credential.',
				itemIndex: options.itemIndex,
			});
		}
		options.onPage?.(page as unknown as IDataObject);
		const items = page.items.slice(0, remaining);
		remaining -= items.length;
		const next = remaining > 0 && page.items.length > 0 ? page.next_cursor : null;
		if (next) {
			if (seen.has(next)) {
				throw new NodeApiError(this.getNode(), page as unknown as JsonObject, {
					message: `Composio returned the same page cursor twice for ${API_PREFIX}${path}`,
					description: 'Stopped paging to avoid an endless loop. Narrow the filters and try again.',
					itemIndex: options.itemIndex,
				});
			}
			seen.add(next);
			cursor = next;
			// One request ahead, never more.
			if (options.readAhead) pending = requestPage(next);
		}
		if (items.length) yield items;
		if (!next) return;
	}
}

/** Every item of a paginated list (Return All), or the first `max` of them (Limit). */
export async function composioApiRequestAllItems(
	this: ComposioContext,
	path: string,
	qs: IDataObject = {},
	options: PageOptions = {},
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for await (const items of composioPages.call(this, path, qs, { ...options, readAhead: true })) {
		for (const item of items) all.push(item);
	}
	return all;
}
