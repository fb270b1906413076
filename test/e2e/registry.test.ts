/**
 * The path a user takes, on n8n 2.40.7 in headless Chromium: the package is published to an npm
 * registry (Verdaccio 6.8.0 on loopback, started and stopped here) and installed, updated and
 * uninstalled through Settings → Community Nodes, as the owner.
 *
 * 1. 0.1.0 (the built tree) is published; the panel installs it (package name, the risk checkbox,
 *    Install); n8n's installer takes only this package from the registry (it drops the peer
 *    dependency on n8n-workflow); the five nodes appear in the node creator.
 * 2. A Composio API credential is created in the credential modal; n8n's Test passes against the sandbox.
 * 3. A workflow with Connected Account → Get Many runs from the editor's Execute button and shows the
 *    sandbox's accounts.
 * 4. 0.1.1 (the same tree, patch bump, built in a temporary copy) is published; the panel shows the
 *    update; updating keeps the workflow and the credential working.
 * 5. Uninstalling removes the nodes; the workflow shows them as not installed.
 *
 * Each step is asserted in the browser and against n8n's REST API or files, and screenshotted to
 * test/e2e/screenshots/registry-*.png (git-ignored).
 *
 * Two settings beyond pointing N8N_COMMUNITY_PACKAGES_REGISTRY at the registry:
 * - n8n 2.40.7 takes a registry other than registry.npmjs.org only with the licensed feature
 *   `feat:communityNodes:customRegistry` (an Enterprise licence). n8n's own end-to-end mode
 *   (E2E_TESTS=true) lets a test switch licensed features on (PATCH /rest/e2e/feature); that is all
 *   it is used for here. A user without that licence installs from registry.npmjs.org: the same panel,
 *   the same installer, another URL.
 * - n8n passes the registry to `npm pack` and `npm install` but not to the `npm outdated` that finds
 *   updates, which reads npm's own configuration; `npm_config_registry` (as an admin's ~/.npmrc would)
 *   points that at the same registry, and `npm_config_prefer_online` skips npm's cached package list.
 *
 * Needs `npm run build`, `npm run n8n:install`, `npm run registry:install` and Chromium.
 */
import type { Browser, Locator, Page } from 'playwright-core';

import { ComposioConnectedAccount } from '../../nodes/ComposioConnectedAccount/ComposioConnectedAccount.node';
import { sandboxControl, startSandbox } from '../../sandbox/src/index';
import type { SandboxControl } from '../../sandbox/src/index';
import { openEditorBrowser, signInAsOwner } from '../browser/editor';
import { requireChromium, screenshotPath } from '../browser/editor.helpers.cjs';
import type { N8nInstance } from './real-n8n.helpers.cjs';
import { createInstance, requireBuiltPackage, requireN8n } from './real-n8n.helpers.cjs';
import type { LocalRegistry } from './registry.helpers.cjs';
import {
	buildVersionCopy,
	cleanupTemp,
	installedPackages,
	nodesPackageJson,
	requireTool,
	startRegistry,
} from './registry.helpers.cjs';
import type { RestClient, RunningN8n } from './templates.helpers.cjs';
import { restClient, startServer } from './templates.helpers.cjs';

const VERSION = '2.40.7';
const PACKAGE = 'n8n-nodes-composio';
const UPDATE = '0.1.1';
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';
const NODE_NAMES = [
	'Composio Account Status Trigger',
	'Composio Connected Account',
	'Composio Execute Tool',
	'Composio Proxy Request',
	'Composio Webhook Trigger',
];
/** The same nodes as the node creator lists them: n8n drops a trigger's " Trigger" suffix there. */
const CREATOR_NAMES = [
	'Composio Account Status',
	'Composio Connected Account',
	'Composio Execute Tool',
	'Composio Proxy Request',
	'Composio Webhook',
];
const RELEASE = { env: { RELEASE_MODE: 'true' }, args: ['--provenance=false'] };

const SETUP_TIMEOUT_MS = 6 * 60 * 1000;
const TEST_TIMEOUT_MS = 4 * 60 * 1000;

/** The Connected Account node's default operation, as the node describes it. */
function defaultOperation(): unknown {
	const { properties } = new ComposioConnectedAccount().description;
	return properties.find((property) => property.name === 'operation')?.default;
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	updateAvailable?: string;
	installedNodes: Array<{ name: string; type: string }>;
}

describe(`n8n ${VERSION}'s Community Nodes panel with a local npm registry`, () => {
	let sandbox: Sandbox | undefined;
	let control: SandboxControl;
	let registry: LocalRegistry | undefined;
	let n8n: N8nInstance | undefined;
	let server: RunningN8n | undefined;
	let rest: RestClient;
	let browser: Browser | undefined;
	let page: Page;
	let url = '';
	let firstVersion = '';
	let workflowId = '';
	let accountCount = 0;

	beforeAll(async () => {
		const executablePath = requireChromium();
		const runtime = requireN8n(VERSION);
		firstVersion = requireBuiltPackage().version;
		requireTool('verdaccio');
		sandbox = await startSandbox({ port: 0 });
		control = sandboxControl(sandbox.url);
		registry = await startRegistry();
		await registry.publish(requireBuiltPackage().dir, RELEASE);
		// a user folder with no community package in it (createInstance installs nothing by itself)
		n8n = await createInstance(runtime);
		server = await startServer(runtime, {
			userFolder: n8n.userFolder,
			env: {
				E2E_TESTS: 'true',
				N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url,
				npm_config_registry: registry.url,
				npm_config_prefer_online: 'true',
			},
		});
		url = server.url;
		rest = restClient(url, runtime);
		expect(await rest.ensureOwner()).toBe('created');
		await rest.request('PATCH', '/e2e/feature', {
			feature: CUSTOM_REGISTRY_FEATURE,
			enabled: true,
		});
		({ browser, page } = await openEditorBrowser(executablePath, { timeoutMs: 60000 }));
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		n8n?.cleanup();
		await registry?.stop();
		await sandbox?.close();
		cleanupTemp();
	}, 60000);

	// the page as each test left it, for a failing step (numbered in test order)
	let testNumber = 0;
	afterEach(async () => {
		testNumber += 1;
		await page
			?.screenshot({ path: screenshotPath(`registry-after-test-${testNumber}`) })
			.catch(() => undefined);
	});

	async function shot(name: string): Promise<void> {
		await page.screenshot({ path: screenshotPath(`registry-${name}`) });
	}

	async function installed(): Promise<InstalledPackage[]> {
		return (await rest.request('GET', '/community-packages')) as InstalledPackage[];
	}

	function packageCard(): Locator {
		return page.getByTestId('community-package-card').filter({ hasText: PACKAGE });
	}

	async function openCommunityNodes(): Promise<void> {
		await page.goto(`${url}/settings/community-nodes`);
		// the package's card, or the empty state's install button
		await page
			.getByTestId('community-package-card')
			.or(page.getByRole('button', { name: 'Install a community node' }))
			.first()
			.waitFor();
	}

	/** Opens the node creator with `opener` (a "+" on the canvas) and searches for `text`. */
	async function searchNodeCreator(text: string, opener: Locator): Promise<Locator> {
		await opener.click();
		const search = page.getByTestId('node-creator-search-bar');
		await search.fill(text);
		return page.getByTestId('node-creator');
	}

	function creatorItem(creator: Locator, name: string): Locator {
		return creator.getByTestId('node-creator-item-name').filter({ hasText: name }).first();
	}

	async function nodeCreatorNames(creator: Locator): Promise<string[]> {
		const names = await creator.getByTestId('node-creator-item-name').allInnerTexts();
		return [...new Set(names.map((name) => name.trim()))].sort();
	}

	/** Runs the open workflow with the editor's Execute button; resolves the new execution. */
	async function executeFromEditor(): Promise<Awaited<ReturnType<RestClient['execution']>>> {
		const known = (await rest.executions(workflowId)).map((execution) => String(execution.id));
		await page.getByTestId('execute-workflow-button').click();
		return await rest.waitForNewExecution(workflowId, known, { timeoutMs: 120000 });
	}

	it(
		'signs in as the owner',
		async () => {
			await signInAsOwner(page, url);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		`Settings → Community Nodes → Install: ${PACKAGE} comes from the local registry`,
		async () => {
			await openCommunityNodes();
			expect(await installed()).toEqual([]);
			await shot('01-community-nodes-empty');
			await page.getByRole('button', { name: 'Install a community node' }).click();
			await page.locator('input[name="packageNameInput"]').fill(PACKAGE);
			await page.getByText('I understand the risks of installing unverified code').click();
			await shot('02-install-modal');
			await page.getByTestId('install-community-package-button').click();
			await packageCard().waitFor();
			await page.getByText('Package installed').first().waitFor();
			const card = await packageCard().innerText();
			expect(card).toContain(`v${firstVersion}`);
			expect(card).toContain(`${NODE_NAMES.length} nodes`);
			await shot('03-installed');

			const [entry, ...others] = await installed();
			expect(others).toEqual([]);
			expect(entry.packageName).toBe(PACKAGE);
			expect(entry.installedVersion).toBe(firstVersion);
			expect(entry.installedNodes.map((node) => node.name).sort()).toEqual(NODE_NAMES);
			// what npm put in the user folder: this package alone — the peer n8n-workflow is n8n's own
			expect(installedPackages(n8n!.userFolder)).toEqual({ [PACKAGE]: firstVersion });
			expect(nodesPackageJson(n8n!.userFolder).dependencies).toEqual({ [PACKAGE]: firstVersion });
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the five nodes appear in the node creator',
		async () => {
			await page.goto(`${url}/workflow/new`);
			const creator = await searchNodeCreator('Composio', page.getByTestId('canvas-plus-button'));
			await creatorItem(creator, 'Composio Connected Account').waitFor();
			await creator
				.getByTestId('node-creator-item-name')
				.nth(NODE_NAMES.length - 1)
				.waitFor();
			expect(await nodeCreatorNames(creator)).toEqual(CREATOR_NAMES);
			await shot('04-node-creator');
			// the panel alone, above its empty lower half and inside n8n's red end-to-end-mode frame:
			// the picture in the README (docs/images/node-creator.png)
			const box = await creator.boundingBox();
			if (box) {
				await page.screenshot({
					path: screenshotPath('registry-04-node-creator-panel'),
					clip: {
						x: box.x + 4,
						y: box.y,
						width: box.width - 12,
						height: Math.min(box.height, 560),
					},
				});
			}
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'Connected Account → Get Many from the node creator, with a Composio API credential created in the modal; its Test passes against the sandbox',
		async () => {
			const creator = page.getByTestId('node-creator');
			await creatorItem(creator, 'Composio Connected Account').click();
			await creator.getByText('Get many connected accounts').first().click();
			const ndv = page.getByTestId('ndv');
			await ndv.getByTestId('node-parameters').waitFor();
			await control.clearRequests();
			// n8n opens the credential modal by itself for a node whose credential type has none yet;
			// otherwise the credential field's "Create new credential"
			const modal = page.getByTestId('credential-edit-dialog');
			const opened = await modal
				.waitFor({ timeout: 5000 })
				.then(() => true)
				.catch(() => false);
			if (!opened) {
				// n8n 2.40: a "Connect to Composio" button while no credential of the type exists
				await ndv
					.getByRole('button', { name: 'Connect to Composio' })
					.or(ndv.getByTestId('node-credentials-select'))
					.first()
					.click();
				const created = await modal
					.waitFor({ timeout: 5000 })
					.then(() => true)
					.catch(() => false);
				if (!created) {
					await page.getByTestId('node-credentials-select-item-new').click();
					await modal.waitFor();
				}
			}
			await modal.getByTestId('parameter-input-apiKey').locator('input').fill(sandbox!.apiKey);
			await modal.getByTestId('parameter-input-baseUrl').locator('input').fill(sandbox!.url);
			await shot('06-credential-modal');
			// the modal's header (Save) and its status banner are outside the dialog's test-id element
			await page.getByTestId('credential-save-button').click();
			// n8n saves, tests the credential and closes the modal; the node now uses the credential
			await modal.waitFor({ state: 'hidden' });
			const tests = (await control.requests()).filter((request) =>
				request.path.startsWith('/api/'),
			);
			expect(tests.length).toBeGreaterThan(0);
			expect(tests.every((request) => request.status === 200)).toBe(true);
			expect(tests[0].credentialHeaders).toContain('x-api-key');
			// reopened, the modal shows n8n's Test result
			await ndv.getByTestId('credential-edit-button').click();
			await modal.waitFor();
			await page.getByTestId('credentials-config-container-test-success').waitFor();
			await shot('07-credential-tested');
			await page.keyboard.press('Escape');
			await modal.waitFor({ state: 'hidden' });

			const credentials = (await rest.request('GET', '/credentials')) as Array<{ type: string }>;
			expect(credentials.map((credential) => credential.type)).toEqual(['composioApi']);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'the workflow runs from the editor and shows the sandbox’s accounts',
		async () => {
			// the Escape that closed the credential modal may have closed the node's panel as well
			if (await page.getByTestId('ndv').isVisible())
				await page.getByTestId('ndv-close-button').click();
			await page.keyboard.press('Control+s');
			await page.waitForURL(
				(target) => /\/workflow\/[^/]+$/.test(target.pathname) && !target.pathname.endsWith('/new'),
			);
			workflowId = new URL(page.url()).pathname.split('/').pop() as string;
			const workflow = await rest.workflow(workflowId);
			const composio = (
				workflow.nodes as Array<{ name: string; type: string; parameters: Record<string, unknown> }>
			).filter((node) => node.type.startsWith(`${PACKAGE}.`));
			// n8n saves only parameters that differ from their defaults
			expect(
				composio.map((node) => [node.type, node.parameters.operation ?? defaultOperation()]),
			).toEqual([[`${PACKAGE}.composioConnectedAccount`, 'getAll']]);
			expect(workflow.nodes).toHaveLength(2); // and the Manual Trigger n8n put before it
			const execution = await executeFromEditor();
			expect(execution.status).toBe('success');
			const accounts = execution.nodes[composio[0].name];
			accountCount = accounts.length;
			// the sandbox's accounts as its API lists them (fewer than the node's default limit of 50)
			const listed = await fetch(`${sandbox!.url}/api/v3.1/connected_accounts?limit=100`, {
				headers: { 'x-api-key': sandbox!.apiKey },
			});
			const { items } = (await listed.json()) as { items: Array<{ id: string }> };
			expect(items.length).toBeGreaterThan(0);
			expect(accounts.map((account) => account.id).sort()).toEqual(
				items.map((item) => item.id).sort(),
			);
			await page.getByTestId('canvas-node').filter({ hasText: composio[0].name }).dblclick();
			const output = page.getByTestId('ndv');
			await output.getByText(`${accountCount} items`).first().waitFor();
			await shot('08-get-many-output');
			await page.getByTestId('ndv-close-button').click();
		},
		TEST_TIMEOUT_MS,
	);

	it(
		`${UPDATE} is published; the panel shows the update`,
		async () => {
			const copy = buildVersionCopy(UPDATE);
			await registry!.publish(copy, RELEASE);
			expect(Object.keys((await registry!.packument(PACKAGE)).versions).sort()).toEqual([
				firstVersion,
				UPDATE,
			]);
			await openCommunityNodes();
			await packageCard().getByText('Update', { exact: false }).first().waitFor();
			await shot('09-update-available');
			const [entry] = await installed();
			expect(entry.installedVersion).toBe(firstVersion);
			expect(entry.updateAvailable).toBe(UPDATE);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'updating keeps the workflow and the credential working',
		async () => {
			await packageCard()
				.getByRole('button', { name: /Update/ })
				.first()
				.click();
			await page.getByRole('button', { name: 'Confirm update' }).click();
			await page.getByText('Package updated').first().waitFor();
			await packageCard().getByText(`v${UPDATE}`).waitFor();
			await shot('10-updated');
			const [entry] = await installed();
			expect(entry.installedVersion).toBe(UPDATE);
			expect(entry.updateAvailable).toBeUndefined();
			expect(installedPackages(n8n!.userFolder)).toEqual({ [PACKAGE]: UPDATE });

			await page.goto(`${url}/workflow/${workflowId}`);
			await page.getByTestId('canvas-node').first().waitFor();
			const execution = await executeFromEditor();
			expect(execution.status).toBe('success');
			const [name] = Object.keys(execution.nodes).filter(
				(node) => node !== 'When clicking ‘Execute workflow’',
			);
			expect(execution.nodes[name]).toHaveLength(accountCount);
			await shot('11-workflow-after-update');
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'uninstalling removes the nodes, and the workflow shows them as not installed',
		async () => {
			await openCommunityNodes();
			await packageCard().getByTestId('action-toggle').click();
			await page.getByText('Uninstall package').last().click();
			await page.getByRole('button', { name: 'Confirm uninstall' }).click();
			await page.getByText('Package uninstalled').first().waitFor();
			await packageCard().waitFor({ state: 'detached' });
			await shot('12-uninstalled');
			expect(await installed()).toEqual([]);
			expect(installedPackages(n8n!.userFolder)).toEqual({});

			await page.goto(`${url}/workflow/${workflowId}`);
			await page.getByTestId('canvas-node').first().waitFor();
			await page.getByTestId('node-not-installed').first().waitFor();
			await shot('13-workflow-nodes-missing');
			await page.goto(`${url}/workflow/new`);
			const creator = await searchNodeCreator('Composio', page.getByTestId('canvas-plus-button'));
			await creator.getByTestId('node-creator-no-results').waitFor();
			expect(await nodeCreatorNames(creator)).toEqual([]);
			await shot('14-node-creator-without-composio');
		},
		TEST_TIMEOUT_MS,
	);
});
