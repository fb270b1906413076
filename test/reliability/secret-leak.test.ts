/**
 * Secret-leak scan: every operation of every node runs with a recognisable API key
 * (`ak_LEAKCANARY_…`) and recognisable webhook secrets — fault-free, under "Continue" (regular and
 * error output), with a fault of each kind that builds an error on each route, every row of the
 * bad-input catalogue, a wrong key, servers that echo the request (headers included) back in
 * answers and errors, the key pasted into the Base URL field, and the webhook trigger's
 * subscription, deliveries (valid, forged, unsigned, stale, replayed) and deactivation. Everything
 * they produce is captured:
 *
 * - every output item and the whole run (errors with message, description, context, stack,
 *   cause and the answer they keep; execution hints),
 * - errors thrown to the editor or to n8n's trigger machinery, credential test results,
 * - the webhook trigger's answers to deliveries,
 * - every line logged through n8n's logger (LoggerProxy, which n8n-core's engine logs through) and
 *   everything reported to n8n's ErrorReporter.
 *
 * None may contain a canary, nor its base64 form, nor the marker "LEAKCANARY" (a truncated copy).
 * The published files (dist/) are scanned by published-files.test.ts.
 */
import { Container } from '@n8n/di';
import type express from 'express';
import type { ErrorReporter } from 'n8n-core';
import * as core from 'n8n-core';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { mapWithConcurrency } from '../../nodes/shared/concurrency';
import type { FaultAction } from '../../sandbox/src';
import { SEED_ACCOUNTS, webhookControl } from '../../sandbox/src';
import type { WorkflowNode } from '../harness/engine';
import { Engine } from '../harness/engine';
import { serve } from '../harness/httpServer';
import { startReceiver } from '../engine/trigger.helpers';
import { ROWS, startCatalogue } from './bad-input.cases';
import type { Harness } from './helpers';
import { CONNECTED_ACCOUNT, locator, startHarness, TRIGGER } from './helpers';
import type { Operation, WorkflowOperation } from './operations';
import { OPERATIONS } from './operations';

jest.setTimeout(120_000);

const A = SEED_ACCOUNTS;

const API_KEY = 'ak_LEAKCANARY_dummy_4f9d2c7e1b8a';
const PASTED_SECRET = 'LEAKCANARY_dummy_webhook_secret_0a1b2c3d4e5f';
const MARKER = /leakcanary/i;

// ------------------------------------------------------------------------------ the sink

interface Entry {
	where: string;
	text: string;
}

/**
 * A node as the workflow defines it (errors carry the node they failed in). Its parameters are the
 * workflow definition, which n8n keeps with every execution anyway; the pasted signing secret is a
 * password parameter there by n8n's design. The API key is never a parameter.
 */
function isNodeDefinition(value: object): boolean {
	const v = value as IDataObject;
	return (
		typeof v.type === 'string' &&
		typeof v.name === 'string' &&
		typeof v.typeVersion === 'number' &&
		typeof v.parameters === 'object'
	);
}

/** Every string reachable from `value`: own properties (also non-enumerable, as on errors), causes. */
function textOf(value: unknown): string {
	const parts: string[] = [];
	const seen = new WeakSet<object>();
	const walk = (v: unknown, depth: number) => {
		if (depth > 40 || v === null || v === undefined) return;
		if (typeof v === 'string') {
			parts.push(v);
			return;
		}
		if (typeof v !== 'object' && typeof v !== 'function') {
			parts.push(String(v));
			return;
		}
		if (typeof v === 'function') return;
		const object = v as object;
		if (seen.has(object)) return;
		seen.add(object);
		if (Buffer.isBuffer(object)) {
			parts.push(object.toString('utf8'));
			return;
		}
		if (object instanceof Map || object instanceof Set) {
			for (const entry of object) walk(entry, depth + 1);
			return;
		}
		const definition = isNodeDefinition(object);
		for (const key of Object.getOwnPropertyNames(object)) {
			if (definition && key === 'parameters') continue;
			parts.push(key);
			let child: unknown;
			try {
				child = (object as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return parts.join('\n');
}

const sink: Entry[] = [];
const canaries = new Set<string>([API_KEY, PASTED_SECRET]);

function record(where: string, value: unknown): void {
	sink.push({ where, text: textOf(value) });
}

interface Leak {
	where: string;
	found: string;
	excerpt: string;
}

function leaksIn(entries: Entry[]): Leak[] {
	const leaks: Leak[] = [];
	const needles: Array<[string, (text: string) => number]> = [];
	for (const canary of canaries) {
		for (const form of [canary, Buffer.from(canary).toString('base64').replace(/=+$/, '')]) {
			needles.push([form, (text) => text.indexOf(form)]);
		}
	}
	needles.push(['LEAKCANARY', (text) => text.search(MARKER)]);
	for (const entry of entries) {
		for (const [found, find] of needles) {
			const at = find(entry.text);
			if (at >= 0) {
				leaks.push({
					where: entry.where,
					found,
					excerpt: entry.text.slice(Math.max(0, at - 120), at + 60),
				});
				break;
			}
		}
	}
	return leaks;
}

/** Asserts that nothing captured since `from` holds a canary, and that something was captured. */
function expectNoLeak(from: number, atLeast = 1): void {
	const entries = sink.slice(from);
	expect(entries.length).toBeGreaterThanOrEqual(atLeast);
	expect(leaksIn(entries)).toEqual([]);
}

// ------------------------------------------------------------------------------ n8n's logger and reporter

const logged = { lines: 0, reports: 0 };

beforeAll(() => {
	// The harness installs a silent ErrorReporter with its first engine; ours replaces it.
	new Engine({ credentials: { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:1' } });
	const log = (level: string) => (message: string, metadata?: unknown) => {
		logged.lines++;
		record(`log:${level}`, [message, metadata]);
	};
	LoggerProxy.init({
		error: log('error'),
		warn: log('warn'),
		info: log('info'),
		debug: log('debug'),
	});
	const reporter = {
		error: (error: unknown, options?: unknown) => {
			logged.reports++;
			record('ErrorReporter.error', [error, options]);
		},
		warn: (warning: unknown, options?: unknown) => {
			logged.reports++;
			record('ErrorReporter.warn', [warning, options]);
		},
		info: (message: unknown, options?: unknown) => {
			logged.reports++;
			record('ErrorReporter.info', [message, options]);
		},
	} as unknown as ErrorReporter;
	const ctor = (core as unknown as { ErrorReporter?: new (...args: unknown[]) => ErrorReporter })
		.ErrorReporter;
	if (ctor) Container.set(ctor, reporter);
});

afterAll(() => {
	const silent = () => {};
	LoggerProxy.init({ error: silent, warn: silent, info: silent, debug: silent });
	const ctor = (core as unknown as { ErrorReporter?: new (...args: unknown[]) => ErrorReporter })
		.ErrorReporter;
	if (ctor) {
		Container.set(ctor, { error: silent, warn: silent, info: silent } as unknown as ErrorReporter);
	}
});

// ------------------------------------------------------------------------------ driving the nodes

async function canaryHarness(): Promise<Harness> {
	return await startHarness({ sandbox: { apiKey: API_KEY }, scaleTimeout: true });
}

type OnError = 'stop' | 'continueRegularOutput' | 'continueErrorOutput';
const CONTINUE_MODES: OnError[] = ['continueRegularOutput', 'continueErrorOutput'];

async function runOperation(h: Harness, op: Operation, label: string, onError: OnError = 'stop') {
	if (op.kind === 'workflow') {
		const items: INodeExecutionData[] = op.items.map((json) => ({ json }));
		const result = await h.engine.runNode(
			{ ...op.node, onError: onError === 'stop' ? undefined : onError },
			items,
		);
		record(`${label}: run`, result.run);
		return;
	}
	try {
		const state = (await op.setup?.(h)) ?? {};
		record(`${label}: result`, await op.call(h, state));
	} catch (error) {
		record(`${label}: thrown`, error);
	}
}

/**
 * One fault per way an error is built: Composio's envelope after the retry budget (503 × 4) or at
 * once (500 on a route that is not repeated), a network error (a timeout or a connection dropped
 * after processing builds the same error as one dropped before), a body that is not JSON.
 */
const LEAK_FAULTS: Array<[string, FaultAction, number]> = [
	['503 × 4', { kind: 'status', status: 503, retryAfter: 0 }, 4],
	['500', { kind: 'status', status: 500 }, 1],
	['dropped before', { kind: 'drop_before' }, 1],
	['malformed', { kind: 'malformed' }, 1],
];

it('the scan finds a canary wherever one is (errors, causes, non-enumerable fields, base64)', () => {
	const error = new Error('outer');
	Object.defineProperty(error, 'hidden', {
		value: { cause: new Error(`inner ${API_KEY}`) },
		enumerable: false,
	});
	expect(leaksIn([{ where: 'nested', text: textOf({ a: [error] }) }])).toHaveLength(1);
	const encoded = Buffer.from(`x-api-key:${PASTED_SECRET}`).toString('base64');
	expect(textOf(encoded)).not.toContain(PASTED_SECRET);
	expect(leaksIn([{ where: 'truncated', text: 'ak_LEAKCANARY_dum…' }])).toHaveLength(1);
	expect(
		leaksIn([{ where: 'base64', text: Buffer.from(API_KEY).toString('base64') }]),
	).toHaveLength(1);
});

it('every operation of every node, fault-free, without "Continue" and with both kinds', async () => {
	const from = sink.length;
	await mapWithConcurrency(OPERATIONS, 4, async (op) => {
		const h = await canaryHarness();
		try {
			await runOperation(h, op, op.name);
			if (op.kind !== 'workflow') return;
			for (const mode of CONTINUE_MODES) {
				await h.control.reset();
				await runOperation(h, op, `${op.name} (${mode})`, mode);
			}
		} finally {
			await h.close();
		}
	});
	expectNoLeak(from, OPERATIONS.length);
	expect(logged.lines).toBeGreaterThan(0);
});

it('every operation × a Composio error, a spent retry budget, a lost connection and a malformed body on each route', async () => {
	const from = sink.length;
	const cases = OPERATIONS.flatMap((op) =>
		op.routes.flatMap((route) =>
			LEAK_FAULTS.map(([name, action, times]) => ({ op, route, name, action, times })),
		),
	);
	await mapWithConcurrency(cases, 8, async ({ op, route, name, action, times }) => {
		const h = await canaryHarness();
		try {
			const label = `${op.name} · ${name} on ${route.label}`;
			await h.control.injectFault({ ...action, method: route.method, path: route.path, times });
			await runOperation(h, op, label);
			if (op.kind !== 'workflow') return;
			for (const mode of CONTINUE_MODES) {
				await h.control.reset();
				await h.control.injectFault({ ...action, method: route.method, path: route.path, times });
				await runOperation(h, op, `${label} (${mode})`, mode);
			}
		} finally {
			await h.close();
		}
	});
	expectNoLeak(from, cases.length);
	expect(logged.reports).toBeGreaterThan(0);
	// Several hundred runs (every route × 4 faults × 3 error settings): a budget, not a timing check.
}, 600_000);

it('every row of the bad-input catalogue', async () => {
	const from = sink.length;
	const catalogue = await startCatalogue({ apiKey: API_KEY });
	try {
		for (const row of ROWS) {
			await catalogue.runRow(row, (value) => record(`catalogue: ${row.case}`, value));
		}
	} finally {
		await catalogue.close();
	}
	expectNoLeak(from, ROWS.length);
});

it('a key Composio refuses, in every operation and in the credential test', async () => {
	const from = sink.length;
	const h = await startHarness({
		sandbox: { apiKey: 'ak_the_right_key' },
		credentials: { apiKey: API_KEY },
	});
	try {
		for (const op of OPERATIONS) {
			await h.control.reset();
			await runOperation(h, op, `wrong key: ${op.name}`);
		}
		record(
			'wrong key: credential test',
			await h.engine.testCredential({ apiKey: API_KEY, baseUrl: h.sandbox.url }),
		);
	} finally {
		await h.close();
	}
	expectNoLeak(from, OPERATIONS.length);
});

// ------------------------------------------------------------------------------ servers that echo

type Echo = (req: express.Request, res: express.Response) => void;

const headersOf = (req: express.Request) => JSON.stringify(req.headers);
const keyOf = (req: express.Request) => String(req.headers['x-api-key'] ?? '');

/** Servers (or proxies) that put what they received — the API key among it — into their answers. */
const ECHOES: Array<[string, Echo]> = [
	[
		'200 with the request in the body',
		(req, res) =>
			// `status: FAILED` ends Wait for Connection at once.
			res.json({
				status: 'FAILED',
				echo: { method: req.method, url: req.url, headers: req.headers },
			}),
	],
	[
		'400 envelope quoting the key in message, suggested fix and details',
		(req, res) =>
			res.status(400).json({
				error: {
					message: `Request with key ${keyOf(req)} refused`,
					suggested_fix: `Check the key ${keyOf(req)}`,
					errors: [`x-api-key=${keyOf(req)}`],
					request_id: 'req_echo',
				},
			}),
	],
	[
		'401 quoting the key',
		(req, res) => res.status(401).json({ error: { message: `Invalid API key ${keyOf(req)}` } }),
	],
	[
		'429 quoting the key',
		(req, res) =>
			res
				.status(429)
				.set('Retry-After', '0')
				.json({ message: `Rate limit exceeded for ${keyOf(req)}` }),
	],
	[
		'500 proxy page listing the request headers',
		(req, res) =>
			res
				.status(500)
				.set('Retry-After', '0')
				.type('text')
				.send(`Proxy error. Request headers: ${headersOf(req)}`),
	],
	[
		'404 HTML page listing the request headers',
		(req, res) =>
			res
				.status(404)
				.set('Retry-After', '0')
				.type('html')
				.send(`<html><body><pre>${headersOf(req)}</pre></body></html>`),
	],
];

const RAW_GET: WorkflowOperation = {
	kind: 'workflow',
	name: 'Connected Account · Get (raw)',
	node: {
		name: 'Connected Account',
		type: CONNECTED_ACCOUNT,
		parameters: { operation: 'get', connectedAccount: locator(A.daveGmail), simplify: false },
	},
	items: [{}],
	routes: [],
};

it.each(ECHOES.map(([name, echo]) => [name, echo] as const))(
	'a Base URL whose server echoes the request: %s',
	async (name, echo) => {
		const from = sink.length;
		const server = await serve(echo);
		const h = await startHarness({
			sandbox: { apiKey: API_KEY },
			credentials: { baseUrl: server.url },
		});
		try {
			for (const op of [...OPERATIONS, RAW_GET]) {
				await runOperation(h, op, `echo ${name}: ${op.name}`);
			}
			record(
				`echo ${name}: credential test`,
				await h.engine.testCredential({ apiKey: API_KEY, baseUrl: server.url }),
			);
		} finally {
			await h.close();
			await server.close();
		}
		expectNoLeak(from, OPERATIONS.length);
	},
);

it('the API key pasted into the Base URL field', async () => {
	const from = sink.length;
	const h = await startHarness({
		sandbox: { apiKey: API_KEY },
		credentials: { apiKey: 'https://backend.composio.dev', baseUrl: API_KEY },
	});
	try {
		for (const op of OPERATIONS) await runOperation(h, op, `swapped fields: ${op.name}`);
		record(
			'swapped fields: credential test',
			await h.engine.testCredential({ apiKey: 'https://backend.composio.dev', baseUrl: API_KEY }),
		);
	} finally {
		await h.close();
	}
	expectNoLeak(from, OPERATIONS.length);
});

// ------------------------------------------------------------------------------ webhook secrets

const EXPIRED = 'composio.connected_account.expired';

function trigger(parameters: IDataObject = {}): WorkflowNode {
	return {
		name: 'Composio Trigger',
		type: TRIGGER,
		parameters: { events: [EXPIRED], ...parameters },
	};
}

/** After the trigger: reads the account the event names (so the run has a downstream node). */
const READ_ACCOUNT: WorkflowNode = {
	name: 'Read Account',
	type: CONNECTED_ACCOUNT,
	parameters: {
		operation: 'get',
		connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.account_id }}' },
	},
};

it('webhook trigger with its own subscription: activation, deliveries (valid, replayed, forged, unsigned, stale, tampered), failures, deactivation', async () => {
	const from = sink.length;
	const h = await canaryHarness();
	const receiver = await startReceiver(h.engine, trigger(), {
		downstream: [READ_ACCOUNT],
		connections: { 'Composio Trigger': 'Read Account' },
	});
	const hooks = webhookControl(h.sandbox.url);
	const activation = { staticData: receiver.staticData, webhookBaseUrl: receiver.base };
	try {
		// A failed activation first (the create answer is lost), then a clean one.
		await h.control.injectFault({
			method: 'POST',
			path: '/api/v3.1/webhook_subscriptions',
			kind: 'status',
			status: 500,
		});
		await h.engine
			.activateWebhook(receiver.node, activation)
			.then((value) => record('activate (500)', value))
			.catch((error: unknown) => record('activate (500): thrown', error));
		record('activate', await h.engine.activateWebhook(receiver.node, activation));
		const subscription = await hooks.subscription();
		expect(subscription?.secret).toEqual(expect.any(String));
		canaries.add(subscription?.secret as string);
		record('activate: saved static data keys', Object.keys(receiver.staticData));
		// A second node of the project refused (one subscription per project).
		await h.engine
			.activateWebhook(trigger(), { staticData: {}, webhookBaseUrl: 'http://127.0.0.1:9/webhook' })
			.catch((error: unknown) => record('second subscription: thrown', error));

		await h.control.setAccountStatus(A.daveGmail, { status: 'EXPIRED', statusReason: 'test' });
		const [delivered] = await hooks.settle();
		await receiver.idle();
		record('delivery', delivered);
		record('redelivery', await hooks.redeliver(delivered.deliveryId));
		const data = { id: A.aliceGithub, status: 'EXPIRED' };
		record('forged', await hooks.deliver({ data, secret: 'not-the-secret' }));
		record('unsigned', await hooks.deliver({ data, omitHeaders: ['webhook-signature'] }));
		record('stale', await hooks.deliver({ data, webhookTimestamp: 1_000_000_000 }));
		record('tampered', await hooks.deliver({ data, tamperBody: true }));
		record('not JSON', await hooks.deliver({ rawBody: 'not json', webhookId: 'msg_raw' }));
		await receiver.idle();
		for (const call of receiver.calls) record('receiver answer and run', call);
		expect(receiver.runs().length).toBeGreaterThan(0);

		record('deactivate', await h.engine.hook(receiver.node, 'delete', activation));
	} finally {
		await receiver.close();
		await h.close();
	}
	expectNoLeak(from, 8);
});

it('webhook trigger attached to an existing subscription with a pasted secret', async () => {
	const from = sink.length;
	const h = await canaryHarness();
	const receiver = await startReceiver(
		h.engine,
		trigger({ subscription: 'existing', secret: PASTED_SECRET }),
	);
	const hooks = webhookControl(h.sandbox.url);
	const activation = { staticData: receiver.staticData, webhookBaseUrl: receiver.base };
	try {
		// No subscription yet: refused.
		await h.engine
			.activateWebhook(receiver.node, activation)
			.catch((error: unknown) => record('attach without subscription: thrown', error));
		const response = await fetch(`${h.sandbox.url}/api/v3.1/webhook_subscriptions`, {
			method: 'POST',
			headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ webhook_url: receiver.url, enabled_events: [EXPIRED], version: 'V3' }),
		});
		expect(response.status).toBe(201);
		record('attach', await h.engine.activateWebhook(receiver.node, activation));
		const data = { id: A.aliceGithub, status: 'EXPIRED' };
		record('signed with the pasted secret', await hooks.deliver({ data, secret: PASTED_SECRET }));
		record('signed with another secret', await hooks.deliver({ data, secret: 'other-secret' }));
		record('unsigned', await hooks.deliver({ data, omitHeaders: ['webhook-signature'] }));
		await receiver.idle();
		for (const call of receiver.calls) record('receiver answer and run', call);
		expect(receiver.runs()).toHaveLength(1);
		record('detach', await h.engine.hook(receiver.node, 'delete', activation));
	} finally {
		await receiver.close();
		await h.close();
	}
	expectNoLeak(from, 5);
});

// ------------------------------------------------------------------------------ the package

it('Proxy Request: a binary answer’s storage URL never receives the API key, whatever Composio answers', async () => {
	const from = sink.length;
	// The storage server answers with the headers it received, so a key sent there would land in
	// the binary data of the output item as well as in its log.
	const storageHeaders: string[] = [];
	const storage = await serve((req, res) => {
		storageHeaders.push(headersOf(req));
		res.type('application/octet-stream').send(Buffer.from(headersOf(req)));
	});
	// A "Composio" that answers every proxy request with a binary answer on that storage, and
	// everything else as the sandbox does not matter here: the account is chosen by ID.
	const composio = await serve((req, res) => {
		if (req.path.endsWith('/connected_accounts/' + A.aliceGmailWork)) {
			res.json({
				id: A.aliceGmailWork,
				status: 'ACTIVE',
				toolkit: { slug: 'gmail' },
				user_id: 'user_alice',
			});
			return;
		}
		res.json({
			status: 200,
			data: null,
			headers: { 'content-type': 'application/octet-stream' },
			binary_data: {
				url: `${storage.url}/file`,
				content_type: 'application/octet-stream',
				size: 10,
			},
		});
	});
	const engine = new Engine({ credentials: { apiKey: API_KEY, baseUrl: composio.url } });
	try {
		const result = await engine.runNode({
			name: 'Proxy Request',
			type: 'n8n-nodes-composio.composioProxyRequest',
			parameters: {
				toolkit: 'gmail',
				userId: 'user_alice',
				accountSelection: 'specific',
				connectedAccount: locator(A.aliceGmailWork),
				endpoint: '/gmail/v1/users/me/messages/m1/attachments/a1',
			},
		});
		record('proxy binary answer: run', result.run);
		expect(result.status).toBe('success');
		const file = result.output('Proxy Request')[0].binary?.data;
		record('proxy binary answer: file', Buffer.from(file?.data ?? '', 'base64').toString('utf8'));
	} finally {
		await storage.close();
		await composio.close();
	}
	expect(storageHeaders).toHaveLength(1);
	expect(storageHeaders[0]).not.toMatch(MARKER);
	expectNoLeak(from, 1);
});
