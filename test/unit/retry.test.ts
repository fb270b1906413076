import {
	DEFAULT_RETRY_POLICY,
	retryDelayMs,
	serverRetryDelayMs,
	shouldRetry,
} from '../../nodes/shared/transport/retry';

describe('shouldRetry', () => {
	it.each([
		[{ status: 429 }, true],
		[{ status: 408 }, true],
		[{ status: 500 }, true],
		[{ status: 502 }, true],
		[{ status: 503 }, true],
		[{ status: 400 }, false],
		[{ status: 404 }, false],
		[{ networkCode: 'ECONNRESET' }, true],
		[{ networkCode: 'ECONNREFUSED' }, true],
		[{ networkCode: 'ENOTFOUND' }, true],
		[{ networkCode: 'EAI_AGAIN' }, true],
		[{ networkCode: 'EPROTO' }, false],
		[{ status: 200, malformed: true }, true],
	])('idempotent request, %p → %p', (outcome, expected) => {
		expect(shouldRetry('idempotent', outcome)).toBe(expected);
	});

	it.each([
		[{ status: 429 }, true],
		[{ status: 408 }, false],
		[{ status: 500 }, false],
		[{ status: 503 }, false],
		[{ networkCode: 'ECONNRESET' }, false],
		[{ networkCode: 'ETIMEDOUT' }, false],
		// Refused or unresolved: nothing was sent, so even a request that must not run twice is retried.
		[{ networkCode: 'ECONNREFUSED' }, true],
		[{ networkCode: 'ENOTFOUND' }, true],
		[{ networkCode: 'EAI_AGAIN' }, true],
		[{ status: 200, malformed: true }, false],
	])('request that may have run (execute, link, initiate), %p → %p', (outcome, expected) => {
		expect(shouldRetry('rateLimitOnly', outcome)).toBe(expected);
	});
});

describe('serverRetryDelayMs', () => {
	it('prefers retry-after-ms, then Retry-After seconds, then an HTTP date', () => {
		expect(serverRetryDelayMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
		expect(serverRetryDelayMs({ 'Retry-After': '2' })).toBe(2000);
		expect(serverRetryDelayMs({ 'retry-after': '0.5' })).toBe(500);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(serverRetryDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }, now)).toBe(3000);
		expect(serverRetryDelayMs({ 'retry-after': 'soon' })).toBeUndefined();
		expect(serverRetryDelayMs({})).toBeUndefined();
	});

	it.each([
		['-5', undefined],
		['5s', undefined],
		['1.5', 1500],
		[' 5 ', 5000],
		['\t7\t', 7000],
		['', undefined],
		['   ', undefined],
		['0', 0],
		['1e3', undefined],
		['NaN', undefined],
		['Infinity', undefined],
		['-0', undefined],
		['+5', undefined],
		['5,5', undefined],
		['9'.repeat(400), 365 * 24 * 3600 * 1000],
	])('Retry-After %p → %p ms (never negative, never NaN)', (value, expected) => {
		const delay = serverRetryDelayMs({ 'retry-after': value });
		expect(delay).toBe(expected);
		if (delay !== undefined) expect(delay).toBeGreaterThanOrEqual(0);
	});

	it.each([
		['-5', undefined],
		['5s', undefined],
		['1.5', 2],
		[' 250 ', 250],
		['abc', undefined],
	])('retry-after-ms %p → %p ms; an unusable one falls back to Retry-After', (value, expected) => {
		expect(serverRetryDelayMs({ 'retry-after-ms': value })).toBe(expected);
		expect(serverRetryDelayMs({ 'retry-after-ms': value, 'retry-after': '3' })).toBe(
			expected ?? 3000,
		);
	});

	it('reads an HTTP date only in its own format; a past date is 0, never negative', () => {
		const now = Date.parse('2026-01-01T00:00:10Z');
		expect(serverRetryDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:00 GMT' }, now)).toBe(0);
		expect(serverRetryDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:01:10 GMT' }, now)).toBe(60000);
		// Date.parse reads these, but they are not HTTP dates (e.g. "-5" would be the year -5).
		expect(serverRetryDelayMs({ 'retry-after': '2026-01-01' }, now)).toBeUndefined();
		expect(serverRetryDelayMs({ 'Retry-After': ['-5', '3'] }, now)).toBeUndefined();
	});
});

describe('retryDelayMs', () => {
	it('honours Retry-After up to the cap and refuses to wait longer', () => {
		expect(retryDelayMs(0, { 'retry-after': '3' })).toBe(3000);
		expect(retryDelayMs(0, { 'retry-after': '61' })).toBeUndefined();
	});

	it('waits exactly the 60 s cap, not a millisecond more', () => {
		expect(retryDelayMs(0, { 'retry-after': '60' })).toBe(60000);
		expect(retryDelayMs(0, { 'retry-after-ms': '60000' })).toBe(60000);
		expect(retryDelayMs(0, { 'retry-after-ms': '60001' })).toBeUndefined();
		expect(retryDelayMs(0, { 'retry-after': '60.001' })).toBeUndefined();
	});

	it('an unusable Retry-After falls back to backoff, never a negative or NaN wait', () => {
		for (const value of ['-5', '5s', 'soon', '']) {
			const delay = retryDelayMs(0, { 'retry-after': value }, DEFAULT_RETRY_POLICY, () => 0);
			expect(delay).toBe(500);
		}
	});

	it('backs off exponentially with at most 25 % jitter, capped', () => {
		const noJitter = () => 0;
		const fullJitter = () => 1;
		expect(retryDelayMs(0, undefined, DEFAULT_RETRY_POLICY, noJitter)).toBe(500);
		expect(retryDelayMs(1, undefined, DEFAULT_RETRY_POLICY, noJitter)).toBe(1000);
		expect(retryDelayMs(2, undefined, DEFAULT_RETRY_POLICY, noJitter)).toBe(2000);
		expect(retryDelayMs(10, undefined, DEFAULT_RETRY_POLICY, noJitter)).toBe(8000);
		expect(retryDelayMs(1, undefined, DEFAULT_RETRY_POLICY, fullJitter)).toBe(750);
	});
});
