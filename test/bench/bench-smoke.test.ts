/**
 * The benchmark at tiny sizes, so its code cannot rot: every scenario and arm runs, and each arm's
 * answer is checked (the benchmark itself fails when an arm lists, disables or executes the wrong
 * number of items, or when the sandbox counted another number of status changes or executions).
 * Timing is never asserted here; `npm run bench` measures it.
 */
import type { BenchReport } from './bench.helpers.cjs';
import { runBenchSmoke } from './bench.helpers.cjs';

jest.setTimeout(1_200_000);

let report: BenchReport;
let stdout: string;

beforeAll(async () => {
	({ report, stdout } = await runBenchSmoke());
});

it('runs every scenario with every arm', () => {
	expect(report.smoke).toBe(true);
	const arms = report.rows.map((row) => `${row.scenario} / ${row.arm}`);
	expect(arms).toEqual([
		'1. list / node (Get Many, Return All)',
		'1. list / raw fetch loop',
		'1. list / @composio/core',
		'2. disable / node, Concurrency 20',
		'2. disable / node, filter target, Concurrency 20',
		'2. disable / HTTP Request, defaults',
		'2. disable / HTTP Request, batching 20/20 ms',
		'2. disable / raw, 20 at a time (PATCH)',
		'2. disable / raw, 20 at a time (PATCH, new connection each)',
		'3. execute / node, Concurrency 10',
		'3. execute / HTTP Request, defaults',
		'3. execute / HTTP Request, batching 20/20 ms',
		'3. execute / HTTP Request, batching 10/20 ms (≈ 10 in flight)',
		'3. execute / HTTP Request, Composio API credential',
		'3. execute / raw, 10 at a time',
		'3. execute / raw, 10 at a time, new connection each',
		'4. wait / node (Wait for Connection)',
		'5. package / require ComposioConnectedAccount',
		'5. package / require ComposioExecuteTool',
		'5. package / require ComposioProxyRequest',
		'5. package / require ComposioTrigger',
		'5. package / require ComposioAccountStatusTrigger',
		'6. rate limit / node, Concurrency 10',
		'6. rate limit / node, two processes at once, Concurrency 10 each',
		'6. rate limit / HTTP Request, defaults',
		'6. rate limit / HTTP Request, batching 20/20 ms',
	]);
	for (const row of report.rows) expect(row.ms).toBeGreaterThan(0);
});

it('reports the correctness and package targets as met (timing targets are only reported)', () => {
	const byTarget = Object.fromEntries(report.checks.map((c) => [c.target, c]));
	expect(byTarget['executions counted = items'].pass).toBe(true);
	expect(byTarget['zero runtime dependencies']).toMatchObject({ value: '0', pass: true });
	expect(byTarget['tarball ≤ 150 KB'].value).toMatch(/^\d+\.\d KB/);
	const wait = report.rows.find((row) => row.scenario === '4. wait');
	expect(wait?.requests).toBeGreaterThanOrEqual(1);
	// One PATCH per account on One Account (the previous status is read only when asked for).
	expect(byTarget['One Account: one request per account by default']).toMatchObject({
		value: '1.00 requests per account',
		pass: true,
	});
	// Under the rate limit the paced node loses nothing and runs nothing twice, also with two
	// processes spending the same count at once.
	for (const arm of ['node, Concurrency 10', 'node, two processes at once, Concurrency 10 each']) {
		// The whole check (with what was counted) so a failure shows the numbers.
		const exact = byTarget[`${arm}: every item executed exactly once`];
		expect({ ...exact, pass: exact.pass }).toEqual({ ...exact, pass: true });
		expect(
			byTarget[`${arm}: ≤ 1 % of requests answered 429 at steady state (from the third window on)`],
		).toBeDefined();
		expect(byTarget[`${arm}: total time within 10 % of the floor the limit imposes`]).toBeDefined();
	}
	const pair = report.rows.find(
		(row) => row.arm === 'node, two processes at once, Concurrency 10 each',
	);
	expect(pair).toMatchObject({ executed: 60, failed: 0 });
	// CPU per request is measured for every execute arm.
	for (const row of report.rows.filter((r) => r.scenario === '3. execute'))
		expect(row.cpuPerRequest).toBeGreaterThan(0);
});

it('prints the results table and the targets', () => {
	expect(stdout).toContain('| scenario');
	expect(stdout).toMatch(/\| 2\. disable +\| node, Concurrency 20/);
	expect(stdout).toMatch(
		/\| 6\. rate limit \| node, Concurrency 10: every item executed exactly once +\| 30\/30 executed/,
	);
	expect(stdout).toMatch(/\| (met|MISSED) +\|/);
});
