#!/usr/bin/env node
// Makes sure a Chromium for the browser check (test/browser) is on this machine, without ever
// downloading a browser through Playwright: Debian's `chromium` package, installed with apt-get when
// missing and running as root (CI runs as root with no stdin). Anything else gets a clear message.
//
//   node scripts/browser/ensure-chromium.mjs          # install when missing, print the path
//
// CHROMIUM_PATH=/path/to/chrome overrides where the browser is looked for (no install then).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

import { findChromium } from '../../test/browser/chromium.cjs';

const log = (line) => process.stderr.write(`[chromium] ${line}\n`);

function version(bin) {
	const result = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30000 });
	return result.status === 0 ? result.stdout.trim() : null;
}

function run(command, args) {
	log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	return result.status === 0;
}

const found = findChromium();
if (found) {
	log(`${version(found) ?? 'found'} at ${found}`);
	process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
	log(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist or is not executable.`);
	process.exit(1);
}

const hasApt = fs.existsSync('/usr/bin/apt-get');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform !== 'linux' || !hasApt) {
	log(
		'Chromium is missing and this is not a Debian/Ubuntu machine with apt-get. Install Chromium (or ' +
			'Chrome) yourself and point CHROMIUM_PATH at its binary; the browser check needs it.',
	);
	process.exit(1);
}
if (!isRoot) {
	log(
		'Chromium is missing. Install it once with `sudo apt-get install -y chromium` (Debian) — the ' +
			'browser check drives it headless — or point CHROMIUM_PATH at an existing Chromium/Chrome.',
	);
	process.exit(1);
}

const started = Date.now();
log('not installed; installing Debian’s chromium with apt-get (1–2 minutes, once per machine)…');
const aptArgs = [
	'-o',
	'DPkg::Lock::Timeout=300',
	'install',
	'-y',
	'--no-install-recommends',
	'chromium',
];
// Package lists may be missing or stale on a fresh machine: update once, then try again.
if (!run('apt-get', aptArgs) && !(run('apt-get', ['update']) && run('apt-get', aptArgs))) {
	log('apt-get could not install chromium (see above).');
	process.exit(1);
}
const installed = findChromium();
if (!installed) {
	log('apt-get finished, but no chromium binary is there.');
	process.exit(1);
}
log(
	`${version(installed) ?? 'installed'} at ${installed} (${Math.round((Date.now() - started) / 1000)} s)`,
);
