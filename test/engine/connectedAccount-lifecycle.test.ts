/**
 * Connected Account, changing accounts: Enable, Disable, Delete, Revoke and Update on one account and
 * on every account matching a filter (dry run, concurrency, per-account errors), idempotent repeats,
 * continue-on-fail, and a List → Disable → List workflow — through n8n's engine against the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { useSandboxSuite } from '../harness/sandboxSuite';

const NODE = 'n8n-nodes-composio.composioConnectedAccount';
const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;

const suite = useSandboxSuite();

function node(operation: string, parameters: IDataObject = {}, name = 'Account') {
	return {
		name,
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

async function writes() {
	return (await suite.control.requests(500))
		.filter((r) => r.method !== 'GET')
		.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''}`);
}

async function statusOf(id: string) {
	return (await suite.control.account(id)).status;
}

describe('Enable and Disable one account', () => {
	it('disable reports previousStatus → status; repeating it changes nothing and sends no PATCH', async () => {
		const first = await suite.engine.runNode(one('disable', A.aliceGmailWork));
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
		const again = await suite.engine.runNode(one('disable', A.aliceGmailWork));
		expect(again.json('Account')[0]).toMatchObject({
			previousStatus: 'INACTIVE',
			status: 'INACTIVE',
			changed: false,
		});
		expect(await writes()).toEqual([]);
	});

	it('enable resumes an INACTIVE account and is idempotent on an ACTIVE one', async () => {
		const resumed = await suite.engine.runNode(one('enable', A.aliceSlackInactive));
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
		const same = await suite.engine.runNode(one('enable', A.aliceSlackInactive));
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
			output.map((item) => [item.json.id ?? null, item.json.changed ?? null, item.pairedItem]),
		).toEqual([
			[A.bobGithub, true, { item: 0 }],
			[null, null, { item: 1 }],
			[null, null, { item: 2 }],
			[A.bobSlackAcme, true, { item: 3 }],
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
		// With every answer 50 ms late, the first four requests are the four workers' reads.
		await suite.control.setConfig({ latencyMs: 50 });
		const result = await disableEach(ids, { concurrency: 4 });
		expect(result.status).toBe('success');
		expect(
			result.output('Account').map((item) => [item.json.id, item.json.status, item.pairedItem]),
		).toEqual(ids.map((id, i) => [id, 'INACTIVE', { item: i }]));
		const order = await arrivals();
		expect(order).toHaveLength(16);
		expect(order.slice(0, 4).sort()).toEqual(
			ids
				.slice(0, 4)
				.map((id) => `GET ${id}`)
				.sort(),
		);
	});

	it('without Concurrency, items run one after the other, in order', async () => {
		const ids = await manyAccounts(3);
		await suite.control.setConfig({ latencyMs: 20 });
		const result = await disableEach(ids);
		expect(result.status).toBe('success');
		expect(await arrivals()).toEqual(ids.flatMap((id) => [`GET ${id}`, `PATCH ${id}`]));
	});

	it('refuses a Concurrency out of range before any request', async () => {
		const result = await disableEach([A.bobGithub], { concurrency: 0 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Options → Concurrency: must be between 1 and 20 (got 0)');
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
		const result = await suite.engine.runNode(
			matching(
				'delete',
				{ userIds: 'user_carol' },
				{ dryRun: false, options: { revokeFirst: true } },
			),
		);
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
			skipped: `Connected account ${A.bobGmailExpired} is EXPIRED; only ACTIVE accounts can be disabled`,
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

	it('a failure for one account is that account’s item; the others go through', async () => {
		await suite.control.injectFault({
			method: 'PATCH',
			path: `/api/*/connected_accounts/${A.aliceGithub}/status`,
			kind: 'status',
			status: 403,
			times: 10,
		});
		const result = await suite.engine.runNode(
			matching('disable', { userIds: 'user_alice', statuses: ['ACTIVE'] }),
		);
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

	it('Delete and Revoke default to a dry run; turned off, they act on every match', async () => {
		const preview = await suite.engine.runNode(matching('delete', { userIds: 'user_dave' }));
		expect(preview.json('Account').map((r) => [r.id, r.dryRun, r.wouldChange])).toEqual(
			expect.arrayContaining([
				[A.daveGmail, true, true],
				[A.daveSlackLegacy, true, true],
			]),
		);
		expect(await writes()).toEqual([]);

		const revoked = await suite.engine.runNode(
			matching('revoke', { userIds: 'user_carol' }, { dryRun: false }),
		);
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

		const deleted = await suite.engine.runNode(
			matching(
				'delete',
				{ userIds: 'user_dave' },
				{ dryRun: false, options: { revokeFirst: true } },
			),
		);
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

	it('refuses an empty filter (e.g. an expression that resolved to nothing) before any request', async () => {
		const result = await suite.engine.runNode(
			matching('delete', { userIds: '={{ $json.userId }}' }, { dryRun: false }),
			[{ json: {} }],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Filters: no filter is set, so every connected account of the project would be selected to delete',
		);
		expect(await suite.control.requests(5)).toEqual([]);

		const everything = await suite.engine.runNode(
			matching('disable', {}, { dryRun: true, options: { allowNoFilter: true } }),
		);
		expect(everything.json('Account')).toHaveLength(17);
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
				node('disable', { target: 'single', connectedAccount: byId('={{ $json.id }}') }, 'Disable'),
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
