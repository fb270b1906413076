/**
 * Workers benchmark: the same Execute Tool work in n8n 2.40.7's queue mode with two workers, then
 * with one (the second stopped), on one topology (scripts/queue/topology.cjs: Redis, Postgres, main,
 * workers, a webhook processor). Each execution is started through the webhook processor
 * (Webhook → Code making N items → Composio Execute Tool, one GMAIL_SEND_EMAIL per item); the time
 * is from the first request to the last execution's stoppedAt in n8n. The sandbox answers after
 * `latencyMs`; its request log proves every item executed exactly once.
 *
 *   npx tsx bench/workers.mjs              full: 16 executions × 100 items, 50 ms, 2 repetitions
 *   npx tsx bench/workers.mjs --smoke      8 executions × 5 items, one repetition (npm test)
 *   npm run bench                          runs it after the other scenarios (`--only workers`)
 *
 * Each worker runs `--concurrency` jobs at once (4 here, n8n's default is 10): with more executions
 * than one worker's slots, a second worker adds slots; on 2 cores both then share the CPU.
 *
 * Last, the rate-limited arm: the same work with both workers against a sandbox that allows
 * `rateLimit.limit` requests per `rateLimit.windowMs` (fixed windows aligned to the real clock, the
 * headers Composio sends, 429 + Retry-After beyond; set through the control API as scenario 6 of
 * bench/run.mjs does). Each worker is its own process with its own pacer, so the two share the
 * server's count only through what its answers say. It reports the share of 429 answers, every item
 * executed exactly once, and the time against the floor the limit imposes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { sandboxControl, startSandbox } from '../sandbox/src/index.ts';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { findN8n } = require('../scripts/n8n/runtime.cjs');
const { startTopology } = require('../scripts/queue/topology.cjs');
const { restClient } = require('../scripts/start/n8n-server.cjs');

const N8N_VERSION = '2.40.7';
const WORKFLOW_ID = 'benchWorkers0001';
const SEND_EMAIL = '/api/v3.1/tools/execute/GMAIL_SEND_EMAIL';
const CREDENTIAL = { id: 'benchComposio01', name: 'Composio (bench)' };

export const SIZES = {
	full: {
		executions: 16,
		items: 100,
		latencyMs: 50,
		reps: 2,
		workerConcurrency: 4,
		nodeConcurrency: 10,
		// 8 × 100 items (plus each execution's own reads) at 50 per 2 s: about 17 windows, a floor
		// of about 34 s, above what the work takes without a limit on 2 cores.
		rateLimited: { executions: 8, items: 100, rateLimit: { limit: 50, windowMs: 2000 } },
	},
	smoke: {
		executions: 8,
		items: 5,
		latencyMs: 5,
		reps: 1,
		workerConcurrency: 2,
		nodeConcurrency: 10,
		rateLimited: { executions: 4, items: 5, rateLimit: { limit: 10, windowMs: 1000 } },
	},
};

function workflow(nodeConcurrency) {
	return {
		id: WORKFLOW_ID,
		name: 'Bench: workers',
		nodes: [
			{
				id: '7b000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '7b000000-0000-4000-8000-000000000099',
				parameters: {
					httpMethod: 'POST',
					path: 'bench/workers',
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: '7b000000-0000-4000-8000-000000000002',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode:
						'const { run, count } = $input.first().json.body;\n' +
						'return Array.from({ length: count }, (_, i) => ({ json: { marker: `${run}-${i}` } }));',
				},
			},
			{
				id: '7b000000-0000-4000-8000-000000000003',
				name: 'Send',
				type: 'n8n-nodes-composio.composioExecuteTool',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					tool: { __rl: true, mode: 'id', value: 'GMAIL_SEND_EMAIL' },
					userId: 'user_alice',
					accountSelection: 'default',
					argumentsMode: 'json',
					argumentsJson:
						'={{ JSON.stringify({ recipient_email: "ann@example.com", subject: $json.marker, body: "bench" }) }}',
					options: { concurrency: nodeConcurrency },
				},
				credentials: { composioApi: CREDENTIAL },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
	};
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs the scenario; resolves { rows, checks, environment }. Throws when an item was not executed
 * exactly once or an execution did not succeed (the benchmark checks its own answers).
 */
export async function workersScenario({ smoke = false, log = (line) => console.error(line) } = {}) {
	const size = smoke ? SIZES.smoke : SIZES.full;
	const runtime = findN8n(N8N_VERSION);
	if (!runtime) throw new Error(`n8n ${N8N_VERSION} is not installed: run npm run n8n:install`);
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run npm run build');
	const sandbox = await startSandbox({
		port: 0,
		// The real clock: the rate-limited arm's windows pass in real time (no other arm reads the clock).
		clock: { mode: 'real' },
		rateLimit: null,
		latencyMs: size.latencyMs,
		requestLogSize: size.executions * size.items + 2000,
	});
	const control = sandboxControl(sandbox.url);
	const topology = await startTopology(runtime, {
		packageDir: ROOT,
		workers: 2,
		webhooks: 1,
		workerConcurrency: size.workerConcurrency,
		log,
	});
	const rows = [];
	const checks = [];
	try {
		await topology.importCredentials([
			{
				...CREDENTIAL,
				type: 'composioApi',
				data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
			},
		]);
		await topology.importWorkflows([workflow(size.nodeConcurrency)]);
		const started = Date.now();
		await topology.start();
		log(`  queue topology up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		const rest = restClient(topology.main.url, runtime);
		await rest.ensureOwner();
		await rest.activate(WORKFLOW_ID);
		const hook = `${topology.webhooks[0].url}/webhook/bench/workers`;
		// n8n 2.40 publishes in the background: the webhook answers 404 until the processor knows it.
		// The probe makes no items, so it executes no tool.
		for (let waited = 0; ; waited += 500) {
			const probe = await fetch(hook, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ run: 'probe', count: 0 }),
			});
			if (probe.status === 200) break;
			if (waited > 120000) throw new Error(`the webhook still answers ${probe.status}`);
			await sleep(500);
		}
		for (;;) {
			const list = await rest.executions(WORKFLOW_ID);
			if (list.length > 0 && list.every((e) => !['new', 'running', 'waiting'].includes(e.status)))
				break;
			await sleep(250);
		}

		async function round(label, { executions = size.executions, items = size.items } = {}) {
			await control.clearRequests();
			const before = new Set((await rest.executions(WORKFLOW_ID)).map((e) => String(e.id)));
			const runs = Array.from({ length: executions }, (_, i) => `${label}-${i}`);
			const startedAt = Date.now();
			await Promise.all(
				runs.map(async (run) => {
					const response = await fetch(hook, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ run, count: items }),
					});
					if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
				}),
			);
			let fresh = [];
			for (;;) {
				fresh = (await rest.executions(WORKFLOW_ID)).filter((e) => !before.has(String(e.id)));
				const done = fresh.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
				if (done.length === runs.length) break;
				if (Date.now() - startedAt > 20 * 60 * 1000)
					throw new Error(`${label}: executions did not finish`);
				await sleep(200);
			}
			const failed = fresh.filter((e) => e.status !== 'success');
			if (failed.length) throw new Error(`${label}: ${failed.length} execution(s) did not succeed`);
			const ms = Math.max(...fresh.map((e) => Date.parse(e.stoppedAt))) - startedAt;
			const counts = new Map();
			let rateLimited = 0;
			for (const request of await control.requests(executions * items * 3 + 1000)) {
				if (request.status === 429) rateLimited++;
				if (request.method !== 'POST' || request.path !== SEND_EMAIL) continue;
				// Executed: answered 2xx (a 429 ran nothing; the transport sent it again).
				if (!(request.status >= 200 && request.status < 300)) continue;
				const subject = String(request.body?.arguments?.subject);
				counts.set(subject, (counts.get(subject) ?? 0) + 1);
			}
			const expected = runs.flatMap((run) =>
				Array.from({ length: items }, (_, i) => `${run}-${i}`),
			);
			const wrong = expected.filter((marker) => counts.get(marker) !== 1);
			if (wrong.length || counts.size !== expected.length) {
				throw new Error(
					`${label}: ${wrong.length} item(s) not executed exactly once (e.g. ${wrong.slice(0, 3).join(', ')})`,
				);
			}
			const byWorker = {};
			for (const worker of topology.workers) {
				if (!worker || worker.exited()) continue;
				byWorker[worker.name] = fresh.filter((e) =>
					worker.executions().includes(String(e.id)),
				).length;
			}
			return { ms, items: expected.length, byWorker, startedAt, rateLimited };
		}

		const results = { two: [], one: [] };
		for (let rep = 0; rep < size.reps; rep++) {
			if (!topology.workers[1] || topology.workers[1].exited()) await topology.startWorker(1);
			const two = await round(`two${rep}`);
			results.two.push(two);
			log(`  2 workers: ${two.ms} ms for ${two.items} items (${JSON.stringify(two.byWorker)})`);
			await topology.workers[1].stop();
			const one = await round(`one${rep}`);
			results.one.push(one);
			log(`  1 worker: ${one.ms} ms for ${one.items} items (${JSON.stringify(one.byWorker)})`);
		}
		// The rate-limited arm: both workers, one count.
		if (!topology.workers[1] || topology.workers[1].exited()) await topology.startWorker(1);
		const limited = size.rateLimited;
		const { limit, windowMs } = limited.rateLimit;
		// Setting the rate limit starts a fresh count.
		await control.setConfig({ rateLimit: limited.rateLimit });
		await control.resetCounters();
		let paced;
		try {
			paced = await round('limited', limited);
		} finally {
			await control.setConfig({ rateLimit: null });
		}
		const counters = await control.counters();
		const requests = counters.requests.total;
		const accepted = requests - counters.requests.rateLimited;
		const executedTools = counters.toolExecutions.total;
		// The least time the accepted requests need from the start: the last one goes in the window it
		// must (⌈accepted / limit⌉ windows, the first counted from the start's window), plus one
		// request's latency (as bench/run.mjs, scenario 6).
		const firstWindow = Math.floor(paced.startedAt / windowMs) * windowMs;
		const floorMs =
			Math.max(0, firstWindow + (Math.ceil(accepted / limit) - 1) * windowMs - paced.startedAt) +
			size.latencyMs;
		log(
			`  2 workers, ${limit} requests per ${windowMs} ms: ${paced.ms} ms for ${paced.items} items, ${counters.requests.rateLimited} of ${requests} requests answered 429 (floor ${floorMs} ms, ${JSON.stringify(paced.byWorker)})`,
		);

		const items = size.executions * size.items;
		const twoMs = median(results.two.map((r) => r.ms));
		const oneMs = median(results.one.map((r) => r.ms));
		const scenario = '7. workers';
		const what = `${size.executions} executions × ${size.items} items, ${size.latencyMs} ms latency`;
		rows.push({
			scenario,
			arm: `1 worker (${what})`,
			ms: oneMs,
			perSecond: items / (oneMs / 1000),
		});
		rows.push({
			scenario,
			arm: `2 workers (${what})`,
			ms: twoMs,
			perSecond: items / (twoMs / 1000),
			ratio: oneMs / twoMs,
		});
		const spread = results.two.every((r) => Object.values(r.byWorker).every((n) => n > 0));
		checks.push({
			scenario,
			target: '2 workers vs 1 ≥ 1.5×',
			value: `${(oneMs / twoMs).toFixed(2)}×`,
			pass: oneMs / twoMs >= 1.5,
		});
		checks.push({
			scenario,
			target: 'every item executed exactly once',
			value: `${items}/${items} per run`,
			pass: true,
		});
		checks.push({
			scenario,
			target: 'executions on both workers',
			value: results.two.map((r) => JSON.stringify(r.byWorker)).join(' '),
			pass: spread,
		});
		const limitedWhat = `${limited.executions} executions × ${limited.items} items, ${limit} requests per ${windowMs / 1000} s`;
		const share = counters.requests.rateLimited / requests;
		rows.push({
			scenario,
			arm: `2 workers, rate limited (${limitedWhat})`,
			ms: paced.ms,
			perSecond: paced.items / (paced.ms / 1000),
			requests,
			rateLimited: counters.requests.rateLimited,
			floorMs,
		});
		checks.push({
			scenario,
			target: 'rate limited, 2 workers: every item executed exactly once',
			value: `${paced.items}/${paced.items} items once each, ${executedTools} tool executions counted, ${counters.requests.rateLimited} answers were 429`,
			pass: executedTools === paced.items,
		});
		checks.push({
			scenario,
			target: 'rate limited, 2 workers: ≤ 1 % of requests answered 429',
			value: `${(share * 100).toFixed(2)} % (${counters.requests.rateLimited} of ${requests})`,
			pass: share <= 0.01,
		});
		checks.push({
			scenario,
			target: 'rate limited, 2 workers: total time within 10 % of the floor the limit imposes',
			value: `${paced.ms} ms, floor ${floorMs} ms (${(paced.ms / floorMs).toFixed(2)}×)`,
			pass: paced.ms <= floorMs * 1.1,
		});
		return {
			rows,
			checks,
			environment: {
				cores: os.cpus().length,
				load: os
					.loadavg()
					.map((l) => l.toFixed(1))
					.join(' '),
				node: runtime.nodeVersion,
				size,
			},
		};
	} finally {
		await topology.stop();
		await sandbox.close();
	}
}

const invokedDirectly =
	process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
	const smoke = process.argv.includes('--smoke');
	const jsonAt = process.argv.indexOf('--json');
	workersScenario({ smoke })
		.then((report) => {
			console.log(JSON.stringify(report, null, 2));
			if (jsonAt > 0)
				fs.writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify(report, null, '\t')}\n`);
		})
		.catch((error) => {
			console.error(error?.stack ?? error);
			process.exit(1);
		});
}
