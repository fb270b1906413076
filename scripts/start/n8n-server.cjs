'use strict';
// A running n8n editor (`n8n start`) for a user folder, and a small client for its REST API.
// Used by `npm start` (scripts/start.mjs), the template end-to-end test (test/e2e) and the browser
// check (test/browser). CommonJS so jest and the ESM start script can both load it.
//
//   const server = await startServer(runtime, { userFolder, port });   // resolves when the editor is up
//   const rest = restClient(server.url);
//   await rest.ensureOwner(OWNER);                                     // first run: owner setup; else login
//   await rest.activate(workflowId);                                   // = "Publish" in the editor
//   const execution = await rest.waitForExecution(id);                 // { status, nodes: {name: json[]} }
//   await server.stop();

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort } = require('../n8n/runtime.cjs');
const { stopChild, untilReady, watchExit } = require('./child-process.cjs');
const { nodeOutputs } = require('../n8n/instance.cjs');

/** The owner of throw-away and `npm start` instances (local only; printed by `npm start`). */
const OWNER = Object.freeze({
	email: 'owner@composio.local',
	password: 'Composio-n8n-1',
	firstName: 'Local',
	lastName: 'Owner',
});

const READY_LINE = 'Editor is now accessible via';

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts `n8n start` for `userFolder` on `port` (127.0.0.1 only) and resolves once the editor is up
 * (n8n prints "Editor is now accessible via" after activating published workflows).
 *
 * Options: `port` (default: a free one), `host` (the name in URLs n8n shows, default 127.0.0.1),
 * `env` (extra variables), `logFile` (n8n's output is appended there as well as kept in memory),
 * `onLine(line)` (every output line), `timeoutMs` (default 180 s).
 *
 * Resolves { url, port, pid, output(), stop() }. `stop()` sends SIGTERM, waits for n8n to shut down
 * (SIGKILL after `graceMs`, default 20 s) and resolves { code, signal }.
 */
async function startServer(runtime, options = {}) {
	const { userFolder } = options;
	if (!userFolder) throw new Error('startServer: userFolder is required');
	const port = options.port || (await freePort());
	const brokerPort = await freePort();
	const host = options.host || '127.0.0.1';
	const url = `http://${host}:${port}`;
	const env = runtime.env(userFolder, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: options.listenAddress || '127.0.0.1',
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		...options.env,
	});
	const lines = [];
	const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : null;
	const startedAt = Date.now();
	// Own process group: a terminal's Ctrl-C reaches the caller, which then stops n8n in order.
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const exit = watchExit(child);
	let readyResolve;
	const ready = new Promise((resolve) => (readyResolve = resolve));
	const onData = (chunk) => {
		if (logStream) logStream.write(chunk);
		for (const line of chunk.toString('utf8').split('\n')) {
			if (!line) continue;
			lines.push(line);
			if (lines.length > 5000) lines.splice(0, lines.length - 5000);
			if (options.onLine) options.onLine(line);
			if (line.includes(READY_LINE)) readyResolve();
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);

	const output = () => lines.join('\n');
	const tail = (count = 40) => lines.slice(-count).join('\n');

	async function stop({ graceMs = 20000 } = {}) {
		await stopChild(child, exit, { graceMs });
		if (logStream) await new Promise((resolve) => logStream.end(resolve));
		return exit.exited();
	}

	const timeoutMs = options.timeoutMs || 180000;
	const outcome = await untilReady(ready, exit, timeoutMs);
	if (outcome !== 'ready') {
		await stop({ graceMs: 2000 });
		throw new Error(
			`n8n ${runtime.version} start ${outcome === 'timeout' ? `did not get ready within ${timeoutMs} ms` : `exited (${exit.exited().signal || `code ${exit.exited().code}`})`}:\n${tail()}`,
		);
	}
	// The HTTP server answers before this line; the readiness probe also checks the database.
	await waitForHttp(`${url}/healthz/readiness`, 30000);
	return {
		url,
		port,
		pid: child.pid,
		startupMs: Date.now() - startedAt,
		output,
		tail,
		stop,
		exited: exit.exited,
		waitForExit: () => exit.promise,
	};
}

async function waitForHttp(target, timeoutMs) {
	const until = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < until) {
		try {
			const response = await fetch(target);
			if (response.ok) return;
			last = `HTTP ${response.status}`;
		} catch (error) {
			last = error.message;
		}
		await sleep(250);
	}
	throw new Error(`${target} did not answer 200 within ${timeoutMs} ms (${last})`);
}

/** Execution data is stored with `flatted`; parse it with the copy the n8n install ships. */
function flattedFor(runtime) {
	return require(path.join(runtime.dir, 'node_modules', 'flatted'));
}

/**
 * A client for n8n's internal REST API (`/rest/...`, what the editor uses), logged in as the owner.
 * `runtime` is only needed to parse execution data (`execution()` / `waitForExecution()`).
 */
function restClient(baseUrl, runtime) {
	let cookie = '';

	async function request(method, route, body) {
		const response = await fetch(`${baseUrl}/rest${route}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(cookie ? { cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) cookie = auth[0];
		const text = await response.text();
		let json = null;
		try {
			json = text ? JSON.parse(text) : null;
		} catch {
			/* not JSON */
		}
		if (!response.ok) {
			const error = new Error(
				`n8n ${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`,
			);
			error.status = response.status;
			error.body = json;
			throw error;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	const client = {
		baseUrl,
		request,
		get cookie() {
			return cookie;
		},
		async settings() {
			return await request('GET', '/settings');
		},
		/** Sets up the owner on a fresh instance, or logs in when there is one. Returns 'created' | 'login'. */
		async ensureOwner(owner = OWNER) {
			const settings = await client.settings();
			if (settings.userManagement && settings.userManagement.showSetupOnFirstLoad) {
				await request('POST', '/owner/setup', {
					email: owner.email,
					firstName: owner.firstName,
					lastName: owner.lastName,
					password: owner.password,
				});
				return 'created';
			}
			await client.login(owner);
			return 'login';
		},
		async login(owner = OWNER) {
			// n8n 2.x takes `emailOrLdapLoginId`; older versions `email`.
			return await request('POST', '/login', {
				email: owner.email,
				emailOrLdapLoginId: owner.email,
				password: owner.password,
			});
		},
		async workflow(id) {
			return await request('GET', `/workflows/${encodeURIComponent(id)}`);
		},
		/** Publishes (activates) a workflow as the editor's "Publish"/"Active" switch does. */
		async activate(id) {
			const workflow = await client.workflow(id);
			if (workflow.active && workflow.activeVersionId === workflow.versionId) return workflow;
			return await request('POST', `/workflows/${encodeURIComponent(id)}/activate`, {
				versionId: workflow.versionId,
			});
		},
		/** Unpublishes (deactivates) a workflow: n8n runs its triggers' deactivation hooks. */
		async deactivate(id) {
			return await request('POST', `/workflows/${encodeURIComponent(id)}/deactivate`, {});
		},
		/**
		 * Runs a workflow as the editor's "Execute workflow" button does, starting from `trigger` (a
		 * trigger node's name: a Schedule Trigger emits one item, as when clicked). Resolves the execution id.
		 */
		async runManually(id, trigger) {
			const workflowData = await client.workflow(id);
			const result = await request('POST', `/workflows/${encodeURIComponent(id)}/run`, {
				workflowData,
				triggerToStartFrom: { name: trigger },
			});
			if (!result || !result.executionId) {
				throw new Error(`n8n did not start an execution: ${JSON.stringify(result)}`);
			}
			return String(result.executionId);
		},
		/** Executions of a workflow, newest first ({ id, status, finished, mode, startedAt, stoppedAt }). */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const page = await request('GET', `/executions?filter=${filter}&limit=50`);
			return (page && page.results) || [];
		},
		/** One execution with its data parsed: { id, status, finished, run, nodes, error }. */
		async execution(id) {
			const raw = await request('GET', `/executions/${encodeURIComponent(id)}`);
			const data = typeof raw.data === 'string' ? flattedFor(runtime).parse(raw.data) : raw.data;
			const run = { data };
			const resultData = (data && data.resultData) || {};
			return {
				id: String(raw.id),
				status: raw.status,
				finished: raw.finished,
				mode: raw.mode,
				run,
				nodes: nodeOutputs(run),
				error: resultData.error || null,
				lastNodeExecuted: resultData.lastNodeExecuted || null,
			};
		},
		/** Polls an execution until it is no longer new/running/waiting. */
		async waitForExecution(id, { timeoutMs = 60000 } = {}) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const execution = await client.execution(id);
				if (!['new', 'running', 'waiting', 'unknown'].includes(execution.status)) return execution;
				if (Date.now() > until) {
					throw new Error(
						`execution ${id} still ${execution.status} after ${timeoutMs} ms (last node: ${execution.lastNodeExecuted})`,
					);
				}
				await sleep(250);
			}
		},
		/** The next execution of `workflowId` that is not in `knownIds`, once it has finished. */
		async waitForNewExecution(workflowId, knownIds, { timeoutMs = 60000 } = {}) {
			const until = Date.now() + timeoutMs;
			for (;;) {
				const fresh = (await client.executions(workflowId)).find(
					(execution) => !knownIds.includes(String(execution.id)),
				);
				if (fresh) return await client.waitForExecution(String(fresh.id), { timeoutMs });
				if (Date.now() > until) {
					throw new Error(`no new execution of workflow ${workflowId} within ${timeoutMs} ms`);
				}
				await sleep(250);
			}
		},
	};
	return client;
}

module.exports = { OWNER, startServer, restClient, waitForHttp };
