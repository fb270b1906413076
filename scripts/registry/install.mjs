#!/usr/bin/env node
// Installs (or confirms) the cached tools of the registry tests: Verdaccio 6.8.0 (a local npm registry)
// and @n8n/scan-community-package 0.32.0 (n8n's community package scanner).
//
//   node scripts/registry/install.mjs
//
// Cache: ${N8N_COMPOSIO_CACHE:-~/.cache/n8n-nodes-composio}/verdaccio-6.8.0, scan-community-package-0.32.0.
import tools from './tools.cjs';

const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
	for (const name of Object.keys(tools.TOOLS)) {
		const startedAt = Date.now();
		const tool = await tools.ensureTool(name, { log });
		const took = ((Date.now() - startedAt) / 1000).toFixed(1);
		log(`${name} ${tool.version} ok (${took}s now; installed ${tool.installedAt}): ${tool.dir}`);
	}
}

main().catch((error) => {
	process.stderr.write(
		`\nregistry tools install failed: ${error && error.message ? error.message : error}\n`,
	);
	process.exit(1);
});
