/**
 * End-to-end: n8n's AI Agent → model → tool loop with the Composio nodes as the agent's tools, inside
 * real n8n binaries (2.40.7 on Node 24, 2.8.4 on Node 20), against the Composio sandbox and a scripted,
 * OpenAI-compatible chat model on loopback (model-server.cjs).
 *
 * The model is n8n's own OpenAI Chat Model node with an OpenAI credential whose Base URL points at the
 * scripted server; the server answers first with a `tool_calls` message, then — once n8n sends it the
 * tool's result — with a final answer quoting it, and records every request n8n sent (the tool schemas,
 * the tool results). Template 05's AI Agent, chat model, memory and tool nodes are used unchanged.
 *
 * - `n8n execute` (one case): the Chat Trigger cannot fire from the CLI, so a Set node of the same
 *   name gives the agent the chat message (with `metadata.userId`, which the tools' User ID reads).
 * - `n8n start` on the same user folder: the other cases, run as the editor's "Execute workflow"
 *   does (one n8n boot instead of one per case); template 05 itself, with only the model credential
 *   added, chatted with as the editor's chat does; and a copy with a public chat, published, through
 *   the Chat Trigger's production webhook.
 *
 * Needs `npm run build` and `npm run n8n:install` (see scripts/n8n/README.md).
 */
import { randomUUID } from 'crypto';

import { SEED_ACCOUNTS, sandboxControl, startSandbox } from '../../sandbox/src/index';
import type { SandboxControl } from '../../sandbox/src/index';
import { pollUntil } from '../harness/poll';
import type { JsonObject, N8nInstance, WorkflowInput } from './real-n8n.helpers.cjs';
import {
	createInstance,
	knownVersions,
	requireBuiltPackage,
	requireN8n,
} from './real-n8n.helpers.cjs';
import type { ChatRequestBody, ModelServer, ToolResult } from './agent.helpers.cjs';
import { chatRequestsOf, startModelServer, toolOf } from './agent.helpers.cjs';
import type { RestClient, RunningN8n, Template } from './templates.helpers.cjs';
import {
	CREDENTIAL,
	composioCredential,
	loadTemplates,
	restClient,
	startServer,
} from './templates.helpers.cjs';

const PACKAGE = 'n8n-nodes-composio';
const CHAT_TRIGGER = 'When chat message received';
const AGENT = 'AI Agent';
const MODEL = 'OpenAI Chat Model';
/** The bearer token the scripted model expects (made up per run). */
const MODEL_API_KEY = `scripted-${randomUUID()}`;
/** The one thing template 05 needs besides the Composio credential: an OpenAI credential. */
const MODEL_CREDENTIAL = { id: 'openAiScripted01', name: 'Scripted OpenAI model' };
/** Template 05 itself, imported for the running-n8n tests… */
const TEMPLATE_ID = 'composioAgent05';
/** …and a copy with the chat made public (what an app that embeds the chat needs), published. */
const PUBLIC_TEMPLATE_ID = 'composioAgent05p';
const PUBLIC_WEBHOOK_ID = 'a7c1e0f2-5b1d-4c55-9e0e-05c0ffee0005';

const SETUP_TIMEOUT_MS = 5 * 60 * 1000;
const TEST_TIMEOUT_MS = 2 * 60 * 1000;

const ALICE_GMAIL = SEED_ACCOUNTS.aliceGmailPersonal;
const EXECUTE_PATH = (slug: string) => `/api/v3.1/tools/execute/${slug}`;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const template5: Template = (() => {
	const found = loadTemplates().find((t) => t.number === 5);
	if (!found) throw new Error('examples/ has no template 05');
	return found;
})();

function templateNode(name: string): JsonObject {
	const node = template5.workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`template 05 has no node "${name}"`);
	return JSON.parse(JSON.stringify(node)) as JsonObject;
}

/** Template 05's chat model node with the model credential: the only change the template needs. */
function withModelCredential(node: JsonObject): JsonObject {
	return { ...node, credentials: { openAiApi: MODEL_CREDENTIAL } };
}

/** Template 05 with the model credential on its chat model, nothing else changed. */
function templateWithModel(id: string): WorkflowInput {
	return {
		...template5.workflow,
		id,
		active: false,
		nodes: template5.workflow.nodes.map((node) =>
			node.name === MODEL ? withModelCredential(node) : node,
		),
	};
}

/** The Chat Trigger's "Make Chat Publicly Available" on: its production webhook then answers. */
function publicChat(workflow: WorkflowInput): WorkflowInput {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.name === CHAT_TRIGGER
				? {
						...node,
						webhookId: PUBLIC_WEBHOOK_ID,
						parameters: { ...(node.parameters as JsonObject), public: true },
					}
				: node,
		),
	};
}

/** n8n's tool name for a node (`nodeNameToToolName`): anything but [a-zA-Z0-9_-] becomes `_`. */
function toolName(nodeName: string): string {
	return nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
}

/** Composio Connected Account as an agent tool: the chat user's accounts of one toolkit. */
const ACCOUNTS_TOOL: JsonObject = {
	id: 'f1e2d3c4-0000-4000-8000-000000000010',
	name: 'List connected accounts',
	type: `${PACKAGE}.composioConnectedAccountTool`,
	typeVersion: 1,
	position: [780, 240],
	parameters: {
		resource: 'connectedAccount',
		operation: 'getAll',
		returnAll: true,
		filters: {
			userIds: `={{ $('${CHAT_TRIGGER}').first().json.metadata?.userId ?? 'user_alice' }}`,
			toolkitSlugs:
				"={{ [$fromAI('toolkit', 'The toolkit slug, e.g. gmail, github or slack', 'string')] }}",
		},
		simplify: true,
		options: {},
	},
	credentials: { composioApi: CREDENTIAL },
};

/** Composio Proxy Request as a tool: the model picks a Gmail API path and query; the user is the chat's. */
const PROXY_TOOL: JsonObject = {
	id: 'f1e2d3c4-0000-4000-8000-000000000012',
	name: 'Gmail API',
	type: `${PACKAGE}.composioProxyRequestTool`,
	typeVersion: 1,
	position: [1100, 240],
	parameters: {
		toolDescription: 'Calls the Gmail REST API as the user’s Gmail account',
		toolkit: 'gmail',
		userId: `={{ $('${CHAT_TRIGGER}').first().json.metadata?.userId ?? 'user_alice' }}`,
		method: 'GET',
		endpoint:
			"={{ $fromAI('endpoint', 'Gmail API path, e.g. /gmail/v1/users/me/messages', 'string') }}",
		sendQuery: true,
		specifyQuery: 'json',
		jsonQuery: "={{ $fromAI('query', 'Query parameters as a JSON object', 'json') }}",
		options: { returnConnectLink: true },
	},
	credentials: { composioApi: CREDENTIAL },
};

/**
 * Composio Execute Tool as a tool with no Description of its own: n8n then describes it with the
 * node type's description (the node has no resource/operation to build one from).
 */
const SEARCH_TOOL: JsonObject = {
	id: 'f1e2d3c4-0000-4000-8000-000000000011',
	name: 'Search the web',
	type: `${PACKAGE}.composioExecuteToolTool`,
	typeVersion: 1,
	position: [940, 240],
	parameters: {
		tool: { __rl: true, mode: 'id', value: 'TAVILY_SEARCH' },
		userId: `={{ $('${CHAT_TRIGGER}').first().json.metadata?.userId ?? 'user_alice' }}`,
		argumentsMode: 'json',
		argumentsJson:
			"={{ JSON.stringify({ query: $fromAI('query', 'What to search the web for', 'string') }) }}",
		options: { failOnUnsuccessful: false, returnConnectLink: true },
	},
	credentials: { composioApi: CREDENTIAL },
};

interface AgentCase {
	id: string;
	userId: string;
	chatInput: string;
	/** "Send email" with Fail on Unsuccessful Result back on (the node's default; off in template 05) */
	failOnUnsuccessful?: boolean;
	/** another AI Agent version than template 05's 2.2 (e.g. 3.1, what the editor adds today) */
	agentVersion?: number;
	/** Composio Proxy Request as one more tool */
	withProxy?: boolean;
}

/**
 * Template 05's agent, chat model (with the model credential), memory and both Composio Execute Tool
 * tools, unchanged, plus Composio Connected Account as a third tool. A Manual Trigger starts it, then
 * a Set node named like the Chat Trigger emits the message the trigger would
 * ({ sessionId, action, chatInput, metadata.userId }).
 */
function agentWorkflow({
	id,
	userId,
	chatInput,
	failOnUnsuccessful,
	agentVersion,
	withProxy,
}: AgentCase): WorkflowInput {
	const send = templateNode('Send email');
	if (failOnUnsuccessful !== undefined) {
		const parameters = send.parameters as JsonObject;
		parameters.options = { ...(parameters.options as JsonObject), failOnUnsuccessful };
	}
	const tools = [templateNode('Gmail profile'), send, ACCOUNTS_TOOL, SEARCH_TOOL];
	if (withProxy) tools.push(PROXY_TOOL);
	const connections: JsonObject = {
		Start: { main: [[{ node: CHAT_TRIGGER, type: 'main', index: 0 }]] },
		[CHAT_TRIGGER]: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
		[MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
		'Simple Memory': { ai_memory: [[{ node: AGENT, type: 'ai_memory', index: 0 }]] },
	};
	for (const tool of tools) {
		connections[String(tool.name)] = {
			ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]],
		};
	}
	return {
		id,
		name: `Agent e2e: ${id}`,
		nodes: [
			{
				id: 'f1e2d3c4-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [-220, 0],
				parameters: {},
			},
			{
				id: 'f1e2d3c4-0000-4000-8000-000000000002',
				name: CHAT_TRIGGER,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [0, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({
						sessionId: `session-${id}`,
						action: 'sendMessage',
						chatInput,
						metadata: { userId },
					}),
					options: {},
				},
			},
			agentVersion === undefined
				? templateNode(AGENT)
				: { ...templateNode(AGENT), typeVersion: agentVersion },
			withModelCredential(templateNode(MODEL)),
			templateNode('Simple Memory'),
			...tools,
		],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const CASES = {
	send: {
		id: 'agentSend000001',
		userId: 'user_alice',
		chatInput: 'Please e-mail ann@example.com that the report is ready.',
	},
	sendAgentV3: {
		id: 'agentSendV31001',
		userId: 'user_dave',
		chatInput: 'Please e-mail ann@example.com that the report is ready.',
		agentVersion: 3.1,
	},
	notConnected: {
		id: 'agentNoAccount1',
		userId: 'user_erin',
		chatInput: 'Which e-mail address do I use in Gmail?',
	},
	failure: {
		id: 'agentFailure001',
		userId: 'user_alice',
		chatInput: 'E-mail nobody@invalid.example that the report is ready.',
	},
	thrown: {
		id: 'agentThrown0001',
		userId: 'user_alice',
		chatInput: 'E-mail nobody@invalid.example that the report is ready.',
		failOnUnsuccessful: true,
	},
	accounts: {
		id: 'agentAccounts01',
		userId: 'user_alice',
		chatInput: 'Which Gmail accounts have I connected?',
	},
	proxy: {
		id: 'agentProxy00001',
		userId: 'user_alice',
		chatInput: 'How many unread e-mails do I have?',
		withProxy: true,
	},
} satisfies Record<string, AgentCase>;

/** One finished run, from `n8n execute` or from the REST API of a running n8n. */
interface AgentRun {
	status: unknown;
	error: unknown;
	nodes: Record<string, JsonObject[]>;
	run: JsonObject;
}

/** The runs n8n recorded for a node (a tool node: one per call). */
function nodeRuns(run: JsonObject, name: string): JsonObject[] {
	const data = run.data as { resultData?: { runData?: Record<string, JsonObject[]> } } | undefined;
	return data?.resultData?.runData?.[name] ?? [];
}

/** The agent's answer (the AI Agent node's `output`). */
function agentOutput(nodes: Record<string, JsonObject[]>): string {
	const [item] = nodes[AGENT] ?? [];
	return String(item?.output ?? '');
}

/** The tool result n8n sent the model: JSON text of the tool node's output items. */
function parsedResult(result: ToolResult): JsonObject[] {
	return JSON.parse(result.content) as JsonObject[];
}

/** A final answer that quotes every tool result (as a model explaining what happened would). */
const quoteResults = ({ toolResults }: { toolResults: ToolResult[] }) =>
	`Here is what the tool answered: ${toolResults.map((r) => r.content).join(' | ')}`;

describe.each(knownVersions())('AI Agent with Composio tools in real n8n %s', (version) => {
	let sandbox: Sandbox | undefined;
	let control: SandboxControl;
	let model: ModelServer | undefined;
	let n8n: N8nInstance | undefined;
	/** The first model request of the `n8n execute` run: what n8n offers a model. */
	let offered: ChatRequestBody | undefined;

	beforeAll(async () => {
		const runtime = requireN8n(version);
		const pkg = requireBuiltPackage();
		sandbox = await startSandbox({ port: 0 });
		control = sandboxControl(sandbox.url);
		model = await startModelServer({ apiKey: MODEL_API_KEY });
		n8n = await createInstance(runtime);
		n8n.installPackage(pkg.dir);
		await n8n.importCredentials([
			composioCredential({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
			{
				...MODEL_CREDENTIAL,
				type: 'openAiApi',
				data: { apiKey: MODEL_API_KEY, url: model.baseUrl, header: false },
			},
		]);
		await n8n.importWorkflows([
			...Object.values(CASES).map(agentWorkflow),
			templateWithModel(TEMPLATE_ID),
			publicChat(templateWithModel(PUBLIC_TEMPLATE_ID)),
		]);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		n8n?.cleanup();
		await model?.close();
		await sandbox?.close();
	});

	function instance(): N8nInstance {
		if (!n8n) throw new Error('setup failed (see the beforeAll error)');
		return n8n;
	}

	function scripted(): ModelServer {
		if (!model) throw new Error('the model server did not start');
		return model;
	}

	async function freshSandbox(): Promise<void> {
		await control.reset();
		await control.clearRequests();
	}

	it(
		'n8n execute: the agent sends an e-mail with the model’s $fromAI arguments — executed once for the chat’s user and account, the result goes back to the model and into the answer',
		async () => {
			const model = scripted();
			const args = {
				recipient_email: 'ann@example.com',
				subject: 'Report',
				body: 'The report is ready.',
			};
			model.script([
				{ toolCalls: [{ name: toolName('Send email'), arguments: args }] },
				{ answer: quoteResults },
			]);
			await freshSandbox();
			const result = await instance().execute(CASES.send.id);
			expect(model.problems()).toEqual([]);
			expect(result.error).toBeNull();
			expect(result.run.status).toBe('success');
			expect(model.remaining()).toBe(0);

			// The sandbox ran GMAIL_SEND_EMAIL once, with exactly the model's arguments, for alice's
			// default Gmail account; nothing else was executed.
			const executed = (await control.requests()).filter((r) =>
				r.path.startsWith('/api/v3.1/tools/execute/'),
			);
			expect(executed).toHaveLength(1);
			expect(executed[0].path).toBe(EXECUTE_PATH('GMAIL_SEND_EMAIL'));
			expect(executed[0].body).toEqual({
				user_id: 'user_alice',
				connected_account_id: ALICE_GMAIL,
				version: expect.any(String),
				arguments: args,
			});
			const counters = await control.counters();
			expect(counters.toolExecutions.total).toBe(1);
			expect(counters.toolExecutions.byAccount).toEqual({ [ALICE_GMAIL]: 1 });
			expect(nodeRuns(result.run, 'Send email')).toHaveLength(1);
			expect(nodeRuns(result.run, 'Gmail profile')).toHaveLength(0);

			// Two model calls: the first with the chat message and the tools, the second with the result.
			const requests = chatRequestsOf(model);
			expect(requests).toHaveLength(2);
			const [first, second] = requests;
			expect(first.authorized).toBe(true);
			offered = first.body ?? undefined;
			const firstMessages = (first.body as ChatRequestBody).messages;
			expect(firstMessages[0]).toMatchObject({ role: 'system' });
			expect(String(firstMessages[0].content)).toContain('Never ask for or guess a user ID');
			expect(firstMessages.at(-1)).toMatchObject({
				role: 'user',
				content: CASES.send.chatInput,
			});
			const [toolResult] = second.toolResults;
			expect(toolResult.name).toBe(toolName('Send email'));
			const [sent] = parsedResult(toolResult);
			expect(sent).toMatchObject({
				successful: true,
				error: null,
				tool: 'GMAIL_SEND_EMAIL',
				user_id: 'user_alice',
				connected_account_id: ALICE_GMAIL,
				data: { id: expect.any(String), labelIds: ['SENT'] },
			});
			expect(agentOutput(result.nodes)).toContain(toolResult.content);
			expect(agentOutput(result.nodes)).toContain(String((sent.data as JsonObject).id));
		},
		TEST_TIMEOUT_MS,
	);

	it('the tool schemas n8n sends name each tool, describe it, and require every $fromAI argument (with its description)', () => {
		if (!offered) throw new Error('no model request recorded (see the n8n execute test)');
		expect(offered.model).toBe('gpt-4o-mini');
		// Chat Completions without streaming: n8n streams only to a Chat Trigger in streaming mode.
		expect(offered.stream).not.toBe(true);
		expect((offered.tools ?? []).map((t) => t.function.name).sort()).toEqual(
			['Gmail_profile', 'List_connected_accounts', 'Search_the_web', 'Send_email'].sort(),
		);

		const profile = toolOf(offered, 'Gmail_profile');
		expect(profile.description).toBe(
			String((templateNode('Gmail profile').parameters as JsonObject).toolDescription),
		);
		expect(profile.parameters?.properties ?? {}).toEqual({});
		expect(profile.parameters?.required ?? []).toEqual([]);

		const send = toolOf(offered, 'Send_email');
		expect(send.description).toBe(
			String((templateNode('Send email').parameters as JsonObject).toolDescription),
		);
		expect([...(send.parameters?.required ?? [])].sort()).toEqual(
			['body', 'recipient_email', 'subject'].sort(),
		);
		expect(send.parameters?.properties).toEqual({
			recipient_email: { type: 'string', description: 'The e-mail address to send to' },
			subject: { type: 'string', description: 'The subject line' },
			body: { type: 'string', description: 'The message text' },
		});

		// No tool description set: n8n describes the tool by the operation's action.
		const accounts = toolOf(offered, 'List_connected_accounts');
		expect(accounts.description).toBe('Get many connected accounts in Composio Connected Account');
		expect(accounts.parameters?.required).toEqual(['toolkit']);
		expect(accounts.parameters?.properties).toEqual({
			toolkit: { type: 'string', description: 'The toolkit slug, e.g. gmail, github or slack' },
		});

		// Composio Execute Tool without a Description: n8n falls back to the node type's description,
		// which cannot say which Composio tool this node runs — so every such node needs its own.
		const search = toolOf(offered, 'Search_the_web');
		expect(search.description).toBe(
			'Runs a Composio tool (send an email, post a message, create an issue, search the web…) for one end user with that user’s connected account, and returns the tool’s result',
		);
		expect(search.parameters?.required).toEqual(['query']);
	});

	describe('running (n8n start)', () => {
		let server: RunningN8n | undefined;
		let rest: RestClient;

		beforeAll(async () => {
			const runtime = requireN8n(version);
			server = await startServer(runtime, { userFolder: instance().userFolder });
			rest = restClient(server.url, runtime);
			await rest.ensureOwner();
		}, SETUP_TIMEOUT_MS);

		afterAll(async () => {
			await server?.stop();
		}, 60000);

		/** Runs a case's workflow as the editor's "Execute workflow" button does, to its end. */
		async function runAgent(agentCase: AgentCase): Promise<AgentRun> {
			await freshSandbox();
			const id = await rest.runManually(agentCase.id, 'Start');
			const execution = await rest.waitForExecution(id, { timeoutMs: TEST_TIMEOUT_MS / 2 });
			return {
				status: execution.status,
				error: execution.error,
				nodes: execution.nodes,
				run: execution.run,
			};
		}

		it(
			'AI Agent 3.1 (what the editor adds today): the same loop — the tool runs once with the model’s arguments for the chat’s user, and its result reaches the model and the answer',
			async () => {
				const model = scripted();
				const args = { recipient_email: 'ann@example.com', subject: 'Report', body: 'Ready.' };
				model.script([
					{ toolCalls: [{ name: toolName('Send email'), arguments: args }] },
					{ answer: quoteResults },
				]);
				const result = await runAgent(CASES.sendAgentV3);
				expect(model.problems()).toEqual([]);
				expect(result.error).toBeNull();
				expect(result.status).toBe('success');
				const executed = (await control.requests()).filter((r) =>
					r.path.startsWith('/api/v3.1/tools/execute/'),
				);
				expect(executed).toHaveLength(1);
				expect(executed[0]).toMatchObject({
					path: EXECUTE_PATH('GMAIL_SEND_EMAIL'),
					body: {
						user_id: 'user_dave',
						connected_account_id: SEED_ACCOUNTS.daveGmail,
						arguments: args,
					},
				});
				const [, second] = chatRequestsOf(model);
				const [sent] = parsedResult(second.toolResults[0]);
				expect(sent).toMatchObject({ successful: true, user_id: 'user_dave' });
				expect(agentOutput(result.nodes)).toContain(second.toolResults[0].content);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'a user with no connected account: the tool answers the model with a Connect Link, nothing is executed, and the agent passes the link on',
			async () => {
				const model = scripted();
				model.script([
					{ toolCalls: [{ name: toolName('Gmail profile'), arguments: {} }] },
					{ answer: quoteResults },
				]);
				const result = await runAgent(CASES.notConnected);
				expect(model.problems()).toEqual([]);
				expect(result.error).toBeNull();
				expect(result.status).toBe('success');

				const counters = await control.counters();
				expect(counters.toolExecutions.total).toBe(0);
				expect(counters.linksCreated).toBe(1);
				const [, second] = chatRequestsOf(model);
				const [answer] = parsedResult(second.toolResults[0]);
				expect(answer).toMatchObject({
					connected: false,
					user_id: 'user_erin',
					toolkit: 'gmail',
					connect_url: expect.stringMatching(/\/link\/ln_/),
				});
				expect(String(answer.message)).toContain('connect_url');
				const link = (await control.links()).find((l) => l.url === answer.connect_url);
				expect(link).toMatchObject({ state: 'pending' });
				expect(await control.account(String(link?.connectedAccountId))).toMatchObject({
					userId: 'user_erin',
					toolkit: 'gmail',
					status: 'INITIATED',
				});
				expect(agentOutput(result.nodes)).toContain(String(answer.connect_url));
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'a provider error reaches the model as the tool’s result (with the error), which the agent explains; the run does not crash',
			async () => {
				const model = scripted();
				const args = {
					recipient_email: 'nobody@invalid.example',
					subject: 'Report',
					body: 'The report is ready.',
				};
				model.script([
					{ toolCalls: [{ name: toolName('Send email'), arguments: args }] },
					{ answer: quoteResults },
				]);
				const result = await runAgent(CASES.failure);
				expect(model.problems()).toEqual([]);
				expect(result.error).toBeNull();
				expect(result.status).toBe('success');

				const counters = await control.counters();
				expect(counters.toolExecutions.total).toBe(1);
				expect(counters.toolExecutions.failed).toBe(1);
				const [, second] = chatRequestsOf(model);
				const [failed] = parsedResult(second.toolResults[0]);
				expect(failed).toMatchObject({
					successful: false,
					tool: 'GMAIL_SEND_EMAIL',
					user_id: 'user_alice',
					connected_account_id: ALICE_GMAIL,
				});
				expect(String(failed.error)).toContain(
					"Invalid To header: 'nobody@invalid.example' is not a deliverable address",
				);
				expect(agentOutput(result.nodes)).toContain(String(failed.error));
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'with Fail on Unsuccessful Result on, the tool’s error stays in n8n: the agent gives the model an empty tool result (why template 05 turns it off)',
			async () => {
				const model = scripted();
				model.script([
					{
						toolCalls: [
							{
								name: toolName('Send email'),
								arguments: {
									recipient_email: 'nobody@invalid.example',
									subject: 'Report',
									body: 'The report is ready.',
								},
							},
						],
					},
					{ answer: quoteResults },
				]);
				const result = await runAgent(CASES.thrown);
				expect(model.problems()).toEqual([]);
				expect(result.status).toBe('success');
				expect((await control.counters()).toolExecutions.failed).toBe(1);
				// n8n records the node's error on the tool's run…
				const [toolRun] = nodeRuns(result.run, 'Send email');
				expect(JSON.stringify(toolRun.error ?? null)).toContain('Invalid To header');
				// …but the model only gets an empty result, so it cannot explain what went wrong.
				const [, second] = chatRequestsOf(model);
				expect(second.toolResults).toEqual([
					expect.objectContaining({ name: toolName('Send email'), content: '' }),
				]);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'Composio Proxy Request as a tool: the model’s path and query reach the provider once, through the chat user’s account, and the answer comes back to the model',
			async () => {
				const model = scripted();
				const args = {
					endpoint: '/gmail/v1/users/me/messages',
					query: { q: 'is:unread', maxResults: 3 },
				};
				model.script([
					{ toolCalls: [{ name: toolName('Gmail API'), arguments: args }] },
					{ answer: quoteResults },
				]);
				const result = await runAgent(CASES.proxy);
				expect(model.problems()).toEqual([]);
				expect(result.error).toBeNull();
				expect(result.status).toBe('success');

				const proxied = (await control.requests()).filter(
					(r) => r.path === '/api/v3.1/tools/execute/proxy',
				);
				expect(proxied).toHaveLength(1);
				expect(proxied[0].body).toMatchObject({
					endpoint: args.endpoint,
					method: 'GET',
					connected_account_id: ALICE_GMAIL,
				});
				expect((await control.counters()).toolExecutions.total).toBe(0);

				const [first, second] = chatRequestsOf(model);
				const offeredProxy = toolOf(first.body as ChatRequestBody, toolName('Gmail API'));
				expect(offeredProxy.description).toBe(
					'Calls the Gmail REST API as the user’s Gmail account',
				);
				expect([...(offeredProxy.parameters?.required ?? [])].sort()).toEqual([
					'endpoint',
					'query',
				]);
				const [answer] = parsedResult(second.toolResults[0]);
				expect(answer).toMatchObject({
					status: 200,
					connected_account_id: ALICE_GMAIL,
					data: {
						received: {
							url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages',
							query: { q: ['is:unread'], maxResults: ['3'] },
						},
					},
				});
				expect(agentOutput(result.nodes)).toContain(second.toolResults[0].content);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'Composio Connected Account as a tool: the model asks for the user’s Gmail accounts and gets exactly theirs',
			async () => {
				const model = scripted();
				model.script([
					{ toolCalls: [{ name: 'List_connected_accounts', arguments: { toolkit: 'gmail' } }] },
					{ answer: quoteResults },
				]);
				const result = await runAgent(CASES.accounts);
				expect(model.problems()).toEqual([]);
				expect(result.error).toBeNull();
				expect(result.status).toBe('success');

				const listed = (await control.requests()).filter(
					(r) => r.method === 'GET' && r.path === '/api/v3.1/connected_accounts',
				);
				expect(listed.length).toBeGreaterThan(0);
				for (const request of listed) {
					expect(request.query).toMatchObject({
						user_ids: ['user_alice'],
						toolkit_slugs: ['gmail'],
					});
				}
				expect((await control.counters()).toolExecutions.total).toBe(0);
				const [, second] = chatRequestsOf(model);
				const accounts = parsedResult(second.toolResults[0]);
				expect(accounts.map((a) => a.id).sort()).toEqual(
					[SEED_ACCOUNTS.aliceGmailPersonal, SEED_ACCOUNTS.aliceGmailWork].sort(),
				);
				for (const account of accounts) {
					expect(account).toMatchObject({ user_id: 'user_alice', toolkit: 'gmail' });
				}
				expect(agentOutput(result.nodes)).toContain(SEED_ACCOUNTS.aliceGmailWork);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 05 itself (only the model credential added), chatted with as in the editor: the agent calls "Gmail profile" for the stand-in user and answers with the mailbox',
			async () => {
				if (!server) throw new Error('n8n did not start');
				const model = scripted();
				model.script([
					{ toolCalls: [{ name: toolName('Gmail profile'), arguments: {} }] },
					{ answer: quoteResults },
				]);
				await freshSandbox();
				// The editor's chat sends no metadata: the tools fall back to user_alice.
				const output = await editorChat(version, server.url, rest, 'Which Gmail address is mine?');
				expect(model.problems()).toEqual([]);
				expect(output).toContain('alice.personal@example.com');
				const executed = (await control.requests()).filter((r) =>
					r.path.startsWith('/api/v3.1/tools/execute/'),
				);
				expect(executed).toHaveLength(1);
				expect(executed[0]).toMatchObject({
					path: EXECUTE_PATH('GMAIL_GET_PROFILE'),
					body: { user_id: 'user_alice', connected_account_id: ALICE_GMAIL, arguments: {} },
				});
				const [first] = chatRequestsOf(model);
				expect((first.body?.tools ?? []).map((t) => t.function.name).sort()).toEqual([
					'Gmail_profile',
					'Send_email',
				]);
			},
			TEST_TIMEOUT_MS,
		);

		it(
			'template 05 published with a public chat: a message with metadata.userId on the Chat Trigger’s production webhook runs the tools for that user',
			async () => {
				if (!server) throw new Error('n8n did not start');
				await rest.activate(PUBLIC_TEMPLATE_ID);
				const model = scripted();
				model.script([
					{ toolCalls: [{ name: toolName('Gmail profile'), arguments: {} }] },
					{ answer: quoteResults },
				]);
				await freshSandbox();
				const reply = await postPublicChat(server.url, {
					action: 'sendMessage',
					sessionId: 'public-chat-1',
					chatInput: 'Which Gmail address is mine?',
					metadata: { userId: 'user_dave' },
				});
				expect(model.problems()).toEqual([]);
				expect(reply.status).toBe(200);
				expect(String(reply.body.output)).toContain('dave@example.com');
				const executed = (await control.requests()).filter((r) =>
					r.path.startsWith('/api/v3.1/tools/execute/'),
				);
				expect(executed).toHaveLength(1);
				expect(executed[0].body).toMatchObject({
					user_id: 'user_dave',
					connected_account_id: SEED_ACCOUNTS.daveGmail,
					arguments: {},
				});
				await rest.deactivate(PUBLIC_TEMPLATE_ID);
			},
			TEST_TIMEOUT_MS,
		);
	});
});

/**
 * Sends one chat message to template 05 the way n8n's editor chat does, and resolves the agent's
 * answer. n8n 2.40.7: a manual run from the Chat Trigger with a chat session (n8n then listens on the
 * test webhook `<workflow ID>/<session ID>`, and the Chat Trigger accepts a non-public chat there),
 * then the message posted to it; the trigger answers with the agent's output ("last node"). n8n 2.8.4:
 * its Chat Trigger answers only a public chat, and its editor starts a manual run with the message as
 * the trigger's data (`triggerToStartFrom.data`, "RunData.ManualChatMessage"), then reads the run.
 */
async function editorChat(
	version: string,
	baseUrl: string,
	rest: RestClient,
	chatInput: string,
): Promise<string> {
	const sessionId = `editor-chat-${Date.now()}`;
	const message = { sessionId, action: 'sendMessage', chatInput };
	const workflowData = await rest.workflow(TEMPLATE_ID);
	if (version === '2.8.4') {
		const started = (await rest.request('POST', `/workflows/${TEMPLATE_ID}/run`, {
			workflowData,
			triggerToStartFrom: {
				name: CHAT_TRIGGER,
				data: {
					startTime: Date.now(),
					executionTime: 0,
					executionIndex: 0,
					executionStatus: 'success',
					data: { main: [[{ json: message }]] },
					source: [null],
				},
			},
		})) as { executionId?: string };
		if (!started?.executionId)
			throw new Error(`n8n did not start the chat run: ${JSON.stringify(started)}`);
		const execution = await rest.waitForExecution(String(started.executionId));
		if (execution.status !== 'success') {
			throw new Error(`the chat run ended ${execution.status}: ${JSON.stringify(execution.error)}`);
		}
		return agentOutput(execution.nodes);
	}
	await rest.request('POST', `/workflows/${TEMPLATE_ID}/run`, {
		workflowData,
		triggerToStartFrom: { name: CHAT_TRIGGER },
		chatSessionId: sessionId,
	});
	const response = await fetch(`${baseUrl}/webhook-test/${TEMPLATE_ID}/${sessionId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: rest.cookie },
		body: JSON.stringify(message),
	});
	const text = await response.text();
	if (response.status !== 200)
		throw new Error(`the chat webhook answered ${response.status}: ${text}`);
	return String((JSON.parse(text) as JsonObject).output ?? '');
}

/**
 * Posts a chat message to the published public chat (`/webhook/<webhookId>/chat`). n8n 2.40.7 publishes
 * in the background, so a 404 (webhook not registered yet) is retried for a while.
 */
async function postPublicChat(
	baseUrl: string,
	message: JsonObject,
): Promise<{ status: number; body: JsonObject }> {
	const url = `${baseUrl}/webhook/${PUBLIC_WEBHOOK_ID}/chat`;
	const answer = await pollUntil(
		async () => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(message),
			});
			const text = await response.text();
			if (response.status === 404) return undefined;
			return { status: response.status, body: text ? (JSON.parse(text) as JsonObject) : {} };
		},
		{ timeoutMs: 30000, intervalMs: 250 },
	);
	return answer;
}
