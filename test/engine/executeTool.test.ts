/**
 * Composio Execute Tool through n8n's engine against the sandbox: account selection (which account
 * ran, read from the tool's own result), the account checks, versions, arguments and results.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SEED_ACCOUNTS } from '../../sandbox/src';
import { byId, mapped, toolNode as tool } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const A = SEED_ACCOUNTS;

const suite = useSandboxSuite();

const { toolExecutions: executions } = suite;

async function run(node: ReturnType<typeof tool>, items?: INodeExecutionData[]) {
	return await suite.engine.runNode(node, items);
}

describe('account selection: which account ran', () => {
	it('User’s Default runs with the user’s most recent ACTIVE account and names it in the request and the output', async () => {
		const result = await run(tool('GMAIL_GET_PROFILE'));
		expect(result.status).toBe('success');
		const [out] = result.json('Execute');
		// alice has two ACTIVE gmail accounts; "personal" is the newer one.
		expect((out.data as IDataObject).emailAddress).toBe('alice.personal@example.com');
		expect(out).toMatchObject({
			successful: true,
			error: null,
			tool: 'GMAIL_GET_PROFILE',
			toolkit: 'gmail',
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
			version: '20251111_00',
		});
		expect(out.log_id).toMatch(/^log_/);
		const [execute] = await executions();
		expect(execute.path).toBe('/api/v3.1/tools/execute/GMAIL_GET_PROFILE');
		expect(execute.body).toEqual({
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
			version: '20251111_00',
			arguments: {},
		});
		expect((await suite.control.counters()).toolExecutions.byAccount).toEqual({
			[A.aliceGmailPersonal]: 1,
		});
	});

	it('Specific Account runs with exactly that account', async () => {
		const result = await run(
			tool('GMAIL_GET_PROFILE', {
				accountSelection: 'specific',
				connectedAccount: byId(A.aliceGmailWork),
			}),
		);
		const [out] = result.json('Execute');
		expect((out.data as IDataObject).emailAddress).toBe('alice.work@example.com');
		expect(out.connected_account_id).toBe(A.aliceGmailWork);
		expect((await executions())[0].body).toMatchObject({
			connected_account_id: A.aliceGmailWork,
		});
	});

	it('By Alias runs with the account of that alias (exact, else ignoring case)', async () => {
		for (const [alias, mailbox, id] of [
			['work', 'alice.work@example.com', A.aliceGmailWork],
			['personal', 'alice.personal@example.com', A.aliceGmailPersonal],
			['WORK', 'alice.work@example.com', A.aliceGmailWork],
		]) {
			const result = await run(
				tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: alias }),
			);
			const [out] = result.json('Execute');
			expect((out.data as IDataObject).emailAddress).toBe(mailbox);
			expect(out.connected_account_id).toBe(id);
		}
	});

	it('takes the user ID per item from an expression: each item runs with its own user’s account', async () => {
		const result = await run(tool('GMAIL_GET_PROFILE', { userId: '={{ $json.user }}' }), [
			{ json: { user: 'user_carol' } },
			{ json: { user: 'user_dave' } },
			{ json: { user: 'user_alice' } },
		]);
		expect(result.status).toBe('success');
		const items = result.output('Execute');
		expect(items.map((i) => (i.json.data as IDataObject).emailAddress)).toEqual([
			'carol.main@example.com',
			'dave@example.com',
			'alice.personal@example.com',
		]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('"Fail When Several Accounts Match" turns the default pick into an ambiguity error', async () => {
		const options = { failWhenSeveral: true };
		const alice = await run(tool('GMAIL_GET_PROFILE', { options }));
		expect(alice.status).toBe('error');
		expect(alice.error?.message).toBe(
			'Account: user "user_alice" has 2 ACTIVE gmail accounts, so the choice is ambiguous',
		);
		expect(alice.error?.description).toContain(`${A.aliceGmailPersonal} (alias "personal"`);
		expect(alice.error?.description).toContain(`${A.aliceGmailWork} (alias "work"`);

		const dave = await run(tool('GMAIL_GET_PROFILE', { userId: 'user_dave', options }));
		expect((dave.json('Execute')[0].data as IDataObject).emailAddress).toBe('dave@example.com');
		expect(await executions()).toHaveLength(1);
	});
});

describe('account checks before anything runs', () => {
	async function expectNothingRan() {
		expect(await executions()).toHaveLength(0);
		expect((await suite.control.counters()).toolExecutions.total).toBe(0);
	}

	it('an alias matching several accounts (ignoring case) is an error that lists them', async () => {
		// Aliases are unique per user and toolkit, but case-sensitively: "Work" can sit next to "work".
		const patched = await fetch(
			`${suite.sandbox.url}/api/v3.1/connected_accounts/${A.aliceGmailPersonal}`,
			{
				method: 'PATCH',
				headers: { 'x-api-key': suite.sandbox.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ alias: 'Work' }),
			},
		);
		expect(patched.status).toBe(200);
		await suite.control.clearRequests();

		const ambiguous = await run(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'WORK' }),
		);
		expect(ambiguous.status).toBe('error');
		expect(ambiguous.error?.message).toBe(
			'Account Alias: "WORK" matches 2 gmail accounts of user "user_alice"',
		);
		expect(ambiguous.error?.description).toContain(A.aliceGmailWork);
		expect(ambiguous.error?.description).toContain(A.aliceGmailPersonal);
		await expectNothingRan();

		// The exact alias is not ambiguous.
		const exact = await run(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'Work' }),
		);
		expect((exact.json('Execute')[0].data as IDataObject).emailAddress).toBe(
			'alice.personal@example.com',
		);
	});

	it('an alias that matches nothing is an error listing the user’s accounts', async () => {
		const result = await run(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'school' }),
		);
		expect(result.error?.message).toBe(
			'Account Alias: user "user_alice" has no gmail account with the alias "school"',
		);
		expect(result.error?.description).toContain('alias "work"');
		expect(result.error?.description).toContain('alias "personal"');
		await expectNothingRan();
	});

	it('an account of another user is refused', async () => {
		const result = await run(
			tool('GITHUB_GET_THE_AUTHENTICATED_USER', {
				accountSelection: 'specific',
				connectedAccount: byId(A.bobGithub),
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Connected Account: connected account ${A.bobGithub} belongs to another user, not to "user_alice"`,
		);
		await expectNothingRan();
	});

	it('an account of another toolkit is refused', async () => {
		const result = await run(
			tool('GMAIL_GET_PROFILE', {
				accountSelection: 'specific',
				connectedAccount: byId(A.aliceGithub),
			}),
		);
		expect(result.error?.message).toBe(
			`Connected Account: connected account ${A.aliceGithub} is a github account, but GMAIL_GET_PROFILE needs a gmail account`,
		);
		await expectNothingRan();
	});

	it('an INACTIVE account is refused with what to do', async () => {
		const result = await run(
			tool('SLACK_SEND_MESSAGE', {
				accountSelection: 'specific',
				connectedAccount: byId(A.aliceSlackInactive),
				arguments: mapped({ channel: '#general', text: 'hi' }),
			}),
		);
		expect(result.error?.message).toBe(
			`Connected Account: connected account ${A.aliceSlackInactive} is INACTIVE, not ACTIVE`,
		);
		expect(result.error?.description).toContain(
			'Enable it with the Composio Connected Account node',
		);
		expect(result.error?.description).toContain('Reason: Connection status updated by user.');
		await expectNothingRan();
	});

	it('an alias of an EXPIRED account is refused with reconnect advice', async () => {
		await suite.control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const result = await run(
			tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'work' }),
		);
		expect(result.error?.message).toBe(
			`Account Alias: connected account ${A.aliceGmailWork} is EXPIRED, not ACTIVE`,
		);
		expect(result.error?.description).toContain('The user has to connect again');
		await expectNothingRan();
	});

	it('a deleted (or unknown) account does not exist', async () => {
		const result = await run(
			tool('GITHUB_GET_THE_AUTHENTICATED_USER', {
				userId: 'user_carol',
				accountSelection: 'specific',
				connectedAccount: byId(A.carolGithubDeleted),
			}),
		);
		expect(result.error?.message).toBe(
			`Connected Account: connected account ${A.carolGithubDeleted} does not exist`,
		);
		await expectNothingRan();
	});

	it('User’s Default without an ACTIVE account is an error naming the accounts there are', async () => {
		const bob = await run(tool('GMAIL_GET_PROFILE', { userId: 'user_bob' }));
		expect(bob.error?.message).toBe('Account: user "user_bob" has no ACTIVE gmail account');
		expect(bob.error?.description).toContain(`${A.bobGmailExpired} (EXPIRED`);
		const alice = await run(tool('SLACK_SEND_MESSAGE', { arguments: mapped({ channel: 'x' }) }));
		expect(alice.error?.message).toBe('Account: user "user_alice" has no ACTIVE slack account');
		expect(alice.error?.description).toContain(
			'Enable it with the Composio Connected Account node',
		);
		await expectNothingRan();
	});
});

describe('versions', () => {
	it('defaults to the newest listed version and sends it explicitly', async () => {
		const result = await run(
			tool('GITHUB_LIST_STARGAZERS', {
				arguments: mapped({ owner: 'octo', repo: 'hello' }),
			}),
		);
		expect(result.json('Execute')[0].version).toBe('20251111_00');
		const [execute] = await executions();
		expect((execute.body as IDataObject).version).toBe('20251111_00');
	});

	it('pins a chosen version: the request carries exactly it, and the schema of that version applies', async () => {
		const result = await run(
			tool('GMAIL_SEND_EMAIL', {
				version: '20251027_00',
				arguments: mapped({ recipient_email: 'ann@example.com', body: 'Hi', is_html: false }),
			}),
		);
		expect(result.status).toBe('success');
		expect(result.json('Execute')[0].version).toBe('20251027_00');
		const [execute] = await executions();
		expect(execute.body).toEqual({
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
			version: '20251027_00',
			arguments: { recipient_email: 'ann@example.com', body: 'Hi', is_html: false },
		});
		// The node read the schema of that version (once), not the newest one.
		const reads = (await suite.control.requests()).filter(
			(r) => r.path === '/api/v3.1/tools/GMAIL_SEND_EMAIL',
		);
		expect(reads.map((r) => r.rawQuery)).toEqual(['', 'version=20251027_00']);

		// extra_recipients only exists from 20251111_00 on.
		await suite.control.clearRequests();
		const tooNew = await run(
			tool('GMAIL_SEND_EMAIL', {
				version: '20251027_00',
				arguments: mapped({
					recipient_email: 'ann@example.com',
					body: 'Hi',
					extra_recipients: '["bo@example.com"]',
				}),
			}),
		);
		expect(tooNew.error?.message).toBe(
			'Arguments → extra_recipients: is not an argument of GMAIL_SEND_EMAIL at version 20251027_00',
		);
		expect(await executions()).toHaveLength(0);
	});

	it('sends "latest" when chosen explicitly, and records it', async () => {
		const result = await run(tool('GMAIL_GET_PROFILE', { version: 'latest' }));
		expect(result.json('Execute')[0].version).toBe('latest');
		expect(((await executions())[0].body as IDataObject).version).toBe('latest');
	});

	it('refuses a version the tool does not list, or a malformed one, before running', async () => {
		const unlisted = await run(
			tool('GITHUB_LIST_STARGAZERS', {
				version: '20250909_00',
				arguments: mapped({ owner: 'octo', repo: 'hello' }),
			}),
		);
		expect(unlisted.error?.message).toBe(
			'Version: GITHUB_LIST_STARGAZERS is not available at version 20250909_00',
		);
		expect(unlisted.error?.description).toBe(
			'Versions of GITHUB_LIST_STARGAZERS: 20251111_00, 20251027_00 (or "latest").',
		);
		const malformed = await run(tool('GMAIL_GET_PROFILE', { version: 'v2' }));
		expect(malformed.error?.message).toBe('Version: "v2" is not a toolkit version');
		const base = await run(tool('GMAIL_GET_PROFILE', { version: '00000000_00' }));
		expect(base.error?.message).toBe(
			'Version: GMAIL_GET_PROFILE is not available at version 00000000_00',
		);
		expect(await executions()).toHaveLength(0);
	});
});

describe('arguments', () => {
	it('Define Below: field values become the schema’s JSON types; empty optional fields are left out', async () => {
		const result = await run(
			tool('SLACK_SEND_MESSAGE', {
				userId: 'user_bob',
				accountSelection: 'alias',
				accountAlias: 'acme',
				arguments: mapped({
					channel: '#general',
					text: 'Deploy finished',
					unfurl_links: 'false',
					thread_ts: '',
					markdown_text: null,
				}),
			}),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Execute');
		// The message was posted in bob's "acme" workspace.
		expect((out.data as IDataObject).message).toMatchObject({
			team: 'T0ACME001',
			text: 'Deploy finished',
		});
		expect(((await executions())[0].body as IDataObject).arguments).toEqual({
			channel: '#general',
			text: 'Deploy finished',
			unfurl_links: false,
		});
	});

	it('a missing required argument fails before the request, naming it', async () => {
		const result = await run(
			tool('GMAIL_SEND_EMAIL', { arguments: mapped({ body: 'Hi', recipient_email: '' }) }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Arguments → recipient_email: is required by GMAIL_SEND_EMAIL but not set',
		);
		expect(await executions()).toHaveLength(0);
	});

	it('Using JSON: valid JSON runs; invalid JSON, a non-object, a wrong type or value fails naming the field', async () => {
		const json = (argumentsJson: string) =>
			tool('TAVILY_SEARCH', { argumentsMode: 'json', argumentsJson });

		const ok = await run(json('{"query": "n8n", "max_results": 2, "search_depth": "advanced"}'));
		expect(ok.status).toBe('success');
		expect(((ok.json('Execute')[0].data as IDataObject).results as unknown[]).length).toBe(2);
		expect(((await executions())[0].body as IDataObject).arguments).toEqual({
			query: 'n8n',
			max_results: 2,
			search_depth: 'advanced',
		});
		await suite.control.clearRequests();

		const invalid = await run(json('{"query": "n8n",}'));
		expect(invalid.error?.message).toMatch(/^Arguments \(JSON\): not valid JSON \(.+\)$/);
		const list = await run(json('["n8n"]'));
		expect(list.error?.message).toBe(
			'Arguments (JSON): expected a JSON object but got a list (["n8n"])',
		);
		const wrongType = await run(json('{"query": "n8n", "max_results": "2"}'));
		expect(wrongType.error?.message).toBe(
			'Arguments (JSON) → max_results: expects integer but got the text "2"',
		);
		const wrongValue = await run(json('{"query": "n8n", "search_depth": "deep"}'));
		expect(wrongValue.error?.message).toBe(
			'Arguments (JSON) → search_depth: must be one of "basic", "advanced" but got the text "deep"',
		);
		const unknown = await run(json('{"query": "n8n", "depth": 2}'));
		expect(unknown.error?.message).toBe(
			'Arguments (JSON) → depth: is not an argument of TAVILY_SEARCH at version 20251111_00',
		);
		expect(unknown.error?.description).toContain(
			'Arguments of TAVILY_SEARCH at version 20251111_00: query, search_depth, max_results, include_answer, topic.',
		);
		expect(await executions()).toHaveLength(0);
	});

	it('Using JSON accepts an object from an expression', async () => {
		const result = await run(
			tool('TAVILY_SEARCH', {
				argumentsMode: 'json',
				argumentsJson: '={{ { query: $json.q, include_answer: true } }}',
			}),
			[{ json: { q: 'composio' } }],
		);
		expect((result.json('Execute')[0].data as IDataObject).answer).toBe(
			'Sandbox answer for "composio".',
		);
	});
});

describe('results', () => {
	const failing = {
		arguments: mapped({ recipient_email: 'nobody@invalid.example', body: 'Hi' }),
	};

	it('successful:false is an item error by default, with Composio’s error', async () => {
		const result = await run(tool('GMAIL_SEND_EMAIL', failing));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			"GMAIL_SEND_EMAIL was not successful: Gmail API error (400 Bad Request): Invalid To header: 'nobody@invalid.example' is not a deliverable address",
		);
		expect(result.error?.description).toContain(`connected account ${A.aliceGmailPersonal}`);
		expect((await suite.control.counters()).toolExecutions).toMatchObject({ total: 1, failed: 1 });
	});

	it('successful:false is returned as data when "Fail on Unsuccessful Result" is off', async () => {
		const result = await run(
			tool('GMAIL_SEND_EMAIL', { ...failing, options: { failOnUnsuccessful: false } }),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Execute');
		expect(out).toMatchObject({
			successful: false,
			error: expect.stringContaining('Invalid To header'),
			connected_account_id: A.aliceGmailPersonal,
			version: '20251111_00',
		});
		expect(out.log_id).toMatch(/^log_/);
	});

	it('under "Continue" error handling a failed item becomes an error item and nothing is lost', async () => {
		const result = await run(
			tool(
				'GMAIL_SEND_EMAIL',
				{ arguments: mapped({ recipient_email: '={{ $json.to }}', body: 'Hi' }) },
				{ onError: 'continueRegularOutput' },
			),
			[
				{ json: { to: 'ann@example.com' } },
				{ json: { to: 'bad@invalid.example' } },
				{ json: { to: 'cy@example.com' } },
			],
		);
		expect(result.status).toBe('success');
		const items = result.output('Execute');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.successful).toBe(true);
		expect(items[1].json.error).toContain('GMAIL_SEND_EMAIL was not successful');
		expect(items[2].json.successful).toBe(true);
	});

	it('Simplify returns only the tool’s data', async () => {
		const result = await run(tool('GMAIL_GET_PROFILE', { options: { simplify: true } }));
		expect(Object.keys(result.json('Execute')[0]).sort()).toEqual([
			'emailAddress',
			'historyId',
			'messagesTotal',
			'threadsTotal',
		]);
	});

	it('an unknown tool, or one outside the chosen toolkit, is an input error', async () => {
		const unknown = await run(tool('GMAIL_NOPE'));
		expect(unknown.error?.message).toBe('Tool: Composio has no tool GMAIL_NOPE');
		const outside = await run(tool('GMAIL_GET_PROFILE', { toolkit: 'slack' }));
		expect(outside.error?.message).toBe(
			'Tool: GMAIL_GET_PROFILE belongs to the gmail toolkit, but Toolkit is set to slack',
		);
		expect(await executions()).toHaveLength(0);
	});
});
