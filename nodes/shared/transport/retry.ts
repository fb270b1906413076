import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { readHeader } from '../values';

/**
 * `idempotent`: repeating the request cannot do harm (GET, PATCH status, DELETE, revoke), so transient
 * failures are retried. `rateLimitOnly`: the request may already have run on Composio's side (tool execute,
 * Connect Link, initiate), so only a 429 (refused before anything ran) is retried.
 */
export type RetryMode = 'idempotent' | 'rateLimitOnly';

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error surfaces instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxRetryAfterMs: 60000,
};

/**
 * Network failures after the connection was made: the request may have reached Composio and only the
 * answer was lost, so they are retried only for requests that are safe to repeat.
 */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Failures before any connection existed (refused, or the host name did not resolve): not one byte of
 * the request was sent, so it cannot have run and repeating it is safe for every request.
 */
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export interface AttemptOutcome {
	status?: number;
	networkCode?: string;
	/** A 2xx answer whose body could not be read as JSON. */
	malformed?: boolean;
}

export function isTransientNetworkCode(code: string | undefined): boolean {
	return code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
}

/** The request never left n8n (see `NOT_SENT_NETWORK_CODES`). */
export function isNotSentNetworkCode(code: string | undefined): boolean {
	return code !== undefined && NOT_SENT_NETWORK_CODES.has(code);
}

export function shouldRetry(mode: RetryMode, outcome: AttemptOutcome): boolean {
	if (outcome.status === 429) return true;
	if (isNotSentNetworkCode(outcome.networkCode)) return true;
	if (mode !== 'idempotent') return false;
	if (outcome.malformed) return true;
	if (outcome.networkCode !== undefined) return isTransientNetworkCode(outcome.networkCode);
	const status = outcome.status ?? 0;
	return status === 408 || status >= 500;
}

/** A longer wait than this is read as this (a year): a number, never Infinity. */
const LONGEST_SERVER_DELAY_MS = 365 * 24 * 3600 * 1000;

/** A non-negative decimal number of the given unit, or undefined ("-5", "5s", "" are not). */
function decimal(value: string | undefined, unitMs: number): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
	return Math.min(Math.ceil(Number(text) * unitMs), LONGEST_SERVER_DELAY_MS);
}

/** An HTTP date (RFC 9110 IMF-fixdate, e.g. "Thu, 01 Jan 2026 00:00:03 GMT"), as epoch ms. */
function httpDate(value: string): number | undefined {
	const text = value.trim();
	if (!/^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text))
		return undefined;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : date;
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` first, then `Retry-After` as seconds
 * or an HTTP date (a date in the past means 0). `undefined` when it said nothing usable: a negative
 * number, a unit ("5s") or anything else is ignored, never read as a negative wait or NaN.
 */
export function serverRetryDelayMs(
	headers: IDataObject | undefined,
	now = Date.now(),
): number | undefined {
	const ms = decimal(readHeader(headers, 'retry-after-ms'), 1);
	if (ms !== undefined) return ms;
	const after = readHeader(headers, 'retry-after');
	if (after === undefined) return undefined;
	const seconds = decimal(after, 1000);
	if (seconds !== undefined) return seconds;
	const date = httpDate(after);
	if (date !== undefined) return Math.min(Math.max(0, date - now), LONGEST_SERVER_DELAY_MS);
	return undefined;
}

/**
 * The wait before retry number `retry` (0-based): the server's Retry-After when it gave one
 * (undefined when that exceeds the policy's cap, meaning "do not retry"; exactly the cap is waited), otherwise exponential
 * backoff `base·2^retry`, capped, minus up to 25 % jitter so parallel items do not retry in lockstep.
 */
export function retryDelayMs(
	retry: number,
	headers: IDataObject | undefined,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
): number | undefined {
	const requested = serverRetryDelayMs(headers);
	if (requested !== undefined) {
		return requested > policy.maxRetryAfterMs ? undefined : requested;
	}
	const exponential = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
	return Math.round(exponential * (1 - 0.25 * random()));
}

/** How a request is retried when it does not say: POST (which may have run) only after a 429. */
export function defaultRetryMode(method: IHttpRequestMethods): RetryMode {
	return method === 'POST' ? 'rateLimitOnly' : 'idempotent';
}
