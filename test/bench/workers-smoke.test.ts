/**
 * The workers benchmark (bench/workers.mjs) at tiny sizes, so its code cannot rot: a queue-mode
 * topology (Redis, Postgres, main, two workers, a webhook processor) runs the same Execute Tool work
 * with two workers and then one. The benchmark itself fails when an item is not executed exactly
 * once. Timing is never asserted here; `npm run bench` measures it.
 */
import type { WorkersReport } from './workers.helpers.cjs';
import { runWorkersSmoke } from './workers.helpers.cjs';

jest.setTimeout(15 * 60 * 1000);

let report: WorkersReport;

beforeAll(async () => {
	({ report } = await runWorkersSmoke());
});

it('runs both arms, one worker and two', () => {
	expect(report.rows.map((row) => row.arm.split(' (')[0])).toEqual(['1 worker', '2 workers']);
	for (const row of report.rows) expect(row.ms).toBeGreaterThan(0);
});

it('executes every item exactly once and uses both workers when two run', () => {
	const byTarget = Object.fromEntries(report.checks.map((c) => [c.target, c]));
	expect(byTarget['every item executed exactly once'].pass).toBe(true);
	expect(byTarget['executions on both workers'].pass).toBe(true);
	expect(byTarget['2 workers vs 1 ≥ 1.5×'].value).toMatch(/^\d+\.\d\d×$/);
});
