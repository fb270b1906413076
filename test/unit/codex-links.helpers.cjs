'use strict';
// File access for codex-links.test.ts (the n8n lint keeps `fs` out of .ts files): every codex file
// of the package's nodes, the README, and the package's homepage.

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

function readme() {
	return fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
}

function packageJson() {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

module.exports = { codexFiles, readme, packageJson };
