/**
 * Composio Trigger (webhook) through n8n-core: the subscription lifecycle with HookContext against
 * the sandbox (create only when none exists, keep its secret, delete only its own, never touch
 * someone else's; attach to an existing one), and deliveries the sandbox signs and POSTs to a
 * receiver that hands them to the node through WebhookContext with the raw body: valid, forged,
 * unsigned, stale, future, replayed, unselected events, and the expiry → Connect → link workflow.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunningSandbox, SandboxControl, WebhookControl } from '../../sandbox/src';
import {
	SEED_ACCOUNTS,
	SEED_AUTH_CONFIGS,
	sandboxControl,
	startSandbox,
	webhookControl,
} from '../../sandbox/src';
import { unreachableWebhookUrl } from '../../nodes/ComposioTrigger/helpers/webhookUrl';
import { Engine, type WorkflowNode } from '../harness/engine';
import { nodeStaticData, startReceiver, type Receiver } from './trigger.helpers';

const TRIGGER = 'n8n-nodes-composio.composioTrigger';
const EXPIRED = 'composio.connected_account.expired';
const DISABLED = 'composio.trigger.disabled';
const MESSAGE = 'composio.trigger.message';
const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;

let sandbox: RunningSandbox;
let control: SandboxControl;
let hooks: WebhookControl;
let engine: Engine;
let receiver: Receiver;

function trigger(parameters: IDataObject = {}, name = 'Composio Trigger'): WorkflowNode {
	return { name, type: TRIGGER, parameters: { events: [EXPIRED], ...parameters } };
}

function attached(secret: string, parameters: IDataObject = {}): WorkflowNode {
	return trigger({ subscription: 'existing', secret, ...parameters });
}

/** Composio's API as the tests' "someone else" uses it (straight HTTP, not through the node). */
async function api<T = IDataObject>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${sandbox.url}/api/v3.1${path}`, {
		method,
		headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as T;
}

async function foreignSubscription(url: string, events = [EXPIRED, DISABLED]) {
	return await api<{ id: string; secret: string; webhook_url: string }>(
		'POST',
		'/webhook_subscriptions',
		{ webhook_url: url, enabled_events: events, version: 'V3' },
	);
}

async function writes(): Promise<string[]> {
	return (await control.requests(500))
		.filter((r) => r.method !== 'GET' && r.path.includes('webhook_subscriptions'))
		.map((r) => `${r.method} ${r.path.replace(/whs_[A-Za-z0-9]+/, ':id')}`);
}

function staticOf(name = 'Composio Trigger'): IDataObject {
	return nodeStaticData(receiver.staticData, name);
}

/** Activates the receiver's trigger as n8n would, sharing the receiver's static data. */
async function activate(node: WorkflowNode = receiver.node, mode?: 'manual'): Promise<boolean> {
	receiver.node = node;
	return await engine.activateWebhook(node, {
		staticData: receiver.staticData,
		webhookBaseUrl: receiver.base,
		webhookTestBaseUrl: receiver.base.replace('/webhook', '/webhook-test'),
		webhookId: receiver.webhookId,
		mode,
	});
}

async function deactivate(node: WorkflowNode = receiver.node): Promise<boolean> {
	return await engine.hook(node, 'delete', {
		staticData: receiver.staticData,
		webhookBaseUrl: receiver.base,
		webhookId: receiver.webhookId,
	});
}

/** Waits for the sandbox's deliveries and for the workflows they started. */
async function settled() {
	const deliveries = await hooks.settle();
	await receiver.idle();
	return deliveries;
}

beforeAll(async () => {
	// The receiver (n8n's stand-in) listens on loopback: the sandbox's development switch allows it.
	sandbox = await startSandbox({ allowPrivateWebhookUrls: true });
	control = sandboxControl(sandbox.url);
	hooks = webhookControl(sandbox.url);
	engine = new Engine({ credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
	receiver = await startReceiver(engine, trigger());
});

afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

beforeEach(async () => {
	await control.reset();
	await control.clearFaults();
	await control.clearRequests();
	receiver.staticData = {};
	receiver.calls.length = 0;
	receiver.node = trigger();
	receiver.downstream = [];
	receiver.connections = {};
});

describe('Create If None Exists', () => {
	it('creates the subscription for this node’s URL, keeps neither its id nor its secret, reuses it, deletes it on deactivation', async () => {
		expect(await activate()).toBe(true);
		const sub = await hooks.subscription();
		expect(sub).toMatchObject({
			webhook_url: receiver.url,
			enabled_events: [EXPIRED],
			version: 'V3',
		});
		expect(staticOf()).toEqual({
			subscriptionUrl: receiver.url,
			createdByThisNode: true,
			createdAt: expect.any(String),
		});
		expect(JSON.stringify(receiver.staticData)).not.toContain(sub?.secret);
		expect(await writes()).toEqual(['POST /api/v3.1/webhook_subscriptions']);

		// n8n restarts: checkExists finds it unchanged, nothing is created.
		await control.clearRequests();
		expect(await activate()).toBe(false);
		expect(await writes()).toEqual([]);

		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const [delivery] = await settled();
		expect(delivery).toMatchObject({ outcome: 'delivered', responseStatus: 200 });
		expect(receiver.runs()).toHaveLength(1);
		expect(receiver.runs()[0].json('Composio Trigger')[0]).toMatchObject({
			event: EXPIRED,
			account_id: A.aliceGmailWork,
		});

		expect(await deactivate()).toBe(true);
		expect(await hooks.subscription()).toBeNull();
		expect(staticOf()).toEqual({ seenDeliveries: expect.any(Object) });
	});

	it('refuses to activate when the project already has someone else’s subscription, and changes nothing', async () => {
		const theirs = await foreignSubscription('https://their-app.example.com/composio');
		await control.clearRequests();
		const failure = activate();
		await expect(failure).rejects.toThrow(
			/already has a webhook subscription \(whs_.*https:\/\/their-app\.example\.com\/composio\)/,
		);
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining('Use Existing Subscription'),
		});
		expect(await writes()).toEqual([]);
		expect(staticOf()).toEqual({});
		// Deactivating a node that created nothing deletes nothing.
		await deactivate();
		expect(await writes()).toEqual([]);
		expect(await hooks.subscription()).toMatchObject({ id: theirs.id, secret: theirs.secret });
	});

	it('a create that loses a race (409) is explained the same way', async () => {
		await control.injectFault({
			method: 'POST',
			path: '/api/*/webhook_subscriptions',
			kind: 'status',
			status: 409,
		});
		await expect(activate()).rejects.toThrow(/already has a webhook subscription/);
		expect(staticOf()).toEqual({});
	});

	it('recreates its subscription when it was deleted in Composio meanwhile', async () => {
		await activate();
		const first = await hooks.subscription();
		await api('DELETE', `/webhook_subscriptions/${first?.id}`);
		expect(await activate()).toBe(true);
		const second = await hooks.subscription();
		expect(second?.id).not.toBe(first?.id);
		expect(staticOf()).toMatchObject({ subscriptionUrl: receiver.url, createdByThisNode: true });
	});

	it('updates its own subscription (same id and secret) when the events change', async () => {
		await activate();
		const before = await hooks.subscription();
		await control.clearRequests();
		expect(await activate(trigger({ events: [EXPIRED, DISABLED] }))).toBe(true);
		const after = await hooks.subscription();
		expect(after).toMatchObject({
			id: before?.id,
			secret: before?.secret,
			enabled_events: [EXPIRED, DISABLED],
		});
		expect(await writes()).toEqual(['PATCH /api/v3.1/webhook_subscriptions/:id']);
	});

	it('does not delete or update "its" subscription once someone pointed it elsewhere', async () => {
		await activate();
		const sub = await hooks.subscription();
		await api('PATCH', `/webhook_subscriptions/${sub?.id}`, {
			webhook_url: 'https://other.example.com/x',
		});
		await control.clearRequests();
		await deactivate();
		expect(await writes()).toEqual([]);
		expect(await hooks.subscription()).toMatchObject({
			id: sub?.id,
			webhook_url: 'https://other.example.com/x',
		});
		expect(staticOf()).toEqual({});
	});

	it('"Listen for test event" uses the test URL and removes its subscription afterwards', async () => {
		const testStatic: IDataObject = {};
		const options = {
			staticData: testStatic,
			mode: 'manual' as const,
			webhookBaseUrl: receiver.base,
			webhookTestBaseUrl: receiver.base.replace('/webhook', '/webhook-test'),
			webhookId: receiver.webhookId,
		};
		expect(await engine.activateWebhook(trigger(), options)).toBe(true);
		expect((await hooks.subscription())?.webhook_url).toBe(
			receiver.url.replace('/webhook/', '/webhook-test/'),
		);
		await engine.hook(trigger(), 'delete', options);
		expect(await hooks.subscription()).toBeNull();
	});

	it('a plain-http public n8n URL is refused by Composio with a hint about WEBHOOK_URL', async () => {
		const failure = engine.activateWebhook(trigger(), {
			webhookBaseUrl: 'http://n8n.example.com/webhook',
		});
		await expect(failure).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('only to https URLs'),
		});
	});
});

describe('Create If None Exists without its record (queue-mode workers wipe static data)', () => {
	// n8n 2.40.7's queue-mode workers save static data from an empty snapshot: the record of the
	// subscription this node created is gone, and the subscription is found by this node's exact URL.
	it('checkExists finds its own subscription by URL, restores the record, creates nothing', async () => {
		await activate();
		const sub = await hooks.subscription();
		receiver.staticData = {};
		await control.clearRequests();
		expect(await activate()).toBe(false);
		expect(await writes()).toEqual([]);
		expect(staticOf()).toEqual({
			subscriptionUrl: receiver.url,
			createdByThisNode: true,
			createdAt: expect.any(String),
		});
		expect(await hooks.subscription()).toMatchObject({ id: sub?.id, secret: sub?.secret });
	});

	it('a subscription at this node’s URL (trailing slash) is reused and updated, not refused', async () => {
		const theirs = await foreignSubscription(`${receiver.url}/`, [DISABLED]);
		await control.clearRequests();
		expect(await activate(trigger({ events: [EXPIRED, MESSAGE] }))).toBe(true);
		expect(await writes()).toEqual(['PATCH /api/v3.1/webhook_subscriptions/:id']);
		expect(await hooks.subscription()).toMatchObject({
			id: theirs.id,
			webhook_url: receiver.url,
			enabled_events: [EXPIRED, MESSAGE],
		});
		expect(staticOf()).toMatchObject({ subscriptionUrl: receiver.url, createdByThisNode: true });
	});

	it('deliveries verify with the secret read from Composio, with no static data at all', async () => {
		const sub = await foreignSubscription(receiver.url, [EXPIRED]);
		expect(await activate()).toBe(false);
		receiver.staticData = {};
		// A secret the node has not seen: it must read it from Composio, by its URL alone.
		await api('POST', `/webhook_subscriptions/${sub.id}/rotate_secret`);
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const [delivery] = await settled();
		expect(delivery).toMatchObject({ outcome: 'delivered', responseStatus: 200 });
		expect(receiver.runs()).toHaveLength(1);
	});

	it('deactivation deletes the subscription at this node’s URL', async () => {
		await activate();
		receiver.staticData = {};
		await control.clearRequests();
		expect(await deactivate()).toBe(true);
		expect(await writes()).toEqual(['DELETE /api/v3.1/webhook_subscriptions/:id']);
		expect(await hooks.subscription()).toBeNull();
		expect(staticOf()).toEqual({});
		// Publishing again creates a new one instead of refusing.
		expect(await activate()).toBe(true);
		expect((await hooks.subscription())?.webhook_url).toBe(receiver.url);
	});

	it('a subscription at another URL is never touched: checkExists, create and delete leave it', async () => {
		for (const url of [
			'https://their-app.example.com/composio',
			`${receiver.url}-other`,
			receiver.url.replace('/webhook/', '/webhook-test/'),
		]) {
			await control.reset();
			receiver.staticData = {};
			const theirs = await foreignSubscription(url, [EXPIRED]);
			await control.clearRequests();
			await expect(activate()).rejects.toThrow(/already has a webhook subscription/);
			await deactivate();
			expect(await writes()).toEqual([]);
			expect(await hooks.subscription()).toMatchObject({
				id: theirs.id,
				secret: theirs.secret,
				webhook_url: url,
			});
			expect(staticOf()).toEqual({});
		}
	});
});

describe('Use Existing Subscription', () => {
	it('checks the subscription without changing anything; deactivation leaves it alone', async () => {
		const theirs = await foreignSubscription(receiver.url);
		await control.clearRequests();
		expect(await activate(attached(theirs.secret))).toBe(false);
		await deactivate(attached(theirs.secret));
		expect(await writes()).toEqual([]);
		expect(await hooks.subscription()).toMatchObject({ id: theirs.id, secret: theirs.secret });
		expect(staticOf()).toEqual({});
	});

	it.each([
		['no subscription', async () => attached(''), /has no webhook subscription/],
		[
			'another URL',
			async () =>
				attached((await foreignSubscription('https://elsewhere.example.com/hook')).secret),
			/sends to https:\/\/elsewhere\.example\.com\/hook, not to this node/,
		],
		[
			'a missing event',
			async () => attached((await foreignSubscription(receiver.url, [MESSAGE])).secret),
			/does not send composio\.connected_account\.expired/,
		],
	])('refuses to activate with %s', async (_what, build, message) => {
		await expect(activate(await build())).rejects.toThrow(message);
	});

	it('accepts another URL when told a proxy forwards to this node', async () => {
		const theirs = await foreignSubscription('https://proxy.example.com/hook');
		expect(await activate(attached(theirs.secret, { options: { allowOtherUrl: true } }))).toBe(
			false,
		);
	});
});

describe('deliveries', () => {
	let secret: string;

	beforeEach(async () => {
		secret = (await foreignSubscription(receiver.url, [EXPIRED, DISABLED, MESSAGE])).secret;
		receiver.node = attached(secret);
	});

	it('a signed expiry starts one execution with the flattened account beside the raw object', async () => {
		await control.setAccountStatus(A.aliceGmailWork, {
			status: 'EXPIRED',
			statusReason: 'Max auth failures reached',
		});
		const [delivery] = await settled();
		expect(delivery.responseStatus).toBe(200);
		expect(receiver.calls[0].body).toEqual({ message: 'Workflow was started' });
		const [run] = receiver.runs();
		expect(run.status).toBe('success');
		const [item] = run.json('Composio Trigger');
		const envelope = JSON.parse(delivery.body);
		expect(item).toEqual({
			event: EXPIRED,
			webhook_id: envelope.id,
			timestamp: envelope.timestamp,
			delivery_attempt: 1,
			account_id: A.aliceGmailWork,
			user_id: 'user_alice',
			toolkit: 'gmail',
			auth_config_id: AC.gmailManaged,
			alias: 'work',
			status: 'EXPIRED',
			status_reason: 'Max auth failures reached',
			metadata: envelope.metadata,
			account: envelope.data,
		});
		expect(JSON.stringify(run.run.data)).not.toContain(secret);
	});

	it('a redelivery (same webhook-id) is acknowledged without a second execution', async () => {
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const [first] = await settled();
		const again = await hooks.redeliver(first.deliveryId);
		await receiver.idle();
		expect(again).toMatchObject({ outcome: 'delivered', attempt: 2, webhookId: first.webhookId });
		expect(JSON.parse(again.responseBody ?? '{}')).toEqual({ received: true, duplicate: true });
		expect(receiver.runs()).toHaveLength(1);
		expect(Object.keys(staticOf().seenDeliveries as IDataObject)).toEqual([first.webhookId]);
	});

	it('the execution records the delivery id again (n8n 2.40 saves only what the execution changed)', async () => {
		const staticData: IDataObject = {};
		const run = await engine.run({
			nodes: [attached(secret)],
			start: {
				node: 'Composio Trigger',
				items: [{ json: { event: EXPIRED, webhook_id: 'msg_from_webhook' } }],
			},
			staticData,
		});
		expect(run.status).toBe('success');
		expect(run.output('Composio Trigger')).toEqual([
			{ json: { event: EXPIRED, webhook_id: 'msg_from_webhook' }, pairedItem: { item: 0 } },
		]);
		expect(nodeStaticData(staticData, 'Composio Trigger').seenDeliveries).toEqual({
			msg_from_webhook: expect.any(Number),
		});
	});

	it.each([
		['tampered', { tamperBody: true }, /signature does not match/],
		['unsigned', { omitHeaders: ['webhook-signature'] }, /webhook-signature header is missing/],
		['without an id', { omitHeaders: ['webhook-id'] }, /webhook-id header is missing/],
		[
			'without a timestamp',
			{ omitHeaders: ['webhook-timestamp'] },
			/webhook-timestamp header is missing/,
		],
		['signed with another secret', { secret: 'someone-elses-secret' }, /signature does not match/],
		['stale', { webhookTimestamp: Math.floor(Date.now() / 1000) - 3600 }, /s old; at most 300 s/],
		[
			'from the future',
			{ webhookTimestamp: Math.floor(Date.now() / 1000) + 3600 },
			/in the future/,
		],
		['with a malformed timestamp', { webhookTimestamp: '2026-06-01T09:00:00Z' }, /not a Unix time/],
		['signed in another scheme', { signature: 'v2,abc=' }, /no "v1,<signature>" entry/],
	])('a %s delivery gets 401 and starts nothing', async (_what, request, reason) => {
		const delivery = await hooks.deliver({
			data: { id: A.aliceGmailWork, status: 'EXPIRED' },
			...request,
		});
		await receiver.idle();
		expect(delivery).toMatchObject({ outcome: 'rejected', responseStatus: 401 });
		const answer = JSON.parse(delivery.responseBody ?? '{}');
		expect(answer).toEqual({ error: 'Unauthorized', reason: expect.stringMatching(reason) });
		expect(delivery.responseBody).not.toContain(secret);
		expect(receiver.runs()).toHaveLength(0);
		expect(staticOf().seenDeliveries).toBeUndefined();
	});

	it('a forged delivery does not burn its webhook-id: the genuine one still runs', async () => {
		const forged = await hooks.deliver({ id: 'msg_same', secret: 'forger', data: { id: 'ca_x' } });
		expect(forged.responseStatus).toBe(401);
		const genuine = await hooks.deliver({ id: 'msg_same', data: { id: 'ca_x' } });
		await receiver.idle();
		expect(genuine.responseStatus).toBe(200);
		expect(receiver.runs()).toHaveLength(1);
	});

	it('the tolerance is configurable (0 accepts an old but correctly signed delivery)', async () => {
		receiver.node = attached(secret, { options: { toleranceSeconds: 0 } });
		const old = await hooks.deliver({ webhookTimestamp: 1_000_000_000, data: { id: 'ca_x' } });
		receiver.node = attached(secret, { options: { toleranceSeconds: 30 } });
		const late = await hooks.deliver({
			webhookTimestamp: Math.floor(Date.now() / 1000) - 60,
			data: { id: 'ca_y' },
		});
		await receiver.idle();
		expect(old.responseStatus).toBe(200);
		expect(late.responseStatus).toBe(401);
	});

	it('an event that is not selected is acknowledged and starts nothing; a selected one carries its object', async () => {
		const ignored = await hooks.triggerDisabled({ connectedAccountId: A.aliceGmailWork });
		await receiver.idle();
		expect(JSON.parse(ignored.delivery?.responseBody ?? '{}')).toEqual({
			received: true,
			ignored: 'composio.trigger.disabled is not selected',
		});
		expect(receiver.runs()).toHaveLength(0);

		receiver.node = attached(secret, { events: [DISABLED, MESSAGE] });
		const disabled = await hooks.triggerDisabled({
			connectedAccountId: A.aliceGmailWork,
			triggerName: 'GMAIL_NEW_GMAIL_MESSAGE',
		});
		await hooks.triggerMessage({
			connectedAccountId: A.aliceGithub,
			triggerSlug: 'GITHUB_STAR_ADDED_EVENT',
			payload: { repository: 'acme/app' },
		});
		await receiver.idle();
		const [first, second] = receiver.runs().map((r) => r.json('Composio Trigger')[0]);
		expect(first).toMatchObject({
			event: DISABLED,
			trigger_id: disabled.message.data.id,
			trigger_name: 'GMAIL_NEW_GMAIL_MESSAGE',
			connected_account_id: A.aliceGmailWork,
			user_id: 'user_alice',
			disabled_reason: 'Connected account expired',
			trigger: disabled.message.data,
		});
		expect(second).toMatchObject({
			event: MESSAGE,
			trigger_slug: 'GITHUB_STAR_ADDED_EVENT',
			connected_account_id: A.aliceGithub,
			user_id: 'user_alice',
			data: { repository: 'acme/app' },
		});
	});

	it('a signed body that is not JSON gets 400; the signature is computed over the raw bytes', async () => {
		const notJson = await hooks.deliver({ rawBody: 'not json', webhookId: 'msg_raw' });
		expect(notJson.responseStatus).toBe(400);
		// Same JSON, different bytes (spacing): still verified against exactly what was sent.
		const spaced = await hooks.deliver({
			rawBody: `{ "id": "msg_spaced",  "type": "${EXPIRED}", "data": { "id": "ca_s" } }`,
			webhookId: 'msg_spaced',
		});
		await receiver.idle();
		expect(spaced.responseStatus).toBe(200);
		expect(receiver.runs()[0].json('Composio Trigger')[0]).toMatchObject({ account_id: 'ca_s' });
	});

	it('a created subscription’s deliveries are verified with the stored secret', async () => {
		await api('DELETE', `/webhook_subscriptions/${(await hooks.subscription())?.id}`);
		receiver.node = trigger();
		await activate();
		await control.setAccountStatus(A.daveGmail, { status: 'EXPIRED' });
		const [delivery] = await settled();
		expect(delivery.responseStatus).toBe(200);
		expect(receiver.runs()).toHaveLength(1);
	});
});

describe('webhook URLs Composio cannot reach', () => {
	const PUBLIC_COMPOSIO = 'https://backend.composio.dev';

	it.each([
		'http://localhost:5678/webhook/abc/webhook',
		'http://LOCALHOST.:5678/webhook/abc/webhook',
		'http://n8n.localhost/webhook/abc/webhook',
		'http://127.0.0.1:5678/webhook/abc/webhook',
		'http://127.4.5.6/webhook/abc/webhook',
		'http://2130706433/webhook/abc/webhook',
		'http://0x7f.1/webhook/abc/webhook',
		'http://0.0.0.0:5678/webhook/abc/webhook',
		'http://[::1]:5678/webhook/abc/webhook',
		'http://[::ffff:127.0.0.1]/webhook/abc/webhook',
		'https://10.0.0.5/webhook/abc/webhook',
		'https://172.16.3.4/webhook/abc/webhook',
		'https://172.31.0.1/webhook/abc/webhook',
		'https://192.168.1.10/webhook/abc/webhook',
		'https://169.254.169.254/webhook/abc/webhook',
		'https://100.100.1.1/webhook/abc/webhook',
		'https://[fd00::1]/webhook/abc/webhook',
		'https://[fc12::1]/webhook/abc/webhook',
		'https://[fe80::1]/webhook/abc/webhook',
		'https://n8n.local/webhook/abc/webhook',
		'https://n8n.internal/webhook/abc/webhook',
		'https://n8n.lan/webhook/abc/webhook',
		'https://n8n.home.arpa/webhook/abc/webhook',
		'http://n8n:5678/webhook/abc/webhook',
	])('%s is refused for Composio’s own servers, with the fix', (url) => {
		expect(unreachableWebhookUrl(url, PUBLIC_COMPOSIO)).toEqual({
			message: expect.stringContaining(`Composio cannot reach this trigger’s webhook URL ${url}`),
			description: expect.stringMatching(/WEBHOOK_URL.*tunnel/),
		});
		// A Composio-compatible server on this machine reaches it: no refusal then.
		expect(unreachableWebhookUrl(url, 'http://127.0.0.1:4010')).toBeUndefined();
	});

	it.each([
		'https://n8n.example.com/webhook/abc/webhook',
		'https://172.32.0.1/webhook/abc/webhook',
		'https://192.169.0.1/webhook/abc/webhook',
		'https://8.8.8.8/webhook/abc/webhook',
		'https://[2001:db8::1]/webhook/abc/webhook',
	])('%s is accepted', (url) => {
		expect(unreachableWebhookUrl(url, PUBLIC_COMPOSIO)).toBeUndefined();
	});

	it('activation says so before calling Composio (both modes), with the fix', async () => {
		// Nothing may be sent: this credential points at Composio's real servers.
		const remote = new Engine({
			credentials: { apiKey: 'ak_never_sent', baseUrl: PUBLIC_COMPOSIO },
		});
		for (const node of [trigger(), attached('')]) {
			const failure = remote.activateWebhook(node, {
				webhookBaseUrl: 'http://localhost:5678/webhook',
			});
			await expect(failure).rejects.toThrow(
				/Composio cannot reach this trigger’s webhook URL http:\/\/localhost:5678\/webhook\/composio-test-hook\/webhook: it is a loopback address/,
			);
			await expect(failure).rejects.toMatchObject({
				description: expect.stringContaining('WEBHOOK_URL'),
			});
		}
	});

	it('without the sandbox’s development switch, Composio’s 400 carries the same fix', async () => {
		const strict = await startSandbox();
		try {
			const local = new Engine({ credentials: { apiKey: strict.apiKey, baseUrl: strict.url } });
			const failure = local.activateWebhook(trigger(), { staticData: {} });
			await expect(failure).rejects.toMatchObject({
				httpCode: '400',
				description: expect.stringMatching(
					/refused this node’s URL http:\/\/127\.0\.0\.1.*WEBHOOK_URL/s,
				),
			});
			expect(await webhookControl(strict.url).subscription()).toBeNull();
		} finally {
			await strict.close();
		}
	});
});

describe('signing secret read from Composio', () => {
	it('"Use Existing Subscription" needs no paste: the secret comes from Composio', async () => {
		await foreignSubscription(receiver.url);
		expect(await activate(attached(''))).toBe(false);
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const [delivery] = await settled();
		expect(delivery.responseStatus).toBe(200);
		expect(receiver.runs()).toHaveLength(1);
	});

	it('the pasted secret is the fallback when Composio does not show the secret', async () => {
		const { secret } = await foreignSubscription(receiver.url);
		const masked = async () =>
			control.injectFault({
				method: 'GET',
				path: '/api/*/webhook_subscriptions',
				kind: 'status',
				status: 200,
				times: 20,
				body: {
					items: [
						{
							id: 'whs_masked',
							webhook_url: receiver.url,
							version: 'V3',
							enabled_events: [EXPIRED],
							secret: `${secret.slice(0, 4)}...`,
						},
					],
					next_cursor: null,
					total_pages: 1,
					current_page: 1,
					total_items: 1,
				},
			});
		await masked();
		await expect(activate(attached(''))).rejects.toThrow(
			/did not return the signing secret of the project’s webhook subscription/,
		);
		await control.clearFaults();
		await masked();
		expect(await activate(attached(secret))).toBe(false);
		const delivery = await hooks.deliver({ data: { id: A.aliceGmailWork } });
		await receiver.idle();
		expect(delivery.responseStatus).toBe(200);
	});

	it('a rotated secret is picked up without re-activating; the old one is then refused', async () => {
		await activate();
		const sub = await hooks.subscription();
		const first = await hooks.deliver({ data: { id: 'ca_before' } });
		const rotated = await api<{ secret: string }>(
			'POST',
			`/webhook_subscriptions/${sub?.id}/rotate_secret`,
		);
		const second = await hooks.deliver({ data: { id: 'ca_after' } });
		const old = await hooks.deliver({ secret: sub?.secret, data: { id: 'ca_old' } });
		await receiver.idle();
		expect([first.responseStatus, second.responseStatus, old.responseStatus]).toEqual([
			200, 200, 401,
		]);
		expect(rotated.secret).not.toBe(sub?.secret);
		expect(JSON.stringify(receiver.staticData)).not.toContain(rotated.secret);
	});

	it('answers 503 (Composio retries) when the secret cannot be read, 401 when Composio has none', async () => {
		const other = await startReceiver(engine, trigger(), { webhookId: 'composio-unread-hook' });
		try {
			await foreignSubscription(other.url);
			await control.injectFault({
				method: 'GET',
				path: '/api/*/webhook_subscriptions',
				kind: 'status',
				status: 500,
				times: 10,
			});
			const unavailable = await hooks.deliver({ data: { id: 'ca_x' } });
			await control.clearFaults();
			await api('DELETE', `/webhook_subscriptions/${(await hooks.subscription())?.id}`);
			const none = await hooks.deliver({ url: other.url, data: { id: 'ca_y' } });
			await other.idle();
			expect(unavailable).toMatchObject({ responseStatus: 503 });
			expect(none).toMatchObject({ responseStatus: 401 });
			expect(JSON.parse(none.responseBody ?? '{}').reason).toMatch(/no webhook subscription/);
			expect(other.runs()).toHaveLength(0);
		} finally {
			await other.close();
		}
	});
});

describe('static data that does not lose updates', () => {
	it('an execution that started before a re-publish does not write the old subscription back', async () => {
		await activate();
		const old = await hooks.subscription();
		// A delivery arrives: n8n loads the static data it starts the execution with.
		const snapshot = JSON.parse(JSON.stringify(receiver.staticData)) as IDataObject;
		// Re-publish while that execution runs: the subscription is deleted and created again.
		await deactivate();
		await activate();
		const current = await hooks.subscription();
		expect(current?.id).not.toBe(old?.id);
		// The execution ends and records its delivery id; n8n saves what it changed, whole.
		const run = await engine.run({
			nodes: [trigger()],
			start: {
				node: 'Composio Trigger',
				items: [{ json: { event: EXPIRED, webhook_id: 'msg_1' } }],
			},
			staticData: snapshot,
		});
		expect(run.status).toBe('success');
		expect((snapshot as { __dataChanged?: boolean }).__dataChanged).toBe(true);
		receiver.staticData = JSON.parse(JSON.stringify(snapshot)) as IDataObject;
		const saved = JSON.stringify(receiver.staticData);
		for (const value of [old?.id, old?.secret, current?.id, current?.secret]) {
			expect(saved).not.toContain(value);
		}

		// Deliveries of the new subscription still verify, and deactivation removes it (no orphan).
		await control.setAccountStatus(A.daveGmail, { status: 'EXPIRED' });
		const [delivery] = await settled();
		expect(delivery.responseStatus).toBe(200);
		expect(await deactivate()).toBe(true);
		expect(await hooks.subscription()).toBeNull();
	});

	it('an id and secret saved by an earlier version are dropped at the next activation', async () => {
		await activate();
		const sub = await hooks.subscription();
		Object.assign(staticOf(), {
			subscriptionId: sub?.id,
			subscriptionSecret: sub?.secret,
			subscriptionEvents: [EXPIRED],
		});
		expect(await activate()).toBe(false);
		expect(staticOf()).toEqual({
			subscriptionUrl: receiver.url,
			createdByThisNode: true,
			createdAt: expect.any(String),
		});
	});

	it('writes only the id store, only when an id is new, bounded with the oldest evicted', async () => {
		const staticData: IDataObject = {
			'node:Composio Trigger': { subscriptionUrl: receiver.url, createdByThisNode: true },
		};
		const execute = async (ids: string[]) => {
			const data = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			await engine.run({
				nodes: [trigger()],
				start: {
					node: 'Composio Trigger',
					items: ids.map((id) => ({ json: { event: EXPIRED, webhook_id: id } })),
				},
				staticData: data,
			});
			return data as IDataObject & { __dataChanged?: boolean };
		};
		const first = await execute(['msg_a']);
		expect(first.__dataChanged).toBe(true);
		expect(nodeStaticData(first, 'Composio Trigger')).toEqual({
			subscriptionUrl: receiver.url,
			createdByThisNode: true,
			seenDeliveries: { msg_a: expect.any(Number) },
		});
		Object.assign(staticData, JSON.parse(JSON.stringify(first)));
		expect((await execute(['msg_a'])).__dataChanged).toBe(false);
		const many = Array.from({ length: 520 }, (_, i) => `msg_${i}`);
		const bounded = await execute(many);
		const seen = Object.keys(
			nodeStaticData(bounded, 'Composio Trigger').seenDeliveries as IDataObject,
		);
		expect(seen).toHaveLength(500);
		expect(seen[0]).toBe('msg_20');
		expect(seen[499]).toBe('msg_519');
	});

	it('a run without the static data (a queue-mode worker) keeps the ids its delivery carried', async () => {
		// n8n 2.40.7's worker runs a webhook-started execution with empty static data and saves what
		// the run leaves; webhook() hands it the ids it read, inside the item.
		const now = Math.floor(Date.now() / 1000);
		const workerStatic: IDataObject = {};
		const result = await engine.run({
			nodes: [trigger()],
			start: {
				node: 'Composio Trigger',
				items: [
					{
						json: {
							event: EXPIRED,
							webhook_id: 'msg_new',
							__composioSeenDeliveries: { msg_old: now - 60, msg_expired: now - 2 * 86400 },
						},
					},
				],
			},
			staticData: workerStatic,
		});
		expect(nodeStaticData(workerStatic, 'Composio Trigger')).toEqual({
			seenDeliveries: { msg_old: now - 60, msg_new: expect.any(Number) },
		});
		expect(result.json('Composio Trigger')).toEqual([{ event: EXPIRED, webhook_id: 'msg_new' }]);
	});

	it('webhook() hands the execution the ids it read; the output does not show them', async () => {
		await foreignSubscription(receiver.url, [EXPIRED]);
		receiver.node = attached('');
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		await settled();
		const first = receiver.runs()[0].json('Composio Trigger')[0];
		await control.setAccountStatus(A.bobSlackAcme, { status: 'EXPIRED' });
		await settled();
		const runs = receiver.runs();
		expect(runs).toHaveLength(2);
		for (const run of runs) {
			expect(run.json('Composio Trigger')[0]).not.toHaveProperty('__composioSeenDeliveries');
		}
		expect(
			Object.keys(
				nodeStaticData(receiver.staticData, 'Composio Trigger').seenDeliveries as IDataObject,
			).sort(),
		).toEqual([first.webhook_id, runs[1].json('Composio Trigger')[0].webhook_id].sort());
	});

	it('deliveries that start nothing (duplicate, ignored, refused) write nothing', async () => {
		await foreignSubscription(receiver.url, [EXPIRED, DISABLED]);
		receiver.node = attached('');
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const [first] = await settled();
		const saved = receiver.staticData;
		await hooks.redeliver(first.deliveryId);
		await hooks.triggerDisabled({ connectedAccountId: A.aliceGmailWork });
		await hooks.deliver({ secret: 'forged', data: { id: 'ca_x' } });
		await receiver.idle();
		expect(receiver.calls.map((c) => c.status)).toEqual([200, 200, 200, 401]);
		expect(receiver.staticData).toBe(saved);
	});
});

describe('workflow: expiry webhook → Connect → link', () => {
	it('creates a new Connect Link for the same user and auth config and outputs it', async () => {
		const { secret } = await foreignSubscription(receiver.url);
		receiver.node = attached(secret);
		receiver.downstream = [
			{
				name: 'Reconnect',
				type: 'n8n-nodes-composio.composioConnectedAccount',
				parameters: {
					resource: 'connectedAccount',
					operation: 'connect',
					userId: '={{ $json.user_id }}',
					authConfig: { __rl: true, mode: 'id', value: '={{ $json.auth_config_id }}' },
					method: 'link',
				},
			},
		];
		receiver.connections = { 'Composio Trigger': 'Reconnect' };

		await control.setAccountStatus(A.daveGmail, { status: 'EXPIRED' });
		await settled();
		const [run] = receiver.runs();
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		const [link] = run.json('Reconnect');
		expect(link).toMatchObject({
			connected_account_id: expect.stringMatching(/^ca_/),
			redirect_url: expect.stringContaining('/link/ln_'),
			expires_at: expect.any(String),
		});
		const created = await control.account(link.connected_account_id as string);
		expect(created).toMatchObject({
			userId: 'user_dave',
			authConfigId: AC.gmailManaged,
			status: 'INITIATED',
		});
	});
});
