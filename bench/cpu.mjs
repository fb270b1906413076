/**
 * `npx tsx bench/cpu.mjs [reps] [items] [arm…]`: CPU per request of execute arms, alternated, median of
 * the repetitions (20 ms latency, Concurrency 10). A quick A/B while changing the node; `npm run bench`
 * reports the same figure as a target.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { sandboxControl, startSandbox } from '../sandbox/src/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reps = Number(process.argv[2] ?? 3);
const items = Number(process.argv[3] ?? 1000);
const arms = process.argv.slice(4).length
	? process.argv.slice(4)
	: ['execute:node', 'execute:http-request', 'execute:raw'];
const TOOL = { tool: 'SLACK_SEND_MESSAGE', userId: 'user_bob', version: '20251111_00' };

const sandbox = await startSandbox({ port: 0, rateLimit: null, requestLogSize: 10 });
const control = sandboxControl(sandbox.url);
const runArm = (spec) =>
	new Promise((resolve, reject) => {
		const [arm, variant] = spec.split('+');
		const request = JSON.stringify({
			arm,
			params: { ...TOOL, items, concurrency: 10, ...(variant ? { [variant]: true } : {}) },
			sandbox: { url: sandbox.url, apiKey: sandbox.apiKey },
		});
		const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'bench/arm.cjs', request], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let text = '';
		child.stdout.on('data', (d) => (text += d));
		child.on('close', (code) =>
			code === 0
				? resolve(
						JSON.parse(
							text
								.split('\n')
								.find((l) => l.startsWith('RESULT '))
								.slice(7),
						),
					)
				: reject(new Error(`${spec}: exit ${code}`)),
		);
	});
const results = Object.fromEntries(arms.map((a) => [a, []]));
for (let rep = 0; rep < reps; rep++) {
	for (const arm of arms) {
		await control.reset();
		await control.setConfig({ latencyMs: 20, rateLimit: null });
		await control.resetCounters();
		const r = await runArm(arm);
		const requests = (await control.counters()).requests.total;
		const perRequest = r.cpuMs / requests;
		results[arm].push({ ...r, requests, perRequest });
		console.error(
			`${arm}: ${r.ms.toFixed(0)} ms, ${requests} requests, ${perRequest.toFixed(3)} ms CPU per request`,
		);
	}
}
await sandbox.close();
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
for (const arm of arms) {
	const m = median(results[arm].map((r) => r.perRequest));
	console.log(
		`${arm.padEnd(32)} ${m.toFixed(3)} ms CPU per request, ${median(results[arm].map((r) => r.ms)).toFixed(0)} ms`,
	);
}
