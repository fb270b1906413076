'use strict';
// File access for engines.test.ts (the n8n lint keeps `fs` out of .ts files): which packages of the
// dev tree declare `engines.node` ranges that leave out a Node version this package promises (those
// are what `npm ci` prints as EBADENGINE warnings), and the list docs/first-start.md documents.

const fs = require('node:fs');
const path = require('node:path');
// npm's own range semantics (the same module npm uses to print EBADENGINE).
const semver = require('semver');

const ROOT = path.resolve(__dirname, '..', '..');

function readJson(file) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

/** Lock entries whose `engines.node` excludes one of `nodeVersions`, sorted by name. */
function engineMismatches(nodeVersions) {
	const lock = readJson('package-lock.json');
	const out = [];
	for (const [where, entry] of Object.entries(lock.packages)) {
		const range = entry.engines && entry.engines.node;
		if (!where || typeof range !== 'string') continue;
		const failsOn = nodeVersions.filter(
			(version) => !semver.satisfies(version, range, { includePrerelease: true }),
		);
		if (failsOn.length === 0) continue;
		out.push({
			name: where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length),
			version: entry.version,
			range,
			failsOn,
			dev: entry.dev === true,
		});
	}
	return out.sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
}

/**
 * The rows of the table between `<!-- engine-warnings:start -->` and `<!-- engine-warnings:end -->`
 * in docs/first-start.md: `| package | version | engines | warns on | … |` (pipes in a range escaped).
 */
function documentedEngineWarnings() {
	const text = fs.readFileSync(path.join(ROOT, 'docs', 'first-start.md'), 'utf8');
	const match = /<!-- engine-warnings:start -->([\s\S]*?)<!-- engine-warnings:end -->/.exec(text);
	if (!match) return null;
	return match[1]
		.split('\n')
		.filter((line) => /^\|\s*`/.test(line))
		.map((line) => {
			// Cells split on unescaped pipes; a range's `||` is written `\|\|` inside the table.
			const cells = line
				.split(/(?<!\\)\|/)
				.slice(1, -1)
				.map((cell) => cell.trim().replace(/\\\|/g, '|').replace(/^`|`$/g, ''));
			return {
				name: cells[0],
				version: cells[1],
				range: cells[2],
				failsOn: cells[3].split(',').map((v) => v.trim()),
			};
		})
		.sort((a, b) => `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`));
}

function packageJson() {
	return readJson('package.json');
}

module.exports = { engineMismatches, documentedEngineWarnings, packageJson };
