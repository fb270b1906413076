/**
 * Runs `bench/run.mjs --smoke` (tiny sizes, one repetition) in a child process and returns its
 * JSON report. The benchmark checks its own arms' answers (every item listed, disabled or executed
 * exactly once, counted by the sandbox) and exits non-zero when one is wrong.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function runBenchSmoke() {
	const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'composio-bench-')), 'report.json');
	const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[tsx, path.join('bench', 'run.mjs'), '--smoke', '--json', json],
			{ cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) {
					reject(new Error(`bench --smoke failed: ${error.message}\n${stderr.slice(-3000)}`));
					return;
				}
				resolve({ report: JSON.parse(fs.readFileSync(json, 'utf8')), stdout });
			},
		);
	});
}

module.exports = { runBenchSmoke };
