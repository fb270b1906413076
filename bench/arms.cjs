/**
 * One benchmark arm, run in its own process (`bench/arm.cjs`) so its time and peak memory are its own.
 * Loaded through tsx's CommonJS hook: the engine harness (test/harness/engine.ts) is TypeScript, and
 * the package's nodes are loaded from the built dist/ — what users install.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE = 'n8n-nodes-composio';
const CONNECTED_ACCOUNT = `${PACKAGE}.composioConnectedAccount`;
const EXECUTE_TOOL = `${PACKAGE}.composioExecuteTool`;
const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
/** The n8n installs `npm run n8n:install` caches; the HTTP Request node is taken from one of them. */
const N8N_CACHE =
	process.env.N8N_COMPOSIO_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-composio');
const HTTP_REQUEST_VERSIONS = ['n8n-2.8.4', 'n8n-2.40.7'];

function httpRequestNodeFile() {
	for (const dir of HTTP_REQUEST_VERSIONS) {
		const file = path.join(
			N8N_CACHE,
			dir,
			'node_modules',
			'n8n-nodes-base',
			'dist',
			'nodes',
			'HttpRequest',
			'HttpRequest.node.js',
		);
		if (fs.existsSync(file)) return { file, n8n: dir };
	}
	return undefined;
}

function builtNode(dir, name) {
	const file = path.join(ROOT, 'dist', 'nodes', dir, `${dir}.node.js`);
	if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
	return new (require(file)[name])();
}

function engineFor(sandbox, withHttpRequest = false) {
	const { Engine } = require('../test/harness/engine.ts');
	const nodeTypes = {
		[CONNECTED_ACCOUNT]: builtNode('ComposioConnectedAccount', 'ComposioConnectedAccount'),
		[EXECUTE_TOOL]: builtNode('ComposioExecuteTool', 'ComposioExecuteTool'),
	};
	if (withHttpRequest) {
		const found = httpRequestNodeFile();
		if (!found)
			throw new Error(
				`n8n's HTTP Request node was not found under ${N8N_CACHE}: run npm run n8n:install`,
			);
		nodeTypes[HTTP_REQUEST] = new (require(found.file).HttpRequest)();
	}
	return new Engine({ credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url }, nodeTypes });
}

const locator = (value) => ({ __rl: true, mode: 'id', value });

async function runNode(engine, node, items) {
	const result = await engine.runNode(node, items);
	if (result.status !== 'success') throw new Error(`${node.name} failed: ${result.error?.message}`);
	const output = result.output(node.name);
	// An error item: the node's own (`error` text) or the HTTP Request node's (`error` object);
	// Execute Tool's successful items carry `error: null`.
	const failed = output.filter(
		(item) =>
			(item.json.error !== undefined && item.json.error !== null) || item.error !== undefined,
	);
	return { count: output.length, failed: failed.length };
}

/**
 * How the HTTP Request arms send the API key: by default as a header parameter (no credential, so
 * no credential is resolved per request); with `p.credential`, through the Composio API credential
 * as a predefined credential type, the way a user calls an unsupported endpoint: then every request
 * goes through n8n's `requestWithAuthentication` and the credential's `authenticate`, as the
 * package's nodes do.
 */
function httpRequestAuth(sandbox, p) {
	return p.credential ? { credentials: { composioApi: { id: 'cred-1', name: 'Composio' } } } : {};
}
function httpRequestAuthParameters(sandbox, p) {
	return p.credential
		? { authentication: 'predefinedCredentialType', nodeCredentialType: 'composioApi' }
		: {
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'x-api-key', value: sandbox.apiKey }] },
			};
}

/** Runs `fn` over `inputs` with `limit` in flight (the raw client's concurrency). */
async function pool(inputs, limit, fn) {
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const i = next++;
			await fn(inputs[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
}

/**
 * One request of the raw client. By default through fetch, which keeps connections alive (the
 * limit); with `fresh`, a new TCP connection per request, as n8n's own HTTP helper does (it opens
 * one per request: one TIME-WAIT socket per request after a run), to tell that cost apart.
 */
async function rawJson(sandbox, method, route, body, fresh = false) {
	const url = `${sandbox.url}/api/v3.1${route}`;
	const headers = {
		'x-api-key': sandbox.apiKey,
		...(body ? { 'content-type': 'application/json' } : {}),
	};
	const payload = body ? JSON.stringify(body) : undefined;
	const { status, text } = fresh
		? await new Promise((resolve, reject) => {
				const request = http.request(url, { method, headers, agent: false }, (response) => {
					let data = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => (data += chunk));
					response.on('end', () => resolve({ status: response.statusCode, text: data }));
				});
				request.on('error', reject);
				request.end(payload);
			})
		: await fetch(url, { method, headers, body: payload }).then(async (r) => ({
				status: r.status,
				text: await r.text(),
			}));
	const json = JSON.parse(text);
	if (status >= 400) throw new Error(`${method} ${route}: HTTP ${status} ${text}`);
	return json;
}

function readIds(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Every arm: (sandbox, params) → { count, failed?, ... }. Timing is done by the caller. */
const arms = {
	// 1. List every account ------------------------------------------------------------------
	async 'list:node'(sandbox, p) {
		const engine = engineFor(sandbox);
		return await p.timed(() =>
			runNode(engine, {
				name: 'List',
				type: CONNECTED_ACCOUNT,
				parameters: {
					resource: 'connectedAccount',
					operation: 'getAll',
					returnAll: true,
					simplify: p.simplify !== false,
				},
			}),
		);
	},
	async 'list:raw'(sandbox, p) {
		return await p.timed(async () => {
			const items = [];
			let cursor = null;
			do {
				const page = await rawJson(
					sandbox,
					'GET',
					`/connected_accounts?limit=${p.pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
				);
				items.push(...page.items);
				cursor = page.next_cursor;
			} while (cursor);
			return { count: items.length };
		});
	},
	async 'list:sdk'(sandbox, p) {
		const { Composio } = await import('@composio/core');
		const composio = new Composio({
			apiKey: sandbox.apiKey,
			baseURL: sandbox.url,
			allowTracking: false,
		});
		return await p.timed(async () => {
			const items = [];
			let cursor;
			do {
				const page = await composio.connectedAccounts.list({
					limit: p.pageSize,
					...(cursor ? { cursor } : {}),
				});
				items.push(...page.items);
				cursor = page.nextCursor;
			} while (cursor);
			return { count: items.length };
		});
	},

	// 2. Disable accounts, one item each ---------------------------------------------------------
	async 'disable:node'(sandbox, p) {
		const engine = engineFor(sandbox);
		const items = readIds(p.idsFile).map((id) => ({ json: { id } }));
		return await p.timed(() =>
			runNode(
				engine,
				{
					name: 'Disable',
					type: CONNECTED_ACCOUNT,
					onError: 'continueRegularOutput',
					parameters: {
						resource: 'connectedAccount',
						operation: 'disable',
						target: 'single',
						connectedAccount: locator('={{ $json.id }}'),
						options: { concurrency: p.concurrency },
					},
				},
				items,
			),
		);
	},
	async 'disable:node-filter'(sandbox, p) {
		const engine = engineFor(sandbox);
		return await p.timed(() =>
			runNode(engine, {
				name: 'Disable',
				type: CONNECTED_ACCOUNT,
				parameters: {
					resource: 'connectedAccount',
					operation: 'disable',
					target: 'filter',
					filters: { userIds: p.userId, statuses: ['ACTIVE'] },
					dryRun: false,
					options: { concurrency: p.concurrency },
				},
			}),
		);
	},
	async 'disable:http-request'(sandbox, p) {
		const engine = engineFor(sandbox, true);
		const items = readIds(p.idsFile).map((id) => ({ json: { id } }));
		return await p.timed(() =>
			runNode(
				engine,
				{
					name: 'HTTP Request',
					type: HTTP_REQUEST,
					typeVersion: 4.2,
					onError: 'continueRegularOutput',
					...httpRequestAuth(sandbox, p),
					parameters: {
						method: 'PATCH',
						url: `=${sandbox.url}/api/v3.1/connected_accounts/{{ $json.id }}/status`,
						...httpRequestAuthParameters(sandbox, p),
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '{"enabled": false}',
						options: p.batching ? { batching: { batch: p.batching } } : {},
					},
				},
				items,
			),
		);
	},
	async 'disable:raw'(sandbox, p) {
		const ids = readIds(p.idsFile);
		return await p.timed(async () => {
			await pool(ids, p.concurrency, async (id) => {
				if (p.readFirst)
					await rawJson(sandbox, 'GET', `/connected_accounts/${id}`, undefined, p.fresh);
				await rawJson(
					sandbox,
					'PATCH',
					`/connected_accounts/${id}/status`,
					{ enabled: false },
					p.fresh,
				);
			});
			return { count: ids.length };
		});
	},

	// 3. Execute a tool, one item each -----------------------------------------------------------
	async 'execute:node'(sandbox, p) {
		const engine = engineFor(sandbox);
		const items = Array.from({ length: p.items }, (_, i) => ({ json: { text: `message ${i}` } }));
		return await p.timed(() =>
			runNode(
				engine,
				{
					name: 'Execute Tool',
					type: EXECUTE_TOOL,
					onError: 'continueRegularOutput',
					parameters: {
						tool: locator(p.tool),
						userId: p.userId,
						version: p.version,
						argumentsMode: 'json',
						argumentsJson: '={{ JSON.stringify({ channel: "#bench", text: $json.text }) }}',
						options: { concurrency: p.concurrency },
					},
				},
				items,
			),
		);
	},
	async 'execute:http-request'(sandbox, p) {
		const engine = engineFor(sandbox, true);
		const items = Array.from({ length: p.items }, (_, i) => ({ json: { text: `message ${i}` } }));
		return await p.timed(() =>
			runNode(
				engine,
				{
					name: 'HTTP Request',
					type: HTTP_REQUEST,
					typeVersion: 4.2,
					onError: 'continueRegularOutput',
					...httpRequestAuth(sandbox, p),
					parameters: {
						method: 'POST',
						url: `${sandbox.url}/api/v3.1/tools/execute/${p.tool}`,
						...httpRequestAuthParameters(sandbox, p),
						sendBody: true,
						specifyBody: 'json',
						jsonBody: `={{ JSON.stringify({ user_id: "${p.userId}", version: "${p.version}", arguments: { channel: "#bench", text: $json.text } }) }}`,
						options: p.batching ? { batching: { batch: p.batching } } : {},
					},
				},
				items,
			),
		);
	},
	async 'execute:raw'(sandbox, p) {
		const inputs = Array.from({ length: p.items }, (_, i) => `message ${i}`);
		return await p.timed(async () => {
			let failed = 0;
			await pool(inputs, p.concurrency, async (text) => {
				const result = await rawJson(
					sandbox,
					'POST',
					`/tools/execute/${p.tool}`,
					{ user_id: p.userId, version: p.version, arguments: { channel: '#bench', text } },
					p.fresh,
				);
				if (result.successful !== true) failed++;
			});
			return { count: inputs.length, failed };
		});
	},

	// 4. Wait for a connection --------------------------------------------------------------------
	async 'wait:node'(sandbox, p) {
		const engine = engineFor(sandbox);
		return await p.timed(async () => {
			const result = await engine.runNode({
				name: 'Wait',
				type: CONNECTED_ACCOUNT,
				parameters: {
					resource: 'connectedAccount',
					operation: 'waitForConnection',
					connectedAccount: locator(p.accountId),
					timeout: p.timeoutSeconds,
					options: { pollInterval: p.pollIntervalSeconds },
				},
			});
			const [item] = result.json('Wait');
			return { count: 1, connection: item?.connection, returnedAt: Date.now() };
		});
	},
};

module.exports = { arms, httpRequestNodeFile };
