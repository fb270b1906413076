'use strict';
// n8n in queue mode on one machine: Redis, Postgres, one main (`n8n start`), workers (`n8n worker`)
// and webhook processors (`n8n webhook`), every n8n process with its own user folder holding this
// package (the "each process's user folder" way to install a community package in queue mode).
//
//   const topology = await startTopology(runtime, { packageDir, workers: 2, webhooks: 1 });
//   await topology.importCredentials([...]); await topology.importWorkflows([...]);  // before start()
//   await topology.start();
//   topology.main.url, topology.webhooks[0].url, topology.workers[i].executions()  // ids it ran
//   await topology.stop();     // every n8n process, then Redis and Postgres; nothing left running
//
// Used by test/e2e/queue.test.ts, `npm start -- --queue` (scripts/queue/start.mjs) and the workers
// benchmark (bench/workers.mjs). CommonJS so jest and the ESM scripts can both load it.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { freePort, runN8n } = require('../n8n/runtime.cjs');
const { importableWorkflow, installPackage, newId } = require('../n8n/instance.cjs');
const { signalGroup, stopChild, untilReady, watchExit } = require('../start/child-process.cjs');
const { startServer, waitForHttp } = require('../start/n8n-server.cjs');
const { ensureServerPackages, startPostgres, startRedis } = require('./services.cjs');

const READY = {
	worker: 'n8n worker is now ready',
	webhook: 'Webhook listener waiting for requests',
};
const EXECUTION_STARTED = /Worker started execution (\d+) \(job (\d+)\)/;
const EXECUTION_FINISHED = /Worker finished execution (\d+) \(job (\d+)\)/;

/**
 * The environment every process of one queue-mode n8n shares: queue mode, the Redis queue, the
 * Postgres database, one encryption key, and the public webhook URL (the webhook processor, or the
 * load balancer in front of several). The main additionally gets N8N_DISABLE_PRODUCTION_MAIN_PROCESS
 * (production webhooks only on webhook processors); see docs/queue-mode.md.
 */
function queueEnv({ redis, postgres, database, encryptionKey, webhookUrl, lock }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
		WEBHOOK_URL: webhookUrl,
		// Manual runs ("Execute workflow") go to the workers too (n8n 3 does this always).
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_LOG_LEVEL: 'info',
		...(lock
			? {
					// A killed worker's job is noticed after lockDuration + stalledInterval (n8n: 60 s + 30 s).
					QUEUE_WORKER_LOCK_DURATION: String(lock.durationMs),
					QUEUE_WORKER_LOCK_RENEW_TIME: String(Math.floor(lock.durationMs / 2)),
					QUEUE_WORKER_STALLED_INTERVAL: String(lock.stalledIntervalMs),
				}
			: {}),
	};
}

/**
 * One `n8n worker` or `n8n webhook` process in its own process group. Resolves when it prints its
 * ready line (and, for a webhook processor, answers /healthz).
 */
async function startProcess(
	runtime,
	{ kind, name, userFolder, env, port, logFile, args = [], timeoutMs = 240000, onLine },
) {
	const brokerPort = await freePort();
	const childEnv = runtime.env(userFolder, {
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...(port ? { N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' } : {}),
		...env,
	});
	const lines = [];
	const stream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	const started = [];
	const finished = [];
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, kind, ...args], {
		cwd: userFolder,
		env: childEnv,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const exit = watchExit(child);
	let readyResolve;
	const ready = new Promise((resolve) => (readyResolve = resolve));
	let pending = '';
	const onData = (chunk) => {
		if (stream) stream.write(chunk);
		const text = pending + chunk.toString('utf8');
		const parts = text.split('\n');
		pending = parts.pop();
		for (const line of parts) {
			if (!line) continue;
			lines.push(line);
			if (lines.length > 5000) lines.splice(0, lines.length - 5000);
			const start = EXECUTION_STARTED.exec(line);
			if (start) started.push(start[1]);
			const finish = EXECUTION_FINISHED.exec(line);
			if (finish) finished.push(finish[1]);
			if (onLine) onLine(line);
			if (line.includes(READY[kind])) readyResolve();
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const tail = (count = 40) => lines.slice(-count).join('\n');

	async function stop({ graceMs = 20000, signal = 'SIGTERM' } = {}) {
		await stopChild(child, exit, { graceMs, signal });
		if (stream) await new Promise((resolve) => stream.end(resolve));
		return exit.exited();
	}

	const outcome = await untilReady(ready, exit, timeoutMs);
	if (outcome !== 'ready') {
		await stop({ graceMs: 2000 });
		throw new Error(
			`n8n ${kind} (${name}) ${outcome === 'timeout' ? `was not ready within ${timeoutMs} ms` : `exited (${exit.exited().signal || `code ${exit.exited().code}`})`}:\n${tail()}`,
		);
	}
	const url = port ? `http://127.0.0.1:${port}` : null;
	if (url) await waitForHttp(`${url}/healthz`, 30000);
	return {
		kind,
		name,
		url,
		port: port || null,
		pid: child.pid,
		userFolder,
		output: () => lines.join('\n'),
		tail,
		/** Execution ids this process started / finished (worker log lines), in order. */
		executions: () => [...started],
		finishedExecutions: () => [...finished],
		/** SIGKILL, no clean-up: a crashed machine. */
		kill: async () => {
			signalGroup(child.pid, 'SIGKILL');
			await exit.promise;
			if (stream) await new Promise((resolve) => stream.end(resolve));
			return exit.exited();
		},
		stop,
		exited: exit.exited,
		waitForExit: () => exit.promise,
	};
}

/**
 * Prepares a queue-mode n8n (services started, database created, user folders with the package);
 * `start()` then starts main, workers and webhook processors. Options:
 *   packageDir      the built package to install into each user folder (required)
 *   workers         number of `n8n worker` processes (default 2)
 *   workerConcurrency  jobs each worker runs at once (`--concurrency`, n8n's default 10)
 *   webhooks        number of `n8n webhook` processes (default 1)
 *   root            folder for user folders and logs (default a temp folder, removed by stop())
 *   keepRoot        do not remove `root` on stop (npm start keeps its folder)
 *   postgresDataDir Postgres data folder (default: a fresh one, removed by stop())
 *   database        database name (default n8n)
 *   encryptionKey   shared N8N_ENCRYPTION_KEY (default random)
 *   mainPort, webhookPorts  fixed ports (default free ones)
 *   lock            { durationMs, stalledIntervalMs } for the Bull queue (default n8n's)
 *   env             extra environment for every n8n process
 *   log(line)       progress lines
 */
async function startTopology(runtime, options = {}) {
	const log = options.log || (() => {});
	if (!options.packageDir) throw new Error('startTopology: packageDir is required');
	await ensureServerPackages({ log });
	const ownRoot = !options.root;
	const root =
		options.root || fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${runtime.version}-`));
	fs.mkdirSync(root, { recursive: true });
	const logs = path.join(root, 'logs');
	fs.mkdirSync(logs, { recursive: true });

	const redis = await startRedis({ dir: path.join(root, 'redis'), log });
	let postgres;
	try {
		postgres = await startPostgres({ dataDir: options.postgresDataDir, log });
	} catch (error) {
		await redis.stop();
		throw error;
	}
	const database = postgres.createDatabase(options.database || 'n8n');
	const encryptionKey = options.encryptionKey || crypto.randomBytes(24).toString('hex');
	const workerCount = options.workers ?? 2;
	const webhookCount = options.webhooks ?? 1;
	const mainPort = options.mainPort || (await freePort());
	const webhookPorts = [];
	for (let i = 0; i < webhookCount; i++) {
		webhookPorts.push((options.webhookPorts && options.webhookPorts[i]) || (await freePort()));
	}
	const webhookUrl = `http://127.0.0.1:${webhookPorts[0] || mainPort}/`;
	const env = {
		...queueEnv({ redis, postgres, database, encryptionKey, webhookUrl, lock: options.lock }),
		...options.env,
	};

	/** A user folder with the package installed (what each process of a real deployment has). */
	const folders = {};
	function userFolder(name) {
		if (folders[name]) return folders[name];
		const folder = path.join(root, name);
		fs.mkdirSync(folder, { recursive: true });
		installPackage(folder, options.packageDir);
		folders[name] = folder;
		return folder;
	}
	userFolder('main');

	async function cli(args, what) {
		const result = await runN8n(runtime, args, {
			userFolder: userFolder('main'),
			env,
			timeoutMs: 300000,
		});
		if (result.code !== 0) {
			const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
			throw new Error(`n8n ${what} failed (${result.signal || `exit ${result.code}`}):\n${tail}`);
		}
		return result;
	}
	function writeInput(name, data) {
		const file = path.join(root, `${name}-${newId()}.json`);
		fs.writeFileSync(file, JSON.stringify(data));
		return file;
	}

	const topology = {
		runtime,
		root,
		redis,
		postgres,
		database,
		encryptionKey,
		env,
		webhookUrl,
		main: null,
		workers: [],
		webhooks: [],
		/** `n8n import:credentials` into the shared database (plain `data`; n8n encrypts it). */
		async importCredentials(credentials) {
			const list = credentials.map((credential) => ({ id: newId(), ...credential }));
			const file = writeInput('credentials', list);
			try {
				await cli(['import:credentials', `--input=${file}`], 'import:credentials');
			} finally {
				fs.rmSync(file, { force: true });
			}
			return list;
		},
		/** `n8n import:workflow` into the shared database. */
		async importWorkflows(workflows) {
			const list = workflows.map(importableWorkflow);
			const file = writeInput('workflows', list);
			try {
				await cli(['import:workflow', `--input=${file}`], 'import:workflow');
			} finally {
				fs.rmSync(file, { force: true });
			}
			return list;
		},
		startMain,
		startWorker,
		startWebhook,
		start,
		stopN8n,
		stop,
		/** Every worker's executions: { [workerName]: ids } */
		executionsByWorker() {
			return Object.fromEntries(topology.workers.map((w) => [w.name, w.executions()]));
		},
	};

	async function startMain() {
		const line = options.onLine ? (text) => options.onLine('main', text) : undefined;
		topology.main = await startServer(runtime, {
			userFolder: userFolder('main'),
			port: mainPort,
			logFile: path.join(logs, 'main.log'),
			onLine: line,
			timeoutMs: 300000,
			env: {
				...env,
				WEBHOOK_URL: webhookUrl,
				// Production webhooks are the webhook processors' job, not the main's.
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			},
		});
		topology.main.name = 'main';
		return topology.main;
	}

	async function startWorker(index) {
		const name = `worker-${index + 1}`;
		const worker = await startProcess(runtime, {
			kind: 'worker',
			name,
			userFolder: userFolder(name),
			env,
			args: [`--concurrency=${options.workerConcurrency || 10}`],
			logFile: path.join(logs, `${name}.log`),
			onLine: options.onLine ? (text) => options.onLine(name, text) : undefined,
		});
		topology.workers[index] = worker;
		return worker;
	}

	async function startWebhook(index) {
		const name = `webhook-${index + 1}`;
		const processor = await startProcess(runtime, {
			kind: 'webhook',
			name,
			userFolder: userFolder(name),
			env,
			port: webhookPorts[index],
			logFile: path.join(logs, `${name}.log`),
			onLine: options.onLine ? (text) => options.onLine(name, text) : undefined,
		});
		topology.webhooks[index] = processor;
		return processor;
	}

	/**
	 * Main first (it migrates the database), then the workers and webhook processors two at a time
	 * (each n8n boot is CPU-heavy for ~10 s; on 2 cores more at once only slows every one of them).
	 */
	async function start() {
		if (!topology.main || topology.main.exited()) await startMain();
		const jobs = [
			...Array.from({ length: workerCount }, (_, i) => () => startWorker(i)),
			...Array.from({ length: webhookCount }, (_, i) => () => startWebhook(i)),
		];
		for (let i = 0; i < jobs.length; i += 2)
			await Promise.all(jobs.slice(i, i + 2).map((job) => job()));
		return topology;
	}

	/** Stops every n8n process (webhook processors, main, then workers so running jobs can finish). */
	async function stopN8n() {
		await Promise.all(topology.webhooks.filter(Boolean).map((p) => p.stop()));
		if (topology.main) await topology.main.stop();
		await Promise.all(topology.workers.filter(Boolean).map((p) => p.stop()));
	}

	let stopped = false;
	async function stop() {
		if (stopped) return;
		stopped = true;
		try {
			await stopN8n();
		} finally {
			await redis.stop();
			if (options.postgresDataDir) await postgres.stop();
			else await postgres.destroy();
			if (ownRoot && !options.keepRoot) fs.rmSync(root, { recursive: true, force: true });
		}
	}

	return topology;
}

module.exports = { startTopology, startProcess, queueEnv, READY };
