/**
 * The unauthenticated webhook at its edges (issue 17), through n8n-core's WebhookContext: a
 * `webhook-signature` header with more than 16 entries, a delivery without a body, timestamps with
 * spaces, and the answers of refused deliveries — each POSTed as raw bytes with headers this test
 * signs itself (Node's crypto: HMAC-SHA256 over `id.timestamp.body`, base64), so nothing here trusts
 * the package's own signing code.
 */
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { RunningSandbox, SandboxControl } from '../../sandbox/src';
import { sandboxControl, startSandbox } from '../../sandbox/src';
import { Engine, type WorkflowNode } from '../harness/engine';
import { nodeStaticData, startReceiver, type Receiver } from './trigger.helpers';

const TRIGGER = 'n8n-nodes-composio.composioTrigger';
const EXPIRED = 'composio.connected_account.expired';
const SECRET = 'whsec_mutation_test_secret';

let sandbox: RunningSandbox;
let control: SandboxControl;
let engine: Engine;
let receiver: Receiver;

function trigger(parameters: IDataObject = {}): WorkflowNode {
	return {
		name: 'Composio Trigger',
		type: TRIGGER,
		parameters: { events: [EXPIRED], subscription: 'existing', secret: SECRET, ...parameters },
	};
}

function sign(id: string, timestamp: string, body: string, secret = SECRET): string {
	return createHmac('sha256', secret).update(`${id}.${timestamp}.`).update(body).digest('base64');
}

const now = () => String(Math.floor(Date.now() / 1000));

function envelope(id: string): string {
	return JSON.stringify({
		id,
		type: EXPIRED,
		timestamp: new Date().toISOString(),
		metadata: { project_id: 'pr_test' },
		data: { id: 'ca_mutation01', status: 'EXPIRED' },
	});
}

/** POSTs raw bytes with exactly these headers; returns the answer and whether a workflow ran. */
async function post(headers: Record<string, string>, body: string | undefined) {
	const before = receiver.runs().length;
	const response = await fetch(receiver.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	const answer = (await response.json()) as IDataObject;
	await receiver.idle();
	return { status: response.status, answer, runs: receiver.runs().length - before };
}

function signed(id: string, body: string, timestamp = now()) {
	return {
		'webhook-id': id,
		'webhook-timestamp': timestamp,
		'webhook-signature': `v1,${sign(id, timestamp, body)}`,
	};
}

beforeAll(async () => {
	sandbox = await startSandbox({ allowPrivateWebhookUrls: true });
	control = sandboxControl(sandbox.url);
	engine = new Engine({ credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
	receiver = await startReceiver(engine, trigger());
});

afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

beforeEach(async () => {
	await control.reset();
	receiver.staticData = {};
	receiver.calls.length = 0;
	receiver.node = trigger();
});

describe('a signed delivery', () => {
	it('starts one execution; its id is remembered, so a redelivery starts none', async () => {
		const body = envelope('msg_ok');
		const first = await post(signed('msg_ok', body), body);
		expect(first).toEqual({
			status: 200,
			answer: { message: 'Workflow was started' },
			runs: 1,
		});
		expect(receiver.runs()[0].json('Composio Trigger')[0]).toMatchObject({
			event: EXPIRED,
			webhook_id: 'msg_ok',
			account_id: 'ca_mutation01',
			delivery_attempt: null,
		});
		expect(
			Object.keys(
				nodeStaticData(receiver.staticData, 'Composio Trigger').seenDeliveries as IDataObject,
			),
		).toEqual(['msg_ok']);
		const again = await post(signed('msg_ok', body), body);
		expect(again).toEqual({ status: 200, answer: { received: true, duplicate: true }, runs: 0 });
	});

	it('the delivery attempt header is carried when it is a positive whole number', async () => {
		const cases: Array<[string, number | null]> = [
			['3', 3],
			['0', null],
			['-1', null],
			['2.5', null],
			['x', null],
		];
		for (const [attempt, expected] of cases) {
			const id = `msg_attempt_${attempt}`;
			const body = envelope(id);
			await post({ ...signed(id, body), 'x-composio-delivery-attempt': attempt }, body);
			const run = receiver.runs()[receiver.runs().length - 1];
			expect(run.json('Composio Trigger')[0].delivery_attempt).toBe(expected);
		}
	});

	it('an event that is not selected is acknowledged and starts nothing', async () => {
		const body = JSON.stringify({ id: 'msg_other', type: 'composio.trigger.message', data: {} });
		expect(await post(signed('msg_other', body), body)).toEqual({
			status: 200,
			answer: { received: true, ignored: 'composio.trigger.message is not selected' },
			runs: 0,
		});
		const untyped = JSON.stringify({ id: 'msg_untyped', data: {} });
		expect((await post(signed('msg_untyped', untyped), untyped)).answer).toEqual({
			received: true,
			ignored: 'unknown is not selected',
		});
	});
});

describe('webhook-signature with many entries', () => {
	const junk = (n: number) =>
		Array.from({ length: n }, (_, i) => `v1,${Buffer.from(`junk-${i}`).toString('base64')}`);

	it('the valid signature as the 16th entry is found', async () => {
		const body = envelope('msg_16');
		const headers = signed('msg_16', body);
		headers['webhook-signature'] = [...junk(15), headers['webhook-signature']].join(' ');
		expect(await post(headers, body)).toMatchObject({ status: 200, runs: 1 });
	});

	it('as the 17th entry it is not looked at: 401, nothing runs', async () => {
		const body = envelope('msg_17');
		const headers = signed('msg_17', body);
		headers['webhook-signature'] = [...junk(16), headers['webhook-signature']].join(' ');
		expect(await post(headers, body)).toEqual({
			status: 401,
			answer: {
				error: 'Unauthorized',
				reason: 'The signature does not match: the secret is wrong or the body was changed',
			},
			runs: 0,
		});
		expect(receiver.staticData).toEqual({});
	});

	it('a thousand entries are refused the same way, without running anything', async () => {
		const body = envelope('msg_many');
		const headers = signed('msg_many', body);
		headers['webhook-signature'] = [...junk(1000), headers['webhook-signature']].join(' ');
		expect(await post(headers, body)).toMatchObject({ status: 401, runs: 0 });
	});

	it('entries in another version, or without a value, do not count', async () => {
		const body = envelope('msg_v2');
		const good = signed('msg_v2', body)['webhook-signature'].slice(3);
		const headers = signed('msg_v2', body);
		headers['webhook-signature'] = `v2,${good} v1, ,${good} v1${good}`;
		expect(await post(headers, body)).toEqual({
			status: 401,
			answer: {
				error: 'Unauthorized',
				reason: 'The webhook-signature header has no "v1,<signature>" entry',
			},
			runs: 0,
		});
	});
});

describe('a delivery without a body', () => {
	it.each([
		['no body', undefined],
		['an empty body', ''],
	])('%s: 401 "no body", nothing runs', async (_what, body) => {
		const headers = signed('msg_empty', '');
		expect(await post(headers, body)).toEqual({
			status: 401,
			answer: { error: 'Unauthorized', reason: 'The delivery has no body' },
			runs: 0,
		});
	});

	it('a signed body that is JSON but not an object: 400, nothing runs', async () => {
		for (const body of ['[1,2]', 'null', '"text"', '42']) {
			expect(await post(signed(`msg_${body.length}`, body), body)).toEqual({
				status: 400,
				answer: { error: 'Bad Request', reason: 'The body is not a JSON object' },
				runs: 0,
			});
		}
	});
});

describe('webhook-timestamp with spaces', () => {
	it('spaces inside the number: 401 "not a Unix time", nothing runs', async () => {
		const body = envelope('msg_sp');
		const ts = now();
		const spaced = `${ts.slice(0, 4)} ${ts.slice(4)}`;
		const headers = {
			'webhook-id': 'msg_sp',
			'webhook-timestamp': spaced,
			'webhook-signature': `v1,${sign('msg_sp', spaced, body)}`,
		};
		expect(await post(headers, body)).toEqual({
			status: 401,
			answer: {
				error: 'Unauthorized',
				reason: 'The webhook-timestamp header is not a Unix time in seconds',
			},
			runs: 0,
		});
	});

	it('spaces around it (HTTP drops them) leave the signed number, which is accepted', async () => {
		const body = envelope('msg_pad');
		const ts = now();
		const headers = { ...signed('msg_pad', body, ts), 'webhook-timestamp': `  ${ts}  ` };
		expect(await post(headers, body)).toMatchObject({ status: 200, runs: 1 });
	});

	it('a delivery older than the tolerance names its age; the tolerance is an option', async () => {
		const body = envelope('msg_old');
		const old = String(Number(now()) - 400);
		const refused = await post(signed('msg_old', body, old), body);
		expect(refused.status).toBe(401);
		expect(refused.answer.reason).toMatch(
			/^The delivery is 40\d s old; at most 300 s are accepted$/,
		);
		receiver.node = trigger({ options: { toleranceSeconds: 600 } });
		expect(await post(signed('msg_old', body, old), body)).toMatchObject({ status: 200, runs: 1 });
		// A negative tolerance is not one: the default applies.
		receiver.node = trigger({ options: { toleranceSeconds: -1 } });
		expect(
			await post(signed('msg_old2', envelope('msg_old2'), old), envelope('msg_old2')),
		).toMatchObject({ status: 401 });
	});
});
