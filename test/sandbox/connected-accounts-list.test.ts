import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { collectAll, useSandbox, type AccountWire, type ErrorWire, type PageWire } from './helpers';

const ids = (page: { items: AccountWire[] }): string[] => page.items.map((a) => a.id);

describe('connected accounts: seed, shapes and masking', () => {
	const h = useSandbox();

	it('seeds accounts in every status', async () => {
		const { items } = await collectAll<AccountWire>(h, '/connected_accounts', 100);
		const statuses = new Set(items.map((a) => a.status));
		expect([...statuses].sort()).toEqual([
			'ACTIVE',
			'EXPIRED',
			'FAILED',
			'INACTIVE',
			'INITIALIZING',
			'INITIATED',
			'REVOKED',
		]);
		expect(items).toHaveLength(17);
		for (const account of items) expect(account.id).toMatch(/^ca_[A-Za-z0-9_-]{12}$/);
	});

	it('returns the full object on GET one and omits params/requested_scopes from list items', async () => {
		const one = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGmailWork}`);
		expect(one.status).toBe(200);
		expect(one.body).toMatchObject({
			id: SEED_ACCOUNTS.aliceGmailWork,
			alias: 'work',
			user_id: 'user_alice',
			toolkit: { slug: 'gmail' },
			auth_config: {
				id: SEED_AUTH_CONFIGS.gmailManaged,
				auth_scheme: 'OAUTH2',
				is_composio_managed: true,
				is_disabled: false,
			},
			status: 'ACTIVE',
			status_reason: null,
			is_disabled: false,
			created_at: '2026-03-02T10:15:00.000Z',
			updated_at: '2026-03-02T10:15:00.000Z',
		});
		expect(one.body.word_id).toMatch(/^gmail_[a-z]+-[a-z]+$/);
		expect(one.body.state.authScheme).toBe('OAUTH2');
		expect(one.body.state.val.status).toBe('ACTIVE');
		expect(one.body.params).toEqual(one.body.state.val);
		expect(one.body.data).toEqual(one.body.state.val);
		expect(one.body.requested_scopes).toEqual([
			'https://www.googleapis.com/auth/gmail.modify',
			'https://www.googleapis.com/auth/userinfo.email',
		]);

		const list = await h.get<PageWire<AccountWire>>(
			`/connected_accounts?connected_account_ids=${SEED_ACCOUNTS.aliceGmailWork}`,
		);
		expect(list.body.items).toHaveLength(1);
		const item = list.body.items[0];
		expect(item).not.toHaveProperty('params');
		expect(item).not.toHaveProperty('requested_scopes');
		expect(item).not.toHaveProperty('requested_user_scopes');
		const expected: AccountWire = { ...one.body };
		delete expected.params;
		delete expected.requested_scopes;
		expect(item).toEqual(expected);
	});

	it('masks secrets as first 4 characters + "..." by default', async () => {
		const github = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`);
		expect(github.body.state.val.access_token).toMatch(/^gho_\.\.\.$/);
		const tavily = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceTavily}`);
		expect(tavily.body.state.val.generic_api_key).toBe('tvly...');
		expect(tavily.body.data.generic_api_key).toBe('tvly...');
		const slack = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.bobSlackAcme}`);
		expect(slack.body.state.val.authed_user).toEqual({
			access_token: 'xoxp...',
			scope: 'users:read',
		});
		// Non-secret fields stay readable.
		expect(slack.body.state.val.scope).toBe('chat:write channels:read users:read');
	});

	it('redacts tokens for every auth config even with the project flag off (changelog 2026-06-04); other secrets follow the flag', async () => {
		await h.control.setConfig({ maskSecrets: false });
		// A custom OAuth app (github) and a Composio-managed one (gmail): tokens redacted alike.
		const github = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`);
		expect(github.body.state.val.access_token).toBe('gho_...');
		expect(github.body.data.access_token).toBe('gho_...');
		const customGmail = await h.get<AccountWire>(
			`/connected_accounts/${SEED_ACCOUNTS.carolGmailMain}`,
		);
		expect(customGmail.body.auth_config.is_composio_managed).toBe(false);
		expect(customGmail.body.state.val.access_token).toBe('ya29...');
		expect(customGmail.body.state.val.refresh_token).toBe('1//0...');
		const gmail = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGmailWork}`);
		expect(gmail.body.state.val.access_token).toBe('ya29...');
		expect(gmail.body.state.val.refresh_token).toBe('1//0...');
		expect(gmail.body.params?.access_token).toBe('ya29...');
		const slack = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.bobSlackAcme}`);
		expect(slack.body.state.val.authed_user).toEqual({
			access_token: 'xoxp...',
			scope: 'users:read',
		});
		// An API key is not a token: it follows the project flag.
		const tavily = await h.get<AccountWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceTavily}`);
		expect(tavily.body.state.val.generic_api_key).toMatch(/^tvly-[A-Za-z0-9]{32}$/);
		// The list answers the same.
		const list = await h.get<PageWire<AccountWire>>(
			`/connected_accounts?user_ids=user_alice&toolkit_slugs=github`,
		);
		expect(list.body.items.map((a) => a.state.val.access_token)).toEqual(['gho_...']);
	});

	it('redacts Authorization headers of every auth config, managed or custom', async () => {
		await h.control.setConfig({ maskSecrets: false });
		for (const authConfig of [SEED_AUTH_CONFIGS.gmailManaged, SEED_AUTH_CONFIGS.gmailCustom]) {
			const link = await h.post<{ connected_account_id: string }>('/connected_accounts/link', {
				auth_config_id: authConfig,
				user_id: 'user_erin',
				connection_data: { subdomain: 'mail', headers: { Authorization: 'Bearer header-value' } },
			});
			const account = await h.get<AccountWire>(
				`/connected_accounts/${link.body.connected_account_id}`,
			);
			expect(account.body.state.val).toMatchObject({
				subdomain: 'mail',
				headers: { Authorization: 'Bear...' },
			});
		}
	});

	it('renders the per-status state.val variants', async () => {
		const get = async (id: string) => (await h.get<AccountWire>(`/connected_accounts/${id}`)).body;
		const expired = await get(SEED_ACCOUNTS.bobGmailExpired);
		expect(expired.state.val).toEqual({
			status: 'EXPIRED',
			expired_at: '2026-05-20T06:00:00.000Z',
		});
		expect(expired.status_reason).toBe('Permanent auth error during token refresh');
		const failed = await get(SEED_ACCOUNTS.carolGmailFailed);
		expect(failed.state.val).toMatchObject({ status: 'FAILED', error: 'access_denied' });
		const revoked = await get(SEED_ACCOUNTS.carolSlackRevoked);
		expect(revoked.state.val).toEqual({
			status: 'REVOKED',
			revoked_at: '2026-05-28T15:00:00.000Z',
		});
		const initiated = await get(SEED_ACCOUNTS.bobGmailInitiated);
		expect(initiated.state.val.redirectUrl).toMatch(new RegExp(`^${h.url}/link/ln_[A-Za-z0-9]+$`));
		const initializing = await get(SEED_ACCOUNTS.carolGithubInitializing);
		expect(initializing.state.val).toEqual({ status: 'INITIALIZING' });
		const legacy = await get(SEED_ACCOUNTS.daveSlackLegacy);
		expect(legacy).toMatchObject({
			status: 'INACTIVE',
			is_disabled: true,
			status_reason: 'Auth config is disabled',
			auth_config: { is_disabled: true },
		});
	});

	it('answers 404 for deleted and unknown accounts and 400 for malformed ids', async () => {
		const deleted = await h.get<ErrorWire>(
			`/connected_accounts/${SEED_ACCOUNTS.carolGithubDeleted}`,
		);
		expect(deleted.status).toBe(404);
		expect(deleted.body.error).toMatchObject({
			code: 606,
			slug: 'ConnectedAccount_ResourceNotFound',
			status: 404,
		});
		expect((await h.get<ErrorWire>('/connected_accounts/ca_nopeNopeNope')).status).toBe(404);
		expect((await h.get<ErrorWire>('/connected_accounts/not-an-id')).status).toBe(400);
	});
});

describe('connected accounts: filters, ordering, pagination', () => {
	const h = useSandbox();

	it('filters by users, statuses, toolkits and auth configs with comma-joined, repeated and [] params', async () => {
		const comma = await h.get<PageWire<AccountWire>>(
			'/connected_accounts?user_ids=user_alice%2Cuser_bob&statuses=ACTIVE%2CEXPIRED&limit=50',
		);
		const repeated = await h.get<PageWire<AccountWire>>(
			'/connected_accounts?user_ids=user_alice&user_ids=user_bob&statuses=ACTIVE&statuses=EXPIRED&limit=50',
		);
		const brackets = await h.get<PageWire<AccountWire>>(
			'/connected_accounts?user_ids[]=user_alice&user_ids[]=user_bob&statuses[]=ACTIVE&statuses[]=EXPIRED&limit=50',
		);
		expect(comma.status).toBe(200);
		expect(ids(repeated.body)).toEqual(ids(comma.body));
		expect(ids(brackets.body)).toEqual(ids(comma.body));
		expect(comma.body.total_items).toBe(8);
		for (const a of comma.body.items) {
			expect(['user_alice', 'user_bob']).toContain(a.user_id);
			expect(['ACTIVE', 'EXPIRED']).toContain(a.status);
		}

		const gmail = await h.get<PageWire<AccountWire>>(
			`/connected_accounts?toolkit_slugs=GMAIL&auth_config_ids=${SEED_AUTH_CONFIGS.gmailManaged}&limit=50`,
		);
		expect(new Set(gmail.body.items.map((a) => a.auth_config.id))).toEqual(
			new Set([SEED_AUTH_CONFIGS.gmailManaged]),
		);
		expect(gmail.body.total_items).toBe(6);

		const byIds = await h.get<PageWire<AccountWire>>(
			`/connected_accounts?connected_account_ids=${SEED_ACCOUNTS.aliceGithub},${SEED_ACCOUNTS.bobGithub}`,
		);
		expect(ids(byIds.body).sort()).toEqual(
			[SEED_ACCOUNTS.aliceGithub, SEED_ACCOUNTS.bobGithub].sort(),
		);

		const revoked = await h.get<PageWire<AccountWire>>('/connected_accounts?statuses=REVOKED');
		expect(ids(revoked.body)).toEqual([SEED_ACCOUNTS.carolSlackRevoked]);
		const none = await h.get<PageWire<AccountWire>>('/connected_accounts?user_ids=user_erin');
		expect(none.body).toEqual({
			items: [],
			next_cursor: null,
			total_pages: 0,
			current_page: 1,
			total_items: 0,
		});
	});

	it('rejects unknown statuses, order fields and bad limits with 400', async () => {
		const status = await h.get<ErrorWire>('/connected_accounts?statuses=ACTIVE,SLEEPING');
		expect(status.status).toBe(400);
		expect(status.body.error.errors?.[0]).toMatch(/SLEEPING/);
		expect((await h.get('/connected_accounts?order_by=name')).status).toBe(400);
		expect((await h.get('/connected_accounts?order_direction=up')).status).toBe(400);
		expect((await h.get('/connected_accounts?limit=0')).status).toBe(400);
		expect((await h.get('/connected_accounts?limit=abc')).status).toBe(400);
		expect((await h.get('/connected_accounts?cursor=not-a-cursor')).status).toBe(400);
	});

	it('orders by created_at desc by default, and supports asc and updated_at', async () => {
		const { items: desc } = await collectAll<AccountWire>(h, '/connected_accounts', 100);
		const created = desc.map((a) => a.created_at);
		expect([...created].sort().reverse()).toEqual(created);
		const { items: asc } = await collectAll<AccountWire>(
			h,
			'/connected_accounts?order_direction=asc',
			100,
		);
		expect(asc.map((a) => a.id)).toEqual(desc.map((a) => a.id).reverse());
		expect(asc[0].id).toBe(SEED_ACCOUNTS.aliceGmailWork);

		const { items: byUpdated } = await collectAll<AccountWire>(
			h,
			'/connected_accounts?order_by=updated_at&order_direction=asc',
			100,
		);
		const updated = byUpdated.map((a) => a.updated_at);
		expect([...updated].sort()).toEqual(updated);
		expect(byUpdated.map((a) => a.id)).not.toEqual(asc.map((a) => a.id));
	});

	it('walks several pages with opaque cursors and consistent totals', async () => {
		await h.control.reset({ seed: 'empty' });
		await h.control.bulkCreateAccounts({
			count: 45,
			userId: 'user_pager',
			toolkit: 'github',
			createdAtStepMs: 1000,
		});
		const { items, pages } = await collectAll<AccountWire>(
			h,
			'/connected_accounts?user_ids=user_pager',
			10,
		);
		expect(pages).toHaveLength(5);
		expect(items).toHaveLength(45);
		expect(new Set(items.map((a) => a.id)).size).toBe(45);
		pages.forEach((page, index) => {
			expect(page.current_page).toBe(index + 1);
			expect(page.total_pages).toBe(5);
			expect(page.total_items).toBe(45);
			expect(page.items).toHaveLength(index < 4 ? 10 : 5);
			if (index < 4) {
				expect(page.next_cursor).toEqual(expect.any(String));
				expect(page.next_cursor).not.toMatch(/^\d+$/);
			} else {
				expect(page.next_cursor).toBeNull();
			}
		});
		const created = items.map((a) => a.created_at);
		expect([...created].sort().reverse()).toEqual(created);

		const v3 = await h.get<PageWire<AccountWire>>(
			`/connected_accounts?user_ids=user_pager&limit=10&cursor=${encodeURIComponent(pages[0].next_cursor ?? '')}`,
			{ version: 'v3' },
		);
		expect(ids(v3.body)).toEqual(ids(pages[1]));
	});

	it('defaults to 20 items per page', async () => {
		await h.control.bulkCreateAccounts({ count: 30, userId: 'user_many' });
		const page = await h.get<PageWire<AccountWire>>('/connected_accounts?user_ids=user_many');
		expect(page.body.items).toHaveLength(20);
		expect(page.body.total_pages).toBe(2);
	});
});
