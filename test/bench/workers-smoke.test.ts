/**
 * The workers benchmark (bench/workers.mjs) at tiny sizes, so its code cannot rot: a queue-mode
 * topology (Redis, Postgres, main, two workers, a webhook processor) runs the same Execute Tool work
 * with two workers and then one, then with two against a rate-limited sandbox (the two workers'
 * pacers share the server's count). The benchmark itself fails when an item is not executed exactly
 * once. Timing and the share of 429 answers are never asserted here; `npm run bench` measures them.
 */
import type { WorkersReport } from './workers.helpers.cjs';
import { runWorkersSmoke } from './workers.helpers.cjs';

jest.setTimeout(15 * 60 * 1000);

let report: WorkersReport;

beforeAll(async () => {
	({ report } = await runWorkersSmoke());
});

it('runs every arm: one worker, two, and two under a rate limit', () => {
	expect(report.rows.map((row) => row.arm.split(' (')[0])).toEqual([
		'1 worker',
		'2 workers',
		'2 workers, rate limited',
	]);
	for (const row of report.rows) expect(row.ms).toBeGreaterThan(0);
});

it('executes every item exactly once and uses both workers when two run', () => {
	const byTarget = Object.fromEntries(report.checks.map((c) => [c.target, c]));
	expect(byTarget['every item executed exactly once'].pass).toBe(true);
	expect(byTarget['executions on both workers'].pass).toBe(true);
	expect(byTarget['2 workers vs 1 ≥ 1.5×'].value).toMatch(/^\d+\.\d\d×$/);
});

it('under a rate limit, two workers execute every item exactly once (429s are sent again, never lost or doubled)', () => {
	const byTarget = Object.fromEntries(report.checks.map((c) => [c.target, c]));
	const exact = byTarget['rate limited, 2 workers: every item executed exactly once'];
	expect(exact.pass).toBe(true);
	const limited = report.rows.find((row) => row.arm.startsWith('2 workers, rate limited'));
	// The rate limit was on: the sandbox sent its headers and counted the requests.
	expect(limited?.requests).toBeGreaterThanOrEqual(
		report.environment.size.rateLimited.executions * report.environment.size.rateLimited.items,
	);
	expect(byTarget['rate limited, 2 workers: ≤ 1 % of requests answered 429'].value).toMatch(
		/^\d+\.\d\d % \(\d+ of \d+\)$/,
	);
});
