/**
 * `npx tsx bench/profile.mjs [arm] [items]`: runs one execute arm (default the node, `execute:node`;
 * also `execute:http-request`, `execute:raw`) against the sandbox at 20 ms latency under
 * `node --cpu-prof` (`execute:http-request+credential`: with the Composio API credential), and prints the CPU per request and where it went: self time grouped by
 * package / file, and the top functions. The figures in bench/README.md's profile come from here.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { sandboxControl, startSandbox } from '../sandbox/src/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `execute:http-request+credential`: the HTTP Request node with the Composio API credential.
const [arm, variant] = (process.argv[2] ?? 'execute:node').split('+');
const items = Number(process.argv[3] ?? 1000);
const TOOL = { tool: 'SLACK_SEND_MESSAGE', userId: 'user_bob', version: '20251111_00' };

const sandbox = await startSandbox({ port: 0, rateLimit: null, requestLogSize: 10 });
const control = sandboxControl(sandbox.url);
await control.setConfig({ latencyMs: 20 });
await control.resetCounters();
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'composio-profile-'));
const request = JSON.stringify({
	arm,
	params: { ...TOOL, items, concurrency: 10, credential: variant === 'credential' },
	sandbox: { url: sandbox.url, apiKey: sandbox.apiKey },
});
const out = await new Promise((resolve, reject) => {
	const child = spawn(
		process.execPath,
		[
			'--cpu-prof',
			'--cpu-prof-dir',
			profileDir,
			'--require',
			'tsx/cjs',
			path.join('bench', 'arm.cjs'),
			request,
		],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let text = '';
	child.stdout.on('data', (d) => (text += d));
	child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}`))));
});
const requests = (await control.counters()).requests.total;
await sandbox.close();
const result = JSON.parse(
	out
		.split('\n')
		.find((l) => l.startsWith('RESULT '))
		.slice(7),
);
console.log(
	`${arm}: ${items} items, ${requests} requests, ${result.ms.toFixed(0)} ms, CPU ${result.cpuMs.toFixed(0)} ms in the timed part = ${(result.cpuMs / requests).toFixed(3)} ms per request`,
);

// Self time by node of the profile, grouped.
const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
// Only the timed part: the samples between the arm's start and end (the profile's clock is monotonic µs).
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
	at += deltas[i] ?? 0;
	if (at < result.hrStartUs || at > result.hrEndUs) continue;
	const id = profile.samples[i];
	const next = deltas[i + 1] ?? 0;
	self.set(id, (self.get(id) ?? 0) + next);
}
const groupOf = (url) => {
	if (!url) return '(native / gc / idle)';
	const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
	if (m) return m[1];
	if (url.includes('/dist/')) return `package ${url.slice(url.indexOf('/dist/') + 1)}`;
	if (url.startsWith('node:')) return 'node core';
	return url.replace(`file://${ROOT}/`, '');
};
// Inclusive time: a sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of self) {
	const node = byId.get(id);
	if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)')
		continue;
	const seen = new Set();
	for (let at = id; at !== undefined; at = parent.get(at)) {
		const { url, functionName, lineNumber } = byId.get(at).callFrame;
		const key = `${functionName || '(anonymous)'} ${groupOf(url)}:${lineNumber + 1}`;
		if (seen.has(key)) continue;
		seen.add(key);
		inclusive.set(key, (inclusive.get(key) ?? 0) + us);
	}
}
const groups = new Map();
const fns = new Map();
let total = 0;
for (const [id, us] of self) {
	const node = byId.get(id);
	const { url, functionName, lineNumber } = node.callFrame;
	if (functionName === '(idle)' || functionName === '(program)') continue;
	total += us;
	const g = groupOf(url);
	groups.set(g, (groups.get(g) ?? 0) + us);
	const key = `${functionName || '(anonymous)'} ${g}:${lineNumber + 1}`;
	fns.set(key, (fns.get(key) ?? 0) + us);
}
const print = (title, map, n) => {
	console.log(`\n${title}`);
	for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
		console.log(
			`${(us / 1000).toFixed(0).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`,
		);
};
console.log(`timed part: ${(total / 1000).toFixed(0)} ms of samples (not idle)`);
print('self time by package / file', groups, 25);
print('top functions (self time)', fns, 40);
const wanted = (
	process.env.PROFILE_INCLUSIVE ??
	'package |getNodeParameter|getCredentials|authenticate|httpRequest|requestWithAuthentication|constructExecutionMetaData|returnJsonArray|execute n8n-nodes-base|getParameterValue|resolveParameter|evaluate|redact'
).split('|');
print(
	'inclusive time of selected functions',
	new Map([...inclusive].filter(([k]) => wanted.some((w) => k.includes(w)))),
	60,
);
console.log(`\nprofile: ${path.join(profileDir, file)}`);
