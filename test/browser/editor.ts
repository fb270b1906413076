/**
 * The n8n editor in headless Chromium, for the browser checks (test/browser) and the registry
 * install test (test/e2e/registry.test.ts): a browser and page set up alike, and the owner's sign-in.
 */
import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import { OWNER } from '../e2e/templates.helpers.cjs';
import { CHROMIUM_ARGS } from './editor.helpers.cjs';

/** Chromium at `executablePath` with one desktop-sized page; n8n's test ids are `data-test-id`. */
export async function openEditorBrowser(
	executablePath: string,
	{ timeoutMs }: { timeoutMs: number },
): Promise<{ browser: Browser; page: Page }> {
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(timeoutMs);
	return { browser, page };
}

/** Signs in as the owner on the editor at `editorUrl`; `beforeSubmit` runs with the form filled. */
export async function signInAsOwner(
	page: Page,
	editorUrl: string,
	beforeSubmit: () => Promise<void> = async () => {},
): Promise<void> {
	await page.goto(`${editorUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
	await page.locator('input[name="password"]').fill(OWNER.password);
	await beforeSubmit();
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => url.pathname.startsWith('/home'));
}
