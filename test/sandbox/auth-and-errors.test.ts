import { DEFAULT_API_KEY } from '../../sandbox/src';
import { useSandbox, type ErrorWire, type PageWire } from './helpers';

describe('authentication, error envelope and headers', () => {
	const h = useSandbox();

	it('uses the documented default API key', () => {
		expect(h.sandbox.apiKey).toBe('ak_sandbox_local_dev_key');
		expect(DEFAULT_API_KEY).toBe('ak_sandbox_local_dev_key');
		expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers 401 with the error envelope when x-api-key is missing', async () => {
		const res = await h.get<ErrorWire>('/connected_accounts', { apiKey: null });
		expect(res.status).toBe(401);
		expect(res.body.error).toMatchObject({ status: 401, slug: 'HTTP_Unauthorized', code: 10401 });
		expect(res.body.error.message).toMatch(/x-api-key/);
		expect(res.body.error.request_id).toBe(res.headers.get('x-request-id'));
	});

	it('rejects a wrong key and Authorization: Bearer instead of x-api-key', async () => {
		const wrong = await h.get<ErrorWire>('/connected_accounts', { apiKey: 'ak_wrong' });
		expect(wrong.status).toBe(401);
		expect(wrong.body.error.message).toBe('Invalid API key');
		const bearer = await h.get<ErrorWire>('/connected_accounts', {
			apiKey: null,
			headers: { authorization: `Bearer ${DEFAULT_API_KEY}` },
		});
		expect(bearer.status).toBe(401);
		expect(bearer.body.error.message).toMatch(/Authorization: Bearer is not used/);
	});

	it('answers 401 "Multiple authentication modes" when two credential headers are sent', async () => {
		for (const extra of ['x-user-api-key', 'x-org-api-key']) {
			const res = await h.get<ErrorWire>('/connected_accounts', {
				headers: { [extra]: 'uak_something' },
			});
			expect(res.status).toBe(401);
			expect(res.body.error.message).toMatch(/^Multiple authentication modes were provided/);
		}
		const userOnly = await h.get<ErrorWire>('/connected_accounts', {
			apiKey: null,
			headers: { 'x-user-api-key': 'uak_x' },
		});
		expect(userOnly.status).toBe(401);
	});

	it('accepts the key header case-insensitively and serves both prefixes', async () => {
		for (const version of ['v3', 'v3.1'] as const) {
			const res = await h.get<PageWire<unknown>>('/connected_accounts?limit=1', {
				apiKey: null,
				headers: { 'X-API-KEY': DEFAULT_API_KEY },
				version,
			});
			expect(res.status).toBe(200);
			expect(res.body.total_items).toBe(17);
		}
	});

	it('echoes a caller x-request-id and otherwise generates a UUID', async () => {
		const echoed = await h.get('/connected_accounts?limit=1', {
			headers: { 'x-request-id': 'trace-123' },
		});
		expect(echoed.headers.get('x-request-id')).toBe('trace-123');
		const generated = await h.get<ErrorWire>('/connected_accounts/ca_doesNotExist1');
		expect(generated.headers.get('x-request-id')).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(generated.body.error.request_id).toBe(generated.headers.get('x-request-id'));
	});

	it('uses the envelope for unknown routes, malformed JSON and non-object bodies', async () => {
		const unknown = await h.get<ErrorWire>('/no_such_resource');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatchObject({ status: 404, slug: 'HTTP_NotFound' });

		const malformed = await h.request<ErrorWire>('/connected_accounts/link', {
			method: 'POST',
			rawBody: '{"user_id": ',
		});
		expect(malformed.status).toBe(400);
		expect(malformed.body.error.message).toBe('Malformed JSON in request body');

		const array = await h.request<ErrorWire>('/connected_accounts/link', {
			method: 'POST',
			rawBody: '[1,2]',
		});
		expect(array.status).toBe(400);
		expect(array.body.error.message).toBe('Request body must be a JSON object');
	});

	it('sends X-RateLimit headers on every API response, including errors', async () => {
		const ok = await h.get('/toolkits');
		expect(ok.headers.get('x-ratelimit')).toBe('10000');
		expect(ok.headers.get('x-ratelimit-window-size')).toBe('60s');
		// Composio's names only (reference "Rate Limits"): no -Limit, no reset time.
		expect(ok.headers.get('x-ratelimit-limit')).toBeNull();
		expect(ok.headers.get('x-ratelimit-reset')).toBeNull();
		const remaining = Number(ok.headers.get('x-ratelimit-remaining'));
		const next = await h.get('/toolkits');
		expect(Number(next.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
		const unauthorized = await h.get('/toolkits', { apiKey: null });
		expect(unauthorized.status).toBe(401);
		// Unauthenticated requests do not use up the organisation's budget.
		expect(Number(unauthorized.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
		const notFound = await h.get('/connected_accounts/ca_missing00001');
		expect(notFound.headers.get('x-ratelimit')).toBe('10000');
	});
});

describe('rate limiting', () => {
	const h = useSandbox({ rateLimit: { limit: 3, windowMs: 60_000 } });

	it('answers 429 with Retry-After and the flat body past the limit, and recovers in the next window', async () => {
		for (let i = 0; i < 3; i++) expect((await h.get('/toolkits')).status).toBe(200);
		const limited = await h.get<{ message: string; error?: unknown }>('/toolkits');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			message: 'Rate limit exceeded. Limit: 3 requests per 1 minute',
		});
		expect(limited.headers.get('retry-after')).toBe('60');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('x-ratelimit')).toBe('3');

		await h.control.advanceClock(30_000);
		const stillLimited = await h.get('/connected_accounts');
		expect(stillLimited.status).toBe(429);
		expect(stillLimited.headers.get('retry-after')).toBe('30');

		await h.control.advanceClock(30_000);
		expect((await h.get('/toolkits')).status).toBe(200);
		expect((await h.control.counters()).requests.rateLimited).toBe(2);
	});

	it('applies a limit changed through the control API and can be switched off', async () => {
		await h.control.setConfig({ rateLimit: { limit: 1, windowMs: 1000 } });
		expect((await h.get('/toolkits')).status).toBe(200);
		const limited = await h.get('/toolkits');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-window-size')).toBe('1s');
		await h.control.setConfig({ rateLimit: null });
		const free = await h.get('/toolkits');
		expect(free.status).toBe(200);
		expect(free.headers.get('x-ratelimit')).toBeNull();
	});
});
