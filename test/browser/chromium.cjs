'use strict';
// Where the Chromium for the browser check is, and the flags it runs with. Shared by the test
// (test/browser/editor.test.ts) and scripts/browser/ensure-chromium.mjs.

const fs = require('node:fs');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @param {string} file */
function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

/**
 * CHROMIUM_PATH when set (and executable), else Debian's chromium; null when there is none.
 * @returns {string | null}
 */
function findChromium() {
	const override = process.env.CHROMIUM_PATH;
	if (override) return isExecutable(override) ? override : null;
	return CANDIDATES.find(isExecutable) || null;
}

/**
 * Flags that keep a headless Chromium quiet on a closed network (without the background-networking
 * ones it keeps trying to reach Google services). The user data dir is passed by Playwright
 * (launch() uses a fresh temporary profile).
 */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

module.exports = { findChromium, CHROMIUM_ARGS };
