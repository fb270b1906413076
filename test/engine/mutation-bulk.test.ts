/**
 * The bulk engine of Enable, Disable, Delete and Revoke at its edges (issue 17), through n8n's engine
 * against the sandbox: Delete's pre-read treats only a 404 as "already deleted"; a clean filter run
 * warns nothing, and a warning names the right item and counts; with a filter, Concurrency applies
 * to the accounts of one item and never across the input items as well; the summary and the
 * "stopped" message count what really happened.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { pastTense } from '../../nodes/ComposioConnectedAccount/helpers/accountOperation';
import {
	readOptions,
	readTargetSettings,
} from '../../nodes/ComposioConnectedAccount/helpers/targetSettings';
import { SEED_ACCOUNTS } from '../../sandbox/src';
import { useSandboxSuite } from '../harness/sandboxSuite';

const NODE = 'n8n-nodes-composio.composioConnectedAccount';
const A = SEED_ACCOUNTS;

const suite = useSandboxSuite();

function node(operation: string, parameters: IDataObject = {}) {
	return {
		name: 'Account',
		type: NODE,
		parameters: { resource: 'connectedAccount', operation, ...parameters },
	};
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

function one(operation: string, id: string, parameters: IDataObject = {}) {
	return node(operation, { target: 'single', connectedAccount: byId(id), ...parameters });
}

function matching(operation: string, filters: IDataObject, parameters: IDataObject = {}) {
	return node(operation, { target: 'filter', filters, ...parameters });
}

async function requests(): Promise<string[]> {
	return (await suite.control.requests(500)).map(
		(r) =>
			`${r.method} ${r.path}${r.method === 'GET' && r.query.user_ids ? `?${r.query.user_ids[0]}` : ''}`,
	);
}

async function failPatchOf(id: string, status = 403) {
	await suite.control.injectFault({
		method: 'PATCH',
		path: `/api/*/connected_accounts/${id}/status`,
		kind: 'status',
		status,
		// A 5xx of an idempotent PATCH is retried: no wait between the tries.
		retryAfter: 0,
		times: 10,
	});
}

function hintsOf(result: { run: { data: { resultData: { runData: IDataObject } } } }) {
	const runs = result.run.data.resultData.runData.Account as Array<{ hints?: IDataObject[] }>;
	return runs[0].hints ?? [];
}

/** A warning in the output pane, as n8n shows the hints of a run. */
const warning = (message: string) => ({ message, type: 'warning', location: 'outputPane' });

/** The IDs a filter lists, in the order the run acts on them (a dry run changes nothing). */
async function listedOrder(filters: IDataObject): Promise<string[]> {
	const dry = await suite.engine.runNode(matching('disable', filters, { dryRun: true }));
	await suite.control.clearRequests();
	return dry.json('Account').map((r) => String(r.id));
}

describe("Delete's read of the account", () => {
	const path = (id: string) => `/api/*/connected_accounts/${id}`;

	it.each([
		['403', { kind: 'status', status: 403 }, '403'],
		['500 (after its retries)', { kind: 'status', status: 500, retryAfter: 0, times: 4 }, '500'],
		['422', { kind: 'status', status: 422 }, '422'],
	])(
		'a %s is a failure, never "already deleted", even with Succeed If Already Deleted',
		async (_what, fault, httpCode) => {
			await suite.control.injectFault({
				method: 'GET',
				path: path(A.daveGmail),
				...fault,
			} as never);
			const result = await suite.engine.runNode({
				...one('delete', A.daveGmail, { options: { ignoreNotFound: true } }),
				onError: 'continueRegularOutput',
			});
			const [item] = result.json('Account');
			expect(item.alreadyDeleted).toBeUndefined();
			expect(item.deleted).toBeUndefined();
			expect(item).toMatchObject({ error: expect.any(String), httpCode });
			expect((await requests()).filter((r) => r.startsWith('DELETE'))).toEqual([]);
			expect((await suite.control.account(A.daveGmail)).status).not.toBe('DELETED');
		},
	);

	it('a connection that fails is a failure too, never "already deleted"', async () => {
		await suite.control.injectFault({
			method: 'GET',
			path: path(A.daveGmail),
			kind: 'drop_before',
			times: 4,
		});
		const result = await suite.engine.runNode({
			...one('delete', A.daveGmail, { options: { ignoreNotFound: true } }),
			onError: 'continueRegularOutput',
		});
		const [item] = result.json('Account');
		expect(item.alreadyDeleted).toBeUndefined();
		expect(item.error).toEqual(expect.any(String));
		expect(String(item.error)).not.toMatch(/TypeError|Cannot read|undefined/);
		expect((await requests()).filter((r) => r.startsWith('DELETE'))).toEqual([]);
		// The GET is retried with backoff (about 3.5 s of waiting) before it fails.
	}, 30000);

	it('a 404 is "already deleted" only with the option; without it the item fails with Composio’s error', async () => {
		const gone = 'ca_doesNotExist1';
		const kept = await suite.engine.runNode(
			one('delete', gone, { options: { ignoreNotFound: true } }),
		);
		expect(kept.json('Account')).toEqual([
			{ id: gone, deleted: false, alreadyDeleted: true, changed: false },
		]);
		const strict = await suite.engine.runNode({
			...one('delete', gone),
			onError: 'continueRegularOutput',
		});
		expect(strict.json('Account')[0]).toMatchObject({ httpCode: '404', error: expect.any(String) });
		expect((await requests()).filter((r) => r.startsWith('DELETE'))).toEqual([]);
	});
});

describe('warnings of a filter run', () => {
	it('a clean run warns nothing and its summary carries no error', async () => {
		const each = await suite.engine.runNode(matching('disable', { userIds: 'user_alice' }));
		expect(each.status).toBe('success');
		expect(each.json('Account')).toHaveLength(5);
		expect(hintsOf(each)).toEqual([]);
		expect(each.json('Account').every((r) => r.error === undefined)).toBe(true);
		// Not a dry run: no row says it was one.
		expect(each.json('Account').filter((r) => 'dryRun' in r || 'wouldChange' in r)).toEqual([]);
		const list = (await suite.control.requests(500)).find((r) => r.method === 'GET');
		expect(list?.query).toMatchObject({ order_by: ['created_at'], order_direction: ['desc'] });

		await suite.control.reset();
		const summary = await suite.engine.runNode(
			matching('disable', { userIds: 'user_alice' }, { options: { output: 'summary' } }),
		);
		expect(hintsOf(summary)).toEqual([]);
		const [json] = summary.json('Account');
		expect(json).toMatchObject({ matched: 5, changed: 4, unchanged: 1, failed: 0 });
		expect(json.error).toBeUndefined();
		expect(json.wouldChange).toBeUndefined();
	});

	it('a failure in the second input item is warned about as item 2, with the right counts', async () => {
		await failPatchOf(A.aliceGithub);
		const result = await suite.engine.runNode(
			{
				...matching('disable', { userIds: '={{ $json.user }}' }),
				onError: 'continueRegularOutput',
			},
			[{ json: { user: 'user_bob' } }, { json: { user: 'user_alice' } }],
		);
		expect(result.status).toBe('success');
		expect(hintsOf(result)).toEqual([
			warning(
				'Could not disable 1 of 5 connected accounts (item 2); its item carries an "error" field.',
			),
		]);
		const rows = result.output('Account');
		const failed = rows.filter((r) => r.json.error !== undefined);
		expect(failed.map((r) => [r.json.id, r.pairedItem])).toEqual([[A.aliceGithub, { item: 1 }]]);
	});

	it('two failures: "their items carry", and the summary says how many of how many', async () => {
		await failPatchOf(A.aliceGithub);
		await failPatchOf(A.aliceTavily, 500);
		const result = await suite.engine.runNode(
			{
				...matching('disable', { userIds: 'user_alice' }, { options: { output: 'summary' } }),
				onError: 'continueRegularOutput',
			},
			[{ json: {} }],
		);
		expect(hintsOf(result).map((h) => h.message)).toEqual([
			'Could not disable 2 of 5 connected accounts (item 1); their items carry an "error" field.',
		]);
		const [summary] = result.json('Account');
		expect(summary).toMatchObject({
			matched: 5,
			changed: 2,
			unchanged: 1,
			failed: 2,
			skipped: 0,
			error: 'Could not disable 2 of 5 matching connected accounts',
		});
	});

	it('Stop Workflow: the message names the account and counts what was done', async () => {
		await failPatchOf(A.aliceGithub);
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_alice' }, { options: { concurrency: 1 } }),
		);
		expect(result.status).toBe('error');
		const message = String(result.error?.message);
		expect(message).toMatch(
			new RegExp(
				`^Could not disable connected account ${A.aliceGithub}: .+\\. \\d of 5 matching accounts (was|were) disabled(; \\d not started)?\\.$`,
			),
		);
		const done = Number(/(\d) of 5/.exec(message)?.[1]);
		const notStarted = Number(/(\d) not started/.exec(message)?.[1] ?? 0);
		expect(done + notStarted + 1 + 1).toBe(5);
		expect((await suite.control.counters()).statusUpdates).toBe(done);
		expect(result.error?.description).toContain(`${A.aliceGithub}: `);
	});

	it('no match: the hint names the item; nothing else is warned', async () => {
		const result = await suite.engine.runNode(
			matching('enable', { userIds: '={{ $json.user }}' }),
			[{ json: { user: 'user_alice' } }, { json: { user: 'user_nobody' } }],
		);
		expect(hintsOf(result)).toEqual([
			warning(
				'No connected account matched the filters of item 2 (user_ids: user_nobody); nothing was enabled.',
			),
		]);
	});
});

describe('Concurrency with a filter', () => {
	it('applies to the accounts of one item; the input items run one after the other', async () => {
		// Every answer late, so items running at the same time would interleave their requests.
		await suite.control.setConfig({ latencyMs: 40 });
		const result = await suite.engine.runNode(
			matching('disable', { userIds: '={{ $json.user }}' }, { options: { concurrency: 20 } }),
			[{ json: { user: 'user_alice' } }, { json: { user: 'user_bob' } }],
		);
		expect(result.status).toBe('success');
		const order = await requests();
		const bobList = order.indexOf('GET /api/v3.1/connected_accounts?user_bob');
		expect(bobList).toBeGreaterThan(0);
		// Everything of item 1 (its list and its PATCHes) happened before item 2 started.
		expect(order.slice(0, bobList)).toEqual([
			'GET /api/v3.1/connected_accounts?user_alice',
			...order.slice(1, bobList).map(() => expect.stringMatching(/^PATCH /)),
		]);
		expect(order.slice(0, bobList).filter((r) => r.startsWith('PATCH'))).toHaveLength(4);
		expect(order.slice(bobList + 1).every((r) => r.startsWith('PATCH'))).toBe(true);
		// Output in input order, each account paired with its item.
		expect(result.output('Account').map((r) => r.pairedItem)).toEqual([
			...Array(5).fill({ item: 0 }),
			...Array(5).fill({ item: 1 }),
		]);
	});

	it('a dry run lists without changing anything, one account after the other', async () => {
		const result = await suite.engine.runNode(
			matching('delete', { userIds: 'user_bob' }, { options: { concurrency: 20 } }),
		);
		expect(result.status).toBe('success');
		const rows = result.json('Account');
		expect(rows).toHaveLength(5);
		expect(rows.every((r) => r.dryRun === true)).toBe(true);
		expect((await requests()).filter((r) => !r.startsWith('GET'))).toEqual([]);
	});
});

describe('settings of the target, checked per item before any request', () => {
	it.each([
		[
			{ options: { output: '={{ "all" }}' } },
			'Options → Output: "all" is not one of eachAccount, summary',
		],
		[{ options: { concurrency: 21 } }, 'Options → Concurrency: must be between 1 and 20 (got 21)'],
		[
			{ options: { allowNoFilter: '={{ "no" }}' } },
			'Options → Allow No Filter: expected true or false but got "no"',
		],
		[{ dryRun: '={{ "maybe" }}' }, 'Dry Run: expected true or false but got "maybe"'],
	])('%p → %p', async (parameters, message) => {
		const result = await suite.engine.runNode({
			...matching('disable', { userIds: 'user_bob' }, parameters as IDataObject),
			onError: 'continueRegularOutput',
		});
		const output = result.output('Account');
		expect(output).toHaveLength(1);
		expect(output[0]).toMatchObject({ json: { error: message }, pairedItem: { item: 0 } });
		expect(await requests()).toEqual([]);
	});

	it('Report Previous Status of One Account is checked too', async () => {
		const result = await suite.engine.runNode({
			...one('disable', A.bobGithub, { options: { reportPreviousStatus: '={{ "maybe" }}' } }),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')).toEqual([
			{
				error: 'Options → Report Previous Status: expected true or false but got "maybe"',
				description: expect.any(String),
			},
		]);
		expect(await requests()).toEqual([]);
	});

	// n8n itself hands the node a collection for Options and a listed choice for Target (an
	// expression giving text there is dropped or stopped by n8n first), so what the node does with
	// anything else is checked on the function itself.
	it.each([
		[{ target: 'all' }, 'Target: "all" is not one of single, filter'],
		[
			{ target: 'filter', options: 'fast' },
			'Options: expected a collection of options but got "fast"',
		],
		[
			{ target: 'filter', options: [1] },
			'Options: expected a collection of options but got a list ([1])',
		],
	])('settings %p given to the node directly → %p', (parameters, message) => {
		const context = {
			getNode: () => ({ name: 'Account' }),
			getNodeParameter: (name: string) => (parameters as IDataObject)[name],
		} as unknown as IExecuteFunctions;
		expect(() => readTargetSettings.call(context, 0)).toThrow(message);
	});

	it.each([null, undefined])('Options given as %p directly mean the defaults', (options) => {
		const context = {
			getNode: () => ({ name: 'Account' }),
			getNodeParameter: (name: string) => (name === 'target' ? 'filter' : options),
		} as unknown as IExecuteFunctions;
		expect(readOptions.call(context, 0)).toEqual({});
		expect(readTargetSettings.call(context, 0)).toMatchObject({ output: 'eachAccount' });
	});

	it('no Options at all (null from an expression) means the defaults', async () => {
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_bob' }, { options: '={{ null }}', dryRun: true }),
		);
		expect(result.status).toBe('success');
		expect(result.json('Account')).toHaveLength(5);
	});
});

describe('what one account reports', () => {
	it('One Account with Report Previous Status: the summary fields, then the result', async () => {
		const result = await suite.engine.runNode(
			one('disable', A.bobGithub, { options: { reportPreviousStatus: true } }),
		);
		expect(result.json('Account')).toEqual([
			{
				id: A.bobGithub,
				user_id: 'user_bob',
				toolkit: 'github',
				alias: null,
				auth_config_id: expect.stringMatching(/^ac_/),
				previousStatus: 'ACTIVE',
				status: 'INACTIVE',
				changed: true,
			},
		]);
	});

	it('a refused change of one account says why, in the operation’s words, with the hint', async () => {
		const result = await suite.engine.runNode({
			...one('enable', A.bobGmailExpired),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')).toEqual([
			{
				error: `Connected account ${A.bobGmailExpired} is EXPIRED; only INACTIVE (disabled) accounts can be enabled`,
				description: expect.stringContaining('Connect operation'),
			},
		]);
	});

	it('a dry run marks accounts that would not change with wouldChange: false', async () => {
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_bob' }, { dryRun: true }),
		);
		const rows = result.json('Account');
		expect(rows.every((r) => r.dryRun === true)).toBe(true);
		expect(rows.filter((r) => r.wouldChange === true).length).toBeGreaterThan(0);
		expect(rows.filter((r) => r.wouldChange === false).length).toBeGreaterThan(0);
		expect(rows.filter((r) => r.skipped === true).every((r) => typeof r.reason === 'string')).toBe(
			true,
		);
	});
});

describe('One Account: read first, or only the change', () => {
	const patches = async () => (await requests()).filter((r) => r.startsWith('PATCH'));
	const reads = async () => (await requests()).filter((r) => r.startsWith('GET'));

	it('without Report Previous Status, Disable sends its change and reads nothing', async () => {
		const result = await suite.engine.runNode(one('disable', A.aliceGithub));
		expect(result.status).toBe('success');
		expect(await requests()).toEqual([
			`PATCH /api/v3.1/connected_accounts/${A.aliceGithub}/status`,
		]);
	});

	it('with Report Previous Status, an account already disabled is reported unchanged and nothing is sent', async () => {
		const result = await suite.engine.runNode(
			one('disable', A.aliceSlackInactive, { options: { reportPreviousStatus: true } }),
		);
		expect(result.json('Account')).toEqual([
			expect.objectContaining({
				id: A.aliceSlackInactive,
				previousStatus: 'INACTIVE',
				status: 'INACTIVE',
				changed: false,
			}),
		]);
		expect(await patches()).toEqual([]);
	});

	it('with Report Previous Status, an account the operation does not apply to is refused before any change', async () => {
		const result = await suite.engine.runNode({
			...one('enable', A.bobGmailExpired, { options: { reportPreviousStatus: true } }),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')).toEqual([
			{
				error: `Connected account ${A.bobGmailExpired} is EXPIRED; only INACTIVE (disabled) accounts can be enabled`,
				description: expect.stringContaining('Connect operation'),
			},
		]);
		expect(await patches()).toEqual([]);
	});

	it('with Report Previous Status, a missing account fails with Composio’s 404 (Enable has no "already gone")', async () => {
		const result = await suite.engine.runNode({
			...one('enable', 'ca_doesNotExist1', { options: { reportPreviousStatus: true } }),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')[0]).toMatchObject({ httpCode: '404', error: expect.any(String) });
		expect(String(result.json('Account')[0].error)).not.toMatch(/TypeError|undefined/);
	});

	it('a change refused with other than 400 is Composio’s error; the account is not read to explain it', async () => {
		await failPatchOf(A.bobGmailExpired, 403);
		const result = await suite.engine.runNode({
			...one('enable', A.bobGmailExpired),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')[0]).toMatchObject({
			error: 'Injected fault: HTTP 403',
			httpCode: '403',
		});
		expect(await reads()).toEqual([]);
	});

	it('a 400 whose account then cannot be read is reported as Composio’s 400', async () => {
		await failPatchOf(A.aliceSlackInactive, 400);
		await suite.control.injectFault({
			method: 'GET',
			path: `/api/*/connected_accounts/${A.aliceSlackInactive}`,
			kind: 'status',
			status: 403,
			times: 10,
		});
		const result = await suite.engine.runNode({
			...one('enable', A.aliceSlackInactive),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')[0]).toMatchObject({
			error: 'Injected fault: HTTP 400',
			httpCode: '400',
		});
		expect(await reads()).toHaveLength(1);
	});
});

describe('Stop Workflow: what the message counts', () => {
	const ids = [A.aliceGmailWork, A.aliceGithub, A.bobGithub];
	const filters = { connectedAccountIds: ids.join(',') };

	const STOPPED = 'The run stopped at the first failure';

	function stopMessage(result: { error?: { message?: string; description?: string } }) {
		return { message: result.error?.message, description: String(result.error?.description) };
	}

	it('one done, one failed, one not started (one at a time); the one not started is left alone', async () => {
		const [first, second, third] = await listedOrder(filters);
		await failPatchOf(second);
		const result = await suite.engine.runNode(
			matching('disable', filters, { options: { concurrency: 1 } }),
		);
		expect(result.status).toBe('error');
		const { message, description } = stopMessage(result);
		expect(message).toBe(
			`Could not disable connected account ${second}: Injected fault: HTTP 403. 1 of 3 matching accounts was disabled; 1 not started.`,
		);
		// The failed account with Composio's description in brackets, then what the stop means.
		expect(description).toMatch(
			new RegExp(`^${second}: Injected fault: HTTP 403 \\(The API key is valid[^]+\\)\n${STOPPED}`),
		);
		expect((await suite.control.account(first)).status).toBe('INACTIVE');
		expect((await suite.control.account(third)).status).toBe('ACTIVE');
	});

	it('the first fails: none done ("were"), the other two not started', async () => {
		const [first, second, third] = await listedOrder(filters);
		await failPatchOf(first);
		const result = await suite.engine.runNode(
			matching('disable', filters, { options: { concurrency: 1 } }),
		);
		expect(stopMessage(result).message).toBe(
			`Could not disable connected account ${first}: Injected fault: HTTP 403. 0 of 3 matching accounts were disabled; 2 not started.`,
		);
		expect((await suite.control.account(second)).status).toBe('ACTIVE');
		expect((await suite.control.account(third)).status).toBe('ACTIVE');
	});

	it('two failing at once are both named, with one line each', async () => {
		const [first, second, third] = await listedOrder(filters);
		await failPatchOf(first);
		await failPatchOf(third);
		const result = await suite.engine.runNode(
			matching('disable', filters, { options: { concurrency: 3 } }),
		);
		const { message, description } = stopMessage(result);
		expect(message).toBe(
			`Could not disable 2 connected accounts (${first}, ${third}): Injected fault: HTTP 403. 1 of 3 matching accounts was disabled.`,
		);
		expect(description).toMatch(
			new RegExp(`^${first}: Injected fault[^]+\\)\n${third}: Injected fault[^]+\\)\n${STOPPED}`),
		);
		expect((await suite.control.account(second)).status).toBe('INACTIVE');
	});
});

describe('what a filter run reports', () => {
	it('with no narrowing filter the item fails before any request, saying which filters to set', async () => {
		const result = await suite.engine.runNode({
			...matching('disable', {}),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')).toEqual([
			{
				error:
					'Filters: no filter is set, so every connected account of the project would be selected to disable',
				description: expect.stringMatching(
					/^Set User IDs, Auth Configs or Connected Account IDs\. To really act on every account/,
				),
			},
		]);
		expect(await requests()).toEqual([]);
	});

	it('Fail When Nothing Matches: the error says what to check', async () => {
		const result = await suite.engine.runNode({
			...matching(
				'enable',
				{ userIds: 'user_nobody' },
				{ options: { failWhenNothingMatches: true } },
			),
			onError: 'continueRegularOutput',
		});
		expect(result.json('Account')).toEqual([
			{
				error: 'No connected account matches the filters (user_ids: user_nobody)',
				description: expect.stringMatching(
					/^"Fail When Nothing Matches" is on\. Check the filters/,
				),
			},
		]);
		expect(hintsOf(result)).toEqual([]);
	});

	it('an account the change finds already gone is counted unchanged, not changed', async () => {
		const [first, second] = await listedOrder({ userIds: 'user_bob' });
		await suite.control.injectFault({
			method: 'DELETE',
			path: `/api/*/connected_accounts/${second}`,
			kind: 'status',
			status: 404,
		});
		const result = await suite.engine.runNode(
			matching(
				'delete',
				{ userIds: 'user_bob' },
				{ dryRun: false, options: { ignoreNotFound: true, output: 'summary' } },
			),
		);
		const [summary] = result.json('Account');
		expect(summary).toMatchObject({ matched: 5, changed: 4, unchanged: 1, failed: 0 });
		const rows = summary.accounts as IDataObject[];
		expect(rows.find((r) => r.id === second)).toMatchObject({ alreadyDeleted: true });
		expect(rows.find((r) => r.id === first)).toMatchObject({ deleted: true });
	});

	it('Summary with Continue on the regular output: the summary alone, its failures inside it', async () => {
		await failPatchOf(A.aliceGithub);
		const result = await suite.engine.runNode({
			...matching('disable', { userIds: 'user_alice' }, { options: { output: 'summary' } }),
			onError: 'continueRegularOutput',
		});
		const output = result.json('Account');
		expect(output).toHaveLength(1);
		expect(output[0]).toMatchObject({ matched: 5, failed: 1 });
	});

	it('accounts that report no toolkit or auth config are listed with null for them', async () => {
		await suite.control.injectFault({
			method: 'GET',
			path: '/api/*/connected_accounts',
			kind: 'status',
			status: 200,
			body: {
				items: [{ id: 'ca_bareAccount1', status: 'ACTIVE', user_id: 'user_alice' }],
				next_cursor: null,
			},
		});
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_alice' }, { dryRun: true }),
		);
		expect(result.json('Account')).toEqual([
			{
				id: 'ca_bareAccount1',
				user_id: 'user_alice',
				toolkit: null,
				alias: null,
				auth_config_id: null,
				previousStatus: 'ACTIVE',
				status: 'ACTIVE',
				changed: false,
				dryRun: true,
				wouldChange: true,
			},
		]);
	});

	it('the past tense of a verb', () => {
		expect(['disable', 'delete', 'revoke', 'enable'].map(pastTense)).toEqual([
			'disabled',
			'deleted',
			'revoked',
			'enabled',
		]);
		expect(pastTense('refresh')).toBe('refreshed');
	});
});
