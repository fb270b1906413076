/**
 * Sandbox webhooks over HTTP: the subscription endpoints (one per project, the secret in every
 * v3.1 answer and masked on v3, event types, validation, publicly reachable URLs unless the
 * development switch is on) and signed V3 deliveries to a receiver on an ephemeral port when a
 * connected account expires (not an abandoned Connect Link) or a trigger is disabled,
 * redeliveries, custom broken deliveries and the control routes. Signatures are checked here with
 * Node's crypto directly.
 */
import { createHmac } from 'crypto';
import express from 'express';

import {
	SEED_ACCOUNTS,
	SEED_AUTH_CONFIGS,
	webhookControl,
	type WebhookControl,
} from '../../sandbox/src';
import { useSandbox, type ErrorWire } from './helpers';

interface Received {
	path: string;
	headers: Record<string, string>;
	body: string;
}

interface SubscriptionWire {
	id: string;
	webhook_url: string;
	version: string;
	enabled_events: string[];
	secret: string;
	created_at: string;
	updated_at: string;
}

const EXPIRED = 'composio.connected_account.expired';
const DISABLED = 'composio.trigger.disabled';
const MESSAGE = 'composio.trigger.message';

// The receiver listens on loopback: this sandbox has the development switch on.
const harness = useSandbox({ allowPrivateWebhookUrls: true });
let hooks: WebhookControl;
let receiver: ReturnType<ReturnType<typeof express>['listen']>;
let receiverUrl: string;
let received: Received[] = [];
let answerWith = 200;

beforeAll(async () => {
	hooks = webhookControl(harness.url);
	const app = express();
	app.use(express.raw({ type: '*/*' }));
	app.post('/{*path}', (req, res) => {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers))
			if (typeof value === 'string') headers[name] = value;
		received.push({ path: req.path, headers, body: (req.body as Buffer).toString('utf8') });
		res.status(answerWith).json({ ok: answerWith < 300 });
	});
	receiver = await new Promise<typeof receiver>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const address = receiver.address();
	receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});

afterAll(async () => {
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
	received = [];
	answerWith = 200;
});

function sign(secret: string, id: string, ts: string, body: string): string {
	return createHmac('sha256', secret).update(`${id}.${ts}.${body}`).digest('base64');
}

async function subscribe(events: string[] = [EXPIRED, DISABLED], url = receiverUrl) {
	const created = await harness.post<SubscriptionWire>('/webhook_subscriptions', {
		webhook_url: url,
		enabled_events: events,
		version: 'V3',
	});
	expect(created.status).toBe(201);
	return created.body;
}

describe('subscription endpoints', () => {
	it('lists the event types with their versions (both prefixes)', async () => {
		for (const version of ['v3', 'v3.1'] as const) {
			const res = await harness.get<{
				items: Array<{ event_type: string; supported_versions: string[] }>;
			}>('/webhook_subscriptions/event_types', { version });
			expect(res.status).toBe(200);
			expect(res.body.items.map((i) => i.event_type)).toEqual([MESSAGE, EXPIRED, DISABLED]);
			expect(res.body.items.find((i) => i.event_type === EXPIRED)?.supported_versions).toEqual([
				'V3',
			]);
		}
	});

	it('creates one subscription per project; the secret is in every v3.1 answer and masked on v3', async () => {
		const sub = await subscribe();
		expect(sub).toMatchObject({
			id: expect.stringMatching(/^whs_[A-Za-z0-9]{12}$/),
			webhook_url: receiverUrl,
			version: 'V3',
			enabled_events: [EXPIRED, DISABLED],
			secret: expect.stringMatching(/^[A-Za-z0-9]{40}$/),
			created_at: '2026-06-01T09:00:00.000Z',
		});

		const again = await harness.post<ErrorWire>(
			'/webhook_subscriptions',
			{ webhook_url: 'https://example.com/other', enabled_events: [EXPIRED] },
			{ version: 'v3' },
		);
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({
			slug: 'WebhookSubscription_AlreadyExists',
			status: 409,
		});

		const list = await harness.get<{ items: SubscriptionWire[]; total_items: number }>(
			'/webhook_subscriptions',
		);
		expect(list.body.total_items).toBe(1);
		expect(list.body.items[0]).toMatchObject({ id: sub.id, secret: sub.secret });
		const one = await harness.get<SubscriptionWire>(`/webhook_subscriptions/${sub.id}`);
		expect(one.body.secret).toBe(sub.secret);
		const v3List = await harness.get<{ items: SubscriptionWire[] }>('/webhook_subscriptions', {
			version: 'v3',
		});
		expect(v3List.body.items[0].secret).toBe(`${sub.secret.slice(0, 4)}...`);
		const v3One = await harness.get<SubscriptionWire>(`/webhook_subscriptions/${sub.id}`, {
			version: 'v3',
		});
		expect(v3One.body.secret).toBe(`${sub.secret.slice(0, 4)}...`);

		const rotated = await harness.post<{ id: string; secret: string }>(
			`/webhook_subscriptions/${sub.id}/rotate_secret`,
		);
		expect(rotated.status).toBe(200);
		expect(rotated.body.id).toBe(sub.id);
		expect(rotated.body.secret).not.toBe(sub.secret);
		expect((await hooks.subscription())?.secret).toBe(rotated.body.secret);
	});

	it('updates, deletes and then answers 404', async () => {
		const sub = await subscribe();
		const empty = await harness.patch<ErrorWire>(`/webhook_subscriptions/${sub.id}`, {});
		expect(empty.status).toBe(400);
		const patched = await harness.patch<SubscriptionWire>(`/webhook_subscriptions/${sub.id}`, {
			enabled_events: [MESSAGE],
		});
		expect(patched.status).toBe(200);
		expect(patched.body).toMatchObject({
			enabled_events: [MESSAGE],
			webhook_url: receiverUrl,
			secret: sub.secret,
		});
		const v3Patched = await harness.patch<SubscriptionWire>(
			`/webhook_subscriptions/${sub.id}`,
			{ enabled_events: [MESSAGE] },
			{ version: 'v3' },
		);
		expect(v3Patched.body.secret).toMatch(/^.{4}\.\.\.$/);

		const deleted = await harness.del<{ success: boolean }>(`/webhook_subscriptions/${sub.id}`);
		expect(deleted.body).toEqual({ success: true });
		expect((await harness.get(`/webhook_subscriptions/${sub.id}`)).status).toBe(404);
		expect((await harness.del(`/webhook_subscriptions/${sub.id}`)).status).toBe(404);
		expect((await harness.get<{ items: unknown[] }>('/webhook_subscriptions')).body.items).toEqual(
			[],
		);
		expect((await harness.post('/webhook_subscriptions/whs_nope/rotate_secret')).status).toBe(404);
	});

	it.each([
		[
			'a plain-http public URL',
			{ webhook_url: 'http://example.com/hook', enabled_events: [EXPIRED] },
		],
		['no URL', { enabled_events: [EXPIRED] }],
		['no events', { webhook_url: 'https://example.com/hook', enabled_events: [] }],
		[
			'an unknown event',
			{ webhook_url: 'https://example.com/hook', enabled_events: ['composio.account.created'] },
		],
		[
			'expiry on V2 payloads',
			{ webhook_url: 'https://example.com/hook', enabled_events: [EXPIRED], version: 'V2' },
		],
		[
			'an unknown version',
			{ webhook_url: 'https://example.com/hook', enabled_events: [MESSAGE], version: 'V4' },
		],
	])('refuses %s with 400 and the details', async (_what, body) => {
		const res = await harness.post<ErrorWire>('/webhook_subscriptions', body);
		expect(res.status).toBe(400);
		expect(res.body.error.errors?.length).toBeGreaterThan(0);
		expect(await hooks.subscription()).toBeNull();
	});

	it('with the switch on: accepts https anywhere and http on private hosts only; needs the API key', async () => {
		const https = await harness.post('/webhook_subscriptions', {
			webhook_url: 'https://n8n.example.com/webhook/abc/webhook',
			enabled_events: [MESSAGE],
			version: 'V1',
		});
		expect(https.status).toBe(201);
		const unauthorized = await harness.get('/webhook_subscriptions', { apiKey: null });
		expect(unauthorized.status).toBe(401);
	});

	it('reset removes the subscription', async () => {
		await subscribe();
		await harness.control.reset();
		expect(await hooks.subscription()).toBeNull();
		expect(await hooks.deliveries()).toEqual([]);
	});
});

describe('deliveries', () => {
	it('an account that turns EXPIRED is delivered as a signed V3 envelope with the full account', async () => {
		const sub = await subscribe();
		const before = Math.floor(Date.now() / 1000);
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, {
			status: 'EXPIRED',
			statusReason: 'Max auth failures reached',
		});
		const [delivery] = await hooks.settle();
		expect(delivery).toMatchObject({
			outcome: 'delivered',
			responseStatus: 200,
			attempt: 1,
			type: EXPIRED,
		});
		expect(received).toHaveLength(1);
		const { headers, body, path } = received[0];
		expect(path).toBe('/hook');
		const envelope = JSON.parse(body);
		expect(envelope).toMatchObject({
			id: expect.stringMatching(
				/^msg_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			),
			type: EXPIRED,
			timestamp: '2026-06-01T09:00:00.000Z',
			metadata: {
				project_id: expect.stringMatching(/^pr_/),
				org_id: expect.stringMatching(/^ok_/),
			},
			data: {
				id: SEED_ACCOUNTS.aliceGmailWork,
				user_id: 'user_alice',
				toolkit: { slug: 'gmail' },
				auth_config: { id: SEED_AUTH_CONFIGS.gmailManaged },
				status: 'EXPIRED',
				status_reason: 'Max auth failures reached',
				params: expect.any(Object),
			},
		});
		expect(headers['content-type']).toBe('application/json');
		expect(headers['webhook-id']).toBe(envelope.id);
		expect(headers['x-composio-webhook-version']).toBe('V3');
		expect(headers['x-composio-delivery-attempt']).toBe('1');
		const ts = Number(headers['webhook-timestamp']);
		expect(ts).toBeGreaterThanOrEqual(before);
		expect(ts).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
		expect(headers['webhook-signature']).toBe(
			`v1,${sign(sub.secret, envelope.id, headers['webhook-timestamp'], body)}`,
		);
		expect(delivery.body).toBe(body);
	});

	it('an abandoned Connect Link expires the pending account but pushes no expiry event', async () => {
		await subscribe();
		const link = await harness.post<{ connected_account_id: string }>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
			user_id: 'user_erin',
		});
		await harness.control.advanceClock(600_001);
		// The seed's two pending connections run out at the same time: nothing is pushed for any.
		const account = await harness.get<{ status: string; status_reason: string }>(
			`/connected_accounts/${link.body.connected_account_id}`,
		);
		expect(account.body).toMatchObject({
			status: 'EXPIRED',
			status_reason: 'Connection initiation did not complete within 10 minutes',
		});
		expect(await hooks.settle()).toEqual([]);
		expect(received).toEqual([]);

		// A connected account that expires afterwards is pushed as documented.
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'EXPIRED' });
		expect(await hooks.settle()).toHaveLength(1);
	});

	it('delivers nothing without a subscription, for events not enabled, or with auto-delivery off', async () => {
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGithub, { status: 'EXPIRED' });
		await subscribe([MESSAGE]);
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'EXPIRED' });
		expect(await hooks.settle()).toEqual([]);
		const disabled = await hooks.triggerDisabled({
			connectedAccountId: SEED_ACCOUNTS.aliceGmailWork,
		});
		expect(disabled.delivery).toBeNull();
		expect(disabled.message.type).toBe(DISABLED);

		await harness.control.reset();
		await subscribe();
		await hooks.setSettings({ autoDeliver: false });
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'EXPIRED' });
		expect(await hooks.settle()).toEqual([]);
		expect(received).toEqual([]);
	});

	it('other status changes are not pushed (as on Composio)', async () => {
		await subscribe();
		for (const status of ['INACTIVE', 'ACTIVE', 'FAILED', 'REVOKED'] as const)
			await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status });
		await harness.del(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`);
		expect(await hooks.settle()).toEqual([]);
	});

	it('a disabled trigger is delivered with the trigger object', async () => {
		const sub = await subscribe();
		const result = await hooks.triggerDisabled({
			connectedAccountId: SEED_ACCOUNTS.aliceGmailWork,
			triggerName: 'GMAIL_NEW_GMAIL_MESSAGE',
			reason: 'Connected account expired',
		});
		expect(result.delivery).toMatchObject({ outcome: 'delivered', type: DISABLED });
		const envelope = JSON.parse(received[0].body);
		expect(envelope).toMatchObject({
			type: DISABLED,
			metadata: { project_id: expect.stringMatching(/^pr_/) },
			data: {
				id: expect.stringMatching(/^ti_/),
				connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
				trigger_name: 'GMAIL_NEW_GMAIL_MESSAGE',
				user_id: 'user_alice',
				trigger_config: {},
				disabled_at: '2026-06-01T09:00:00.000Z',
				disabled_reason: 'Connected account expired',
			},
		});
		const { headers, body } = received[0];
		expect(headers['webhook-signature']).toBe(
			`v1,${sign(sub.secret, headers['webhook-id'], headers['webhook-timestamp'], body)}`,
		);
	});

	it('a trigger message carries the trigger metadata', async () => {
		await subscribe([MESSAGE]);
		const result = await hooks.triggerMessage({
			connectedAccountId: SEED_ACCOUNTS.aliceGmailWork,
			triggerSlug: 'GMAIL_NEW_GMAIL_MESSAGE',
			payload: { subject: 'Hello' },
		});
		expect(result.delivery?.outcome).toBe('delivered');
		expect(JSON.parse(received[0].body)).toMatchObject({
			type: MESSAGE,
			metadata: {
				trigger_slug: 'GMAIL_NEW_GMAIL_MESSAGE',
				connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
				auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
				user_id: 'user_alice',
			},
			data: { subject: 'Hello' },
		});
	});

	it('a redelivery repeats the webhook-id and body with a fresh signature and the next attempt number', async () => {
		const sub = await subscribe();
		answerWith = 503;
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'EXPIRED' });
		const [first] = await hooks.settle();
		expect(first).toMatchObject({ outcome: 'rejected', responseStatus: 503 });
		answerWith = 200;
		const second = await hooks.redeliver(first.deliveryId);
		expect(second).toMatchObject({
			outcome: 'delivered',
			attempt: 2,
			redeliveryOf: first.deliveryId,
			webhookId: first.webhookId,
			body: first.body,
		});
		expect(received[1].headers['webhook-id']).toBe(received[0].headers['webhook-id']);
		expect(received[1].body).toBe(received[0].body);
		expect(received[1].headers['x-composio-delivery-attempt']).toBe('2');
		const { headers, body } = received[1];
		expect(headers['webhook-signature']).toBe(
			`v1,${sign(sub.secret, headers['webhook-id'], headers['webhook-timestamp'], body)}`,
		);
		const third = await hooks.redeliver(second.deliveryId);
		expect(third.attempt).toBe(3);
	});

	it('custom deliveries: tampered, unsigned, stale, other secret, raw body, explicit URL', async () => {
		const sub = await subscribe();
		const tampered = await hooks.deliver({
			data: { id: 'ca_x', status: 'EXPIRED' },
			tamperBody: true,
		});
		const t = received[0];
		expect(tampered.custom).toBe(true);
		expect(t.headers['webhook-signature']).not.toBe(
			`v1,${sign(sub.secret, t.headers['webhook-id'], t.headers['webhook-timestamp'], t.body)}`,
		);

		await hooks.deliver({ omitHeaders: ['webhook-signature'] });
		expect(received[1].headers['webhook-signature']).toBeUndefined();

		await hooks.deliver({ webhookTimestamp: 1_000_000_000 });
		const stale = received[2];
		expect(stale.headers['webhook-timestamp']).toBe('1000000000');
		expect(stale.headers['webhook-signature']).toBe(
			`v1,${sign(sub.secret, stale.headers['webhook-id'], '1000000000', stale.body)}`,
		);

		await hooks.deliver({ secret: 'someone-else' });
		const other = received[3];
		expect(other.headers['webhook-signature']).toBe(
			`v1,${sign('someone-else', other.headers['webhook-id'], other.headers['webhook-timestamp'], other.body)}`,
		);

		await hooks.deliver({
			rawBody: '{"id":"msg_raw"}',
			webhookId: 'msg_raw',
			signature: 'v1,abc v1,def',
		});
		expect(received[4]).toMatchObject({
			body: '{"id":"msg_raw"}',
			headers: { 'webhook-id': 'msg_raw', 'webhook-signature': 'v1,abc v1,def' },
		});

		await hooks.deliver({ url: receiverUrl.replace('/hook', '/elsewhere') });
		expect(received[5].path).toBe('/elsewhere');
		expect((await hooks.deliveries()).every((d) => d.custom)).toBe(true);
	});

	it('records an unreachable receiver as failed; unknown deliveries and bad requests are refused', async () => {
		await subscribe([EXPIRED], 'http://127.0.0.1:9/closed');
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'EXPIRED' });
		const [delivery] = await hooks.settle();
		expect(delivery.outcome).toBe('failed');
		expect(delivery.error).toBeTruthy();
		await expect(hooks.redeliver('dlv_missing')).rejects.toMatchObject({ status: 404 });
		await expect(hooks.triggerDisabled({ connectedAccountId: 'ca_missing' })).rejects.toMatchObject(
			{
				status: 404,
			},
		);
		await hooks.clearDeliveries();
		expect(await hooks.deliveries()).toEqual([]);
	});
});

describe('webhook URLs as Composio takes them (no development switch)', () => {
	const strict = useSandbox();
	const create = (webhook_url: string, version: 'v3' | 'v3.1' = 'v3.1') =>
		strict.post<ErrorWire>(
			'/webhook_subscriptions',
			{ webhook_url, enabled_events: [EXPIRED] },
			{ version },
		);

	it.each([
		'http://127.0.0.1:5678/webhook/abc/webhook',
		'https://127.1.2.3/hook',
		'http://localhost:5678/hook',
		'https://LOCALHOST./hook',
		'https://n8n.localhost/hook',
		'https://[::1]:5678/hook',
		'https://[::ffff:127.0.0.1]/hook',
		'https://[::ffff:10.0.0.1]/hook',
		'https://0.0.0.0/hook',
		'https://2130706433/hook',
		'https://0x7f.0.0.1/hook',
		'https://10.1.2.3/hook',
		'https://172.16.0.9/hook',
		'https://172.31.255.1/hook',
		'https://192.168.1.20/hook',
		'https://169.254.169.254/latest/meta-data',
		'https://100.64.0.1/hook',
		'https://[fc00::1]/hook',
		'https://[fd12:3456::1]/hook',
		'https://[fe80::1]/hook',
		'https://n8n.local/hook',
		'https://n8n.internal/hook',
		'https://router.lan/hook',
		'https://n8n.home.arpa/hook',
		'https://n8n/hook',
	])('refuses %s with 400 and says why', async (url) => {
		for (const version of ['v3', 'v3.1'] as const) {
			const res = await create(url, version);
			expect(res.status).toBe(400);
			expect(res.body.error).toMatchObject({ status: 400, slug: 'HTTP_BadRequest' });
			expect(res.body.error.errors).toEqual([
				expect.stringMatching(/^webhook_url: must be publicly reachable; .+ is a loopback/),
			]);
		}
		expect(await webhookControl(strict.url).subscription()).toBeNull();
	});

	it('accepts public https URLs (172.32.x and 192.169.x are public), refuses private ones on update too', async () => {
		for (const url of ['https://172.32.0.1/hook', 'https://192.169.0.1/hook']) {
			expect((await create(url)).status).toBe(201);
			await strict.control.reset();
		}
		const created = await create('https://n8n.example.com/webhook/abc/webhook');
		expect(created.status).toBe(201);
		const { id } = created.body as unknown as SubscriptionWire;
		const moved = await strict.patch<ErrorWire>(`/webhook_subscriptions/${id}`, {
			webhook_url: 'http://127.0.0.1:5678/hook',
		});
		expect(moved.status).toBe(400);
		expect((await webhookControl(strict.url).subscription())?.webhook_url).toBe(
			'https://n8n.example.com/webhook/abc/webhook',
		);
	});

	it('the development switch is a control setting (reset restores the start-up value)', async () => {
		expect(await strict.control.config()).toMatchObject({ allowPrivateWebhookUrls: false });
		await strict.control.setConfig({ allowPrivateWebhookUrls: true });
		expect((await create('http://127.0.0.1:5678/hook')).status).toBe(201);
		await strict.control.reset();
		expect(await strict.control.config()).toMatchObject({ allowPrivateWebhookUrls: false });
		expect((await create('http://127.0.0.1:5678/hook')).status).toBe(400);
	});
});

describe('status changes that leave updated_at alone (control)', () => {
	it('keepUpdatedAt changes the status without moving updated_at or pushing anything new', async () => {
		const before = await harness.get<{ updated_at: string }>(
			`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`,
		);
		await harness.control.advanceClock(60_000);
		const view = await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGithub, {
			status: 'INACTIVE',
			keepUpdatedAt: true,
		});
		expect(view).toMatchObject({ status: 'INACTIVE' });
		const after = await harness.get<{ status: string; updated_at: string }>(
			`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`,
		);
		expect(after.body).toMatchObject({ status: 'INACTIVE', updated_at: before.body.updated_at });
		await harness.control.setAccountStatus(SEED_ACCOUNTS.aliceGithub, { status: 'ACTIVE' });
		const moved = await harness.get<{ updated_at: string }>(
			`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`,
		);
		expect(moved.body.updated_at).not.toBe(before.body.updated_at);
	});
});
