/**
 * `npm run bench`: the package's nodes against a raw client, Composio's SDK and n8n's HTTP Request
 * node, side by side in one run, against the local Composio sandbox. Every arm runs in its own
 * process (bench/arm.cjs) so its time and peak memory are its own; arms alternate within each
 * repetition and each figure is the median of the repetitions. See bench/README.md.
 *
 *   npm run bench                       full sizes (about 10 minutes here)
 *   npm run bench -- --smoke            tiny sizes, one repetition (what npm test runs)
 *   npm run bench -- --only list,wait   some scenarios; --reps N, --latency MS, --json FILE
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { sandboxControl, startSandbox } from '../sandbox/src/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
	const args = { smoke: false, only: null, reps: null, latency: null, json: null };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--smoke') args.smoke = true;
		else if (a === '--only') args.only = argv[++i].split(',');
		else if (a === '--reps') args.reps = Number(argv[++i]);
		else if (a === '--latency') args.latency = Number(argv[++i]);
		else if (a === '--json') args.json = argv[++i];
		else throw new Error(`Unknown argument ${a}`);
	}
	return args;
}

const args = parseArgs(process.argv.slice(2));
const SIZES = args.smoke
	? { list: 300, listMemory: [], disable: 60, execute: 30, latency: 5, reps: 1, waitReps: 1 }
	: {
			list: 100_000,
			listMemory: [25_000, 50_000],
			disable: 10_000,
			execute: 1_000,
			latency: 20,
			reps: 3,
			waitReps: 3,
		};
if (args.reps) SIZES.reps = SIZES.waitReps = args.reps;
if (args.latency !== null) SIZES.latency = args.latency;
const wanted = (name) => !args.only || args.only.includes(name);
/** n8n's HTTP Request node comes from the n8n installs `npm run n8n:install` caches (not a dependency). */
const httpRequestNode = createRequire(import.meta.url)('./arms.cjs').httpRequestNodeFile();
const skipped = [];
/** Drops the HTTP Request arms when n8n is not installed, saying so. */
function available(arms) {
	if (httpRequestNode) return arms;
	const kept = Object.fromEntries(
		Object.entries(arms).filter(([name]) => !name.startsWith('HTTP Request')),
	);
	skipped.push(
		"HTTP Request arms: n8n's HTTP Request node was not found in the n8n cache (run npm run n8n:install)",
	);
	return kept;
}

/** Node's page size for Return All (CONNECTED_ACCOUNTS_PAGE_SIZE in nodes/shared/connectedAccounts.ts). */
const PAGE_SIZE = 100;
const DISABLE_CONCURRENCY = 20;
const EXECUTE_CONCURRENCY = 10;
const BATCHING = { batchSize: 20, batchInterval: 20 };
const TOOL = { tool: 'SLACK_SEND_MESSAGE', userId: 'user_bob', version: '20251111_00' };
const POLL_INTERVAL_SECONDS = 1;
/**
 * Composio's per-organisation rate limit, scaled down to benchmark size (Hobby: 2 000 requests a
 * minute): a quarter of the items fit in one window.
 */
const RATE_LIMIT = args.smoke ? { limit: 10, windowMs: 1000 } : { limit: 250, windowMs: 2000 };
/** Requests the rate-limit scenario's sandbox logs (two processes' requests and their 429s). */
const RATE_LOG_SIZE = 10_000;
/** Time for an arm process to load n8n before the paced arms start together. */
const RATE_START_ALLOWANCE_MS = 6000;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => process.stderr.write(`${line}\n`);

function runArm(sandbox, arm, params) {
	return new Promise((resolve, reject) => {
		const request = JSON.stringify({
			arm,
			params,
			sandbox: { url: sandbox.url, apiKey: sandbox.apiKey },
		});
		const child = spawn(
			process.execPath,
			['--require', 'tsx/cjs', path.join('bench', 'arm.cjs'), request],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => {
			const line = out.split('\n').find((l) => l.startsWith('RESULT '));
			if (code !== 0 || !line)
				reject(new Error(`${arm} failed (exit ${code}): ${err.trim().slice(-2000)}`));
			else resolve(JSON.parse(line.slice('RESULT '.length)));
		});
	});
}

/** Runs each rep's arms in a rotated order; returns { arm: [results] }. */
async function alternate(reps, armNames, runOne) {
	const results = Object.fromEntries(armNames.map((a) => [a, []]));
	for (let rep = 0; rep < reps; rep++) {
		const order = armNames.map((_, i) => armNames[(i + rep) % armNames.length]);
		for (const arm of order) {
			const result = await runOne(arm);
			results[arm].push(result);
			log(
				`  ${arm}: ${result.ms.toFixed(0)} ms, ${result.count} items, peak ${result.peakRssMb.toFixed(0)} MB`,
			);
		}
	}
	return results;
}

const rows = [];
const checks = [];
function row(scenario, arm, runs, items, extra = {}) {
	const ms = median(runs.map((r) => r.ms));
	const r = {
		scenario,
		arm,
		ms,
		perSecond: (items / ms) * 1000,
		peakRssMb: median(runs.map((x) => x.peakRssMb)),
		...extra,
	};
	rows.push(r);
	return r;
}
function check(scenario, target, value, pass, detail) {
	checks.push({ scenario, target, value, pass, detail });
}
function expectCount(scenario, arm, runs, expected) {
	for (const r of runs) {
		if (r.count !== expected || (r.failed ?? 0) !== 0) {
			throw new Error(
				`${scenario} ${arm}: ${r.count} items with ${r.failed ?? 0} failed, expected ${expected} without failures`,
			);
		}
	}
}

async function listScenario(sandbox, control) {
	const n = SIZES.list;
	log(`1. list ${n} accounts (Return All), page size ${PAGE_SIZE}`);
	await control.reset({ seed: 'empty' });
	await control.setConfig({ latencyMs: 0, rateLimit: null });
	await control.bulkCreateAccounts({
		count: n,
		userIds: ['bench_a', 'bench_b', 'bench_c'],
		toolkit: 'gmail',
		status: 'ACTIVE',
	});
	const arms = ['list:node', 'list:raw', 'list:sdk'];
	const results = await alternate(SIZES.reps, arms, (arm) =>
		runArm(sandbox, arm, { pageSize: PAGE_SIZE }),
	);
	for (const arm of arms) expectCount('list', arm, results[arm], n);
	const node = row('1. list', 'node (Get Many, Return All)', results['list:node'], n);
	const raw = row('1. list', 'raw fetch loop', results['list:raw'], n);
	const sdk = row('1. list', '@composio/core', results['list:sdk'], n);
	node.ratio = raw.ms / node.ms;
	sdk.ratio = raw.ms / sdk.ms;
	check('1. list', '≥ 0.95× raw throughput', `${node.ratio.toFixed(2)}×`, node.ratio >= 0.95);
	check(
		'1. list',
		'no slower than the SDK',
		`${(sdk.ms / node.ms).toFixed(2)}× the SDK's throughput`,
		node.ms <= sdk.ms * 1.05,
	);

	if (SIZES.listMemory.length) {
		const points = [];
		for (const size of [...SIZES.listMemory, n]) {
			if (size !== n) {
				await control.reset({ seed: 'empty' });
				await control.bulkCreateAccounts({
					count: size,
					userIds: ['bench_a'],
					toolkit: 'gmail',
					status: 'ACTIVE',
				});
			}
			const runs =
				size === n
					? results['list:node']
					: [await runArm(sandbox, 'list:node', { pageSize: PAGE_SIZE })];
			points.push({ accounts: size, peakRssMb: median(runs.map((r) => r.peakRssMb)) });
		}
		const slopes = points
			.slice(1)
			.map(
				(p, i) => (p.peakRssMb - points[i].peakRssMb) / ((p.accounts - points[i].accounts) / 1000),
			);
		const linear = slopes.length < 2 || slopes[slopes.length - 1] <= slopes[0] * 1.5 + 0.05;
		check(
			'1. list',
			'memory grows linearly',
			points.map((p) => `${p.accounts / 1000}k: ${p.peakRssMb.toFixed(0)} MB`).join(', '),
			linear,
			`${slopes.map((s) => s.toFixed(2)).join(' → ')} MB per 1k accounts`,
		);
	}
}

async function seedForDisable(control, n) {
	await control.reset({ seed: 'empty' });
	await control.setConfig({ latencyMs: SIZES.latency, rateLimit: null });
	const { ids } = await control.bulkCreateAccounts({
		count: n,
		userId: 'bench_disable',
		toolkit: 'gmail',
		status: 'ACTIVE',
		returnIds: true,
	});
	const file = path.join(os.tmpdir(), `composio-bench-ids-${process.pid}.json`);
	fs.writeFileSync(file, JSON.stringify(ids));
	await control.resetCounters();
	return file;
}

async function disableScenario(sandbox, control) {
	const n = SIZES.disable;
	log(`2. disable ${n} accounts, one item each, ${SIZES.latency} ms latency`);
	const arms = available({
		'node, Concurrency 20': ['disable:node', { concurrency: DISABLE_CONCURRENCY }],
		'node, filter target, Concurrency 20': [
			'disable:node-filter',
			{ concurrency: DISABLE_CONCURRENCY, userId: 'bench_disable' },
		],
		'HTTP Request, defaults': ['disable:http-request', {}],
		[`HTTP Request, batching ${BATCHING.batchSize}/${BATCHING.batchInterval} ms`]: [
			'disable:http-request',
			{ batching: BATCHING },
		],
		'raw, 20 at a time (PATCH)': ['disable:raw', { concurrency: DISABLE_CONCURRENCY }],
		'raw, 20 at a time (PATCH, new connection each)': [
			'disable:raw',
			{ concurrency: DISABLE_CONCURRENCY, fresh: true },
		],
	});
	const names = Object.keys(arms);
	const results = await alternate(SIZES.reps, names, async (name) => {
		const [arm, params] = arms[name];
		const idsFile = await seedForDisable(control, n);
		const result = await runArm(sandbox, arm, { ...params, idsFile });
		const counters = await control.counters();
		if (counters.statusUpdates !== n)
			throw new Error(
				`disable ${name}: the sandbox changed ${counters.statusUpdates} accounts, expected ${n}`,
			);
		return { ...result, requests: counters.requests.total };
	});
	for (const name of names) expectCount('disable', name, results[name], n);
	const made = Object.fromEntries(
		names.map((name) => [name, row('2. disable', name, results[name], n)]),
	);
	const rawPatch = made['raw, 20 at a time (PATCH)'];
	for (const r of Object.values(made)) r.ratio = rawPatch.ms / r.ms;
	const node = made['node, Concurrency 20'];
	for (const [label, name] of [
		['defaults', 'HTTP Request, defaults'],
		['batching', `HTTP Request, batching ${BATCHING.batchSize}/${BATCHING.batchInterval} ms`],
	]) {
		if (made[name])
			check(
				'2. disable',
				// The target of the issue of 2026-11-24, kept for comparison: HTTP Request v4 sends every
				// item at once, so no capped node can be 5× faster (bench/README.md).
				`earlier issue (2026-11-24): ≥ 5× HTTP Request (${label})`,
				`${(made[name].ms / node.ms).toFixed(2)}×`,
				made[name].ms / node.ms >= 5,
			);
	}
	check(
		'2. disable',
		'≥ 0.9× raw PATCH at equal concurrency (20)',
		`${node.ratio.toFixed(2)}×`,
		node.ratio >= 0.9,
	);
	const fresh = made['raw, 20 at a time (PATCH, new connection each)'];
	check(
		'2. disable',
		'≥ 0.9× raw PATCH, a new connection each (as n8n)',
		`${(fresh.ms / node.ms).toFixed(2)}×`,
		fresh.ms / node.ms >= 0.9,
	);
	const perAccount = median(results['node, Concurrency 20'].map((r) => r.requests)) / n;
	check(
		'2. disable',
		'One Account: one request per account by default',
		`${perAccount.toFixed(2)} requests per account`,
		perAccount <= 1.001,
	);
}

/** The arms that execute the tool inside n8n: the node, and the HTTP Request node two ways. */
const n8nExecuteArms = () => ({
	'node, Concurrency 10': ['execute:node', { concurrency: EXECUTE_CONCURRENCY }],
	'HTTP Request, defaults': ['execute:http-request', {}],
	[`HTTP Request, batching ${BATCHING.batchSize}/${BATCHING.batchInterval} ms`]: [
		'execute:http-request',
		{ batching: BATCHING },
	],
});
/** HTTP Request with 10 items per batch every 20 ms: about the node's 10 requests in flight. */
const EQUAL_BATCHING = { batchSize: EXECUTE_CONCURRENCY, batchInterval: 20 };
const EQUAL_BATCHING_ARM = `HTTP Request, batching ${EQUAL_BATCHING.batchSize}/${EQUAL_BATCHING.batchInterval} ms (≈ 10 in flight)`;
const CREDENTIAL_ARM = 'HTTP Request, Composio API credential';

async function executeScenario(sandbox, control) {
	const n = SIZES.execute;
	log(`3. execute ${TOOL.tool} for ${n} items, ${SIZES.latency} ms latency`);
	const arms = available({
		...n8nExecuteArms(),
		[EQUAL_BATCHING_ARM]: ['execute:http-request', { batching: EQUAL_BATCHING }],
		[CREDENTIAL_ARM]: ['execute:http-request', { credential: true }],
		'raw, 10 at a time': ['execute:raw', { concurrency: EXECUTE_CONCURRENCY }],
		'raw, 10 at a time, new connection each': [
			'execute:raw',
			{ concurrency: EXECUTE_CONCURRENCY, fresh: true },
		],
	});
	const names = Object.keys(arms);
	const results = await alternate(SIZES.reps, names, async (name) => {
		const [arm, params] = arms[name];
		await control.reset();
		await control.setConfig({ latencyMs: SIZES.latency, rateLimit: null });
		await control.resetCounters();
		const result = await runArm(sandbox, arm, { ...params, ...TOOL, items: n });
		const counters = await control.counters();
		const executed = counters.toolExecutions.total;
		if (executed !== n)
			throw new Error(`execute ${name}: the sandbox ran the tool ${executed} times, expected ${n}`);
		return { ...result, requests: counters.requests.total };
	});
	for (const name of names) expectCount('execute', name, results[name], n);
	const made = Object.fromEntries(
		names.map((name) => [name, row('3. execute', name, results[name], n)]),
	);
	const raw = made['raw, 10 at a time'];
	for (const r of Object.values(made)) r.ratio = raw.ms / r.ms;
	const node = made['node, Concurrency 10'];
	check('3. execute', 'executions counted = items', `${n} in every arm`, true);
	for (const [label, name] of [
		['defaults', 'HTTP Request, defaults'],
		['batching', `HTTP Request, batching ${BATCHING.batchSize}/${BATCHING.batchInterval} ms`],
	]) {
		if (made[name])
			check(
				'3. execute',
				// The target of the issue of 2026-11-24, kept for comparison: HTTP Request v4 sends every
				// item at once, so no capped node can be 5× faster (bench/README.md).
				`earlier issue (2026-11-24): ≥ 5× HTTP Request (${label})`,
				`${(made[name].ms / node.ms).toFixed(2)}×`,
				made[name].ms / node.ms >= 5,
			);
	}
	const rawOk = node.ratio >= 0.8;
	check('3. execute', '≥ 0.8× raw at equal concurrency', `${node.ratio.toFixed(2)}×`, rawOk);
	const fresh = made['raw, 10 at a time, new connection each'];
	check(
		'3. execute',
		'≥ 0.8× raw, a new connection each (as n8n)',
		`${(fresh.ms / node.ms).toFixed(2)}×`,
		fresh.ms / node.ms >= 0.8,
	);
	const equal = made[EQUAL_BATCHING_ARM];
	if (equal) {
		const vsHttp = equal.ms / node.ms;
		check(
			'3. execute',
			'or: ≥ 0.95× HTTP Request at equal concurrency (batching 10 / 20 ms)',
			`${vsHttp.toFixed(2)}×`,
			vsHttp >= 0.95,
		);
		check(
			'3. execute',
			'throughput bound (either of the two above)',
			rawOk
				? 'the raw-client bound holds'
				: vsHttp >= 0.95
					? 'the HTTP Request bound holds'
					: 'neither',
			rawOk || vsHttp >= 0.95,
		);
	}
	// CPU per request: process CPU in the timed part / requests the sandbox counted.
	const cpu = (name) => median(results[name].map((r) => r.cpuMs / r.requests));
	for (const name of names) made[name].cpuPerRequest = cpu(name);
	for (const [label, name] of [
		['the same credential and helper', CREDENTIAL_ARM],
		['key as a header parameter, no credential step', 'HTTP Request, defaults'],
	]) {
		if (!made[name]) continue;
		const ratio = cpu('node, Concurrency 10') / cpu(name);
		check(
			'3. execute',
			`CPU per request ≤ 1.1× HTTP Request (${label})`,
			`${cpu('node, Concurrency 10').toFixed(2)} ms vs ${cpu(name).toFixed(2)} ms = ${ratio.toFixed(2)}×`,
			ratio <= 1.1,
		);
	}
}

/**
 * 6. The execute scenario under a rate limit, as against Composio: every arm must get every item
 * executed exactly once. Its own sandbox on the real clock, so the rate window passes in real time.
 * The node paces from the rate-limit headers; "two processes" runs two engine processes with the
 * same work at once against the one count (as two n8n workers would).
 */
async function rateLimitScenario() {
	const n = SIZES.execute;
	const { limit, windowMs } = RATE_LIMIT;
	log(
		`6. execute ${TOOL.tool} for ${n} items under a rate limit of ${limit} requests per ${windowMs} ms`,
	);
	const sandbox = await startSandbox({
		port: 0,
		clock: { mode: 'real' },
		rateLimit: RATE_LIMIT,
		requestLogSize: RATE_LOG_SIZE,
	});
	const control = sandboxControl(sandbox.url);
	const single = 'node, Concurrency 10';
	const pair = 'node, two processes at once, Concurrency 10 each';
	try {
		const arms = available({
			[single]: ['execute:node', { concurrency: EXECUTE_CONCURRENCY }, 1],
			[pair]: ['execute:node', { concurrency: EXECUTE_CONCURRENCY }, 2],
			'HTTP Request, defaults': ['execute:http-request', {}, 1],
			[`HTTP Request, batching ${BATCHING.batchSize}/${BATCHING.batchInterval} ms`]: [
				'execute:http-request',
				{ batching: BATCHING },
				1,
			],
		});
		const names = Object.keys(arms);
		const results = await alternate(SIZES.reps, names, async (name) => {
			const [arm, params, processes] = arms[name];
			// The clock stays the real one (a reset would set it back to the sandbox's start, and the
			// windows, aligned on the sandbox's clock, would no longer fall on the real clock's).
			await control.reset({ keepClock: true });
			// Setting the rate limit also starts a fresh count.
			await control.setConfig({ latencyMs: SIZES.latency, rateLimit: RATE_LIMIT });
			await control.resetCounters();
			await control.clearRequests();
			// The node arms start together at a window boundary (the sandbox's windows are aligned to
			// multiples of the window on its clock), after loading n8n, so the floor is well defined.
			const startAt = Math.ceil((Date.now() + RATE_START_ALLOWANCE_MS) / windowMs) * windowMs;
			const runs = await Promise.all(
				Array.from({ length: processes }, () =>
					runArm(sandbox, arm, {
						...params,
						...TOOL,
						items: n,
						...(arm === 'execute:node' ? { startAt } : {}),
					}),
				),
			);
			const counters = await control.counters();
			const startedAt = Math.min(...runs.map((r) => r.startedAt));
			const endedAt = Math.max(...runs.map((r) => r.endedAt));
			const requests = counters.requests.total;
			const rateLimited = counters.requests.rateLimited;
			const accepted = requests - rateLimited;
			// The least time the accepted requests need from the start: the last one goes in the window
			// it must (⌈accepted / limit⌉ windows, the first counted from the start's window), plus one
			// request's latency.
			const firstWindow = Math.floor(startedAt / windowMs) * windowMs;
			const floorMs =
				Math.max(0, firstWindow + (Math.ceil(accepted / limit) - 1) * windowMs - startedAt) +
				SIZES.latency;
			// Steady state: from the third window of the run on (in the first two the processes learn
			// the window's end and each other's share), by the sandbox's request log.
			const steadyFrom = firstWindow + 2 * windowMs;
			const later = (await control.requests(RATE_LOG_SIZE)).filter(
				(r) => r.path.startsWith('/api/') && Date.parse(r.at) >= steadyFrom,
			);
			return {
				ms: endedAt - startedAt,
				peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
				count: runs.reduce((sum, r) => sum + r.count, 0),
				failed: runs.reduce((sum, r) => sum + (r.failed ?? 0), 0),
				expected: n * processes,
				executed: counters.toolExecutions.total,
				requests,
				rateLimited,
				floorMs,
				steadyRequests: later.length,
				steadyRateLimited: later.filter((r) => r.status === 429).length,
			};
		});
		// What the node needs without a limit, measured in this run (scenario 3): on a loaded machine it
		// can exceed the limit's floor, and then the limit is not what bounds the time.
		const unlimited = rows.find(
			(r) => r.scenario === '3. execute' && r.arm === 'node, Concurrency 10',
		)?.ms;
		for (const name of names) {
			const runs = results[name];
			const expected = runs[0].expected;
			const executed = median(runs.map((r) => r.executed));
			const failed = median(runs.map((r) => r.failed));
			const rateLimited = median(runs.map((r) => r.rateLimited));
			const share = median(runs.map((r) => r.rateLimited / r.requests));
			const steadyShare = median(
				runs.map((r) => (r.steadyRequests ? r.steadyRateLimited / r.steadyRequests : 0)),
			);
			const reference = (r) => Math.max(r.floorMs, name === single ? (unlimited ?? 0) : 0);
			const overFloor = median(runs.map((r) => r.ms / reference(r)));
			row('6. rate limit', name, runs, expected, {
				executed,
				failed,
				rateLimited,
				floorMs: median(runs.map((r) => r.floorMs)),
			});
			const exact = runs.every(
				(r) => r.executed === r.expected && r.failed === 0 && r.count === r.expected,
			);
			check(
				'6. rate limit',
				`${name}: every item executed exactly once`,
				`${executed}/${expected} executed, ${failed} items failed, ${rateLimited} answers were 429`,
				exact,
			);
			if (name === single || name === pair) {
				check(
					'6. rate limit',
					`${name}: ≤ 1 % of requests answered 429 at steady state (from the third window on)`,
					`${(steadyShare * 100).toFixed(2)} % (${median(runs.map((r) => r.steadyRateLimited))} of ${median(runs.map((r) => r.steadyRequests))}); whole run ${(share * 100).toFixed(2)} % (${rateLimited} of ${median(runs.map((r) => r.requests))})`,
					steadyShare <= 0.01,
				);
				check(
					'6. rate limit',
					`${name}: total time within 10 % of the floor the limit imposes`,
					`${median(runs.map((r) => r.ms)).toFixed(0)} ms, floor ${median(runs.map((r) => r.floorMs)).toFixed(0)} ms${name === single && unlimited !== undefined ? `, without a limit ${unlimited.toFixed(0)} ms` : ''} (${overFloor.toFixed(2)}× the larger)`,
					overFloor <= 1.1,
				);
			}
		}
	} finally {
		await sandbox.close();
	}
}

async function waitScenario(sandbox, control) {
	log(`4. wait for connection, poll interval ${POLL_INTERVAL_SECONDS} s`);
	const latencies = [];
	const requests = [];
	for (let rep = 0; rep < SIZES.waitReps; rep++) {
		await control.reset();
		await control.setConfig({ latencyMs: 0, rateLimit: null });
		const link = await fetch(`${sandbox.url}/api/v3.1/connected_accounts/link`, {
			method: 'POST',
			headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ user_id: 'user_erin', auth_config_id: 'ac_O9hFAiOh29oB' }),
		}).then((r) => r.json());
		const accountId = link.connected_account_id;
		await control.clearRequests();
		const pending = runArm(sandbox, 'wait:node', {
			accountId,
			timeoutSeconds: 30,
			pollIntervalSeconds: POLL_INTERVAL_SECONDS,
		});
		// The child needs a moment to load n8n; connect at a point that is not aligned with its polls.
		await sleep(2500 + rep * 333);
		await control.setAccountStatus(accountId, { status: 'ACTIVE' });
		const activatedAt = Date.now();
		const result = await pending;
		if (result.connection !== 'active')
			throw new Error(`wait: the node answered ${result.connection}`);
		const latency = result.returnedAt - activatedAt;
		const gets = (await control.requests(1000)).filter(
			(r) => r.method === 'GET' && r.path.endsWith(accountId),
		).length;
		latencies.push(latency);
		requests.push(gets);
		log(`  ACTIVE → node returned: ${latency} ms, ${gets} requests while waiting`);
	}
	const latency = median(latencies);
	rows.push({
		scenario: '4. wait',
		arm: 'node (Wait for Connection)',
		ms: latency,
		requests: median(requests),
	});
	check(
		'4. wait',
		`returns within one poll interval (${POLL_INTERVAL_SECONDS * 1000} ms)`,
		`${latency} ms, ${median(requests)} requests`,
		latency <= POLL_INTERVAL_SECONDS * 1000,
	);
}

function packageScenario() {
	log('5. package');
	const pack = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	)[0];
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const deps = Object.keys(pkg.dependencies ?? {}).length;
	check(
		'5. package',
		'tarball ≤ 150 KB',
		`${(pack.size / 1024).toFixed(1)} KB (${pack.entryCount} files, unpacked ${(pack.unpackedSize / 1024).toFixed(0)} KB)`,
		pack.size <= 150 * 1024,
	);
	check('5. package', 'zero runtime dependencies', String(deps), deps === 0);
	for (const file of pkg.n8n.nodes) {
		const times = [];
		for (let i = 0; i < 5; i++) {
			// n8n-workflow is loaded first, as it is inside n8n; then the node's own require is timed.
			const out = execFileSync(
				process.execPath,
				[
					'-e',
					`require('n8n-workflow'); const t = performance.now(); require(${JSON.stringify(path.join(ROOT, file))}); process.stdout.write(String(performance.now() - t));`,
				],
				{ cwd: ROOT, encoding: 'utf8' },
			);
			times.push(Number(out));
		}
		const ms = median(times);
		const name = path.basename(file, '.node.js');
		rows.push({ scenario: '5. package', arm: `require ${name}`, ms });
		check('5. package', `require ${name} ≤ 50 ms`, `${ms.toFixed(1)} ms`, ms <= 50);
	}
}

function table(headers, data) {
	const widths = headers.map((h, i) => Math.max(h.length, ...data.map((r) => String(r[i]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
	return [
		line(headers),
		`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
		...data.map(line),
	].join('\n');
}

let loadAtStart = [];
async function main() {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run npm run build first');
	const started = Date.now();
	loadAtStart = os.loadavg();
	const sandbox = await startSandbox({
		port: 0,
		rateLimit: null,
		seed: 'empty',
		requestLogSize: 2000,
	});
	const control = sandboxControl(sandbox.url);
	try {
		if (wanted('list')) await listScenario(sandbox, control);
		if (wanted('disable')) await disableScenario(sandbox, control);
		if (wanted('execute')) await executeScenario(sandbox, control);
		if (wanted('wait')) await waitScenario(sandbox, control);
		if (wanted('package')) packageScenario();
		if (wanted('ratelimit')) await rateLimitScenario();
		// Queue mode (bench/workers.mjs; its smoke run is test/bench/workers-smoke.test.ts).
		if (wanted('workers') && !args.smoke) {
			const workers = await (await import('./workers.mjs')).workersScenario({ log });
			rows.push(...workers.rows);
			checks.push(...workers.checks);
		}
	} finally {
		await sandbox.close();
	}
	const seconds = (Date.now() - started) / 1000;
	const fmt = (v, d = 0) => (v === undefined ? '' : v.toFixed(d));
	console.log(
		`\nn8n-nodes-composio benchmark — ${new Date().toISOString()} — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start and ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(
				' ',
			)} at the end — ${args.smoke ? 'smoke sizes' : 'full sizes'}, ${SIZES.reps} repetitions (median), latency ${SIZES.latency} ms, ${seconds.toFixed(0)} s\n`,
	);
	console.log(
		table(
			['scenario', 'arm', 'median ms', 'items/s', 'vs raw', 'CPU ms/request', 'peak RSS MB'],
			rows.map((r) => [
				r.scenario,
				r.arm,
				fmt(r.ms, r.ms < 100 ? 1 : 0),
				fmt(r.perSecond),
				r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
				fmt(r.cpuPerRequest, 2),
				fmt(r.peakRssMb),
			]),
		),
	);
	console.log('');
	for (const line of new Set(skipped)) console.log(`Skipped: ${line}`);
	console.log(
		table(
			['scenario', 'target', 'measured', 'result'],
			checks.map((c) => [
				c.scenario,
				c.target,
				c.detail ? `${c.value} (${c.detail})` : c.value,
				c.pass ? 'met' : 'MISSED',
			]),
		),
	);
	const report = {
		at: new Date().toISOString(),
		node: process.version,
		cores: os.cpus().length,
		loadAverage: { start: loadAtStart, end: os.loadavg() },
		smoke: args.smoke,
		sizes: SIZES,
		seconds,
		httpRequestNode: httpRequestNode?.n8n ?? null,
		skipped: [...new Set(skipped)],
		rows,
		checks,
	};
	if (args.json) fs.writeFileSync(args.json, `${JSON.stringify(report, null, '\t')}\n`);
}

main().catch((error) => {
	console.error(error?.stack ?? error);
	process.exit(1);
});
