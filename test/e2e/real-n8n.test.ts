/**
 * End-to-end: the built package inside real n8n binaries, installed the way n8n installs community
 * packages (a copy in <userFolder>/.n8n/nodes/node_modules), driven through the n8n CLI
 * (import:credentials, import:workflow, execute --id --rawOutput) against a local Composio sandbox.
 *
 * Needs the cached n8n installs: `npm run n8n:install` (once; several minutes per version), and a
 * build: `npm run build`. Either missing makes these tests fail with a message saying so.
 */
import { randomUUID } from 'crypto';

import { sandboxControl, startSandbox } from '../../sandbox/src/index';
import { SIMPLIFIED_ACCOUNT_KEYS } from '../harness/builders';
import type { JsonObject, N8nInstance, WorkflowInput } from './real-n8n.helpers.cjs';
import {
	createInstance,
	knownVersions,
	requireBuiltPackage,
	requireN8n,
} from './real-n8n.helpers.cjs';

const NODE_TYPE = 'n8n-nodes-composio.composioConnectedAccount';
const SETUP_TIMEOUT_MS = 5 * 60 * 1000;
const EXECUTE_TIMEOUT_MS = 2 * 60 * 1000;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** What the sandbox itself lists, read directly (same order the node asks for). */
async function listAccounts(
	sandbox: Sandbox,
	query: Record<string, string> = {},
): Promise<JsonObject[]> {
	const items: JsonObject[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 100; page++) {
		const params = new URLSearchParams({
			order_by: 'created_at',
			order_direction: 'desc',
			limit: '100',
			...query,
			...(cursor ? { cursor } : {}),
		});
		const response = await fetch(
			`${sandbox.url}/api/v3.1/connected_accounts?${params.toString()}`,
			{
				headers: { 'x-api-key': sandbox.apiKey },
			},
		);
		expect(response.status).toBe(200);
		const body = (await response.json()) as { items: JsonObject[]; next_cursor?: string | null };
		items.push(...body.items);
		if (!body.next_cursor) return items;
		cursor = body.next_cursor;
	}
	throw new Error('the sandbox kept returning pages');
}

function getManyWorkflow(
	name: string,
	credential: { id: string; name: string },
	parameters: JsonObject,
): WorkflowInput {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Accounts',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'connectedAccount', operation: 'getAll', ...parameters },
				credentials: { composioApi: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Accounts', type: 'main', index: 0 }]] } },
	};
}

describe.each(knownVersions())('real n8n %s', (version) => {
	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	const workflowIds: Record<string, string> = {};

	beforeAll(async () => {
		const runtime = requireN8n(version);
		const pkg = requireBuiltPackage();
		sandbox = await startSandbox({ port: 0 });
		n8n = await createInstance(runtime);
		n8n.installPackage(pkg.dir);
		const [good, bad] = await n8n.importCredentials([
			{
				name: 'Composio sandbox',
				type: 'composioApi',
				data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
			},
			{
				name: 'Composio wrong key',
				type: 'composioApi',
				data: { apiKey: 'ak_wrong', baseUrl: sandbox.url },
			},
		]);
		const goodRef = { id: good.id, name: good.name };
		const workflows = await n8n.importWorkflows([
			getManyWorkflow('all raw', goodRef, { returnAll: true, simplify: false }),
			getManyWorkflow('limit 3', goodRef, { returnAll: false, limit: 3 }),
			getManyWorkflow('filtered', goodRef, {
				returnAll: true,
				filters: { statuses: ['ACTIVE'], userIds: 'user_alice, user_bob' },
			}),
			getManyWorkflow('wrong key', { id: bad.id, name: bad.name }, { returnAll: true }),
		]);
		for (const workflow of workflows) workflowIds[workflow.name] = workflow.id;
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		n8n?.cleanup();
		await sandbox?.close();
	});

	function instance(): N8nInstance {
		if (!n8n) throw new Error('setup failed (see the beforeAll error)');
		return n8n;
	}

	function sandboxOf(): Sandbox {
		if (!sandbox) throw new Error('setup failed (see the beforeAll error)');
		return sandbox;
	}

	it(
		`loads ${NODE_TYPE} from .n8n/nodes and lists every account (Return All, raw)`,
		async () => {
			const result = await instance().execute(workflowIds['all raw']);
			expect(result.error).toBeNull();
			expect(result.ok).toBe(true);
			const expected = await listAccounts(sandboxOf());
			expect(expected.length).toBeGreaterThan(3);
			expect(result.nodes.Accounts).toEqual(expected);
		},
		EXECUTE_TIMEOUT_MS,
	);

	it(
		'Get Many with a limit returns the newest accounts, simplified',
		async () => {
			const result = await instance().execute(workflowIds['limit 3']);
			expect(result.error).toBeNull();
			const items = result.nodes.Accounts;
			const expected = (await listAccounts(sandboxOf())).slice(0, 3);
			expect(items).toHaveLength(3);
			expect(items.map((item) => item.id)).toEqual(expected.map((account) => account.id));
			for (const [index, item] of items.entries()) {
				const account = expected[index];
				expect(Object.keys(item).sort()).toEqual(SIMPLIFIED_ACCOUNT_KEYS);
				expect(item.user_id).toBe(account.user_id);
				expect(item.status).toBe(account.status);
				expect(item.toolkit).toBe((account.toolkit as JsonObject).slug);
			}
		},
		EXECUTE_TIMEOUT_MS,
	);

	it(
		'Get Many filters by status and user on the server',
		async () => {
			const control = sandboxControl(sandboxOf().url);
			await control.clearRequests();
			const result = await instance().execute(workflowIds.filtered);
			expect(result.error).toBeNull();
			const requests = (await control.requests()).filter((request) =>
				request.path.startsWith('/api/'),
			);
			expect(requests.length).toBeGreaterThan(0);
			for (const request of requests) {
				expect(request.path).toBe('/api/v3.1/connected_accounts');
				expect(request.credentialHeaders).toContain('x-api-key');
				expect(request.status).toBe(200);
				expect(request.query.statuses).toEqual(['ACTIVE']);
				expect(request.query.user_ids).toEqual(['user_alice,user_bob']);
			}
			const items = result.nodes.Accounts;
			const expected = (await listAccounts(sandboxOf())).filter(
				(account) =>
					account.status === 'ACTIVE' &&
					['user_alice', 'user_bob'].includes(account.user_id as string),
			);
			expect(expected.length).toBeGreaterThan(0);
			expect(items.map((item) => item.id)).toEqual(expected.map((account) => account.id));
		},
		EXECUTE_TIMEOUT_MS,
	);

	it(
		'a wrong API key fails the execution with a node error, not a crash',
		async () => {
			const result = await instance().execute(workflowIds['wrong key']);
			expect(result.ok).toBe(false);
			expect(result.error).not.toBeNull();
			expect(result.error?.name).toBe('NodeApiError');
			expect(JSON.stringify(result.error)).toContain('401');
			expect(result.nodes.Accounts ?? []).toEqual([]);
		},
		EXECUTE_TIMEOUT_MS,
	);
});
