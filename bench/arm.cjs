/**
 * Child process of `bench/run.mjs`: runs one arm (bench/arms.cjs) against the sandbox the parent
 * started and prints one line `RESULT {json}`: the arm's own time (ms), its peak memory and its
 * answer, and the CPU it used in the timed part. Started as `node --require tsx/cjs bench/arm.cjs '<json>'`.
 */
const { arms } = require('./arms.cjs');

async function main() {
	const request = JSON.parse(process.argv[2]);
	const arm = arms[request.arm];
	if (!arm) throw new Error(`Unknown arm ${request.arm}`);
	let ms = 0;
	let cpuMs = 0;
	let startedAt = 0;
	let endedAt = 0;
	// Monotonic µs, the clock of `--cpu-prof` profiles (bench/profile.mjs keeps the timed part's samples).
	let hrStartUs = 0;
	let hrEndUs = 0;
	const params = {
		...request.params,
		async timed(fn) {
			// Arms that run side by side (two engine processes) start together at an agreed moment,
			// after each has loaded n8n.
			if (request.params.startAt) {
				const wait = request.params.startAt - Date.now();
				if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
			}
			const cpu = process.cpuUsage();
			hrStartUs = Number(process.hrtime.bigint() / 1000n);
			startedAt = Date.now();
			const started = performance.now();
			const answer = await fn();
			ms = performance.now() - started;
			endedAt = Date.now();
			hrEndUs = Number(process.hrtime.bigint() / 1000n);
			const used = process.cpuUsage(cpu);
			cpuMs = (used.user + used.system) / 1000;
			return answer;
		},
	};
	const answer = await arm(request.sandbox, params);
	const peakRssMb = process.resourceUsage().maxRSS / 1024;
	process.stdout.write(
		`RESULT ${JSON.stringify({ ms, cpuMs, startedAt, endedAt, hrStartUs, hrEndUs, peakRssMb, ...answer })}\n`,
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	},
);
