'use strict';
// File access for the documentation tests (the n8n lint keeps `fs` out of .ts files): the codex
// files of the package's nodes, the package's own Markdown pages, and package.json.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Every `nodes/<Node>/<Node>.node.json` as { file, codex }. */
function codexFiles() {
	const nodesDir = path.join(ROOT, 'nodes');
	return fs
		.readdirSync(nodesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((entry) =>
			fs
				.readdirSync(path.join(nodesDir, entry.name))
				.filter((name) => name.endsWith('.node.json'))
				.map((name) => {
					const file = path.join('nodes', entry.name, name);
					return { file, codex: JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) };
				}),
		)
		.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * The Markdown pages a reader of the repository follows: README.md, CHANGELOG.md, everything under
 * docs/, and the READMEs of sandbox/, bench/ and scripts/n8n/. Paths relative to the repository, `/`
 * separated.
 */
function markdownFiles() {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'), { recursive: true })
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

/** The text of a repository file (path relative to the repository, `/` separated). */
function readText(file) {
	return fs.readFileSync(path.join(ROOT, ...file.split('/')), 'utf8');
}

/** Whether a file or folder exists at that repository path. */
function pathExists(file) {
	return fs.existsSync(path.join(ROOT, ...file.split('/')));
}

function readme() {
	return readText('README.md');
}

function packageJson() {
	return JSON.parse(readText('package.json'));
}

module.exports = { codexFiles, markdownFiles, readText, pathExists, readme, packageJson };
