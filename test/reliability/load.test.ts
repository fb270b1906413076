/**
 * Load: 10 000-item workflows while 5 % of the requests to Composio fail with 429, 500, 502 or
 * 503, spread at random through the run. Every item must be accounted for (an output item, or an
 * error item naming the cause, paired with its input), nothing may run twice, and nothing may be
 * lost.
 *
 * The sandbox's fault API applies a fault to the next N matching requests, which cannot spread
 * faults through a run with parallel requests. So the test hooks the sandbox's own fault lookup
 * (`state.takeFault`, the function its fault middleware asks for every request): besides faults
 * injected through the control API, it answers 5 % of the API requests, chosen by a seeded random
 * generator, with a `status` fault — the sandbox's real 429 (flat message) or 5xx error envelope
 * with a request ID — all with `Retry-After: 0` so the run stays fast (backoff timing is covered
 * by the unit tests and the fault matrix). A faulted request is never processed, so the sandbox's
 * counters count exactly what ran.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FaultInfo, RunningSandbox, SandboxControl } from '../../sandbox/src';
import { sandboxControl, startSandbox } from '../../sandbox/src';
import { Engine } from '../harness/engine';
import { CONNECTED_ACCOUNT, EXECUTE_TOOL, locator, mapped } from './helpers';

jest.setTimeout(300_000);

const ITEMS = 10_000;
const RATE = 0.05;
const STATUSES = [429, 500, 502, 503] as const;

/** mulberry32: a small seeded generator, so a run's faults do not depend on Math.random. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Injector {
	/** Faults answered, by method + route shape and status. */
	injected: Map<string, number>;
	total(): number;
	/** Starts (or restarts) injecting, with a fresh seed. */
	start(seed: number): void;
	stop(): void;
}

const shape = (method: string, path: string) =>
	`${method} ${path.replace(/\/api\/v3(\.1)?/, '').replace(/\/(ca|ac)_[^/]+/, '/{id}')}`;

function injectRandomFaults(sandbox: RunningSandbox): Injector {
	const state = sandbox.state as unknown as {
		takeFault(method: string, path: string): FaultInfo | null;
	};
	const takeFault = state.takeFault.bind(state);
	const injected = new Map<string, number>();
	let random: (() => number) | undefined;
	let n = 0;
	state.takeFault = (method, path) => {
		const fault = takeFault(method, path);
		if (fault || !random || !path.startsWith('/api/')) return fault;
		if (random() >= RATE) return null;
		const status = STATUSES[Math.floor(random() * STATUSES.length)];
		const key = `${shape(method, path)} → ${status}`;
		injected.set(key, (injected.get(key) ?? 0) + 1);
		n++;
		return {
			id: `random-${n}`,
			path,
			kind: 'status',
			status,
			retryAfter: 0,
			remaining: 0,
			triggered: 1,
		};
	};
	return {
		injected,
		total: () => [...injected.values()].reduce((a, b) => a + b, 0),
		start: (seed) => {
			injected.clear();
			random = seeded(seed);
		},
		stop: () => {
			random = undefined;
		},
	};
}

let sandbox: RunningSandbox;
let control: SandboxControl;
let faults: Injector;
let engine: Engine;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimit: null, requestLogSize: 10 });
	control = sandboxControl(sandbox.url);
	faults = injectRandomFaults(sandbox);
	engine = new Engine({ credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	faults.stop();
	await control.reset();
});

/** The output items of each input item; none may be unpaired. */
function byInput(output: INodeExecutionData[], inputs: number): INodeExecutionData[][] {
	const groups: INodeExecutionData[][] = Array.from({ length: inputs }, () => []);
	for (const item of output) {
		const paired = (item.pairedItem as { item?: number } | undefined)?.item;
		expect(typeof paired).toBe('number');
		groups[paired as number].push(item);
	}
	return groups;
}

const RATE_LIMITED = 'Rate limit exceeded. Limit: 10000 requests per 1 minute';
const GAVE_UP_ON_429 = 'The node waited and retried ';

/** Faults injected on routes whose shape starts with `prefix`, optionally of one status. */
function injectedOn(prefix: string, status?: number): number {
	let sum = 0;
	for (const [key, count] of faults.injected) {
		if (key.startsWith(prefix) && (status === undefined || key.endsWith(`→ ${status}`)))
			sum += count;
	}
	return sum;
}

it(`Execute Tool: ${ITEMS} items, 10 at a time, under 5 % random 429/5xx — every item ran exactly once or is an error item naming the cause`, async () => {
	const items: INodeExecutionData[] = Array.from({ length: ITEMS }, (_, i) => ({
		json: { text: `message ${i}` },
	}));
	faults.start(20260601);
	const started = Date.now();
	const result = await engine.runNode(
		{
			name: 'Execute Tool',
			type: EXECUTE_TOOL,
			onError: 'continueRegularOutput',
			parameters: {
				tool: locator('SLACK_SEND_MESSAGE'),
				userId: 'user_bob',
				arguments: mapped({ channel: '#load', text: '={{ $json.text }}' }),
				options: { concurrency: 10 },
			},
		},
		items,
	);
	const seconds = (Date.now() - started) / 1000;
	faults.stop();
	expect(result.status).toBe('success');

	// One output item per input item, paired with it.
	const groups = byInput(result.output('Execute Tool'), ITEMS);
	expect(groups.filter((group) => group.length !== 1)).toEqual([]);
	const outputs = groups.map(([item]) => item);
	const ran = outputs.filter((item) => item.json.successful === true);
	const failed = outputs.filter((item) => item.json.successful !== true);

	// Each item that ran sent its own text: the output belongs to its input.
	const mismatched = ran.filter((item) => {
		const n = (item.pairedItem as { item: number }).item;
		return ((item.json.data as IDataObject).message as IDataObject).text !== `message ${n}`;
	});
	expect(mismatched).toEqual([]);

	// A failed item names the cause: a 5xx on the execute call (not repeated: the tool may have
	// run), or a 429 four times in a row (retried, then given up), with Composio's request ID.
	for (const item of failed) {
		expect(item.json).toEqual({
			error: expect.stringMatching(/^(Injected fault: HTTP 50[023]|Rate limit exceeded\b.*)$/),
			description: expect.stringMatching(/request ID [0-9a-f-]{36}/),
			httpCode: expect.stringMatching(/^(429|50[023])$/),
			requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
	}
	const failed5xx = failed.filter((item) => item.json.httpCode !== '429');
	const failed429 = failed.filter((item) => item.json.httpCode === '429');
	for (const item of failed429) {
		expect(item.json.error).toBe(RATE_LIMITED);
		expect(item.json.description).toContain(GAVE_UP_ON_429);
	}
	// Every 5xx on an execute call failed exactly its item (the lookups are retried, run once).
	expect(failed5xx).toHaveLength(
		injectedOn('POST /tools/execute/', 500) +
			injectedOn('POST /tools/execute/', 502) +
			injectedOn('POST /tools/execute/', 503),
	);

	// Nothing ran twice, nothing that failed ran: the sandbox executed exactly the items that ran.
	const counters = await control.counters();
	expect(counters.toolExecutions.total).toBe(ran.length);
	expect(counters.requests.byRoute['POST /tools/execute/:tool_slug']).toBe(ran.length);
	expect(faults.total()).toBeGreaterThan(ITEMS * RATE * 0.8);

	expect({ items: ITEMS, ran: ran.length, failed: failed.length }).toEqual({
		items: ran.length + failed.length,
		ran: expect.any(Number),
		failed: failed5xx.length + failed429.length,
	});
	expect(seconds).toBeGreaterThan(0);
});

it(`Connected Account: Disable ${ITEMS} accounts matching a filter, 20 at a time, under 5 % random 429/5xx — every account once, changed or an error naming the cause`, async () => {
	const { ids = [] } = await control.bulkCreateAccounts({
		count: ITEMS,
		userId: 'load_user',
		toolkit: 'gmail',
		status: 'ACTIVE',
		createdAtStepMs: 1000,
		returnIds: true,
	});
	expect(ids).toHaveLength(ITEMS);
	faults.start(20260602);
	const result = await engine.runNode({
		name: 'Disable',
		type: CONNECTED_ACCOUNT,
		// A failed account is then its own item (with Stop Workflow it would fail the run).
		onError: 'continueRegularOutput',
		parameters: {
			operation: 'disable',
			target: 'filter',
			filters: { userIds: 'load_user' },
			options: { concurrency: 20 },
		},
	});
	faults.stop();
	expect(result.status).toBe('success');
	const output = result.json('Disable');

	// Every account exactly once (the whole list is read before anything changes).
	expect(output).toHaveLength(ITEMS);
	expect(new Set(output.map((item) => item.id))).toEqual(new Set(ids));
	const changed = output.filter((item) => item.changed === true && item.status === 'INACTIVE');
	const failed = output.filter((item) => item.error !== undefined);
	expect(changed.length + failed.length).toBe(ITEMS);
	// Status changes are retried on 429 and 5xx alike; only four failures in a row give up.
	for (const item of failed) {
		expect(item).toMatchObject({
			changed: false,
			previousStatus: 'ACTIVE',
			error: expect.stringMatching(/^(Injected fault: HTTP 50[023]|Rate limit exceeded\b.*)$/),
			httpCode: expect.stringMatching(/^(429|50[023])$/),
		});
	}
	expect(failed.length).toBeLessThan(ITEMS * 0.001);

	// Exactly one status change per changed account reached Composio, and Composio's state agrees.
	const counters = await control.counters();
	expect(counters.statusUpdates).toBe(changed.length);
	for (const item of [...changed.slice(0, 20), ...failed]) {
		const account = await control.account(String(item.id));
		expect(account.status).toBe(item.changed === true ? 'INACTIVE' : 'ACTIVE');
	}
	expect(faults.total()).toBeGreaterThan(ITEMS * RATE * 0.8);
	expect(injectedOn('PATCH /connected_accounts/{id}/status')).toBeGreaterThan(0);
	expect(injectedOn('GET /connected_accounts')).toBeGreaterThan(0);
});
