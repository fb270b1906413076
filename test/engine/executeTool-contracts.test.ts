/**
 * Composio Execute Tool contracts under hostile and repeated input, through n8n's engine against
 * the sandbox: one Connect Link per user and auth config (within a run and across runs), options
 * validated per item, Simplify, own-property argument checks, By Alias and the deprecated `user_id`.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import type { AccountUserIdMode, RequestLogEntry } from '../../sandbox/src/types';
import type { RunResult } from '../harness/engine';
import { byId, items, mapped, toolNode as tool } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;
const LINK_PATH = '/api/v3.1/connected_accounts/link';

const suite = useSandboxSuite();

const { toolExecutions: executions } = suite;

async function linkRequests(): Promise<RequestLogEntry[]> {
	return (await suite.control.requests()).filter(
		(r) => r.method === 'POST' && r.path === LINK_PATH,
	);
}

function hints(result: RunResult): Array<{ message: string }> {
	const runs = result.run.data.resultData.runData.Execute ?? [];
	return runs.flatMap((task) => (task.hints ?? []) as Array<{ message: string }>);
}

describe('Return Connect Link: one link per user and auth config', () => {
	const returnLink = { returnConnectLink: true };

	it('items of one run for the same user share one link; another user gets their own', async () => {
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', {
				userId: '={{ $json.user }}',
				options: { ...returnLink, concurrency: 3 },
			}),
			items(
				{ user: 'user_erin' },
				{ user: 'user_erin' },
				{ user: 'user_new' },
				{ user: 'user_erin' },
				{ user: 'user_new' },
				{ user: 'user_erin' },
			),
		);
		expect(result.status).toBe('success');
		const out = result.json('Execute');
		expect(out).toHaveLength(6);
		expect(out.every((o) => o.connected === false)).toBe(true);
		const erin = out.filter((o) => o.user_id === 'user_erin');
		const fresh = out.filter((o) => o.user_id === 'user_new');
		expect(new Set(erin.map((o) => o.connect_url)).size).toBe(1);
		expect(new Set(erin.map((o) => o.connected_account_id)).size).toBe(1);
		expect(new Set(fresh.map((o) => o.connect_url)).size).toBe(1);
		expect(erin[0].connect_url).not.toBe(fresh[0].connect_url);
		expect((await suite.control.counters()).linksCreated).toBe(2);
		expect((await linkRequests()).map((r) => (r.body as IDataObject).user_id).sort()).toEqual([
			'user_erin',
			'user_new',
		]);
	});

	it('a later run hands out the pending link of an earlier one while Composio reports it; after it expired, a new one is made', async () => {
		const node = tool('GMAIL_GET_PROFILE', { userId: 'user_erin', options: returnLink });
		const first = (await suite.engine.runNode(node)).json('Execute')[0];
		expect(first).toMatchObject({ connected: false, link_reused: false });

		await suite.control.advanceClock(4 * 60_000);
		const second = (await suite.engine.runNode(node)).json('Execute')[0];
		expect(second).toMatchObject({
			connected: false,
			link_reused: true,
			connect_url: first.connect_url,
			connected_account_id: first.connected_account_id,
			auth_config_id: first.auth_config_id,
			// Composio's links live 10 minutes from when they were made.
			expires_at: first.expires_at,
		});
		expect((await suite.control.counters()).linksCreated).toBe(1);
		// The earlier link still works: the user connects through it.
		const account = await suite.control.account(first.connected_account_id as string);
		expect(account.status).toBe('INITIATED');

		await suite.control.advanceClock(7 * 60_000); // 11 minutes: the link expired
		const third = (await suite.engine.runNode(node)).json('Execute')[0];
		expect(third).toMatchObject({ connected: false, link_reused: false });
		expect(third.connect_url).not.toBe(first.connect_url);
		expect((await suite.control.counters()).linksCreated).toBe(2);
		const expired = await suite.control.account(first.connected_account_id as string);
		expect(expired.status).toBe('EXPIRED');
	});

	it('a pending link of another auth config, alias or callback URL is not handed out', async () => {
		const base = { userId: 'user_erin' };
		const run = async (options: IDataObject, extra: IDataObject = {}) =>
			(
				await suite.engine.runNode(
					tool('GMAIL_GET_PROFILE', { ...base, ...extra, options: { ...returnLink, ...options } }),
				)
			).json('Execute')[0];
		const managed = { authConfig: byId(AC.gmailManaged) };
		const custom = { authConfig: byId(AC.gmailCustom) };
		const a = await run(managed);
		const b = await run(custom);
		const c = await run({ ...managed, callbackUrl: 'https://app.example.com/back' });
		const d = await run(managed, { accountSelection: 'alias', accountAlias: 'school' });
		const ids = [a, b, c, d].map((o) => o.connected_account_id);
		expect(new Set(ids).size).toBe(4);
		expect((await suite.control.counters()).linksCreated).toBe(4);
		// Each of them is found again by a run that asks for the same thing.
		expect(await run(custom)).toMatchObject({
			link_reused: true,
			connected_account_id: b.connected_account_id,
		});
		expect(await run({ ...managed, callbackUrl: 'https://app.example.com/back' })).toMatchObject({
			link_reused: true,
			connected_account_id: c.connected_account_id,
		});
		expect(await run(managed, { accountSelection: 'alias', accountAlias: 'school' })).toMatchObject(
			{ link_reused: true, connected_account_id: d.connected_account_id },
		);
		expect((await suite.control.counters()).linksCreated).toBe(4);
	});

	it('a link that was used (the account is ACTIVE now) is never handed out again', async () => {
		const node = tool('GMAIL_GET_PROFILE', { userId: 'user_erin', options: returnLink });
		const first = (await suite.engine.runNode(node)).json('Execute')[0];
		await suite.control.visitLink(first.connect_url as string, { identity: 'erin@example.com' });
		const ran = (await suite.engine.runNode(node)).json('Execute')[0];
		expect((ran.data as IDataObject).emailAddress).toBe('erin@example.com');
		expect((await suite.control.counters()).linksCreated).toBe(1);
	});
});

describe('By Alias', () => {
	it('matches ignoring case (an exact match wins), as the field says', async () => {
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'Personal' }),
		);
		expect(result.json('Execute')[0].connected_account_id).toBe(A.aliceGmailPersonal);
	});

	it('an EXPIRED (or FAILED, REVOKED) aliased account with Return Connect Link gets a link, not an error', async () => {
		for (const status of ['EXPIRED', 'FAILED', 'REVOKED'] as const) {
			await suite.control.reset();
			await suite.control.setAccountStatus(A.aliceGmailWork, { status });
			const node = tool('GMAIL_GET_PROFILE', {
				accountSelection: 'alias',
				accountAlias: 'work',
				options: { returnConnectLink: true },
			});
			const result = await suite.engine.runNode(node);
			expect(result.status).toBe('success');
			const [out] = result.json('Execute');
			expect(out).toMatchObject({ connected: false, user_id: 'user_alice', toolkit: 'gmail' });
			expect(out.connect_url).toMatch(/\/link\/ln_/);
			expect(out.message).toContain(`The alias "work" belongs to ${A.aliceGmailWork} (${status})`);
			expect((await suite.control.counters()).linksCreated).toBe(1);
			expect(await executions()).toHaveLength(0);
			// The next run hands out the same pending link.
			const again = (await suite.engine.runNode(node)).json('Execute')[0];
			expect(again).toMatchObject({ link_reused: true, connect_url: out.connect_url });
			expect((await suite.control.counters()).linksCreated).toBe(1);
		}
	});

	it('without Return Connect Link, and for a disabled (INACTIVE) aliased account, it stays an error', async () => {
		await suite.control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const expired = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'work' }),
		);
		expect(expired.error?.message).toBe(
			`Account Alias: connected account ${A.aliceGmailWork} is EXPIRED, not ACTIVE`,
		);
		const inactive = await suite.engine.runNode(
			tool('SLACK_SEND_MESSAGE', {
				userId: 'user_bob',
				accountSelection: 'alias',
				accountAlias: 'acme',
				arguments: mapped({ channel: '#general', text: 'hi' }),
				options: { returnConnectLink: true },
			}),
		);
		expect(inactive.status).toBe('success');
		await suite.control.setAccountStatus(A.bobSlackAcme, { status: 'INACTIVE' });
		const paused = await suite.engine.runNode(
			tool('SLACK_SEND_MESSAGE', {
				userId: 'user_bob',
				accountSelection: 'alias',
				accountAlias: 'acme',
				arguments: mapped({ channel: '#general', text: 'hi' }),
				options: { returnConnectLink: true },
			}),
		);
		expect(paused.error?.message).toBe(
			`Account Alias: connected account ${A.bobSlackAcme} is INACTIVE, not ACTIVE`,
		);
		expect((await suite.control.counters()).linksCreated).toBe(0);
	});
});

describe('options are validated per item, inside n8n’s error handling', () => {
	const BOOLEANS: Array<[string, string]> = [
		['failOnUnsuccessful', 'Fail on Unsuccessful Result'],
		['failWhenSeveral', 'Fail When Several Accounts Match'],
		['returnConnectLink', 'Return Connect Link When Not Connected'],
		['simplify', 'Simplify'],
	];

	it.each(BOOLEANS)(
		'%s: an expression giving "false" is false, "true" true, and anything else an error item',
		async (name, label) => {
			const result = await suite.engine.runNode(
				tool(
					'GMAIL_GET_PROFILE',
					{ userId: 'user_erin', options: { [name]: '={{ $json.flag }}' } },
					{ onError: 'continueRegularOutput' },
				),
				items({ flag: 'yes' }, { flag: 1 }, { flag: null }, { flag: false }, { flag: ' FALSE ' }),
			);
			expect(result.status).toBe('success');
			const out = result.output('Execute');
			expect(out.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
			expect(out[0].json.error).toBe(`Options → ${label}: expected true or false but got "yes"`);
			expect(out[1].json.error).toBe(`Options → ${label}: expected true or false but got "1"`);
			expect(out[2].json.error).toBe(`Options → ${label}: expected true or false but got null`);
			// A boolean, or the text of one (the rule of every node), is taken as it is: the run goes
			// on to the account, and erin has no gmail account.
			for (const item of [out[3], out[4]]) {
				expect(item.json.error).toBe('Account: user "user_erin" has no ACTIVE gmail account');
			}
			expect((await suite.control.counters()).linksCreated).toBe(0);
			expect(await executions()).toHaveLength(0);
		},
	);

	it.each([
		[0, 'must be between 1 and 10 (got 0)'],
		[11, 'must be between 1 and 10 (got 11)'],
		['many', 'expected a whole number but got "many"'],
	])(
		'Concurrency %p with Continue gives error items, never the input items as results',
		async (value, problem) => {
			const input = items({ user: 'u1' }, { user: 'u2' });
			const result = await suite.engine.runNode(
				tool(
					'GMAIL_GET_PROFILE',
					{ options: { concurrency: value } },
					{ onError: 'continueRegularOutput' },
				),
				input,
			);
			expect(result.status).toBe('success');
			const out = result.output('Execute');
			expect(out).toHaveLength(2);
			for (const [i, item] of out.entries()) {
				expect(item.json).toMatchObject({ error: `Options → Concurrency: ${problem}` });
				expect(item.json.user).toBeUndefined();
				expect(item.pairedItem).toEqual({ item: i });
			}
			expect(await executions()).toHaveLength(0);

			const errorOutput = await suite.engine.runNode(
				tool(
					'GMAIL_GET_PROFILE',
					{ options: { concurrency: value } },
					{ onError: 'continueErrorOutput' },
				),
				input,
			);
			expect(errorOutput.output('Execute', 0)).toHaveLength(0);
			expect(errorOutput.output('Execute', 1)).toHaveLength(2);

			const stop = await suite.engine.runNode(
				tool('GMAIL_GET_PROFILE', { options: { concurrency: value } }),
				input,
			);
			expect(stop.status).toBe('error');
			expect(stop.error?.message).toBe(`Options → Concurrency: ${problem}`);
		},
	);

	it('Timeout out of range is an error item too', async () => {
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { options: { timeout: 0 } }, { onError: 'continueRegularOutput' }),
		);
		expect(result.json('Execute')[0].error).toBe(
			'Options → Timeout: must be between 1 and 600 (got 0)',
		);
	});

	it.each([
		['not a url', '"not a url" is not an http(s) URL'],
		['ftp://files.example.com/x', '"ftp://files.example.com/x" is not an http(s) URL'],
		['javascript:alert(1)', '"javascript:alert(1)" is not an http(s) URL'],
		['   ', 'is empty'],
	])(
		'the Connect Link Callback URL %p is refused as Connect refuses it, before any link is made',
		async (callbackUrl, problem) => {
			const result = await suite.engine.runNode(
				tool('GMAIL_GET_PROFILE', {
					userId: 'user_erin',
					options: { returnConnectLink: true, callbackUrl },
				}),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(`Options → Connect Link Callback URL: ${problem}`);
			expect((await suite.control.counters()).linksCreated).toBe(0);
		},
	);
});

describe('Simplify', () => {
	it('returns the tool’s result itself, also when it has a top-level json field', async () => {
		const data = { json: { nested: true }, binary: 'x', id: 7, pairedItem: 'kept' };
		await suite.control.injectFault({
			method: 'POST',
			path: '/api/*/tools/execute/*',
			kind: 'status',
			status: 200,
			body: { data, successful: true, error: null, log_id: 'log_simplify' },
		});
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { options: { simplify: true } }),
		);
		expect(result.status).toBe('success');
		expect(result.json('Execute')).toEqual([data]);
	});

	it('wraps a result that is not an object as {data}', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: '/api/*/tools/execute/*',
			kind: 'status',
			status: 200,
			body: { data: ['a', 'b'], successful: true, error: null, log_id: 'log_list' },
		});
		const result = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { options: { simplify: true } }),
		);
		expect(result.json('Execute')).toEqual([{ data: ['a', 'b'] }]);
	});
});

describe('unknown arguments: own properties only', () => {
	const INHERITED = [
		'constructor',
		'__proto__',
		'prototype',
		'toString',
		'hasOwnProperty',
		'valueOf',
	];
	// n8n's deepCopy of parameter values drops these keys before a node sees them (n8n-workflow
	// utils `reservedCopyKeys`), so in Define Below they can never reach Composio either.
	const DROPPED_BY_N8N = ['constructor', '__proto__', 'prototype'];

	it.each(INHERITED)('"%s" in Using JSON is an unknown argument', async (name) => {
		const result = await suite.engine.runNode(
			tool('TAVILY_SEARCH', {
				argumentsMode: 'json',
				argumentsJson: `{"query": "n8n", ${JSON.stringify(name)}: "x"}`,
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Arguments (JSON) → ${name}: is not an argument of TAVILY_SEARCH at version 20251111_00`,
		);
		expect(await executions()).toHaveLength(0);
	});

	it.each(INHERITED.filter((name) => !DROPPED_BY_N8N.includes(name)))(
		'"%s" in Define Below is an unknown argument',
		async (name) => {
			const value: IDataObject = { query: 'n8n' };
			Object.defineProperty(value, name, { value: 'x', enumerable: true });
			const result = await suite.engine.runNode(
				tool('TAVILY_SEARCH', { arguments: mapped(value) }),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`Arguments → ${name}: is not an argument of TAVILY_SEARCH at version 20251111_00`,
			);
			expect(await executions()).toHaveLength(0);
		},
	);

	it.each(DROPPED_BY_N8N)('"%s" in Define Below never reaches Composio', async (name) => {
		const value: IDataObject = { query: 'n8n' };
		Object.defineProperty(value, name, { value: 'x', enumerable: true });
		const result = await suite.engine.runNode(tool('TAVILY_SEARCH', { arguments: mapped(value) }));
		expect(result.status).toBe('success');
		const [execute] = await executions();
		expect(Object.keys((execute.body as IDataObject).arguments as IDataObject)).toEqual(['query']);
	});
});

describe('user_id on connected accounts is deprecated: null and absent mean “not said”', () => {
	const MODES: AccountUserIdMode[] = ['null', 'omitted'];

	it.each(MODES)('user_id %s: User’s Default, By Alias and Specific Account work', async (mode) => {
		await suite.control.setConfig({ accountUserId: mode });
		const byDefault = await suite.engine.runNode(tool('GMAIL_GET_PROFILE'));
		expect(byDefault.json('Execute')[0]).toMatchObject({
			connected_account_id: A.aliceGmailPersonal,
			data: expect.objectContaining({ emailAddress: 'alice.personal@example.com' }),
		});
		const byAlias = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'work' }),
		);
		expect(byAlias.json('Execute')[0].connected_account_id).toBe(A.aliceGmailWork);
		const specific = await suite.engine.runNode(
			tool('GMAIL_GET_PROFILE', {
				accountSelection: 'specific',
				connectedAccount: byId(A.aliceGmailWork),
			}),
		);
		expect(specific.json('Execute')[0].connected_account_id).toBe(A.aliceGmailWork);
		// Ownership is checked with the server-side user_ids filter.
		const listed = (await suite.control.requests()).find(
			(r) =>
				r.path === '/api/v3.1/connected_accounts' &&
				r.query.connected_account_ids?.[0] === A.aliceGmailWork,
		);
		expect(listed?.query.user_ids).toEqual(['user_alice']);
		expect(await executions()).toHaveLength(3);
	});

	it.each(MODES)(
		'user_id %s: Specific Account of another user is still refused (the user_ids filter does not list it)',
		async (mode) => {
			await suite.control.setConfig({ accountUserId: mode });
			const result = await suite.engine.runNode(
				tool('GITHUB_GET_THE_AUTHENTICATED_USER', {
					accountSelection: 'specific',
					connectedAccount: byId(A.bobGithub),
				}),
			);
			expect(result.error?.message).toBe(
				`Connected Account: connected account ${A.bobGithub} belongs to another user, not to "user_alice"`,
			);
			expect(await executions()).toHaveLength(0);
		},
	);

	it.each(MODES)('user_id %s: a pending Connect Link is still handed out again', async (mode) => {
		await suite.control.setConfig({ accountUserId: mode });
		const node = tool('GMAIL_GET_PROFILE', {
			userId: 'user_erin',
			options: { returnConnectLink: true },
		});
		const first = (await suite.engine.runNode(node)).json('Execute')[0];
		const second = (await suite.engine.runNode(node)).json('Execute')[0];
		expect(second).toMatchObject({ link_reused: true, connect_url: first.connect_url });
		expect((await suite.control.counters()).linksCreated).toBe(1);
	});
});

describe('User’s Default with several ACTIVE accounts', () => {
	it('keeps Composio’s rule (most recently connected) and says so in an execution hint on every run', async () => {
		for (let run = 0; run < 2; run++) {
			const result = await suite.engine.runNode(
				tool('GMAIL_GET_PROFILE'),
				items({ n: 1 }, { n: 2 }, { n: 3 }),
			);
			expect(result.json('Execute').map((o) => o.connected_account_id)).toEqual([
				A.aliceGmailPersonal,
				A.aliceGmailPersonal,
				A.aliceGmailPersonal,
			]);
			const found = hints(result);
			expect(found).toHaveLength(1);
			expect(found[0].message).toContain(`used ${A.aliceGmailPersonal} (alias "personal"`);
			expect(found[0].message).toContain('the most recently connected of 2 ACTIVE gmail accounts');
			expect(found[0].message).toContain(`1 other matched (${A.aliceGmailWork})`);
		}
	});

	it('no hint when the user has one ACTIVE account', async () => {
		const result = await suite.engine.runNode(tool('GMAIL_GET_PROFILE', { userId: 'user_dave' }));
		expect(result.status).toBe('success');
		expect(hints(result)).toHaveLength(0);
	});
});
