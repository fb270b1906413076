'use strict';
/**
 * Records the promise rejections nobody handled while a test runs. Plain CommonJS because n8n's lint
 * keeps `process` out of TypeScript files; typed with JSDoc, which `npm run typecheck` checks.
 */

/**
 * Starts recording; `stop()` ends it and returns every rejection reason seen meanwhile.
 * @returns {{ stop: () => unknown[] }}
 */
function recordUnhandledRejections() {
	/** @type {unknown[]} */
	const reasons = [];
	/** @param {unknown} reason */
	const onRejection = (reason) => reasons.push(reason);
	process.on('unhandledRejection', onRejection);
	return {
		stop() {
			process.off('unhandledRejection', onRejection);
			return reasons;
		},
	};
}

module.exports = { recordUnhandledRejections };
