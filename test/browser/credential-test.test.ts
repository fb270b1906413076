/**
 * The Composio API credential modal in the n8n 2.40.7 editor (headless Chromium): a credential whose
 * Base URL points at a port where nothing listens shows the worded message of the nodes' credential
 * test ("Could not reach Composio at … (ECONNREFUSED): nothing accepts connections …"), not a bare
 * "ECONNREFUSED". Screenshot: test/e2e/screenshots/credential-test-econnrefused.png.
 *
 * Needs `npm run build`, `npm run n8n:install` and Chromium (`node scripts/browser/ensure-chromium.mjs`).
 */
import type { Browser, Page } from 'playwright-core';

import type { N8nInstance } from '../e2e/real-n8n.helpers.cjs';
import { createInstance, requireBuiltPackage, requireN8n } from '../e2e/real-n8n.helpers.cjs';
import type { RunningN8n } from '../e2e/templates.helpers.cjs';
import {
	CREDENTIAL,
	composioCredential,
	restClient,
	startServer,
} from '../e2e/templates.helpers.cjs';
import { closedUrl as closedPort } from '../harness/credentialTest';
import { openEditorBrowser, signInAsOwner } from './editor';
import { requireChromium, screenshotPath } from './editor.helpers.cjs';

const VERSION = '2.40.7';
const SETUP_TIMEOUT_MS = 15 * 60 * 1000;
const TEST_TIMEOUT_MS = 3 * 60 * 1000;

describe(`the credential modal in the n8n ${VERSION} editor`, () => {
	let n8n: N8nInstance | undefined;
	let server: RunningN8n | undefined;
	let browser: Browser | undefined;
	let page: Page;
	let closedUrl = '';

	beforeAll(async () => {
		const executablePath = requireChromium();
		const runtime = requireN8n(VERSION);
		const pkg = requireBuiltPackage();
		closedUrl = await closedPort();
		// The first CLI command creates n8n's database (hundreds of migrations): minutes on a busy machine.
		n8n = await createInstance(runtime, { timeoutMs: 10 * 60 * 1000 });
		n8n.installPackage(pkg.dir);
		await n8n.importCredentials([
			composioCredential({ apiKey: 'ak_dummy_browser_check', baseUrl: closedUrl }),
		]);
		server = await startServer(runtime, { userFolder: n8n.userFolder });
		expect(await restClient(server.url, runtime).ensureOwner()).toBe('created');
		({ browser, page } = await openEditorBrowser(executablePath, { timeoutMs: 60000 }));
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		n8n?.cleanup();
	}, 60000);

	it(
		'shows the worded connection failure, not a bare code',
		async () => {
			await signInAsOwner(page, server!.url);
			await page.goto(`${server!.url}/home/credentials`);
			await page.getByTestId('resources-list-item').filter({ hasText: CREDENTIAL.name }).click();
			const dialog = page.getByTestId('credential-edit-dialog');
			await dialog.waitFor();
			// Opening a saved credential runs its Test; the banner keeps the message behind "More details".
			await dialog.getByText('Couldn’t connect with these settings').waitFor();
			await dialog.getByText('More details').click();
			const message = page.getByText(`Could not reach Composio at ${closedUrl} (ECONNREFUSED)`);
			try {
				await message.first().waitFor();
			} finally {
				await page.screenshot({ path: screenshotPath('credential-test-econnrefused') });
			}
			const text = await page.locator('body').innerText();
			expect(text).toContain('nothing accepts connections at that host and port');
			expect(text).toContain('Check the Base URL in the Composio API credential');
		},
		TEST_TIMEOUT_MS,
	);
});
