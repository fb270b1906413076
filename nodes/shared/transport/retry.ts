import type { IDataObject } from 'n8n-workflow';

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

/** Network failures where the request may not have reached Composio, or the answer was lost. */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
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

export function shouldRetry(mode: RetryMode, outcome: AttemptOutcome): boolean {
	if (outcome.status === 429) return true;
	if (mode !== 'idempotent') return false;
	if (outcome.malformed) return true;
	if (outcome.networkCode !== undefined) return isTransientNetworkCode(outcome.networkCode);
	const status = outcome.status ?? 0;
	return status === 408 || status >= 500;
}

function header(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name) {
			const first = Array.isArray(value) ? value[0] : value;
			return first === undefined || first === null ? undefined : String(first);
		}
	}
	return undefined;
}

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` first, then `Retry-After`
 * as seconds or an HTTP date. `undefined` when it said nothing usable.
 */
export function serverRetryDelayMs(
	headers: IDataObject | undefined,
	now = Date.now(),
): number | undefined {
	const ms = header(headers, 'retry-after-ms');
	if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
	const after = header(headers, 'retry-after');
	if (after === undefined) return undefined;
	if (/^\d+(\.\d+)?$/.test(after.trim())) return Math.ceil(Number(after) * 1000);
	const date = Date.parse(after);
	if (!Number.isNaN(date)) return Math.max(0, date - now);
	return undefined;
}

/**
 * The wait before retry number `retry` (0-based): the server's Retry-After when it gave one
 * (undefined when that exceeds the policy's cap, meaning "do not retry"), otherwise exponential
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
