'use strict';
// What the two `npm start` scripts (scripts/start.mjs, and scripts/queue/start.mjs for --queue)
// share: their terminal output, choosing ports, building the package and the in-process sandbox.
// CommonJS like the rest of scripts/start, so the ESM scripts and jest can both load it.

const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');
const { cacheRoot, ensureN8n, findN8n, freePort } = require('../n8n/runtime.cjs');

/** The package root (this file is scripts/start/cli.cjs). */
const ROOT = path.resolve(__dirname, '..', '..');
/** The n8n version `npm start` runs. */
const N8N_VERSION = '2.40.7';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const cyan = paint('36');

// A closed terminal or pipe must not stop the clean-up (EPIPE on write).
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
const say = (line = '') => {
	if (process.stdout.writable) process.stdout.write(`${line}\n`);
};
const step = (text) => say(`${cyan('›')} ${text}`);
const done = (text) => say(`${green('✔')} ${text}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A `usage(message)` for `lines` (the help text): prints them (after `message`, in red) and exits,
 * 2 after a message, else 0.
 */
function usagePrinter(lines) {
	return (message) => {
		if (message) process.stderr.write(`${red(message)}\n`);
		process.stderr.write([...lines, ''].join('\n'));
		process.exit(message ? 2 : 0);
	};
}

/**
 * Calls `take(name, value, arg)` for every argument: `name` is `--name` of `--name value` or
 * `--name=value`, and `value()` reads the option's value (the inline one, else the next argument).
 */
function eachOption(argv, take) {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
		take(name, () => (inline !== undefined ? inline : argv[++i]), arg);
	}
}

/** Ctrl-C, a closed terminal or `kill` run `stopAll(0)` (once: stopAll guards itself). */
function stopOnSignals(stopAll) {
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			say();
			void stopAll(0);
		});
	}
}

/** The cached n8n N8N_VERSION, installed first when missing (several minutes, with progress). */
async function ensureStartN8n() {
	step(
		findN8n(N8N_VERSION)
			? `n8n ${N8N_VERSION} (cached in ${cacheRoot()})…`
			: `n8n ${N8N_VERSION} is not installed yet: installing it once into ${cacheRoot()} — Node 24, npm ci of n8n and its ~2 400 packages, sqlite3's native module alongside (about 4 minutes on an idle 2-core machine, far longer on a busy one; later starts take seconds; see docs/first-start.md)…`,
	);
	const startedAt = Date.now();
	const runtime = await ensureN8n(N8N_VERSION, { log: (line) => say(dim(`  ${line}`)) });
	done(
		`n8n ${N8N_VERSION} ready (Node ${runtime.nodeVersion}) in ${seconds(Date.now() - startedAt)}`,
	);
	return runtime;
}

/** Whether `port` can be listened on at 127.0.0.1 right now. */
function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** `wanted` when given (it must be free), else `preferred` when free, else any free port. */
async function choosePort(wanted, preferred, what) {
	if (wanted) {
		if (!(await portIsFree(wanted))) throw new Error(`${what} port ${wanted} is in use`);
		return wanted;
	}
	if (await portIsFree(preferred)) return preferred;
	const port = await freePort();
	say(dim(`  (${what} port ${preferred} is in use; using ${port})`));
	return port;
}

/** Runs `command` to its end; resolves its output, rejects with it on a failure. */
function run(command, args, { cwd }) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			const text = Buffer.concat(output).toString('utf8');
			if (code === 0) resolve(text);
			else
				reject(
					new Error(`${command} ${args.join(' ')} failed (${signal || `exit ${code}`}):\n${text}`),
				);
		});
	});
}

/** `npm run build` of the package, with its time on the terminal. */
async function buildPackage() {
	step('building the package (npm run build)…');
	const startedAt = Date.now();
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
	done(`built in ${seconds(Date.now() - startedAt)}`);
}

/**
 * The Composio sandbox in this process (TypeScript through tsx), on `port` or the first free one of
 * 4010 and any. A seed per start: webhook message ids must not repeat across starts, or n8n (which
 * keeps the ids it has seen) would take a new expiry for a redelivery of an earlier one.
 */
async function startLocalSandbox({ port, seedPrefix }) {
	const sandboxPort = await choosePort(port, 4010, 'sandbox');
	require('tsx/cjs/api').register();
	const { startSandbox } = require(path.join(ROOT, 'sandbox', 'src', 'index.ts'));
	const sandbox = await startSandbox({
		port: sandboxPort,
		clock: { mode: 'real' },
		randomSeed: `${seedPrefix}-${Date.now()}`,
		// n8n runs on loopback here; Composio itself accepts only publicly reachable webhook URLs.
		allowPrivateWebhookUrls: true,
	});
	done(`Composio sandbox on ${sandbox.url}`);
	return sandbox;
}

module.exports = {
	N8N_VERSION,
	ROOT,
	bold,
	buildPackage,
	choosePort,
	cyan,
	dim,
	done,
	eachOption,
	ensureStartN8n,
	green,
	red,
	run,
	say,
	seconds,
	startLocalSandbox,
	step,
	stopOnSignals,
	usagePrinter,
};
