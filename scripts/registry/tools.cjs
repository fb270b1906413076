'use strict';
// Cached installs of the two tools the registry tests use, next to the cached n8n installs:
//
//   verdaccio-6.8.0                  a local npm registry (test/e2e/registry.test.ts publishes to it)
//   scan-community-package-0.32.0   n8n's scanner for community packages (@n8n/scan-community-package)
//
// Each gets its own folder with its own package.json, so nothing here touches the project's
// dependencies. Verdaccio 6.8.0 depends on node-fetch through a range whose newest release is not on
// the npm registry; `overrides` pins node-fetch 2.7.0 in the cache folder's package.json only.
// CommonJS so jest and the ESM install script can both load it.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { cacheRoot, cleanEnv, withLock } = require('../n8n/runtime.cjs');

const INSTALL_FORMAT = 1; // bump to invalidate every cached tool install

const TOOLS = {
	verdaccio: {
		version: '6.8.0',
		dependencies: { verdaccio: '6.8.0' },
		overrides: { 'node-fetch': '2.7.0' },
		entry: ['verdaccio', 'bin', 'verdaccio'],
	},
	'scan-community-package': {
		version: '0.32.0',
		dependencies: { '@n8n/scan-community-package': '0.32.0' },
		overrides: {},
		entry: ['@n8n', 'scan-community-package', 'scanner', 'scanner.mjs'],
	},
};

function specFor(name) {
	const spec = TOOLS[name];
	if (!spec) throw new Error(`Unknown tool "${name}"; known: ${Object.keys(TOOLS).join(', ')}`);
	return spec;
}

function toolDir(name) {
	return path.join(cacheRoot(), `${name}-${specFor(name).version}`);
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** The completed install of tool `name`: { name, version, dir, entry }, or null. */
function findTool(name) {
	const spec = specFor(name);
	const dir = toolDir(name);
	const marker = readJson(path.join(dir, '.complete.json'));
	if (!marker || marker.format !== INSTALL_FORMAT || marker.version !== spec.version) return null;
	const entry = path.join(dir, 'node_modules', ...spec.entry);
	if (!fs.existsSync(entry)) return null;
	return { name, version: spec.version, dir, entry, installedAt: marker.installedAt };
}

function npm(args, { cwd, logFile }) {
	return new Promise((resolve, reject) => {
		fs.appendFileSync(logFile, `\n$ npm ${args.join(' ')}\n`);
		const out = fs.openSync(logFile, 'a');
		// cleanEnv: no npm_config_* of an outer `npm run` (this repo's ignore-scripts, prefix) leaks in.
		const child = spawn('npm', args, { cwd, env: cleanEnv(), stdio: ['ignore', out, out] });
		child.on('error', (error) => {
			fs.closeSync(out);
			reject(error);
		});
		child.on('exit', (code) => {
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
			reject(new Error(`npm ${args[0]} exited with ${code} in ${cwd}:\n${tail}`));
		});
	});
}

/** Installs tool `name` into the cache unless a completed install is there; resolves findTool(name). */
async function ensureTool(name, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
	const spec = specFor(name);
	const found = findTool(name);
	if (found) return found;
	return withLock(`${name}-${spec.version}`, log, async () => {
		const again = findTool(name);
		if (again) return again;
		const dir = toolDir(name);
		const startedAt = Date.now();
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			`${JSON.stringify(
				{
					name: `${name.replace(/[^a-z0-9-]/g, '-')}-runtime`,
					private: true,
					description: `Cached ${name} ${spec.version} for the n8n-nodes-composio registry tests (generated)`,
					dependencies: spec.dependencies,
					overrides: spec.overrides,
				},
				null,
				2,
			)}\n`,
		);
		fs.writeFileSync(path.join(dir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');
		log(`[${name} ${spec.version}] npm install into ${dir}…`);
		await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
			cwd: dir,
			logFile: path.join(dir, 'install.log'),
		});
		const seconds = (Date.now() - startedAt) / 1000;
		fs.writeFileSync(
			path.join(dir, '.complete.json'),
			`${JSON.stringify({ format: INSTALL_FORMAT, name, version: spec.version, installedAt: new Date().toISOString(), seconds }, null, 2)}\n`,
		);
		log(`[${name} ${spec.version}] ready in ${Math.round(seconds)}s`);
		const done = findTool(name);
		if (!done) throw new Error(`[${name}] installed, but ${spec.entry.join('/')} is missing`);
		return done;
	});
}

/** The tool's install, or an error that says how to get it. */
function requireTool(name) {
	const found = findTool(name);
	if (found) return found;
	throw new Error(
		`${name} ${specFor(name).version} is not installed in ${cacheRoot()}: run ` +
			'`node scripts/registry/install.mjs` (part of `npm test`).',
	);
}

module.exports = { TOOLS, findTool, ensureTool, requireTool, toolDir };
