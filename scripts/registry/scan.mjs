#!/usr/bin/env node
// n8n's community package scanner (@n8n/scan-community-package 0.32.0) on this package, without
// registry.npmjs.org.
//
//   node scripts/registry/scan.mjs --package <extracted tarball dir> --source <repo dir> [--metadata <packument.json>]
//
// The scanner's CLI (`npx @n8n/scan-community-package NAME`) reads the package from registry.npmjs.org
// (its registry URL is a constant), requires an npm provenance attestation, downloads the attested
// GitHub commit and then lints two things with its ESLint config (exported `analyzePackage`):
//   1. the source checkout: package.json and {nodes,credentials}/**/*.{js,ts,json};
//   2. the published tarball: every .js file and package.json.
// This runs the same two `analyzePackage` calls on the same file patterns: the source is this
// repository (what a provenance attestation would point at) and the tarball is the one served by the
// local registry. With --metadata, the scanner's own provenance check runs on that registry document
// too; outside GitHub Actions no provenance exists, so its verdict is reported, not required.
// Prints one JSON object: { source, tarball, provenance? }, each { passed, message?, details? }.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import tools from './tools.cjs';

function parseArgs(argv) {
	const options = {};
	for (let i = 0; i < argv.length; i += 2) {
		const key = argv[i].replace(/^--/, '');
		if (!['package', 'source', 'metadata', 'version'].includes(key) || argv[i + 1] === undefined) {
			process.stderr.write(
				'usage: node scripts/registry/scan.mjs --package DIR --source DIR [--metadata FILE --version V]\n',
			);
			process.exit(2);
		}
		options[key] = argv[i + 1];
	}
	if (!options.package || !options.source) {
		process.stderr.write('--package and --source are required\n');
		process.exit(2);
	}
	return options;
}

const options = parseArgs(process.argv.slice(2));
const scanner = tools.requireTool('scan-community-package');
const scannerDir = path.dirname(scanner.entry);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scanner.entry).href);
const { checkPackageProvenance } = await import(
	pathToFileURL(path.join(scannerDir, 'provenance.mjs')).href
);

const strip = (result) => ({
	passed: result.passed,
	...(result.message ? { message: result.message } : {}),
	...(result.details ? { details: result.details } : {}),
});

// The scanner's glob ignores only the top-level node_modules; the repository's source patterns never
// reach into it (nodes/ and credentials/ have none).
const source = strip(await analyzePackage(path.resolve(options.source), SOURCE_FILE_PATTERNS));
const tarball = strip(
	await analyzePackage(path.resolve(options.package), ['**/*.js', 'package.json']),
);
const report = {
	scanner: scanner.version,
	patterns: { source: SOURCE_FILE_PATTERNS },
	source,
	tarball,
};
if (options.metadata) {
	const metadata = JSON.parse(fs.readFileSync(options.metadata, 'utf8'));
	report.provenance = strip(checkPackageProvenance(metadata, options.version));
}
process.stdout.write(`${JSON.stringify(report)}\n`);
