/**
 * The Composio Trigger's receipt of one delivery (`receiveDelivery`, issue 17: what the mutation run
 * of `helpers/receive.ts` found no test holding): which secrets it tries and in what order, when it
 * asks Composio for the subscription's secret and when it does not, the answers of refused
 * deliveries, and what the started execution's item carries. It runs on a context with just the
 * parts it uses; the engine suites (trigger-webhook, mutation-webhook) run it inside n8n-core's
 * WebhookContext. Deliveries are signed here with Node's crypto, not the package's code.
 */
import { createHmac } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { receiveDelivery } from '../../nodes/ComposioTrigger/helpers/receive';
import {
	cachedSigningSecret,
	primeSigningSecret,
} from '../../nodes/ComposioTrigger/helpers/secret';
import { CARRIED_DELIVERIES_KEY } from '../../nodes/ComposioTrigger/helpers/webhookEvents';
import { bareNode, TRIGGER } from '../harness/builders';
import { routedTransport } from '../harness/scriptedTransport';

const EXPIRED = 'composio.connected_account.expired';
const PASTED = 'whsec_pasted_secret';
const COMPOSIOS = 'whsec_composio_secret';

const node = bareNode('Composio Trigger', TRIGGER);

let hook = 0;

function sign(id: string, timestamp: string, body: string, secret: string): string {
	const mac = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
	return `v1,${mac}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface Delivery {
	/** The body as sent; undefined: no body. */
	body?: string;
	/** The secret it is signed with. */
	signedWith?: string;
	/** Seconds before now that it was signed. */
	age?: number;
	headers?: Record<string, string>;
	parameters?: IDataObject;
	staticData?: IDataObject;
	/** Composio's subscriptions (with their secrets), or the status it answers their list with. */
	subscriptions?: IDataObject[] | number;
	/** A secret this trigger already read from Composio (the process-wide cache). */
	cached?: string;
}

function envelope(fields: IDataObject = {}): string {
	return JSON.stringify({
		id: 'msg_1',
		type: EXPIRED,
		timestamp: '2026-12-02T08:00:00.000Z',
		data: { id: 'ca_expired01', status: 'EXPIRED' },
		...fields,
	});
}

/** Runs receiveDelivery once; returns what it returned, the answer it sent and Composio's requests. */
async function receive(delivery: Delivery) {
	const url = `https://n8n.example.com/webhook/hook-${++hook}/webhook`;
	if (delivery.cached) primeSigningSecret(url, delivery.cached);
	const body = 'body' in delivery ? delivery.body : envelope();
	const id = 'msg_1';
	const timestamp = String(nowSeconds() - (delivery.age ?? 0));
	const headers: Record<string, string> = {
		'webhook-id': id,
		'webhook-timestamp': timestamp,
		'webhook-signature': sign(id, timestamp, body ?? '', delivery.signedWith ?? PASTED),
		...delivery.headers,
	};
	const parameters: IDataObject = {
		events: [EXPIRED],
		subscription: 'existing',
		secret: PASTED,
		...delivery.parameters,
	};
	const staticData = delivery.staticData ?? {};
	const answer: { status?: number; body?: unknown } = {};
	const subscriptions = delivery.subscriptions ?? [];
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		json(json: unknown) {
			answer.body = json;
			return response;
		},
	};
	// Composio answers the subscription list (the only request receipt makes) from `subscriptions`.
	const { transport, sent } = routedTransport(
		() =>
			typeof subscriptions === 'number'
				? { statusCode: subscriptions, body: { error: { message: 'Down' } } }
				: { statusCode: 200, body: { items: subscriptions } },
		node,
	);
	const context = {
		...transport,
		getRequestObject: () => ({ rawBody: body === undefined ? undefined : Buffer.from(body) }),
		getHeaderData: () => headers,
		getNodeParameter: (name: string, fallback: unknown) =>
			parameters[name] === undefined ? fallback : parameters[name],
		// The trigger's one webhook is n8n's "default".
		getNodeWebhookUrl: (name: string) => (name === 'default' ? url : undefined),
		getResponseObject: () => response,
		getWorkflowStaticData: () => staticData,
		helpers: {
			...transport.helpers,
			returnJsonArray: (json: IDataObject) => [{ json }],
		},
	} as unknown as IWebhookFunctions;
	const result = await receiveDelivery.call(context);
	const requests = sent.map((request) => `${request.method} ${request.path}`);
	return { result, answer, requests, url };
}

const refusedWith = (status: number, error: string, reason: string | RegExp) => ({
	result: { noWebhookResponse: true },
	answer: { status, body: { error, reason } },
});

function startedItem(result: unknown): IDataObject {
	const data = (result as { workflowData?: Array<Array<{ json: IDataObject }>> }).workflowData;
	expect(data).toHaveLength(1);
	expect(data?.[0]).toHaveLength(1);
	return data?.[0][0].json as IDataObject;
}

const LIST = 'GET /webhook_subscriptions';
const subscription = (url: string, secret: string) => [{ id: 'ws_1', webhook_url: url, secret }];

describe('the secrets a delivery is checked with', () => {
	it('the pasted secret: the execution starts, and Composio is not asked', async () => {
		const { result, answer, requests } = await receive({});
		expect(startedItem(result)).toMatchObject({ event: EXPIRED, webhook_id: 'msg_1' });
		expect(answer).toEqual({});
		expect(requests).toEqual([]);
	});

	it('the pasted secret is used without the spaces around it', async () => {
		const { result } = await receive({ parameters: { secret: `  ${PASTED}\n` } });
		expect(startedItem(result).webhook_id).toBe('msg_1');
	});

	it.each([
		['blank', '   '],
		['not text', 42],
	])(
		'a %s pasted secret is none: Composio is asked, and without a secret there the delivery is refused',
		async (_what, secret) => {
			const { result, answer, requests } = await receive({ parameters: { secret } });
			expect({ result, answer }).toEqual(
				refusedWith(
					401,
					'Unauthorized',
					'Composio has no webhook subscription with a signing secret for this trigger (activate the workflow, or paste the secret)',
				),
			);
			expect(requests).toEqual([LIST]);
		},
	);

	it('a secret pasted for "Use Existing Subscription" is not used by a trigger that creates its own', async () => {
		const refused = await receive({ parameters: { subscription: 'createIfNone' } });
		expect(refused.answer.status).toBe(401);
		expect(refused.requests).toEqual([LIST]);
	});

	it('a secret read earlier and a pasted one: either signs; the first that matches wins', async () => {
		// Rotated: the cached secret is old, the pasted one signs.
		const rotated = await receive({ cached: 'whsec_old_secret' });
		expect(startedItem(rotated.result).webhook_id).toBe('msg_1');
		expect(rotated.requests).toEqual([]);
		// The cached one signs, the pasted one is stale: still accepted.
		const cached = await receive({ cached: COMPOSIOS, signedWith: COMPOSIOS });
		expect(startedItem(cached.result).webhook_id).toBe('msg_1');
		expect(cached.requests).toEqual([]);
	});

	it('no known secret matches: Composio’s is read again, used, and kept for the next delivery', async () => {
		const url = `https://n8n.example.com/webhook/hook-${hook + 1}/webhook`;
		const { result, requests } = await receive({
			signedWith: COMPOSIOS,
			subscriptions: subscription(url, COMPOSIOS),
		});
		expect(startedItem(result).webhook_id).toBe('msg_1');
		expect(requests).toEqual([LIST]);
		expect(cachedSigningSecret(url)).toBe(COMPOSIOS);
	});

	it('Composio’s secret is the one already tried: the mismatch stands', async () => {
		const url = `https://n8n.example.com/webhook/hook-${hook + 1}/webhook`;
		const { result, answer } = await receive({
			signedWith: 'whsec_someone_else',
			subscriptions: subscription(url, PASTED),
		});
		expect({ result, answer }).toEqual(
			refusedWith(
				401,
				'Unauthorized',
				'The signature does not match: the secret is wrong or the body was changed',
			),
		);
	});

	it('Composio cannot be asked: 503 without a known secret (Composio delivers again), 401 with one', async () => {
		const unknown = await receive({ parameters: { secret: '' }, subscriptions: 403 });
		expect({ result: unknown.result, answer: unknown.answer }).toEqual(
			refusedWith(
				503,
				'Service Unavailable',
				'Could not read the subscription’s signing secret from Composio; try again later',
			),
		);
		const known = await receive({ signedWith: 'whsec_someone_else', subscriptions: 403 });
		expect(known.answer.status).toBe(401);
	});

	it('a delivery refused for anything but its signature needs no secret: Composio is not asked', async () => {
		const stale = await receive({ parameters: { secret: '' }, age: 400 });
		expect(stale.answer).toEqual({
			status: 401,
			body: {
				error: 'Unauthorized',
				reason: expect.stringMatching(/^The delivery is 4\d\d s old/),
			},
		});
		expect(stale.requests).toEqual([]);
	});
});

describe('what is refused after the signature', () => {
	it('a signed body that is not JSON: 400', async () => {
		const { result, answer } = await receive({ body: 'not json{' });
		expect({ result, answer }).toEqual(refusedWith(400, 'Bad Request', 'The body is not JSON'));
	});

	it('a tolerance given as text or below 0 is not one: the default 300 s apply; 0 is one', async () => {
		const refused = await receive({
			age: 400,
			parameters: { options: { toleranceSeconds: '600' } },
		});
		expect(refused.answer.status).toBe(401);
		const accepted = await receive({
			age: 400,
			parameters: { options: { toleranceSeconds: 600 } },
		});
		expect(startedItem(accepted.result).webhook_id).toBe('msg_1');
		// A negative tolerance is not one either.
		const negative = await receive({ age: 400, parameters: { options: { toleranceSeconds: -1 } } });
		expect(negative.answer.body).toEqual({
			error: 'Unauthorized',
			reason: expect.stringMatching(/^The delivery is 4\d\d s old; at most 300 s are accepted$/),
		});
		// 0 is a setting (the option's "turns the check off"), not "the default".
		const unchecked = await receive({ age: 400, parameters: { options: { toleranceSeconds: 0 } } });
		expect(startedItem(unchecked.result).webhook_id).toBe('msg_1');
	});

	it('an event type that is not text is "unknown", and not selected', async () => {
		const { result } = await receive({ body: envelope({ type: 42 }) });
		expect(result).toEqual({
			webhookResponse: { received: true, ignored: 'unknown is not selected' },
		});
	});
});

describe('the delivery ids the item carries to the execution', () => {
	it('the ids already seen travel with the item; with none seen, the item carries nothing extra', async () => {
		const seen = { msg_0: nowSeconds() - 60 };
		const carried = await receive({ staticData: { seenDeliveries: { ...seen } } });
		expect(startedItem(carried.result)[CARRIED_DELIVERIES_KEY]).toEqual(seen);
		const first = await receive({});
		expect(startedItem(first.result)).not.toHaveProperty(CARRIED_DELIVERIES_KEY);
	});
});
