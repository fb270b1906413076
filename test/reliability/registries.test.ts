/**
 * No operation skips the reliability suite. The operations are read from the five nodes themselves
 * (test/harness/nodeOperations.ts: every Operation choice or the node's single run, the choices
 * that decide which accounts and requests it touches, the editor's methods, the triggers'
 * activation, deactivation and poll), and each registry must run every one of them:
 *
 * - OPERATIONS (operations.ts), which the fault matrix (fault-matrix.test.ts) and the secret-leak
 *   scan (secret-leak.test.ts: fault-free, under faults, with a wrong key, behind servers that echo
 *   the key back, with the key pasted into the Base URL) each run in full: every operation, variant
 *   and editor method;
 * - the bad-input catalogue (bad-input.cases.ts): every operation a workflow runs, a trigger's
 *   activation and poll.
 *
 * A registry entry that names an operation no node has any more fails as well.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { OperationKey } from '../harness/nodeOperations';
import { keysOfRun, packageOperations } from '../harness/nodeOperations';
import type { Row } from './bad-input.cases';
import { ROWS } from './bad-input.cases';
import { CONNECTED_ACCOUNT, EXECUTE_TOOL, PROXY_REQUEST, STATUS_TRIGGER, TRIGGER } from './helpers';
import { coveredBy, OPERATIONS } from './operations';

const NODES = packageOperations();
const ALL = NODES.flatMap((n) => [...n.operations, ...n.variants, ...n.methods]);

const TYPES: Record<Exclude<Row['target'], 'Credential test'>, string> = {
	'Connected Account': CONNECTED_ACCOUNT,
	'Execute Tool': EXECUTE_TOOL,
	'Proxy Request': PROXY_REQUEST,
	'Composio Trigger': TRIGGER,
	'Account Status Trigger': STATUS_TRIGGER,
};

function rowKeys(row: Row): OperationKey[] {
	if (row.target === 'Credential test') return [];
	return keysOfRun(TYPES[row.target], (row.parameters ?? {}) as INodeParameters);
}

const missing = (required: OperationKey[], covered: Set<OperationKey>) =>
	required.filter((k) => !covered.has(k));

describe('the operations read from the nodes', () => {
	it('cover all five nodes, each operation of Connected Account, every editor method and trigger step', () => {
		expect(NODES.map((n) => n.displayName).sort()).toEqual([
			'Composio Account Status Trigger',
			'Composio Connected Account',
			'Composio Execute Tool',
			'Composio Proxy Request',
			'Composio Webhook Trigger',
		]);
		for (const node of NODES)
			expect([node.displayName, node.operations.length > 0]).toEqual([node.displayName, true]);
		const account = NODES.find((n) => n.type === CONNECTED_ACCOUNT);
		expect(account?.operations).toHaveLength(11);
		expect(account?.variants).toContain(
			'Composio Connected Account · operation=delete · target=filter',
		);
		expect(NODES.find((n) => n.type === TRIGGER)?.operations).toEqual([
			'Composio Webhook Trigger · webhook:checkExists',
			'Composio Webhook Trigger · webhook:create',
			'Composio Webhook Trigger · webhook:delete',
		]);
		expect(NODES.find((n) => n.type === STATUS_TRIGGER)?.operations).toEqual([
			'Composio Account Status Trigger · poll',
		]);
		expect(new Set(ALL).size).toBe(ALL.length);
	});
});

describe('the fault matrix and the secret-leak scan (OPERATIONS)', () => {
	const covered = new Set(OPERATIONS.flatMap(coveredBy));

	it('run every operation, variant and editor method of every node', () => {
		expect(missing(ALL, covered)).toEqual([]);
	});

	it('name no operation the nodes do not have', () => {
		expect(missing([...covered], new Set(ALL))).toEqual([]);
	});
});

describe('the bad-input catalogue (ROWS)', () => {
	const covered = new Set(ROWS.flatMap(rowKeys));

	it('has rows for every operation a workflow runs, a trigger’s activation and poll', () => {
		// Deactivation (webhook:delete) reads only what activation stored, no input of the user's.
		const required = NODES.flatMap((n) => n.operations).filter(
			(k) => !k.endsWith('webhook:delete'),
		);
		expect(missing(required, covered)).toEqual([]);
	});

	it('names no operation the nodes do not have', () => {
		expect(missing([...covered], new Set(ALL))).toEqual([]);
	});
});
