/**
 * A server that puts the request it received back into its answer — a debugging endpoint behind a
 * wrong Base URL, a proxy error page listing the request headers, an API quoting the key it
 * refused — hands the API key back to n8n. The transport must not carry it on into output items,
 * error messages, descriptions or the answers errors keep.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS } from '../../sandbox/src';
import { Engine } from '../harness/engine';
import type { Server } from '../harness/httpServer';
import { serve } from '../harness/httpServer';
import { CONNECTED_ACCOUNT, EXECUTE_TOOL, locator } from './helpers';

const KEY = 'ak_dummy_echoed_key_8c1e5a9f3b';

let server: Server;
let mode: 'json' | 'envelope' | 'text';

beforeAll(async () => {
	server = await serve((req, res) => {
		const key = String(req.headers['x-api-key']);
		if (mode === 'json') {
			res.json({ id: 'ca_echo1234', status: 'ACTIVE', echo: { headers: req.headers } });
		} else if (mode === 'envelope') {
			res.status(400).json({
				error: {
					message: `Key ${key} refused`,
					suggested_fix: `Check ${key}`,
					errors: [`x-api-key=${key}`],
				},
			});
		} else {
			res
				.status(502)
				.set('Retry-After', '0')
				.type('text')
				.send(`Bad gateway. Request headers: ${JSON.stringify(req.headers)}`);
		}
	});
});

afterAll(async () => {
	await server.close();
});

const engine = () => new Engine({ credentials: { apiKey: KEY, baseUrl: server.url } });

const get = {
	name: 'Get',
	type: CONNECTED_ACCOUNT,
	parameters: {
		operation: 'get',
		connectedAccount: locator(SEED_ACCOUNTS.daveGmail),
		simplify: false,
	},
};

function everything(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v,
	);
}

it('an answer that echoes the request reaches the output without the key', async () => {
	mode = 'json';
	const result = await engine().runNode(get);
	expect(result.status).toBe('success');
	const [account] = result.json('Get');
	expect(account.id).toBe('ca_echo1234');
	expect(((account.echo as IDataObject).headers as IDataObject)['x-api-key']).toBe('[redacted]');
	expect(everything(result.run)).not.toContain(KEY);
});

it.each([
	['an error envelope quoting the key', 'envelope' as const, 'Key [redacted] refused'],
	[
		'a proxy page listing the request headers',
		'text' as const,
		expect.stringContaining('"x-api-key":"[redacted]"'),
	],
])('%s: the error says what came back, without the key', async (_name, which, message) => {
	mode = which;
	for (const node of [
		get,
		{
			name: 'Get',
			type: EXECUTE_TOOL,
			parameters: { tool: locator('GMAIL_GET_PROFILE'), userId: 'user_alice' },
		},
	]) {
		const stopped = await engine().runNode(node);
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toEqual(message);
		expect(everything(stopped.run)).not.toContain(KEY);
		const continued = await engine().runNode({ ...node, onError: 'continueRegularOutput' });
		expect(everything(continued.run)).not.toContain(KEY);
		expect(continued.json('Get')[0].error).toEqual(message);
	}
});
