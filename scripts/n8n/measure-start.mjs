#!/usr/bin/env node
// Measures `npm start` from nothing: a throw-away HOME, so npm's download cache (~/.npm) and the
// n8n cache (~/.cache/n8n-nodes-composio) both start empty and the shared ones are never touched.
//
//   node scripts/n8n/measure-start.mjs                  cold: empty npm and n8n caches
//   node scripts/n8n/measure-start.mjs --home <dir>     again in the HOME of an earlier run (warm)
//
// Runs `npm start` under GNU time, waits for "Ready in", sends SIGINT (as Ctrl-C), and prints one
// JSON line: seconds to "Ready", CPU seconds (user, system) of everything the start ran, the load
// average before, during (sampled every 10 s) and after, and the start's own step lines.
// Needs Linux and /usr/bin/time. The HOME folder is kept (its path is printed) for a warm run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
	const options = { home: '' };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--home') options.home = path.resolve(argv[++i] || '');
		else if (argv[i].startsWith('--home=')) options.home = path.resolve(argv[i].slice(7));
		else {
			process.stderr.write('usage: node scripts/n8n/measure-start.mjs [--home <dir>]\n');
			process.exit(2);
		}
	}
	return options;
}

const options = parseArgs(process.argv.slice(2));
const cold = !options.home;
const home = options.home || fs.mkdtempSync(path.join(os.tmpdir(), 'composio-first-start-'));
fs.mkdirSync(home, { recursive: true });
// The user's npm settings (registry, proxy) still apply; only the caches are new.
const npmrc = path.join(os.homedir(), '.npmrc');
if (cold && fs.existsSync(npmrc)) fs.copyFileSync(npmrc, path.join(home, '.npmrc'));
const logFile = path.join(home, `start-${cold ? 'cold' : 'warm'}-${Date.now()}.log`);
const out = fs.openSync(logFile, 'a');

const env = { ...process.env, HOME: home, NO_COLOR: '1' };
delete env.N8N_COMPOSIO_CACHE;
for (const key of Object.keys(env)) if (/^npm_config_cache$/i.test(key)) delete env[key];

const startedAt = Date.now();
const loadBefore = os.loadavg();
const samples = [];
const sampler = setInterval(() => samples.push(os.loadavg()[0]), 10000);
const timed = spawn('/usr/bin/time', ['-f', 'CPU user=%U system=%S wall=%e', 'npm', 'start'], {
	cwd: ROOT,
	env,
	stdio: ['ignore', 'pipe', 'pipe'],
});
let readySeconds = null;
let text = '';
const onData = (chunk) => {
	fs.writeSync(out, chunk);
	text += chunk.toString('utf8');
	if (readySeconds === null && /^Ready in/m.test(text)) {
		readySeconds = (Date.now() - startedAt) / 1000;
		// GNU time ignores SIGINT while it waits: Ctrl-C's signal goes to npm, its child.
		const npm = spawnSync('ps', ['-o', 'pid=', '--ppid', String(timed.pid)], { encoding: 'utf8' });
		for (const pid of npm.stdout.split(/\s+/).filter(Boolean)) process.kill(Number(pid), 'SIGINT');
	}
};
timed.stdout.on('data', onData);
timed.stderr.on('data', onData);
timed.on('close', (code) => {
	clearInterval(sampler);
	fs.closeSync(out);
	const cpu = /CPU user=([\d.]+) system=([\d.]+)/.exec(text);
	const round = (n) => Math.round(n * 10) / 10;
	const result = {
		kind: cold ? 'cold' : 'warm',
		date: new Date(startedAt).toISOString(),
		node: process.version,
		cores: os.cpus().length,
		readySeconds,
		exitCode: code,
		cpuSeconds: cpu ? { user: Number(cpu[1]), system: Number(cpu[2]) } : null,
		load: {
			before: loadBefore.map(round),
			during: samples.length
				? {
						min: round(Math.min(...samples)),
						mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
						max: round(Math.max(...samples)),
					}
				: null,
			after: os.loadavg().map(round),
		},
		steps: text
			.split('\n')
			.filter((line) => /^(✔|›|Ready in| {2}\[)/.test(line) && !/ … /.test(line)),
		home,
		log: logFile,
	};
	process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	process.exit(readySeconds === null ? 1 : 0);
});
