/**
 * @jest-environment ./test/sdk/native-esm-environment.cjs
 *
 * The package's webhook verification agrees with the official SDK (@composio/core 0.19.0,
 * `composio.triggers.verifyWebhook`) on every vector: what one accepts the other accepts, what one
 * refuses the other refuses. The SDK is only used offline here (verification needs no request).
 */
import { createHmac } from 'crypto';

import { verifyWebhookSignature } from '../../nodes/ComposioTrigger/helpers/webhookSignature';

type Core = typeof import('@composio/core');
declare const __importEsm: (specifier: '@composio/core') => Promise<Core>;

interface Vector {
	name: string;
	secret: string;
	id: string;
	timestamp: string;
	body: string;
	signature: string;
	tolerance: number;
	/** What both implementations must answer. */
	valid: boolean;
}

const sign = (secret: string, id: string, ts: string, body: string) =>
	createHmac('sha256', secret).update(`${id}.${ts}.${body}`).digest('base64');

function vectors(): Vector[] {
	const now = String(Math.floor(Date.now() / 1000));
	const secret = 'whsec_sdk_cross_check';
	const id = 'msg_0f3c1d2e-1111-4aaa-8bbb-123456789abc';
	const body = JSON.stringify({
		id,
		type: 'composio.connected_account.expired',
		timestamp: new Date().toISOString(),
		metadata: { project_id: 'pr_x', org_id: 'ok_x' },
		data: {
			id: 'ca_jnVTfBjp90XM',
			status: 'EXPIRED',
			status_reason: 'Max auth failures reached ✓',
		},
	});
	const good = sign(secret, id, now, body);
	const old = String(Number(now) - 3600);
	const future = String(Number(now) + 3600);
	const base = { secret, id, timestamp: now, body, tolerance: 300, valid: false };
	return [
		{ ...base, name: 'valid', valid: true, signature: `v1,${good}` },
		{
			...base,
			name: 'several signatures',
			valid: true,
			signature: `v1,${sign('x', id, now, body)} v1,${good}`,
		},
		{ ...base, name: 'wrong secret', signature: `v1,${sign('whsec_other', id, now, body)}` },
		{
			...base,
			name: 'tampered body',
			body: body.replace('EXPIRED', 'ACTIVE'),
			signature: `v1,${good}`,
		},
		{ ...base, name: 'other id', id: 'msg_other', signature: `v1,${good}` },
		{ ...base, name: 'no v1 entry', signature: `v2,${good}` },
		{ ...base, name: 'stale', timestamp: old, signature: `v1,${sign(secret, id, old, body)}` },
		{
			...base,
			name: 'stale, tolerance off',
			valid: true,
			timestamp: old,
			signature: `v1,${sign(secret, id, old, body)}`,
			tolerance: 0,
		},
		{
			...base,
			name: 'future',
			timestamp: future,
			signature: `v1,${sign(secret, id, future, body)}`,
		},
		{
			...base,
			name: 'unicode secret',
			valid: true,
			secret: 'sécrêt ☃',
			signature: `v1,${sign('sécrêt ☃', id, now, body)}`,
		},
	];
}

describe('verification agrees with @composio/core', () => {
	let composio: InstanceType<Core['Composio']>;

	beforeAll(async () => {
		const core = await __importEsm('@composio/core');
		composio = new core.Composio({
			apiKey: 'ak_offline',
			baseURL: 'http://127.0.0.1:9',
			allowTracking: false,
			disableVersionCheck: true,
		});
	});

	it.each(vectors().map((v) => [v.name, v] as const))('%s', async (_name, v) => {
		let sdkValid = true;
		try {
			await composio.triggers.verifyWebhook({
				id: v.id,
				timestamp: v.timestamp,
				signature: v.signature,
				payload: v.body,
				secret: v.secret,
				tolerance: v.tolerance,
			});
		} catch {
			sdkValid = false;
		}
		const ours = verifyWebhookSignature({
			id: v.id,
			timestamp: v.timestamp,
			signature: v.signature,
			body: Buffer.from(v.body, 'utf8'),
			secret: v.secret,
			toleranceSeconds: v.tolerance,
		});
		expect(sdkValid).toBe(v.valid);
		expect(ours.valid).toBe(v.valid);
	});
});
