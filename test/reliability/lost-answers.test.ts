/**
 * Idempotent requests whose first answer was lost (connection dropped after Composio processed it,
 * or no answer within the timeout) are repeated by the transport. The repeat then sees the state the
 * lost attempt created; the node must report what happened, not the repeat's view of it.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FaultSpec } from '../../sandbox/src';
import { SEED_ACCOUNTS } from '../../sandbox/src';
import type { WorkflowNode } from '../harness/engine';
import { CONNECTED_ACCOUNT, type Harness, locator, SLOW_ANSWER_MS, startHarness } from './helpers';

const A = SEED_ACCOUNTS;
const DELETE_PATH = '/api/*/connected_accounts/*';

let h: Harness;

// A fresh sandbox per test: a delayed request of one test must not land in the next one's data.
beforeEach(async () => {
	h = await startHarness({ scaleTimeout: true });
});

afterEach(async () => {
	await h.close();
});

function deleteNode(parameters: INodeParameters = {}): WorkflowNode {
	return {
		name: 'Delete',
		type: CONNECTED_ACCOUNT,
		parameters: { operation: 'delete', connectedAccount: locator(A.daveGmail), ...parameters },
	};
}

const lostAnswers: Array<[string, FaultSpec]> = [
	[
		'the connection dropped after the delete',
		{ method: 'DELETE', path: DELETE_PATH, kind: 'drop_after' },
	],
	[
		'the delete answered after the timeout',
		{ method: 'DELETE', path: DELETE_PATH, kind: 'delay', delayMs: SLOW_ANSWER_MS },
	],
];

describe.each(lostAnswers)('Delete when %s', (_label, fault) => {
	it('reports the account as deleted (the repeat’s 404 is its own earlier delete)', async () => {
		await h.control.injectFault(fault);
		const result = await h.engine.runNode(deleteNode());
		expect(result.error).toBeUndefined();
		expect(result.json('Delete')).toEqual([
			{
				id: A.daveGmail,
				user_id: 'user_dave',
				toolkit: 'gmail',
				alias: null,
				auth_config_id: 'ac_O9hFAiOh29oB',
				previousStatus: 'ACTIVE',
				deleted: true,
				changed: true,
			},
		]);
		const deletes = (await h.control.requests()).filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.status)).toEqual([null, 404]);
		expect((await h.control.counters()).deletes).toBe(1);
	});

	it('also with "Succeed If Already Deleted" (deleted by this run, not before it)', async () => {
		await h.control.injectFault(fault);
		const result = await h.engine.runNode(deleteNode({ options: { ignoreNotFound: true } }));
		expect(result.json('Delete')[0]).toMatchObject({ deleted: true, changed: true });
		expect(result.json('Delete')[0].alreadyDeleted).toBeUndefined();
	});

	it('and for every account of a filter', async () => {
		await h.control.injectFault(fault);
		const result = await h.engine.runNode(
			deleteNode({ target: 'filter', filters: { userIds: 'user_dave' }, dryRun: false }),
		);
		const out = result.json('Delete');
		expect(out.map((o) => [o.id, o.deleted, o.error])).toEqual([
			[A.daveGmail, true, undefined],
			[A.daveSlackLegacy, true, undefined],
		]);
	});
});

it('a 404 on the first attempt is still "not found" (someone else deleted it)', async () => {
	await h.control.injectFault({ method: 'DELETE', path: DELETE_PATH, kind: 'status', status: 404 });
	const result = await h.engine.runNode(deleteNode());
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe('Injected fault: HTTP 404');
});
