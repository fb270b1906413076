/**
 * The per-item runner every node uses, at its edges (issue 17), through n8n's engine against the
 * sandbox: under each On Error setting a failed item keeps its cause (message, description, HTTP
 * code, request ID) and its pairing, items that succeed are untouched, output stays in input order,
 * and an error never names another item.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorItemJson } from '../../nodes/shared/items';
import { SEED_ACCOUNTS } from '../../sandbox/src';
import { bareNode, toolNode } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const NODE = 'n8n-nodes-composio.composioConnectedAccount';
const A = SEED_ACCOUNTS;

const suite = useSandboxSuite();

function get(onError?: 'continueRegularOutput' | 'continueErrorOutput') {
	return {
		name: 'Account',
		type: NODE,
		onError,
		parameters: {
			resource: 'connectedAccount',
			operation: 'get',
			connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		},
	};
}

const inputs = (...ids: string[]) => ids.map((id) => ({ json: { id } }));

async function failGetOf(id: string, status: number, body?: IDataObject) {
	await suite.control.injectFault({
		method: 'GET',
		path: `/api/*/connected_accounts/${id}`,
		kind: 'status',
		status,
		body,
		times: 10,
	} as never);
}

const envelope = {
	error: {
		message: 'Forbidden for this key',
		code: 1403,
		slug: 'Forbidden',
		status: 403,
		request_id: 'req_items_1',
		suggested_fix: 'Use the project key',
	},
};

describe('On Error: Continue (regular output)', () => {
	it('a failed item carries message, description, HTTP code and request ID; the others are untouched', async () => {
		await failGetOf(A.aliceGithub, 403, envelope);
		const result = await suite.engine.runNode(
			get('continueRegularOutput'),
			inputs(A.aliceGmailWork, A.aliceGithub, A.bobGithub),
		);
		expect(result.status).toBe('success');
		const output = result.output('Account');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.id).toBe(A.aliceGmailWork);
		expect(output[2].json.id).toBe(A.bobGithub);
		expect(output[1].json).toEqual({
			error: 'Forbidden for this key',
			description: expect.stringContaining('Suggested fix: Use the project key'),
			httpCode: '403',
			requestId: 'req_items_1',
		});
		expect(output[1].error).toBeUndefined();
	});

	it('an error without description or request ID carries just what it has', async () => {
		const result = await suite.engine.runNode(
			get('continueRegularOutput'),
			inputs('not-an-id', A.aliceGmailWork),
		);
		const [bad, good] = result.output('Account');
		expect(bad).toEqual({
			json: {
				error: 'Connected Account: "not-an-id" is not a valid connected account ID',
				description: expect.stringContaining('looks like ca_'),
			},
			pairedItem: { item: 0 },
		});
		expect(good.json.id).toBe(A.aliceGmailWork);
	});
});

describe('On Error: Continue (using error output)', () => {
	it('failed items go to the error output with their pairing; the rest to the main output', async () => {
		await failGetOf(A.aliceGithub, 403, envelope);
		const result = await suite.engine.runNode(
			get('continueErrorOutput'),
			inputs(A.aliceGithub, A.aliceGmailWork, 'bad'),
		);
		expect(result.status).toBe('success');
		const [main, errors] = result.run.data.resultData.runData.Account[0].data?.main ?? [];
		expect(main?.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[A.aliceGmailWork, { item: 1 }],
		]);
		expect(errors?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(errors?.[0].json.error).toBe('Forbidden for this key');
	});
});

describe('On Error: Stop Workflow', () => {
	it('the run stops with the failing item’s error, naming that item', async () => {
		await failGetOf(A.aliceGithub, 403, envelope);
		const result = await suite.engine.runNode(get(), inputs(A.aliceGmailWork, A.aliceGithub));
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			message: 'Forbidden for this key',
			httpCode: '403',
			description: expect.stringContaining('request ID req_items_1'),
		});
		expect(result.nodeError('Account')).toMatchObject({ context: { itemIndex: 1 } });
	});

	it('a validation error names its own item, not the first one', async () => {
		const result = await suite.engine.runNode(get(), inputs(A.aliceGmailWork, A.bobGithub, 'x'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Connected Account: "x" is not a valid connected account ID',
		);
		expect(result.nodeError('Account')).toMatchObject({ context: { itemIndex: 2 } });
	});
});

describe('the error item’s fields', () => {
	it('an error with neither description, HTTP code nor request ID carries only its message', async () => {
		const result = await suite.engine.runNode(get('continueRegularOutput'), [
			{ json: { id: A.aliceGmailWork } },
			{ json: {} },
		]);
		const [, failed] = result.output('Account');
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(Object.keys(failed.json)).toEqual(['error']);
		expect(failed.json.error).toBe('Connected Account: expected text but got nothing');
	});

	it('a validation error has a description but no HTTP code or request ID keys', async () => {
		const result = await suite.engine.runNode(get('continueRegularOutput'), inputs('bad'));
		expect(Object.keys(result.json('Account')[0]).sort()).toEqual(['description', 'error']);
	});
});

describe('the kind of error that stops the run', () => {
	it('a refused input is an operation error, a Composio answer an API error; both name their item', async () => {
		const invalid = await suite.engine.runNode(get(), inputs(A.aliceGmailWork, 'bad'));
		expect(invalid.nodeError('Account')).toMatchObject({
			name: 'NodeOperationError',
			context: { itemIndex: 1 },
		});

		await failGetOf(A.aliceGithub, 403, envelope);
		const refused = await suite.engine.runNode(get(), inputs(A.aliceGmailWork, A.aliceGithub));
		expect(refused.nodeError('Account')).toMatchObject({
			name: 'NodeApiError',
			context: { itemIndex: 1 },
		});
	});
});

/** Disable of every account of Alice (5 accounts), with her GitHub account refusing the change. */
async function disableAliceWithOneRefused(
	onError: 'continueRegularOutput' | 'continueErrorOutput',
	output: 'eachAccount' | 'summary',
) {
	await suite.control.injectFault({
		method: 'PATCH',
		path: `/api/*/connected_accounts/${A.aliceGithub}/status`,
		kind: 'status',
		status: 403,
		times: 10,
	});
	const result = await suite.engine.runNode({
		name: 'Account',
		type: NODE,
		onError,
		parameters: {
			resource: 'connectedAccount',
			operation: 'disable',
			target: 'filter',
			filters: { userIds: 'user_alice' },
			options: { output },
		},
	});
	expect(result.status).toBe('success');
	const [main, errors] = result.run.data.resultData.runData.Account[0].data?.main ?? [];
	return { main: main ?? [], errors: errors ?? [] };
}

describe('one account of a filter run failing', () => {
	it('with the error output, that account goes there (its fields under details), paired; the rest stay', async () => {
		const { main, errors } = await disableAliceWithOneRefused('continueErrorOutput', 'eachAccount');
		expect(main).toHaveLength(4);
		expect(main.every((item) => item.json.error === undefined)).toBe(true);
		expect(main.map((item) => item.pairedItem)).toEqual(Array(4).fill({ item: 0 }));
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 0 });
		expect(errors[0].json).toEqual({
			error: 'Injected fault: HTTP 403',
			details: expect.objectContaining({
				id: A.aliceGithub,
				changed: false,
				httpCode: '403',
				requestId: expect.any(String),
			}),
		});
	});

	it('on the regular output, the failed account stays a row like the others, with its error', async () => {
		const { main, errors } = await disableAliceWithOneRefused(
			'continueRegularOutput',
			'eachAccount',
		);
		expect(errors).toEqual([]);
		expect(main).toHaveLength(5);
		const failed = main.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			id: A.aliceGithub,
			error: 'Injected fault: HTTP 403',
			httpCode: '403',
		});
		expect(failed[0].json.details).toBeUndefined();
	});

	it('Summary with the error output: the summary on the main output, the failed account on the error output', async () => {
		const { main, errors } = await disableAliceWithOneRefused('continueErrorOutput', 'summary');
		expect(main).toHaveLength(1);
		expect(main[0].json).toMatchObject({
			matched: 5,
			failed: 1,
			error: 'Could not disable 1 of 5 matching connected accounts',
		});
		expect(errors.map((item) => [item.json.error, (item.json.details as IDataObject).id])).toEqual([
			['Injected fault: HTTP 403', A.aliceGithub],
		]);
		expect(errors[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Concurrency of one-account operations', () => {
	it('runs that many input items at once; without the option, one after the other', async () => {
		// Every answer late, so items running at the same time interleave their requests.
		await suite.control.setConfig({ latencyMs: 40 });
		const ids = [A.aliceGithub, A.bobGithub, A.aliceGmailWork];
		const disable = (options: IDataObject) => ({
			name: 'Account',
			type: NODE,
			parameters: {
				resource: 'connectedAccount',
				operation: 'disable',
				target: 'single',
				connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				options: { reportPreviousStatus: true, ...options },
			},
		});
		const methods = async () =>
			(await suite.control.requests(50))
				.filter((r) => r.path.includes('/connected_accounts/'))
				.map((r) => r.method);

		const together = await suite.engine.runNode(disable({ concurrency: 3 }), inputs(...ids));
		expect(together.status).toBe('success');
		// Each item reads its account, then changes it: three reads went out before any change.
		expect((await methods()).slice(0, 3)).toEqual(['GET', 'GET', 'GET']);
		expect(together.output('Account').map((item) => [item.json.id, item.pairedItem])).toEqual(
			ids.map((id, i) => [id, { item: i }]),
		);

		await suite.control.reset();
		await suite.control.setConfig({ latencyMs: 40 });
		const oneByOne = await suite.engine.runNode(disable({}), inputs(...ids));
		expect(oneByOne.status).toBe('success');
		expect(await methods()).toEqual(['GET', 'PATCH', 'GET', 'PATCH', 'GET', 'PATCH']);
	});
});

describe('errors that do not come from this node’s own checks', () => {
	// Item 1 has an ID; item 2 falls back to a node that does not exist: n8n's expression error.
	const fromNowhere = {
		...get(),
		parameters: {
			...get().parameters,
			connectedAccount: {
				__rl: true,
				mode: 'id',
				value: "={{ $json.id ?? $('Nowhere').item.json.id }}",
			},
		},
	};

	it('an expression error stops the run naming its item; with Continue it is an error item with its message', async () => {
		const stopped = await suite.engine.runNode(fromNowhere, [
			{ json: { id: A.aliceGmailWork } },
			{ json: {} },
		]);
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe("Referenced node doesn't exist");
		expect(stopped.nodeError('Account')).toMatchObject({ context: { itemIndex: 1 } });

		const continued = await suite.engine.runNode(
			{ ...fromNowhere, onError: 'continueRegularOutput' },
			[{ json: { id: A.aliceGmailWork } }, { json: {} }],
		);
		const [good, failed] = continued.output('Account');
		expect(good.json.id).toBe(A.aliceGmailWork);
		expect(failed).toEqual({
			json: { error: "Referenced node doesn't exist" },
			pairedItem: { item: 1 },
		});
	});

	it('a Composio error of a look-up made without the item’s number still names the item', async () => {
		// Execute Tool reads a Specific Account before running; refused for the second item's account.
		await failGetOf(A.aliceGmailWork, 403, envelope);
		const result = await suite.engine.runNode(
			toolNode('GMAIL_GET_PROFILE', {
				accountSelection: 'specific',
				connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			}),
			inputs(A.aliceGmailPersonal, A.aliceGmailWork),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Forbidden for this key');
		expect(result.nodeError('Execute')).toMatchObject({
			name: 'NodeApiError',
			context: { itemIndex: 1 },
		});
	});

	it('a failed look-up shared by items running together is reported for the first of them', async () => {
		// Both items wait for the same list of the user's accounts, which is refused.
		await suite.control.injectFault({
			method: 'GET',
			path: '/api/*/connected_accounts',
			kind: 'status',
			status: 403,
			body: envelope,
			times: 10,
		});
		const result = await suite.engine.runNode(
			toolNode('GMAIL_GET_PROFILE', { options: { concurrency: 2 } }),
			[{ json: {} }, { json: {} }],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Forbidden for this key');
		expect(result.nodeError('Execute')).toMatchObject({ context: { itemIndex: 0 } });
		const lists = (await suite.control.requests(50)).filter(
			(r) => r.method === 'GET' && r.path.endsWith('/connected_accounts'),
		);
		expect(lists).toHaveLength(1);
	});
});

describe('an error item of an error that is not a node error', () => {
	// n8n's own errors (an expression's, a paired item's) can carry a description or an HTTP code
	// without being an error of this node: only a node error's extra fields are the cause to keep.
	const foreign = () =>
		Object.assign(new Error('Referenced node is unexecuted'), {
			description: 'Execute the node first',
			httpCode: '500',
			context: { composio: { requestId: 'req_other' } },
		});

	it('keeps only the message', () => {
		expect(errorItemJson(foreign())).toEqual({ error: 'Referenced node is unexecuted' });
	});

	it('a node error’s name without its context is not enough', () => {
		const named = Object.assign(new Error('Looks like one'), {
			name: 'NodeApiError',
			description: 'but is not',
		});
		expect(errorItemJson(named)).toEqual({ error: 'Looks like one' });
	});

	it('a node error keeps its description, HTTP code and request ID', () => {
		const error = new NodeApiError(
			bareNode('Account', NODE),
			{ message: 'Forbidden' },
			{ message: 'Forbidden', description: 'Check the key', httpCode: '403' },
		);
		error.context.composio = { requestId: 'req_node' };
		expect(errorItemJson(error)).toEqual({
			error: 'Forbidden',
			description: 'Check the key',
			httpCode: '403',
			requestId: 'req_node',
		});
	});
});
