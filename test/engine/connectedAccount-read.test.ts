/**
 * Connected Account, reading: Get Many (every filter, sort, pages), Get, Get Credentials (masked and
 * unmasked) and the list-search methods, through n8n's engine against the sandbox over real HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { byId, connectedAccountNode as node } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const A = SEED_ACCOUNTS;

const suite = useSandboxSuite();

async function listRequests() {
	return (await suite.control.requests(50)).filter(
		(r) => r.path === '/api/v3.1/connected_accounts',
	);
}

describe('Get Many', () => {
	const ids = (rows: IDataObject[]) => rows.map((r) => r.id as string).sort();

	it('filters by status, including INACTIVE and REVOKED', async () => {
		const result = await suite.engine.runNode(
			node('getAll', { returnAll: true, filters: { statuses: ['INACTIVE', 'REVOKED'] } }),
		);
		expect(result.status).toBe('success');
		expect(ids(result.json('Account'))).toEqual(
			[A.aliceSlackInactive, A.carolSlackRevoked, A.daveSlackLegacy, A.carolTavilyInactive].sort(),
		);
		const [request] = await listRequests();
		expect(request.rawQuery).toContain('statuses=INACTIVE%2CREVOKED');
	});

	it('filters by toolkit and by auth config', async () => {
		const toolkit = await suite.engine.runNode(
			node('getAll', { returnAll: true, filters: { toolkitSlugs: ['tavily'] } }),
		);
		expect(ids(toolkit.json('Account'))).toEqual([A.aliceTavily, A.carolTavilyInactive].sort());

		const authConfig = await suite.engine.runNode(
			node('getAll', {
				returnAll: true,
				filters: { authConfigIds: [SEED_AUTH_CONFIGS.gmailCustom] },
			}),
		);
		expect(ids(authConfig.json('Account'))).toEqual([A.carolGmailMain]);

		const requests = await listRequests();
		expect(requests.map((r) => [r.query.toolkit_slugs, r.query.auth_config_ids])).toEqual([
			[['tavily'], undefined],
			[undefined, [SEED_AUTH_CONFIGS.gmailCustom]],
		]);
	});

	it('filters by account IDs given as a list from an expression, combined with a user', async () => {
		const result = await suite.engine.runNode(
			node('getAll', {
				returnAll: true,
				filters: { connectedAccountIds: '={{ $json.ids }}', userIds: 'user_alice' },
			}),
			[{ json: { ids: [A.aliceGithub, A.bobGithub, A.aliceTavily] } }],
		);
		expect(ids(result.json('Account'))).toEqual([A.aliceGithub, A.aliceTavily].sort());
		const [request] = await listRequests();
		expect(request.query.connected_account_ids).toEqual([
			`${A.aliceGithub},${A.bobGithub},${A.aliceTavily}`,
		]);
	});

	it('sorts by created or updated time, in either direction', async () => {
		const oldestFirst = await suite.engine.runNode(
			node('getAll', {
				returnAll: true,
				filters: { userIds: 'user_carol' },
				options: { sortBy: 'created_at', sortDirection: 'asc' },
			}),
		);
		const created = oldestFirst.json('Account').map((a) => a.created_at as string);
		expect(created).toEqual([...created].sort());
		expect(oldestFirst.json('Account')[0].id).toBe(A.carolSlackRevoked);

		const recentlyUpdated = await suite.engine.runNode(
			node('getAll', {
				returnAll: true,
				filters: { statuses: ['EXPIRED', 'FAILED', 'INACTIVE', 'REVOKED'] },
				options: { sortBy: 'updated_at', sortDirection: 'desc' },
			}),
		);
		const updated = recentlyUpdated.json('Account').map((a) => a.updated_at as string);
		expect(updated).toEqual([...updated].sort().reverse());
		expect(recentlyUpdated.json('Account')[0].id).toBe(A.carolSlackRevoked);

		const requests = await listRequests();
		expect(requests.map((r) => [r.query.order_by[0], r.query.order_direction[0]])).toEqual([
			['created_at', 'asc'],
			['updated_at', 'desc'],
		]);
	});

	it('Return All walks every page; Limit spans several pages and returns exactly that many, in order', async () => {
		await suite.control.bulkCreateAccounts({
			count: 230,
			userId: 'user_pages',
			toolkit: 'slack',
			createdAtStepMs: 1000,
		});
		const all = await suite.engine.runNode(
			node('getAll', {
				returnAll: true,
				filters: { userIds: 'user_pages', toolkitSlugs: ['slack'] },
			}),
		);
		expect(all.json('Account')).toHaveLength(230);
		expect(new Set(all.json('Account').map((r) => r.id)).size).toBe(230);
		expect((await listRequests()).map((r) => r.query.limit[0])).toEqual(['100', '100', '100']);
		await suite.control.clearRequests();

		const result = await suite.engine.runNode(
			node('getAll', { returnAll: false, limit: 210, filters: { userIds: 'user_pages' } }),
		);
		const rows = result.json('Account');
		expect(rows).toHaveLength(210);
		expect(new Set(rows.map((r) => r.id)).size).toBe(210);
		const created = rows.map((r) => r.created_at as string);
		expect(created).toEqual([...created].sort().reverse());
		const requests = await listRequests();
		expect(requests.map((r) => [r.query.limit[0], r.query.cursor ? 'cursor' : 'first'])).toEqual([
			['70', 'first'],
			['70', 'cursor'],
			['70', 'cursor'],
		]);
	});

	it('an empty result is no items, not an error', async () => {
		const result = await suite.engine.runNode(
			node('getAll', { returnAll: true, filters: { userIds: 'user_erin' } }),
		);
		expect(result.status).toBe('success');
		expect(result.json('Account')).toEqual([]);
	});

	it('a filter that was set but resolves to nothing is an error for that item, never "all accounts"', async () => {
		const shapes: unknown[] = [undefined, null, '', ' ', ',', ' , ', [], ['', ' ']];
		for (const name of [
			'userIds',
			'toolkitSlugs',
			'authConfigIds',
			'connectedAccountIds',
			'statuses',
		]) {
			const result = await suite.engine.runNode(
				{
					...node('getAll', { returnAll: true, filters: { [name]: '={{ $json.v }}' } }),
					onError: 'continueRegularOutput',
				},
				shapes.map((v) => ({ json: v === undefined ? {} : { v } })),
			);
			const output = result.output('Account');
			expect(output).toHaveLength(shapes.length);
			output.forEach((item, i) => {
				expect(item.pairedItem).toEqual({ item: i });
				expect(String(item.json.error)).toMatch(
					/^Filters → .+: is set but resolves to no value \(got /,
				);
			});
		}
		// A fixed empty value (a filter added and left empty) is refused the same way.
		const fixed = await suite.engine.runNode(
			node('getAll', { returnAll: true, filters: { userIds: ' , ' } }),
		);
		expect(fixed.error?.message).toBe(
			'Filters → User IDs: is set but resolves to no value (got " , ")',
		);
		expect(await suite.control.requests(5)).toEqual([]);
	});

	it('Return All and Simplify from expressions: "false" is false, other text is an error', async () => {
		const raw = await suite.engine.runNode(
			node('getAll', {
				returnAll: '={{ "false" }}',
				limit: 2,
				simplify: '={{ "false" }}',
				filters: { userIds: 'user_alice' },
			}),
		);
		expect(raw.json('Account')).toHaveLength(2);
		expect(raw.json('Account')[0]).toHaveProperty('auth_config');
		for (const [name, field] of [
			['returnAll', 'Return All'],
			['simplify', 'Simplify'],
		]) {
			const result = await suite.engine.runNode(
				node('getAll', { [name]: '={{ "no" }}', filters: { userIds: 'user_alice' } }),
			);
			expect(result.error?.message).toBe(`${field}: expected true or false but got "no"`);
		}
		for (const operation of ['get', 'update', 'waitForConnection']) {
			const result = await suite.engine.runNode(
				node(operation, {
					connectedAccount: byId(A.aliceGmailWork),
					simplify: '={{ 0 }}',
					alias: 'x',
				}),
			);
			expect([operation, result.error?.message]).toEqual([
				operation,
				'Simplify: expected true or false but got "0"',
			]);
		}
	});

	it('refuses a malformed auth config ID in the filters before any request', async () => {
		const result = await suite.engine.runNode(
			node('getAll', { returnAll: true, filters: { authConfigIds: ['gmail'] } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Filters → Auth Configs: "gmail" is not a valid auth config ID',
		);
		expect(await suite.control.requests(5)).toEqual([]);
	});
});

describe('Get', () => {
	it('gets one account by ID, simplified or raw, and by URL', async () => {
		const simple = await suite.engine.runNode(
			node('get', { connectedAccount: byId(A.bobSlackAcme) }),
		);
		expect(simple.json('Account')).toEqual([
			{
				id: A.bobSlackAcme,
				user_id: 'user_bob',
				toolkit: 'slack',
				alias: 'acme',
				status: 'ACTIVE',
				status_reason: null,
				is_disabled: false,
				auth_config_id: SEED_AUTH_CONFIGS.slackManaged,
				created_at: '2026-03-23T11:00:00.000Z',
				updated_at: '2026-03-23T11:00:00.000Z',
			},
		]);

		const raw = await suite.engine.runNode(
			node('get', {
				connectedAccount: {
					__rl: true,
					mode: 'url',
					value: `https://platform.composio.dev/acme/connected-accounts/${A.bobGmailExpired}`,
				},
				simplify: false,
			}),
		);
		const [account] = raw.json('Account');
		expect(account).toMatchObject({
			id: A.bobGmailExpired,
			status: 'EXPIRED',
			status_reason: 'Permanent auth error during token refresh',
			auth_config: { id: SEED_AUTH_CONFIGS.gmailManaged, is_composio_managed: true },
			state: { authScheme: 'OAUTH2' },
		});
		expect(account.params).toBeDefined();
		const requests = await suite.control.requests(5);
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/v3.1/connected_accounts/${A.bobSlackAcme}`,
			`GET /api/v3.1/connected_accounts/${A.bobGmailExpired}`,
		]);
	});

	it('a deleted account fails with Composio’s 404 message', async () => {
		const result = await suite.engine.runNode(
			node('get', { connectedAccount: byId(A.carolGithubDeleted) }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain(A.carolGithubDeleted);
	});

	it('continue-on-fail: every input item is processed, the bad one becomes a paired error item', async () => {
		const result = await suite.engine.runNode(
			{
				...node('get', { connectedAccount: byId('={{ $json.id }}') }),
				onError: 'continueRegularOutput',
			},
			[
				{ json: { id: A.aliceGithub } },
				{ json: { id: 'not-an-id' } },
				{ json: { id: A.carolGithubDeleted } },
				{ json: { id: A.daveGmail } },
			],
		);
		expect(result.status).toBe('success');
		const output = result.output('Account');
		expect(output.map((item) => [item.json.id ?? null, item.pairedItem])).toEqual([
			[A.aliceGithub, { item: 0 }],
			[null, { item: 1 }],
			[null, { item: 2 }],
			[A.daveGmail, { item: 3 }],
		]);
		expect(output[1].json.error).toBe(
			'Connected Account: "not-an-id" is not a valid connected account ID',
		);
		expect(output[2].json.httpCode).toBe('404');
		// The malformed ID never reached Composio.
		const paths = (await suite.control.requests(10)).map((r) => r.path);
		expect(paths).toEqual([
			`/api/v3.1/connected_accounts/${A.aliceGithub}`,
			`/api/v3.1/connected_accounts/${A.carolGithubDeleted}`,
			`/api/v3.1/connected_accounts/${A.daveGmail}`,
		]);
	});
});

describe('Get Credentials', () => {
	it('tokens of a custom OAuth app are redacted even with the project masking setting off (changelog 2026-06-04): masked, what was detected, and the Proxy Request advice', async () => {
		await suite.control.setConfig({ maskSecrets: false });
		const result = await suite.engine.runNode(
			node('getCredentials', { connectedAccount: byId(A.aliceGithub) }),
		);
		const [credentials] = result.json('Account');
		expect(credentials).toMatchObject({
			id: A.aliceGithub,
			toolkit: 'github',
			status: 'ACTIVE',
			authScheme: 'OAUTH2',
			masked: true,
			maskedFields: ['access_token'],
		});
		expect((credentials.maskDetected as IDataObject).access_token).toContain('"..."');
		expect(credentials.note).toContain('Composio Proxy Request node');
		expect(credentials.note).not.toContain('Mask Connected Account Secrets');
		expect(credentials).not.toHaveProperty('maskedReason');
		expect(JSON.stringify(credentials)).not.toContain(
			(await suite.control.account(A.aliceGithub)).val.access_token as string,
		);
	});

	it('Composio-managed auth configs: access and refresh tokens redacted; the non-secret facts stay', async () => {
		const result = await suite.engine.runNode(
			node('getCredentials', { connectedAccount: byId(A.aliceGmailWork) }),
		);
		const [credentials] = result.json('Account');
		expect(credentials.masked).toBe(true);
		expect((credentials.maskedFields as string[]).sort()).toEqual(
			['access_token', 'refresh_token'].sort(),
		);
		expect(credentials).toMatchObject({
			authScheme: 'OAUTH2',
			scopes: [
				'https://www.googleapis.com/auth/gmail.modify',
				'https://www.googleapis.com/auth/userinfo.email',
			],
			expiresIn: 3599,
			subdomain: null,
			baseUrl: null,
		});
	});

	it('an API key: redacted with the project setting on; shown in full (masked: false) only when it looks like a real secret', async () => {
		const masked = await suite.engine.runNode(
			node('getCredentials', { connectedAccount: byId(A.aliceTavily) }),
		);
		const [redacted] = masked.json('Account');
		expect(redacted).toMatchObject({
			authScheme: 'API_KEY',
			masked: true,
			maskedFields: ['generic_api_key'],
		});
		expect((redacted.fields as IDataObject).generic_api_key).toBe('tvly...');
		expect(redacted.fields).not.toHaveProperty('status');

		await suite.control.setConfig({ maskSecrets: false });
		const internal = await suite.control.account(A.aliceTavily);
		const shown = await suite.engine.runNode(
			node('getCredentials', { connectedAccount: byId(A.aliceTavily) }),
		);
		const [credentials] = shown.json('Account');
		expect(credentials).toMatchObject({ masked: false, maskedFields: [], maskDetected: {} });
		expect((credentials.fields as IDataObject).generic_api_key).toBe(internal.val.generic_api_key);
		expect(credentials.note).toContain('Composio Proxy Request node');
	});
});

describe('list search', () => {
	const picker = node('get');

	it('with no text, lists the newest accounts a page at a time', async () => {
		await suite.control.bulkCreateAccounts({ count: 150, userId: 'user_bulk', toolkit: 'gmail' });
		const first = await suite.engine.listSearch(picker, 'searchConnectedAccounts');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await suite.engine.listSearch(
			picker,
			'searchConnectedAccounts',
			undefined,
			first.paginationToken,
		);
		const seen = new Set(first.results.map((r) => r.value));
		expect(second.results.length).toBeGreaterThan(0);
		expect(second.results.some((r) => seen.has(r.value))).toBe(false);
	});

	describe('finds a match wherever it is in the project (150 newer accounts in front of it)', () => {
		beforeEach(async () => {
			// Newer than every seeded account: the seeded ones are on the second page and after.
			await suite.control.bulkCreateAccounts({
				count: 150,
				userId: 'user_bulk',
				toolkit: 'slack',
				aliasPrefix: 'bulk',
			});
		});

		it('a user ID: looked up through the API filter, all of that user’s accounts', async () => {
			const result = await suite.engine.listSearch(picker, 'searchConnectedAccounts', 'user_alice');
			expect(result.results.map((r) => r.value).sort()).toEqual(
				[
					A.aliceGmailWork,
					A.aliceGmailPersonal,
					A.aliceGithub,
					A.aliceTavily,
					A.aliceSlackInactive,
				].sort(),
			);
			const [request] = await listRequests();
			expect(request.query.user_ids).toEqual(['user_alice']);
		});

		it('part of an account ID, an alias, part of a user ID: read page by page until found', async () => {
			for (const [text, expected] of [
				['ca_jnVTf', [A.aliceGmailWork]],
				['personal', [A.aliceGmailPersonal]],
				['side-proj', [A.bobSlackSide]],
				['tavily', [A.aliceTavily, A.carolTavilyInactive]],
			] as Array<[string, string[]]>) {
				await suite.control.clearRequests();
				const result = await suite.engine.listSearch(picker, 'searchConnectedAccounts', text);
				expect([text, result.results.map((r) => r.value).sort()]).toEqual([text, expected.sort()]);
				// The first answer already holds the match: n8n is never left with an empty page.
				expect((await listRequests()).length).toBeGreaterThan(1);
			}
		});

		it('a partial user ID after the exact-user lookup found nothing, with more pages to come', async () => {
			const result = await suite.engine.listSearch(picker, 'searchConnectedAccounts', 'user_bul');
			expect(result.results.length).toBeGreaterThan(0);
			expect(result.results.every((r) => String(r.name).includes('user_bulk'))).toBe(true);
			expect(result.paginationToken).toEqual(expect.any(String));
			const next = await suite.engine.listSearch(
				picker,
				'searchConnectedAccounts',
				'user_bul',
				result.paginationToken,
			);
			const seen = new Set(result.results.map((r) => r.value));
			expect(next.results.length).toBeGreaterThan(0);
			expect(next.results.some((r) => seen.has(r.value))).toBe(false);
		});

		it('text nothing matches: reads to the end (bounded) and says there is nothing more', async () => {
			const result = await suite.engine.listSearch(picker, 'searchConnectedAccounts', 'zzz-none');
			expect(result).toEqual({ results: [], paginationToken: undefined });
			// 167 accounts: the exact-user lookup, then two pages of 100.
			expect((await listRequests()).length).toBe(3);
		});
	});

	it('finds an exact account ID directly and labels it with toolkit, alias, status and user', async () => {
		const result = await suite.engine.listSearch(picker, 'searchConnectedAccounts', A.bobSlackSide);
		expect(result.results).toEqual([
			{
				name: 'slack · side-project · ACTIVE · user_bob · created 2026-04-28',
				value: A.bobSlackSide,
			},
		]);
	});

	it('searches auth configs through the API', async () => {
		const result = await suite.engine.listSearch(node('connect'), 'searchAuthConfigs', 'gmail');
		expect(result.results.map((r) => r.value).sort()).toEqual(
			[SEED_AUTH_CONFIGS.gmailManaged, SEED_AUTH_CONFIGS.gmailCustom].sort(),
		);
		// Short labels that never repeat what the name already says; the rest is the description.
		expect(result.results.find((r) => r.value === SEED_AUTH_CONFIGS.gmailManaged)).toEqual({
			name: 'Gmail (Composio managed) · OAUTH2',
			value: SEED_AUTH_CONFIGS.gmailManaged,
			description: `gmail · OAUTH2 · Composio-managed app · ${SEED_AUTH_CONFIGS.gmailManaged}`,
		});
		for (const option of result.results) {
			const words = String(option.name)
				.toLowerCase()
				.split(/[^a-z0-9]+/)
				.filter(Boolean);
			expect([option.name, words.length]).toEqual([option.name, new Set(words).size]);
		}
		const [request] = (await suite.control.requests(5)).filter(
			(r) => r.path === '/api/v3.1/auth_configs',
		);
		expect(request.query.search).toEqual(['gmail']);
	});

	it('loads toolkits and auth configs for the filter dropdowns', async () => {
		const toolkits = await suite.engine.loadOptions(picker, 'getToolkits');
		expect(toolkits.map((t) => t.value)).toEqual(['github', 'gmail', 'slack', 'tavily']);
		const configs = await suite.engine.loadOptions(picker, 'getAuthConfigs');
		expect(configs.map((c) => c.value)).toContain(SEED_AUTH_CONFIGS.tavilyApiKey);
		for (const option of configs) {
			const words = String(option.name)
				.toLowerCase()
				.split(/[^a-z0-9]+/)
				.filter(Boolean);
			expect([option.name, words.length]).toEqual([option.name, new Set(words).size]);
			expect(String(option.name).length).toBeLessThanOrEqual(50);
		}
	});
});
