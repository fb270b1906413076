'use strict';
// File and process glue for registry.test.ts and scanner.test.ts (n8n's lint keeps fs and
// child_process out of .ts files). The registry itself is scripts/registry/verdaccio.cjs.

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { cleanEnv } = require('../../scripts/n8n/runtime.cjs');
const { startRegistry } = require('../../scripts/registry/verdaccio.cjs');
const { requireTool } = require('../../scripts/registry/tools.cjs');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** What a build of the package needs from the repository (no tests, sandbox or tools). */
const BUILD_INPUTS = [
	'package.json',
	'.npmrc',
	'tsconfig.json',
	'gulpfile.js',
	'index.js',
	'README.md',
	'LICENSE',
	'CHANGELOG.md',
	'nodes',
	'credentials',
	'icons',
];

const temporaryDirs = [];

function tempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	temporaryDirs.push(dir);
	return dir;
}

/** Removes every folder these helpers created. */
function cleanupTemp() {
	while (temporaryDirs.length > 0) {
		fs.rmSync(temporaryDirs.pop(), { recursive: true, force: true });
	}
}

/**
 * A copy of this tree with `version` in its package.json, built there with the project's own build
 * (`npm run build`: tsc + gulp, node_modules linked from the repository). Resolves the copy's folder.
 */
function buildVersionCopy(version) {
	const dir = tempDir('composio-release-');
	for (const entry of BUILD_INPUTS) {
		fs.cpSync(path.join(PACKAGE_ROOT, entry), path.join(dir, entry), { recursive: true });
	}
	fs.symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	const pkgFile = path.join(dir, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	pkg.version = version;
	fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
	execFileSync('npm', ['run', 'build'], {
		cwd: dir,
		env: cleanEnv(),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return dir;
}

/** `npm pack name@version` from the registry, unpacked: { dir, tarball }. */
function fetchPublished(registryUrl, name, version) {
	const dir = tempDir('composio-fetched-');
	const tarball = execFileSync(
		'npm',
		['pack', `${name}@${version}`, '--registry', registryUrl, '--silent'],
		{ cwd: dir, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	).trim();
	const unpacked = path.join(dir, 'package');
	execFileSync('tar', ['-xzf', tarball], { cwd: dir });
	return { dir: unpacked, tarball: path.join(dir, tarball) };
}

/** Copy of an unpacked package with `text` appended to the file `relativePath` (a scanner self-check). */
function tamperedCopy(packageDir, relativePath, text) {
	const dir = path.join(tempDir('composio-tampered-'), 'package');
	fs.cpSync(packageDir, dir, { recursive: true });
	fs.appendFileSync(path.join(dir, relativePath), text);
	return dir;
}

/**
 * scripts/registry/scan.mjs: n8n's scanner (its exported analyzePackage, same file patterns as its
 * CLI) on an unpacked tarball and a source tree, and its provenance check on a registry document.
 */
function runScanner({ packageDir, sourceDir, metadata, version }) {
	const args = [
		path.join(PACKAGE_ROOT, 'scripts', 'registry', 'scan.mjs'),
		'--package',
		packageDir,
		'--source',
		sourceDir,
	];
	if (metadata) {
		const file = path.join(tempDir('composio-packument-'), 'packument.json');
		fs.writeFileSync(file, JSON.stringify(metadata));
		args.push('--metadata', file, '--version', version);
	}
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {
			cwd: PACKAGE_ROOT,
			env: cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			const line = stdout.trim().split('\n').pop() || '';
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(
					new Error(`the scanner exited with ${code} without a report:\n${stdout}\n${stderr}`),
				);
			}
		});
	});
}

/** The files of an unpacked package, relative and sorted. */
function listFiles(dir) {
	const files = [];
	const walk = (current) => {
		for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) walk(full);
			else files.push(path.relative(dir, full));
		}
	};
	walk(dir);
	return files.sort();
}

/**
 * What n8n's Community Nodes installer left in a user folder: the package.json version of every
 * package under <user folder>/.n8n/nodes/node_modules, keyed by name (scoped names included).
 */
function installedPackages(userFolder) {
	const root = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	const found = {};
	if (!fs.existsSync(root)) return found;
	const read = (dir, name) => {
		const file = path.join(dir, 'package.json');
		if (fs.existsSync(file)) found[name] = JSON.parse(fs.readFileSync(file, 'utf8')).version;
	};
	for (const entry of fs.readdirSync(root)) {
		if (entry.startsWith('.')) continue;
		if (entry.startsWith('@')) {
			for (const inner of fs.readdirSync(path.join(root, entry))) {
				read(path.join(root, entry, inner), `${entry}/${inner}`);
			}
		} else read(path.join(root, entry), entry);
	}
	return found;
}

/** The dependencies n8n recorded in <user folder>/.n8n/nodes/package.json (null when absent). */
function nodesPackageJson(userFolder) {
	const file = path.join(userFolder, '.n8n', 'nodes', 'package.json');
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

/** Copies a screenshot into the repository (docs/images/), e.g. the README's node creator picture. */
function copyInto(source, relativeTarget) {
	const target = path.join(PACKAGE_ROOT, relativeTarget);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.copyFileSync(source, target);
	return target;
}

module.exports = {
	PACKAGE_ROOT,
	buildVersionCopy,
	cleanupTemp,
	copyInto,
	fetchPublished,
	installedPackages,
	listFiles,
	nodesPackageJson,
	requireTool,
	runScanner,
	startRegistry,
	tamperedCopy,
};
