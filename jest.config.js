/**
 * The full test run (`npm test`, what CI runs): every suite, TypeScript type-checked by ts-jest with
 * the test tsconfig (tests stay out of dist/). The quick loop is jest.quick.config.js.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// Jest's default 5 s per test is a timing check in disguise: on 2 cores shared with other work a
	// test of 130 accounts over real HTTP can take longer. A hang still fails, after a minute.
	testTimeout: 60_000,
};
