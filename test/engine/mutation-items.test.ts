/**
 * The per-item runner every node uses, at its edges (issue 17), through n8n's engine against the
 * sandbox: under each On Error setting a failed item keeps its cause (message, description, HTTP
 * code, request ID) and its pairing, items that succeed are untouched, output stays in input order,
 * and an error never names another item.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED_ACCOUNTS } from '../../sandbox/src';
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
