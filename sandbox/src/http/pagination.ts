import type { Query } from './query';
import { validationError } from './errors';

export interface Page<T> {
	items: T[];
	next_cursor: string | null;
	total_pages: number;
	current_page: number;
	total_items: number;
}

export interface PageRequest {
	page: number;
	limit: number;
}

/** Opaque cursor: base64url of a small JSON document holding page and limit. */
export function encodeCursor(page: number, limit: number): string {
	return Buffer.from(JSON.stringify({ p: page, l: limit }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): PageRequest | null {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (typeof parsed !== 'object' || parsed === null) return null;
		const { p, l } = parsed as { p?: unknown; l?: unknown };
		if (!Number.isInteger(p) || !Number.isInteger(l) || (p as number) < 1 || (l as number) < 1)
			return null;
		return { page: p as number, limit: l as number };
	} catch {
		return null;
	}
}

/** Reads `limit` and `cursor` (an explicit `limit` wins over the cursor's). */
export function readPageRequest(query: Query, defaultLimit: number, maxLimit: number): PageRequest {
	const limit = query.integer('limit', 1, maxLimit);
	const cursor = query.string('cursor');
	if (cursor !== undefined) {
		const decoded = decodeCursor(cursor);
		if (!decoded)
			throw validationError([`cursor: '${cursor}' is not a valid cursor`], 'Invalid cursor');
		return { page: decoded.page, limit: limit ?? Math.min(decoded.limit, maxLimit) };
	}
	return { page: 1, limit: limit ?? defaultLimit };
}

export function paginate<T, R>(
	all: readonly T[],
	request: PageRequest,
	render: (item: T) => R,
): Page<R> {
	const total = all.length;
	const totalPages = Math.ceil(total / request.limit);
	const start = (request.page - 1) * request.limit;
	const slice = all.slice(start, start + request.limit);
	return {
		items: slice.map(render),
		next_cursor:
			start + request.limit < total ? encodeCursor(request.page + 1, request.limit) : null,
		total_pages: totalPages,
		current_page: request.page,
		total_items: total,
	};
}
