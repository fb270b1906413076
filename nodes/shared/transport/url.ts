import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://backend.composio.dev';

export const API_PREFIX = '/api/v3.1';

export type BaseUrlResult = { ok: true; baseUrl: string } | { ok: false; reason: string };

/**
 * Accepts what people paste into the credential: surrounding spaces, trailing slashes and the
 * `/api/v3` or `/api/v3.1` suffix copied from the docs. Anything that is not an absolute http(s) URL
 * is refused with a reason the credential error can show.
 */
export function normalizeBaseUrl(raw: unknown): BaseUrlResult {
	if (typeof raw !== 'string' || raw.trim() === '') {
		return { ok: false, reason: 'The Base URL is empty' };
	}
	const trimmed = raw.trim();
	if (/^ak_[A-Za-z0-9_-]+$/.test(trimmed)) {
		// Never repeat it: error messages end up in execution data and logs.
		return {
			ok: false,
			reason:
				'The Base URL looks like a Composio API key (ak_…): the API Key and Base URL fields may be swapped',
		};
	}
	if (!/^https?:\/\//i.test(trimmed)) {
		return {
			ok: false,
			reason: `The Base URL must start with http:// or https:// (got "${truncate(trimmed, 80)}")`,
		};
	}
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return {
			ok: false,
			reason: `The Base URL is not a valid URL (got "${truncate(trimmed, 80)}")`,
		};
	}
	if (parsed.search || parsed.hash) {
		return {
			ok: false,
			reason: `The Base URL must not contain a query string or fragment (got "${truncate(trimmed, 80)}")`,
		};
	}
	const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/v3(\.1)?$/i, '');
	return { ok: true, baseUrl: `${parsed.protocol}//${parsed.host}${path}` };
}

/**
 * Query parameters as the official clients send them: arrays comma-joined into one parameter,
 * `undefined`, `null` and empty arrays/strings dropped (an empty filter means "no filter").
 */
export function serializeQuery(qs: IDataObject | undefined): IDataObject | undefined {
	if (!qs) return undefined;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) {
			const parts = value.filter((v) => v !== undefined && v !== null && v !== '').map(String);
			if (parts.length) out[key] = parts.join(',');
			continue;
		}
		out[key] = value;
	}
	return out;
}

export function truncate(value: string, max: number): string {
	return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
