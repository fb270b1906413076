/**
 * Runs `bench/workers.mjs --smoke` (queue mode: two workers, then one; tiny sizes) in a child
 * process and returns its JSON report. The benchmark throws when an item was not executed exactly
 * once or an execution failed.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function runWorkersSmoke() {
	const json = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'composio-workers-')),
		'report.json',
	);
	const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[tsx, path.join('bench', 'workers.mjs'), '--smoke', '--json', json],
			{ cwd: ROOT, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: '' } },
			(error, stdout, stderr) => {
				if (error) {
					reject(
						new Error(`bench/workers.mjs --smoke failed: ${error.message}\n${stderr.slice(-3000)}`),
					);
					return;
				}
				resolve({ report: JSON.parse(fs.readFileSync(json, 'utf8')), stdout, stderr });
			},
		);
	});
}

module.exports = { runWorkersSmoke };
