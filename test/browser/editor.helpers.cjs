'use strict';
/**
 * File, process and path glue for the browser checks (the n8n lint keeps them out of .ts files).
 * Typed with JSDoc, which `npm run typecheck` checks.
 */
const fs = require('node:fs');
const path = require('node:path');
const { CHROMIUM_ARGS, findChromium } = require('./chromium.cjs');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
/** Screenshots for people to look at (git-ignored). */
const SCREENSHOTS_DIR = path.join(PACKAGE_ROOT, 'test', 'e2e', 'screenshots');

/**
 * Chromium's path, or an error that says how to get it.
 * @returns {string}
 */
function requireChromium() {
	const bin = findChromium();
	if (bin) return bin;
	throw new Error(
		'No Chromium for the browser check. Run `node scripts/browser/ensure-chromium.mjs` (installs ' +
			"Debian's chromium with apt-get when run as root) or point CHROMIUM_PATH at a Chromium/Chrome binary.",
	);
}

/**
 * Where screenshot `name` goes (the folder is created; older screenshots of this run's names are replaced).
 * @param {string} name
 * @returns {string}
 */
function screenshotPath(name) {
	fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	return path.join(SCREENSHOTS_DIR, `${name}.png`);
}

module.exports = { CHROMIUM_ARGS, SCREENSHOTS_DIR, requireChromium, screenshotPath };
