/**
 * The quick loop (`npm run test:quick`): the suites that need neither dist/ nor a real n8n install
 * nor a browser — unit, engine (n8n-core's engine in-process), sandbox, sdk and reliability without
 * its three exhaustive runs (the fault matrix, the secret-leak scan and the 10 000-item load test
 * take minutes each; registries.test.ts checks here that their registries miss no operation).
 * Files are transpiled without type-checking (`npm run typecheck` does that once for the whole
 * project, instead of ts-jest once per test file); what the tests assert is the same as in the
 * full run (`npm test`, jest.config.js), which runs every suite.
 */
const full = require('./jest.config.js');

module.exports = {
	...full,
	testMatch: ['<rootDir>/test/{unit,engine,sandbox,sdk,reliability}/**/*.test.ts'],
	testPathIgnorePatterns: [
		'/node_modules/',
		// These read the built package (dist/): the full run builds it first.
		'<rootDir>/test/unit/package-contents\\.test\\.ts$',
		'<rootDir>/test/reliability/published-files\\.test\\.ts$',
		// The exhaustive runs (minutes each).
		'<rootDir>/test/reliability/(fault-matrix|secret-leak|load)\\.test\\.ts$',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.quick.json' }] },
};
