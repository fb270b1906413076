/**
 * What `npm publish` ships, asked of npm itself (`npm pack --dry-run --json`): only what an n8n user
 * needs — the built package under dist/, the entry point package.json names, README, LICENSE,
 * CHANGELOG and package.json — and no tests, sandbox, benchmarks, scripts, templates or sources. Its
 * size stays within the benchmark's package limit (bench/run.mjs, scenario "5. package": tarball
 * ≤ 150 KB; README → Benchmarks quotes the measured figure).
 *
 * Needs `npm run build` (dist/).
 */
import { packDryRun, packageJson } from '../harness/repository.cjs';

/** bench/run.mjs `packageScenario()`: the tarball limit the benchmark checks. */
const BENCH_TARBALL_LIMIT_BYTES = 150 * 1024;

const pkg = packageJson();
const pack = packDryRun();
const paths = pack.files.map((file) => file.path);

describe('the published tarball (npm pack --dry-run)', () => {
	it('is the package named and versioned in package.json', () => {
		expect({ name: pack.name, version: pack.version }).toEqual({
			name: pkg.name,
			version: pkg.version,
		});
	});

	it('holds only dist/, the entry point, README, LICENSE, CHANGELOG and package.json', () => {
		const outside = paths.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(
			['CHANGELOG.md', 'LICENSE', 'README.md', pkg.main, 'package.json'].sort(),
		);
	});

	it('has no tests, sandbox, benchmarks, scripts, templates, TypeScript sources or docs', () => {
		const forbidden =
			/^(test|sandbox|bench|scripts|examples|docs|nodes|credentials|icons|\.github|\.ci|node_modules)\//;
		expect(paths.filter((file) => forbidden.test(file))).toEqual([]);
		expect(paths.filter((file) => /\.test\.|\.cjs$|\.mjs$|\.d\.cts$/.test(file))).toEqual([]);
		// source maps point at TypeScript sources that are not shipped: they would only add weight
		expect(paths.filter((file) => file.endsWith('.map'))).toEqual([]);
		// TypeScript only as declarations next to the compiled JavaScript
		expect(paths.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
		// the repository's tool configs stay home
		for (const file of [
			'tsconfig.json',
			'tsconfig.test.json',
			'jest.config.js',
			'eslint.config.mjs',
			'gulpfile.js',
			'.npmrc',
			'package-lock.json',
		]) {
			expect(paths).not.toContain(file);
		}
	});

	it('holds every node and credential file package.json declares, with its icon', () => {
		const declared: string[] = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		for (const file of declared) expect(paths).toContain(file);
		expect(
			paths.filter((file) => file.startsWith('dist/icons/') && file.endsWith('.svg')).length,
		).toBeGreaterThan(0);
		for (const node of pkg.n8n.nodes as string[]) {
			// the codex file n8n reads for the node creator's categories
			expect(paths).toContain(node.replace(/\.js$/, '.json'));
		}
	});

	it('has no runtime dependencies (n8n-workflow is a peer, provided by n8n)', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});

	it(`stays within the benchmark's package limit (${BENCH_TARBALL_LIMIT_BYTES / 1024} KB gzipped)`, () => {
		expect(pack.size).toBeGreaterThan(0);
		expect(pack.size).toBeLessThanOrEqual(BENCH_TARBALL_LIMIT_BYTES);
		expect(pack.entryCount).toBe(pack.files.length);
	});
});
