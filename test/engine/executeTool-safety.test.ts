/**
 * Composio Execute Tool: execution safety (many items with bounded concurrency and no duplicate
 * execution, retries only on 429, a lost answer or a timeout reported and never repeated), the
 * "not connected → Connect Link" path, and per-call custom auth — through n8n's engine against the sandbox.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { mapped, toolNode as tool } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';
import { pollUntil } from '../harness/poll';

const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;
const EXECUTE_PATH = '/api/v3.1/tools/execute/*';

const suite = useSandboxSuite();

const { toolExecutions: executions } = suite;

describe('many items', () => {
	it('runs every item exactly once with bounded concurrency, in input order, looking the tool and the accounts up once', async () => {
		const items: INodeExecutionData[] = Array.from({ length: 12 }, (_, i) => ({
			json: { text: `message ${i + 1}` },
		}));
		const result = await suite.engine.runNode(
			tool('SLACK_SEND_MESSAGE', {
				userId: 'user_bob',
				arguments: mapped({ channel: '#releases', text: '={{ $json.text }}' }),
				options: { concurrency: 4 },
			}),
			items,
		);
		expect(result.status).toBe('success');
		const out = result.output('Execute');
		expect(out).toHaveLength(12);
		expect(out.map((i) => i.pairedItem)).toEqual(items.map((_, i) => ({ item: i })));
		expect(out.map((i) => ((i.json.data as IDataObject).message as IDataObject).text)).toEqual(
			items.map((i) => i.json.text),
		);
		// bob's most recent ACTIVE slack account is "side-project".
		expect(new Set(out.map((i) => i.json.connected_account_id))).toEqual(new Set([A.bobSlackSide]));
		// Every message got its own Slack timestamp: twelve distinct executions.
		expect(new Set(out.map((i) => (i.json.data as IDataObject).ts)).size).toBe(12);

		const counters = await suite.control.counters();
		expect(counters.toolExecutions).toEqual({
			total: 12,
			bySlug: { SLACK_SEND_MESSAGE: 12 },
			byAccount: { [A.bobSlackSide]: 12 },
			failed: 0,
		});
		const sent = (await executions()).map(
			(r) => ((r.body as IDataObject).arguments as IDataObject).text,
		);
		expect(sent.sort()).toEqual(items.map((i) => i.json.text as string).sort());
		expect(counters.requests.byRoute).toEqual({
			'GET /tools/:tool_slug': 1,
			'GET /connected_accounts': 1,
			'POST /tools/execute/:tool_slug': 12,
		});
	});

	it('with concurrency 1 a failing item stops the run and later items never execute', async () => {
		const result = await suite.engine.runNode(
			tool('GMAIL_SEND_EMAIL', {
				arguments: mapped({ recipient_email: '={{ $json.to }}', body: 'Hi' }),
			}),
			[
				{ json: { to: 'ann@example.com' } },
				{ json: { to: 'bad@invalid.example' } },
				{ json: { to: 'cy@example.com' } },
			],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('GMAIL_SEND_EMAIL was not successful');
		expect((await suite.control.counters()).toolExecutions.total).toBe(2);
	});
});

describe('retries: execute is not idempotent', () => {
	it('a 429 (refused before running) is retried and the tool runs once', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: EXECUTE_PATH,
			kind: 'status',
			status: 429,
			retryAfter: 0,
		});
		const result = await suite.engine.runNode(tool('GMAIL_GET_PROFILE'));
		expect(result.status).toBe('success');
		expect((await executions()).map((r) => r.status)).toEqual([429, 200]);
		expect((await suite.control.counters()).toolExecutions.total).toBe(1);
	});

	it('a 500 is reported and not retried', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: EXECUTE_PATH,
			kind: 'status',
			status: 500,
		});
		const result = await suite.engine.runNode(tool('GMAIL_GET_PROFILE'));
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('500');
		expect(await executions()).toHaveLength(1);
	});

	it('a lost answer (the tool ran, the connection dropped) is reported as "may have run", not repeated', async () => {
		await suite.control.injectFault({ method: 'POST', path: EXECUTE_PATH, kind: 'drop_after' });
		const result = await suite.engine.runNode(tool('GMAIL_GET_PROFILE'));
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain('may already have run');
		expect(await executions()).toHaveLength(1);
		expect((await suite.control.counters()).toolExecutions.total).toBe(1);
	});

	it('a timeout is reported, not repeated', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: EXECUTE_PATH,
			kind: 'delay',
			delayMs: 1500,
		});
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { options: { timeout: 1 } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Composio did not answer POST /api/v3.1/tools/execute/GMAIL_GET_PROFILE in time',
		);
		expect(result.error?.description).toContain('was not repeated');
		// The server still finishes the one request it received.
		await pollUntil(async () =>
			(await suite.control.counters()).toolExecutions.total === 1 ? true : undefined,
		);
		expect(await executions()).toHaveLength(1);
	});
});

describe('not connected → Connect Link', () => {
	const returnLink = { returnConnectLink: true };

	it('returns connected:false with a fresh link instead of failing; after connecting, the tool runs with the new account', async () => {
		const node = tool('GMAIL_GET_PROFILE', { userId: 'user_erin', options: returnLink });
		const first = await suite.engine.runNode(node);
		expect(first.status).toBe('success');
		const [out] = first.json('Execute');
		expect(out).toMatchObject({
			connected: false,
			tool: 'GMAIL_GET_PROFILE',
			toolkit: 'gmail',
			user_id: 'user_erin',
			// The first enabled gmail auth config Composio lists (newest first).
			auth_config_id: AC.gmailCustom,
		});
		expect(out.connect_url).toMatch(new RegExp(`^${suite.sandbox.url}/link/ln_`));
		expect(out.expires_at).toBe('2026-06-01T09:10:00.000Z');
		expect(out.message).toBe(
			'The user has no active gmail account, so GMAIL_GET_PROFILE did not run. Ask them to open connect_url to connect their gmail account (the link expires at 2026-06-01T09:10:00.000Z), then try again.',
		);
		const counters = await suite.control.counters();
		expect(counters.linksCreated).toBe(1);
		expect(counters.toolExecutions.total).toBe(0);
		const link = (await suite.control.requests()).find(
			(r) => r.path === '/api/v3.1/connected_accounts/link',
		);
		expect(link?.body).toEqual({ auth_config_id: AC.gmailCustom, user_id: 'user_erin' });

		const visit = await suite.control.visitLink(out.connect_url as string, {
			identity: 'erin@example.com',
		});
		expect(visit.status).toBe(200);
		const second = await suite.engine.runNode(node);
		const [ran] = second.json('Execute');
		expect((ran.data as IDataObject).emailAddress).toBe('erin@example.com');
		expect(ran.connected_account_id).toBe(out.connected_account_id);
	});

	it('also when the only accounts are EXPIRED or pending', async () => {
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', {
				userId: 'user_bob',
				options: {
					...returnLink,
					authConfig: { __rl: true, mode: 'id', value: AC.gmailManaged },
					callbackUrl: 'https://app.example.com/connected',
				},
			}),
		);
		const [out] = result.json('Execute');
		expect(out).toMatchObject({ connected: false, auth_config_id: AC.gmailManaged });
		const link = (await suite.control.requests()).find(
			(r) => r.path === '/api/v3.1/connected_accounts/link',
		);
		expect(link?.body).toEqual({
			auth_config_id: AC.gmailManaged,
			user_id: 'user_bob',
			callback_url: 'https://app.example.com/connected',
		});
	});

	it('By Alias: a missing alias gets a link that creates the account under that alias', async () => {
		const node = tool('GMAIL_GET_PROFILE', {
			userId: 'user_dave',
			accountSelection: 'alias',
			accountAlias: 'work',
			options: returnLink,
		});
		const first = await suite.engine.runNode(node);
		const [out] = first.json('Execute');
		expect(out.message).toContain('no gmail account with the alias "work"');
		await suite.control.visitLink(out.connect_url as string, { identity: 'dave.work@example.com' });
		const second = await suite.engine.runNode(node);
		expect((second.json('Execute')[0].data as IDataObject).emailAddress).toBe(
			'dave.work@example.com',
		);
	});

	it('is not offered when the user’s account is disabled (a pause would be undone)', async () => {
		const result = await suite.engine.runNode(
			tool('SLACK_SEND_MESSAGE', {
				arguments: mapped({ channel: '#general', text: 'hi' }),
				options: returnLink,
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Account: user "user_alice" has no ACTIVE slack account');
		expect((await suite.control.counters()).linksCreated).toBe(0);
	});

	it('refuses an auth config of another toolkit', async () => {
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', {
				userId: 'user_erin',
				options: { ...returnLink, authConfig: { __rl: true, mode: 'id', value: AC.slackManaged } },
			}),
		);
		expect(result.error?.message).toBe(
			`Options → Auth Config for Connect Links: auth config ${AC.slackManaged} is for slack, but GMAIL_GET_PROFILE needs a gmail account`,
		);
		expect((await suite.control.counters()).linksCreated).toBe(0);
	});
});

describe('custom auth parameters', () => {
	it('are sent with the call; with User’s Default no account is looked up or named', async () => {
		const result = await suite.engine.runNode(
			tool('TAVILY_SEARCH', {
				userId: 'user_erin',
				arguments: mapped({ query: 'n8n' }),
				options: {
					customAuthBaseUrl: 'https://api.tavily.example',
					customAuthParameters: {
						parameter: [{ name: 'x-api-key', in: 'header', value: 'tvly-own-key' }],
					},
				},
			}),
		);
		expect(result.status).toBe('success');
		expect(result.json('Execute')[0]).toMatchObject({
			successful: true,
			connected_account_id: null,
		});
		const [execute] = await executions();
		expect(execute.body).toEqual({
			user_id: 'user_erin',
			version: '20251111_00',
			arguments: { query: 'n8n' },
			custom_auth_params: {
				base_url: 'https://api.tavily.example',
				parameters: [{ name: 'x-api-key', in: 'header', value: 'tvly-own-key' }],
			},
		});
		expect(
			(await suite.control.requests()).some((r) => r.path.endsWith('/connected_accounts')),
		).toBe(false);
	});
});
