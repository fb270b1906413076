/**
 * The mutation-testing setup (stryker.conf.mjs) still names real code: every file a module mutates
 * or runs exists, and every equivalent mutant points at a line its file has. The mutation run is
 * not part of `npm test`, so without this a renamed file would only show when someone runs it.
 */
import { exists, readText } from '../harness/repository.cjs';

const config = readText('stryker.conf.mjs');

/** The code and test paths the config names, as written in it. */
const named = [...config.matchAll(/'((?:nodes|test)\/[^']+\.(?:ts|cjs))'/g)].map((m) => m[1]);

/** The `file` and `line` of every entry of EQUIVALENT_MUTANTS. */
const equivalents = [...config.matchAll(/file: '([^']+)',\s*line: (\d+),/g)].map((m) => ({
	file: m[1],
	line: Number(m[2]),
}));

describe('stryker.conf.mjs', () => {
	it('names files that exist', () => {
		expect(named.length).toBeGreaterThan(20);
		expect(named.filter((file) => !exists(file))).toEqual([]);
	});

	it('lists equivalent mutants on lines their files have', () => {
		expect(equivalents.length).toBeGreaterThan(20);
		const outside = equivalents.filter(
			({ file, line }) => !exists(file) || readText(file).split('\n').length < line,
		);
		expect(outside).toEqual([]);
	});
});
