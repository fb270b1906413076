/**
 * The Jest environment of the mutation runs (stryker.conf.mjs). Stryker's Jest runner runs every
 * mutant in the same worker process, but Jest loads each test file's modules afresh, so n8n-core and
 * n8n-workflow (about 3 of the 5 s an engine test file takes to start) were loaded again for every
 * mutant. Here Node loads them once per worker and the test files get these instances (mapped by
 * moduleNameMapper to ./shared/*.cjs); the code under test, the tests and the sandbox are still
 * loaded afresh for every mutant. Not used by `npm test`, whose files each get their own copies.
 */
const { TestEnvironment } = require('jest-environment-node');

const SHARED = {
	'n8n-workflow': require('n8n-workflow'),
	'n8n-core': require('n8n-core'),
	'@n8n/di': require('@n8n/di'),
};

class SharedModulesEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		this.global.__mutationSharedModules = SHARED;
	}
}

module.exports = SharedModulesEnvironment;
