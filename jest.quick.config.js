/**
 * The quick loop (`npm run test:quick`): the suites that need neither dist/ nor a real n8n install
 * nor a browser — unit, engine (n8n-core's engine in-process), sandbox, sdk and reliability. Files
 * are transpiled without type-checking (`npm run typecheck` does that once for the whole project,
 * instead of ts-jest once per test file); what the tests assert is the same as in the full run.
 */
const full = require('./jest.config.js');

module.exports = {
	...full,
	testMatch: ['<rootDir>/test/{unit,engine,sandbox,sdk,reliability}/**/*.test.ts'],
	// These read the built package (dist/): the full run builds it first.
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/unit/package-contents\\.test\\.ts$',
		'<rootDir>/test/reliability/published-files\\.test\\.ts$',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.quick.json' }] },
};
