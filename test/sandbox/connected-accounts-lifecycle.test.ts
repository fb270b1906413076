import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { useSandbox, type AccountWire, type ErrorWire } from './helpers';

interface CreateWire {
	id: string;
	connectionData: { authScheme: string; val: Record<string, unknown> };
	status: string;
	redirect_url: string | null;
	redirect_uri: string | null;
}

interface LinkWire {
	link_token: string;
	redirect_url: string;
	expires_at: string;
	connected_account_id: string;
}

describe('creating connections', () => {
	const h = useSandbox();

	it('imports API-key credentials as ACTIVE at once (201, camelCase connectionData + deprecated duplicates)', async () => {
		const res = await h.post<CreateWire>('/connected_accounts', {
			auth_config: { id: SEED_AUTH_CONFIGS.tavilyApiKey },
			connection: {
				user_id: 'user_new',
				alias: 'search',
				state: {
					authScheme: 'API_KEY',
					val: { status: 'ACTIVE', generic_api_key: 'tvly-example-imported' },
				},
			},
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^ca_[A-Za-z0-9_-]{12}$/),
			connectionData: {
				authScheme: 'API_KEY',
				val: { status: 'ACTIVE', generic_api_key: 'tvly...' },
			},
			status: 'ACTIVE',
			redirect_url: null,
			redirect_uri: null,
		});
		const account = await h.get<AccountWire>(`/connected_accounts/${res.body.id}`);
		expect(account.body).toMatchObject({
			status: 'ACTIVE',
			user_id: 'user_new',
			alias: 'search',
			toolkit: { slug: 'tavily' },
		});
		expect((await h.control.account(res.body.id)).val.generic_api_key).toBe(
			'tvly-example-imported',
		);
		expect((await h.control.counters()).initiates).toBe(1);
	});

	it('starts a redirect flow (INITIATED + redirectUrl) for a custom OAuth2 auth config', async () => {
		const res = await h.post<CreateWire>('/connected_accounts', {
			auth_config: { id: SEED_AUTH_CONFIGS.githubCustom },
			connection: { user_id: 'user_new', callback_url: 'https://app.example.com/done' },
		});
		expect(res.status).toBe(201);
		expect(res.body.status).toBe('INITIATED');
		expect(res.body.connectionData.authScheme).toBe('OAUTH2');
		expect(res.body.connectionData.val).toEqual({
			status: 'INITIATED',
			redirectUrl: expect.stringMatching(new RegExp(`^${h.url}/link/ln_`)),
			callback_url: 'https://app.example.com/done',
		});
		expect(res.body.redirect_url).toBe(res.body.connectionData.val.redirectUrl);
		expect(res.body.redirect_uri).toBe(res.body.redirect_url);

		const visit = await h.control.visitLink(res.body.redirect_url ?? '', {
			identity: 'newbie-dev',
		});
		expect(visit.status).toBe(302);
		expect(visit.callbackParams).toEqual({ status: 'success', connected_account_id: res.body.id });
		const account = await h.get<AccountWire>(`/connected_accounts/${res.body.id}`);
		expect(account.body.status).toBe('ACTIVE');
		expect(account.body.state.val.access_token).toBe('gho_...');
	});

	it('refuses POST /connected_accounts for Composio-managed OAuth auth configs with the retirement 400', async () => {
		const res = await h.post<ErrorWire>('/connected_accounts', {
			auth_config: { id: SEED_AUTH_CONFIGS.gmailManaged },
			connection: { user_id: 'user_new' },
		});
		expect(res.status).toBe(400);
		expect(res.body.error).toMatchObject({
			code: 600,
			slug: 'ConnectedAccount_BadRequest',
			status: 400,
		});
		expect(res.body.error.message).toContain('no longer supported');
		expect(res.body.error.message).toContain('/api/v3/connected_accounts/link');
		expect(res.body.error.suggested_fix).toContain('/connected_accounts/link');
	});

	it('validates the create body and the auth config', async () => {
		const missing = await h.post<ErrorWire>('/connected_accounts', {});
		expect(missing.status).toBe(400);
		expect(missing.body.error.errors).toEqual([
			'auth_config.id: required',
			'connection: required (object)',
		]);
		const unknown = await h.post<ErrorWire>('/connected_accounts', {
			auth_config: { id: 'ac_unknown00000' },
			connection: {},
		});
		expect(unknown.status).toBe(404);
		const disabled = await h.post<ErrorWire>('/connected_accounts', {
			auth_config: { id: SEED_AUTH_CONFIGS.slackLegacyDisabled },
			connection: { user_id: 'u' },
		});
		expect(disabled.status).toBe(400);
		expect(disabled.body.error.message).toMatch(/disabled/);
		const mismatch = await h.post<ErrorWire>('/connected_accounts', {
			auth_config: { id: SEED_AUTH_CONFIGS.tavilyApiKey },
			connection: { user_id: 'u', state: { authScheme: 'BEARER_TOKEN', val: { token: 'x' } } },
		});
		expect(mismatch.status).toBe(400);
	});
});

describe('Connect Link and the hosted page', () => {
	const h = useSandbox();

	it('answers 201 with the link and creates an INITIATED account at once', async () => {
		const res = await h.post<LinkWire>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
			user_id: 'user_alice',
			callback_url: 'https://app.example.com/cb?from=n8n',
			alias: 'team',
		});
		expect(res.status).toBe(201);
		expect(Object.keys(res.body).sort()).toEqual([
			'connected_account_id',
			'expires_at',
			'link_token',
			'redirect_url',
		]);
		expect(res.body.link_token).toMatch(/^ln_[A-Za-z0-9]+$/);
		expect(res.body.redirect_url).toBe(`${h.url}/link/${res.body.link_token}`);
		expect(res.body.expires_at).toBe('2026-06-01T09:10:00.000Z');
		const account = await h.get<AccountWire>(
			`/connected_accounts/${res.body.connected_account_id}`,
		);
		expect(account.body).toMatchObject({
			status: 'INITIATED',
			alias: 'team',
			user_id: 'user_alice',
			status_reason: null,
		});
		expect(account.body.state.val).toEqual({
			status: 'INITIATED',
			redirectUrl: res.body.redirect_url,
			callback_url: 'https://app.example.com/cb?from=n8n',
		});

		const visit = await h.control.visitLink(res.body.redirect_url, {
			identity: 'alice.team@example.com',
		});
		expect(visit.status).toBe(302);
		expect(visit.location).toBe(
			`https://app.example.com/cb?from=n8n&status=success&connected_account_id=${res.body.connected_account_id}`,
		);
		const active = await h.get<AccountWire>(`/connected_accounts/${res.body.connected_account_id}`);
		expect(active.body.status).toBe('ACTIVE');
		expect(active.body.state.val).toMatchObject({
			status: 'ACTIVE',
			access_token: 'ya29...',
			refresh_token: '1//0...',
			token_type: 'Bearer',
		});
		expect((await h.control.account(res.body.connected_account_id)).identity.email).toBe(
			'alice.team@example.com',
		);

		const again = await h.request(res.body.redirect_url);
		expect(again.status).toBe(409);
		const counters = await h.control.counters();
		expect(counters.linksCreated).toBe(1);
		expect(counters.linkVisits).toBe(2);
	});

	it('marks the account FAILED on ?outcome=fail and redirects with status=failed', async () => {
		const res = await h.post<LinkWire>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.slackManaged,
			user_id: 'user_bob',
			callback_url: 'https://app.example.com/cb',
		});
		const visit = await h.control.visitLink(res.body.redirect_url, { outcome: 'fail' });
		expect(visit.callbackParams).toEqual({
			status: 'failed',
			connected_account_id: res.body.connected_account_id,
		});
		const account = await h.get<AccountWire>(
			`/connected_accounts/${res.body.connected_account_id}`,
		);
		expect(account.body).toMatchObject({
			status: 'FAILED',
			status_reason: 'OAuth callback failed during token exchange',
		});
		expect(account.body.state.val).toMatchObject({ status: 'FAILED', error: 'access_denied' });
	});

	it('shows a small HTML page when there is no callback URL', async () => {
		const res = await h.post<LinkWire>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.tavilyApiKey,
			user_id: 'user_erin',
		});
		const page = await h.request(`${res.body.redirect_url}?api_key=tvly-typed-on-the-form`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		expect(page.text).toContain(res.body.connected_account_id);
		expect((await h.control.account(res.body.connected_account_id)).val.generic_api_key).toBe(
			'tvly-typed-on-the-form',
		);
	});

	it('expires unvisited links lazily, by the sandbox clock', async () => {
		const res = await h.post<LinkWire>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
			user_id: 'user_dave',
		});
		await h.control.advanceClock(599_999);
		expect(
			(await h.get<AccountWire>(`/connected_accounts/${res.body.connected_account_id}`)).body
				.status,
		).toBe('INITIATED');
		await h.control.advanceClock(1);
		const expired = await h.get<AccountWire>(
			`/connected_accounts/${res.body.connected_account_id}`,
		);
		expect(expired.body).toMatchObject({
			status: 'EXPIRED',
			status_reason: 'Connection initiation did not complete within 10 minutes',
			updated_at: '2026-06-01T09:10:00.000Z',
		});
		expect(expired.body.state.val).toEqual({
			status: 'EXPIRED',
			expired_at: '2026-06-01T09:10:00.000Z',
		});
		const page = await h.request(res.body.redirect_url);
		expect(page.status).toBe(410);
		expect(page.text).toContain('expired');
		// The seeded pending connections expire the same way.
		const seeded = await h.get<AccountWire>(
			`/connected_accounts/${SEED_ACCOUNTS.bobGmailInitiated}`,
		);
		expect(seeded.body.status).toBe('EXPIRED');
		const initializing = await h.get<AccountWire>(
			`/connected_accounts/${SEED_ACCOUNTS.carolGithubInitializing}`,
		);
		expect(initializing.body.status).toBe('EXPIRED');
	});

	it('scales the expiry reason to a configured TTL', async () => {
		await h.control.setConfig({ linkTtlMs: 120_000 });
		const res = await h.post<LinkWire>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.githubCustom,
			user_id: 'user_dave',
		});
		expect(res.body.expires_at).toBe('2026-06-01T09:02:00.000Z');
		await h.control.advanceClock(120_000);
		const expired = await h.get<AccountWire>(
			`/connected_accounts/${res.body.connected_account_id}`,
		);
		expect(expired.body.status_reason).toBe(
			'Connection initiation did not complete within 2 minutes',
		);
	});

	it('validates the link body, unknown auth configs and alias clashes', async () => {
		const missing = await h.post<ErrorWire>('/connected_accounts/link', {});
		expect(missing.status).toBe(400);
		expect(missing.body.error.errors).toEqual(['auth_config_id: required', 'user_id: required']);
		expect(
			(
				await h.post('/connected_accounts/link', {
					auth_config_id: 'ac_zzzzzzzzzzzz',
					user_id: 'u',
				})
			).status,
		).toBe(404);
		const clash = await h.post<ErrorWire>('/connected_accounts/link', {
			auth_config_id: SEED_AUTH_CONFIGS.gmailCustom,
			user_id: 'user_alice',
			alias: 'work',
		});
		expect(clash.status).toBe(409);
		expect(clash.body.error.slug).toBe('ConnectedAccount_AliasAlreadyExists');
		// Same alias for another user or another toolkit is fine.
		expect(
			(
				await h.post('/connected_accounts/link', {
					auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
					user_id: 'user_bob',
					alias: 'work',
				})
			).status,
		).toBe(201);
		expect(
			(
				await h.post('/connected_accounts/link', {
					auth_config_id: SEED_AUTH_CONFIGS.githubCustom,
					user_id: 'user_alice',
					alias: 'work',
				})
			).status,
		).toBe(201);
	});

	it('completes the seeded pending Connect Link', async () => {
		const seeded = await h.get<AccountWire>(
			`/connected_accounts/${SEED_ACCOUNTS.bobGmailInitiated}`,
		);
		const redirectUrl = String(seeded.body.state.val.redirectUrl);
		const page = await h.request(redirectUrl);
		expect(page.status).toBe(200);
		const account = await h.get<AccountWire>(
			`/connected_accounts/${SEED_ACCOUNTS.bobGmailInitiated}`,
		);
		expect(account.body).toMatchObject({ status: 'ACTIVE', status_reason: null });
		expect((await h.control.account(SEED_ACCOUNTS.bobGmailInitiated)).identity.email).toBe(
			'bob+bu8ubd@example.com',
		);
	});

	it('answers 404 pages for unknown links', async () => {
		const page = await h.request('/link/ln_doesnotexist');
		expect(page.status).toBe(404);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
	});
});

describe('status, patch, refresh, revoke and delete', () => {
	const h = useSandbox();

	it('disables and enables with {success: true} only; is_disabled follows', async () => {
		const id = SEED_ACCOUNTS.aliceGmailWork;
		const disable = await h.patch(`/connected_accounts/${id}/status`, { enabled: false });
		expect(disable.status).toBe(200);
		expect(disable.body).toEqual({ success: true });
		const inactive = await h.get<AccountWire>(`/connected_accounts/${id}`);
		expect(inactive.body).toMatchObject({
			status: 'INACTIVE',
			is_disabled: true,
			status_reason: 'Connection status updated by user',
		});
		expect(inactive.body.state.val.status).toBe('INACTIVE');
		expect(inactive.body.state.val.access_token).toBe('ya29...');

		expect((await h.patch(`/connected_accounts/${id}/status`, { enabled: false })).body).toEqual({
			success: true,
		});
		expect((await h.patch(`/connected_accounts/${id}/status`, { enabled: true })).body).toEqual({
			success: true,
		});
		expect((await h.get<AccountWire>(`/connected_accounts/${id}`)).body).toMatchObject({
			status: 'ACTIVE',
			is_disabled: false,
		});
	});

	it('refuses to enable/disable accounts that are not ACTIVE/INACTIVE or whose auth config is disabled', async () => {
		expect(
			(
				await h.patch(`/connected_accounts/${SEED_ACCOUNTS.bobGmailExpired}/status`, {
					enabled: true,
				})
			).status,
		).toBe(400);
		expect(
			(
				await h.patch(`/connected_accounts/${SEED_ACCOUNTS.daveSlackLegacy}/status`, {
					enabled: true,
				})
			).status,
		).toBe(400);
		const invalid = await h.patch<ErrorWire>(
			`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}/status`,
			{ enabled: 'yes' },
		);
		expect(invalid.status).toBe(400);
		expect(invalid.body.error.errors).toEqual(['enabled: required boolean']);
	});

	it('patches alias (empty string clears) and API-key credentials; answers {success, id, status}', async () => {
		const id = SEED_ACCOUNTS.aliceTavily;
		const renamed = await h.patch(`/connected_accounts/${id}`, { alias: 'research' });
		expect(renamed.body).toEqual({ success: true, id, status: 'ACTIVE' });
		expect((await h.get<AccountWire>(`/connected_accounts/${id}`)).body.alias).toBe('research');
		await h.patch(`/connected_accounts/${id}`, { alias: '' });
		expect((await h.get<AccountWire>(`/connected_accounts/${id}`)).body.alias).toBeNull();

		await h.patch(`/connected_accounts/${id}`, {
			connection: {
				state: {
					authScheme: 'API_KEY',
					val: { generic_api_key: 'tvly-example-rotated', region: 'eu' },
				},
			},
		});
		const view = await h.control.account(id);
		expect(view.val).toMatchObject({
			generic_api_key: 'tvly-example-rotated',
			region: 'eu',
			status: 'ACTIVE',
		});
		await h.patch(`/connected_accounts/${id}`, {
			connection: { state: { authScheme: 'API_KEY', val: { region: null } } },
		});
		expect((await h.control.account(id)).val).not.toHaveProperty('region');

		const clash = await h.patch<ErrorWire>(`/connected_accounts/${SEED_ACCOUNTS.aliceGmailWork}`, {
			alias: 'personal',
		});
		expect(clash.status).toBe(409);
		const oauth = await h.patch(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}`, {
			connection: { state: { authScheme: 'OAUTH2', val: { access_token: 'x' } } },
		});
		expect(oauth.status).toBe(400);
	});

	it('refresh moves an ACTIVE OAuth account back to INITIATED with a new redirect (ComposioHQ/composio#1914)', async () => {
		const id = SEED_ACCOUNTS.bobGithub;
		const res = await h.post<{ id: string; status: string; redirect_url: string | null }>(
			`/connected_accounts/${id}/refresh?redirect_url=${encodeURIComponent('https://app.example.com/re')}`,
		);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			id,
			status: 'INITIATED',
			redirect_url: expect.stringMatching(new RegExp(`^${h.url}/link/ln_`)),
		});
		expect((await h.get<AccountWire>(`/connected_accounts/${id}`)).body.status).toBe('INITIATED');
		const visit = await h.control.visitLink(res.body.redirect_url ?? '');
		expect(visit.callbackParams).toEqual({ status: 'success', connected_account_id: id });
		const view = await h.control.account(id);
		expect(view.status).toBe('ACTIVE');
		expect(view.identity.login).toBe('bob-builds');

		const apiKey = await h.post(`/connected_accounts/${SEED_ACCOUNTS.aliceTavily}/refresh`);
		expect(apiKey.body).toEqual({
			id: SEED_ACCOUNTS.aliceTavily,
			status: 'ACTIVE',
			redirect_url: null,
		});
		expect(
			(await h.post(`/connected_accounts/${SEED_ACCOUNTS.carolSlackRevoked}/refresh`)).status,
		).toBe(400);
	});

	it('revokes: REVOKED with the revoked tokens, [] when already revoked, 409 when not revokable, 400 for tavily', async () => {
		const id = SEED_ACCOUNTS.daveGmail;
		const res = await h.post(`/connected_accounts/${id}/revoke`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			revoked_tokens: ['access_token', 'refresh_token'],
			connected_account: { id, status: 'REVOKED' },
		});
		const revoked = await h.get<AccountWire>(`/connected_accounts/${id}`);
		expect(revoked.body).toMatchObject({
			status: 'REVOKED',
			status_reason: 'Revoked via user-initiated revoke endpoint',
		});
		expect(revoked.body.state.val).toEqual({
			status: 'REVOKED',
			revoked_at: '2026-06-01T09:00:00.000Z',
		});
		expect((await h.post(`/connected_accounts/${id}/revoke`)).body).toEqual({
			revoked_tokens: [],
			connected_account: { id, status: 'REVOKED' },
		});
		expect(
			(await h.post(`/connected_accounts/${SEED_ACCOUNTS.aliceGithub}/revoke`)).body,
		).toMatchObject({ revoked_tokens: ['access_token'] });
		const initiated = await h.post<ErrorWire>(
			`/connected_accounts/${SEED_ACCOUNTS.bobGmailInitiated}/revoke`,
		);
		expect(initiated.status).toBe(409);
		const tavily = await h.post<ErrorWire>(
			`/connected_accounts/${SEED_ACCOUNTS.aliceTavily}/revoke`,
		);
		expect(tavily.status).toBe(400);
		expect(tavily.body.error.message).toMatch(/tavily does not support revoking/);
	});

	it.each(['INACTIVE', 'EXPIRED', 'FAILED', 'INITIATED', 'INITIALIZING'] as const)(
		'refuses to revoke a %s account: 409 "Connection is not in a revokable state" in the error envelope, nothing changes (changelog 2026-05-12)',
		async (status) => {
			const id = SEED_ACCOUNTS.daveGmail;
			await h.control.setAccountStatus(id, { status });
			const before = await h.control.account(id);
			const res = await h.post<ErrorWire>(`/connected_accounts/${id}/revoke`);
			expect(res.status).toBe(409);
			expect(res.body.error).toMatchObject({
				message: 'Connection is not in a revokable state',
				status: 409,
				slug: expect.any(String),
				code: expect.any(Number),
				suggested_fix: expect.stringContaining(`is ${status}`),
			});
			const after = await h.control.account(id);
			expect(after.status).toBe(status);
			expect(after.val).toEqual(before.val);
			expect((await h.control.counters()).revokes).toBe(0);
		},
	);

	it('revokes an ACTIVE account again after it was re-enabled; REVOKED stays 200 with []', async () => {
		const id = SEED_ACCOUNTS.aliceSlackInactive;
		expect((await h.post(`/connected_accounts/${id}/revoke`)).status).toBe(409);
		expect((await h.patch(`/connected_accounts/${id}/status`, { enabled: true })).status).toBe(200);
		const revoked = await h.post(`/connected_accounts/${id}/revoke`);
		expect(revoked.status).toBe(200);
		expect(revoked.body).toMatchObject({ connected_account: { id, status: 'REVOKED' } });
		const seeded = await h.post(`/connected_accounts/${SEED_ACCOUNTS.carolSlackRevoked}/revoke`);
		expect([seeded.status, seeded.body]).toEqual([
			200,
			{
				revoked_tokens: [],
				connected_account: { id: SEED_ACCOUNTS.carolSlackRevoked, status: 'REVOKED' },
			},
		]);
	});

	it('answers 400 for a connection that is not OAuth 2.0 (revoke covers OAuth 2.0 tokens), even on a toolkit that can revoke', async () => {
		const authConfig = await h.post<{ auth_config: { id: string } }>('/auth_configs', {
			toolkit: { slug: 'github' },
			auth_config: { type: 'use_custom_auth', authScheme: 'BEARER_TOKEN', name: 'GitHub PAT' },
		});
		const created = await h.post<{ id: string }>('/connected_accounts', {
			auth_config: { id: authConfig.body.auth_config.id },
			connection: {
				user_id: 'user_erin',
				state: { authScheme: 'BEARER_TOKEN', val: { status: 'ACTIVE', token: 'ghp_example_1234' } },
			},
		});
		expect(created.status).toBe(201);
		const res = await h.post<ErrorWire>(`/connected_accounts/${created.body.id}/revoke`);
		expect(res.status).toBe(400);
		expect(res.body.error.message).toBe(
			'Revoke is not supported for BEARER_TOKEN connections of toolkit github',
		);
		expect((await h.control.account(created.body.id)).status).toBe('ACTIVE');
	});

	it('revoke_on_delete revokes only an ACTIVE account, like the revoke endpoint', async () => {
		const res = await h.del(
			`/connected_accounts/${SEED_ACCOUNTS.aliceSlackInactive}?revoke_on_delete=true`,
		);
		expect(res.status).toBe(200);
		const view = await h.control.account(SEED_ACCOUNTS.aliceSlackInactive);
		expect([view.status, view.deleted]).toEqual(['INACTIVE', true]);
	});

	it('soft-deletes: {success}, then 404 everywhere; revoke_on_delete adds revoke_job_id', async () => {
		const id = SEED_ACCOUNTS.bobSlackSide;
		const res = await h.del(`/connected_accounts/${id}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ success: true });
		expect((await h.get(`/connected_accounts/${id}`)).status).toBe(404);
		expect((await h.del(`/connected_accounts/${id}`)).status).toBe(404);
		expect((await h.patch(`/connected_accounts/${id}/status`, { enabled: false })).status).toBe(
			404,
		);
		expect((await h.post(`/connected_accounts/${id}/refresh`)).status).toBe(404);
		const list = await h.get<{ items: AccountWire[] }>(
			`/connected_accounts?connected_account_ids=${id}`,
		);
		expect(list.body.items).toEqual([]);
		expect((await h.control.account(id)).deleted).toBe(true);

		const withRevoke = await h.del(
			`/connected_accounts/${SEED_ACCOUNTS.bobSlackAcme}?revoke_on_delete=true`,
		);
		expect(withRevoke.body).toEqual({
			success: true,
			revoke_job_id: expect.stringMatching(/^rvj_/),
		});
		expect((await h.control.account(SEED_ACCOUNTS.bobSlackAcme)).status).toBe('REVOKED');
		expect((await h.control.counters()).deletes).toBe(2);
	});
});
