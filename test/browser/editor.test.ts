/**
 * The n8n editor in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
 * against n8n 2.40.7 with the built package installed as a community package, the Composio
 * credential imported with `n8n import:credentials` and pointing at a local sandbox, and the
 * templates from examples/ imported with `n8n import:workflow`.
 *
 * It signs in as the owner, finds the credential and the templates, opens every template and a
 * workflow with one of each of the package's nodes, opens each node's panel, checks that the
 * Connected Account operations render and that "From List" resource locators load accounts, tools and
 * the tool's arguments from the sandbox. Screenshots go to test/e2e/screenshots/ (git-ignored).
 *
 * One n8n version: 2.40.7, the newest that installs here and the one `npm start` runs (the editor a
 * user gets today); 2.8.4's runtime behaviour is covered by the CLI end-to-end tests.
 *
 * Needs `npm run build`, `npm run n8n:install` and Chromium (`node scripts/browser/ensure-chromium.mjs`).
 */
import type { Browser, Locator, Page } from 'playwright-core';

import { ComposioConnectedAccount } from '../../nodes/ComposioConnectedAccount/ComposioConnectedAccount.node';
import { sandboxControl, startSandbox } from '../../sandbox/src/index';
import type { SandboxControl } from '../../sandbox/src/index';
import type { JsonObject, N8nInstance, WorkflowInput } from '../e2e/real-n8n.helpers.cjs';
import { createInstance, requireBuiltPackage, requireN8n } from '../e2e/real-n8n.helpers.cjs';
import type { RunningN8n } from '../e2e/templates.helpers.cjs';
import {
	CREDENTIAL,
	composioCredential,
	configureTemplate,
	declaredNodeTypes,
	loadTemplates,
	restClient,
	startServer,
	templateId,
} from '../e2e/templates.helpers.cjs';
import { openEditorBrowser, signInAsOwner } from './editor';
import { requireChromium, screenshotPath } from './editor.helpers.cjs';

const VERSION = '2.40.7';
const PACKAGE = 'n8n-nodes-composio';
const CONNECTED_ACCOUNT = `${PACKAGE}.composioConnectedAccount`;
const EXECUTE_TOOL = `${PACKAGE}.composioExecuteTool`;
const CHECK_WORKFLOW_ID = 'composioUiCheck1';
const ARGUMENTS_WORKFLOW_ID = 'composioUiArgs01';
/** GMAIL_SEND_EMAIL's optional list arguments (JSON-schema arrays) in the sandbox catalogue. */
const OPTIONAL_LISTS = ['cc', 'bcc', 'extra_recipients'];

const SETUP_TIMEOUT_MS = 5 * 60 * 1000;
const TEST_TIMEOUT_MS = 2 * 60 * 1000;

const declared = declaredNodeTypes();
const templates = loadTemplates();

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Canvas node names of the check workflow, per node type ("composioTrigger" → "Composio Trigger"). */
function checkNodeName(type: string): string {
	if (type === CONNECTED_ACCOUNT) return 'Connected Account';
	if (type === EXECUTE_TOOL) return 'Execute Tool';
	const name = type.slice(PACKAGE.length + 1).replace(/([a-z])([A-Z])/g, '$1 $2');
	return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A workflow with one node of every type the package declares, each with the credential. */
function checkWorkflow(): WorkflowInput {
	const nodes: JsonObject[] = [
		{
			id: 'c1d2e3f4-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: JsonObject = {};
	declared.forEach((type, index) => {
		let parameters: JsonObject = {};
		if (type === CONNECTED_ACCOUNT) {
			parameters = {
				resource: 'connectedAccount',
				operation: 'get',
				connectedAccount: { __rl: true, mode: 'list', value: '' },
			};
		} else if (type === EXECUTE_TOOL) {
			parameters = {
				tool: {
					__rl: true,
					mode: 'list',
					value: 'GMAIL_SEND_EMAIL',
					cachedResultName: 'GMAIL_SEND_EMAIL · Send email',
				},
				userId: 'user_alice',
				accountSelection: 'specific',
				connectedAccount: { __rl: true, mode: 'list', value: '' },
			};
		}
		const name = checkNodeName(type);
		nodes.push({
			id: `c1d2e3f4-0000-4000-8000-00000000010${index}`,
			name,
			type,
			typeVersion: 1,
			position: [260, index * 200],
			parameters,
			credentials: { composioApi: CREDENTIAL },
		});
		if (type === CONNECTED_ACCOUNT || type === EXECUTE_TOOL) {
			const start = (connections.Start as JsonObject | undefined) ?? { main: [[]] };
			((start.main as JsonObject[][])[0] as JsonObject[]).push({
				node: name,
				type: 'main',
				index: 0,
			});
			connections.Start = start;
		}
	});
	return { id: CHECK_WORKFLOW_ID, name: 'Browser check: every Composio node', nodes, connections };
}

/**
 * A workflow with one Execute Tool node for GMAIL_SEND_EMAIL as a user leaves it after choosing the
 * tool: no arguments typed yet. Gmail's send tool has optional list arguments (cc, bcc,
 * extra_recipients) and an argument of its own called "User ID" (user_id).
 */
function argumentsWorkflow(): WorkflowInput {
	return {
		id: ARGUMENTS_WORKFLOW_ID,
		name: 'Browser check: Execute Tool arguments',
		nodes: [
			{
				id: 'c1d2e3f4-0000-4000-8000-000000000201',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c1d2e3f4-0000-4000-8000-000000000202',
				name: 'Send Email',
				type: EXECUTE_TOOL,
				typeVersion: 1,
				position: [272, 0],
				parameters: {
					tool: {
						__rl: true,
						mode: 'list',
						value: 'GMAIL_SEND_EMAIL',
						cachedResultName: 'GMAIL_SEND_EMAIL · Send email',
					},
					userId: 'user_alice',
				},
				credentials: { composioApi: CREDENTIAL },
			},
		],
		connections: { Start: { main: [[{ node: 'Send Email', type: 'main', index: 0 }]] } },
	};
}

/** The option names of the Connected Account node's Operation parameter, as the node describes them. */
function describedOperations(): string[] {
	const description = new ComposioConnectedAccount().description;
	const operation = description.properties.find((property) => property.name === 'operation');
	return ((operation?.options ?? []) as Array<{ name: string }>).map((option) => option.name);
}

describe(`the n8n ${VERSION} editor in Chromium`, () => {
	let sandbox: Sandbox | undefined;
	let control: SandboxControl;
	let n8n: N8nInstance | undefined;
	let server: RunningN8n | undefined;
	let browser: Browser | undefined;
	let page: Page;
	let editorUrl = '';
	let rest: ReturnType<typeof restClient>;

	beforeAll(async () => {
		const executablePath = requireChromium();
		const runtime = requireN8n(VERSION);
		const pkg = requireBuiltPackage();
		sandbox = await startSandbox({ port: 0 });
		control = sandboxControl(sandbox.url);
		n8n = await createInstance(runtime);
		n8n.installPackage(pkg.dir);
		await n8n.importCredentials([
			composioCredential({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
		]);
		await n8n.importWorkflows([
			...templates.map((template) => configureTemplate(template)),
			checkWorkflow(),
			argumentsWorkflow(),
		]);
		server = await startServer(runtime, { userFolder: n8n.userFolder });
		editorUrl = server.url;
		// The owner account, as the setup screen would create it; the imported credential and
		// workflows belong to the owner's personal project.
		rest = restClient(server.url, runtime);
		expect(await rest.ensureOwner()).toBe('created');
		({ browser, page } = await openEditorBrowser(executablePath, { timeoutMs: 30000 }));
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		n8n?.cleanup();
		await sandbox?.close();
	}, 60000);

	async function shot(name: string): Promise<void> {
		await page.screenshot({ path: screenshotPath(`editor-${name}`) });
	}

	async function openWorkflow(id: string): Promise<void> {
		await page.goto(`${editorUrl}/workflow/${id}`);
		await page.getByTestId('canvas-node').first().waitFor();
	}

	function canvasNode(name: string): Locator {
		return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** Any canvas element of a node (sticky notes are not "canvas-node"s). */
	function onCanvas(name: string): Locator {
		return page.locator(`[data-node-name="${name}"]`).first();
	}

	/** Opens a node's panel (NDV) by double-clicking it on the canvas. */
	async function openNode(name: string): Promise<Locator> {
		await canvasNode(name).dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.getByTestId('node-parameters').waitFor();
		return ndv;
	}

	async function closeNode(): Promise<void> {
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	/** Opens a resource locator's list ("From List") and waits until it shows `count` items or more. */
	async function openList(parameter: string, atLeast = 1): Promise<string[]> {
		const locator = page.getByTestId(`resource-locator-${parameter}`);
		await locator.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item');
		await items.nth(atLeast - 1).waitFor();
		return (await items.allInnerTexts()).map((text) => text.trim());
	}

	it(
		'signs in as the owner',
		async () => {
			await signInAsOwner(page, editorUrl, async () => await shot('01-sign-in'));
			expect(new URL(page.url()).pathname).toBe('/home/workflows');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'lists the imported templates in Overview',
		async () => {
			for (const { workflow } of templates) {
				await page.getByText(workflow.name, { exact: true }).first().waitFor();
			}
			await shot('02-overview-workflows');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'shows the credential imported with n8n import:credentials, in the owner’s personal project',
		async () => {
			await page.goto(`${editorUrl}/home/credentials`);
			const card = page.getByTestId('resources-list-item').filter({ hasText: CREDENTIAL.name });
			await card.waitFor();
			expect(await card.innerText()).toContain('Composio API');
			expect(await card.innerText()).toContain('Personal');
			await shot('03-credentials');
		},
		TEST_TIMEOUT_MS,
	);

	it.each(templates.map((t) => [t.number, t] as const))(
		'opens template %i with every node on the canvas',
		async (number, template) => {
			await openWorkflow(templateId(number));
			for (const node of template.workflow.nodes) {
				await onCanvas(String(node.name)).waitFor();
			}
			const composio = template.workflow.nodes.filter((node) =>
				String(node.type).startsWith(`${PACKAGE}.`),
			);
			for (const node of composio) {
				expect(await canvasNode(String(node.name)).getAttribute('data-node-type')).toBe(node.type);
			}
			await shot(`04-template-${number}`);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'opens a workflow with every node of the package',
		async () => {
			await openWorkflow(CHECK_WORKFLOW_ID);
			for (const type of declared) {
				expect(await canvasNode(checkNodeName(type)).getAttribute('data-node-type')).toBe(type);
			}
			await shot('05-every-node');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'Connected Account: the node panel lists every operation',
		async () => {
			await openWorkflow(CHECK_WORKFLOW_ID);
			const ndv = await openNode('Connected Account');
			await ndv.getByTestId('parameter-input-operation').click();
			const options = page.locator('.el-select-dropdown__item:visible');
			await options.first().waitFor();
			const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
			// n8n adds "Custom API Call" to nodes with a credential (it opens an HTTP Request node).
			expect(names.filter((name) => name !== 'Custom API Call')).toEqual(describedOperations());
			expect(names).toEqual(expect.arrayContaining(['Get Many', 'Disable', 'Wait for Connection']));
			await page.waitForTimeout(500); // let the dropdown finish fading in for the screenshot
			await shot('06-connected-account-operations');
			await page.keyboard.press('Escape');
			await closeNode();
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'Connected Account: "From List" loads the accounts from the sandbox, and searches them',
		async () => {
			await openWorkflow(CHECK_WORKFLOW_ID);
			await openNode('Connected Account');
			await control.clearRequests();
			const items = await openList('connectedAccount', 17);
			// every visible seed account (17; one more is soft-deleted), newest first
			expect(items).toHaveLength(17);
			expect(items).toContain('gmail · work · ACTIVE · user_alice · created 2026-03-02');
			expect(
				items.filter((text) => / · EXPIRED · user_bob · created 2026-03-12$/.test(text)),
			).toHaveLength(1);
			const requests = (await control.requests()).filter((r) => r.path.startsWith('/api/'));
			expect(requests.length).toBeGreaterThan(0);
			expect(requests[0]).toMatchObject({
				method: 'GET',
				path: '/api/v3.1/connected_accounts',
				status: 200,
			});
			expect(requests[0].credentialHeaders).toContain('x-api-key');
			await shot('07-connected-account-from-list');

			await page.getByTestId('rlc-search').fill('user_bob');
			const bob = page.getByTestId('rlc-item');
			// bob has 5 visible accounts: the list narrows from 17 to exactly those
			await bob.nth(5).waitFor({ state: 'detached' });
			await bob.nth(4).waitFor();
			const bobItems = (await bob.allInnerTexts()).map((text) => text.trim());
			expect(bobItems.every((text) => text.includes('· user_bob'))).toBe(true);
			await bob.filter({ hasText: 'slack · acme · ACTIVE' }).click();
			const value = await page
				.getByTestId('resource-locator-connectedAccount')
				.getByTestId('rlc-input')
				.inputValue();
			expect(value).toContain('slack · acme · ACTIVE · user_bob');
			await shot('08-connected-account-picked');
			await closeNode();
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'Execute Tool: tools, the user’s accounts and the tool’s arguments load from the sandbox',
		async () => {
			if (!declared.includes(EXECUTE_TOOL)) return;
			await openWorkflow(CHECK_WORKFLOW_ID);
			const ndv = await openNode('Execute Tool');
			// The tool's arguments: a resource mapper over GMAIL_SEND_EMAIL's input schema.
			const mapper = ndv.getByTestId('resource-mapper-container');
			await mapper.getByText('Recipient Email', { exact: true }).waitFor();
			for (const field of ['Body', 'Subject']) {
				await mapper.getByText(field, { exact: true }).waitFor();
			}
			// optional arguments can be removed, required ones (recipient_email, body) cannot
			await mapper.getByTestId('remove-field-button-subject').waitFor();
			expect(await mapper.getByTestId('remove-field-button-recipient_email').count()).toBe(0);
			await shot('09-execute-tool-arguments');

			const tools = await openList('tool', 9);
			expect(tools).toEqual(
				expect.arrayContaining([
					'GMAIL_SEND_EMAIL · Send email',
					'GMAIL_GET_PROFILE · Get Gmail profile',
					'TAVILY_SEARCH · Tavily search',
				]),
			);
			await shot('10-execute-tool-tools');
			await page.keyboard.press('Escape');

			const accounts = await openList('connectedAccount', 2);
			expect(accounts).toEqual(
				expect.arrayContaining([
					expect.stringContaining('gmail · work · ACTIVE · user_alice'),
					expect.stringContaining('gmail · personal · ACTIVE · user_alice'),
				]),
			);
			expect(accounts.every((text) => text.includes('user_alice'))).toBe(true);
			await shot('11-execute-tool-accounts');
			await page.keyboard.press('Escape');
			await closeNode();
		},
		TEST_TIMEOUT_MS,
	);

	/** The stored workflow, as n8n's REST API returns it (for versionId and node parameters). */
	async function storedWorkflow(id: string): Promise<JsonObject> {
		return (await rest.workflow(id)) as JsonObject;
	}

	/** Waits until n8n has no unsaved change or autosave in flight (the stored version settles). */
	async function settledVersion(id: string): Promise<string> {
		let last = String((await storedWorkflow(id)).versionId);
		for (let stable = 0; stable < 3; ) {
			await page.waitForTimeout(1000);
			const now = String((await storedWorkflow(id)).versionId);
			stable = now === last ? stable + 1 : 0;
			last = now;
		}
		return last;
	}

	it(
		'Execute Tool: untouched optional list arguments look untouched, and the node’s own user field is unmistakable',
		async () => {
			if (!declared.includes(EXECUTE_TOOL)) return;
			await openWorkflow(ARGUMENTS_WORKFLOW_ID);
			const ndv = await openNode('Send Email');
			const mapper = ndv.getByTestId('resource-mapper-container');
			await mapper.getByText('Extra Recipients', { exact: true }).waitFor();
			// every argument of the tool is listed, the optional lists among them
			for (const name of OPTIONAL_LISTS) {
				await mapper.getByTestId(`remove-field-button-${name}`).waitFor();
			}
			await page.waitForTimeout(1500); // let editors mount and lint, as a user would see them
			await mapper.getByText('Extra Recipients', { exact: true }).scrollIntoViewIfNeeded();
			await shot('13-execute-tool-optional-lists');
			// No JSON editor linting an empty field: no error markers, no parse message.
			expect(await mapper.locator('.cm-lint-marker-error, .cm-lintRange-error').count()).toBe(0);
			expect(await ndv.innerText()).not.toContain('Unexpected end of JSON input');

			// The node's user field vs the tool's own "User Id" argument (Gmail's user_id).
			const userField = ndv.getByTestId('parameter-item').filter({ hasText: 'Composio User ID' });
			await userField.scrollIntoViewIfNeeded();
			expect(await userField.innerText()).toContain('Not a tool argument');
			await mapper.getByText('User Id', { exact: true }).waitFor();
			expect(await ndv.getByText('Tool Arguments (sent to the tool)').count()).toBe(1);
			await shot('14-execute-tool-user-fields');
			await closeNode();
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'Execute Tool: opening the panel again changes nothing in the saved workflow',
		async () => {
			if (!declared.includes(EXECUTE_TOOL)) return;
			// The first opening above stored the argument schema (n8n's resource mapper keeps it in the
			// node's parameters and autosaves it: unavoidable for any resource-mapper node).
			await openWorkflow(ARGUMENTS_WORKFLOW_ID);
			const version = await settledVersion(ARGUMENTS_WORKFLOW_ID);
			const before = await storedWorkflow(ARGUMENTS_WORKFLOW_ID);
			const stored = (before.nodes as JsonObject[]).find((n) => n.name === 'Send Email');
			const args = (stored?.parameters as JsonObject).arguments as JsonObject;
			expect((args.schema as JsonObject[]).map((f) => `${String(f.id)}:${String(f.type)}`)).toEqual(
				[
					'recipient_email:string',
					'body:string',
					'subject:string',
					'cc:string',
					'bcc:string',
					'is_html:boolean',
					'extra_recipients:string',
					'user_id:string',
				],
			);

			for (let round = 0; round < 2; round++) {
				await openWorkflow(ARGUMENTS_WORKFLOW_ID);
				const ndv = await openNode('Send Email');
				await ndv
					.getByTestId('resource-mapper-container')
					.getByText('Extra Recipients', { exact: true })
					.waitFor();
				await page.waitForTimeout(1500);
				await closeNode();
				expect(await settledVersion(ARGUMENTS_WORKFLOW_ID)).toBe(version);
			}
			const after = await storedWorkflow(ARGUMENTS_WORKFLOW_ID);
			expect(after.nodes).toEqual(before.nodes);
			expect(after.updatedAt).toBe(before.updatedAt);
			await shot('15-execute-tool-reopened');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'every other node of the package (the triggers) opens its panel with its parameters',
		async () => {
			const others = declared.filter((type) => type !== CONNECTED_ACCOUNT && type !== EXECUTE_TOOL);
			for (const type of others) {
				const name = checkNodeName(type);
				await openWorkflow(CHECK_WORKFLOW_ID);
				const ndv = await openNode(name);
				expect({ name, parameters: await ndv.getByTestId('parameter-item').count() }).toEqual({
					name,
					parameters: expect.any(Number),
				});
				expect(await ndv.getByTestId('parameter-item').count()).toBeGreaterThan(0);
				await shot(`12-${name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`);
				await closeNode();
			}
		},
		TEST_TIMEOUT_MS,
	);
});
