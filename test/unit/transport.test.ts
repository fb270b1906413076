import {
	composioApiRequest,
	composioApiRequestAllItems,
	composioPages,
	composioRequest,
} from '../../nodes/shared/transport';
import type { ScriptedReply } from '../harness/scriptedTransport';
import { scriptedContext } from '../harness/scriptedTransport';
import { recordUnhandledRejections } from '../harness/unhandled.cjs';

const sleeps: number[] = [];

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => {
		sleeps.push(ms);
	}),
}));

type Reply = ScriptedReply;

/** Scripted answers, the credential's Base URL as given. */
function context(replies: Array<Reply | Error>, baseUrl = 'https://backend.composio.dev/') {
	return scriptedContext(replies, { baseUrl });
}

function page(ids: string[], next: string | null) {
	return {
		statusCode: 200,
		body: {
			items: ids.map((id) => ({ id })),
			next_cursor: next,
			total_pages: 3,
			current_page: 1,
			total_items: 7,
		},
	};
}

function networkError(code: string) {
	return Object.assign(new Error(`connect ${code}`), { name: 'NodeApiError', cause: { code } });
}

beforeEach(() => {
	sleeps.length = 0;
});

describe('pagination', () => {
	it('Return All follows next_cursor until it is null; the first request has no cursor', async () => {
		const { ctx, calls } = context([
			page(['a', 'b', 'c'], 'c1'),
			page(['d', 'e', 'f'], 'c2'),
			page(['g'], null),
		]);
		const items = await composioApiRequestAllItems.call(
			ctx,
			'/connected_accounts',
			{ statuses: ['ACTIVE', 'EXPIRED'] },
			{ pageSize: 3 },
		);
		expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
		expect(calls.map((c) => c.qs)).toEqual([
			{ statuses: 'ACTIVE,EXPIRED', limit: 3 },
			{ statuses: 'ACTIVE,EXPIRED', limit: 3, cursor: 'c1' },
			{ statuses: 'ACTIVE,EXPIRED', limit: 3, cursor: 'c2' },
		]);
		expect(calls[0].url).toBe('https://backend.composio.dev/api/v3.1/connected_accounts');
	});

	it('with a limit stops there, keeping one page size that adds up to the limit', async () => {
		const { ctx, calls } = context([page(['a', 'b', 'c'], 'c1'), page(['d', 'e', 'f'], 'c2')]);
		const items = await composioApiRequestAllItems.call(
			ctx,
			'/connected_accounts',
			{},
			{ pageSize: 3, max: 5 },
		);
		expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(calls.map((c) => c.qs?.limit)).toEqual([3, 3]);
	});

	it('never asks for a page more than the limit needs', async () => {
		const { ctx, calls } = context([
			page(['a', 'b'], 'c1'),
			page(['c', 'd'], 'c2'),
			page(['e', 'f'], 'c3'),
		]);
		const items = await composioApiRequestAllItems.call(ctx, '/x', {}, { pageSize: 3, max: 4 });
		expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
		expect(calls.map((c) => c.qs?.limit)).toEqual([2, 2]);
	});

	it('refuses a cursor that repeats instead of looping forever', async () => {
		const { ctx } = context([page(['a'], 'same'), page(['b'], 'same')]);
		await expect(composioApiRequestAllItems.call(ctx, '/connected_accounts')).rejects.toThrow(
			'Composio returned the same page cursor twice for /api/v3.1/connected_accounts',
		);
	});

	it('reads one page ahead only when asked: the next request is out before a page is handed on', async () => {
		for (const readAhead of [true, false, undefined]) {
			const { ctx, calls } = context([page(['a'], 'c1'), page(['b'], 'c2'), page(['c'], null)]);
			const pages = composioPages.call(ctx, '/x', {}, { pageSize: 1, readAhead });
			const first = await pages.next();
			expect(first.value).toEqual([{ id: 'a' }]);
			// Read ahead: page 2 was asked for while page 1 was being handed on; never two ahead.
			expect(calls.map((c) => c.qs?.cursor)).toEqual(readAhead ? [undefined, 'c1'] : [undefined]);
			const rest: unknown[] = [];
			for await (const items of pages) rest.push(...items);
			expect(rest).toEqual([{ id: 'b' }, { id: 'c' }]);
			expect(calls.map((c) => c.qs?.cursor)).toEqual([undefined, 'c1', 'c2']);
		}
	});

	it('a caller that stops early spends no request on a page it never reads (no read-ahead)', async () => {
		const { ctx, calls } = context([page(['a'], 'c1'), page(['b'], 'c2')]);
		for await (const items of composioPages.call(ctx, '/x', {}, { pageSize: 1 })) {
			expect(items).toEqual([{ id: 'a' }]);
			break;
		}
		expect(calls).toHaveLength(1);
	});

	it('a page read ahead that fails fails the walk where it is read, never as an unhandled rejection', async () => {
		// n8n-workflow's sleep is mocked in this file; the consumer below needs real time to pass.
		const { sleep: realSleep } = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
		const recording = recordUnhandledRejections();
		const refused = { statusCode: 400, body: { error: { message: 'Invalid cursor' } } };
		const { ctx, calls } = context([page(['a'], 'c1'), refused]);
		const seen: unknown[] = [];
		await expect(
			(async () => {
				for await (const items of composioPages.call(ctx, '/x', {}, { readAhead: true })) {
					seen.push(...items);
					// A slow consumer: the read-ahead request has failed before it asks again.
					await realSleep(20);
				}
			})(),
		).rejects.toThrow('Invalid cursor');
		expect(seen).toEqual([{ id: 'a' }]);
		expect(calls).toHaveLength(2);
		// A walk stopped early leaves its failed read-ahead page unhandled neither.
		const stopped = context([page(['a'], 'c1'), refused]);
		for await (const items of composioPages.call(stopped.ctx, '/x', {}, { readAhead: true })) {
			expect(items).toEqual([{ id: 'a' }]);
			break;
		}
		await realSleep(20);
		expect(stopped.calls).toHaveLength(2);
		expect(recording.stop()).toEqual([]);
	});

	it('refuses a 200 that is not a list envelope (wrong base URL)', async () => {
		const { ctx } = context([{ statusCode: 200, body: { hello: 'world' } }]);
		await expect(composioApiRequestAllItems.call(ctx, '/connected_accounts')).rejects.toThrow(
			'Composio answered GET /api/v3.1/connected_accounts without an "items" list',
		);
	});
});

describe('retries', () => {
	it('retries 5xx on idempotent requests with backoff, then succeeds', async () => {
		const { ctx, calls } = context([
			{ statusCode: 503, body: {} },
			{ statusCode: 502, body: {} },
			{ statusCode: 200, body: { id: 'ca_1' } },
		]);
		expect(
			await composioApiRequest.call(ctx, { method: 'GET', path: '/connected_accounts/ca_1' }),
		).toEqual({ id: 'ca_1' });
		expect(calls).toHaveLength(3);
		expect(sleeps).toHaveLength(2);
		expect(sleeps[0]).toBeGreaterThanOrEqual(375);
		expect(sleeps[0]).toBeLessThanOrEqual(500);
		expect(sleeps[1]).toBeGreaterThanOrEqual(750);
		expect(sleeps[1]).toBeLessThanOrEqual(1000);
	});

	it('honours Retry-After (seconds) and retry-after-ms on 429', async () => {
		const { ctx } = context([
			{
				statusCode: 429,
				body: { message: 'Rate limit exceeded' },
				headers: { 'retry-after': '2' },
			},
			{
				statusCode: 429,
				body: { message: 'Rate limit exceeded' },
				headers: { 'retry-after-ms': '120' },
			},
			{ statusCode: 200, body: { success: true } },
		]);
		await composioApiRequest.call(ctx, {
			method: 'PATCH',
			path: '/connected_accounts/ca_1/status',
			body: { enabled: false },
		});
		expect(sleeps).toEqual([2000, 120]);
	});

	it('gives up after the retry budget with Composio’s message', async () => {
		const fail = {
			statusCode: 500,
			body: { error: { message: 'Internal error', code: 500, status: 500, request_id: 'req_9' } },
		};
		const { ctx, calls } = context([fail, fail, fail, fail, fail]);
		await expect(
			composioApiRequest.call(ctx, { method: 'GET', path: '/toolkits' }),
		).rejects.toMatchObject({
			message: 'Internal error',
			httpCode: '500',
		});
		expect(calls).toHaveLength(4);
	});

	it('does not wait for a Retry-After beyond the cap', async () => {
		const { ctx, calls } = context([
			{
				statusCode: 429,
				body: { message: 'Rate limit exceeded' },
				headers: { 'retry-after': '3600' },
			},
		]);
		await expect(
			composioApiRequest.call(ctx, { method: 'GET', path: '/toolkits' }),
		).rejects.toMatchObject({
			message: 'Rate limit exceeded',
			description: expect.stringContaining('Composio asked to wait 3600 s'),
		});
		expect(calls).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});

	it('never repeats a request that may have run (POST) on 5xx or a dropped connection', async () => {
		const first = context([{ statusCode: 500, body: { error: { message: 'boom', status: 500 } } }]);
		await expect(
			composioApiRequest.call(first.ctx, {
				method: 'POST',
				path: '/tools/execute/GMAIL_GET_PROFILE',
				body: {},
			}),
		).rejects.toMatchObject({ message: 'boom' });
		expect(first.calls).toHaveLength(1);

		const second = context([networkError('ECONNRESET')]);
		await expect(
			composioApiRequest.call(second.ctx, {
				method: 'POST',
				path: '/connected_accounts/link',
				body: {},
			}),
		).rejects.toMatchObject({
			message: 'Could not reach Composio at https://backend.composio.dev (ECONNRESET)',
			description: expect.stringContaining('may already have run'),
		});
		expect(second.calls).toHaveLength(1);
	});

	it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
		'a refused connection (%s) sent nothing: a POST is retried like a GET, and never "may already have run"',
		async (code) => {
			const recovered = context([networkError(code), { statusCode: 201, body: { ok: 1 } }]);
			expect(
				await composioApiRequest.call(recovered.ctx, {
					method: 'POST',
					path: '/connected_accounts/link',
					body: {},
				}),
			).toEqual({ ok: 1 });
			expect(recovered.calls).toHaveLength(2);

			for (const method of ['POST', 'GET'] as const) {
				const down = context([
					networkError(code),
					networkError(code),
					networkError(code),
					networkError(code),
				]);
				const failure = composioApiRequest.call(down.ctx, {
					method,
					path: method === 'POST' ? '/tools/execute/GMAIL_SEND_EMAIL' : '/toolkits',
					body: method === 'POST' ? {} : undefined,
				});
				await expect(failure).rejects.toMatchObject({
					message: `Could not reach Composio at https://backend.composio.dev (${code})`,
					description: expect.stringContaining(
						'The connection was not made, so the request was not sent and did not run on Composio’s side. Tried 4 times.',
					),
				});
				await expect(failure).rejects.not.toMatchObject({
					description: expect.stringContaining('may already have run'),
				});
				expect(down.calls).toHaveLength(4);
			}
		},
	);

	it('429: says it waited and retried only when it did', async () => {
		const limited = { statusCode: 429, body: { message: 'Rate limit exceeded' } };
		const spent = context([
			{ ...limited, headers: { 'retry-after': '0' } },
			{ ...limited, headers: { 'retry-after': '0' } },
			{ ...limited, headers: { 'retry-after': '0' } },
			{ ...limited, headers: { 'retry-after': '2' } },
		]);
		const spentError = composioApiRequest.call(spent.ctx, { method: 'GET', path: '/toolkits' });
		await expect(spentError).rejects.toMatchObject({
			description: expect.stringContaining(
				'The node waited and retried 3 times; Composio still answered 429.',
			),
		});
		await expect(spentError).rejects.toMatchObject({
			description: expect.stringContaining('Composio asked to wait 2 s (Retry-After)'),
		});
		expect(spent.calls).toHaveLength(4);

		// Retry-After beyond the 60 s budget on the first answer: no retry, and the message says so.
		const now = Date.now();
		const tooLong = context([{ ...limited, headers: { 'retry-after': '3600' } }]);
		const tooLongError = (await composioApiRequest
			.call(tooLong.ctx, { method: 'POST', path: '/tools/execute/X', body: {} })
			.catch((error: unknown) => error)) as { description: string };
		expect(tooLong.calls).toHaveLength(1);
		expect(sleeps).toEqual([0, 0, 0]);
		expect(tooLongError.description).not.toContain('waited and retried');
		expect(tooLongError.description).toContain(
			'Composio asked to wait 3600 s (Retry-After), longer than the node waits (60 s), so it did not retry. Try again after ',
		);
		const at = Date.parse(/Try again after (\S+)\./.exec(tooLongError.description)?.[1] ?? '');
		expect(at).toBeGreaterThanOrEqual(now + 3600 * 1000 - 1000);

		// One retry, then a Retry-After beyond the budget.
		const thenTooLong = context([
			{ ...limited, headers: { 'retry-after-ms': '10' } },
			{ ...limited, headers: { 'retry-after': '120' } },
		]);
		await expect(
			composioApiRequest.call(thenTooLong.ctx, { method: 'GET', path: '/toolkits' }),
		).rejects.toMatchObject({
			description: expect.stringContaining(
				'The node waited and retried 1 time; then Composio asked to wait 120 s (Retry-After), longer than the node waits (60 s), so it did not retry again.',
			),
		});
	});

	it('retries a POST on 429 only', async () => {
		const { ctx, calls } = context([
			{
				statusCode: 429,
				body: { message: 'Rate limit exceeded' },
				headers: { 'retry-after': '0' },
			},
			{ statusCode: 200, body: { successful: true, data: {}, error: null } },
		]);
		await composioApiRequest.call(ctx, { method: 'POST', path: '/tools/execute/X', body: {} });
		expect(calls).toHaveLength(2);
		expect(sleeps).toEqual([0]);
	});

	it('retries a connection reset on idempotent requests', async () => {
		const { ctx, calls } = context([
			networkError('ECONNRESET'),
			{ statusCode: 200, body: { ok: 1 } },
		]);
		expect(
			await composioApiRequest.call(ctx, { method: 'DELETE', path: '/connected_accounts/ca_1' }),
		).toEqual({ ok: 1 });
		expect(calls).toHaveLength(2);
	});

	it('retries a malformed 200 on GET but reports it on POST', async () => {
		const get = context([
			{ statusCode: 200, body: '<html>' },
			{ statusCode: 200, body: { ok: 1 } },
		]);
		expect(await composioApiRequest.call(get.ctx, { method: 'GET', path: '/x' })).toEqual({
			ok: 1,
		});
		const post = context([{ statusCode: 200, body: 'not json{' }]);
		await expect(
			composioApiRequest.call(post.ctx, { method: 'POST', path: '/tools/execute/X', body: {} }),
		).rejects.toThrow(
			'Composio answered POST /api/v3.1/tools/execute/X with a body that is not JSON',
		);
	});
});

describe('requests', () => {
	it('returns accepted statuses instead of raising them', async () => {
		const { ctx } = context([
			{ statusCode: 404, body: { error: { message: 'gone', status: 404 } } },
		]);
		const response = await composioRequest.call(ctx, {
			method: 'DELETE',
			path: '/connected_accounts/ca_1',
			acceptStatuses: [404],
		});
		expect(response.statusCode).toBe(404);
	});

	it('maps the error envelope and keeps Composio’s code for callers', async () => {
		const { ctx } = context([
			{
				statusCode: 404,
				body: {
					error: {
						message: 'Connected account not found',
						code: 1803,
						slug: 'ConnectedAccount_NotFound',
						status: 404,
						request_id: 'req_1',
					},
				},
			},
		]);
		const error = await composioApiRequest
			.call(ctx, { method: 'GET', path: '/connected_accounts/ca_x', itemIndex: 3 })
			.catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'Connected account not found',
			httpCode: '404',
			context: {
				itemIndex: 3,
				composio: {
					status: 404,
					code: '1803',
					slug: 'ConnectedAccount_NotFound',
					requestId: 'req_1',
				},
			},
		});
		expect(String((error as Error & { description: string }).description)).toContain(
			'another Composio project',
		);
	});

	it('refuses a credential base URL that is not http(s) before sending anything', async () => {
		const { ctx, calls } = context([], 'backend.composio.dev');
		await expect(
			composioApiRequest.call(ctx, { method: 'GET', path: '/toolkits' }),
		).rejects.toThrow(
			'Composio API credential: The Base URL must start with http:// or https:// (got "backend.composio.dev")',
		);
		expect(calls).toHaveLength(0);
	});

	it('never carries the API key in the request options it builds (the credential adds it)', async () => {
		const { ctx, calls } = context([{ statusCode: 200, body: {} }]);
		await composioApiRequest.call(ctx, { method: 'GET', path: '/toolkits' });
		expect(JSON.stringify(calls[0])).not.toContain('ak_secret_key_value');
	});
});
