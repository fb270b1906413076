/**
 * End-to-end: the importable templates in examples/ inside real n8n binaries (every version the
 * runtime knows: 2.40.7 on Node 24, 2.8.4 on Node 20), with the built package installed as a
 * community package and a credential pointing at a local Composio sandbox.
 *
 * - The templates are imported unchanged with `n8n import:workflow` (only their IDs are set, and the
 *   one documented setting of template 2, its reconnect URL).
 * - Template 5 (AI agent) cannot reach a model here: its two Composio tool nodes are run, exactly as
 *   configured in the template, through n8n's own Tool Executor node (what the editor inserts when you
 *   execute a tool node on its own), with `n8n execute --id`.
 * - Then `n8n start` runs the instance: templates 1, 3, 4 and 6 are published through the REST API
 *   (the editor's "Publish") and driven through their production webhook URLs with fetch; template 2 is
 *   started from its Schedule Trigger as the editor's "Execute workflow" button does, and its
 *   reconnect links are followed into template 3. Template 6 (Composio Trigger) is published and
 *   receives the sandbox's signed webhook deliveries. A workflow with Composio Account Status
 *   Trigger alone is published and polls every minute, also across an n8n restart.
 *
 * Needs `npm run build` and `npm run n8n:install` (see scripts/n8n/README.md).
 */
import {
	SEED_ACCOUNTS,
	SEED_AUTH_CONFIGS,
	sandboxControl,
	startSandbox,
} from '../../sandbox/src/index';
import type { SandboxControl } from '../../sandbox/src/index';
import { webhookControl } from '../../sandbox/src/webhooks/control';
import { pollUntil } from '../harness/poll';
import type { JsonObject, N8nInstance, WorkflowInput } from './real-n8n.helpers.cjs';
import {
	createInstance,
	knownVersions,
	requireBuiltPackage,
	requireN8n,
} from './real-n8n.helpers.cjs';
import type { Execution, RestClient, RunningN8n, Template } from './templates.helpers.cjs';
import {
	CONNECTED_ACCOUNT,
	EXECUTE_TOOL,
	PACKAGE,
	TRIGGER as COMPOSIO_TRIGGER,
} from '../harness/builders';
import {
	accountListings,
	changeRows,
	executionIds,
	fetchJson,
	postJson as post,
	statusWatch,
	subscriptionOnceIt as waitForSubscription,
	templateNumbered,
} from './workflows';
import {
	CREDENTIAL,
	PUBLISHED,
	WEBHOOK_AUTH_HEADER,
	WEBHOOK_CREDENTIAL,
	composioCredential,
	webhookCredential,
	configureTemplate,
	declaredNodeTypes,
	freePort,
	loadTemplates,
	restClient,
	startServer,
	templateId,
} from './templates.helpers.cjs';

/** Not a template: a workflow with the polling trigger alone, published to watch it poll. */
const STATUS_WATCH_ID = 'composioWatch01';

/** The Header Auth value templates 1 and 4 are published with in these tests (random per run). */
const HEADER_AUTH_VALUE = `e2e-${Math.random().toString(36).slice(2)}`;
/** The user ID pattern templates 1, 3 and 4 check before any account is touched. */
const USER_ID_PATTERN = '^[A-Za-z0-9_.@:-]{1,128}$';
/** Templates whose webhooks act on accounts for a user named in the request body. */
const AUTHENTICATED = [1, 4];

const SETUP_TIMEOUT_MS = 5 * 60 * 1000;
const TEST_TIMEOUT_MS = 2 * 60 * 1000;

const templates = loadTemplates();
const declared = declaredNodeTypes();
/** Templates 4 and 5 use Composio Execute Tool; n8n loads it only once package.json declares it. */
const hasExecuteTool = declared.includes(EXECUTE_TOOL);
const withExecuteTool = hasExecuteTool ? it : it.skip;
const executeToolNote = hasExecuteTool ? '' : ' [skipped: package.json does not declare it yet]';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

function template(number: number): Template {
	return templateNumbered(templates, number);
}

/** The node type behind a node: a tool variant (`…Tool`, made by n8n for AI agents) maps to its node. */
function baseType(type: unknown): string {
	const name = String(type);
	if (name === CONNECTED_ACCOUNT || name === EXECUTE_TOOL) return name;
	return name.replace(/Tool$/, '');
}

function composioNodes(workflow: WorkflowInput): JsonObject[] {
	return workflow.nodes.filter((node) => String(node.type).startsWith(`${PACKAGE}.`));
}

/** Template `number` as `npm start` imports it (its fixed ID, template 2's reconnect URL). */
function configured(number: number, reconnectUrl?: string): WorkflowInput {
	return configureTemplate(template(number), { reconnectUrl });
}

/** n8n's name for a node used as a tool (what the Tool Executor's query is keyed by). */
function toolName(nodeName: string): string {
	return nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
}

/**
 * Template 5's tool node `nodeName`, unchanged, connected to n8n's Tool Executor as its tool. The
 * chat trigger's output (which the tool's user ID expression reads) comes from a Set node of the same
 * name, since `n8n execute` starts at a Manual Trigger.
 */
function toolHarness(nodeName: string, id: string, query: JsonObject): WorkflowInput {
	const agent = template(5).workflow;
	const tool = agent.nodes.find((node) => node.name === nodeName);
	if (!tool) throw new Error(`template 5 has no node "${nodeName}"`);
	const chatTrigger = 'When chat message received';
	return {
		id,
		name: `Template 5 tool check: ${nodeName}`,
		nodes: [
			{
				id: 'b1c2d3e4-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b1c2d3e4-0000-4000-8000-000000000002',
				name: chatTrigger,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({
						sessionId: 'e2e-session',
						action: 'sendMessage',
						chatInput: 'Who am I in Gmail?',
						metadata: { userId: 'user_alice' },
					}),
					options: {},
				},
			},
			{
				id: 'b1c2d3e4-0000-4000-8000-000000000003',
				name: 'Tool Executor',
				type: '@n8n/n8n-nodes-langchain.toolExecutor',
				typeVersion: 1,
				position: [440, 0],
				parameters: { query: JSON.stringify(query), toolName: '' },
			},
			{ ...tool, position: [440, 220] },
		],
		connections: {
			Start: { main: [[{ node: chatTrigger, type: 'main', index: 0 }]] },
			[chatTrigger]: { main: [[{ node: 'Tool Executor', type: 'main', index: 0 }]] },
			[nodeName]: { ai_tool: [[{ node: 'Tool Executor', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/** The Tool Executor's output items: the tool's answers (n8n gives them as JSON text). */
function toolResults(items: JsonObject[] | undefined): JsonObject[] {
	return (items ?? []).flatMap((item) => {
		const parsed: unknown = typeof item === 'string' ? JSON.parse(item) : item;
		return (Array.isArray(parsed) ? parsed : [parsed]) as JsonObject[];
	});
}

/**
 * The run's own verdict. Not the exit code: n8n 2.40.7's `execute` (Node 24) now and then dies with
 * SIGSEGV while exiting, after printing the complete run (about 1 run in 8, any workflow).
 */
function finished(result: { run: JsonObject }): { status: unknown; finished: unknown } {
	return { status: result.run.status, finished: result.run.finished };
}

/** POSTs `body` as JSON with the templates' webhook secret (`auth: null` leaves the header out). */
async function postJson(url: string, body: unknown, auth: string | null = HEADER_AUTH_VALUE) {
	return await post(url, body, auth === null ? {} : { [WEBHOOK_AUTH_HEADER]: auth });
}

describe('templates in examples/', () => {
	it('are the six documented templates, each referring to the Composio credential', () => {
		expect(templates.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(PUBLISHED).toEqual([1, 3, 4, 6]);
		for (const { file, workflow } of templates) {
			expect({ file, hasNodes: workflow.nodes.length > 0 }).toEqual({ file, hasNodes: true });
			expect(workflow.name.startsWith('Composio: ')).toBe(true);
			const nodes = composioNodes(workflow);
			expect(nodes.length).toBeGreaterThan(0);
			for (const node of nodes) {
				expect({ file, node: node.name, credentials: node.credentials }).toEqual({
					file,
					node: node.name,
					credentials: { composioApi: CREDENTIAL },
				});
				expect([CONNECTED_ACCOUNT, EXECUTE_TOOL, COMPOSIO_TRIGGER]).toContain(baseType(node.type));
			}
		}
		expect(template(2).workflow.nodes.map((node) => node.type)).toContain(
			'n8n-nodes-base.scheduleTrigger',
		);
		expect(composioNodes(template(5).workflow).map((node) => node.type)).toEqual([
			`${EXECUTE_TOOL}Tool`,
			`${EXECUTE_TOOL}Tool`,
		]);
	});

	it('that act on accounts for a user named in the request require Header Auth and check the user ID against a strict pattern first', () => {
		for (const number of AUTHENTICATED) {
			const { workflow } = template(number);
			const webhooks = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook');
			expect(webhooks.length).toBeGreaterThan(0);
			for (const webhook of webhooks) {
				expect({ number, node: webhook.name, credentials: webhook.credentials }).toEqual({
					number,
					node: webhook.name,
					credentials: { httpHeaderAuth: WEBHOOK_CREDENTIAL },
				});
				expect((webhook.parameters as JsonObject).authentication).toBe('headerAuth');
			}
			const note = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect(String((note?.parameters as JsonObject).content)).toContain('Header Auth');
		}
		// Every IF node that guards a user ID uses the one documented pattern.
		for (const number of [1, 3, 4]) {
			const checks = JSON.stringify(template(number).workflow.nodes);
			expect({
				number,
				pattern: checks.includes(JSON.stringify(USER_ID_PATTERN).slice(1, -1)),
			}).toEqual({ number, pattern: true });
		}
	});

	it('template 6 remembers its own links and limits links per user and toolkit (Settings → windowMinutes)', () => {
		const nodes = template(6).workflow.nodes;
		const settings = nodes.find((node) => node.name === 'Settings');
		expect(JSON.stringify(settings?.parameters)).toContain('windowMinutes');
		const code = nodes
			.filter((node) => node.type === 'n8n-nodes-base.code')
			.map((node) => String((node.parameters as JsonObject).jsCode));
		expect(code.join('\n')).toContain('$getWorkflowStaticData');
	});

	it('use only node types the package declares (Connected Account always)', () => {
		expect(declared).toContain(CONNECTED_ACCOUNT);
		const used = new Set(
			templates.flatMap(({ workflow }) =>
				composioNodes(workflow).map((node) => baseType(node.type)),
			),
		);
		const missing = [...used].filter((type) => !declared.includes(type));
		expect(missing).toEqual(hasExecuteTool ? [] : [EXECUTE_TOOL]);
	});
});

describe.each(knownVersions())('templates in real n8n %s', (version) => {
	let sandbox: Sandbox | undefined;
	let control: SandboxControl;
	let n8n: N8nInstance | undefined;
	let port = 0;
	const harness = {
		profile: 'composioTool0001',
		send: 'composioTool0002',
	};

	beforeAll(async () => {
		const runtime = requireN8n(version);
		const pkg = requireBuiltPackage();
		// n8n listens on 127.0.0.1: the sandbox's development switch accepts that webhook URL for
		// template 6 (Composio itself refuses loopback URLs).
		sandbox = await startSandbox({ port: 0, allowPrivateWebhookUrls: true });
		control = sandboxControl(sandbox.url);
		port = await freePort();
		n8n = await createInstance(runtime);
		n8n.installPackage(pkg.dir);
		await n8n.importCredentials([
			composioCredential({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
			webhookCredential(HEADER_AUTH_VALUE),
		]);
		await n8n.importWorkflows([
			configured(1),
			configured(2, `http://127.0.0.1:${port}/webhook/reconnect`),
			configured(3),
			configured(4),
			configured(5),
			configured(6),
			statusWatch({
				id: STATUS_WATCH_ID,
				name: 'Composio account status watch',
				nodeId: 'c1d2e3f4-0000-4000-8000-000000000001',
			}),
			toolHarness('Gmail profile', harness.profile, {}),
			toolHarness('Send email', harness.send, {
				[toolName('Send email')]: {
					recipient_email: 'ann@example.com',
					subject: 'Hello',
					body: 'Sent by the agent’s tool',
				},
			}),
		]);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		n8n?.cleanup();
		await sandbox?.close();
	});

	function instance(): N8nInstance {
		if (!n8n) throw new Error('setup failed (see the beforeAll error)');
		return n8n;
	}

	withExecuteTool(
		`template 5: the agent's "Gmail profile" tool runs in n8n's Tool Executor for the chat's user${executeToolNote}`,
		async () => {
			await control.reset();
			const result = await instance().execute(harness.profile);
			expect(result.error).toBeNull();
			expect(finished(result)).toEqual({ status: 'success', finished: true });
			const [answer] = toolResults(result.nodes['Tool Executor']);
			expect(answer).toMatchObject({
				successful: true,
				tool: 'GMAIL_GET_PROFILE',
				user_id: 'user_alice',
				// alice's newest ACTIVE Gmail account (the user's default)
				connected_account_id: 'ca_vMWirTLXXWCM',
				data: { emailAddress: 'alice.personal@example.com' },
			});
		},
		TEST_TIMEOUT_MS,
	);

	withExecuteTool(
		`template 5: the agent's "Send email" tool sends with the model's $fromAI arguments${executeToolNote}`,
		async () => {
			await control.reset();
			await control.clearRequests();
			const result = await instance().execute(harness.send);
			expect(result.error).toBeNull();
			expect(finished(result)).toEqual({ status: 'success', finished: true });
			const [answer] = toolResults(result.nodes['Tool Executor']);
			expect(answer).toMatchObject({ successful: true, tool: 'GMAIL_SEND_EMAIL' });
			const sent = (await control.requests()).filter(
				(request) => request.path === '/api/v3.1/tools/execute/GMAIL_SEND_EMAIL',
			);
			expect(sent).toHaveLength(1);
			expect(sent[0].body).toMatchObject({
				user_id: 'user_alice',
				arguments: {
					recipient_email: 'ann@example.com',
					subject: 'Hello',
					body: 'Sent by the agent’s tool',
				},
			});
		},
		TEST_TIMEOUT_MS,
	);

	describe('published and running (n8n start)', () => {
		let server: RunningN8n | undefined;
		let rest: RestClient;

		/** `n8n start` on this instance's user folder, and a signed-in REST client for it. */
		async function startN8n(): Promise<'created' | 'login'> {
			const runtime = requireN8n(version);
			server = await startServer(runtime, { userFolder: instance().userFolder, port });
			rest = restClient(server.url, runtime);
			return await rest.ensureOwner();
		}

		beforeAll(async () => {
			expect(await startN8n()).toBe('created');
			for (const number of PUBLISHED.filter((n) => hasExecuteTool || n !== 4)) {
				const workflow = await rest.activate(templateId(number));
				expect(workflow.active).toBe(true);
			}
		}, SETUP_TIMEOUT_MS);

		afterAll(async () => {
			await server?.stop();
		}, 60000);

		function url(path: string): string {
			if (!server) throw new Error('n8n did not start (see the beforeAll error)');
			return `${server.url}${path}`;
		}

		/**
		 * The other tests reset the sandbox, which forgets the webhook subscription: template 6 is
		 * unpublished and published again so its trigger creates one. n8n 2.40 publishes and
		 * unpublishes in the background (its publication outbox), so the subscription is awaited.
		 */
		async function subscriptionOnceIt(exists: boolean) {
			if (!sandbox) throw new Error('the sandbox did not start');
			return await waitForSubscription(sandbox.url, exists, 30000);
		}

		async function republishTemplate6() {
			await control.reset();
			await rest.deactivate(templateId(6));
			await subscriptionOnceIt(false);
			await rest.activate(templateId(6));
			return (await subscriptionOnceIt(true)).current;
		}

		async function statuses(ids: string[]): Promise<string[]> {
			return await Promise.all(ids.map(async (id) => (await control.account(id)).status));
		}

		const BOB_ACTIVE = ['ca_CrQrhqnbcNca', 'ca_wFASeSbTFudu', 'ca_w6mwML1Dd_vj'];

		it(
			'template 1: a dry run answers with every ACTIVE account of the user and changes nothing',
			async () => {
				await control.reset();
				const before = (await control.counters()).statusUpdates;
				const { status, body } = await postJson(url('/webhook/composio/subscription-lapsed'), {
					userId: 'user_bob',
					dryRun: true,
				});
				expect(status).toBe(200);
				expect(body).toMatchObject({
					userId: 'user_bob',
					action: 'pause',
					dryRun: true,
					matched: 3,
					changed: 3,
					unchanged: 0,
					skipped: 0,
					failed: 0,
				});
				const accounts = body.accounts as JsonObject[];
				expect(accounts.map((a) => a.id).sort()).toEqual([...BOB_ACTIVE].sort());
				for (const account of accounts) {
					expect(account).toMatchObject({ dryRun: true, wouldChange: true, changed: false });
				}
				expect((await control.counters()).statusUpdates).toBe(before);
				expect(await statuses(BOB_ACTIVE)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 1: "subscription lapsed" disables the user’s ACTIVE accounts; "renewed" enables them again',
			async () => {
				await control.reset();
				const paused = await postJson(url('/webhook/composio/subscription-lapsed?dryRun=false'), {
					userId: 'user_bob',
				});
				expect(paused.status).toBe(200);
				expect(paused.body).toMatchObject({
					action: 'pause',
					dryRun: false,
					matched: 3,
					changed: 3,
					unchanged: 0,
					failed: 0,
				});
				for (const account of paused.body.accounts as JsonObject[]) {
					expect(account).toMatchObject({
						previousStatus: 'ACTIVE',
						status: 'INACTIVE',
						changed: true,
					});
				}
				expect(await statuses(BOB_ACTIVE)).toEqual(['INACTIVE', 'INACTIVE', 'INACTIVE']);
				// Other users and bob's non-ACTIVE accounts are untouched.
				expect(await statuses(['ca_AbElRKN_PEqk', 'ca_jnVTfBjp90XM'])).toEqual([
					'EXPIRED',
					'ACTIVE',
				]);

				const resumed = await postJson(url('/webhook/composio/subscription-renewed'), {
					userId: 'user_bob',
				});
				expect(resumed.status).toBe(200);
				expect(resumed.body).toMatchObject({ action: 'resume', matched: 3, changed: 3, failed: 0 });
				expect(await statuses(BOB_ACTIVE)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);

				// Nothing matched (a user without accounts, or with none in that state): a 404 that
				// says so, not an empty 200.
				const unknown = await postJson(url('/webhook/composio/subscription-lapsed'), {
					userId: 'user_erin',
				});
				expect(unknown).toMatchObject({
					status: 404,
					body: {
						userId: 'user_erin',
						matched: 0,
						changed: 0,
						failed: 0,
						accounts: [],
						error: expect.stringContaining('No ACTIVE connected accounts of user_erin'),
					},
				});
				const nothingPaused = await postJson(url('/webhook/composio/subscription-renewed'), {
					userId: 'user_bob',
				});
				expect(nothingPaused).toMatchObject({ status: 404, body: { matched: 0 } });
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 1: hostile bodies and missing or wrong authentication change no account (both webhooks)',
			async () => {
				await control.reset();
				await control.clearRequests();
				const before = await control.counters();
				const hostile: unknown[] = [
					{},
					{ user: 'user_bob' },
					{ userId: '' },
					{ userId: ',' },
					{ userId: ' ' },
					{ userId: '*' },
					{ userId: 'user_bob,user_alice' },
					{ userId: ' user_bob' },
					{ userId: ['user_bob'] },
					{ userId: 123 },
					{ userId: null },
					{ userId: { id: 'user_bob' } },
					{ userId: 'a'.repeat(10000) },
					{ user_id: ',' },
					['user_bob'],
				];
				for (const path of ['subscription-lapsed', 'subscription-renewed']) {
					for (const body of hostile) {
						const answer = await postJson(url(`/webhook/composio/${path}?dryRun=false`), body);
						expect({ path, body, status: answer.status }).toEqual({ path, body, status: 400 });
						expect(String(answer.body.error)).toContain('1 to 128 letters, digits or _ . @ : -');
					}
					// A valid body without the secret, or with a wrong one: n8n refuses before the workflow runs.
					for (const auth of [null, 'wrong-secret', '']) {
						const answer = await postJson(
							url(`/webhook/composio/${path}`),
							{ userId: 'user_bob' },
							auth,
						);
						expect({ path, auth, status: answer.status }).toEqual({ path, auth, status: 403 });
					}
				}
				// Nothing reached Composio: no account was listed, let alone changed. (Template 6's
				// trigger may be checking its webhook subscription meanwhile: not an account request.)
				const accountRequests = (await control.requests()).filter(
					(request) => !request.path.startsWith('/api/v3.1/webhook_subscriptions'),
				);
				expect(accountRequests).toEqual([]);
				const after = await control.counters();
				expect(after.statusUpdates).toBe(before.statusUpdates);
				expect(after.deletes).toBe(before.deletes);
				expect(after.revokes).toBe(before.revokes);
				expect(await statuses(BOB_ACTIVE)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
				expect(await statuses([SEED_ACCOUNTS.aliceSlackInactive])).toEqual(['INACTIVE']);

				// The same secret and a valid ID still work.
				const ok = await postJson(url('/webhook/composio/subscription-lapsed'), {
					userId: 'user_bob',
					dryRun: true,
				});
				expect(ok).toMatchObject({ status: 200, body: { matched: 3 } });
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 1: an account Composio fails on is counted as failed, the others still change',
			async () => {
				await control.reset();
				await control.injectFault({
					method: 'PATCH',
					path: `/api/v3.1/connected_accounts/${BOB_ACTIVE[0]}/status`,
					kind: 'status',
					status: 400,
					times: 5,
				});
				const { status, body } = await postJson(url('/webhook/composio/subscription-lapsed'), {
					userId: 'user_bob',
				});
				await control.clearFaults();
				expect(status).toBe(200);
				expect(body).toMatchObject({ matched: 3, changed: 2, failed: 1 });
				const failed = (body.accounts as JsonObject[]).filter((a) => a.error !== undefined);
				expect(failed.map((a) => a.id)).toEqual([BOB_ACTIVE[0]]);
				expect(await statuses(BOB_ACTIVE)).toEqual(['ACTIVE', 'INACTIVE', 'INACTIVE']);

				// Composio cannot list the accounts at all: a 502 that says so, and nothing changed.
				await control.injectFault({
					method: 'GET',
					path: '/api/v3.1/connected_accounts',
					kind: 'status',
					status: 400,
					times: 5,
				});
				const unlisted = await postJson(url('/webhook/composio/subscription-renewed'), {
					userId: 'user_bob',
				});
				await control.clearFaults();
				expect(unlisted).toMatchObject({
					status: 502,
					body: {
						matched: 0,
						failed: 1,
						error: expect.stringContaining('Composio could not list the accounts of user_bob'),
					},
				});
				expect(await statuses(BOB_ACTIVE)).toEqual(['ACTIVE', 'INACTIVE', 'INACTIVE']);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 3: GET /reconnect 302-redirects to a fresh Connect Link for the user’s auth config; 400, 404 and 409 otherwise',
			async () => {
				await control.reset();
				const redirect = await fetchJson(url('/webhook/reconnect?user=user_carol&toolkit=gmail'));
				expect(redirect.status).toBe(302);
				expect(redirect.location).toMatch(/\/link\/ln_/);
				const link = (await control.links()).find((l) => l.url === redirect.location);
				expect(link).toMatchObject({ state: 'pending', origin: 'link' });
				const account = await control.account(String(link?.connectedAccountId));
				// carol's most recently updated gmail account is the FAILED one on the managed auth config
				expect(account).toMatchObject({
					userId: 'user_carol',
					toolkit: 'gmail',
					authConfigId: 'ac_O9hFAiOh29oB',
					status: 'INITIATED',
				});

				expect((await fetchJson(url('/webhook/reconnect?user=user_carol'))).status).toBe(400);
				const missing = await fetchJson(url('/webhook/reconnect?user=user_erin&toolkit=gmail'));
				expect(missing).toMatchObject({
					status: 404,
					body: { error: 'No gmail account of user_erin to reconnect' },
				});
				// alice's GitHub account is ACTIVE: Composio Connect refuses a duplicate.
				const refused = await fetchJson(url('/webhook/reconnect?user=user_alice&toolkit=github'));
				expect(refused.status).toBe(409);
				expect(String(refused.body.error)).toContain('already has an ACTIVE connected account');
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 2 → 3: the scheduled sweep groups EXPIRED/FAILED accounts by user; its links reconnect; the next sweep leaves reconnected users out',
			async () => {
				if (!server) throw new Error('n8n did not start');
				await control.reset();
				const sweep = async (): Promise<Execution> => {
					const id = await rest.runManually(templateId(2), 'Every morning');
					return await rest.waitForExecution(id);
				};
				const first = await sweep();
				expect(first.error).toBeNull();
				expect(first.status).toBe('success');
				const users = first.nodes['Group by user'];
				expect(users.map((u) => u.userId)).toEqual(['user_bob', 'user_carol']);
				const reconnect = (userId: string) =>
					`http://127.0.0.1:${port}/webhook/reconnect?user=${userId}&toolkit=gmail`;
				expect(users[0]).toMatchObject({
					accounts: [{ id: 'ca_AbElRKN_PEqk', toolkit: 'gmail', status: 'EXPIRED' }],
					reconnectLinks: [{ toolkit: 'gmail', url: reconnect('user_bob') }],
				});
				expect(users[1]).toMatchObject({
					accounts: [{ id: 'ca_9naoS5Xd1jzo', toolkit: 'gmail', status: 'FAILED' }],
					reconnectLinks: [{ toolkit: 'gmail', url: reconnect('user_carol') }],
				});
				expect(String(users[0].message)).toContain(reconnect('user_bob'));

				// bob clicks the link in the e-mail: template 3 sends him to a fresh Connect Link.
				const click = await fetchJson(reconnect('user_bob'));
				expect(click.status).toBe(302);
				const visit = await control.visitLink(String(click.location), {
					identity: 'bob.new@example.com',
				});
				expect(visit.status).toBe(200);

				const second = await sweep();
				expect(second.nodes['Group by user'].map((u) => u.userId)).toEqual(['user_carol']);
			},
			TEST_TIMEOUT_MS,
		);

		withExecuteTool(
			`template 4: onboarding answers with a Connect Link, waits for the user, then runs GMAIL_GET_PROFILE with the new account${executeToolNote}`,
			async () => {
				await control.reset();
				const known = await executionIds(rest, templateId(4));
				const started = await postJson(url('/webhook/composio/onboard'), { userId: 'user_erin' });
				expect(started.status).toBe(200);
				expect(started.body).toMatchObject({ userId: 'user_erin' });
				const accountId = String(started.body.connectedAccountId);
				expect(accountId).toMatch(/^ca_/);
				expect(started.body.connectUrl).toMatch(/\/link\/ln_/);
				expect((await control.account(accountId)).status).toBe('INITIATED');

				// The user opens the link while the workflow waits.
				const visit = await control.visitLink(String(started.body.connectUrl), {
					identity: 'erin@example.com',
				});
				expect(visit.status).toBe(200);
				const execution = await rest.waitForNewExecution(templateId(4), known);
				expect(execution.error).toBeNull();
				expect(execution.status).toBe('success');
				expect(execution.nodes['Wait for the user']).toMatchObject([
					{ connection: 'active', id: accountId, status: 'ACTIVE' },
				]);
				expect(execution.nodes['Get Gmail profile']).toMatchObject([
					{ successful: true, connected_account_id: accountId, user_id: 'user_erin' },
				]);
				expect(execution.nodes.Welcome).toEqual([
					{ userId: 'user_erin', connectedAccountId: accountId, email: 'erin@example.com' },
				]);
				const counters = await control.counters();
				expect(counters.toolExecutions.byAccount[accountId]).toBe(1);

				// Connected now: a second onboarding for erin is refused (no duplicate account).
				const again = await postJson(url('/webhook/composio/onboard'), { userId: 'user_erin' });
				expect(again.status).toBe(409);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'templates 3 and 4: a malformed user or toolkit is a 400 and an onboarding call without the secret a 403; no account is created or touched',
			async () => {
				await control.reset();
				await control.clearRequests();
				const before = (await control.counters()).linksCreated;
				for (const query of [
					'user=*&toolkit=gmail',
					'user=%2C&toolkit=gmail',
					'user=%20&toolkit=gmail',
					'user=user_bob&user=user_alice&toolkit=gmail',
					`user=${'a'.repeat(10000)}&toolkit=gmail`,
					'user=user_bob&toolkit=gmail,slack',
					'user=user_bob&toolkit=',
				]) {
					const answer = await fetchJson(url(`/webhook/reconnect?${query}`));
					expect({ query: query.slice(0, 60), status: answer.status }).toEqual({
						query: query.slice(0, 60),
						status: 400,
					});
				}
				if (hasExecuteTool) {
					for (const body of [{}, { userId: ',' }, { userId: ['user_erin'] }, { userId: 7 }]) {
						const answer = await postJson(url('/webhook/composio/onboard'), body);
						expect({ body, status: answer.status }).toEqual({ body, status: 400 });
					}
					for (const auth of [null, 'wrong-secret']) {
						const answer = await postJson(
							url('/webhook/composio/onboard'),
							{ userId: 'user_erin' },
							auth,
						);
						expect({ auth, status: answer.status }).toEqual({ auth, status: 403 });
					}
				}
				const accountRequests = (await control.requests()).filter(
					(request) => !request.path.startsWith('/api/v3.1/webhook_subscriptions'),
				);
				expect(accountRequests).toEqual([]);
				expect((await control.counters()).linksCreated).toBe(before);
			},
			TEST_TIMEOUT_MS,
		);

		withExecuteTool(
			`template 4: a failed sign-in ends in "Not connected" without running the tool${executeToolNote}`,
			async () => {
				await control.reset();
				const known = await executionIds(rest, templateId(4));
				const started = await postJson(url('/webhook/composio/onboard'), { userId: 'user_erin' });
				expect(started.status).toBe(200);
				await control.visitLink(String(started.body.connectUrl), { outcome: 'fail' });
				const execution = await rest.waitForNewExecution(templateId(4), known);
				expect(execution.status).toBe('success');
				expect(execution.nodes['Not connected']).toMatchObject([
					{ userId: 'user_erin', connection: 'failed' },
				]);
				expect(execution.nodes['Get Gmail profile']).toBeUndefined();
				expect((await control.counters()).toolExecutions.total).toBe(0);
			},
			TEST_TIMEOUT_MS,
		);
		it(
			'template 6: publishing created the project’s webhook subscription; an expiry starts a run with a fresh Connect Link; redeliveries and forgeries start none; unpublishing deletes the subscription',
			async () => {
				if (!sandbox) throw new Error('the sandbox did not start');
				const hooks = webhookControl(sandbox.url);
				const trigger = template(6).workflow.nodes.find((node) => node.type === COMPOSIO_TRIGGER);
				const webhookPath = `/webhook/${String(trigger?.webhookId)}/webhook`;
				const subscription = await republishTemplate6();
				expect(subscription).toMatchObject({
					version: 'V3',
					enabled_events: ['composio.connected_account.expired'],
				});
				expect(new URL(String(subscription?.webhook_url)).pathname).toBe(webhookPath);

				// dave's only Gmail account expires: a new link for dave and the same auth config.
				const known = await executionIds(rest, templateId(6));
				await control.setAccountStatus(SEED_ACCOUNTS.daveGmail, { status: 'EXPIRED' });
				const [delivery] = await hooks.settle();
				expect(delivery).toMatchObject({ outcome: 'delivered', responseStatus: 200, attempt: 1 });
				const execution = await rest.waitForNewExecution(templateId(6), known);
				expect(execution.status).toBe('success');
				expect(execution.nodes['Account expired']).toMatchObject([
					{
						event: 'composio.connected_account.expired',
						webhook_id: delivery.webhookId,
						account_id: SEED_ACCOUNTS.daveGmail,
						user_id: 'user_dave',
						toolkit: 'gmail',
						auth_config_id: SEED_AUTH_CONFIGS.gmailManaged,
						status: 'EXPIRED',
					},
				]);
				const [message] = execution.nodes['Reconnect message'];
				expect(message).toMatchObject({
					userId: 'user_dave',
					toolkit: 'gmail',
					expiredAccountId: SEED_ACCOUNTS.daveGmail,
					reconnectUrl: expect.stringMatching(/\/link\/ln_/),
				});
				expect(String(message.message)).toContain(String(message.reconnectUrl));
				const link = (await control.links()).find((l) => l.url === message.reconnectUrl);
				expect(link).toMatchObject({ state: 'pending', origin: 'link' });
				expect(await control.account(String(link?.connectedAccountId))).toMatchObject({
					userId: 'user_dave',
					authConfigId: SEED_AUTH_CONFIGS.gmailManaged,
					status: 'INITIATED',
				});

				// The same message again (Composio retries until it gets a 2xx): no second run.
				const again = await hooks.redeliver(delivery.deliveryId);
				expect(again).toMatchObject({ outcome: 'delivered', responseStatus: 200, attempt: 2 });
				expect(JSON.parse(String(again.responseBody))).toEqual({ received: true, duplicate: true });
				// Forged, unsigned and stale deliveries are refused with 401.
				const forged = await hooks.deliver({ secret: 'whsec_not_the_secret' });
				const unsigned = await hooks.deliver({ omitHeaders: ['webhook-signature'] });
				const stale = await hooks.deliver({
					webhookTimestamp: Math.floor(Date.now() / 1000) - 3600,
				});
				expect([forged, unsigned, stale].map((d) => d.responseStatus)).toEqual([401, 401, 401]);

				// alice's work Gmail expires, but she has another ACTIVE account on that auth config:
				// Connect's allow-multiple guard refuses, and the run ends on the error branch.
				await control.setAccountStatus(SEED_ACCOUNTS.aliceGmailWork, { status: 'EXPIRED' });
				await hooks.settle();
				const second = await rest.waitForNewExecution(templateId(6), [...known, execution.id]);
				expect(second.nodes['No link (already reconnected?)']).toMatchObject([
					{
						userId: 'user_alice',
						expiredAccountId: SEED_ACCOUNTS.aliceGmailWork,
						error: expect.stringContaining('already has an ACTIVE connected account'),
					},
				]);
				const runs = await executionIds(rest, templateId(6));
				expect(runs.filter((id) => !known.includes(id))).toHaveLength(2);

				// Unpublishing deletes the subscription the node created, and only that.
				await rest.deactivate(templateId(6));
				expect((await subscriptionOnceIt(false)).current).toBeNull();
				await rest.activate(templateId(6));
				await subscriptionOnceIt(true);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 6 does not loop: over three link lifetimes on the sandbox clock it makes one link for an expired account, ignores its own unused link expiring, and makes no second link for that user and toolkit within its window',
			async () => {
				if (!sandbox) throw new Error('the sandbox did not start');
				const hooks = webhookControl(sandbox.url);
				// No sandbox reset here: a reset restarts its message ids, and the trigger (rightly) takes a
				// repeated webhook-id for a redelivery of the previous test's events.
				if ((await hooks.subscription()) === null) {
					await rest.deactivate(templateId(6));
					await subscriptionOnceIt(false);
					await rest.activate(templateId(6));
					await subscriptionOnceIt(true);
				}
				const { linkTtlMs } = await control.config();
				// settle() answers every delivery since the last reset: these are the new ones.
				const delivered = new Set((await hooks.settle()).map((d) => d.deliveryId));
				const newDeliveries = async () => {
					const fresh = (await hooks.settle()).filter((d) => !delivered.has(d.deliveryId));
					for (const d of fresh) delivered.add(d.deliveryId);
					return fresh;
				};
				const known = await executionIds(rest, templateId(6));
				const linksBefore = (await control.counters()).linksCreated;

				// carol's main Gmail expires (a refresh failure): one link, as before.
				await control.setAccountStatus(SEED_ACCOUNTS.carolGmailMain, { status: 'EXPIRED' });
				expect(await newDeliveries()).toMatchObject([
					{ outcome: 'delivered', responseStatus: 200 },
				]);
				const first = await rest.waitForNewExecution(templateId(6), known);
				expect(first.status).toBe('success');
				const [message] = first.nodes['Reconnect message'];
				expect(message).toMatchObject({
					userId: 'user_carol',
					expiredAccountId: SEED_ACCOUNTS.carolGmailMain,
				});
				const seen = [...known, first.id];
				const link = (await control.links()).find((l) => l.url === message.reconnectUrl);
				expect(link).toMatchObject({ state: 'pending' });

				// Nobody opens it. Three link lifetimes pass on the sandbox clock; each step's requests
				// let the sandbox expire what is due and deliver whatever it sends.
				for (let lifetime = 0; lifetime < 3; lifetime++) {
					await control.advanceClock(linkTtlMs + 1000);
					await control.links();
					for (const delivery of await newDeliveries()) {
						expect(delivery).toMatchObject({ outcome: 'delivered', responseStatus: 200 });
						const run = await rest.waitForNewExecution(templateId(6), seen);
						seen.push(run.id);
						// An unused link that expired (this run's, or a seeded pending one) ends in
						// "Skipped", never in a new link.
						expect(run.nodes['Create Connect Link']).toBeUndefined();
						expect(run.nodes['Skipped (no new link)']).toHaveLength(1);
					}
				}
				expect((await control.link(String(link?.token))).state).toBe('expired');

				// carol connects again and that account expires too, within the window: no second link.
				await control.setAccountStatus(SEED_ACCOUNTS.carolGmailMain, { status: 'ACTIVE' });
				await control.setAccountStatus(SEED_ACCOUNTS.carolGmailMain, { status: 'EXPIRED' });
				expect(await newDeliveries()).toHaveLength(1);
				const again = await rest.waitForNewExecution(templateId(6), seen);
				expect(again.nodes['Create Connect Link']).toBeUndefined();
				expect(String(again.nodes['Skipped (no new link)'][0].skipped)).toContain('window: 60 min');

				expect((await control.counters()).linksCreated - linksBefore).toBe(1);
			},
			TEST_TIMEOUT_MS,
		);
		it(
			'Composio Account Status Trigger, published: the first poll records the accounts and starts nothing; the next poll starts a run with each change since; after an n8n restart only the newer change is reported',
			async () => {
				await control.reset();
				await control.clearRequests();
				const known = await executionIds(rest, STATUS_WATCH_ID);
				await rest.activate(STATUS_WATCH_ID);
				// n8n polls once when it activates the workflow: the baseline.
				const listed = async () => await accountListings(control);
				await pollUntil(async () => ((await listed()) > 0 ? true : undefined), {
					timeoutMs: 30000,
					intervalMs: 250,
				});
				const baselineRequests = await listed();
				// (Not EXPIRED: that would also start template 6, whose run creates an account.)
				await control.setAccountStatus(SEED_ACCOUNTS.aliceTavily, { status: 'REVOKED' });
				await control.setAccountStatus(SEED_ACCOUNTS.bobSlackSide, { status: 'INACTIVE' });
				// "Every minute": the next poll comes within a minute.
				const execution = await rest.waitForNewExecution(STATUS_WATCH_ID, known, {
					timeoutMs: 90000,
				});
				expect(await listed()).toBeGreaterThan(baselineRequests);
				expect(execution.status).toBe('success');
				const changes = execution.nodes['Account status'];
				expect(changeRows(changes).sort()).toEqual(
					[
						['statusChanged', SEED_ACCOUNTS.bobSlackSide, 'ACTIVE', 'INACTIVE'],
						['statusChanged', SEED_ACCOUNTS.aliceTavily, 'ACTIVE', 'REVOKED'],
					].sort(),
				);
				expect(changes.find((c) => c.id === SEED_ACCOUNTS.aliceTavily)).toMatchObject({
					user_id: 'user_alice',
					toolkit: 'tavily',
				});

				// n8n restarts; a change made while it was down is reported once, and the earlier
				// changes are not reported again: what the trigger knows survived in the database.
				await server?.stop();
				await control.setAccountStatus(SEED_ACCOUNTS.bobSlackSide, { status: 'ACTIVE' });
				expect(await startN8n()).toBe('login');
				const afterRestart = await rest.waitForNewExecution(
					STATUS_WATCH_ID,
					[...known, execution.id],
					{ timeoutMs: 90000 },
				);
				expect(changeRows(afterRestart.nodes['Account status'])).toEqual([
					['statusChanged', SEED_ACCOUNTS.bobSlackSide, 'INACTIVE', 'ACTIVE'],
				]);
				await rest.deactivate(STATUS_WATCH_ID);
			},
			3 * TEST_TIMEOUT_MS,
		);
	});
});
