'use strict';
// One throw-away n8n "instance": a fresh user folder (SQLite database, settings, community packages)
// driven through the n8n CLI of a cached runtime (see runtime.cjs).
//
//   const n8n = await createInstance(runtime);
//   n8n.installPackage('/path/to/n8n-nodes-composio');   // built package: package.json + dist/
//   await n8n.importCredentials([{ id, name, type, data }]);
//   await n8n.importWorkflows([workflow]);
//   const result = await n8n.execute(workflow.id);       // { ok, nodes: { [nodeName]: json[] }, error, run, ms }
//   n8n.cleanup();

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runN8n } = require('./runtime.cjs');

/** n8n-style id: 16 alphanumerics. */
function newId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(16);
	let id = '';
	for (const byte of bytes) id += alphabet[byte % alphabet.length];
	return id;
}

function describeFailure(what, result) {
	const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
	const how = result.timedOut
		? `timed out after ${result.ms} ms`
		: `exit ${result.code}${result.signal ? `, ${result.signal}` : ''}`;
	return new Error(`n8n ${what} failed (${how}):\n${output}`);
}

/**
 * Finds the run JSON in `n8n execute --rawOutput` output. n8n may print log lines before it, so this
 * tries each line that starts a JSON object, from the top, until the rest of the output parses.
 */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (!lines[i].startsWith('{')) continue;
		const candidate = lines.slice(i).join('\n').trim();
		try {
			return JSON.parse(candidate);
		} catch {
			/* try the next candidate, or a shorter tail below */
		}
		// Trailing log lines after the JSON: cut at the last line that closes the object.
		for (let j = lines.length - 1; j > i; j--) {
			if (lines[j] !== '}') continue;
			try {
				return JSON.parse(lines.slice(i, j + 1).join('\n'));
			} catch {
				break;
			}
		}
	}
	return null;
}

/** Per-node output items (`json` of main output 0 of the node's last run), keyed by node name. */
function nodeOutputs(run) {
	const runData = (run && run.data && run.data.resultData && run.data.resultData.runData) || {};
	const nodes = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = runs[runs.length - 1];
		const main = (last && last.data && last.data.main) || [];
		nodes[name] = (main[0] || []).map((item) => item.json);
	}
	return nodes;
}

function runError(run) {
	const error = run && run.data && run.data.resultData && run.data.resultData.error;
	if (error) return error;
	const runData = (run && run.data && run.data.resultData && run.data.resultData.runData) || {};
	for (const runs of Object.values(runData)) {
		for (const taskData of runs) if (taskData.error) return taskData.error;
	}
	return null;
}

/**
 * Copies a built community package into `<userFolder>/.n8n/nodes/node_modules/<name>` the way n8n's
 * own community-package install lays it out (a real copy, not a link), and lists it in
 * `<userFolder>/.n8n/nodes/package.json`. Node types then are `<name>.<node>`.
 */
function installPackage(userFolder, packageDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const declared = [
		...((pkg.n8n && pkg.n8n.nodes) || []),
		...((pkg.n8n && pkg.n8n.credentials) || []),
	];
	const missing = declared.filter((file) => !fs.existsSync(path.join(packageDir, file)));
	if (!fs.existsSync(path.join(packageDir, 'dist')) || missing.length > 0) {
		throw new Error(
			`${pkg.name} is not built (missing ${missing.length ? missing.join(', ') : 'dist/'}): run \`npm run build\` first`,
		);
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(packageDir, 'dist'), path.join(target, 'dist'), {
		recursive: true,
		dereference: true,
		filter: (source) => !source.endsWith('.tsbuildinfo'),
	});
	for (const name of fs.readdirSync(packageDir)) {
		if (/^(readme|license|licence)(\.|$)/i.test(name))
			fs.copyFileSync(path.join(packageDir, name), path.join(target, name));
	}
	const manifestFile = path.join(nodesDir, 'package.json');
	const manifest = fs.existsSync(manifestFile)
		? JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
	fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
	return {
		name: pkg.name,
		version: pkg.version,
		dir: target,
		nodes: (pkg.n8n && pkg.n8n.nodes) || [],
	};
}

/** A workflow as `n8n import:workflow` takes it: a new id, unpublished, v1 order, unless given. */
function importableWorkflow(workflow) {
	return {
		id: newId(),
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		...workflow,
	};
}

/**
 * A fresh user folder under the OS temp dir. `env` adds variables to every n8n command.
 * Each CLI command boots n8n (a few seconds); the first one also creates the database.
 */
async function createInstance(runtime, { env = {}, timeoutMs = 180000 } = {}) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${runtime.version}-`));
	const scratch = path.join(userFolder, 'inputs');
	fs.mkdirSync(scratch);
	const baseEnv = { N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('hex'), ...env };
	const timings = [];

	async function cli(what, args) {
		const result = await runN8n(runtime, args, { userFolder, env: baseEnv, timeoutMs });
		timings.push({ command: args[0], ms: result.ms });
		if (result.code !== 0) throw describeFailure(what, result);
		return result;
	}

	function writeInput(name, data) {
		const file = path.join(scratch, `${name}-${newId()}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	return {
		runtime,
		userFolder,
		timings,
		installPackage: (packageDir) => installPackage(userFolder, packageDir),
		/** `credentials`: [{ id?, name, type, data }] with plain `data`; n8n encrypts it on import. */
		async importCredentials(credentials) {
			const list = credentials.map((credential) => ({ id: newId(), ...credential }));
			await cli('import:credentials', [
				'import:credentials',
				`--input=${writeInput('credentials', list)}`,
			]);
			return list;
		},
		/** `workflows`: n8n workflow JSON objects ({ id?, name, nodes, connections }). */
		async importWorkflows(workflows) {
			const list = workflows.map(importableWorkflow);
			await cli('import:workflow', ['import:workflow', `--input=${writeInput('workflows', list)}`]);
			return list;
		},
		/**
		 * `n8n execute --id=<id> --rawOutput`. Resolves { ok, nodes, error, run, ms, stdout, stderr };
		 * an execution that ran but failed resolves with ok false. Rejects only when no run JSON came out.
		 */
		async execute(workflowId) {
			const result = await runN8n(runtime, ['execute', `--id=${workflowId}`, '--rawOutput'], {
				userFolder,
				env: baseEnv,
				timeoutMs,
			});
			timings.push({ command: 'execute', ms: result.ms });
			const run = parseRunOutput(result.stdout);
			if (!run)
				throw describeFailure(`execute --id=${workflowId} (no run JSON in its output)`, result);
			const error = runError(run);
			return {
				// The run JSON is the verdict: n8n 2.40 on Node 24 now and then dies with SIGSEGV while
				// exiting, after printing a complete, successful run (seen ~1 in 30 runs).
				ok: !error,
				code: result.code,
				signal: result.signal,
				nodes: nodeOutputs(run),
				error,
				run,
				ms: result.ms,
				stdout: result.stdout,
				stderr: result.stderr,
			};
		},
		/** Any other CLI command, e.g. ['list:workflow']. */
		run: (args) => runN8n(runtime, args, { userFolder, env: baseEnv, timeoutMs }),
		cleanup() {
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Manual Trigger → Set (with an expression): proves a runtime boots, imports and executes. */
function smokeWorkflow() {
	return {
		name: 'smoke',
		nodes: [
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a1b2c3d4-0000-4000-8000-000000000002',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'x1', name: 'answer', value: '={{ 40 + 2 }}', type: 'number' },
							{ id: 'x2', name: 'greeting', value: 'hello', type: 'string' },
						],
					},
					options: {},
				},
			},
		],
		connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
	};
}

async function smokeTest(runtime, { log = () => {} } = {}) {
	const instance = await createInstance(runtime);
	try {
		const [workflow] = await instance.importWorkflows([smokeWorkflow()]);
		const result = await instance.execute(workflow.id);
		const items = result.nodes.Set;
		if (
			!result.ok ||
			!items ||
			items.length !== 1 ||
			items[0].answer !== 42 ||
			items[0].greeting !== 'hello'
		) {
			throw new Error(
				`n8n ${runtime.version}: smoke workflow gave ${JSON.stringify(items)} (error: ${JSON.stringify(result.error)})\n${result.stderr}`,
			);
		}
		log(
			`[n8n ${runtime.version}] smoke timings: ${instance.timings.map((t) => `${t.command} ${t.ms} ms`).join(', ')}`,
		);
		return { items, ms: result.ms, timings: instance.timings };
	} finally {
		instance.cleanup();
	}
}

module.exports = {
	createInstance,
	importableWorkflow,
	installPackage,
	parseRunOutput,
	nodeOutputs,
	smokeWorkflow,
	smokeTest,
	newId,
};
