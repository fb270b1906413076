import type { IDataObject } from 'n8n-workflow';

import { isObject, readHeader } from '../values';
import { serverRetryDelayMs } from './retry';
import { truncate } from './url';

/** What the transport knows about a failed Composio call, ready to become a NodeApiError. */
export interface ComposioErrorDetails {
	message: string;
	description?: string;
	httpCode: string;
	code?: number | string;
	slug?: string;
	requestId?: string;
	suggestedFix?: string;
	errors?: string[];
	/** The parsed error body (never the request), kept as the error's context for debugging. */
	body: IDataObject;
}

/**
 * Explanations for Composio error codes whose own message leaves people guessing.
 * Keyed by the numeric `error.code` of the envelope.
 */
const KNOWN_CODE_HINTS = new Map<string, string>([
	[
		'1803',
		'Composio could not find that connected account. This usually means the API key belongs to another Composio project than the account, or the account was deleted.',
	],
]);

/** Hints by HTTP status, used when the body gives no better one. */
const STATUS_HINTS: Record<string, string> = {
	'401':
		'Composio rejected the API key. Check the API key in the Composio API credential; keys belong to one project.',
	'403':
		'The API key is valid but not allowed to do this. Check the project and the key’s permissions in the Composio dashboard.',
};

/**
 * What the transport did about a 429 before giving up, so the message says what really happened:
 * `attempts` requests were sent; `retryAfterMs` is the wait the last answer asked for (if readable);
 * `maxRetryAfterMs` is the longest wait the node accepts.
 */
export interface RateLimitReport {
	attempts: number;
	retryAfterMs?: number;
	maxRetryAfterMs: number;
	/** When the last answer arrived (epoch ms), to say when to try again. */
	now?: number;
}

function seconds(ms: number): string {
	const s = ms / 1000;
	return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** The lines of a 429's description: what the node did (waited and retried, or not) and what to do. */
export function rateLimitLines(
	report: RateLimitReport | undefined,
	headers?: IDataObject,
): string[] {
	const lines = [
		'Composio’s rate limit was reached (it is shared by the whole organization). Lower the concurrency or spread the work over time.',
	];
	if (!report) {
		const asked = serverRetryDelayMs(headers);
		if (asked !== undefined) lines.push(`Composio asked to wait ${seconds(asked)} (Retry-After).`);
		return lines;
	}
	const retries = report.attempts - 1;
	const retried =
		retries > 0
			? `The node waited and retried ${retries} time${retries === 1 ? '' : 's'}`
			: 'The node did not retry';
	const { retryAfterMs } = report;
	if (retryAfterMs !== undefined && retryAfterMs > report.maxRetryAfterMs) {
		const at = new Date((report.now ?? Date.now()) + retryAfterMs).toISOString();
		lines.push(
			`${retries > 0 ? `${retried}; then ` : ''}Composio asked to wait ${seconds(retryAfterMs)} (Retry-After), longer than the node waits (${seconds(report.maxRetryAfterMs)}), so it did not retry${retries > 0 ? ' again' : ''}. Try again after ${at}.`,
		);
	} else {
		lines.push(
			retries > 0
				? `${retried}; Composio still answered 429.`
				: `${retried}.${retryAfterMs !== undefined ? ` Composio asked to wait ${seconds(retryAfterMs)} (Retry-After).` : ''}`,
		);
		if (retries > 0 && retryAfterMs !== undefined) {
			lines.push(
				`Composio asked to wait ${seconds(retryAfterMs)} (Retry-After) before the next try.`,
			);
		}
	}
	return lines;
}

const GENERIC_MESSAGES: Record<string, string> = {
	'400': 'Composio rejected the request as invalid',
	'401': 'Composio rejected the API key',
	'403': 'Composio refused the request',
	'404': 'Composio could not find the requested resource',
	'408': 'Composio timed out while processing the request',
	'409': 'The request conflicts with the resource’s current state',
	'410': 'The requested Composio resource is gone',
	'413': 'The request is too large for Composio',
	'422': 'Composio could not process the request',
	'429': 'Composio rate limit exceeded',
	'500': 'Composio failed to process the request',
	'502': 'Composio (or the provider behind it) returned a bad gateway error',
	'503': 'Composio is temporarily unavailable',
	'504': 'Composio timed out waiting for the provider',
};

function asString(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

/**
 * Reads Composio's error envelope `{error:{message, code, slug, status, request_id, suggested_fix, errors}}`,
 * the flat `{message}` a 429 may carry, or anything else a proxy in between may have answered, and
 * turns it into a message (Composio's own words) and a description (what to do, the details, the request ID).
 */
export function describeComposioError(
	status: number,
	rawBody: unknown,
	headers?: IDataObject,
	rateLimit?: RateLimitReport,
): ComposioErrorDetails {
	const httpCode = String(status);
	const body: IDataObject = isObject(rawBody) ? rawBody : {};
	const envelope: IDataObject = isObject(body.error) ? body.error : body;

	let message =
		asString(envelope.message) ??
		asString(body.message) ??
		(typeof body.error === 'string' ? body.error : undefined);
	if (!message && typeof rawBody === 'string' && rawBody.trim() !== '') {
		message = `${GENERIC_MESSAGES[httpCode] ?? `Composio answered HTTP ${httpCode}`} (the reply was not JSON: "${truncate(rawBody.replace(/\s+/g, ' ').trim(), 120)}")`;
	}
	message = message ?? GENERIC_MESSAGES[httpCode] ?? `Composio answered HTTP ${httpCode}`;

	const code = asString(envelope.code) ?? asString(envelope.error_code);
	const slug = asString(envelope.slug);
	const requestId =
		asString(envelope.request_id) ??
		asString(body.request_id) ??
		readHeader(headers, 'x-request-id');
	const suggestedFix = asString(envelope.suggested_fix);
	const errors = Array.isArray(envelope.errors)
		? envelope.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
		: undefined;

	const notJson = !isObject(rawBody) && typeof rawBody === 'string' && rawBody.trim() !== '';
	const lines: string[] = [];
	if (suggestedFix) lines.push(`Suggested fix: ${suggestedFix}`);
	if (errors?.length) lines.push(`Details: ${errors.join('; ')}`);
	const hint =
		(code !== undefined ? KNOWN_CODE_HINTS.get(code) : undefined) ??
		(/no longer supported/i.test(message) && /connected_accounts\/link/i.test(message)
			? 'Composio-managed OAuth accounts must be connected through a Connect Link: use the Connect operation with "Connect Link".'
			: undefined) ??
		STATUS_HINTS[httpCode];
	if (hint) lines.push(hint);
	if (status === 429) lines.push(...rateLimitLines(rateLimit, headers));
	if (notJson) {
		lines.push(
			'The answer was not JSON, so it did not come from the Composio API itself (a wrong Base URL, or a proxy in between). Check the Base URL in the Composio API credential.',
		);
	}
	const context: string[] = [];
	if (slug) context.push(`error ${slug}`);
	if (code !== undefined) context.push(`code ${code}`);
	context.push(`HTTP ${httpCode}`);
	lines.push(`Composio ${context.join(', ')}${requestId ? `, request ID ${requestId}` : ''}`);

	return {
		message,
		description: lines.join('\n'),
		httpCode,
		code,
		slug,
		requestId,
		suggestedFix,
		errors,
		body: isObject(rawBody)
			? rawBody
			: { body: typeof rawBody === 'string' ? truncate(rawBody, 500) : null },
	};
}
