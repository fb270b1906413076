/**
 * The transport's pure parts at their edges (issue 17): how server waits are read (never negative,
 * never NaN, the exact 60 s cap), which failures are retried, how the API key is kept out of answers,
 * how Composio's errors become messages, and how the Base URL and query are normalised.
 */
import { describeComposioError, rateLimitLines } from '../../nodes/shared/transport/errors';
import { REDACTED, redactSecrets } from '../../nodes/shared/transport/redact';
import {
	DEFAULT_RETRY_POLICY,
	retryDelayMs,
	serverRetryDelayMs,
	shouldRetry,
} from '../../nodes/shared/transport/retry';
import {
	API_PREFIX,
	DEFAULT_BASE_URL,
	normalizeBaseUrl,
	serializeQuery,
	truncate,
} from '../../nodes/shared/transport/url';

const YEAR_MS = 365 * 24 * 3600 * 1000;

describe('server waits (Retry-After, retry-after-ms)', () => {
	it.each(['-5', '5s', ' 1 5 ', '1.', '.5', '1..5', '0x10', '5 s', '−5', '١'])(
		'%p in either header is ignored, never a negative or NaN wait',
		(value) => {
			expect(serverRetryDelayMs({ 'retry-after': value })).toBeUndefined();
			expect(serverRetryDelayMs({ 'retry-after-ms': value })).toBeUndefined();
		},
	);

	it('decimals are rounded up to whole milliseconds', () => {
		expect(serverRetryDelayMs({ 'retry-after': '1.0001' })).toBe(1001);
		expect(serverRetryDelayMs({ 'retry-after-ms': '0.2' })).toBe(1);
		expect(serverRetryDelayMs({ 'retry-after-ms': '0' })).toBe(0);
	});

	it('a huge wait is a year at most, in either header', () => {
		expect(serverRetryDelayMs({ 'retry-after-ms': '9'.repeat(30) })).toBe(YEAR_MS);
		expect(serverRetryDelayMs({ 'retry-after': String(YEAR_MS / 1000 + 1) })).toBe(YEAR_MS);
		expect(serverRetryDelayMs({ 'retry-after': String(YEAR_MS / 1000 - 1) })).toBe(YEAR_MS - 1000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(serverRetryDelayMs({ 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' }, now)).toBe(
			YEAR_MS,
		);
	});

	it('header names in any case; a list means its first value; null or absent means nothing', () => {
		expect(serverRetryDelayMs({ 'RETRY-AFTER-MS': '40' })).toBe(40);
		expect(serverRetryDelayMs({ 'Retry-After': ['2', '9'] })).toBe(2000);
		expect(serverRetryDelayMs({ 'retry-after': null })).toBeUndefined();
		expect(serverRetryDelayMs({ 'retry-after': [] })).toBeUndefined();
		expect(serverRetryDelayMs({ 'retry-after-ms': null, 'retry-after': '1' })).toBe(1000);
		expect(serverRetryDelayMs({ 'retry-after': 3 })).toBe(3000);
		expect(serverRetryDelayMs(undefined)).toBeUndefined();
		expect(serverRetryDelayMs({ 'x-retry-after': '5' })).toBeUndefined();
	});

	it('an HTTP date: exactly its format, in the future counted from now', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(serverRetryDelayMs({ 'retry-after': ' Thu, 01 Jan 2026 00:00:30 GMT ' }, now)).toBe(
			30000,
		);
		expect(serverRetryDelayMs({ 'retry-after': 'Thu, 1 Jan 2026 00:00:30 GMT' }, now)).toBe(30000);
		for (const text of [
			'Thu, 01 Jan 2026 00:00:30 UTC',
			'Thu 01 Jan 2026 00:00:30 GMT',
			'Thursday, 01 Jan 2026 00:00:30 GMT',
			'x Thu, 01 Jan 2026 00:00:30 GMT',
			'Thu, 01 Jan 2026 00:00:30 GMT x',
			'Thu, 01 Jan 26 00:00:30 GMT',
			'Thu, 01 Xyz 2026 00:00:30 GMT',
		]) {
			expect(serverRetryDelayMs({ 'retry-after': text }, now)).toBeUndefined();
		}
	});

	it('the wait the policy allows: exactly the cap is waited, above it is refused', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 5000 };
		expect(retryDelayMs(0, { 'retry-after-ms': '5000' }, policy)).toBe(5000);
		expect(retryDelayMs(0, { 'retry-after-ms': '5001' }, policy)).toBeUndefined();
		expect(retryDelayMs(2, { 'retry-after': '0' }, policy)).toBe(0);
		expect(DEFAULT_RETRY_POLICY).toEqual({
			maxRetries: 3,
			baseDelayMs: 500,
			maxDelayMs: 8000,
			maxRetryAfterMs: 60000,
		});
	});

	it('backoff with jitter stays within 75–100 % of base·2^retry, capped by the policy', () => {
		const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 0 };
		expect(retryDelayMs(0, undefined, policy, () => 0)).toBe(100);
		expect(retryDelayMs(0, undefined, policy, () => 0.5)).toBe(88);
		expect(retryDelayMs(3, undefined, policy, () => 0)).toBe(800);
		expect(retryDelayMs(4, undefined, policy, () => 0)).toBe(1000);
		expect(retryDelayMs(4, undefined, policy, () => 1)).toBe(750);
		for (let retry = 0; retry < 6; retry++) {
			const delay = retryDelayMs(retry, {}, DEFAULT_RETRY_POLICY) as number;
			expect(delay).toBeGreaterThanOrEqual(0.75 * Math.min(500 * 2 ** retry, 8000));
			expect(delay).toBeLessThanOrEqual(Math.min(500 * 2 ** retry, 8000));
		}
	});
});

describe('which failures are retried', () => {
	it.each([
		'ECONNRESET',
		'EPIPE',
		'ETIMEDOUT',
		'ECONNABORTED',
		'ESOCKETTIMEDOUT',
		'ERR_SOCKET_CONNECTION_TIMEOUT',
	])('%s (the request may have arrived): only requests safe to repeat', (networkCode) => {
		expect(shouldRetry('idempotent', { networkCode })).toBe(true);
		expect(shouldRetry('rateLimitOnly', { networkCode })).toBe(false);
	});

	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])(
		'%s (nothing was sent): every request',
		(networkCode) => {
			expect(shouldRetry('idempotent', { networkCode })).toBe(true);
			expect(shouldRetry('rateLimitOnly', { networkCode })).toBe(true);
		},
	);

	it('statuses: 408 and 5xx for safe requests, 429 for all, nothing else', () => {
		for (const status of [200, 201, 301, 400, 401, 403, 404, 409, 422, 499]) {
			expect(shouldRetry('idempotent', { status })).toBe(false);
		}
		for (const status of [408, 500, 501, 504, 599]) {
			expect(shouldRetry('idempotent', { status })).toBe(true);
			expect(shouldRetry('rateLimitOnly', { status })).toBe(false);
		}
		expect(shouldRetry('rateLimitOnly', { status: 429 })).toBe(true);
		// A network code wins over the status; an unknown one is not retried.
		expect(shouldRetry('idempotent', { status: 500, networkCode: 'EPROTO' })).toBe(false);
		expect(shouldRetry('idempotent', {})).toBe(false);
		expect(shouldRetry('rateLimitOnly', { malformed: true, status: 200 })).toBe(false);
	});
});

describe('redaction of the API key', () => {
	const KEY = 'ak_secret_key_value';

	it('replaces the key everywhere in strings, keys and nested lists; other values untouched', () => {
		const input = {
			message: `echo ${KEY} and ${KEY}`,
			[`h-${KEY}`]: 1,
			list: [KEY, { deep: `x${KEY}y` }, 5, null, true],
			n: 7,
		};
		expect(redactSecrets(input, [KEY])).toEqual({
			message: `echo ${REDACTED} and ${REDACTED}`,
			[`h-${REDACTED}`]: 1,
			list: [REDACTED, { deep: `x${REDACTED}y` }, 5, null, true],
			n: 7,
		});
		// Not changed in place.
		expect(input.message).toBe(`echo ${KEY} and ${KEY}`);
		expect(REDACTED).toBe('[redacted]');
	});

	it('returns the very value when no key occurs, and leaves non-strings alone', () => {
		const clean = { a: 'nothing here', b: [1, 2] };
		expect(redactSecrets(clean, [KEY])).toBe(clean);
		expect(redactSecrets(42, [KEY])).toBe(42);
		expect(redactSecrets(null, [KEY])).toBeNull();
		expect(redactSecrets(undefined, [KEY])).toBeUndefined();
		const buffer = Buffer.from(KEY);
		expect(redactSecrets({ buffer }, [KEY]).buffer).toBe(buffer);
		expect(redactSecrets(`key=${KEY}`, [KEY])).toBe(`key=${REDACTED}`);
	});

	it('also the key without the spaces pasted around it; short or non-text secrets are ignored', () => {
		expect(redactSecrets(`a ${KEY} b`, [`  ${KEY}  `])).toBe(`a ${REDACTED} b`);
		expect(redactSecrets(`<  ${KEY}  >`, [`  ${KEY}  `])).toBe(`<${REDACTED}>`);
		expect(redactSecrets('abcdefgh', ['abcdefgh'])).toBe(REDACTED);
		expect(redactSecrets('abcdefg', ['abcdefg'])).toBe('abcdefg');
		expect(redactSecrets('text 12345678', [12345678, undefined, null])).toBe('text 12345678');
		expect(redactSecrets(`x${KEY}`, [])).toBe(`x${KEY}`);
	});

	it('a key that contains another is replaced whole (longest first)', () => {
		const short = 'secret12';
		const long = `${short}-and-more`;
		expect(redactSecrets(`v=${long}`, [short, long])).toBe(`v=${REDACTED}`);
		expect(redactSecrets({ v: `${long} ${short}` }, [short, long])).toEqual({
			v: `${REDACTED} ${REDACTED}`,
		});
	});

	it('a key that JSON escapes (quote, backslash, control character) is found in objects too', () => {
		for (const key of ['ak"secret_key_value', 'ak\\secret_key_value', 'ak_secret\tkey_value']) {
			expect(redactSecrets({ echoed: [`k ${key}`], [key]: 1 }, [key])).toEqual({
				echoed: [`k ${REDACTED}`],
				[REDACTED]: 1,
			});
		}
	});

	it('an object that cannot be serialised is still searched', () => {
		const cyclic: Record<string, unknown> = { text: `k=${KEY}` };
		const holder = {
			cyclic,
			toJSON: () => {
				throw new Error('no');
			},
		};
		expect(
			(redactSecrets(holder, [KEY]) as unknown as { cyclic: { text: string } }).cyclic.text,
		).toBe(`k=${REDACTED}`);
	});
});

describe('Composio errors as messages', () => {
	it('every part of the description, in order', () => {
		const details = describeComposioError(
			404,
			{
				error: {
					message: 'Connected account not found',
					code: 1803,
					slug: 'ConnectedAccount_NotFound',
					suggested_fix: 'Check the ID',
					errors: ['id: unknown', { field: 'x' }],
				},
			},
			{ 'X-Request-Id': 'req_h' },
		);
		expect(details).toMatchObject({
			message: 'Connected account not found',
			httpCode: '404',
			code: '1803',
			slug: 'ConnectedAccount_NotFound',
			requestId: 'req_h',
			suggestedFix: 'Check the ID',
			errors: ['id: unknown', '{"field":"x"}'],
		});
		expect(details.description).toBe(
			[
				'Suggested fix: Check the ID',
				'Details: id: unknown; {"field":"x"}',
				'Composio could not find that connected account. This usually means the API key belongs to another Composio project than the account, or the account was deleted.',
				'Composio error ConnectedAccount_NotFound, code 1803, HTTP 404, request ID req_h',
			].join('\n'),
		);
	});

	it('reads the message and request ID where else they may be; blank ones do not count', () => {
		expect(describeComposioError(400, { message: 'flat', request_id: 'r_b' })).toMatchObject({
			message: 'flat',
			requestId: 'r_b',
		});
		expect(describeComposioError(400, { error: 'just text' }).message).toBe('just text');
		expect(describeComposioError(400, { error: { message: '  ' } }).message).toBe(
			'Composio rejected the request as invalid',
		);
		expect(describeComposioError(400, { error: { error_code: 77 } }).code).toBe('77');
		expect(
			describeComposioError(400, { error: { request_id: 'r_e' }, request_id: 'r_b' }).requestId,
		).toBe('r_e');
		expect(describeComposioError(400, {}, { 'x-request-id': ['r_1', 'r_2'] }).requestId).toBe(
			'r_1',
		);
		expect(describeComposioError(400, {}, { 'x-request-id': '' }).requestId).toBeUndefined();
		const plain = describeComposioError(400, {});
		expect(plain.description).toBe('Composio HTTP 400');
		expect(plain.errors).toBeUndefined();
		expect(describeComposioError(400, [1, 2]).body).toEqual({ body: null });
	});

	it.each([
		[400, 'Composio rejected the request as invalid'],
		[403, 'Composio refused the request'],
		[404, 'Composio could not find the requested resource'],
		[408, 'Composio timed out while processing the request'],
		[409, 'The request conflicts with the resource’s current state'],
		[410, 'The requested Composio resource is gone'],
		[413, 'The request is too large for Composio'],
		[422, 'Composio could not process the request'],
		[429, 'Composio rate limit exceeded'],
		[500, 'Composio failed to process the request'],
		[503, 'Composio is temporarily unavailable'],
		[504, 'Composio timed out waiting for the provider'],
	])('HTTP %p without a message: %p', (status, message) => {
		expect(describeComposioError(status, undefined).message).toBe(message);
	});

	it('403 says the key is valid but not allowed', () => {
		expect(describeComposioError(403, {}).description).toBe(
			'The API key is valid but not allowed to do this. Check the project and the key’s permissions in the Composio dashboard.\nComposio HTTP 403',
		);
	});

	it('a reply that is not JSON: message and hint say so, whitespace folded, text truncated', () => {
		const page = `<h1>\n  Bad   gateway </h1>${'x'.repeat(200)}`;
		const details = describeComposioError(418, page);
		expect(details.message).toBe(
			`Composio answered HTTP 418 (the reply was not JSON: "${truncate(`<h1> Bad gateway </h1>${'x'.repeat(200)}`, 120)}")`,
		);
		expect(details.description).toContain(
			'The answer was not JSON, so it did not come from the Composio API itself',
		);
		expect(details.body).toEqual({ body: page });
		expect(describeComposioError(502, 'x'.repeat(600)).body).toEqual({
			body: truncate('x'.repeat(600), 500),
		});
		const blank = describeComposioError(502, '   ');
		expect(blank.message).toBe('Composio (or the provider behind it) returned a bad gateway error');
		expect(blank.description).toBe('Composio HTTP 502');
	});

	it('the Connect Link hint needs both the refusal and the link path', () => {
		const hint = 'Composio-managed OAuth accounts must be connected through a Connect Link';
		expect(
			describeComposioError(400, {
				message: 'This is no longer supported; see /connected_accounts/link',
			}).description,
		).toContain(hint);
		expect(
			describeComposioError(400, { message: 'no longer supported' }).description,
		).not.toContain(hint);
		expect(
			describeComposioError(400, { message: 'use /connected_accounts/link' }).description,
		).not.toContain(hint);
	});
});

describe('what a 429 message says the node did', () => {
	const first =
		'Composio’s rate limit was reached (it is shared by the whole organization). Lower the concurrency or spread the work over time.';

	it('without a report: the wait Composio asked for, if any', () => {
		expect(rateLimitLines(undefined, { 'retry-after': '2.5' })).toEqual([
			first,
			'Composio asked to wait 2.5 s (Retry-After).',
		]);
		expect(rateLimitLines(undefined, {})).toEqual([first]);
	});

	it('no retry, with and without a wait', () => {
		expect(rateLimitLines({ attempts: 1, maxRetryAfterMs: 60000 })).toEqual([
			first,
			'The node did not retry.',
		]);
		expect(rateLimitLines({ attempts: 1, retryAfterMs: 3000, maxRetryAfterMs: 60000 })).toEqual([
			first,
			'The node did not retry. Composio asked to wait 3 s (Retry-After).',
		]);
	});

	it('retried once or more, then still 429', () => {
		expect(rateLimitLines({ attempts: 2, maxRetryAfterMs: 60000 })).toEqual([
			first,
			'The node waited and retried 1 time; Composio still answered 429.',
		]);
		expect(rateLimitLines({ attempts: 4, retryAfterMs: 60000, maxRetryAfterMs: 60000 })).toEqual([
			first,
			'The node waited and retried 3 times; Composio still answered 429.',
			'Composio asked to wait 60 s (Retry-After) before the next try.',
		]);
	});

	it('a wait longer than the node waits: when to try again', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(
			rateLimitLines({ attempts: 1, retryAfterMs: 60001, maxRetryAfterMs: 60000, now }),
		).toEqual([
			first,
			'Composio asked to wait 60.0 s (Retry-After), longer than the node waits (60 s), so it did not retry. Try again after 2026-01-01T00:01:00.001Z.',
		]);
		expect(
			rateLimitLines({ attempts: 3, retryAfterMs: 90000, maxRetryAfterMs: 60000, now }),
		).toEqual([
			first,
			'The node waited and retried 2 times; then Composio asked to wait 90 s (Retry-After), longer than the node waits (60 s), so it did not retry again. Try again after 2026-01-01T00:01:30.000Z.',
		]);
	});

	it('a 429 description ends with these lines, then the request line', () => {
		const details = describeComposioError(429, {}, undefined, {
			attempts: 1,
			maxRetryAfterMs: 60000,
		});
		expect(details.description).toBe(`${first}\nThe node did not retry.\nComposio HTTP 429`);
	});
});

describe('Base URL and query', () => {
	it('refuses an API key pasted into the Base URL, without repeating it', () => {
		const result = normalizeBaseUrl(' ak_AbC-123_x ');
		expect(result).toEqual({
			ok: false,
			reason:
				'The Base URL looks like a Composio API key (ak_…): the API Key and Base URL fields may be swapped',
		});
		expect(normalizeBaseUrl('https://x.dev#frag')).toEqual({
			ok: false,
			reason: 'The Base URL must not contain a query string or fragment (got "https://x.dev#frag")',
		});
		expect(normalizeBaseUrl(42)).toEqual({ ok: false, reason: 'The Base URL is empty' });
		expect(normalizeBaseUrl('   ')).toEqual({ ok: false, reason: 'The Base URL is empty' });
	});

	it('keeps a path, drops only a trailing /api/v3 or /api/v3.1 and slashes', () => {
		expect(normalizeBaseUrl('https://h.dev/api/v3/x')).toEqual({
			ok: true,
			baseUrl: 'https://h.dev/api/v3/x',
		});
		expect(normalizeBaseUrl('https://h.dev/p/api/v3.1///')).toEqual({
			ok: true,
			baseUrl: 'https://h.dev/p',
		});
		expect(normalizeBaseUrl('https://h.dev/api/v32')).toEqual({
			ok: true,
			baseUrl: 'https://h.dev/api/v32',
		});
		expect(normalizeBaseUrl('http://user@h.dev:81')).toEqual({
			ok: true,
			baseUrl: 'http://h.dev:81',
		});
	});

	it('shows at most 80 characters of a wrong Base URL', () => {
		const long = `ftp://${'h'.repeat(100)}`;
		expect(normalizeBaseUrl(long)).toEqual({
			ok: false,
			reason: `The Base URL must start with http:// or https:// (got "${long.slice(0, 79)}…")`,
		});
		expect(truncate('abc', 3)).toBe('abc');
		expect(truncate('abcd', 3)).toBe('ab…');
	});

	it('query: lists joined, empty entries dropped, a list of only empties dropped, numbers kept', () => {
		expect(
			serializeQuery({ a: ['x', '', null, undefined, 'y', 3], b: ['', null], c: 0, d: 'v' }),
		).toEqual({ a: 'x,y,3', c: 0, d: 'v' });
		expect(serializeQuery({})).toEqual({});
	});
});

describe('edges the first mutation run found untested', () => {
	it('an HTTP date with anything after GMT is not one (Date.parse would read a zone)', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(serverRetryDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT+0100' }, now)).toBe(
			undefined,
		);
	});

	it('the API-key check is anchored at both ends', () => {
		expect(normalizeBaseUrl('https://h.dev/ak_abc')).toEqual({
			ok: true,
			baseUrl: 'https://h.dev/ak_abc',
		});
		expect(normalizeBaseUrl('ak_abc/def')).toEqual({
			ok: false,
			reason: 'The Base URL must start with http:// or https:// (got "ak_abc/def")',
		});
		expect(normalizeBaseUrl('xhttps://h.dev')).toEqual({
			ok: false,
			reason: 'The Base URL must start with http:// or https:// (got "xhttps://h.dev")',
		});
	});

	it('dropped query values leave no key behind', () => {
		expect(Object.keys(serializeQuery({ a: undefined, b: null, c: '', d: 1 }) ?? {})).toEqual([
			'd',
		]);
	});

	it('the API prefix and the default Base URL', () => {
		expect(API_PREFIX).toBe('/api/v3.1');
		expect(DEFAULT_BASE_URL).toBe('https://backend.composio.dev');
	});

	it('a non-JSON reply is quoted without the spaces around it', () => {
		expect(describeComposioError(500, '  \n oops \n ').message).toBe(
			'Composio failed to process the request (the reply was not JSON: "oops")',
		);
	});

	it('an object holding only one of several secret forms is still redacted', () => {
		const key = 'ak_secret_key_value';
		expect(redactSecrets({ echoed: `key ${key}` }, [`  ${key}  `])).toEqual({
			echoed: `key ${REDACTED}`,
		});
		expect(redactSecrets({ echoed: `key ${key}` }, ['another-secret', key])).toEqual({
			echoed: `key ${REDACTED}`,
		});
	});

	it('an error code named like a property of every object brings no hint of its own', () => {
		for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
			const details = describeComposioError(400, { error: { message: 'm', error_code: code } });
			expect(details.description).toBe(`Composio code ${code}, HTTP 400`);
		}
		expect(
			describeComposioError(404, { error: { message: 'm', error_code: 1803 } }).description,
		).toContain('could not find that connected account');
	});
});
