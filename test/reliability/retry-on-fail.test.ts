/**
 * n8n's own node setting "Retry On Fail" runs the whole node again — every input item — when it
 * fails. For operations that must not run twice that repeats work that already succeeded, which is
 * why the README ("Errors and retries") recommends "On Error → Continue" for them instead (the node
 * itself retries what is safe to repeat). These tests pin both behaviours down.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { WorkflowNode } from '../harness/engine';
import type { Harness } from './helpers';
import { EXECUTE_TOOL, startHarness } from './helpers';

const GITHUB_ME = 'GITHUB_GET_THE_AUTHENTICATED_USER';

let h: Harness;

beforeEach(async () => {
	h = await startHarness();
});

afterEach(async () => {
	await h.close();
});

const items: INodeExecutionData[] = [
	{ json: { tool: 'GMAIL_GET_PROFILE' } },
	{ json: { tool: GITHUB_ME } },
];

function executeTool(extra: Partial<WorkflowNode>): WorkflowNode {
	return {
		name: 'Execute Tool',
		type: EXECUTE_TOOL,
		parameters: {
			tool: { __rl: true, mode: 'id', value: '={{ $json.tool }}' },
			userId: 'user_alice',
		},
		...extra,
	};
}

async function failSecondItemOnce() {
	await h.control.injectFault({
		method: 'POST',
		path: `/api/v3.1/tools/execute/${GITHUB_ME}`,
		kind: 'status',
		status: 500,
	});
}

it('"Retry On Fail" repeats the items that had already run: the first tool runs twice', async () => {
	await failSecondItemOnce();
	// n8n waits its default second between tries.
	const result = await h.engine.runNode(executeTool({ retryOnFail: true }), items);
	expect(result.status).toBe('success');
	expect((await h.control.counters()).toolExecutions.bySlug).toEqual({
		GMAIL_GET_PROFILE: 2,
		[GITHUB_ME]: 1,
	});
});

it('"On Error → Continue" runs each item once and returns the failure as that item’s error item', async () => {
	await failSecondItemOnce();
	const result = await h.engine.runNode(executeTool({ onError: 'continueRegularOutput' }), items);
	expect(result.json('Execute Tool').map((json) => json.error ?? json.tool)).toEqual([
		'GMAIL_GET_PROFILE',
		'Injected fault: HTTP 500',
	]);
	expect((await h.control.counters()).toolExecutions.bySlug).toEqual({ GMAIL_GET_PROFILE: 1 });
});
