'use strict';
/**
 * File and process glue for the tests that drive a real n8n (the n8n lint keeps `fs`, `process` and
 * `child_process` out of .ts files): the templates in examples/ as `npm start` imports them
 * (scripts/start/templates.cjs), the package's declared nodes, and a running `n8n start` with its
 * REST API (scripts/start/n8n-server.cjs). Typed with JSDoc, which `npm run typecheck` checks.
 */
const fs = require('node:fs');
const path = require('node:path');
const { freePort } = require('../../scripts/n8n/runtime.cjs');
const { OWNER, restClient, startServer } = require('../../scripts/start/n8n-server.cjs');
const templates = require('../../scripts/start/templates.cjs');

/**
 * @typedef {import('../../scripts/start/n8n-server.cjs').Execution} Execution
 * @typedef {import('../../scripts/start/n8n-server.cjs').RestClient} RestClient
 * @typedef {import('../../scripts/start/n8n-server.cjs').RunningN8n} RunningN8n
 * @typedef {import('../../scripts/start/n8n-server.cjs').Owner} Owner
 * @typedef {import('../../scripts/start/templates.cjs').Template} Template
 */

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The node types the package declares in package.json (`n8n.nodes`), as n8n names them once installed
 * (`n8n-nodes-composio.<name>`; the name is the node file's class name with a lower-case first letter).
 * @returns {string[]}
 */
function declaredNodeTypes() {
	/** @type {{ name: string; n8n: { nodes?: string[] } }} */
	const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	return (pkg.n8n.nodes || []).map((file) => {
		const base = path.basename(file).replace(/\.node\.js$/, '');
		return `${pkg.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
	});
}

module.exports = {
	...templates,
	PACKAGE_ROOT,
	OWNER,
	declaredNodeTypes,
	startServer,
	restClient,
	freePort,
};
