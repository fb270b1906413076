#!/usr/bin/env node
/**
 * `npm run test:mutation [-- module ...]`: one Stryker run per module of stryker.conf.mjs (each with its
 * own narrow test list and incremental file), then the score of every mutated file, with the
 * equivalent mutants of EQUIVALENT_MUTANTS counted out. Exits 1 when a module scores below 90 %.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

import { EQUIVALENT_MUTANTS, MODULES, REPORT_DIR } from '../stryker.conf.mjs';

const TARGET = 90;
const args = process.argv.slice(2);
const names = args.length ? args : Object.keys(MODULES);
for (const name of names) {
	if (!MODULES[name]) {
		console.error(`Unknown module "${name}"; one of ${Object.keys(MODULES).join(', ')}`);
		process.exit(2);
	}
}
mkdirSync(REPORT_DIR, { recursive: true });

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Replacements compared without white space (Stryker prints multi-line code in its own layout). */
const compact = (code) => String(code).replace(/\s+/g, '');

function isEquivalent(file, mutant) {
	return EQUIVALENT_MUTANTS.some(
		(e) =>
			e.file === file &&
			e.line === mutant.location.start.line &&
			e.mutator === mutant.mutatorName &&
			(e.replacement === undefined || compact(e.replacement) === compact(mutant.replacement)),
	);
}

const rows = [];
const started = Date.now();
// The commit the run measures (taken before it starts), and whether the tree differed from it.
const commit = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
const dirty =
	spawnSync('git', ['status', '--porcelain', '--', 'nodes', 'test', 'stryker.conf.mjs'], {
		encoding: 'utf8',
	}).stdout.trim() !== '';
for (const name of names) {
	const t0 = Date.now();
	const run = spawnSync('npx', ['stryker', 'run', 'stryker.conf.mjs'], {
		stdio: 'inherit',
		env: { ...process.env, MUTATION_MODULE: name },
	});
	const seconds = Math.round((Date.now() - t0) / 1000);
	const reportFile = `${REPORT_DIR}/${name}.json`;
	if (run.status !== 0 || !existsSync(reportFile)) {
		console.error(`Stryker failed for module ${name} (exit ${run.status})`);
		process.exit(run.status || 1);
	}
	const report = JSON.parse(readFileSync(reportFile, 'utf8'));
	const moduleTotals = { detected: 0, undetected: 0, equivalent: 0 };
	for (const [file, { mutants }] of Object.entries(report.files)) {
		const totals = { detected: 0, undetected: 0, equivalent: 0, survivors: [] };
		for (const mutant of mutants) {
			// A listed mutant that a test kills was not equivalent after all: it counts as detected.
			if (DETECTED.has(mutant.status)) totals.detected++;
			else if (UNDETECTED.has(mutant.status) && isEquivalent(file, mutant)) totals.equivalent++;
			else if (UNDETECTED.has(mutant.status)) {
				totals.undetected++;
				totals.survivors.push(
					`${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName} ${mutant.status} → ${JSON.stringify(mutant.replacement)}`,
				);
			}
		}
		for (const key of ['detected', 'undetected', 'equivalent']) moduleTotals[key] += totals[key];
		rows.push({ module: name, file, seconds, ...totals });
	}
	rows.push({ module: name, file: '(module)', seconds, ...moduleTotals, survivors: [] });
}

const score = (r) =>
	r.detected + r.undetected ? (100 * r.detected) / (r.detected + r.undetected) : 100;
console.log('\nmodule      score   detected  undetected  equivalent  file');
for (const r of rows) {
	console.log(
		`${r.module.padEnd(10)} ${score(r).toFixed(1).padStart(6)} % ${String(r.detected).padStart(8)} ${String(r.undetected).padStart(11)} ${String(r.equivalent).padStart(11)}  ${r.file}${r.file === '(module)' ? ` ${r.seconds} s` : ''}`,
	);
}
const survivors = rows.flatMap((r) => r.survivors);
if (survivors.length) console.log(`\nUndetected mutants:\n${survivors.join('\n')}`);
const summary = {
	date: new Date().toISOString(),
	seconds: Math.round((Date.now() - started) / 1000),
	node: process.version,
	cpus: cpus().length,
	loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
	commit,
	uncommittedChanges: dirty,
	rows: rows.map(({ survivors: list, ...r }) => ({
		...r,
		score: Number(score(r).toFixed(1)),
		survivors: list,
	})),
};
writeFileSync(`${REPORT_DIR}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\n${summary.seconds} s in all; summary in ${REPORT_DIR}/summary.json`);
const below = rows.filter((r) => r.file === '(module)' && score(r) < TARGET);
if (below.length) {
	console.log(`Below ${TARGET} %: ${below.map((r) => r.module).join(', ')}`);
	process.exit(1);
}
