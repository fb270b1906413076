/**
 * `npm ci` prints an EBADENGINE warning for every installed package whose `engines.node` leaves out
 * the running Node. This package promises Node >= 20.15 (package.json `engines`); the dev tree has
 * packages that want Node 22 or 24, pulled in by the test and lint tools and impossible to pin back
 * (see docs/first-start.md). This test keeps that list honest: the packages whose ranges exclude a
 * promised Node version are exactly the ones the docs name, with the same ranges, and all of them
 * are dev-only (the published package has no dependencies, so users of the nodes never meet them).
 */
import { documentedEngineWarnings, engineMismatches, packageJson } from './engines.helpers.cjs';

/** The lowest promised Node, the Node 20 the suite runs on, and the first Node 22 and 24 releases. */
const PROMISED = ['20.15.0', '20.20.2', '22.0.0', '24.0.0'];

it('promises Node >= 20.15, with no runtime dependencies', () => {
	const pkg = packageJson();
	expect(pkg.engines.node).toBe('>=20.15');
	expect(pkg.dependencies ?? {}).toEqual({});
});

it('the packages whose engines exclude a promised Node are the documented ones, all dev-only', () => {
	const documented = documentedEngineWarnings();
	expect(documented).not.toBeNull();
	const found = engineMismatches(PROMISED);
	expect(found.filter((entry) => !entry.dev)).toEqual([]);
	expect(
		found.map((entry) => ({
			name: entry.name,
			version: entry.version,
			range: entry.range,
			failsOn: entry.failsOn,
		})),
	).toEqual(documented);
});
