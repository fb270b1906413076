'use strict';
// File and process glue for the release tests (workflows.test.ts, package-contents.test.ts): n8n's lint
// keeps `fs` and `child_process` out of .ts files.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** A file of the repository as text. */
function readText(relativePath) {
	return fs.readFileSync(path.join(PACKAGE_ROOT, relativePath), 'utf8');
}

/** The repository's package.json. */
function packageJson() {
	return JSON.parse(readText('package.json'));
}

/**
 * A YAML file of the repository parsed with `yaml` in strict mode: a syntax error, a duplicate key or a
 * tab indentation throws (the errors GitHub would reject the workflow for).
 */
function readYaml(relativePath) {
	const document = YAML.parseDocument(readText(relativePath), { uniqueKeys: true, strict: true });
	if (document.errors.length > 0) {
		throw new Error(`${relativePath}: ${document.errors.map((error) => error.message).join('; ')}`);
	}
	return document.toJS();
}

/** The files of .github/workflows/. */
function workflowFiles() {
	const dir = path.join(PACKAGE_ROOT, '.github', 'workflows');
	return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/**
 * What `npm pack` would put in the tarball, without writing it (`npm pack --dry-run --json`): npm's own
 * answer to "which files are published". Scripts stay off as in .npmrc. Fails when dist/ is missing.
 */
function packDryRun() {
	if (!fs.existsSync(path.join(PACKAGE_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before the package-contents test.');
	}
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
		files: result.files.map((file) => ({ path: file.path, size: file.size })),
	};
}

/** Whether a path exists in the repository. */
function exists(relativePath) {
	return fs.existsSync(path.join(PACKAGE_ROOT, relativePath));
}

module.exports = {
	PACKAGE_ROOT,
	exists,
	packDryRun,
	packageJson,
	readText,
	readYaml,
	workflowFiles,
};
