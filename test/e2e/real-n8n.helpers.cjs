'use strict';
/**
 * Process and file-system glue for real-n8n.test.ts (the n8n lint keeps `process`, `fs` and
 * `child_process` out of .ts files). The heavy lifting is in scripts/n8n/. Typed with JSDoc, which
 * `npm run typecheck` checks.
 */

const fs = require('node:fs');
const path = require('node:path');
const { cacheRoot, findN8n, installInfo, knownVersions } = require('../../scripts/n8n/runtime.cjs');
const { createInstance } = require('../../scripts/n8n/instance.cjs');

/**
 * @typedef {import('../../scripts/n8n/runtime.cjs').N8nRuntime} N8nRuntime
 * @typedef {import('../../scripts/n8n/instance.cjs').ExecuteResult} ExecuteResult
 * @typedef {import('../../scripts/n8n/instance.cjs').JsonObject} JsonObject
 * @typedef {import('../../scripts/n8n/instance.cjs').N8nInstance} N8nInstance
 * @typedef {import('../../scripts/n8n/instance.cjs').WorkflowInput} WorkflowInput
 */

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The cached runtime of `version`, or an error that says how to install it.
 * @param {string} version
 * @returns {N8nRuntime}
 */
function requireN8n(version) {
	const runtime = findN8n(version);
	if (runtime) return runtime;
	throw new Error(
		`n8n ${version} is not installed in ${cacheRoot()}. Run \`npm run n8n:install\` ` +
			`(or \`node scripts/n8n/install.mjs --version ${version}\`) before the end-to-end tests; ` +
			'the first install takes several minutes and ~2.5 GB per version.',
	);
}

/**
 * The most recently modified file under `dir` that passes `test`: { file, mtimeMs }.
 * @param {string} dir
 * @param {(name: string) => boolean} test
 * @returns {{ file: string | null; mtimeMs: number }}
 */
function newestFile(dir, test) {
	/** @type {{ file: string | null; mtimeMs: number }} */
	let newest = { file: null, mtimeMs: 0 };
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		const candidate = entry.isDirectory()
			? newestFile(full, test)
			: test(entry.name)
				? { file: full, mtimeMs: fs.statSync(full).mtimeMs }
				: newest;
		if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
	}
	return newest;
}

/**
 * The built package (package.json + dist/) as n8n would install it. Fails when a file the package
 * declares is missing from dist/, or when a source file is newer than the build.
 * @returns {{ dir: string; name: string; version: string }}
 */
function requireBuiltPackage() {
	/** @type {{ name: string; version: string; n8n: { nodes?: string[]; credentials?: string[] } }} */
	const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	const declared = [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])];
	const missing = declared.filter((file) => !fs.existsSync(path.join(PACKAGE_ROOT, file)));
	if (missing.length > 0) {
		throw new Error(
			`The package is not built (missing ${missing.join(', ')}): run \`npm run build\` first.`,
		);
	}
	const isSource = (/** @type {string} */ name) => name.endsWith('.ts') && !name.endsWith('.d.ts');
	const sources = [
		newestFile(path.join(PACKAGE_ROOT, 'nodes'), isSource),
		newestFile(path.join(PACKAGE_ROOT, 'credentials'), isSource),
	];
	const newest = sources[0].mtimeMs >= sources[1].mtimeMs ? sources[0] : sources[1];
	const built = Math.min(
		...declared.map((file) => fs.statSync(path.join(PACKAGE_ROOT, file)).mtimeMs),
	);
	if (newest.mtimeMs > built) {
		throw new Error(
			`dist/ is older than ${path.relative(PACKAGE_ROOT, String(newest.file))}: run \`npm run build\` first.`,
		);
	}
	return { dir: PACKAGE_ROOT, name: pkg.name, version: pkg.version };
}

module.exports = {
	PACKAGE_ROOT,
	requireN8n,
	requireBuiltPackage,
	createInstance,
	installInfo,
	knownVersions,
};
