/**
 * Child process of `bench/run.mjs`: runs one arm (bench/arms.cjs) against the sandbox the parent
 * started and prints one line `RESULT {json}`: the arm's own time (ms), its peak memory and its
 * answer. Started as `node --require tsx/cjs bench/arm.cjs '<json>'`.
 */
const { arms } = require('./arms.cjs');

async function main() {
	const request = JSON.parse(process.argv[2]);
	const arm = arms[request.arm];
	if (!arm) throw new Error(`Unknown arm ${request.arm}`);
	let ms = 0;
	const params = {
		...request.params,
		async timed(fn) {
			const started = performance.now();
			const answer = await fn();
			ms = performance.now() - started;
			return answer;
		},
	};
	const answer = await arm(request.sandbox, params);
	const peakRssMb = process.resourceUsage().maxRSS / 1024;
	process.stdout.write(`RESULT ${JSON.stringify({ ms, peakRssMb, ...answer })}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${error?.stack ?? error}\n`);
		process.exit(1);
	},
);
