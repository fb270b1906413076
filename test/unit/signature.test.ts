/**
 * Webhook signature vectors: Composio's scheme (HMAC-SHA256 over `id.timestamp.rawBody`, key = the
 * secret's UTF-8 bytes, base64, `v1,<sig>` entries) checked against values computed outside this
 * package (Python's hmac) and by Node's crypto directly, plus every way a delivery can be refused.
 */
import { createHmac } from 'crypto';

import {
	computeWebhookSignature,
	DEFAULT_TOLERANCE_SECONDS,
	parseSignatureHeader,
	verifyWebhookSignature,
} from '../../nodes/ComposioTrigger/helpers/webhookSignature';

const SECRET = 'whsec_c2VjcmV0';
const ID = 'msg_8c1f2a8e-3b7d-4c2e-9f10-5a6b7c8d9e0f';
const TS = '1780304400'; // 2026-06-01T09:00:00Z
const NOW = 1780304400 * 1000;
const BODY =
	'{"id":"msg_8c1f2a8e-3b7d-4c2e-9f10-5a6b7c8d9e0f","type":"composio.connected_account.expired","timestamp":"2026-06-01T09:00:00.000Z","metadata":{"project_id":"pr_demo","org_id":"ok_demo"},"data":{"id":"ca_jnVTfBjp90XM","status":"EXPIRED","note":"café ✓"}}';
/** python3: base64(hmac.new(secret.encode('utf-8'), f'{id}.{ts}.'.encode() + body.encode('utf-8'), sha256)) */
const PYTHON_SIGNATURE = 'S0Bb+Z9yPQYhHm94Y/7Y241abfHpSB/qhvU4Wju/l1w=';

function sign(secret: string, id: string, ts: string, body: string | Buffer): string {
	return createHmac('sha256', secret).update(`${id}.${ts}.`).update(body).digest('base64');
}

function verify(overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) {
	return verifyWebhookSignature({
		id: ID,
		timestamp: TS,
		signature: `v1,${PYTHON_SIGNATURE}`,
		body: Buffer.from(BODY, 'utf8'),
		secret: SECRET,
		nowMs: NOW,
		...overrides,
	});
}

describe('computeWebhookSignature', () => {
	it('matches an HMAC computed by Python over the same bytes (UTF-8 body, whsec_ key used as-is)', () => {
		expect(computeWebhookSignature(SECRET, ID, TS, BODY)).toBe(PYTHON_SIGNATURE);
		expect(computeWebhookSignature(SECRET, ID, Number(TS), Buffer.from(BODY, 'utf8'))).toBe(
			PYTHON_SIGNATURE,
		);
	});

	it('uses the secret string’s UTF-8 bytes as the key (no base64 decoding)', () => {
		expect(computeWebhookSignature('sécrêt-☃', 'msg_1', TS, '{"a":1}')).toBe(
			'Uq8uqON1uwKXE72V7DaZQWTZJNHmZ3cD/kjiZtbZtfI=',
		);
		const decodedKey = createHmac('sha256', Buffer.from('c2VjcmV0', 'base64'))
			.update(`${ID}.${TS}.${BODY}`)
			.digest('base64');
		expect(computeWebhookSignature(SECRET, ID, TS, BODY)).not.toBe(decodedKey);
	});

	it('signs the raw bytes, so binary and re-serialised bodies differ', () => {
		const raw = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0x7d]);
		expect(computeWebhookSignature(SECRET, ID, TS, raw)).toBe(sign(SECRET, ID, TS, raw));
		const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
		expect(computeWebhookSignature(SECRET, ID, TS, reserialised)).not.toBe(PYTHON_SIGNATURE);
	});
});

describe('parseSignatureHeader', () => {
	it('keeps only v1 entries, split on any whitespace', () => {
		expect(parseSignatureHeader('v1,abc  v2,def\tv1,ghi v1, ,xyz v1')).toEqual(['abc', 'ghi']);
		expect(parseSignatureHeader('')).toEqual([]);
	});
});

describe('verifyWebhookSignature', () => {
	it('accepts a valid delivery and returns its id and timestamp', () => {
		expect(verify()).toEqual({ valid: true, id: ID, timestamp: 1780304400 });
		expect(verify({ body: BODY })).toMatchObject({ valid: true });
	});

	it('accepts a header with several signatures when any v1 entry matches (key rotation)', () => {
		const old = sign('whsec_old_secret', ID, TS, BODY);
		expect(verify({ signature: `v1,${old} v1,${PYTHON_SIGNATURE}` })).toMatchObject({
			valid: true,
		});
		expect(verify({ signature: `v1a,${PYTHON_SIGNATURE} v1,${PYTHON_SIGNATURE}` })).toMatchObject({
			valid: true,
		});
		expect(verify({ signature: `v2,${PYTHON_SIGNATURE}` })).toMatchObject({
			valid: false,
			reason: 'no_v1_signature',
		});
	});

	it('refuses a wrong secret', () => {
		const result = verify({ secret: 'whsec_someone_else' });
		expect(result).toMatchObject({ valid: false, reason: 'mismatch' });
	});

	it('refuses a tampered body, id or timestamp', () => {
		expect(verify({ body: BODY.replace('EXPIRED', 'ACTIVE') })).toMatchObject({
			reason: 'mismatch',
		});
		expect(verify({ body: `${BODY} ` })).toMatchObject({ reason: 'mismatch' });
		expect(verify({ id: 'msg_other' })).toMatchObject({ reason: 'mismatch' });
		const later = String(Number(TS) + 1);
		expect(verify({ timestamp: later })).toMatchObject({ reason: 'mismatch' });
	});

	it('refuses a truncated or padded signature without throwing', () => {
		expect(verify({ signature: `v1,${PYTHON_SIGNATURE.slice(0, -2)}` })).toMatchObject({
			reason: 'mismatch',
		});
		expect(verify({ signature: `v1,${PYTHON_SIGNATURE}AA` })).toMatchObject({
			reason: 'mismatch',
		});
		expect(verify({ signature: 'v1,' + 'é'.repeat(22) })).toMatchObject({ reason: 'mismatch' });
	});

	it('refuses stale and future timestamps beyond the tolerance, accepts them at the edge', () => {
		const at = (offsetSeconds: number) => {
			const ts = String(Number(TS) + offsetSeconds);
			return verify({ timestamp: ts, signature: `v1,${sign(SECRET, ID, ts, BODY)}` });
		};
		expect(DEFAULT_TOLERANCE_SECONDS).toBe(300);
		expect(at(-300)).toMatchObject({ valid: true });
		expect(at(300)).toMatchObject({ valid: true });
		expect(at(-301)).toMatchObject({ valid: false, reason: 'stale' });
		expect(at(301)).toMatchObject({ valid: false, reason: 'future' });
		expect(at(-86400)).toMatchObject({
			reason: 'stale',
			message: expect.stringContaining('86400 s old'),
		});
	});

	it('applies a configured tolerance; 0 turns the time check off (as the SDK does)', () => {
		const ts = String(Number(TS) - 120);
		const signature = `v1,${sign(SECRET, ID, ts, BODY)}`;
		expect(verify({ timestamp: ts, signature, toleranceSeconds: 60 })).toMatchObject({
			reason: 'stale',
		});
		expect(verify({ timestamp: ts, signature, toleranceSeconds: 600 })).toMatchObject({
			valid: true,
		});
		const ancient = '1000000000';
		expect(
			verify({
				timestamp: ancient,
				signature: `v1,${sign(SECRET, ID, ancient, BODY)}`,
				toleranceSeconds: 0,
			}),
		).toMatchObject({ valid: true });
	});

	it.each([
		['webhook-id', { id: undefined }, 'missing_id'],
		['webhook-id (blank)', { id: '  ' }, 'missing_id'],
		['webhook-timestamp', { timestamp: undefined }, 'missing_timestamp'],
		['webhook-signature', { signature: undefined }, 'missing_signature'],
		['webhook-signature (blank)', { signature: '' }, 'missing_signature'],
		['the secret', { secret: '' }, 'missing_secret'],
		['the body', { body: Buffer.alloc(0) }, 'empty_body'],
	])('refuses a delivery without %s', (_what, overrides, reason) => {
		expect(verify(overrides)).toMatchObject({ valid: false, reason });
	});

	it.each(['17803044.00', '1780304400ms', '-1780304400', 'Mon, 01 Jun 2026 09:00:00 GMT', '1e9'])(
		'refuses a timestamp that is not whole Unix seconds (%s)',
		(timestamp) => {
			expect(verify({ timestamp })).toMatchObject({ valid: false, reason: 'malformed_timestamp' });
		},
	);

	it('never puts the secret or the expected signature into its messages', () => {
		const marker = 'whsec_VERY_SECRET_VALUE_123';
		const cases = [
			verify({ secret: marker }),
			verify({ secret: marker, timestamp: '1' }),
			verify({ secret: marker, signature: 'v9,x' }),
			verify({ secret: marker, body: '' }),
		];
		const expected = computeWebhookSignature(marker, ID, TS, BODY);
		for (const result of cases) {
			expect(result.valid).toBe(false);
			const text = JSON.stringify(result);
			expect(text).not.toContain(marker);
			expect(text).not.toContain(expected);
		}
	});
});
