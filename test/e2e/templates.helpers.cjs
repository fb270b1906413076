'use strict';
// File and process glue for templates.test.ts and the browser check (the n8n lint keeps `fs`,
// `process` and `child_process` out of .ts files): the templates in examples/ as `npm start` imports
// them (scripts/start/templates.cjs), the package's declared nodes, and a running `n8n start` with
// its REST API (scripts/start/n8n-server.cjs).

const fs = require('node:fs');
const path = require('node:path');
const { freePort } = require('../../scripts/n8n/runtime.cjs');
const { OWNER, restClient, startServer } = require('../../scripts/start/n8n-server.cjs');
const {
	CREDENTIAL,
	WEBHOOK_CREDENTIAL,
	WEBHOOK_AUTH_HEADER,
	webhookCredential,
	PUBLISHED,
	configureTemplate,
	loadTemplates,
	templateId,
} = require('../../scripts/start/templates.cjs');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * The node types the package declares in package.json (`n8n.nodes`), as n8n names them once installed
 * (`n8n-nodes-composio.<name>`; the name is the node file's class name with a lower-case first letter).
 */
function declaredNodeTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
	return (pkg.n8n.nodes || []).map((file) => {
		const base = path.basename(file).replace(/\.node\.js$/, '');
		return `${pkg.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
	});
}

module.exports = {
	PACKAGE_ROOT,
	OWNER,
	CREDENTIAL,
	WEBHOOK_CREDENTIAL,
	WEBHOOK_AUTH_HEADER,
	webhookCredential,
	PUBLISHED,
	configureTemplate,
	loadTemplates,
	templateId,
	declaredNodeTypes,
	startServer,
	restClient,
	freePort,
};
