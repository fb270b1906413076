/**
 * Connected Account, connecting: Connect (Connect Link and initiate with credentials, the
 * allow-multiple guard), Wait for Connection (every outcome), Connect/Refresh with an in-step wait,
 * Refresh — through n8n's engine against the sandbox; the user's side of the hosted page is played
 * with the sandbox's link visit while the node runs.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { byId, connectedAccountNode as node } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';
import { pollUntil } from '../harness/poll';

const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;
/** The sandbox clock is frozen at 2026-06-01T09:00:00Z; links live 10 minutes. */
const TEN_MINUTES_LATER = '2026-06-01T09:10:00.000Z';

const suite = useSandboxSuite();
const { accountStatus: statusOf } = suite;

function connect(parameters: IDataObject) {
	return node('connect', parameters);
}

async function requestLines() {
	return (await suite.control.requests(50)).map((r) =>
		r.rawQuery ? `${r.method} ${r.path}?${r.rawQuery}` : `${r.method} ${r.path}`,
	);
}

/** The pending hosted link of an account, once it exists. */
async function pendingLink(accountId: string) {
	return await pollUntil(async () =>
		(await suite.control.links()).find(
			(l) => l.connectedAccountId === accountId && l.state === 'pending',
		),
	);
}

/** Resolves once the node has read the account at least `count` times (it is polling). */
async function polled(accountId: string, count = 1) {
	await pollUntil(async () => {
		const reads = (await suite.control.requests(200)).filter(
			(r) => r.method === 'GET' && r.path === `/api/v3.1/connected_accounts/${accountId}`,
		);
		return reads.length >= count ? true : undefined;
	});
}

describe('Connect with a Connect Link', () => {
	it('returns the account ID, the hosted link and its expiry at once; visiting the link activates it', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: '={{ $json.userId }}',
				authConfig: { __rl: true, mode: 'list', value: AC.gmailManaged },
			}),
			[{ json: { userId: 'user_erin' } }],
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Account');
		expect(out).toEqual({
			connected_account_id: expect.stringMatching(/^ca_/),
			status: 'INITIATED',
			redirect_url: expect.stringMatching(new RegExp(`^${suite.sandbox.url}/link/ln_`)),
			expires_at: TEN_MINUTES_LATER,
			user_id: 'user_erin',
			auth_config_id: AC.gmailManaged,
			toolkit: 'gmail',
			authScheme: 'OAUTH2',
			method: 'link',
		});
		expect(result.output('Account')[0].pairedItem).toEqual({ item: 0 });

		expect(await requestLines()).toEqual([
			`GET /api/v3.1/auth_configs/${AC.gmailManaged}`,
			`GET /api/v3.1/connected_accounts?user_ids=user_erin&auth_config_ids=${AC.gmailManaged}&statuses=ACTIVE%2CINITIATED%2CINITIALIZING&order_by=created_at&order_direction=desc&limit=100`,
			'POST /api/v3.1/connected_accounts/link',
		]);
		const [, , post] = await suite.control.requests(3);
		expect(post.body).toEqual({ auth_config_id: AC.gmailManaged, user_id: 'user_erin' });

		await suite.control.visitLink(out.redirect_url as string);
		expect((await suite.control.account(out.connected_account_id as string)).status).toBe('ACTIVE');
	});

	it('sends alias, callback URL and connection data', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.slackManaged),
				options: {
					alias: 'ops',
					callbackUrl: 'https://example.com/done?src=n8n',
					connectionData: '{"region": "eu"}',
				},
			}),
		);
		expect(result.status).toBe('success');
		const post = (await suite.control.requests(10)).find((r) => r.method === 'POST');
		expect(post?.body).toEqual({
			auth_config_id: AC.slackManaged,
			user_id: 'user_erin',
			callback_url: 'https://example.com/done?src=n8n',
			alias: 'ops',
			connection_data: { region: 'eu' },
		});
		const [out] = result.json('Account');
		const visit = await suite.control.visitLink(out.redirect_url as string);
		expect(visit.callbackParams).toEqual({
			src: 'n8n',
			status: 'success',
			connected_account_id: out.connected_account_id,
		});
		expect((await suite.control.account(out.connected_account_id as string)).alias).toBe('ops');
	});

	it('the allow-multiple guard refuses a second ACTIVE account for the same auth config, unless allowed', async () => {
		const refused = await suite.engine.runNode(
			connect({ userId: 'user_alice', authConfig: byId(AC.tavilyApiKey) }),
		);
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toBe(
			`User user_alice already has an ACTIVE connected account for auth config ${AC.tavilyApiKey} (${A.aliceTavily})`,
		);
		expect(refused.error?.description).toContain('Allow Multiple');
		expect((await suite.control.requests(10)).some((r) => r.method === 'POST')).toBe(false);

		// Bob's gmail sign-in is still pending (INITIATED, its link not expired): a re-run refuses too.
		const pending = await suite.engine.runNode(
			connect({ userId: 'user_bob', authConfig: byId(AC.gmailManaged) }),
		);
		expect(pending.status).toBe('error');
		expect(pending.error?.message).toBe(
			`User user_bob already has a pending connected account for auth config ${AC.gmailManaged} (${A.bobGmailInitiated}, INITIATED): the user has not finished connecting it yet`,
		);
		expect(pending.error?.description).toContain('Allow Multiple');

		// Once the link expired (EXPIRED, like bob's other gmail account), reconnecting goes ahead.
		await suite.control.advanceClock(11 * 60 * 1000);
		expect(await statusOf(A.bobGmailInitiated)).toBe('EXPIRED');
		const reconnect = await suite.engine.runNode(
			connect({ userId: 'user_bob', authConfig: byId(AC.gmailManaged) }),
		);
		expect(reconnect.status).toBe('success');

		await suite.control.clearRequests();
		const allowed = await suite.engine.runNode(
			connect({
				userId: 'user_alice',
				authConfig: byId(AC.tavilyApiKey),
				options: { allowMultiple: true, alias: 'second' },
			}),
		);
		expect(allowed.status).toBe('success');
		expect(await requestLines()).toEqual([
			`GET /api/v3.1/auth_configs/${AC.tavilyApiKey}`,
			'POST /api/v3.1/connected_accounts/link',
		]);
	});
});

describe('Connect: no duplicate pending accounts', () => {
	it('a re-run while the first Connect Link is still open is refused; INITIALIZING counts too', async () => {
		const first = await suite.engine.runNode(
			connect({ userId: 'user_erin', authConfig: byId(AC.gmailManaged) }),
		);
		expect(first.status).toBe('success');
		const [{ connected_account_id: id }] = first.json('Account');
		await suite.control.clearRequests();
		const again = await suite.engine.runNode(
			connect({ userId: 'user_erin', authConfig: byId(AC.gmailManaged) }),
		);
		expect(again.status).toBe('error');
		expect(again.error?.message).toBe(
			`User user_erin already has a pending connected account for auth config ${AC.gmailManaged} (${String(id)}, INITIATED): the user has not finished connecting it yet`,
		);
		expect((await suite.control.requests(10)).some((r) => r.method === 'POST')).toBe(false);
		expect(await suite.control.counters()).toMatchObject({ linksCreated: 1 });

		const initializing = await suite.engine.runNode(
			connect({ userId: 'user_carol', authConfig: byId(AC.githubCustom) }),
		);
		expect(initializing.error?.message).toBe(
			`User user_carol already has a pending connected account for auth config ${AC.githubCustom} (${A.carolGithubInitializing}, INITIALIZING): the user has not finished connecting it yet`,
		);
	});
});

describe('Connect with credentials (initiate)', () => {
	it('an API-key auth config is ACTIVE at once, with the key under the toolkit’s field name', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.tavilyApiKey),
				method: 'initiate',
				authScheme: 'API_KEY',
				apiKey: 'tvly-erin-secret-key',
			}),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Account');
		expect(out).toEqual({
			connected_account_id: expect.stringMatching(/^ca_/),
			status: 'ACTIVE',
			redirect_url: null,
			expires_at: null,
			user_id: 'user_erin',
			auth_config_id: AC.tavilyApiKey,
			toolkit: 'tavily',
			authScheme: 'API_KEY',
			method: 'initiate',
		});
		expect(await requestLines()).toEqual([
			`GET /api/v3.1/auth_configs/${AC.tavilyApiKey}`,
			`GET /api/v3.1/connected_accounts?user_ids=user_erin&auth_config_ids=${AC.tavilyApiKey}&statuses=ACTIVE%2CINITIATED%2CINITIALIZING&order_by=created_at&order_direction=desc&limit=100`,
			'GET /api/v3.1/toolkits/tavily',
			'POST /api/v3.1/connected_accounts',
		]);
		const post = (await suite.control.requests(10)).find((r) => r.method === 'POST');
		expect(post?.body).toEqual({
			auth_config: { id: AC.tavilyApiKey },
			connection: {
				user_id: 'user_erin',
				state: {
					authScheme: 'API_KEY',
					val: { generic_api_key: 'tvly-erin-secret-key', status: 'ACTIVE' },
				},
			},
		});
		const stored = await suite.control.account(out.connected_account_id as string);
		expect(stored.status).toBe('ACTIVE');
		expect(stored.val.generic_api_key).toBe('tvly-erin-secret-key');
	});

	it('a bearer-token auth config is ACTIVE at once, and Execute Tool then runs with that account', async () => {
		// The seed has no bearer-token auth config; create one the way a project would.
		const created = await fetch(`${suite.sandbox.url}/api/v3.1/auth_configs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': suite.sandbox.apiKey },
			body: JSON.stringify({
				toolkit: { slug: 'github' },
				auth_config: { type: 'use_custom_auth', authScheme: 'BEARER_TOKEN' },
			}),
		});
		const authConfigId = ((await created.json()) as { auth_config: { id: string } }).auth_config.id;
		await suite.control.clearRequests();
		const result = await suite.engine.run({
			nodes: [
				connect({
					userId: 'user_erin',
					authConfig: byId(authConfigId),
					method: 'initiate',
					authScheme: 'BEARER_TOKEN',
					bearerToken: 'ghp_erinPersonalAccessToken',
				}),
				{
					name: 'Execute',
					type: 'n8n-nodes-composio.composioExecuteTool',
					parameters: {
						tool: { __rl: true, mode: 'id', value: 'GITHUB_GET_THE_AUTHENTICATED_USER' },
						userId: '={{ $json.user_id }}',
						accountSelection: 'specific',
						connectedAccount: byId('={{ $json.connected_account_id }}'),
					},
				},
			],
			connections: { Account: 'Execute' },
		});
		expect(result.status).toBe('success');
		const [out] = result.json('Account');
		expect(out).toMatchObject({
			status: 'ACTIVE',
			redirect_url: null,
			auth_config_id: authConfigId,
			toolkit: 'github',
			authScheme: 'BEARER_TOKEN',
			method: 'initiate',
		});
		const post = (await suite.control.requests(10)).find((r) => r.method === 'POST');
		expect(post?.body).toEqual({
			auth_config: { id: authConfigId },
			connection: {
				user_id: 'user_erin',
				state: {
					authScheme: 'BEARER_TOKEN',
					val: { token: 'ghp_erinPersonalAccessToken', status: 'ACTIVE' },
				},
			},
		});
		const stored = await suite.control.account(out.connected_account_id as string);
		expect(stored.val.token).toBe('ghp_erinPersonalAccessToken');
		const [executed] = result.json('Execute');
		expect(executed).toMatchObject({
			successful: true,
			tool: 'GITHUB_GET_THE_AUTHENTICATED_USER',
			user_id: 'user_erin',
			connected_account_id: out.connected_account_id,
		});
	});

	it('a custom OAuth app returns the provider sign-in URL (INITIATED)', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.githubCustom),
				method: 'initiate',
				authScheme: 'OAUTH2',
				options: { callbackUrl: 'https://example.com/back' },
			}),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Account');
		expect(out).toMatchObject({
			status: 'INITIATED',
			redirect_url: expect.stringMatching(new RegExp(`^${suite.sandbox.url}/link/ln_`)),
			method: 'initiate',
			authScheme: 'OAUTH2',
			toolkit: 'github',
		});
		const post = (await suite.control.requests(10)).find((r) => r.method === 'POST');
		expect(post?.body).toEqual({
			auth_config: { id: AC.githubCustom },
			connection: {
				user_id: 'user_erin',
				callback_url: 'https://example.com/back',
				state: { authScheme: 'OAUTH2', val: { status: 'INITIALIZING' } },
			},
		});
		await suite.control.visitLink(out.redirect_url as string);
		expect((await suite.control.account(out.connected_account_id as string)).status).toBe('ACTIVE');
	});

	it('refuses Composio-managed OAuth before creating anything', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.gmailManaged),
				method: 'initiate',
				authScheme: 'OAUTH2',
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Auth config ${AC.gmailManaged} is a Composio-managed OAUTH2 auth config; Composio connects these only through a Connect Link`,
		);
		expect(result.error?.description).toBe('Set Method to "Connect Link (Hosted Page)".');
		expect(await requestLines()).toEqual([`GET /api/v3.1/auth_configs/${AC.gmailManaged}`]);
	});

	it('refuses credentials of another scheme than the auth config’s', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.tavilyApiKey),
				method: 'initiate',
				authScheme: 'BEARER_TOKEN',
				bearerToken: 'abc',
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Auth Scheme: the auth config ${AC.tavilyApiKey} uses API_KEY, not BEARER_TOKEN`,
		);
		expect(result.error?.description).toBe('Set Auth Scheme to "API Key".');
		expect((await suite.control.requests(10)).some((r) => r.method === 'POST')).toBe(false);
	});

	it('with "Wait for Connection" an API-key account reports connection: active in the same step', async () => {
		const result = await suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.tavilyApiKey),
				method: 'initiate',
				apiKey: 'tvly-k',
				options: { waitForConnection: true, waitTimeout: 5 },
			}),
		);
		const [out] = result.json('Account');
		expect(out).toMatchObject({ status: 'ACTIVE', connection: 'active', status_reason: null });
	});
});

describe('Connect input is checked before any request', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['empty user ID', { userId: '  ' }, 'User ID: is empty'],
		[
			'malformed auth config',
			{ authConfig: byId('={{ $json.bad }}') },
			'Auth Config: "gmail" is not a valid auth config ID',
		],
		[
			'callback URL that is not http(s)',
			{ options: { callbackUrl: 'ftp://example.com' } },
			'Options → Callback URL: "ftp://example.com" is not an http(s) URL',
		],
		[
			'connection data that is not an object',
			{ options: { connectionData: '[1, 2]' } },
			'Options → Connection Data: expected a JSON object but got a list ([1,2])',
		],
		[
			'a wait longer than the link lives',
			{ options: { waitForConnection: true, waitTimeout: 601 } },
			'Options → Wait Timeout: must be between 1 and 600 (got 601)',
		],
		[
			'an empty API key',
			{ method: 'initiate', authScheme: 'API_KEY', apiKey: '={{ $json.missing }}' },
			'API Key: expected text but got nothing',
		],
	];
	// Static values are checked by n8n itself; these come from expressions, as in real workflows.
	it.each(cases)('%s', async (_name, parameters, message) => {
		const result = await suite.engine.runNode(
			connect({ userId: 'user_erin', authConfig: byId(AC.gmailManaged), ...parameters }),
			[{ json: { bad: 'gmail' } }],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(await suite.control.requests(5)).toEqual([]);
	});
});

describe('Wait for Connection', () => {
	function wait(id: string, parameters: IDataObject = {}) {
		return node('waitForConnection', { connectedAccount: byId(id), timeout: 10, ...parameters });
	}

	it('active: keeps polling while INITIATED and returns when the user completes the link', async () => {
		const link = await pendingLink(A.bobGmailInitiated);
		const running = suite.engine.runNode(wait(A.bobGmailInitiated));
		await polled(A.bobGmailInitiated, 1);
		await suite.control.visitLink(link.url, { identity: 'bob.new@example.com' });
		const result = await running;
		expect(result.status).toBe('success');
		expect(result.json('Account')[0]).toMatchObject({
			connection: 'active',
			id: A.bobGmailInitiated,
			status: 'ACTIVE',
			user_id: 'user_bob',
			toolkit: 'gmail',
		});
		const reads = (await suite.control.requests(100)).filter(
			(r) => r.path === `/api/v3.1/connected_accounts/${A.bobGmailInitiated}`,
		);
		expect(reads.length).toBeGreaterThanOrEqual(2);
	});

	it('failed: stops at once when the user cancels, with Composio’s reason', async () => {
		const link = await pendingLink(A.bobGmailInitiated);
		const running = suite.engine.runNode(wait(A.bobGmailInitiated, { timeout: 30 }));
		await polled(A.bobGmailInitiated, 1);
		await suite.control.visitLink(link.url, { outcome: 'fail' });
		const [out] = (await running).json('Account');
		expect(out).toMatchObject({
			connection: 'failed',
			status: 'FAILED',
			status_reason: 'OAuth callback failed during token exchange',
		});
	});

	it('expired: a link nobody opened within 10 minutes', async () => {
		await suite.control.advanceClock(600_000);
		const [out] = (await suite.engine.runNode(wait(A.bobGmailInitiated))).json('Account');
		expect(out).toMatchObject({
			connection: 'expired',
			status: 'EXPIRED',
			status_reason: 'Connection initiation did not complete within 10 minutes',
		});
	});

	it('revoked: stops on a revoked account; active: returns at once for an ACTIVE one (raw output)', async () => {
		await suite.control.setAccountStatus(A.aliceGithub, { status: 'REVOKED' });
		const revoked = await suite.engine.runNode(wait(A.aliceGithub));
		expect(revoked.json('Account')[0]).toMatchObject({ connection: 'revoked', status: 'REVOKED' });

		const active = await suite.engine.runNode(wait(A.daveGmail, { simplify: false }));
		const [out] = active.json('Account');
		expect(out).toMatchObject({
			connection: 'active',
			id: A.daveGmail,
			toolkit: { slug: 'gmail' },
			state: { authScheme: 'OAUTH2' },
		});
	});

	it('timed_out: the account is still INITIATED when the timeout passes', async () => {
		const result = await suite.engine.runNode(wait(A.bobGmailInitiated, { timeout: 1 }));
		expect(result.json('Account')[0]).toMatchObject({
			connection: 'timed_out',
			status: 'INITIATED',
		});
	});

	it('"Fail If Not Connected" turns any other outcome into an item error; one item per input', async () => {
		const result = await suite.engine.runNode(
			{
				...wait('={{ $json.id }}', { options: { failIfNotConnected: true } }),
				onError: 'continueRegularOutput',
			},
			[{ json: { id: A.daveGmail } }, { json: { id: A.carolGmailFailed } }],
		);
		const output = result.output('Account');
		expect(output.map((item) => [item.json.connection ?? null, item.pairedItem])).toEqual([
			['active', { item: 0 }],
			[null, { item: 1 }],
		]);
		expect(output[1].json.error).toBe(
			`Connected account ${A.carolGmailFailed} did not connect: it is FAILED (OAuth callback failed during token exchange)`,
		);

		const stopped = await suite.engine.runNode(
			wait(A.carolSlackRevoked, { options: { failIfNotConnected: true } }),
		);
		expect(stopped.status).toBe('error');
		expect(stopped.error?.description).toContain('Connect operation');
	});

	it('refuses a timeout beyond the link lifetime or a bad poll interval before any request', async () => {
		const tooLong = await suite.engine.runNode(wait(A.bobGmailInitiated, { timeout: 900 }));
		expect(tooLong.error?.message).toBe('Timeout: must be between 1 and 600 (got 900)');
		const interval = await suite.engine.runNode(
			wait(A.bobGmailInitiated, { options: { pollInterval: 0 } }),
		);
		expect(interval.error?.message).toBe(
			'Options → Poll Interval: must be between 1 and 30 (got 0)',
		);
		expect(await suite.control.requests(5)).toEqual([]);
	});

	it('a deleted account is an error, not an outcome', async () => {
		const result = await suite.engine.runNode(wait(A.carolGithubDeleted));
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('404');
	});
});

describe('Connect + Wait for Connection in one step', () => {
	it('creates the link, then waits until the user completes it', async () => {
		const running = suite.engine.runNode(
			connect({
				userId: 'user_erin',
				authConfig: byId(AC.slackManaged),
				options: { waitForConnection: true, waitTimeout: 20 },
			}),
		);
		const link = await pollUntil(async () =>
			(await suite.control.links()).find(
				(l) =>
					l.state === 'pending' &&
					l.origin === 'link' &&
					l.connectedAccountId !== A.bobGmailInitiated,
			),
		);
		await suite.control.visitLink(link.url);
		const result = await running;
		expect(result.json('Account')[0]).toMatchObject({
			connected_account_id: link.connectedAccountId,
			redirect_url: link.url,
			expires_at: TEN_MINUTES_LATER,
			connection: 'active',
			status: 'ACTIVE',
		});
	});
});

describe('Refresh', () => {
	it('starts the OAuth sign-in again: an ACTIVE account goes back to INITIATED with a new link', async () => {
		const result = await suite.engine.runNode(
			node('refresh', {
				connectedAccount: byId(A.aliceGithub),
				options: { callbackUrl: 'https://example.com/again' },
			}),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Account');
		expect(out).toEqual({
			id: A.aliceGithub,
			status: 'INITIATED',
			redirect_url: expect.stringMatching(new RegExp(`^${suite.sandbox.url}/link/ln_`)),
		});
		const [request] = await suite.control.requests(1);
		expect(`${request.method} ${request.path}?${request.rawQuery}`).toBe(
			`POST /api/v3.1/connected_accounts/${A.aliceGithub}/refresh?redirect_url=https%3A%2F%2Fexample.com%2Fagain`,
		);
		expect((await suite.control.account(A.aliceGithub)).status).toBe('INITIATED');
	});

	it('an API-key account stays ACTIVE, with no redirect URL', async () => {
		const [out] = (
			await suite.engine.runNode(node('refresh', { connectedAccount: byId(A.aliceTavily) }))
		).json('Account');
		expect(out).toEqual({ id: A.aliceTavily, status: 'ACTIVE', redirect_url: null });
	});

	it('can wait for the user to complete the new sign-in', async () => {
		const running = suite.engine.runNode(
			node('refresh', {
				connectedAccount: byId(A.bobGithub),
				options: { waitForConnection: true, waitTimeout: 20 },
			}),
		);
		const link = await pendingLink(A.bobGithub);
		await suite.control.visitLink(link.url);
		const [out] = (await running).json('Account');
		expect(out).toMatchObject({
			id: A.bobGithub,
			redirect_url: link.url,
			connection: 'active',
			status: 'ACTIVE',
		});
	});

	it('a revoked account cannot be refreshed: Composio’s 400 message', async () => {
		const result = await suite.engine.runNode(
			node('refresh', { connectedAccount: byId(A.carolSlackRevoked) }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toContain('cannot be refreshed');
	});
});
