'use strict';
// The importable templates in examples/ as `npm start` and the end-to-end test import them: fixed
// workflow IDs (so a second start finds them), the credential they all refer to, and the one setting a
// template needs per instance (template 2's reconnect URL points at template 3 on this n8n).

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The credential every template's Composio nodes refer to (id and name as in the JSON files). */
const CREDENTIAL = Object.freeze({ id: 'composioAccount1', name: 'Composio account' });

/** The credentials file entry for the Composio credential: `apiKey` for the API at `baseUrl`. */
function composioCredential({ apiKey, baseUrl }) {
	return { ...CREDENTIAL, type: 'composioApi', data: { apiKey, baseUrl } };
}

/**
 * The Header Auth credential the webhooks of templates 1 and 4 require (n8n's `httpHeaderAuth`):
 * callers send `WEBHOOK_AUTH_HEADER: <secret>`; anything else is answered 403 by n8n.
 */
const WEBHOOK_CREDENTIAL = Object.freeze({
	id: 'templateWebhookAuth1',
	name: 'Template webhook secret',
});
const WEBHOOK_AUTH_HEADER = 'X-Webhook-Secret';

/** The credentials file entry for the Header Auth credential with `secret`. */
function webhookCredential(secret) {
	return {
		...WEBHOOK_CREDENTIAL,
		type: 'httpHeaderAuth',
		data: { name: WEBHOOK_AUTH_HEADER, value: secret },
	};
}

/**
 * Templates with production webhooks, published so their URLs answer (template 6's Composio
 * Trigger creates the sandbox project's webhook subscription when it is published).
 */
const PUBLISHED = Object.freeze([1, 3, 4, 6]);

/** Every template (sorted by file name): { file, number, workflow }. */
function loadTemplates() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => /^\d\d-.*\.json$/.test(file))
		.sort()
		.map((file) => ({
			file,
			number: Number(file.slice(0, 2)),
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

function templateId(number) {
	return `composioTmpl${String(number).padStart(2, '0')}`;
}

/**
 * Template `number` ready for `n8n import:workflow`: its fixed ID and, for template 2, `reconnectUrl`
 * (the production URL of template 3, e.g. http://localhost:5678/webhook/reconnect) in its Settings node.
 */
function configureTemplate(template, { reconnectUrl } = {}) {
	const workflow = JSON.parse(JSON.stringify(template.workflow));
	if (reconnectUrl) {
		for (const node of workflow.nodes) {
			const assignments = node.parameters?.assignments?.assignments;
			const setting = Array.isArray(assignments)
				? assignments.find((assignment) => assignment.name === 'reconnectUrl')
				: undefined;
			if (setting) setting.value = reconnectUrl;
		}
	}
	return { ...workflow, id: templateId(template.number), active: false };
}

module.exports = {
	EXAMPLES_DIR,
	CREDENTIAL,
	composioCredential,
	WEBHOOK_CREDENTIAL,
	WEBHOOK_AUTH_HEADER,
	webhookCredential,
	PUBLISHED,
	loadTemplates,
	templateId,
	configureTemplate,
};
