'use strict';
/**
 * The repository on disk, for the tests that read it: package.json, the published tarball as npm
 * computes it, the built files, the nodes' codex files, workflows and other text files. Plain
 * CommonJS because n8n's lint keeps `fs` and `child_process` out of TypeScript files; typed with
 * JSDoc, which `npm run typecheck` checks (allowJs + checkJs in tsconfig.test.json).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * @typedef {{ name: string; version: string; main: string; homepage: string;
 *   n8n: { nodes: string[]; credentials: string[] }; [key: string]: any }} PackageJson
 * @typedef {{ name: string; version: string; size: number; unpackedSize: number;
 *   entryCount: number; files: Array<{ path: string; size: number }> }} PackResult
 */

/**
 * A file of the repository as text.
 * @param {string} relativePath
 * @returns {string}
 */
function readText(relativePath) {
	return fs.readFileSync(path.join(PACKAGE_ROOT, relativePath), 'utf8');
}

/**
 * Whether a path exists in the repository.
 * @param {string} relativePath
 * @returns {boolean}
 */
function exists(relativePath) {
	return fs.existsSync(path.join(PACKAGE_ROOT, relativePath));
}

/** @returns {PackageJson} the repository's package.json */
function packageJson() {
	return JSON.parse(readText('package.json'));
}

/** @returns {string} */
function readme() {
	return readText('README.md');
}

/**
 * A YAML file parsed with `yaml` in strict mode: a syntax error, a duplicate key or a tab
 * indentation throws (the errors GitHub would reject a workflow for).
 * @param {string} relativePath
 * @returns {any}
 */
function readYaml(relativePath) {
	const document = YAML.parseDocument(readText(relativePath), { uniqueKeys: true, strict: true });
	if (document.errors.length > 0) {
		throw new Error(`${relativePath}: ${document.errors.map((error) => error.message).join('; ')}`);
	}
	return document.toJS();
}

/** @returns {string[]} the files of .github/workflows/ */
function workflowFiles() {
	const dir = path.join(PACKAGE_ROOT, '.github', 'workflows');
	return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/**
 * What `npm pack` would put in the tarball, without writing it (`npm pack --dry-run --json`):
 * npm's own answer to "which files are published". Scripts stay off as in .npmrc. Fails when
 * dist/ is missing.
 * @returns {PackResult}
 */
function packDryRun() {
	if (!exists('dist')) {
		throw new Error('dist/ is missing: run `npm run build` before the package-contents test.');
	}
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(npm_|jest_)/i.test(key)) env[key] = value;
	}
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: PACKAGE_ROOT,
		encoding: 'utf8',
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [result] = JSON.parse(out);
	return {
		name: result.name,
		version: result.version,
		size: result.size,
		unpackedSize: result.unpackedSize,
		entryCount: result.entryCount,
		files: result.files.map(
			/** @param {{ path: string; size: number }} file */
			(file) => ({ path: file.path, size: file.size }),
		),
	};
}

/**
 * The built package's files (what `npm publish` ships), or null when dist/ is missing.
 * @returns {Array<{ path: string; text: string }> | null}
 */
function distFiles() {
	const root = path.join(PACKAGE_ROOT, 'dist');
	if (!fs.existsSync(root)) return null;
	/** @type {Array<{ path: string; text: string }>} */
	const files = [];
	/** @param {string} dir */
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else
				files.push({
					path: path.relative(PACKAGE_ROOT, full),
					text: fs.readFileSync(full, 'utf8'),
				});
		}
	};
	walk(root);
	return files;
}

/**
 * Every `nodes/<Node>/<Node>.node.json`, sorted by path.
 * @returns {Array<{ file: string; codex: Record<string, unknown> }>}
 */
function codexFiles() {
	const nodesDir = path.join(PACKAGE_ROOT, 'nodes');
	return fs
		.readdirSync(nodesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) =>
			fs
				.readdirSync(path.join(nodesDir, entry.name))
				.filter((name) => name.endsWith('.node.json'))
				.map((name) => {
					const file = path.join('nodes', entry.name, name);
					return { file, codex: JSON.parse(readText(file)) };
				}),
		)
		.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * The Markdown pages a reader of the repository follows: README.md, CHANGELOG.md, everything under
 * docs/, and the READMEs of sandbox/, bench/ and scripts/n8n/ (repository paths, `/` separated).
 * @returns {string[]}
 */
function markdownFiles() {
	const docs = fs
		.readdirSync(path.join(PACKAGE_ROOT, 'docs'), { recursive: true })
		.map((name) => String(name).split(path.sep).join('/'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`);
	return [
		'README.md',
		'CHANGELOG.md',
		...docs,
		'sandbox/README.md',
		'bench/README.md',
		'scripts/n8n/README.md',
	].sort();
}

module.exports = {
	PACKAGE_ROOT,
	markdownFiles,
	codexFiles,
	distFiles,
	exists,
	packDryRun,
	packageJson,
	readText,
	readYaml,
	readme,
	workflowFiles,
};
