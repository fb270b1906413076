'use strict';
/**
 * Process and file-system glue for queue.test.ts (the n8n lint keeps `process`, `fs` and
 * `child_process` out of .ts files). The topology itself is scripts/queue/topology.cjs. Typed with
 * JSDoc, which `npm run typecheck` checks.
 */
const fs = require('node:fs');
const path = require('node:path');
const { cacheRoot } = require('../../scripts/n8n/runtime.cjs');
const { startTopology } = require('../../scripts/queue/topology.cjs');

/**
 * @typedef {import('../../scripts/queue/topology.cjs').QueueProcess} QueueProcess
 * @typedef {import('../../scripts/queue/topology.cjs').Topology} Topology
 * @typedef {import('../../scripts/queue/topology.cjs').TopologyOptions} TopologyOptions
 */

/** Measurements of the last queue-mode run, kept next to the cached installs (for docs/queue-mode.md). */
const RESULTS_FILE = path.join(cacheRoot(), 'queue', 'last-results.json');

/**
 * Records measurement `name` in RESULTS_FILE (with the time) and prints it.
 * @param {string} name
 * @param {Record<string, unknown>} value
 */
function recordResult(name, value) {
	fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
	/** @type {Record<string, unknown>} */
	let results = {};
	try {
		results = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
	} catch {
		/* first result */
	}
	results[name] = { ...value, at: new Date().toISOString() };
	fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
	process.stdout.write(`[queue] ${name}: ${JSON.stringify(value)}\n`);
}

/**
 * Progress lines on stderr (jest keeps stdout of passing tests quiet only with --silent).
 * @param {string} line
 */
function progress(line) {
	if (process.env.QUEUE_E2E_VERBOSE) process.stderr.write(`${line}\n`);
}

module.exports = { startTopology, recordResult, progress, RESULTS_FILE };
