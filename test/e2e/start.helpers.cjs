'use strict';
// Process glue for start.test.ts (the n8n lint keeps `child_process` and `process` out of .ts files):
// `npm start` spawned as a user's terminal would run it, its process tree, and TCP probes.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { isAlive } = require('../../scripts/n8n/runtime.cjs');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs `npm start -- <args>` in the package root, in its own process group (as a terminal's job),
 * collecting its output. Resolves { pid, output(), waitFor(text, timeoutMs), exited() , kill(signal) }.
 */
function startNpmStart(args) {
	const env = { ...process.env, NO_COLOR: '1' };
	for (const key of Object.keys(env)) {
		if (/^(npm_|jest_)/i.test(key) || key === 'NODE_ENV') delete env[key];
	}
	const child = spawn('npm', ['start', '--', ...args], {
		cwd: PACKAGE_ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let text = '';
	const waiters = [];
	const onData = (chunk) => {
		text += chunk.toString('utf8');
		for (const waiter of [...waiters]) {
			if (text.includes(waiter.text)) {
				waiters.splice(waiters.indexOf(waiter), 1);
				clearTimeout(waiter.timer);
				waiter.resolve();
			}
		}
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const exit = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			for (const waiter of waiters.splice(0)) {
				clearTimeout(waiter.timer);
				waiter.reject(
					new Error(`npm start exited (${signal || code}) before "${waiter.text}":\n${text}`),
				);
			}
			resolve({ code, signal });
		});
	});
	return {
		pid: child.pid,
		output: () => text,
		waitFor(wanted, timeoutMs) {
			if (text.includes(wanted)) return Promise.resolve();
			return new Promise((resolve, reject) => {
				const waiter = { text: wanted, resolve, reject };
				waiter.timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(new Error(`no "${wanted}" within ${timeoutMs} ms:\n${text}`));
				}, timeoutMs);
				waiters.push(waiter);
			});
		},
		exited: () => exit,
		/** The exit, or null when npm start is still running after `timeoutMs`. */
		exitedWithin(timeoutMs) {
			let timer;
			return Promise.race([
				exit,
				new Promise((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
			]).finally(() => clearTimeout(timer));
		},
		/** Sends `signal` to the npm process only (what `kill -INT <pid>` does). */
		signal(signal) {
			process.kill(child.pid, signal);
		},
		/** Last resort for a failed test: the whole group. */
		killGroup() {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		},
	};
}

/** `pid` and all its descendants (from ps), with their command lines. */
function processTree(pid) {
	const result = spawnSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
	const rows = result.stdout
		.split('\n')
		.map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
		.filter(Boolean)
		.map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), command: m[3] }));
	const tree = [];
	const queue = [pid];
	while (queue.length > 0) {
		const current = queue.shift();
		for (const row of rows) {
			if (row.ppid === current) {
				tree.push(row);
				queue.push(row.pid);
			}
		}
	}
	const self = rows.find((row) => row.pid === pid);
	return self ? [self, ...tree] : tree;
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

function tempFolder(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function removeFolder(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { startNpmStart, processTree, isAlive, listening, tempFolder, removeFolder };
