/**
 * Webhook signature verification and delivery receipt at their edges (issue 17): at most 16
 * `webhook-signature` entries looked at, a missing or empty body, timestamps with spaces, the
 * tolerance in both directions to the second, the delivery-id store (TTL, bound, writes only when
 * new) and the item a delivery becomes. Signatures are computed with Node's crypto, not the package.
 */
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import {
	alreadyReceived,
	CARRIED_DELIVERIES_KEY,
	recordDeliveries,
	SEEN_DELIVERIES_MAX,
	SEEN_DELIVERIES_TTL_SECONDS,
	webhookEventItem,
} from '../../nodes/ComposioTrigger/helpers/webhookEvents';
import {
	DEFAULT_TOLERANCE_SECONDS,
	parseSignatureHeader,
	verifyWebhookSignature,
	WEBHOOK_HEADERS,
} from '../../nodes/ComposioTrigger/helpers/webhookSignature';

const SECRET = 'whsec_unit_secret';
const ID = 'msg_unit';
const TS = '1780304400';
const NOW = Number(TS) * 1000;
const BODY = '{"type":"composio.connected_account.expired"}';

function sign(timestamp = TS, body = BODY, id = ID): string {
	return createHmac('sha256', SECRET).update(`${id}.${timestamp}.`).update(body).digest('base64');
}

function verify(overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) {
	return verifyWebhookSignature({
		id: ID,
		timestamp: TS,
		signature: `v1,${sign()}`,
		body: BODY,
		secret: SECRET,
		nowMs: NOW,
		...overrides,
	});
}

const junk = (n: number) => Array.from({ length: n }, (_, i) => `v1,${'A'.repeat(43)}${i % 10}`);

describe('webhook-signature entries', () => {
	it('the 16th entry is checked, the 17th is not', () => {
		expect(verify({ signature: [...junk(15), `v1,${sign()}`].join(' ') })).toEqual({
			valid: true,
			id: ID,
			timestamp: Number(TS),
		});
		expect(verify({ signature: [...junk(16), `v1,${sign()}`].join(' ') })).toEqual({
			valid: false,
			reason: 'mismatch',
			message: 'The signature does not match: the secret is wrong or the body was changed',
		});
		expect(parseSignatureHeader([...junk(20)].join(' '))).toHaveLength(16);
	});

	it('entries split on any whitespace; only non-empty v1 values count', () => {
		expect(parseSignatureHeader(' v1,a \t v1,b\nv2,c v1, ,d v1 x,y v1,e,f ')).toEqual([
			'a',
			'b',
			'e,f',
		]);
		expect(parseSignatureHeader('')).toEqual([]);
		expect(verify({ signature: `v2,${sign()}` })).toMatchObject({ reason: 'no_v1_signature' });
		expect(verify({ signature: `,${sign()}` })).toMatchObject({ reason: 'no_v1_signature' });
	});

	it('a match anywhere among the entries is enough; a prefix of the signature is not', () => {
		expect(verify({ signature: `v1,${sign()} v1,bad` })).toMatchObject({ valid: true });
		expect(verify({ signature: `v1,${sign().slice(0, 43)}` })).toMatchObject({
			reason: 'mismatch',
		});
		expect(verify({ signature: `v1,${sign()}x` })).toMatchObject({ reason: 'mismatch' });
	});
});

describe('the body', () => {
	it.each([
		['missing', undefined],
		['an empty string', ''],
		['an empty buffer', Buffer.alloc(0)],
	])('%s: refused before any signature is computed', (_what, body) => {
		expect(verify({ body })).toEqual({
			valid: false,
			reason: 'empty_body',
			message: 'The delivery has no body',
		});
	});

	it('the raw bytes are signed: a Buffer and the same text verify alike; one byte more does not', () => {
		expect(verify({ body: Buffer.from(BODY, 'utf8') })).toMatchObject({ valid: true });
		expect(verify({ body: `${BODY} ` })).toMatchObject({ reason: 'mismatch' });
	});
});

describe('webhook-timestamp', () => {
	it('spaces inside the number are malformed; around it they are dropped', () => {
		expect(verify({ timestamp: '1780 304400' })).toEqual({
			valid: false,
			reason: 'malformed_timestamp',
			message: 'The webhook-timestamp header is not a Unix time in seconds',
		});
		expect(verify({ timestamp: ` ${TS}\t` })).toMatchObject({ valid: true, timestamp: Number(TS) });
		expect(verify({ timestamp: '   ' })).toMatchObject({ reason: 'missing_timestamp' });
	});

	it('1 to 12 digits', () => {
		expect(verify({ timestamp: '1'.repeat(13), toleranceSeconds: 0 })).toMatchObject({
			reason: 'malformed_timestamp',
		});
		const twelve = '1'.repeat(12);
		expect(
			verify({ timestamp: twelve, signature: `v1,${sign(twelve)}`, toleranceSeconds: 0 }),
		).toMatchObject({ valid: true, timestamp: Number(twelve) });
		expect(
			verify({ timestamp: '7', signature: `v1,${sign('7')}`, toleranceSeconds: 0 }),
		).toMatchObject({ valid: true, timestamp: 7 });
	});

	it('exactly the tolerance is accepted in both directions; one second more is not', () => {
		expect(DEFAULT_TOLERANCE_SECONDS).toBe(300);
		expect(verify({ nowMs: NOW + 300_000 })).toMatchObject({ valid: true });
		expect(verify({ nowMs: NOW - 300_000 })).toMatchObject({ valid: true });
		expect(verify({ nowMs: NOW + 301_000 })).toEqual({
			valid: false,
			reason: 'stale',
			message: 'The delivery is 301 s old; at most 300 s are accepted',
		});
		expect(verify({ nowMs: NOW - 301_000 })).toEqual({
			valid: false,
			reason: 'future',
			message: 'The delivery is dated 301 s in the future; at most 300 s are accepted',
		});
		expect(verify({ nowMs: NOW + 11_000, toleranceSeconds: 10 })).toMatchObject({
			reason: 'stale',
			message: 'The delivery is 11 s old; at most 10 s are accepted',
		});
	});

	it('checks come in order: id, timestamp, signature, secret, body, then the rest', () => {
		expect(verify({ id: undefined, timestamp: undefined })).toMatchObject({ reason: 'missing_id' });
		expect(verify({ timestamp: undefined, signature: undefined })).toMatchObject({
			reason: 'missing_timestamp',
		});
		expect(verify({ signature: '  ', secret: undefined })).toMatchObject({
			reason: 'missing_signature',
		});
		expect(verify({ secret: undefined, body: '' })).toEqual({
			valid: false,
			reason: 'missing_secret',
			message: 'No signing secret is configured',
		});
		expect(verify({ body: '', timestamp: 'x' })).toMatchObject({ reason: 'empty_body' });
		expect(verify({ timestamp: 'x', signature: 'v2,x' })).toMatchObject({
			reason: 'malformed_timestamp',
		});
		expect(verify({ nowMs: NOW + 999_000, signature: 'v2,x' })).toMatchObject({ reason: 'stale' });
		expect(verify({ id: ` ${ID} ` })).toMatchObject({ valid: true, id: ID });
		expect(WEBHOOK_HEADERS).toEqual({
			id: 'webhook-id',
			timestamp: 'webhook-timestamp',
			signature: 'webhook-signature',
			version: 'x-composio-webhook-version',
			attempt: 'x-composio-delivery-attempt',
		});
	});
});

describe('delivery ids (receipt)', () => {
	it('a recorded id is known; anything else in the store is not', () => {
		const data = { seenDeliveries: { a: 1, b: 'x' } };
		expect(alreadyReceived(data, 'a')).toBe(true);
		expect(alreadyReceived(data, 'b')).toBe(false);
		expect(alreadyReceived(data, 'c')).toBe(false);
		expect(alreadyReceived({ seenDeliveries: ['a'] }, '0')).toBe(false);
		expect(alreadyReceived({}, 'a')).toBe(false);
	});

	it('records only new ids, once each, and writes nothing when none is new', () => {
		const data: IDataObject = { other: 1, seenDeliveries: { a: 100 } };
		expect(recordDeliveries(data, ['a'], 200)).toBe(false);
		expect(data).toEqual({ other: 1, seenDeliveries: { a: 100 } });
		expect(recordDeliveries(data, ['b', 'b', 'a'], 200)).toBe(true);
		expect(data).toEqual({ other: 1, seenDeliveries: { a: 100, b: 200 } });
		expect(recordDeliveries(data, [], 200)).toBe(false);
	});

	it('drops ids older than the TTL (exactly the TTL is kept) and non-numbers', () => {
		const now = 1_000_000;
		const data: IDataObject = {
			seenDeliveries: {
				old: now - SEEN_DELIVERIES_TTL_SECONDS - 1,
				edge: now - SEEN_DELIVERIES_TTL_SECONDS,
				junk: 'x',
			},
		};
		expect(SEEN_DELIVERIES_TTL_SECONDS).toBe(86400);
		recordDeliveries(data, ['new'], now);
		expect(data.seenDeliveries).toEqual({ edge: now - SEEN_DELIVERIES_TTL_SECONDS, new: now });
	});

	it(`keeps the newest ${SEEN_DELIVERIES_MAX}, evicting the oldest`, () => {
		expect(SEEN_DELIVERIES_MAX).toBe(500);
		const seen: Record<string, number> = {};
		for (let i = 0; i < SEEN_DELIVERIES_MAX; i++) seen[`id${i}`] = 1000;
		const data: IDataObject = { seenDeliveries: seen };
		recordDeliveries(data, ['latest'], 1001);
		const ids = Object.keys(data.seenDeliveries as object);
		expect(ids).toHaveLength(SEEN_DELIVERIES_MAX);
		expect(ids[0]).toBe('id1');
		expect(ids[ids.length - 1]).toBe('latest');
	});
});

describe('delivery ids carried from webhook() to execute()', () => {
	it('the field that carries them keeps its name', () => {
		// Main (webhook) and a queue-mode worker (execute) may run different versions of the package
		// during an upgrade: a renamed field would drop the carried ids and show up in the output.
		expect(CARRIED_DELIVERIES_KEY).toBe('__composioSeenDeliveries');
	});

	it('an id both the webhook and this context saw keeps its later time, so its TTL runs from it', () => {
		const now = 1_000_000;
		const early = now - SEEN_DELIVERIES_TTL_SECONDS + 10;
		const late = now - 5;
		for (const [carried, current] of [
			[{ a: early }, { a: late }],
			[{ a: late }, { a: early }],
		]) {
			const data: IDataObject = { seenDeliveries: current };
			recordDeliveries(data, ['b'], now, carried);
			expect(data.seenDeliveries).toEqual({ a: late, b: now });
			// Past the early time's TTL, the redelivery of "a" is still recognised.
			recordDeliveries(data, ['c'], now + 20);
			expect(alreadyReceived(data, 'a')).toBe(true);
		}
	});

	it('the bound evicts the oldest by time, whichever side saw them', () => {
		const carried: Record<string, number> = {};
		for (let i = 0; i < SEEN_DELIVERIES_MAX; i++) carried[`new${i}`] = 2000 + i;
		const current: Record<string, number> = {};
		for (let i = 0; i < 10; i++) current[`old${i}`] = 1000 + i;
		const data: IDataObject = { seenDeliveries: current };
		recordDeliveries(data, ['latest'], 3000, carried);
		const ids = Object.keys(data.seenDeliveries as object);
		expect(ids).toHaveLength(SEEN_DELIVERIES_MAX);
		expect(ids.filter((id) => id.startsWith('old'))).toEqual([]);
		expect(ids.slice(0, 2)).toEqual(['new1', 'new2']);
		expect(ids[ids.length - 1]).toBe('latest');
		for (const id of ['old0', 'old9', 'new0']) expect(alreadyReceived(data, id)).toBe(false);
	});
});

describe('the item a delivery becomes', () => {
	const delivery = { webhookId: 'msg_1', attempt: 2 };

	it('an expiry: the account flattened beside the raw object; missing fields are null', () => {
		const data = {
			id: 'ca_1',
			user_id: 'u',
			toolkit: { slug: 'gmail' },
			auth_config: { id: 'ac_1' },
			alias: '',
			status: 'EXPIRED',
		};
		expect(
			webhookEventItem(
				{
					type: 'composio.connected_account.expired',
					timestamp: 't',
					metadata: { m: 1 },
					data,
				},
				delivery,
			),
		).toEqual({
			event: 'composio.connected_account.expired',
			webhook_id: 'msg_1',
			timestamp: 't',
			delivery_attempt: 2,
			account_id: 'ca_1',
			user_id: 'u',
			toolkit: 'gmail',
			auth_config_id: 'ac_1',
			alias: null,
			status: 'EXPIRED',
			status_reason: null,
			metadata: { m: 1 },
			account: data,
		});
		expect(
			webhookEventItem(
				{ type: 'composio.connected_account.expired', data: { toolkit: 'x', auth_config: [] } },
				delivery,
			),
		).toMatchObject({ toolkit: null, auth_config_id: null, account_id: null, timestamp: null });
	});

	it('a disabled trigger and a trigger message name their own fields', () => {
		expect(
			webhookEventItem(
				{
					type: 'composio.trigger.disabled',
					data: {
						id: 'ti_1',
						trigger_name: 'GMAIL_NEW',
						connected_account_id: 'ca_1',
						user_id: 'u',
						disabled_reason: 'r',
						disabled_at: 'd',
					},
				},
				delivery,
			),
		).toMatchObject({
			trigger_id: 'ti_1',
			trigger_name: 'GMAIL_NEW',
			connected_account_id: 'ca_1',
			user_id: 'u',
			disabled_reason: 'r',
			disabled_at: 'd',
			metadata: {},
			trigger: expect.any(Object),
		});
		expect(
			webhookEventItem(
				{
					type: 'composio.trigger.message',
					metadata: {
						trigger_slug: 'S',
						trigger_id: 'ti_2',
						connected_account_id: 'ca_2',
						user_id: 'v',
					},
					data: { x: 1 },
				},
				{ webhookId: 'msg_2', attempt: null },
			),
		).toEqual({
			event: 'composio.trigger.message',
			webhook_id: 'msg_2',
			timestamp: null,
			delivery_attempt: null,
			trigger_slug: 'S',
			trigger_id: 'ti_2',
			connected_account_id: 'ca_2',
			user_id: 'v',
			metadata: expect.any(Object),
			data: { x: 1 },
		});
	});

	it('any other event: its type (or "unknown"), metadata and data only', () => {
		expect(webhookEventItem({ type: 'x.y', data: [1], metadata: 'm' }, delivery)).toEqual({
			event: 'x.y',
			webhook_id: 'msg_1',
			timestamp: null,
			delivery_attempt: 2,
			metadata: {},
			data: {},
		});
		expect(webhookEventItem({ type: '' }, delivery).event).toBe('unknown');
	});
});

describe('edges the first mutation run found untested', () => {
	const sixteen = Array.from({ length: 16 }, (_, i) => `v1,sig${i}`);

	it('spaces around or between entries take none of the 16 places', () => {
		expect(parseSignatureHeader(`  ${sixteen.join(' ')}`)).toHaveLength(16);
		expect(parseSignatureHeader(sixteen.join('   '))).toHaveLength(16);
	});

	it('an entry without a comma is no entry, whatever it starts with', () => {
		expect(parseSignatureHeader('v1x v1 v1,')).toEqual([]);
	});

	it('each missing header is named in the message', () => {
		expect(verify({ id: undefined })).toMatchObject({
			message: 'The webhook-id header is missing',
		});
		expect(verify({ timestamp: undefined })).toMatchObject({
			message: 'The webhook-timestamp header is missing',
		});
		expect(verify({ signature: undefined })).toMatchObject({
			message: 'The webhook-signature header is missing',
		});
		expect(verify({ signature: 'v2,x' })).toMatchObject({
			message: 'The webhook-signature header has no "v1,<signature>" entry',
		});
	});

	it('null data and metadata are empty objects, not a crash', () => {
		expect(
			webhookEventItem(
				{ type: 'composio.connected_account.expired', data: null, metadata: null },
				{ webhookId: 'm', attempt: null },
			),
		).toMatchObject({ account_id: null, metadata: {}, account: {} });
	});

	it('a stored time that is not a number (even numeric text) is dropped', () => {
		const data: IDataObject = { seenDeliveries: { text: '999999', ok: 999999 } };
		recordDeliveries(data, ['new'], 1_000_000);
		expect(data.seenDeliveries).toEqual({ ok: 999999, new: 1_000_000 });
	});
});
