/**
 * Fault matrix: every operation of every node (workflow operations, the editor's list searches,
 * options and resource mapper, the triggers' activation, deactivation and polls) × every fault the
 * sandbox can inject into each Composio route the operation sends:
 *
 * - 429 with `Retry-After`, 500, 502, 503 (once, and 503/429 four times: the retry budget spent),
 * - the connection dropped before the request is processed, and after (the answer is lost),
 * - an answer slower than the timeout (the transport's 60 s, scaled to 1 s — see helpers.ts),
 * - a malformed (non-JSON) 200 body.
 *
 * Expected: retried routes (reads, PATCH, DELETE, revoke) recover within the retry budget and give
 * exactly the fault-free output; `once` routes (tool execute, Connect Link, initiate, refresh,
 * webhook subscription create) are repeated only after a 429, and the sandbox's counters show they
 * never ran twice. A failure under "Continue" error handling is one error item paired with its
 * input, naming the cause, and every other input gives its normal output; without it the run stops
 * with an error that names the item and carries Composio's message and request ID; under "Continue
 * (using error output)" the failing input leaves on the error output, paired.
 *
 * Every case runs on its own sandbox, several at once.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { FaultAction, RequestLogEntry } from '../../sandbox/src';
import { SEED_ACCOUNTS } from '../../sandbox/src';
import type { RunResult } from '../harness/engine';
import { pollUntil } from '../harness/poll';
import type { Harness } from './helpers';
import { SLOW_ANSWER_MS, startHarness } from './helpers';
import type { CallOperation, Operation, Route, WorkflowOperation } from './operations';
import { OPERATIONS } from './operations';

jest.setTimeout(60_000);

interface Fault {
	name: string;
	action: FaultAction;
	times: number;
	/** Only for routes the transport repeats (for the others it is the same as the single fault). */
	retriedOnly?: boolean;
}

const FAULTS: Fault[] = [
	{
		name: '429 + Retry-After: 0',
		action: { kind: 'status', status: 429, retryAfter: 0 },
		times: 1,
	},
	{ name: '500', action: { kind: 'status', status: 500 }, times: 1 },
	{ name: '502', action: { kind: 'status', status: 502 }, times: 1 },
	{
		name: '503 + Retry-After: 0',
		action: { kind: 'status', status: 503, retryAfter: 0 },
		times: 1,
	},
	{ name: 'dropped before processing', action: { kind: 'drop_before' }, times: 1 },
	{ name: 'dropped after processing', action: { kind: 'drop_after' }, times: 1 },
	{
		name: 'answer slower than the timeout',
		action: { kind: 'delay', delayMs: SLOW_ANSWER_MS },
		times: 1,
	},
	{ name: 'malformed 200 body', action: { kind: 'malformed' }, times: 1 },
	{
		name: '503 × 4 (retry budget spent)',
		action: { kind: 'status', status: 503, retryAfter: 0 },
		times: 4,
		retriedOnly: true,
	},
	{
		name: '429 × 4 (retry budget spent)',
		action: { kind: 'status', status: 429, retryAfter: 0 },
		times: 4,
	},
];

type Outcome = 'recovers' | 'fails' | 'accountFails';

function outcomeOf(fault: Fault, route: Route): Outcome {
	const fails =
		fault.times > 1 ||
		(route.mode === 'once' && !(fault.action.kind === 'status' && fault.action.status === 429));
	if (!fails) return 'recovers';
	return route.perAccount ? 'accountFails' : 'fails';
}

const OUTCOME_LABELS: Record<Outcome, (fault: Fault, route: Route) => string> = {
	recovers: (fault, route) =>
		route.mode === 'once'
			? 'repeated after the 429 only, runs once'
			: route.lostAnswer && ranOnServer(fault)
				? `retried, recovers; ${route.lostAnswer.note}`
				: 'retried, recovers',
	fails: (fault, route) =>
		fault.times > 1 ? `fails after ${fault.times} attempts` : `fails, not repeated (${route.mode})`,
	accountFails: () =>
		'Stop Workflow fails naming the account; Continue: that account’s item fails, the others go on',
};

/** Whether Composio processed the request (its effect happened) although the answer was lost. */
const ranOnServer = (fault: Fault) =>
	fault.action.kind === 'drop_after' || fault.action.kind === 'delay';

const RATE_LIMITED = 'Rate limit exceeded. Limit: 10000 requests per 1 minute';
const MAY_HAVE_RUN =
	'This request may already have run on Composio’s side, so it was not repeated. Check the result in Composio before running it again.';

interface ExpectedError {
	message: string;
	httpCode: string;
	/** Composio's request ID (answers only). */
	requestId?: string;
	/** Lines the description must contain. */
	description: string[];
}

function globToRegExp(glob: string): RegExp {
	const source = glob
		.split('**')
		.map((part) =>
			part
				.split('*')
				.map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
				.join('[^/]*'),
		)
		.join('.*');
	return new RegExp(`^${source}$`);
}

function matching(log: RequestLogEntry[], route: Route): RequestLogEntry[] {
	const pattern = globToRegExp(route.path);
	return log.filter((r) => r.method === route.method && pattern.test(r.path));
}

function expectedError(
	fault: Fault,
	route: Route,
	h: Harness,
	hit: RequestLogEntry,
): ExpectedError {
	const what = `${hit.method} ${hit.path}`;
	const action = fault.action;
	switch (action.kind) {
		case 'status':
			return {
				message: action.status === 429 ? RATE_LIMITED : `Injected fault: HTTP ${action.status}`,
				httpCode: String(action.status),
				requestId: hit.requestId,
				description: [
					`HTTP ${action.status}, request ID ${hit.requestId}`,
					...(action.status === 429
						? ['The node waited and retried 3 times; Composio still answered 429.']
						: []),
				],
			};
		case 'drop_before':
		case 'drop_after':
			return {
				message: `Could not reach Composio at ${h.sandbox.url} (ECONNRESET)`,
				httpCode: 'ECONNRESET',
				description: [route.mode === 'once' ? MAY_HAVE_RUN : 'Tried'],
			};
		case 'delay':
			return {
				message: `Composio did not answer ${what} in time`,
				httpCode: 'ECONNABORTED',
				description: [route.mode === 'once' ? MAY_HAVE_RUN : 'Tried'],
			};
		case 'malformed':
			return {
				message: `Composio answered ${what} with a body that is not JSON`,
				httpCode: '200',
				description: [
					route.mode === 'once'
						? 'The request may have run on Composio’s side; it was not repeated.'
						: 'Tried',
				],
			};
	}
}

// ------------------------------------------------------------------------------ normalising

const SEED_IDS = new Set<string>(Object.values(SEED_ACCOUNTS));

/** Output without what differs between two fault-free runs on two sandboxes (port, new ids). */
function normalize<T>(value: T, h: Harness): T {
	const text = JSON.stringify(value ?? null)
		.split(h.sandbox.url)
		.join('<sandbox>')
		.replace(/\b(ca|ln|log|whs|msg)_[A-Za-z0-9_-]{4,}/g, (id) =>
			SEED_IDS.has(id) ? id : `<${id.split('_')[0]}>`,
		)
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');
	return JSON.parse(text) as T;
}

/** The output items of each input item, in order (normalised unless `raw`). */
function perInput(
	result: RunResult,
	name: string,
	inputs: number,
	h: Harness,
	raw = false,
): IDataObject[][] {
	const groups: IDataObject[][] = Array.from({ length: inputs }, () => []);
	for (const item of result.output(name)) {
		const paired = item.pairedItem as { item: number } | undefined;
		expect(paired).toEqual({ item: expect.any(Number) });
		groups[(paired as { item: number }).item].push(raw ? item.json : normalize(item.json, h));
	}
	return groups;
}

type OnError = 'stop' | 'continueRegularOutput' | 'continueErrorOutput';

async function runWorkflow(
	h: Harness,
	op: WorkflowOperation,
	onError: OnError | boolean,
): Promise<RunResult> {
	const items: INodeExecutionData[] = op.items.map((json) => ({ json }));
	const mode = onError === true ? 'continueRegularOutput' : onError === false ? 'stop' : onError;
	return await h.engine.runNode({ ...op.node, onError: mode === 'stop' ? undefined : mode }, items);
}

// ------------------------------------------------------------------------------ baselines

interface Baseline {
	output: IDataObject[][] | undefined;
	result: unknown;
	effect: number | undefined;
	/** Requests per route in a fault-free run. */
	requests: Record<string, number>;
}

const baselines = new Map<string, Promise<Baseline>>();

async function computeBaseline(op: Operation): Promise<Baseline> {
	const h = await startHarness();
	try {
		let output: IDataObject[][] | undefined;
		let result: unknown;
		if (op.kind === 'workflow') {
			const run = await runWorkflow(h, op, false);
			if (run.error) throw new Error(`fault-free run failed: ${String(run.error.message)}`);
			output = perInput(run, op.node.name, op.items.length, h);
		} else {
			const state = (await op.setup?.(h)) ?? {};
			result = normalize(await op.call(h, state), h);
		}
		const log = await h.control.requests();
		const requests: Record<string, number> = {};
		for (const route of op.routes) requests[route.label] = matching(log, route).length;
		return { output, result, effect: await op.effect?.count(h), requests };
	} finally {
		await h.close();
	}
}

function baseline(op: Operation): Promise<Baseline> {
	let pending = baselines.get(op.name);
	if (!pending) {
		pending = computeBaseline(op);
		baselines.set(op.name, pending);
	}
	return pending;
}

// ------------------------------------------------------------------------------ one case

async function withFault<T>(
	op: Operation,
	route: Route,
	fault: Fault,
	body: (h: Harness, state: IDataObject) => Promise<T>,
): Promise<T> {
	// Only the slow-answer fault needs the short timeout; the other cases keep the real one, so a
	// busy machine cannot turn an ordinary answer into a timeout.
	const h = await startHarness({ scaleTimeout: fault.action.kind === 'delay' });
	try {
		const state = op.kind === 'call' ? ((await op.setup?.(h)) ?? {}) : {};
		await h.control.clearRequests();
		await h.control.injectFault({
			...fault.action,
			method: route.method,
			path: route.path,
			times: fault.times,
		});
		const value = await body(h, state);
		// The fault hit this route as many times as it was meant to: the route is really used.
		const [injected] = await h.control.faults();
		expect({ triggered: injected.triggered, remaining: injected.remaining }).toEqual({
			triggered: fault.times,
			remaining: 0,
		});
		return value;
	} finally {
		await h.close();
	}
}

/** The requests the fault answered (the first `times` requests of the route). */
async function faulted(h: Harness, route: Route, fault: Fault): Promise<RequestLogEntry[]> {
	const hits = matching(await h.control.requests(), route).slice(0, fault.times);
	expect(hits).toHaveLength(fault.times);
	return hits;
}

/** Waits for an effect a lost request may still cause (a delayed request is processed late). */
async function settledEffect(
	h: Harness,
	op: Operation,
	expected: number,
	fault: Fault,
): Promise<number | undefined> {
	if (!op.effect) return undefined;
	if (ranOnServer(fault)) {
		await pollUntil(async () => ((await op.effect?.count(h)) === expected ? true : undefined), {
			timeoutMs: SLOW_ANSWER_MS * 4,
		}).catch(() => undefined);
		// Long enough for a late duplicate to show up, if there were one.
		await sleep(50);
	}
	return await op.effect.count(h);
}

function expectNodeError(
	error: IDataObject | undefined,
	expected: ExpectedError,
	itemIndex: number | undefined,
) {
	expect(error).toBeDefined();
	const e = error as IDataObject & { context?: IDataObject; description?: string };
	expect({ message: e.message, httpCode: e.httpCode }).toEqual({
		message: expected.message,
		httpCode: expected.httpCode,
	});
	if (itemIndex !== undefined) expect(e.context?.itemIndex).toBe(itemIndex);
	if (expected.requestId) {
		expect((e.context?.composio as IDataObject | undefined)?.requestId).toBe(expected.requestId);
	}
	for (const line of expected.description) expect(String(e.description)).toContain(line);
}

function expectErrorItem(json: IDataObject, expected: ExpectedError) {
	expect(json).toEqual({
		error: expected.message,
		description: expect.any(String),
		httpCode: expected.httpCode,
		...(expected.requestId ? { requestId: expected.requestId } : {}),
	});
	for (const line of expected.description) expect(json.description).toContain(line);
}

async function workflowCase(op: WorkflowOperation, route: Route, fault: Fault) {
	const base = await baseline(op);
	const outcome = outcomeOf(fault, route);
	const target = route.item ?? 0;
	const isEffectRoute = op.effect?.route === route.label;
	const targetEffect = isEffectRoute && ranOnServer(fault) ? 1 : 0;

	if (outcome === 'recovers') {
		let expected = base.output as IDataObject[][];
		if (route.lostAnswer && ranOnServer(fault)) {
			const { apply } = route.lostAnswer;
			expected = expected.map((items, i) => {
				if (i !== target) return items;
				const first = route.perAccount ? items.findIndex((item) => item.changed === true) : -1;
				return items.map((item, j) => (!route.perAccount || j === first ? apply(item) : item));
			});
		}
		await withFault(op, route, fault, async (h) => {
			const result = await runWorkflow(h, op, false);
			expect(result.error?.message).toBeUndefined();
			expect(perInput(result, op.node.name, op.items.length, h)).toEqual(expected);
			expect(await settledEffect(h, op, base.effect ?? 0, fault)).toBe(base.effect);
		});
		return;
	}

	if (outcome === 'accountFails') {
		// On Error = Stop Workflow: the failed account fails the execution, named with Composio's message.
		await withFault(op, route, fault, async (h) => {
			const result = await runWorkflow(h, op, false);
			expect(result.status).toBe('error');
			const hits = await faulted(h, route, fault);
			const expected = expectedError(fault, route, h, hits[hits.length - 1]);
			expect(result.error?.message).toMatch(/^Could not \w+ connected account ca_[\w-]+: /);
			expect(result.error?.message).toContain(expected.message);
		});
		// On Error = Continue: that account's item carries the error, the others go on.
		await withFault(op, route, fault, async (h) => {
			const result = await runWorkflow(h, op, true);
			expect(result.status).toBe('success');
			const hits = await faulted(h, route, fault);
			const expected = expectedError(fault, route, h, hits[hits.length - 1]);
			const output = perInput(result, op.node.name, op.items.length, h);
			const raw = perInput(result, op.node.name, op.items.length, h, true);
			const baseOutput = base.output as IDataObject[][];
			// The first account the operation changed (concurrency 1) is the one that failed.
			const failedAt = baseOutput[0].findIndex((item) => item.changed === true);
			expect(failedAt).toBeGreaterThanOrEqual(0);
			const summary = baseOutput[0][failedAt];
			expect(raw[0][failedAt]).toEqual({
				id: summary.id,
				user_id: summary.user_id,
				toolkit: summary.toolkit,
				alias: summary.alias,
				auth_config_id: summary.auth_config_id,
				previousStatus: summary.previousStatus,
				changed: false,
				error: expected.message,
				description: expect.any(String),
				httpCode: expected.httpCode,
				...(expected.requestId ? { requestId: expected.requestId } : {}),
			});
			const others = output.map((items, i) => items.filter((_, j) => i !== 0 || j !== failedAt));
			const baseOthers = baseOutput.map((items, i) =>
				items.filter((_, j) => i !== 0 || j !== failedAt),
			);
			expect(others).toEqual(baseOthers);
			const hints = result.run.data.resultData.runData[op.node.name]?.[0]?.hints ?? [];
			expect(hints.map((hint) => hint.message)).toEqual([
				expect.stringMatching(/^Could not \w+ 1 of \d+ connected accounts \(item 1\)/),
			]);
		});
		return;
	}

	// Without "Continue": the run stops at the failing item with Composio's message and request ID.
	await withFault(op, route, fault, async (h) => {
		const result = await runWorkflow(h, op, false);
		expect(result.status).toBe('error');
		const hits = await faulted(h, route, fault);
		expectNodeError(result.error, expectedError(fault, route, h, hits[hits.length - 1]), target);
		if (op.effect) {
			expect(await settledEffect(h, op, target + targetEffect, fault)).toBe(target + targetEffect);
		}
	});

	// With "Continue": one error item for the failing input, every other input as without faults.
	await withFault(op, route, fault, async (h) => {
		const result = await runWorkflow(h, op, true);
		expect(result.status).toBe('success');
		const hits = await faulted(h, route, fault);
		const expected = expectedError(fault, route, h, hits[hits.length - 1]);
		const output = perInput(result, op.node.name, op.items.length, h);
		expect(output.map((items) => items.length)).toEqual(
			(base.output as IDataObject[][]).map((items, i) => (i === target ? 1 : items.length)),
		);
		expectErrorItem(perInput(result, op.node.name, op.items.length, h, true)[target][0], expected);
		output[target] = (base.output as IDataObject[][])[target];
		expect(output).toEqual(base.output);
		if (op.effect) {
			const effect = (base.effect ?? 0) - 1 + targetEffect;
			expect(await settledEffect(h, op, effect, fault)).toBe(effect);
		}
	});

	// With "Continue (using error output)": the failing input leaves on the error output, paired and
	// naming the cause; every other input on the regular output as without faults.
	await withFault(op, route, fault, async (h) => {
		const result = await runWorkflow(h, op, 'continueErrorOutput');
		expect(result.status).toBe('success');
		const hits = await faulted(h, route, fault);
		const expected = expectedError(fault, route, h, hits[hits.length - 1]);
		const output = perInput(result, op.node.name, op.items.length, h);
		const failures = result.output(op.node.name, 1);
		expect(failures.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: target }, expected.message],
		]);
		expect(output[target]).toEqual([]);
		output[target] = (base.output as IDataObject[][])[target];
		expect(output).toEqual(base.output);
	});
}

async function callCase(op: CallOperation, route: Route, fault: Fault) {
	const base = await baseline(op);
	const outcome = outcomeOf(fault, route);
	await withFault(op, route, fault, async (h, state) => {
		if (outcome === 'recovers') {
			expect(normalize(await op.call(h, state), h)).toEqual(base.result);
			expect(await settledEffect(h, op, base.effect ?? 0, fault)).toBe(base.effect);
			return;
		}
		const error = (await op.call(h, state).then(
			() => undefined,
			(e: unknown) => e,
		)) as IDataObject | undefined;
		const hits = await faulted(h, route, fault);
		expectNodeError(error, expectedError(fault, route, h, hits[hits.length - 1]), undefined);
		if (op.effect) {
			const effect = op.effect.route === route.label && ranOnServer(fault) ? 1 : 0;
			expect(await settledEffect(h, op, effect, fault)).toBe(effect);
		}
		if (op.retryAfterFailure) {
			// Nothing lost: the next call, without faults, reports what the failed one would have.
			expect(normalize(await op.call(h, state), h)).toEqual(base.result);
		}
	});
}

// ------------------------------------------------------------------------------ the matrix

describe.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
	it('fault-free: every listed route is used', async () => {
		const base = await baseline(op);
		for (const route of op.routes) {
			expect({ route: route.label, used: base.requests[route.label] > 0 }).toEqual({
				route: route.label,
				used: true,
			});
		}
		if (op.kind === 'workflow') {
			expect((base.output as IDataObject[][]).every((items) => items.length > 0)).toBe(true);
			if (op.effect) expect(base.effect).toBe(op.items.length);
		}
	});

	const cases = op.routes.flatMap((route) =>
		FAULTS.filter((fault) => !fault.retriedOnly || route.mode === 'retried').map(
			(fault) =>
				[
					`${fault.name} on ${route.label} → ${OUTCOME_LABELS[outcomeOf(fault, route)](fault, route)}`,
					route,
					fault,
				] as const,
		),
	);

	it.concurrent.each(cases)('%s', async (_label, route, fault) => {
		if (op.kind === 'workflow') await workflowCase(op, route, fault);
		else await callCase(op, route, fault);
	});
});
