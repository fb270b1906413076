import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import {
	useSandbox,
	type ErrorWire,
	type ExecuteWire,
	type PageWire,
	type ToolWire,
} from './helpers';

interface ToolkitWire {
	slug: string;
	name: string;
	auth_schemes: string[];
	composio_managed_auth_schemes: string[];
	is_local_toolkit: boolean;
	meta: {
		version: string;
		available_versions?: string[];
		tools_count: number;
		categories: Array<{ id: string }>;
	};
	auth_config_details?: Array<{
		mode: string;
		fields: { connected_account_initiation: { required: Array<{ name: string }> } };
	}>;
}

interface AuthConfigWire {
	id: string;
	type: string;
	toolkit: { slug: string; logo: string };
	name: string;
	auth_scheme: string;
	is_composio_managed: boolean;
	credentials: Record<string, unknown>;
	status: string;
	no_of_connections: number;
}

describe('toolkits and auth configs', () => {
	const h = useSandbox();

	it('lists and gets toolkits', async () => {
		const list = await h.get<PageWire<ToolkitWire>>('/toolkits');
		expect(list.body.items.map((t) => t.slug)).toEqual(['gmail', 'github', 'slack', 'tavily']);
		const byName = await h.get<PageWire<ToolkitWire>>(
			'/toolkits?sort_by=alphabetically&managed_by=composio',
		);
		expect(byName.body.items.map((t) => t.slug)).toEqual(['gmail', 'slack']);
		expect((await h.get('/toolkits?search=gm')).status).toBe(400);
		const gmail = await h.get<ToolkitWire>('/toolkits/gmail');
		expect(gmail.body).toMatchObject({
			slug: 'gmail',
			name: 'Gmail',
			is_local_toolkit: false,
			composio_managed_auth_schemes: ['OAUTH2'],
			meta: {
				version: '20251111_00',
				available_versions: ['20251111_00', '20251027_00', '20250909_00'],
				tools_count: 3,
			},
		});
		const tavily = await h.get<ToolkitWire>('/toolkits/tavily');
		expect(
			tavily.body.auth_config_details?.[0].fields.connected_account_initiation.required.map(
				(f) => f.name,
			),
		).toEqual(['generic_api_key']);
		expect((await h.get<ErrorWire>('/toolkits/nope')).status).toBe(404);
	});

	it('lists auth configs (disabled ones only on request) and redacts/masks their credentials', async () => {
		const list = await h.get<PageWire<AuthConfigWire>>('/auth_configs');
		expect(list.body.items.map((a) => a.id)).not.toContain(SEED_AUTH_CONFIGS.slackLegacyDisabled);
		expect(list.body.total_items).toBe(5);
		const all = await h.get<PageWire<AuthConfigWire>>('/auth_configs?show_disabled=true');
		expect(all.body.total_items).toBe(6);
		const managed = await h.get<PageWire<AuthConfigWire>>('/auth_configs?is_composio_managed=true');
		expect(managed.body.items.map((a) => a.id).sort()).toEqual(
			[SEED_AUTH_CONFIGS.gmailManaged, SEED_AUTH_CONFIGS.slackManaged].sort(),
		);
		const gmail = await h.get<PageWire<AuthConfigWire>>('/auth_configs?toolkit_slug=gmail');
		expect(gmail.body.items).toHaveLength(2);

		const custom = await h.get<AuthConfigWire>(`/auth_configs/${SEED_AUTH_CONFIGS.githubCustom}`);
		expect(custom.body).toMatchObject({
			type: 'custom',
			auth_scheme: 'OAUTH2',
			is_composio_managed: false,
			status: 'ENABLED',
			no_of_connections: 3,
		});
		expect(custom.body.credentials.client_secret).toMatch(/^sec-\.\.\.$/);
		const managedOne = await h.get<AuthConfigWire>(
			`/auth_configs/${SEED_AUTH_CONFIGS.gmailManaged}`,
		);
		expect(Object.keys(managedOne.body.credentials)).toEqual(['scopes']);
		expect((await h.get('/auth_configs/ac_missing000000')).status).toBe(404);
		expect((await h.get('/auth_configs?limit=51')).status).toBe(400);
		expect((await h.get('/auth_configs?limit=51', { version: 'v3' })).status).toBe(200);
	});

	it('creates auth configs: custom auth for a scheme the toolkit supports, or Composio-managed auth', async () => {
		const bearer = await h.post<{
			toolkit: { slug: string };
			auth_config: { id: string; auth_scheme: string; is_composio_managed: boolean };
		}>('/auth_configs', {
			toolkit: { slug: 'github' },
			auth_config: { type: 'use_custom_auth', authScheme: 'BEARER_TOKEN', name: 'GitHub PAT' },
		});
		expect(bearer.status).toBe(201);
		expect(bearer.body).toEqual({
			toolkit: { slug: 'github' },
			auth_config: {
				id: expect.stringMatching(/^ac_/),
				auth_scheme: 'BEARER_TOKEN',
				is_composio_managed: false,
				restrict_to_following_tools: [],
			},
		});
		const stored = await h.get<AuthConfigWire>(`/auth_configs/${bearer.body.auth_config.id}`);
		expect(stored.body).toMatchObject({
			type: 'custom',
			name: 'GitHub PAT',
			auth_scheme: 'BEARER_TOKEN',
			status: 'ENABLED',
			no_of_connections: 0,
		});
		const listed = await h.get<PageWire<AuthConfigWire>>('/auth_configs?toolkit_slug=github');
		expect(listed.body.items.map((a) => a.id)).toContain(bearer.body.auth_config.id);

		const oauth = await h.post<{ auth_config: { id: string } }>('/auth_configs', {
			toolkit: { slug: 'github' },
			auth_config: {
				type: 'use_custom_auth',
				authScheme: 'OAUTH2',
				credentials: { client_id: 'Iv1.other', client_secret: 'shh-secret', scopes: ['repo'] },
			},
		});
		expect(oauth.status).toBe(201);
		const oauthStored = await h.get<AuthConfigWire>(`/auth_configs/${oauth.body.auth_config.id}`);
		expect(oauthStored.body.credentials).toEqual({
			client_id: 'Iv1....',
			client_secret: 'shh-...',
			scopes: 'repo',
		});

		const managed = await h.post<{
			auth_config: { auth_scheme: string; is_composio_managed: boolean };
		}>('/auth_configs', { toolkit: { slug: 'slack' } });
		expect(managed.status).toBe(201);
		expect(managed.body.auth_config).toMatchObject({
			auth_scheme: 'OAUTH2',
			is_composio_managed: true,
		});

		const refusals: Array<[unknown, number, string]> = [
			[{}, 400, 'Request validation failed'],
			[{ toolkit: { slug: 'nope' } }, 404, 'Toolkit nope not found'],
			[{ toolkit: { slug: 'github' } }, 400, 'Composio does not manage auth for toolkit github'],
			[
				{
					toolkit: { slug: 'tavily' },
					auth_config: { type: 'use_custom_auth', authScheme: 'BASIC' },
				},
				400,
				'Toolkit tavily does not support auth scheme BASIC (supported: API_KEY)',
			],
			[
				{
					toolkit: { slug: 'github' },
					auth_config: { type: 'use_custom_auth', authScheme: 'OAUTH2' },
				},
				400,
				'Request validation failed',
			],
		];
		for (const [body, status, message] of refusals) {
			const res = await h.post<ErrorWire>('/auth_configs', body);
			expect([res.status, res.body.error.message]).toEqual([status, message]);
		}
	});
});

describe('tools and versions', () => {
	const h = useSandbox();

	it('returns full Tool objects', async () => {
		const res = await h.get<ToolWire>('/tools/GMAIL_SEND_EMAIL');
		expect(res.status).toBe(200);
		const tool = res.body;
		expect(tool).toMatchObject({
			slug: 'GMAIL_SEND_EMAIL',
			toolkit: { slug: 'gmail', name: 'Gmail', logo: expect.any(String) },
			version: '20251111_00',
			available_versions: ['20251111_00', '20251027_00', '20250909_00'],
			no_auth: false,
			is_deprecated: false,
			deprecated: { version: '20251111_00', is_deprecated: false },
		});
		expect(tool.input_parameters.type).toBe('object');
		expect(tool.input_parameters.required).toEqual(['recipient_email', 'body']);
		expect(tool.input_parameters.properties.is_html).toMatchObject({
			type: 'boolean',
			default: false,
		});
		expect(tool.input_parameters.properties.cc).toMatchObject({
			type: 'array',
			items: { type: 'string' },
		});
		expect(tool.output_parameters.properties.data).toMatchObject({ type: 'object' });
		expect(tool.scopes).toEqual(['https://www.googleapis.com/auth/gmail.send']);
	});

	it('defaults to the base version on v3 and to latest on v3.1', async () => {
		const v3 = await h.get<ToolWire>('/tools/GMAIL_SEND_EMAIL', { version: 'v3' });
		expect(v3.body.version).toBe('00000000_00');
		expect(v3.body.input_parameters.properties).not.toHaveProperty('is_html');
		expect(v3.body.input_parameters.properties).not.toHaveProperty('extra_recipients');
		const pinned = await h.get<ToolWire>('/tools/GMAIL_SEND_EMAIL?version=20251027_00');
		expect(pinned.body.version).toBe('20251027_00');
		expect(pinned.body.input_parameters.properties).toHaveProperty('is_html');
		expect(pinned.body.input_parameters.properties).not.toHaveProperty('extra_recipients');
		const bracket = await h.get<ToolWire>(
			'/tools/GMAIL_SEND_EMAIL?toolkit_versions[gmail]=20250909_00',
			{ version: 'v3' },
		);
		expect(bracket.body.version).toBe('20250909_00');

		// A tool introduced after the base version is missing from v3's default listing.
		expect((await h.get('/tools/GITHUB_LIST_STARGAZERS', { version: 'v3' })).status).toBe(404);
		expect((await h.get('/tools/GITHUB_LIST_STARGAZERS')).status).toBe(200);
		const v3List = await h.get<PageWire<ToolWire>>('/tools?toolkit_slug=github', { version: 'v3' });
		const v31List = await h.get<PageWire<ToolWire>>('/tools?toolkit_slug=github');
		expect(v3List.body.items.map((t) => t.slug)).not.toContain('GITHUB_LIST_STARGAZERS');
		expect(v31List.body.items.map((t) => t.slug)).toContain('GITHUB_LIST_STARGAZERS');
		expect((await h.get('/tools/GMAIL_SEND_EMAIL?version=20990101_00')).status).toBe(404);
	});

	it('filters the tool list', async () => {
		const all = await h.get<PageWire<ToolWire>>('/tools?limit=100');
		expect(all.body.total_items).toBe(9);
		const noDeprecated = await h.get<PageWire<ToolWire>>(
			'/tools?include_deprecated=false&limit=100',
		);
		expect(noDeprecated.body.items.map((t) => t.slug)).not.toContain('SLACK_CHAT_POST_MESSAGE');
		const slugs = await h.get<PageWire<ToolWire>>(
			'/tools?tool_slugs=GMAIL_GET_PROFILE,TAVILY_SEARCH',
		);
		expect(slugs.body.items.map((t) => t.slug)).toEqual(['GMAIL_GET_PROFILE', 'TAVILY_SEARCH']);
		const search = await h.get<PageWire<ToolWire>>('/tools?query=stargazers');
		expect(search.body.items.map((t) => t.slug)).toEqual(['GITHUB_LIST_STARGAZERS']);
		const byAuthConfig = await h.get<PageWire<ToolWire>>(
			`/tools?auth_config_ids=${SEED_AUTH_CONFIGS.tavilyApiKey}`,
		);
		expect(byAuthConfig.body.items.map((t) => t.slug)).toEqual(['TAVILY_SEARCH']);
		const paged = await h.get<PageWire<ToolWire>>('/tools?limit=4');
		expect(paged.body).toMatchObject({ total_pages: 3, current_page: 1, total_items: 9 });
	});
});

describe('tool execution', () => {
	const h = useSandbox();
	const execute = (slug: string, body: Record<string, unknown>, version: 'v3' | 'v3.1' = 'v3.1') =>
		h.post<ExecuteWire & ErrorWire>(`/tools/execute/${slug}`, body, { version });

	it("runs with the chosen connected account and returns that account's data", async () => {
		const work = await execute('GMAIL_GET_PROFILE', {
			connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
			user_id: 'user_alice',
			version: '20251111_00',
			arguments: {},
		});
		expect(work.status).toBe(200);
		expect(work.body).toEqual({
			data: {
				emailAddress: 'alice.work@example.com',
				messagesTotal: expect.any(Number),
				threadsTotal: expect.any(Number),
				historyId: expect.any(String),
			},
			error: null,
			successful: true,
			log_id: expect.stringMatching(/^log_[A-Za-z0-9_-]{12}$/),
			session_info: null,
		});
		// Without an explicit account, the user's most recent ACTIVE account of the toolkit runs.
		const latest = await execute('GMAIL_GET_PROFILE', { user_id: 'user_alice', arguments: {} });
		expect(latest.body.data.emailAddress).toBe('alice.personal@example.com');
		// Deterministic per account.
		const again = await execute('GMAIL_GET_PROFILE', {
			connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
			arguments: {},
		});
		expect(again.body.data).toEqual(work.body.data);

		const github = await execute('GITHUB_GET_THE_AUTHENTICATED_USER', { user_id: 'user_bob' });
		expect(github.body.data).toMatchObject({
			login: 'bob-builds',
			html_url: 'https://github.com/bob-builds',
		});

		const counters = (await h.control.counters()).toolExecutions;
		expect(counters.total).toBe(4);
		expect(counters.bySlug).toEqual({ GMAIL_GET_PROFILE: 3, GITHUB_GET_THE_AUTHENTICATED_USER: 1 });
		expect(counters.byAccount).toEqual({
			[SEED_ACCOUNTS.aliceGmailWork]: 2,
			[SEED_ACCOUNTS.aliceGmailPersonal]: 1,
			[SEED_ACCOUNTS.bobGithub]: 1,
		});
	});

	it('reports provider-side failures as HTTP 200 with successful:false', async () => {
		const res = await execute('GMAIL_SEND_EMAIL', {
			connected_account_id: SEED_ACCOUNTS.daveGmail,
			arguments: { recipient_email: 'nobody@invalid.example', body: 'hi' },
			version: '20251111_00',
		});
		expect(res.status).toBe(200);
		expect(res.body.successful).toBe(false);
		expect(res.body.error).toMatch(/Invalid To header/);
		expect(res.body.data).toEqual({});
		const ok = await execute('GMAIL_SEND_EMAIL', {
			connected_account_id: SEED_ACCOUNTS.daveGmail,
			arguments: { recipient_email: 'friend@example.com', subject: 'Hello', body: 'hi' },
		});
		expect(ok.body).toMatchObject({ successful: true, error: null, data: { labelIds: ['SENT'] } });
		const slack = await execute('SLACK_SEND_MESSAGE', {
			user_id: 'user_bob',
			arguments: { channel: '#does-not-exist', text: 'x' },
		});
		expect(slack.body).toMatchObject({
			successful: false,
			error: 'Slack API error: channel_not_found',
		});
		const tavily = await execute('TAVILY_SEARCH', {
			user_id: 'user_alice',
			arguments: { query: 'provider-rate-limit please' },
		});
		expect(tavily.body.error).toMatch(/429 Too Many Requests/);
		expect((await h.control.counters()).toolExecutions.failed).toBe(3);
	});

	it("validates arguments against the version's input schema", async () => {
		const missing = await execute('GMAIL_SEND_EMAIL', {
			user_id: 'user_dave',
			arguments: { subject: 'x' },
		});
		expect(missing.status).toBe(400);
		expect(missing.body.error.errors).toEqual([
			'Missing required argument: recipient_email',
			'Missing required argument: body',
		]);
		const types = await execute('TAVILY_SEARCH', {
			user_id: 'user_alice',
			arguments: { query: 'q', max_results: 'five', search_depth: 'deep' },
		});
		expect(types.body.error.errors).toEqual([
			'Invalid value for argument search_depth: must be one of basic, advanced',
			'Invalid type for argument max_results: expected integer, got string',
		]);
		const both = await execute('GMAIL_GET_PROFILE', {
			user_id: 'user_alice',
			arguments: {},
			text: 'who am i',
		});
		expect(both.status).toBe(400);
		expect(both.body.error.errors).toEqual(["Only one of 'text' or 'arguments' must be provided"]);
		expect((await h.control.counters()).toolExecutions.total).toBe(0);
	});

	it('checks the version against available_versions', async () => {
		const bad = await execute('GMAIL_GET_PROFILE', {
			user_id: 'user_alice',
			version: '20240101_00',
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toBe(
			'Version 20240101_00 is not available for tool GMAIL_GET_PROFILE',
		);
		const latest = await execute('GMAIL_GET_PROFILE', { user_id: 'user_alice', version: 'latest' });
		expect(latest.status).toBe(200);
		// v3 without version runs the base version, where GITHUB_LIST_STARGAZERS does not exist yet.
		const base = await execute(
			'GITHUB_LIST_STARGAZERS',
			{ user_id: 'user_alice', arguments: { owner: 'o', repo: 'r' } },
			'v3',
		);
		expect(base.status).toBe(404);
		const v31 = await execute('GITHUB_LIST_STARGAZERS', {
			user_id: 'user_alice',
			arguments: { owner: 'o', repo: 'r' },
		});
		expect(v31.body.successful).toBe(true);
		// An argument that only exists in newer versions is not checked on older ones.
		const old = await execute('TAVILY_SEARCH', {
			user_id: 'user_alice',
			version: '20250909_00',
			arguments: { query: 'q', topic: 123 },
		});
		expect(old.status).toBe(200);
		const tooNew = await execute('TAVILY_SEARCH', {
			user_id: 'user_alice',
			version: '20251111_00',
			arguments: { query: 'q', topic: 123 },
		});
		expect(tooNew.status).toBe(400);
	});

	it('enforces the account rules', async () => {
		const inactive = await execute('SLACK_SEND_MESSAGE', {
			connected_account_id: SEED_ACCOUNTS.aliceSlackInactive,
			arguments: { channel: 'C1', text: 'x' },
		});
		expect(inactive.status).toBe(422);
		expect(inactive.body.error.message).toMatch(/is INACTIVE/);
		const expired = await execute('GMAIL_GET_PROFILE', {
			connected_account_id: SEED_ACCOUNTS.bobGmailExpired,
		});
		expect(expired.status).toBe(422);
		const otherUser = await execute('GMAIL_GET_PROFILE', {
			connected_account_id: SEED_ACCOUNTS.aliceGmailWork,
			user_id: 'user_bob',
		});
		expect(otherUser.status).toBe(400);
		expect(otherUser.body.error.code).toBe(1803);
		const wrongToolkit = await execute('GMAIL_GET_PROFILE', {
			connected_account_id: SEED_ACCOUNTS.aliceGithub,
		});
		expect(wrongToolkit.status).toBe(400);
		expect(wrongToolkit.body.error.message).toMatch(/github account/);
		const unknown = await execute('GMAIL_GET_PROFILE', { connected_account_id: 'ca_unknown12345' });
		expect(unknown.body.error).toMatchObject({ code: 1803, status: 400 });
		const deleted = await execute('GITHUB_GET_THE_AUTHENTICATED_USER', {
			connected_account_id: SEED_ACCOUNTS.carolGithubDeleted,
		});
		expect(deleted.body.error.code).toBe(1803);
		const noneActive = await execute('GMAIL_GET_PROFILE', { user_id: 'user_bob' });
		expect(noneActive.body.error).toMatchObject({
			code: 1803,
			slug: 'ActionExecute_ConnectedAccountNotFound',
		});
		expect(noneActive.body.error.message).toBe(
			'No connected account found for user user_bob and toolkit gmail (the user has 2 gmail account(s) that are not ACTIVE: EXPIRED, INITIATED)',
		);
		const nobody = await execute('GMAIL_GET_PROFILE', { user_id: 'user_erin' });
		expect(nobody.body.error.message).toBe(
			'No connected account found for user user_erin and toolkit gmail',
		);
		const noUser = await execute('GMAIL_GET_PROFILE', {});
		expect(noUser.body.error.code).toBe(1803);
		expect((await execute('GMAIL_NOT_A_TOOL', { user_id: 'user_alice' })).status).toBe(404);
	});
});
