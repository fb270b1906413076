/**
 * The full test run (`npm test`, what CI runs): every suite, TypeScript type-checked by ts-jest with
 * the test tsconfig (tests stay out of dist/). The quick loop is jest.quick.config.js.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
};
