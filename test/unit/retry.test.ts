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
		[{ networkCode: 'ECONNREFUSED' }, false],
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
});

describe('retryDelayMs', () => {
	it('honours Retry-After up to the cap and refuses to wait longer', () => {
		expect(retryDelayMs(0, { 'retry-after': '3' })).toBe(3000);
		expect(retryDelayMs(0, { 'retry-after': '61' })).toBeUndefined();
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
