#!/usr/bin/env node
// Installs (or confirms) the cached real-n8n runtimes the end-to-end tests use.
//
//   node scripts/n8n/install.mjs [--version 2.40.7|2.8.4|all] [--smoke]
//
// Cache: ${N8N_COMPOSIO_CACHE:-~/.cache/n8n-nodes-composio}/n8n-<version>, node-<version>.
// --smoke also imports and executes a trivial workflow in each installed version.
import runtime from './runtime.cjs';
import instance from './instance.cjs';

const { ensureN8n, knownVersions, installInfo } = runtime;

function usage(message) {
	if (message) process.stderr.write(`${message}\n`);
	process.stderr.write(
		`usage: node scripts/n8n/install.mjs [--version ${knownVersions().join('|')}|all] [--smoke]\n`,
	);
	process.exit(2);
}

function parseArgs(argv) {
	const options = { version: 'all', smoke: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--version' || arg === '-v') options.version = argv[++i];
		else if (arg.startsWith('--version=')) options.version = arg.slice('--version='.length);
		else if (arg === '--smoke') options.smoke = true;
		else if (arg === '--help' || arg === '-h') usage();
		else usage(`unknown argument: ${arg}`);
	}
	if (!options.version) usage('--version needs a value');
	return options;
}

const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const versions = options.version === 'all' ? knownVersions() : [options.version];
	for (const version of versions) {
		if (!knownVersions().includes(version)) usage(`unsupported n8n version: ${version}`);
	}
	for (const version of versions) {
		const startedAt = Date.now();
		const rt = await ensureN8n(version, { log });
		const info = installInfo(version);
		const took = ((Date.now() - startedAt) / 1000).toFixed(1);
		log(
			`n8n ${version} ok (Node ${rt.nodeVersion}; ${took}s now; installed ${info.installedAt} in ${Math.round(info.timings.total)}s, ${(info.sizeBytes / 1e9).toFixed(2)} GB)`,
		);
		if (options.smoke) {
			const result = await instance.smokeTest(rt, { log });
			log(
				`n8n ${version} smoke workflow ok: ${JSON.stringify(result.items)} (execute ${result.ms} ms)`,
			);
		}
	}
}

main().catch((error) => {
	process.stderr.write(`\nn8n install failed: ${error && error.message ? error.message : error}\n`);
	process.exit(1);
});
