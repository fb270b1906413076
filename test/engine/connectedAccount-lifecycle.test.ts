/**
 * Connected Account, changing accounts: Enable, Disable, Delete, Revoke and Update on one account and
 * on every account matching a filter (dry run, concurrency, per-account errors), idempotent repeats,
 * continue-on-fail, and a List → Disable → List workflow — through n8n's engine against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { byId, connectedAccountNode as node } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;

const suite = useSandboxSuite();
const { accountStatus: statusOf } = suite;

function one(operation: string, id: string, parameters: IDataObject = {}) {
	return node(operation, { target: 'single', connectedAccount: byId(id), ...parameters });
}

function matching(operation: string, filters: IDataObject, parameters: IDataObject = {}) {
	return node(operation, { target: 'filter', filters, ...parameters });
}

async function writes() {
	return (await suite.control.requests(500))
		.filter((r) => r.method !== 'GET')
		.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
}

describe('Enable and Disable one account', () => {
	it('disable sends one PATCH and reports the status the account has now; repeating it is the same answer', async () => {
		const direct = await suite.engine.runNode(one('disable', A.aliceGmailWork));
		expect(direct.status).toBe('success');
		expect(direct.json('Account')).toEqual([{ id: A.aliceGmailWork, status: 'INACTIVE' }]);
		expect((await suite.control.requests(10)).map((r) => `${r.method} ${r.path}`)).toEqual([
			`PATCH /api/v3.1/connected_accounts/${A.aliceGmailWork}/status`,
		]);
		// Idempotent: Composio answers success for an account that already has the status.
		await suite.control.clearRequests();
		const repeated = await suite.engine.runNode(one('disable', A.aliceGmailWork));
		expect(repeated.json('Account')).toEqual([{ id: A.aliceGmailWork, status: 'INACTIVE' }]);
		expect(await statusOf(A.aliceGmailWork)).toBe('INACTIVE');
		expect(await suite.control.counters()).toMatchObject({ statusUpdates: 2 });
	});

	it('with "Report Previous Status": previousStatus → status; repeating it changes nothing and sends no PATCH', async () => {
		const report = { options: { reportPreviousStatus: true } };
		const first = await suite.engine.runNode(one('disable', A.aliceGmailWork, report));
		expect(first.status).toBe('success');
		expect(first.json('Account')).toEqual([
			{
				id: A.aliceGmailWork,
				user_id: 'user_alice',
				toolkit: 'gmail',
				alias: 'work',
				auth_config_id: AC.gmailManaged,
				previousStatus: 'ACTIVE',
				status: 'INACTIVE',
				changed: true,
			},
		]);
		expect(await statusOf(A.aliceGmailWork)).toBe('INACTIVE');
		expect(await writes()).toEqual([
			`PATCH /api/v3.1/connected_accounts/${A.aliceGmailWork}/status`,
		]);
		const [patch] = (await suite.control.requests(10)).filter((r) => r.method === 'PATCH');
		expect(patch.body).toEqual({ enabled: false });

		await suite.control.clearRequests();
		const again = await suite.engine.runNode(one('disable', A.aliceGmailWork, report));
		expect(again.json('Account')[0]).toMatchObject({
			previousStatus: 'INACTIVE',
			status: 'INACTIVE',
			changed: false,
		});
		expect(await writes()).toEqual([]);
	});

	it('enable resumes an INACTIVE account and is idempotent on an ACTIVE one', async () => {
		const report = { options: { reportPreviousStatus: true } };
		const resumed = await suite.engine.runNode(one('enable', A.aliceSlackInactive, report));
		expect(resumed.json('Account')[0]).toMatchObject({
			id: A.aliceSlackInactive,
			previousStatus: 'INACTIVE',
			status: 'ACTIVE',
			changed: true,
		});
		expect(await statusOf(A.aliceSlackInactive)).toBe('ACTIVE');
		const [patch] = (await suite.control.requests(10)).filter((r) => r.method === 'PATCH');
		expect(patch.body).toEqual({ enabled: true });

		await suite.control.clearRequests();
		const same = await suite.engine.runNode(one('enable', A.aliceSlackInactive, report));
		expect(same.json('Account')[0]).toMatchObject({ status: 'ACTIVE', changed: false });
		expect(await writes()).toEqual([]);
	});

	it('refuses to "enable" an EXPIRED account (it needs a new connection) and to disable a FAILED one', async () => {
		const enable = await suite.engine.runNode(one('enable', A.bobGmailExpired));
		expect(enable.status).toBe('error');
		expect(enable.error?.message).toBe(
			`Connected account ${A.bobGmailExpired} is EXPIRED; only INACTIVE (disabled) accounts can be enabled`,
		);
		expect(enable.error?.description).toContain('Connect operation');

		const disable = await suite.engine.runNode(one('disable', A.carolGmailFailed));
		expect(disable.error?.message).toBe(
			`Connected account ${A.carolGmailFailed} is FAILED; only ACTIVE accounts can be disabled`,
		);
		// One request first; Composio refuses (400), and the account is read to say why.
		expect(await writes()).toEqual([
			`PATCH /api/v3.1/connected_accounts/${A.bobGmailExpired}/status`,
			`PATCH /api/v3.1/connected_accounts/${A.carolGmailFailed}/status`,
		]);
		expect(await statusOf(A.bobGmailExpired)).toBe('EXPIRED');

		// With "Report Previous Status" the account is read first and nothing is sent.
		await suite.control.clearRequests();
		const read = await suite.engine.runNode(
			one('disable', A.carolGmailFailed, { options: { reportPreviousStatus: true } }),
		);
		expect(read.error?.message).toBe(disable.error?.message);
		expect(await writes()).toEqual([]);
	});

	it('an account whose auth config is disabled cannot be enabled: Composio’s 400 message', async () => {
		const result = await suite.engine.runNode(one('enable', A.daveSlackLegacy));
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toContain('is disabled');
	});

	it('continue-on-fail: IDs from expressions, every item processed and paired', async () => {
		const result = await suite.engine.runNode(
			{
				...one('disable', '={{ $json.accountId }}'),
				onError: 'continueRegularOutput',
			},
			[
				{ json: { accountId: A.bobGithub } },
				{ json: { accountId: '' } },
				{ json: { accountId: A.bobGmailExpired } },
				{ json: { accountId: A.bobSlackAcme } },
			],
		);
		expect(result.status).toBe('success');
		const output = result.output('Account');
		expect(
			output.map((item) => [item.json.id ?? null, item.json.status ?? null, item.pairedItem]),
		).toEqual([
			[A.bobGithub, 'INACTIVE', { item: 0 }],
			[null, null, { item: 1 }],
			[null, null, { item: 2 }],
			[A.bobSlackAcme, 'INACTIVE', { item: 3 }],
		]);
		expect(output[1].json.error).toBe('Connected Account: is empty');
		expect(output[2].json.error).toContain('only ACTIVE accounts can be disabled');
	});
});

describe('One Account over many items', () => {
	async function disableEach(ids: string[], options?: IDataObject) {
		return await suite.engine.runNode(
			one('disable', '={{ $json.accountId }}', options ? { options } : {}),
			ids.map((accountId) => ({ json: { accountId } })),
		);
	}

	async function manyAccounts(count: number): Promise<string[]> {
		const { ids = [] } = await suite.control.bulkCreateAccounts({
			count,
			userId: 'user_many',
			toolkit: 'gmail',
			status: 'ACTIVE',
			returnIds: true,
		});
		return ids;
	}

	/** The requests in the order they reached the sandbox: `GET <id>` or `PATCH <id>`. */
	async function arrivals(): Promise<string[]> {
		return (await suite.control.requests(500)).map((r) => `${r.method} ${r.path.split('/')[4]}`);
	}

	it('with Concurrency, that many items run at the same time; output stays in input order, paired', async () => {
		const ids = await manyAccounts(8);
		// With every answer 50 ms late, the first four requests are the four workers' PATCHes.
		await suite.control.setConfig({ latencyMs: 50 });
		const result = await disableEach(ids, { concurrency: 4 });
		expect(result.status).toBe('success');
		expect(
			result.output('Account').map((item) => [item.json.id, item.json.status, item.pairedItem]),
		).toEqual(ids.map((id, i) => [id, 'INACTIVE', { item: i }]));
		const order = await arrivals();
		expect(order).toHaveLength(8);
		expect(order.slice(0, 4).sort()).toEqual(
			ids
				.slice(0, 4)
				.map((id) => `PATCH ${id}`)
				.sort(),
		);
	});

	it('without Concurrency, items run one after the other, in order', async () => {
		const ids = await manyAccounts(3);
		await suite.control.setConfig({ latencyMs: 20 });
		const result = await disableEach(ids);
		expect(result.status).toBe('success');
		expect(await arrivals()).toEqual(ids.map((id) => `PATCH ${id}`));
	});

	it('refuses a Concurrency out of range before any request', async () => {
		const result = await disableEach([A.bobGithub], { concurrency: 0 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Options → Concurrency: must be between 1 and 20 (got 0)');
		expect(await writes()).toEqual([]);
	});

	it('Concurrency 0 with Continue: one error item per input item, never the input passed through', async () => {
		for (const target of ['single', 'filter']) {
			const parameters =
				target === 'single'
					? { target, connectedAccount: byId('={{ $json.accountId }}') }
					: { target, filters: { userIds: 'user_bob' } };
			const result = await suite.engine.runNode(
				{
					...node('disable', { ...parameters, options: { concurrency: '={{ 0 }}' } }),
					onError: 'continueRegularOutput',
				},
				[{ json: { accountId: A.bobGithub } }, { json: { accountId: A.bobSlackAcme } }],
			);
			expect(result.status).toBe('success');
			expect(result.output('Account').map((item) => [item.json, item.pairedItem])).toEqual([
				[{ error: 'Options → Concurrency: must be between 1 and 20 (got 0)' }, { item: 0 }],
				[{ error: 'Options → Concurrency: must be between 1 and 20 (got 0)' }, { item: 1 }],
			]);
		}
		expect(await writes()).toEqual([]);
	});
});

describe('Delete one account', () => {
	it('soft-deletes; deleting again is a 404 error unless "Succeed If Already Deleted" is on', async () => {
		const deleted = await suite.engine.runNode(one('delete', A.daveGmail));
		expect(deleted.json('Account')).toEqual([
			{
				id: A.daveGmail,
				user_id: 'user_dave',
				toolkit: 'gmail',
				alias: null,
				auth_config_id: AC.gmailManaged,
				previousStatus: 'ACTIVE',
				deleted: true,
				changed: true,
			},
		]);
		expect((await suite.control.account(A.daveGmail)).deleted).toBe(true);
		expect(await writes()).toEqual([`DELETE /api/v3.1/connected_accounts/${A.daveGmail}`]);

		const again = await suite.engine.runNode(one('delete', A.daveGmail));
		expect(again.status).toBe('error');
		expect(again.error?.httpCode).toBe('404');

		const tolerant = await suite.engine.runNode(
			one('delete', A.daveGmail, { options: { ignoreNotFound: true } }),
		);
		expect(tolerant.status).toBe('success');
		expect(tolerant.json('Account')).toEqual([
			{ id: A.daveGmail, deleted: false, alreadyDeleted: true, changed: false },
		]);
	});

	it('"Revoke First" revokes at the provider, then deletes, keeping revoked_tokens', async () => {
		const result = await suite.engine.runNode(
			one('delete', A.aliceGmailPersonal, { options: { revokeFirst: true } }),
		);
		const [out] = result.json('Account');
		expect(out).toMatchObject({
			id: A.aliceGmailPersonal,
			previousStatus: 'ACTIVE',
			revoked_tokens: ['access_token', 'refresh_token'],
			deleted: true,
		});
		expect(await writes()).toEqual([
			`POST /api/v3.1/connected_accounts/${A.aliceGmailPersonal}/revoke`,
			`DELETE /api/v3.1/connected_accounts/${A.aliceGmailPersonal}`,
		]);
		const stored = await suite.control.account(A.aliceGmailPersonal);
		expect([stored.status, stored.deleted]).toEqual(['REVOKED', true]);
	});

	it('"Revoke First" on a toolkit that cannot revoke: not deleted by default (the tokens would stay live); deleted with "Delete Even If Revoke Fails", saying why', async () => {
		const strict = await suite.engine.runNode(
			one('delete', A.aliceTavily, { options: { revokeFirst: true } }),
		);
		expect(strict.status).toBe('error');
		expect(strict.error?.httpCode).toBe('400');
		expect(strict.error?.description).toContain('The account was not deleted.');
		expect((await suite.control.account(A.aliceTavily)).deleted).toBe(false);

		const anyway = await suite.engine.runNode(
			one('delete', A.aliceTavily, { options: { revokeFirst: true, deleteIfRevokeFails: true } }),
		);
		const [out] = anyway.json('Account');
		expect(out).toMatchObject({ deleted: true, revocation: 'not_revoked', revoked_tokens: [] });
		expect(out.revokeError).toContain('does not support revoking');
		expect((await suite.control.account(A.aliceTavily)).deleted).toBe(true);
	});

	it('"Revoke First" on a pending account: no tokens exist yet, so it is deleted without a revoke request', async () => {
		const result = await suite.engine.runNode(
			one('delete', A.bobGmailInitiated, { options: { revokeFirst: true } }),
		);
		const [out] = result.json('Account');
		expect(out).toMatchObject({
			previousStatus: 'INITIATED',
			deleted: true,
			revocation: 'not_needed',
			revoked_tokens: [],
		});
		expect(out.revocationNote).toContain('has not finished connecting');
		expect(await writes()).toEqual([`DELETE /api/v3.1/connected_accounts/${A.bobGmailInitiated}`]);
	});

	it('a 409 from revoke (the account left ACTIVE after it was read) is never "nothing to revoke"', async () => {
		const conflict = {
			method: 'POST',
			path: `/api/*/connected_accounts/${A.daveGmail}/revoke`,
			kind: 'status' as const,
			status: 409,
			body: {
				error: {
					message: 'Connection is not in a revokable state',
					code: 610,
					slug: 'ConnectedAccount_NotRevokable',
					status: 409,
				},
			},
			times: 10,
		};
		await suite.control.injectFault(conflict);
		const revoke = await suite.engine.runNode(one('revoke', A.daveGmail));
		expect(revoke.status).toBe('error');
		expect(revoke.error?.message).toBe('Connection is not in a revokable state');

		const strict = await suite.engine.runNode(
			one('delete', A.daveGmail, { options: { revokeFirst: true } }),
		);
		expect(strict.status).toBe('error');
		expect(strict.error?.httpCode).toBe('409');
		expect((await suite.control.account(A.daveGmail)).deleted).toBe(false);

		const anyway = await suite.engine.runNode(
			one('delete', A.daveGmail, { options: { revokeFirst: true, deleteIfRevokeFails: true } }),
		);
		const [out] = anyway.json('Account');
		expect(out).toMatchObject({ deleted: true, revocation: 'not_revoked', revoked_tokens: [] });
		expect(out.revokeError).toBe('Connection is not in a revokable state');
	});

	it('an INACTIVE account whose revoke is refused is disabled again, and not deleted by default', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: `/api/*/connected_accounts/${A.aliceSlackInactive}/revoke`,
			kind: 'status',
			status: 400,
			times: 10,
		});
		const result = await suite.engine.runNode(
			one('delete', A.aliceSlackInactive, { options: { revokeFirst: true } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain('disabled again');
		const stored = await suite.control.account(A.aliceSlackInactive);
		expect([stored.status, stored.deleted]).toEqual(['INACTIVE', false]);
		expect(await writes()).toEqual([
			`PATCH /api/v3.1/connected_accounts/${A.aliceSlackInactive}/status`,
			`POST /api/v3.1/connected_accounts/${A.aliceSlackInactive}/revoke`,
			`PATCH /api/v3.1/connected_accounts/${A.aliceSlackInactive}/status`,
		]);
	});
});

/**
 * Delete on one account, for every status × Revoke First × Delete Even If Revoke Fails, against the
 * sandbox (which answers revoke as Composio does: only ACTIVE is revoked, REVOKED is a no-op, the rest
 * 409). What a security-minded user expects: with Revoke First, an account is deleted only after its
 * tokens were revoked, unless none exist yet (pending) or the user opted in to deleting anyway.
 */
describe('Delete: every status × option', () => {
	type Status =
		| 'ACTIVE'
		| 'INACTIVE'
		| 'EXPIRED'
		| 'FAILED'
		| 'INITIATED'
		| 'INITIALIZING'
		| 'REVOKED';
	interface Expectation {
		deleted: boolean;
		revocation?: string;
		/** Write requests after the first read, by kind. */
		writes: Array<'enable' | 'revoke' | 'delete'>;
		finalStatus: Status;
	}
	const STATUSES: Status[] = [
		'ACTIVE',
		'INACTIVE',
		'EXPIRED',
		'FAILED',
		'INITIATED',
		'INITIALIZING',
		'REVOKED',
	];

	function expected(
		status: Status,
		revokeFirst: boolean,
		deleteIfRevokeFails: boolean,
	): Expectation {
		if (!revokeFirst) return { deleted: true, writes: ['delete'], finalStatus: status };
		switch (status) {
			case 'ACTIVE':
				return {
					deleted: true,
					revocation: 'revoked',
					writes: ['revoke', 'delete'],
					finalStatus: 'REVOKED',
				};
			case 'INACTIVE':
				return {
					deleted: true,
					revocation: 'revoked',
					writes: ['enable', 'revoke', 'delete'],
					finalStatus: 'REVOKED',
				};
			case 'EXPIRED':
			case 'FAILED':
				return deleteIfRevokeFails
					? { deleted: true, revocation: 'not_revoked', writes: ['delete'], finalStatus: status }
					: { deleted: false, writes: [], finalStatus: status };
			case 'INITIATED':
			case 'INITIALIZING':
				return { deleted: true, revocation: 'not_needed', writes: ['delete'], finalStatus: status };
			case 'REVOKED':
				return {
					deleted: true,
					revocation: 'already_revoked',
					writes: ['delete'],
					finalStatus: 'REVOKED',
				};
		}
	}

	const cases = STATUSES.flatMap((status) =>
		[false, true].flatMap((revokeFirst) =>
			[false, true].map(
				(deleteIfRevokeFails) => [status, revokeFirst, deleteIfRevokeFails] as const,
			),
		),
	);

	it.each(cases)(
		'%s, Revoke First %p, Delete Even If Revoke Fails %p',
		async (status, revokeFirst, deleteIfRevokeFails) => {
			const id = A.daveGmail;
			await suite.control.setAccountStatus(id, { status });
			await suite.control.clearRequests();
			const expectation = expected(status, revokeFirst, deleteIfRevokeFails);
			const result = await suite.engine.runNode(
				one('delete', id, { options: { revokeFirst, deleteIfRevokeFails } }),
			);
			const path = `/api/v3.1/connected_accounts/${id}`;
			const request = {
				enable: `PATCH ${path}/status`,
				revoke: `POST ${path}/revoke`,
				delete: `DELETE ${path}`,
			};
			expect(await writes()).toEqual(expectation.writes.map((kind) => request[kind]));
			const stored = await suite.control.account(id);
			expect([stored.status, stored.deleted]).toEqual([
				expectation.finalStatus,
				expectation.deleted,
			]);
			if (!expectation.deleted) {
				expect(result.status).toBe('error');
				expect(result.error?.message).toContain(`is ${status}`);
				expect(result.error?.message).toContain('Composio revokes only ACTIVE accounts');
				expect(result.error?.description).toContain('Delete Even If Revoke Fails');
				return;
			}
			const [out] = result.json('Account');
			expect(out).toMatchObject({ previousStatus: status, deleted: true, changed: true });
			if (!revokeFirst) {
				expect(out).not.toHaveProperty('revocation');
				return;
			}
			expect(out.revocation).toBe(expectation.revocation);
			expect(out.revoked_tokens).toEqual(
				expectation.revocation === 'revoked' ? ['access_token', 'refresh_token'] : [],
			);
			if (expectation.revocation !== 'revoked' && expectation.revocation !== 'already_revoked') {
				expect(out.revocationNote).toEqual(expect.any(String));
			}
		},
	);

	it('a filter run with Revoke First skips the accounts it cannot revoke, with the reason, and deletes the rest', async () => {
		// Continue (regular output): the account that cannot be revoked is an item carrying `error`.
		const result = await suite.engine.runNode({
			...matching(
				'delete',
				{ userIds: 'user_carol' },
				{ dryRun: false, options: { revokeFirst: true } },
			),
			onError: 'continueRegularOutput',
		});
		const rows = Object.fromEntries(result.json('Account').map((r) => [r.id, r]));
		expect(rows[A.carolGmailMain]).toMatchObject({ deleted: true, revocation: 'revoked' });
		expect(rows[A.carolSlackRevoked]).toMatchObject({
			deleted: true,
			revocation: 'already_revoked',
		});
		expect(rows[A.carolGithubInitializing]).toMatchObject({
			deleted: true,
			revocation: 'not_needed',
		});
		expect(rows[A.carolGmailFailed]).toMatchObject({ changed: false, skipped: true });
		expect(rows[A.carolGmailFailed].reason).toContain('is FAILED');
		expect(rows[A.carolGmailFailed]).not.toHaveProperty('deleted', true);
		// INACTIVE on a toolkit that cannot revoke: enabled, refused (400), disabled again, kept.
		expect(rows[A.carolTavilyInactive].error).toContain('does not support revoking');
		const deleted = async (id: string) => (await suite.control.account(id)).deleted;
		expect(await deleted(A.carolGmailFailed)).toBe(false);
		expect(await deleted(A.carolTavilyInactive)).toBe(false);
		expect((await suite.control.account(A.carolTavilyInactive)).status).toBe('INACTIVE');
		expect(await deleted(A.carolGmailMain)).toBe(true);
	});
});

describe('Revoke and Update one account', () => {
	it('revokes, then reports an already revoked account as unchanged', async () => {
		const revoked = await suite.engine.runNode(one('revoke', A.bobSlackAcme));
		expect(revoked.json('Account')[0]).toMatchObject({
			id: A.bobSlackAcme,
			previousStatus: 'ACTIVE',
			status: 'REVOKED',
			revoked_tokens: ['access_token', 'refresh_token'],
			changed: true,
		});
		await suite.control.clearRequests();
		const again = await suite.engine.runNode(one('revoke', A.bobSlackAcme));
		expect(again.json('Account')[0]).toMatchObject({
			previousStatus: 'REVOKED',
			status: 'REVOKED',
			revoked_tokens: [],
			changed: false,
		});
		expect(await writes()).toEqual([]);
	});

	it.each(['INACTIVE', 'EXPIRED', 'FAILED', 'INITIATED', 'INITIALIZING'] as const)(
		'a %s account is reported as not revocable, with the reason, without a revoke request',
		async (status) => {
			await suite.control.setAccountStatus(A.daveGmail, { status });
			await suite.control.clearRequests();
			const result = await suite.engine.runNode(one('revoke', A.daveGmail));
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain(`Connected account ${A.daveGmail} is ${status}`);
			expect(result.error?.description).toEqual(expect.any(String));
			expect(await writes()).toEqual([]);
			expect(await statusOf(A.daveGmail)).toBe(status);
		},
	);

	it('a toolkit that cannot revoke fails with Composio’s reason', async () => {
		const result = await suite.engine.runNode(one('revoke', A.aliceTavily));
		expect(result.status).toBe('error');
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toBe(
			'Toolkit tavily does not support revoking credentials upstream',
		);
	});

	it('Update sets and clears the alias and returns the account', async () => {
		const set = await suite.engine.runNode(
			node('update', { connectedAccount: byId(A.aliceGithub), alias: ' oss ' }),
		);
		expect(set.json('Account')[0]).toMatchObject({ id: A.aliceGithub, alias: 'oss' });
		const [patch] = (await suite.control.requests(10)).filter((r) => r.method === 'PATCH');
		expect(patch.body).toEqual({ alias: 'oss' });

		const cleared = await suite.engine.runNode(
			node('update', { connectedAccount: byId(A.aliceGithub), alias: '' }),
		);
		expect(cleared.json('Account')[0]).toMatchObject({ id: A.aliceGithub, alias: null });

		const clash = await suite.engine.runNode(
			node('update', { connectedAccount: byId(A.aliceGmailPersonal), alias: 'work' }),
		);
		expect(clash.status).toBe('error');
		expect(clash.error?.httpCode).toBe('409');
	});
});

describe('Accounts matching a filter', () => {
	const bobIds = [
		A.bobGithub,
		A.bobGmailExpired,
		A.bobSlackAcme,
		A.bobSlackSide,
		A.bobGmailInitiated,
	];

	it('dry run lists what would change and changes nothing', async () => {
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_bob' }, { dryRun: true }),
		);
		expect(result.status).toBe('success');
		const rows = result.json('Account');
		expect(rows.map((r) => r.id).sort()).toEqual([...bobIds].sort());
		const byAccount = Object.fromEntries(rows.map((r) => [r.id, r]));
		expect(byAccount[A.bobGithub]).toMatchObject({
			previousStatus: 'ACTIVE',
			status: 'ACTIVE',
			changed: false,
			dryRun: true,
			wouldChange: true,
		});
		expect(byAccount[A.bobGmailExpired]).toMatchObject({
			dryRun: true,
			wouldChange: false,
			skipped: true,
			reason: `Connected account ${A.bobGmailExpired} is EXPIRED; only ACTIVE accounts can be disabled`,
		});
		expect(result.output('Account').map((item) => item.pairedItem)).toEqual(
			rows.map(() => ({ item: 0 })),
		);
		expect(await writes()).toEqual([]);
	});

	it('subscription lapsed: disables every ACTIVE account of the user, skips the rest, one item each', async () => {
		const result = await suite.engine.runNode(
			matching('disable', { userIds: '={{ $json.userId }}' }),
			[{ json: { userId: 'user_bob' } }],
		);
		const rows = result.json('Account');
		expect(rows).toHaveLength(5);
		const changed = rows.filter((r) => r.changed).map((r) => r.id);
		expect(changed.sort()).toEqual([A.bobGithub, A.bobSlackAcme, A.bobSlackSide].sort());
		expect(
			rows
				.filter((r) => r.skipped)
				.map((r) => r.previousStatus)
				.sort(),
		).toEqual(['EXPIRED', 'INITIATED']);
		expect(result.output('Account').map((item) => item.pairedItem)).toEqual(
			rows.map(() => ({ item: 0 })),
		);
		for (const id of changed) expect(await statusOf(id as string)).toBe('INACTIVE');

		// Payment recovered: enable what is INACTIVE again; nothing else is touched.
		await suite.control.clearRequests();
		const resumed = await suite.engine.runNode(
			matching('enable', { userIds: 'user_bob', statuses: ['INACTIVE'] }),
		);
		expect(resumed.json('Account').map((r) => [r.id, r.status, r.changed])).toEqual(
			expect.arrayContaining([
				[A.bobGithub, 'ACTIVE', true],
				[A.bobSlackAcme, 'ACTIVE', true],
				[A.bobSlackSide, 'ACTIVE', true],
			]),
		);
		expect(resumed.json('Account')).toHaveLength(3);
		const [list] = (await suite.control.requests(10)).filter((r) => r.method === 'GET');
		expect(list.query).toMatchObject({ user_ids: ['user_bob'], statuses: ['INACTIVE'] });
	});

	it('changes many accounts across pages with bounded concurrency', async () => {
		const { ids } = await suite.control.bulkCreateAccounts({
			count: 130,
			userId: 'user_bulk',
			toolkit: 'slack',
			returnIds: true,
		});
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_bulk' }, { options: { concurrency: 8 } }),
		);
		const rows = result.json('Account');
		expect(rows).toHaveLength(130);
		expect(rows.every((r) => r.changed === true && r.status === 'INACTIVE')).toBe(true);
		expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
		const counters = await suite.control.counters();
		expect(counters.statusUpdates).toBe(130);
		const lists = (await suite.control.requests(500)).filter(
			(r) => r.method === 'GET' && r.path === '/api/v3.1/connected_accounts',
		);
		// Every page is read before anything changes (cursors encode page numbers).
		expect(lists.map((r) => r.query.limit[0])).toEqual(['100', '100']);
		const firstPatch = (await suite.control.requests(500)).findIndex((r) => r.method === 'PATCH');
		const lastList = (await suite.control.requests(500)).findIndex(
			(r) => r.seq === lists[lists.length - 1].seq,
		);
		expect(lastList).toBeLessThan(firstPatch);
	});

	async function failOn(id: string) {
		await suite.control.injectFault({
			method: 'PATCH',
			path: `/api/*/connected_accounts/${id}/status`,
			kind: 'status',
			status: 403,
			times: 10,
		});
	}
	const aliceActive = () => matching('disable', { userIds: 'user_alice', statuses: ['ACTIVE'] });

	it('Stop Workflow: a failed account fails the execution, naming what was done and what failed', async () => {
		await failOn(A.aliceGithub);
		const result = await suite.engine.runNode(aliceActive());
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			new RegExp(
				`^Could not disable connected account ${A.aliceGithub}: .+\\. \\d of 4 matching accounts (was|were) disabled(; \\d not started)?\\.$`,
			),
		);
		expect(result.error?.description).toContain(`${A.aliceGithub}: `);
		expect(result.error?.description).toContain('On Error: Stop Workflow');
		// No account starts after the failure; those in flight finish: what the message counts changed.
		const done = Number(/(\d) of 4 matching accounts/.exec(String(result.error?.message))?.[1]);
		const notStarted = Number(/(\d) not started/.exec(String(result.error?.message))?.[1] ?? 0);
		expect(done + notStarted + 1).toBe(4);
		expect((await suite.control.counters()).statusUpdates).toBe(done);
	});

	it('Continue (regular output): every account is tried; the failed one is an item carrying error', async () => {
		await failOn(A.aliceGithub);
		const result = await suite.engine.runNode({
			...aliceActive(),
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		const rows = result.json('Account');
		expect(rows).toHaveLength(4);
		const failed = rows.find((r) => r.id === A.aliceGithub);
		expect(failed).toMatchObject({ changed: false, httpCode: '403', previousStatus: 'ACTIVE' });
		expect(failed?.error).toEqual(expect.any(String));
		expect(rows.filter((r) => r.changed).length).toBe(3);
		expect(result.run.data.resultData.runData.Account[0].hints).toEqual([
			expect.objectContaining({
				message: expect.stringContaining('Could not disable 1 of 4 connected accounts'),
			}),
		]);
	});

	it('Continue (using error output): each failed account on the error output, paired to its input item', async () => {
		await failOn(A.aliceGithub);
		await failOn(A.aliceTavily);
		const result = await suite.engine.runNode(
			{ ...aliceActive(), onError: 'continueErrorOutput' },
			[{ json: { request: 'r1' } }],
		);
		expect(result.status).toBe('success');
		const [main, errors] = result.run.data.resultData.runData.Account[0].data?.main ?? [];
		expect(main?.map((item) => item.json.id).sort()).toEqual(
			[A.aliceGmailWork, A.aliceGmailPersonal].sort(),
		);
		// n8n keeps only `error`, `message` and `details` of an error-output item (merged over the input
		// item's json when the node has a parent; here it runs alone).
		expect(errors?.map((item) => (item.json.details as IDataObject).id).sort()).toEqual(
			[A.aliceGithub, A.aliceTavily].sort(),
		);
		for (const item of errors ?? []) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				error: expect.any(String),
				details: {
					changed: false,
					httpCode: '403',
					previousStatus: 'ACTIVE',
					user_id: 'user_alice',
				},
			});
		}
	});

	it('Output = Summary: one item per input item with the counts; failures still reach the error output', async () => {
		await failOn(A.aliceGithub);
		const result = await suite.engine.runNode(
			{
				...matching(
					'disable',
					{ userIds: '={{ $json.user }}' },
					{ options: { output: 'summary' } },
				),
				onError: 'continueErrorOutput',
			},
			[{ json: { user: 'user_alice' } }, { json: { user: 'user_nobody' } }],
		);
		const [main, errors] = result.run.data.resultData.runData.Account[0].data?.main ?? [];
		expect(main?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [alice, nobody] = (main ?? []).map((item) => item.json);
		expect(alice).toMatchObject({
			operation: 'disable',
			dryRun: false,
			matched: 5,
			changed: 3,
			unchanged: 1,
			skipped: 0,
			failed: 1,
			filters: { user_ids: ['user_alice'] },
		});
		expect((alice.accounts as IDataObject[]).map((a) => a.id).sort()).toEqual(
			[
				A.aliceGmailWork,
				A.aliceGmailPersonal,
				A.aliceGithub,
				A.aliceTavily,
				A.aliceSlackInactive,
			].sort(),
		);
		expect(nobody).toMatchObject({ matched: 0, changed: 0, failed: 0, accounts: [] });
		expect(errors?.map((item) => [(item.json.details as IDataObject).id, item.pairedItem])).toEqual(
			[[A.aliceGithub, { item: 0 }]],
		);
		expect(result.run.data.resultData.runData.Account[0].hints).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					message:
						'No connected account matched the filters of item 2 (user_ids: user_nobody); nothing was disabled.',
				}),
			]),
		);
	});

	it('Output = Summary on a dry run counts what would change', async () => {
		const result = await suite.engine.runNode(
			matching(
				'disable',
				{ userIds: 'user_bob' },
				{ dryRun: true, options: { output: 'summary' } },
			),
		);
		expect(result.json('Account')).toEqual([
			expect.objectContaining({
				operation: 'disable',
				dryRun: true,
				matched: 5,
				changed: 0,
				wouldChange: 3,
				unchanged: 0,
				skipped: 2,
				failed: 0,
			}),
		]);
		expect(await writes()).toEqual([]);
	});

	it('zero matches: a hint on the node, no item; "Fail When Nothing Matches" makes it an item error', async () => {
		const quiet = await suite.engine.runNode(matching('disable', { userIds: 'user_nobody' }));
		expect(quiet.status).toBe('success');
		expect(quiet.json('Account')).toEqual([]);
		expect(quiet.run.data.resultData.runData.Account[0].hints).toEqual([
			expect.objectContaining({
				message:
					'No connected account matched the filters of item 1 (user_ids: user_nobody); nothing was disabled.',
			}),
		]);

		const strict = await suite.engine.runNode(
			{
				...matching(
					'disable',
					{ userIds: '={{ $json.user }}' },
					{ options: { failWhenNothingMatches: true } },
				),
				onError: 'continueRegularOutput',
			},
			[{ json: { user: 'user_nobody' } }, { json: { user: 'user_bob' } }],
		);
		const output = strict.output('Account');
		expect(output[0]).toMatchObject({
			json: { error: 'No connected account matches the filters (user_ids: user_nobody)' },
			pairedItem: { item: 0 },
		});
		expect(output.slice(1).map((item) => item.pairedItem)).toEqual(Array(5).fill({ item: 1 }));
	});

	it('Delete and Revoke default to a dry run; turned off, they act on every match', async () => {
		const preview = await suite.engine.runNode(matching('delete', { userIds: 'user_dave' }));
		expect(preview.json('Account').map((r) => [r.id, r.dryRun, r.wouldChange])).toEqual(
			expect.arrayContaining([
				[A.daveGmail, true, true],
				[A.daveSlackLegacy, true, true],
			]),
		);
		expect(await writes()).toEqual([]);

		const revoked = await suite.engine.runNode({
			...matching('revoke', { userIds: 'user_carol' }, { dryRun: false }),
			onError: 'continueRegularOutput',
		});
		const rows = Object.fromEntries(revoked.json('Account').map((r) => [r.id, r]));
		expect(rows[A.carolGmailMain]).toMatchObject({ status: 'REVOKED', changed: true });
		expect(rows[A.carolSlackRevoked]).toMatchObject({ changed: false, revoked_tokens: [] });
		// Not revocable by status: skipped with the reason, no revoke request, never "revoked".
		expect(rows[A.carolTavilyInactive]).toMatchObject({ changed: false, skipped: true });
		expect(rows[A.carolTavilyInactive].reason).toContain('is INACTIVE (disabled)');
		expect(rows[A.carolGmailFailed]).toMatchObject({ changed: false, skipped: true });
		expect(rows[A.carolGmailFailed].reason).toContain('is FAILED');
		expect(rows[A.carolGithubInitializing].reason).toContain('has not finished connecting');
		expect(await statusOf(A.carolTavilyInactive)).toBe('INACTIVE');

		const deleted = await suite.engine.runNode({
			...matching(
				'delete',
				{ userIds: 'user_dave' },
				{ dryRun: false, options: { revokeFirst: true } },
			),
			onError: 'continueRegularOutput',
		});
		const deletedRows = Object.fromEntries(deleted.json('Account').map((r) => [r.id, r]));
		expect(deletedRows[A.daveGmail]).toMatchObject({ deleted: true, revocation: 'revoked' });
		// INACTIVE on a disabled auth config: it cannot be enabled for the revoke, so it is kept.
		expect(deletedRows[A.daveSlackLegacy].error).toEqual(expect.any(String));
		expect(deletedRows[A.daveSlackLegacy].description).toContain(
			'could not be enabled for the revoke',
		);
		const remaining = await suite.engine.runNode(
			node('getAll', { returnAll: true, filters: { userIds: 'user_dave' } }),
		);
		expect(remaining.json('Account').map((r) => r.id)).toEqual([A.daveSlackLegacy]);
	});

	it('a filter that was set but resolves to nothing fails the item, for every field and shape, before any request', async () => {
		const fields: Record<string, string> = {
			userIds: 'User IDs',
			toolkitSlugs: 'Toolkits',
			authConfigIds: 'Auth Configs',
			connectedAccountIds: 'Connected Account IDs',
			statuses: 'Statuses',
		};
		// What the item carries in `v` (undefined: the item has no `v` at all).
		const shapes: Array<[unknown, string]> = [
			[undefined, 'nothing'],
			[null, 'null'],
			['', '""'],
			['   ', '"   "'],
			[',', '","'],
			[' , ', '" , "'],
			[[], 'a list ([])'],
			[[' ', ''], 'a list ([" ",""])'],
		];
		for (const [name, label] of Object.entries(fields)) {
			const result = await suite.engine.runNode(
				{
					...matching(
						'disable',
						{ userIds: 'user_bob', [name]: '={{ $json.v }}' },
						{ options: { allowNoFilter: true } },
					),
					onError: 'continueRegularOutput',
				},
				shapes.map(([v]) => ({ json: v === undefined ? {} : { v } })),
			);
			expect(result.output('Account').map((item) => [item.json.error, item.pairedItem])).toEqual(
				shapes.map(([, got], i) => [
					`Filters → ${label}: is set but resolves to no value (got ${got})`,
					{ item: i },
				]),
			);
		}
		// An object is no filter either.
		const object = await suite.engine.runNode(
			matching('delete', { userIds: '={{ $json.v }}' }, { dryRun: false }),
			[{ json: { v: {} } }],
		);
		expect(object.error?.message).toBe(
			'Filters → User IDs: expected comma-separated text or a list of strings but got an object ({})',
		);
		expect(await suite.control.requests(5)).toEqual([]);
	});

	it('Statuses or Toolkits alone never select a whole project: Allow No Filter is needed', async () => {
		for (const operation of ['enable', 'disable', 'delete', 'revoke']) {
			const result = await suite.engine.runNode(
				matching(operation, { statuses: ['ACTIVE'], toolkitSlugs: ['gmail'] }, { dryRun: false }),
			);
			expect(result.error?.message).toBe(
				`Filters: only Statuses or Toolkits are set (statuses: ACTIVE; toolkit_slugs: gmail), which select accounts across the whole project to ${operation}`,
			);
		}
		const none = await suite.engine.runNode(matching('disable', {}));
		expect(none.error?.message).toBe(
			'Filters: no filter is set, so every connected account of the project would be selected to disable',
		);
		expect(await suite.control.requests(5)).toEqual([]);

		const everything = await suite.engine.runNode(
			matching('disable', {}, { dryRun: true, options: { allowNoFilter: true } }),
		);
		expect(everything.json('Account')).toHaveLength(17);
		const activeGmail = await suite.engine.runNode(
			matching(
				'disable',
				{ statuses: ['ACTIVE'], toolkitSlugs: ['gmail'] },
				{ dryRun: true, options: { allowNoFilter: '={{ "true" }}' } },
			),
		);
		expect(activeGmail.json('Account').map((r) => r.toolkit)).toEqual(
			expect.arrayContaining(['gmail']),
		);
	});

	it('booleans from expressions are type-checked: "false" is false, anything else is an error', async () => {
		const dry = await suite.engine.runNode(
			matching('disable', { userIds: 'user_bob' }, { dryRun: '={{ "false" }}' }),
		);
		expect(dry.status).toBe('success');
		expect(dry.json('Account').some((r) => r.changed === true)).toBe(true);
		for (const [parameters, field] of [
			[{ dryRun: '={{ "yes" }}' }, 'Dry Run'],
			[{ options: { allowNoFilter: '={{ 1 }}' } }, 'Options → Allow No Filter'],
			[{ options: { failWhenNothingMatches: '={{ "" }}' } }, 'Options → Fail When Nothing Matches'],
		] as Array<[IDataObject, string]>) {
			const result = await suite.engine.runNode(
				matching('enable', { userIds: 'user_bob' }, parameters),
			);
			expect(result.error?.message).toMatch(
				new RegExp(`^${field}: expected true or false but got `),
			);
		}
		const off = await suite.engine.runNode(
			matching(
				'disable',
				{ statuses: ['ACTIVE'] },
				{ options: { allowNoFilter: '={{ "false" }}' } },
			),
		);
		expect(off.error?.message).toContain('only Statuses or Toolkits are set');
	});

	it('refuses a concurrency outside 1–20 before any request', async () => {
		const result = await suite.engine.runNode(
			matching('enable', { userIds: 'user_bob' }, { options: { concurrency: '={{ 50 }}' } }),
		);
		expect(result.error?.message).toBe('Options → Concurrency: must be between 1 and 20 (got 50)');
		expect(await suite.control.requests(5)).toEqual([]);
	});
});

describe('workflow', () => {
	it('List (user, ACTIVE) → Disable each → List again shows them INACTIVE', async () => {
		const result = await suite.engine.run({
			nodes: [
				node(
					'getAll',
					{ returnAll: true, filters: { userIds: 'user_alice', statuses: ['ACTIVE'] } },
					'List Active',
				),
				node(
					'disable',
					{
						target: 'single',
						connectedAccount: byId('={{ $json.id }}'),
						options: { reportPreviousStatus: true },
					},
					'Disable',
				),
				{
					...node('getAll', { returnAll: true, filters: { userIds: 'user_alice' } }, 'List Again'),
					executeOnce: true,
				},
			],
			connections: { 'List Active': 'Disable', Disable: 'List Again' },
		});
		expect(result.status).toBe('success');
		const listed = result.json('List Active').map((a) => a.id);
		expect(listed.sort()).toEqual(
			[A.aliceGmailWork, A.aliceGmailPersonal, A.aliceGithub, A.aliceTavily].sort(),
		);
		expect(result.output('Disable').map((item) => item.pairedItem)).toEqual(
			listed.map((_id, i) => ({ item: i })),
		);
		expect(result.json('Disable').every((r) => r.previousStatus === 'ACTIVE')).toBe(true);
		const after = Object.fromEntries(result.json('List Again').map((a) => [a.id, a.status]));
		for (const id of listed) expect(after[id as string]).toBe('INACTIVE');
		expect(after[A.aliceSlackInactive]).toBe('INACTIVE');
	});
});
