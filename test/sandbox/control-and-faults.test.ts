import { sandboxControl, SEED_ACCOUNTS, SEED_AUTH_CONFIGS, startSandbox } from '../../sandbox/src';
import { useSandbox, type AccountWire, type ErrorWire, type PageWire } from './helpers';

describe('control API', () => {
	const h = useSandbox();

	it('is served under /_sandbox only, without an API key', async () => {
		expect(await h.control.health()).toEqual({ ok: true });
		expect((await h.get('/_sandbox/health', { apiKey: null })).status).toBe(200);
		// Not reachable through the API prefixes.
		const viaApi = await h.get<ErrorWire>('/api/v3.1/_sandbox/health');
		expect(viaApi.status).toBe(404);
		expect((await h.request('/_sandbox/nope')).status).toBe(404);
	});

	it('publishes the seed document', async () => {
		const seed = await h.control.seed();
		expect(seed.apiKey).toBe('ak_sandbox_local_dev_key');
		expect(seed.users).toEqual(['user_alice', 'user_bob', 'user_carol', 'user_dave', 'user_erin']);
		expect(seed.accounts.aliceGmailWork).toBe(SEED_ACCOUNTS.aliceGmailWork);
		expect(seed.authConfigs.tavilyApiKey).toBe(SEED_AUTH_CONFIGS.tavilyApiKey);
		expect(seed.tools.GMAIL_GET_PROFILE).toEqual(['20251111_00', '20251027_00', '20250909_00']);
		expect(seed.tools.GITHUB_LIST_STARGAZERS).toEqual(['20251111_00', '20251027_00']);
	});

	it('resets data, optionally to the empty seed, and restores config and clock', async () => {
		await h.del(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`);
		await h.control.setConfig({ latencyMs: 5, maskSecrets: false });
		await h.control.advanceClock(3_600_000);
		const reset = await h.control.reset();
		expect(reset.config).toEqual({
			latencyMs: 0,
			rateLimit: { limit: 10000, windowMs: 60000 },
			linkTtlMs: 600000,
			maskSecrets: true,
			allowPrivateWebhookUrls: false,
			accountUserId: 'present',
		});
		expect(reset.clock.now).toBe('2026-06-01T09:00:00.000Z');
		expect((await h.get(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`)).status).toBe(200);

		await h.control.reset({ seed: 'empty' });
		const empty = await h.get<PageWire<AccountWire>>('/connected_accounts');
		expect(empty.body.total_items).toBe(0);
		expect((await h.get<PageWire<unknown>>('/auth_configs')).body.total_items).toBe(5);

		await h.control.setConfig({ maskSecrets: false });
		await h.control.reset({ keepConfig: true });
		expect((await h.control.config()).maskSecrets).toBe(false);
	});

	it('creates ids deterministically after a reset', async () => {
		const first = await h.post<{ connected_account_id: string; link_token: string }>(
			'/connected_accounts/link',
			{
				auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
				user_id: 'user_x',
			},
		);
		await h.control.reset();
		const second = await h.post<{ connected_account_id: string; link_token: string }>(
			'/connected_accounts/link',
			{
				auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
				user_id: 'user_x',
			},
		);
		expect(second.body).toEqual(first.body);
	});

	it('reads, advances and sets the clock', async () => {
		expect(await h.control.clock()).toEqual({
			now: '2026-06-01T09:00:00.000Z',
			epochMs: Date.parse('2026-06-01T09:00:00.000Z'),
			mode: 'frozen',
		});
		expect((await h.control.advanceClock(90_000)).now).toBe('2026-06-01T09:01:30.000Z');
		expect((await h.control.setClock('2026-07-01T00:00:00.000Z')).now).toBe(
			'2026-07-01T00:00:00.000Z',
		);
		const link = await h.post<{ connected_account_id: string }>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.slackManaged,
			user_id: 'u',
		});
		const account = await h.get<AccountWire>(
			`/connected_accounts/${link.body.connected_account_id}`,
		);
		expect(account.body.created_at).toBe('2026-07-01T00:00:00.000Z');
	});

	it('bulk-creates accounts in one call (100k for benchmarks)', async () => {
		await h.control.reset({ seed: 'empty' });
		const result = await h.control.bulkCreateAccounts({
			count: 100_000,
			userIds: ['bench_a', 'bench_b'],
			toolkit: 'github',
		});
		expect(result.created).toBe(100_000);
		expect(result.firstId).toMatch(/^ca_/);
		const page = await h.get<PageWire<AccountWire>>(
			'/connected_accounts?limit=1000&user_ids=bench_b',
		);
		expect(page.body.total_items).toBe(50_000);
		expect(page.body.total_pages).toBe(50);
		expect(page.body.items[0]).toMatchObject({
			status: 'ACTIVE',
			toolkit: { slug: 'github' },
			auth_config: { id: SEED_AUTH_CONFIGS.githubCustom },
		});

		const expired = await h.control.bulkCreateAccounts({
			count: 3,
			userId: 'bench_c',
			authConfigId: SEED_AUTH_CONFIGS.gmailManaged,
			status: 'EXPIRED',
			aliasPrefix: 'old',
			returnIds: true,
		});
		expect(expired.ids).toHaveLength(3);
		const one = await h.get<AccountWire>(`/connected_accounts/${expired.ids?.[2] ?? ''}`);
		expect(one.body).toMatchObject({
			status: 'EXPIRED',
			alias: 'old-3',
			status_reason: 'Permanent auth error during token refresh',
		});
	});

	it('sets an account status and reason (e.g. to expire it)', async () => {
		const view = await h.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, {
			status: 'EXPIRED',
			statusReason: 'Max auth failures reached',
		});
		expect(view).toMatchObject({
			status: 'EXPIRED',
			statusReason: 'Max auth failures reached',
			isDisabled: false,
		});
		const account = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGmailWork}`);
		expect(account.body).toMatchObject({
			status: 'EXPIRED',
			status_reason: 'Max auth failures reached',
		});
		expect(account.body.state.val).toEqual({
			status: 'EXPIRED',
			expired_at: '2026-06-01T09:00:00.000Z',
		});
		const back = await h.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, {
			status: 'ACTIVE',
		});
		expect(back.val.access_token).toMatch(/^ya29\.a0/);
		await expect(
			h.control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'SLEEPING' as never }),
		).rejects.toThrow(/HTTP 400/);
	});

	it('records the last requests with exact query encoding, body and headers, never the API key value', async () => {
		await h.control.clearRequests();
		await h.get('/connected_accounts?user_ids=user_alice%2Cuser_bob&statuses=ACTIVE&limit=5', {
			headers: { 'x-source': 'TEST' },
		});
		await h.post('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
			user_id: 'user_alice',
			alias: 'x',
		});
		const log = await h.control.requests();
		expect(log).toHaveLength(2);
		expect(log[0]).toMatchObject({
			method: 'GET',
			path: '/api/v3.1/connected_accounts',
			rawQuery: 'user_ids=user_alice%2Cuser_bob&statuses=ACTIVE&limit=5',
			query: { user_ids: ['user_alice,user_bob'], statuses: ['ACTIVE'], limit: ['5'] },
			apiVersion: 'v3.1',
			route: 'GET /connected_accounts',
			status: 200,
			body: null,
			credentialHeaders: ['x-api-key'],
		});
		expect(log[0].headers['x-source']).toBe('TEST');
		expect(log[0].headers).not.toHaveProperty('x-api-key');
		expect(JSON.stringify(log)).not.toContain(h.sandbox.apiKey);
		expect(log[1]).toMatchObject({
			method: 'POST',
			route: 'POST /connected_accounts/link',
			status: 201,
			body: { auth_config_id: SEED_AUTH_CONFIGS.gmailManaged, user_id: 'user_alice', alias: 'x' },
		});
		expect((await h.control.requests(1))[0].seq).toBe(log[1].seq);
	});

	it('shows user_id on connected accounts as it is, as null, or not at all (deprecated field)', async () => {
		const id = SEED_ACCOUNTS.aliceGmailWork;
		const read = async () => {
			const one = (await h.get<AccountWire>(`/connected_accounts/${id}`)).body;
			const list = (
				await h.get<PageWire<AccountWire>>('/connected_accounts?user_ids=user_alice&limit=50')
			).body;
			return { one, list };
		};
		let { one, list } = await read();
		expect(one.user_id).toBe('user_alice');
		expect(list.items.every((a) => a.user_id === 'user_alice')).toBe(true);

		expect((await h.control.setConfig({ accountUserId: 'null' })).accountUserId).toBe('null');
		({ one, list } = await read());
		expect(one.user_id).toBeNull();
		// The user_ids filter still works on the server side.
		expect(list.items.length).toBeGreaterThan(0);
		expect(list.items.every((a) => a.user_id === null)).toBe(true);

		await h.control.setConfig({ accountUserId: 'omitted' });
		({ one, list } = await read());
		expect('user_id' in one).toBe(false);
		expect(list.items.map((a) => a.id)).toContain(id);
		expect(list.items.some((a) => 'user_id' in a)).toBe(false);

		const wrong = await h.request('/_sandbox/config', {
			method: 'PATCH',
			body: { accountUserId: 'hidden' },
		});
		expect(wrong.status).toBe(400);
		expect((await h.control.reset()).config.accountUserId).toBe('present');
	});

	it('adds the configured latency and still answers normally', async () => {
		await h.control.setConfig({ latencyMs: 25 });
		const res = await h.get<PageWire<unknown>>('/toolkits');
		expect(res.status).toBe(200);
		expect(res.body.total_items).toBe(4);
		expect((await h.control.config()).latencyMs).toBe(25);
		await expect(h.control.setConfig({ latencyMs: -1 })).rejects.toThrow(/HTTP 400/);
	});

	it('counts requests per route (version independent)', async () => {
		await h.get('/connected_accounts', { version: 'v3' });
		await h.get('/connected_accounts');
		await h.get(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`);
		await h.get('/toolkits', { apiKey: null });
		const counters = await h.control.counters();
		expect(counters.requests.byRoute).toEqual({
			'GET /connected_accounts': 2,
			'GET /connected_accounts/:nanoid': 1,
		});
		expect(counters.requests.total).toBe(4);
		expect(counters.requests.unauthorized).toBe(1);
		expect((await h.control.resetCounters()).requests.total).toBe(0);
	});
});

describe('fault injection', () => {
	const h = useSandbox();

	it('answers an injected status N times, with Retry-After and a custom body', async () => {
		const fault = await h.control.injectFault({
			method: 'GET',
			path: '/api/*/connected_accounts',
			kind: 'status',
			status: 503,
			retryAfter: 2,
			times: 2,
		});
		expect(fault).toMatchObject({
			id: expect.stringMatching(/^fault_/),
			remaining: 2,
			triggered: 0,
		});
		const first = await h.get<ErrorWire>('/connected_accounts');
		expect(first.status).toBe(503);
		expect(first.headers.get('retry-after')).toBe('2');
		expect(first.body.error).toMatchObject({ status: 503, slug: 'HTTP_ServiceUnavailable' });
		expect((await h.get('/connected_accounts', { version: 'v3' })).status).toBe(503);
		expect((await h.get('/connected_accounts')).status).toBe(200);
		// Other methods and paths are not affected.
		expect((await h.get(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`)).status).toBe(200);
		expect((await h.control.faults())[0]).toMatchObject({ remaining: 0, triggered: 2 });

		await h.control.injectFault({ path: '/api/**', kind: 'status', status: 429, retryAfter: 7 });
		const limited = await h.get<{ message: string }>('/tools');
		expect(limited.status).toBe(429);
		expect(limited.body.message).toMatch(/^Rate limit exceeded\. Limit: /);
		expect(limited.headers.get('retry-after')).toBe('7');

		await h.control.injectFault({
			path: '/api/v3.1/toolkits',
			kind: 'status',
			status: 500,
			body: { error: { message: 'boom', code: 1, slug: 'X', status: 500 } },
		});
		expect((await h.get('/toolkits')).body).toEqual({
			error: { message: 'boom', code: 1, slug: 'X', status: 500 },
		});
		expect((await h.control.counters()).requests.faultsTriggered).toBe(4);
	});

	it('drops the connection before processing: nothing changes', async () => {
		await h.control.injectFault({
			method: 'PATCH',
			path: '/api/v3.1/connected_accounts/*/status',
			kind: 'drop_before',
		});
		await expect(
			h.patch(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}/status`, { enabled: false }),
		).rejects.toThrow();
		expect(
			(await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`)).body.status,
		).toBe('ACTIVE');
	});

	it('drops the connection after processing: the change happened but no answer came', async () => {
		await h.control.injectFault({
			method: 'PATCH',
			path: '/api/v3.1/connected_accounts/*/status',
			kind: 'drop_after',
		});
		await expect(
			h.patch(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}/status`, { enabled: false }),
		).rejects.toThrow();
		expect(
			(await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`)).body.status,
		).toBe('INACTIVE');
		const log = await h.control.requests(2);
		expect(log[0]).toMatchObject({
			method: 'PATCH',
			status: null,
			route: 'PATCH /connected_accounts/:nanoid/status',
		});
	});

	it('answers a malformed (non-JSON) 200 body', async () => {
		await h.control.injectFault({ path: '/api/v3.1/connected_accounts', kind: 'malformed' });
		const res = await h.get('/connected_accounts');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(() => JSON.parse(res.text)).toThrow();
	});

	it('delays a response, then answers normally', async () => {
		await h.control.injectFault({ path: '/api/v3.1/toolkits', kind: 'delay', delayMs: 50 });
		const res = await h.get<PageWire<unknown>>('/toolkits');
		expect(res.status).toBe(200);
		expect(res.body.total_items).toBe(4);
		expect((await h.control.faults())[0]).toMatchObject({
			kind: 'delay',
			triggered: 1,
			remaining: 0,
		});
	});

	it('removes and clears faults', async () => {
		const fault = await h.control.injectFault({
			path: '/api/**',
			kind: 'status',
			status: 500,
			times: 5,
		});
		await h.control.removeFault(fault.id);
		expect((await h.get('/toolkits')).status).toBe(200);
		await h.control.injectFault({ path: '/api/**', kind: 'status', status: 500 });
		await h.control.clearFaults();
		expect(await h.control.faults()).toEqual([]);
		expect((await h.get('/toolkits')).status).toBe(200);
		await expect(
			h.control.injectFault({ path: 'no-slash', kind: 'status', status: 500 }),
		).rejects.toThrow(/HTTP 400/);
	});
});

describe('several sandboxes', () => {
	it('are independent and free their ports on close', async () => {
		const a = await startSandbox();
		const b = await startSandbox({ apiKey: 'ak_other', seed: 'empty' });
		try {
			expect(a.port).not.toBe(b.port);
			await sandboxControl(a.url).setConfig({ maskSecrets: false });
			expect((await sandboxControl(b.url).config()).maskSecrets).toBe(true);
			const listA = await fetch(`${a.url}/api/v3.1/connected_accounts`, {
				headers: { 'x-api-key': a.apiKey },
			});
			const listB = await fetch(`${b.url}/api/v3.1/connected_accounts`, {
				headers: { 'x-api-key': 'ak_other' },
			});
			expect(((await listA.json()) as PageWire<unknown>).total_items).toBe(17);
			expect(((await listB.json()) as PageWire<unknown>).total_items).toBe(0);
		} finally {
			await a.close();
			await b.close();
		}
		// The port can be bound again right away, and close() is idempotent.
		const again = await startSandbox({ port: a.port });
		expect(again.url).toBe(a.url);
		await again.close();
		await again.close();
		await expect(fetch(`${a.url}/_sandbox/health`)).rejects.toThrow();
	});
});
