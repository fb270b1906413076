/**
 * The rate-limit pacer (nodes/shared/transport/pacing.ts) against a simulated Composio: a fixed
 * window of `limit` requests, the three documented headers on every answer, 429 + Retry-After
 * (whole seconds until the window resets) beyond. Time is simulated (a virtual clock driven by an
 * event queue), so every figure below is the pacer's logic, never the machine's speed.
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { composioRequest } from '../../nodes/shared/transport';
import { RateLimitPacer, readRateLimit } from '../../nodes/shared/transport/pacing';

/**
 * The transport's clock in the last describe block: `sleep` moves it, nothing real waits (the
 * other tests here never reach the transport).
 */
const virtualClock = { now: 0 };
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: jest.fn(async (ms: number) => {
		virtualClock.now += ms;
	}),
}));

describe('readRateLimit', () => {
	const headers = {
		'x-ratelimit': '2000',
		'x-ratelimit-remaining': '1999',
		'x-ratelimit-window-size': '60s',
	};

	it("reads Composio's three headers (window in seconds)", () => {
		expect(readRateLimit(headers)).toEqual({ limit: 2000, remaining: 1999, windowMs: 60_000 });
		expect(
			readRateLimit({
				'X-RateLimit': 5,
				'X-RateLimit-Remaining': 0,
				'X-RateLimit-Window-Size': '2s',
			}),
		).toEqual({ limit: 5, remaining: 0, windowMs: 2000 });
	});

	it('reads Retry-After only on a 429', () => {
		const limited = { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': '7' };
		expect(readRateLimit(limited, 429)?.retryAfterMs).toBe(7000);
		expect(readRateLimit(limited, 200)?.retryAfterMs).toBeUndefined();
	});

	it.each([
		['no headers', {}],
		['no window size', { 'x-ratelimit': '10', 'x-ratelimit-remaining': '3' }],
		['a limit that is not a number', { ...headers, 'x-ratelimit': 'many' }],
		['a negative remaining count', { ...headers, 'x-ratelimit-remaining': '-1' }],
		['a window size without a number', { ...headers, 'x-ratelimit-window-size': 'minute' }],
		['a zero limit', { ...headers, 'x-ratelimit': '0' }],
		['a zero window', { ...headers, 'x-ratelimit-window-size': '0s' }],
		// Not Composio's names: the pacer does not guess at other APIs' conventions.
		[
			'X-RateLimit-Limit / -Reset instead',
			{ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '20' },
		],
	])('ignores %s', (_label, h) => {
		expect(readRateLimit(h as IDataObject)).toBeUndefined();
	});
});

/** A fixed-window server on the virtual clock, shared by every simulated client. */
class FixedWindowServer {
	private windowStart = Number.NaN;
	private count = 0;
	accepted = 0;
	rejected = 0;
	/** Answers per window, by the window's start. */
	readonly perWindow = new Map<number, { accepted: number; rejected: number }>();

	/** Requests answered 429, and all, from the `skip`-th window on (after the processes met). */
	answersFrom(skip: number): { rejected: number; all: number } {
		const windows = [...this.perWindow.entries()].sort((a, b) => a[0] - b[0]).slice(skip);
		return {
			rejected: windows.reduce((sum, [, t]) => sum + t.rejected, 0),
			all: windows.reduce((sum, [, t]) => sum + t.accepted + t.rejected, 0),
		};
	}

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		/** Where the windows start: at multiples of windowMs plus this. */
		readonly phaseMs: number,
	) {}

	handle(at: number): { status: number; headers: IDataObject } {
		const start = Math.floor((at - this.phaseMs) / this.windowMs) * this.windowMs + this.phaseMs;
		if (start !== this.windowStart) {
			this.windowStart = start;
			this.count = 0;
		}
		const allowed = this.count < this.limit;
		if (allowed) this.count++;
		const tally = this.perWindow.get(start) ?? { accepted: 0, rejected: 0 };
		if (allowed) tally.accepted++;
		else tally.rejected++;
		this.perWindow.set(start, tally);
		const headers: IDataObject = {
			'x-ratelimit': String(this.limit),
			'x-ratelimit-remaining': String(this.limit - this.count),
			'x-ratelimit-window-size': `${this.windowMs / 1000}s`,
		};
		if (allowed) {
			this.accepted++;
			return { status: 200, headers };
		}
		this.rejected++;
		headers['retry-after'] = String(Math.max(1, Math.ceil((start + this.windowMs - at) / 1000)));
		return { status: 429, headers };
	}
}

interface Client {
	pacer: RateLimitPacer;
	items: number;
	concurrency: number;
	startAt: number;
	done: number;
	finishedAt: number;
}

interface Realism {
	/** Each request's latency varies by up to ± half this share of it (seeded, repeatable). */
	jitter: number;
	seed: number;
	/** Requests each client sends one after the other before its items (the node reads the tool and the user's accounts first). */
	setup: number;
}

/**
 * Runs clients against the server: each has `concurrency` workers that take items one by one and
 * send each through the pacer as the transport does (a 429 is sent again through the pacer, which
 * holds it until the window ends). The server counts a request `latencyMs / 2` after it leaves and
 * the answer arrives `latencyMs` after it left. With `realism`, latencies vary and the server
 * counts requests in the order they arrive, so two processes' requests interleave as real ones do
 * (without it, requests that leave at the same moment are counted in the order they were sent).
 */
function simulate(
	server: FixedWindowServer,
	clients: Client[],
	latencyMs: number,
	realism?: Realism,
) {
	const queue: Array<{ at: number; seq: number; run: () => void }> = [];
	let seq = 0;
	let now = 0;
	let state = realism?.seed ?? 1;
	const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	const schedule = (at: number, run: () => void) => {
		queue.push({ at, seq: seq++, run });
	};
	for (const client of clients) {
		let next = 0;
		let setup = realism?.setup ?? 0;
		const send = (then: () => void) => {
			const ticket = client.pacer.acquire(now);
			const answered = (answer: { status: number; headers: IDataObject }) => {
				client.pacer.settle(ticket, now, answer.status, answer.headers);
				if (answer.status === 429) return send(then);
				client.done++;
				client.finishedAt = now;
				then();
			};
			const leave = () => {
				const more = client.pacer.ready(ticket, now);
				if (more > 0) return schedule(now + more, leave);
				if (!realism) {
					const answer = server.handle(now + latencyMs / 2);
					return schedule(now + latencyMs, () => answered(answer));
				}
				const latency = latencyMs * (1 + realism.jitter * (random() - 0.5));
				schedule(now + latency / 2, () => {
					const answer = server.handle(now);
					schedule(now + latency / 2, () => answered(answer));
				});
			};
			schedule(now + ticket.waitMs, leave);
		};
		const work = () => {
			if (next >= client.items) return;
			next++;
			send(work);
		};
		const start = () => {
			if (setup === 0) {
				for (let w = 0; w < client.concurrency; w++) work();
				return;
			}
			setup--;
			next++;
			send(start);
		};
		schedule(client.startAt, start);
	}
	while (queue.length) {
		queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
		const event = queue.shift()!;
		now = event.at;
		event.run();
		if (now > 3_600_000) throw new Error('simulation did not finish');
	}
}

/**
 * The least time `requests` need from `start` for a client that knows the windows: it sends at its
 * full speed (`concurrency` every `latencyMs`) and never more than the limit in a window.
 */
function floorMs(
	server: FixedWindowServer,
	start: number,
	requests: number,
	latencyMs: number,
	concurrency = 10,
) {
	const perMs = concurrency / latencyMs;
	let windowStart =
		Math.floor((start - server.phaseMs) / server.windowMs) * server.windowMs + server.phaseMs;
	let at = start;
	let left = requests;
	for (;;) {
		const from = Math.max(at, windowStart);
		const fits = Math.min(server.limit, Math.floor((windowStart + server.windowMs - from) * perMs));
		if (left <= fits) return from + Math.ceil(left / concurrency) * latencyMs - start;
		left -= fits;
		at = from + fits / perMs;
		windowStart += server.windowMs;
	}
}

const client = (items: number, startAt = 0, concurrency = 10): Client => ({
	pacer: new RateLimitPacer(),
	items,
	concurrency,
	startAt,
	done: 0,
	finishedAt: 0,
});

describe('pacing against a fixed window', () => {
	it.each([
		['windows starting 0.3 s into the run', 300],
		['windows starting 1.7 s into the run', 1700],
		['windows starting with the run', 0],
	])(
		'one process, %s: every item once, ≤ 1 %% of requests 429, within 10 %% of the floor',
		(_l, phase) => {
			const server = new FixedWindowServer(250, 2000, phase);
			const c = client(1001);
			simulate(server, [c], 20);
			expect(c.done).toBe(1001);
			expect(server.accepted).toBe(1001);
			expect(server.rejected / (server.accepted + server.rejected)).toBeLessThanOrEqual(0.01);
			expect(c.finishedAt).toBeLessThanOrEqual(floorMs(server, 0, 1001, 20) * 1.1);
		},
	);

	it('two processes sharing the count (the second starting later): same bounds', () => {
		const server = new FixedWindowServer(250, 2000, 900);
		const a = client(1000, 0);
		const b = client(1000, 150);
		simulate(server, [a, b], 20);
		expect(a.done + b.done).toBe(2000);
		expect(server.accepted).toBe(2000);
		expect(server.rejected / (server.accepted + server.rejected)).toBeLessThanOrEqual(0.01);
		expect(Math.max(a.finishedAt, b.finishedAt)).toBeLessThanOrEqual(
			floorMs(server, 0, 2000, 20, 20) * 1.1,
		);
	});

	it("Composio's own scale: 2 000 a minute, 5 000 items", () => {
		const server = new FixedWindowServer(2000, 60_000, 23_456);
		const c = client(5000);
		simulate(server, [c], 120);
		expect(c.done).toBe(5000);
		expect(server.rejected / (server.accepted + server.rejected)).toBeLessThanOrEqual(0.01);
		expect(c.finishedAt).toBeLessThanOrEqual(floorMs(server, 0, 5000, 120) * 1.1);
	});

	it('stays out of the way while the budget lasts', () => {
		const server = new FixedWindowServer(10_000, 60_000, 0);
		const c = client(500);
		simulate(server, [c], 20);
		expect(server.rejected).toBe(0);
		// 500 items, 10 at a time, 20 ms each: nothing is held back.
		expect(c.finishedAt).toBe(50 * 20);
	});
});

/**
 * Two n8n processes on a window as small as their concurrency (the smoke bench's 10 per second,
 * Concurrency 10 each): without a share for the other process each takes the whole window at its
 * start, and 29–39 % of the requests are answered 429 (measured here before the share existed).
 * Latencies vary and the server counts in arrival order (`realism`), each process first reads the
 * tool and the accounts as the node does; 8 seeds, two window phases.
 */
describe('two processes on a small window', () => {
	const seeds = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => i * 7919);

	it.each([
		['windows starting with the run', 0, 0],
		['windows starting 0.3 s into the run, the second process 3 ms later', 300, 3],
	])(
		'10 per second, 2 × 100 items, %s: every item once, few 429s once they met, near the floor',
		(_label, phase, secondStart) => {
			let rejected = 0;
			let all = 0;
			const steady = { rejected: 0, all: 0 };
			for (const seed of seeds) {
				const server = new FixedWindowServer(10, 1000, phase);
				const a = client(100, 0);
				const b = client(100, secondStart);
				simulate(server, [a, b], 5, { jitter: 1, seed, setup: 2 });
				expect(a.done + b.done).toBe(200);
				expect(server.accepted).toBe(200);
				rejected += server.rejected;
				all += server.accepted + server.rejected;
				const later = server.answersFrom(2);
				steady.rejected += later.rejected;
				steady.all += later.all;
				expect(Math.max(a.finishedAt, b.finishedAt)).toBeLessThanOrEqual(
					floorMs(server, 0, 200, 5, 20) * 1.3,
				);
			}
			// The first windows teach each process the other's share; from the third window on
			// what remains is the race for a window's last request (see bench/README.md).
			expect(rejected / all).toBeLessThanOrEqual(0.06);
			expect(steady.rejected / steady.all).toBeLessThanOrEqual(0.06);
		},
	);

	it('the smoke bench: 10 per second, 2 × 30 items, Concurrency 10 each', () => {
		let rejected = 0;
		let all = 0;
		for (const seed of seeds) {
			const server = new FixedWindowServer(10, 1000, 0);
			const a = client(30, 0);
			const b = client(30, 0);
			simulate(server, [a, b], 5, { jitter: 1, seed, setup: 2 });
			expect(a.done + b.done).toBe(60);
			expect(server.accepted).toBe(60);
			rejected += server.rejected;
			all += server.accepted + server.rejected;
		}
		expect(rejected / all).toBeLessThanOrEqual(0.05);
	});

	it("Composio's scale, two processes: 2 000 a minute, 2 × 5 000 items", () => {
		const server = new FixedWindowServer(2000, 60_000, 23_456);
		const a = client(5000, 0);
		const b = client(5000, 0);
		simulate(server, [a, b], 120, { jitter: 1, seed: 7919, setup: 2 });
		expect(a.done + b.done).toBe(10_000);
		expect(server.accepted).toBe(10_000);
		expect(server.rejected / (server.accepted + server.rejected)).toBeLessThanOrEqual(0.01);
	});

	it('one process is paced as before: every window used, no 429', () => {
		for (const seed of seeds) {
			const server = new FixedWindowServer(10, 1000, 0);
			const c = client(30, 0);
			simulate(server, [c], 5, { jitter: 1, seed, setup: 2 });
			expect(c.done).toBe(30);
			expect(server.rejected).toBe(0);
			// 30 requests, 10 a window: the third window is the last.
			expect(c.finishedAt).toBeLessThan(3000);
		}
	});
});

describe('what the pacer learns from answers', () => {
	const W = 2000;
	const answer = (limit: number, remaining: number, extra: IDataObject = {}) => ({
		'x-ratelimit': String(limit),
		'x-ratelimit-remaining': String(remaining),
		'x-ratelimit-window-size': `${W / 1000}s`,
		...extra,
	});

	it('sends at once before any rate-limit header was seen, and without them', () => {
		const pacer = new RateLimitPacer();
		for (let i = 0; i < 50; i++) {
			const t = pacer.acquire(i);
			expect(t.waitMs).toBe(0);
			expect(pacer.ready(t, i)).toBe(0);
			pacer.settle(t, i + 5, 200, {});
		}
		expect(pacer.active).toBe(false);
	});

	it('with the budget spent, holds a request until the window surely ended (≤ Retry-After)', () => {
		const pacer = new RateLimitPacer();
		const t = pacer.acquire(1000);
		pacer.ready(t, 1000);
		pacer.settle(t, 1020, 429, answer(10, 0, { 'retry-after': '1' }));
		const next = pacer.acquire(1030);
		expect(next.waitMs).toBeGreaterThan(0);
		expect(1030 + next.waitMs).toBeLessThanOrEqual(1020 + 1000);
	});

	it('a higher Remaining than one read before sending means a new window: the end is pinned down', () => {
		const pacer = new RateLimitPacer();
		// Read 3 left in the window…
		const a = pacer.acquire(0);
		pacer.ready(a, 0);
		pacer.settle(a, 20, 200, answer(10, 3));
		// …then, sent at 500 and answered at 520, 9 left: the window turned between 0 and 520.
		const b = pacer.acquire(500);
		pacer.ready(b, 500);
		pacer.settle(b, 520, 200, answer(10, 9));
		// Spend the new window: the wait ends within (2000, 2520], not a whole window later.
		for (let i = 0; i < 9; i++) {
			const t = pacer.acquire(600 + i);
			pacer.ready(t, 600 + i + t.waitMs);
			pacer.settle(t, 620 + i + t.waitMs, 200, answer(10, 8 - i));
		}
		const held = pacer.acquire(700);
		expect(700 + held.waitMs).toBeGreaterThan(2000);
		expect(700 + held.waitMs).toBeLessThanOrEqual(2520);
	});

	it('a network failure gives its place back', () => {
		const pacer = new RateLimitPacer();
		const first = pacer.acquire(0);
		pacer.ready(first, 0);
		pacer.settle(first, 10, 200, answer(3, 2));
		const lost = pacer.acquire(20);
		pacer.ready(lost, 20);
		pacer.settle(lost, 30);
		pacer.settle(lost, 40); // settling twice counts once
		const t = pacer.acquire(50);
		// Budget 2 (nothing in flight): within the reserve, so spread towards the window's end, never held past it.
		expect(50 + t.waitMs).toBeLessThanOrEqual(10 + W);
	});
});

/**
 * The transport's rule for a spent window: a 429 with `X-RateLimit-Remaining: 0` ran nothing (the
 * organization's count was spent, by another process too), so the pacer holds the retry until the
 * window ends and the wait does not use up the 3-retry budget; at most 20 such waits per request,
 * then an error that says how often it tried.
 */
describe('the transport under a spent window', () => {
	const WINDOW_MS = 1000;
	const node: INode = {
		id: '1',
		name: 'Composio',
		type: 'n8n-nodes-composio.composioExecuteTool',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	let dateNow: jest.SpyInstance;
	beforeEach(() => {
		virtualClock.now = 1_000_000;
		dateNow = jest.spyOn(Date, 'now').mockImplementation(() => virtualClock.now);
	});
	afterEach(() => {
		dateNow.mockRestore();
	});

	/**
	 * A Composio whose 1-second windows (at multiples of 1 s) are spent by another client until
	 * `freeFrom`; from then on it accepts. Every request takes 10 ms of virtual time.
	 */
	function server(freeFrom: number, baseUrl: string) {
		const sentAt: number[] = [];
		const ctx = {
			getNode: () => node,
			getCredentials: async () => ({ apiKey: 'ak_spent_window', baseUrl }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					const at = virtualClock.now;
					sentAt.push(at);
					virtualClock.now += 10;
					const windowEnd = Math.floor(at / WINDOW_MS) * WINDOW_MS + WINDOW_MS;
					const spent = at < freeFrom;
					const headers: IDataObject = {
						'x-ratelimit': '10',
						'x-ratelimit-remaining': spent ? '0' : '9',
						'x-ratelimit-window-size': '1s',
					};
					if (!spent) return { statusCode: 200, statusMessage: 'OK', headers, body: '{"ok":true}' };
					headers['retry-after'] = String(Math.max(1, Math.ceil((windowEnd - at) / 1000)));
					return {
						statusCode: 429,
						statusMessage: 'Too Many Requests',
						headers,
						body: '{"error":{"message":"Rate limit exceeded"}}',
					};
				},
			},
		} as unknown as IExecuteFunctions;
		return { ctx, sentAt };
	}

	it('waits spent windows out beyond the retry budget and runs the request once it may', async () => {
		// Six windows spent by someone else: far more 429s than the 3 retries allow.
		const start = virtualClock.now;
		const { ctx, sentAt } = server(start + 6 * WINDOW_MS, 'https://spent-window-1.example');
		const answer = await composioRequest.call(ctx, {
			method: 'POST',
			path: '/tools/execute/SLACK_SEND_MESSAGE',
			body: {},
			retry: 'rateLimitOnly',
		});
		expect(answer.statusCode).toBe(200);
		expect(sentAt.length).toBeGreaterThan(4);
		expect(answer.attempts).toBe(sentAt.length);
		// Held for the window's end: at most the first try and one early probe per window, never a burst.
		const perWindow = new Map<number, number>();
		for (const at of sentAt) {
			const w = Math.floor(at / WINDOW_MS);
			perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
		}
		expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(2);
		expect(sentAt.at(-1)).toBeGreaterThanOrEqual(start + 6 * WINDOW_MS);
	});

	it('stops after 20 such waits (plus the 3 retries) with an error that says so', async () => {
		const { ctx, sentAt } = server(Number.POSITIVE_INFINITY, 'https://spent-window-2.example');
		const failure = (await composioRequest
			.call(ctx, {
				method: 'POST',
				path: '/tools/execute/SLACK_SEND_MESSAGE',
				body: {},
				retry: 'rateLimitOnly',
			})
			.catch((error: unknown) => error)) as {
			httpCode: string;
			description: string;
			context: IDataObject;
		};
		expect(sentAt).toHaveLength(1 + 20 + 3);
		expect(failure.httpCode).toBe('429');
		expect(failure.description).toContain(
			'The node waited and retried 23 times; Composio still answered 429.',
		);
		expect((failure.context.composio as IDataObject).attempts).toBe(24);
	});

	it('a 429 without the rate-limit headers uses the retry budget (1 + 3 tries)', async () => {
		let calls = 0;
		const ctx = {
			getNode: () => node,
			getCredentials: async () => ({
				apiKey: 'ak_no_headers',
				baseUrl: 'https://spent-window-3.example',
			}),
			helpers: {
				httpRequestWithAuthentication: async () => {
					calls++;
					return {
						statusCode: 429,
						statusMessage: 'Too Many Requests',
						headers: { 'retry-after': '1' },
						body: '{"error":{"message":"Rate limit exceeded"}}',
					};
				},
			},
		} as unknown as IExecuteFunctions;
		await expect(
			composioRequest.call(ctx, {
				method: 'POST',
				path: '/tools/execute/SLACK_SEND_MESSAGE',
				body: {},
				retry: 'rateLimitOnly',
			}),
		).rejects.toMatchObject({ httpCode: '429' });
		expect(calls).toBe(4);
	});
});
