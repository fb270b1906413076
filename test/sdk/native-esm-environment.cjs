'use strict';
/**
 * Jest environment for the SDK conformance tests.
 *
 * @composio/core is ESM-only. Jest runs test files as CommonJS inside a vm context, where
 * `import()` needs --experimental-vm-modules. This environment instead exposes the worker's
 * own (native, outside the vm) dynamic import as `__importEsm`, so the SDK is loaded
 * unmodified by Node's ESM loader. The SDK then uses the worker's real globals (fetch, timers).
 *
 * It also records every URL the worker's global fetch is asked for while a test file runs
 * (`__esmFetchLog`), so the tests can assert that the SDK talked to the sandbox only.
 */
const { TestEnvironment } = require('jest-environment-node');

const FETCH_LOG = Symbol.for('n8n-nodes-composio.sdk-fetch-log');

function fetchLog() {
	if (!globalThis[FETCH_LOG]) {
		const log = [];
		const realFetch = globalThis.fetch;
		globalThis.fetch = (input, init) => {
			log.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
			return realFetch(input, init);
		};
		globalThis[FETCH_LOG] = log;
	}
	return globalThis[FETCH_LOG];
}

class NativeEsmEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		const log = fetchLog();
		log.length = 0;
		this.global.__importEsm = (specifier) => import(specifier);
		this.global.__esmFetchLog = log;
	}
}

module.exports = NativeEsmEnvironment;
