/**
 * The foundation through n8n's own engine: the credential test (the nodes' `testedBy` function, as
 * n8n's CredentialsTester calls it) and Connected Account → Get Many, against the sandbox over real HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS } from '../../sandbox/src';
import { SIMPLIFIED_ACCOUNT_KEYS, connectedAccountNode } from '../harness/builders';
import { servePage } from '../harness/credentialTest';
import { Engine } from '../harness/engine';
import { useSandboxSuite } from '../harness/sandboxSuite';

const suite = useSandboxSuite();

function getMany(parameters: IDataObject) {
	return connectedAccountNode('getAll', parameters, 'Get Many');
}

describe('credential test (as n8n runs it)', () => {
	it('passes with the project key, and tolerates a trailing slash or a pasted /api/v3.1', async () => {
		for (const baseUrl of [
			suite.sandbox.url,
			`${suite.sandbox.url}/`,
			`${suite.sandbox.url}/api/v3.1/`,
			` ${suite.sandbox.url}/api/v3 `,
		]) {
			expect(await suite.engine.testCredential({ apiKey: suite.sandbox.apiKey, baseUrl })).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
		}
		const [request] = await suite.control.requests(1);
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/v3.1/auth_configs',
			rawQuery: 'limit=1',
		});
		expect(request.credentialHeaders).toEqual(['x-api-key']);
	});

	it('fails on a wrong key', async () => {
		const result = await suite.engine.testCredential({
			apiKey: 'ak_wrong',
			baseUrl: suite.sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'Composio rejected the API key. Check the API key in the Composio API credential; keys belong to one project.',
		);
		expect(result.message).toContain('HTTP 401');
	});

	it('fails on a base URL that is not a Composio API, even when it answers 200', async () => {
		const page = await servePage();
		try {
			const result = await suite.engine.testCredential({
				apiKey: suite.sandbox.apiKey,
				baseUrl: page.url,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toContain(
				'with HTTP 200 and a text/html page that is not JSON, so it is not the Composio API',
			);
		} finally {
			await page.close();
		}
	});

	it('fails clearly on a base URL without http(s)', async () => {
		const result = await suite.engine.testCredential({
			apiKey: suite.sandbox.apiKey,
			baseUrl: 'backend.composio.dev',
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'The Base URL must start with http:// or https:// (got "backend.composio.dev").\nSet Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).',
		});
	});
});

describe('Connected Account → Get Many', () => {
	it('lists a user’s ACTIVE accounts, sending filters comma-joined with the API key header', async () => {
		const result = await suite.engine.runNode(
			getMany({
				returnAll: true,
				filters: { userIds: 'user_alice, user_bob', statuses: ['ACTIVE'] },
			}),
		);
		expect(result.status).toBe('success');
		const accounts = result.json('Get Many');
		expect(accounts.map((a) => a.id).sort()).toEqual(
			[
				SEED_ACCOUNTS.aliceGmailWork,
				SEED_ACCOUNTS.aliceGmailPersonal,
				SEED_ACCOUNTS.aliceGithub,
				SEED_ACCOUNTS.aliceTavily,
				SEED_ACCOUNTS.bobGithub,
				SEED_ACCOUNTS.bobSlackAcme,
				SEED_ACCOUNTS.bobSlackSide,
			].sort(),
		);
		expect(accounts.every((a) => a.status === 'ACTIVE')).toBe(true);
		expect(Object.keys(accounts[0]).sort()).toEqual(SIMPLIFIED_ACCOUNT_KEYS);
		expect(result.output('Get Many').every((item) => item.pairedItem !== undefined)).toBe(true);
		const [request] = await suite.control.requests(1);
		expect(request.path).toBe('/api/v3.1/connected_accounts');
		expect(request.query).toEqual({
			user_ids: ['user_alice,user_bob'],
			statuses: ['ACTIVE'],
			order_by: ['created_at'],
			order_direction: ['desc'],
			limit: ['100'],
		});
		expect(request.credentialHeaders).toEqual(['x-api-key']);
	});

	it('Return All walks every page; Limit stops there, fetching no page more than it needs', async () => {
		await suite.control.bulkCreateAccounts({
			count: 250,
			userId: 'user_many',
			toolkit: 'gmail',
			createdAtStepMs: 1000,
		});
		const all = await suite.engine.runNode(
			getMany({ returnAll: true, filters: { userIds: 'user_many' } }),
		);
		expect(all.json('Get Many')).toHaveLength(250);
		expect(new Set(all.json('Get Many').map((a) => a.id)).size).toBe(250);
		const pages = (await suite.control.requests(10)).filter(
			(r) => r.path === '/api/v3.1/connected_accounts',
		);
		expect(pages.map((r) => [r.query.limit?.[0], r.query.cursor ? 'cursor' : 'first'])).toEqual([
			['100', 'first'],
			['100', 'cursor'],
			['100', 'cursor'],
		]);

		await suite.control.clearRequests();
		const limited = await suite.engine.runNode(
			getMany({ returnAll: false, limit: 120, filters: { userIds: 'user_many' } }),
		);
		expect(limited.json('Get Many')).toHaveLength(120);
		const limitedPages = (await suite.control.requests(10)).filter(
			(r) => r.path === '/api/v3.1/connected_accounts',
		);
		// Cursors encode page and size, so the size stays fixed: 2 × 60, not 100 + 20.
		expect(limitedPages.map((r) => r.query.limit?.[0])).toEqual(['60', '60']);
		expect(limited.json('Get Many').map((a) => a.id)).toEqual(
			all
				.json('Get Many')
				.slice(0, 120)
				.map((a) => a.id),
		);
	});

	it('runs once per input item, with expressions, each output paired with its input', async () => {
		const result = await suite.engine.runNode(
			getMany({ returnAll: true, filters: { userIds: '={{ $json.user }}', statuses: ['ACTIVE'] } }),
			[{ json: { user: 'user_bob' } }, { json: { user: 'user_dave' } }],
		);
		const output = result.output('Get Many');
		expect(output.map((item) => [item.json.user_id, item.pairedItem])).toEqual([
			['user_bob', { item: 0 }],
			['user_bob', { item: 0 }],
			['user_bob', { item: 0 }],
			['user_dave', { item: 1 }],
		]);
	});

	it('raw output keeps the API object', async () => {
		const result = await suite.engine.runNode(
			getMany({
				returnAll: false,
				limit: 1,
				simplify: false,
				filters: { connectedAccountIds: SEED_ACCOUNTS.aliceGmailWork },
			}),
		);
		const [account] = result.json('Get Many');
		expect(account).toMatchObject({
			id: SEED_ACCOUNTS.aliceGmailWork,
			user_id: 'user_alice',
			toolkit: { slug: 'gmail' },
			status: 'ACTIVE',
			alias: 'work',
		});
		expect(account.state).toBeDefined();
	});

	it('a wrong API key fails the run with Composio’s message; with Continue, every input yields an error item', async () => {
		const wrong = new Engine({ credentials: { apiKey: 'ak_wrong', baseUrl: suite.sandbox.url } });
		const failed = await wrong.runNode(getMany({ returnAll: true }));
		expect(failed.status).toBe('error');
		expect(failed.error?.httpCode).toBe('401');
		expect(failed.error?.description).toContain('Check the API key');
		expect(JSON.stringify(failed.run)).not.toContain(suite.sandbox.apiKey);

		const continued = await wrong.runNode(
			{ ...getMany({ returnAll: true }), onError: 'continueRegularOutput' },
			[{ json: {} }, { json: {} }],
		);
		expect(continued.status).toBe('success');
		expect(
			continued.output('Get Many').map((item) => [Boolean(item.json.error), item.pairedItem]),
		).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
	});

	it('with "Continue (using error output)" failed items leave on the error output, paired', async () => {
		const result = await suite.engine.runNode(
			{
				...getMany({ returnAll: true, filters: { statuses: '={{ $json.status }}' } }),
				onError: 'continueErrorOutput',
			},
			[{ json: { status: 'ACTIVE' } }, { json: { status: 'SLEEPING' } }],
		);
		expect(result.status).toBe('success');
		const ok = result.output('Get Many', 0);
		const failed = result.output('Get Many', 1);
		expect(ok.length).toBeGreaterThan(0);
		expect(ok.every((item) => item.json.status === 'ACTIVE' && item.pairedItem !== undefined)).toBe(
			true,
		);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			error: 'Filters → Statuses: "SLEEPING" is not a connected account status',
		});
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	it('bad filter input is refused before any request, naming the field', async () => {
		const result = await suite.engine.runNode(
			getMany({ returnAll: true, filters: { statuses: ['ACTIVE', 'SLEEPING'] } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Filters → Statuses: "SLEEPING" is not a connected account status',
		);
		expect(await suite.control.requests(5)).toEqual([]);
	});
});
