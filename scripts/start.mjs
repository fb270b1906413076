#!/usr/bin/env node
// `npm start`: this package in a real n8n editor, against a local Composio sandbox.
//
//   npm start                      build, sandbox on :4010, n8n 2.40.7 on :5678 (or free ports)
//   npm start -- --fresh           forget the previous n8n user folder (owner, workflows, executions)
//   npm start -- --port 5679 --sandbox-port 4011 --verbose
//
// What it does: builds the package; makes sure the cached n8n install exists (the first time this
// installs n8n, several minutes, with progress); starts the sandbox in this process; installs the built
// package into a persistent n8n user folder under the cache the way n8n installs community packages;
// creates the Composio credential pointing at the sandbox and imports the templates from examples/
// (once; the n8n CLI's import commands); starts `n8n start`; sets up the owner account and publishes the
// webhook templates (first start); prints the URLs and what to try. Ctrl-C stops n8n and the sandbox.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import runtimeModule from './n8n/runtime.cjs';
import instanceModule from './n8n/instance.cjs';
import {
	N8N_VERSION,
	ROOT,
	bold,
	buildPackage,
	choosePort,
	dim,
	done,
	eachOption,
	ensureStartN8n,
	red,
	say,
	seconds,
	startLocalSandbox,
	step,
	stopOnSignals,
	usagePrinter,
} from './start/cli.cjs';
import serverModule from './start/n8n-server.cjs';
import {
	CREDENTIAL,
	PUBLISHED,
	WEBHOOK_AUTH_HEADER,
	WEBHOOK_CREDENTIAL,
	composioCredential,
	configureTemplate,
	loadTemplates,
	templateId,
	webhookCredential,
} from './start/templates.cjs';

const { cacheRoot, runN8n } = runtimeModule;
const { installPackage } = instanceModule;
const { OWNER, restClient, startServer } = serverModule;

const STATE_FILE = 'composio-start.json';

const usage = usagePrinter([
	'usage: npm start -- [options]',
	'',
	'  --port <n>          n8n editor port (default 5678, or a free one when it is taken)',
	'  --sandbox-port <n>  Composio sandbox port (default 4010, or a free one when it is taken)',
	'  --fresh             start from an empty n8n user folder (forgets workflows, executions, owner)',
	'  --no-build          use the existing dist/ instead of running `npm run build`',
	'  --user-folder <dir> the n8n user folder (default <cache>/start/n8n-<version>)',
	'  --verbose           show n8n’s own log lines',
	'  --queue             queue mode: main + workers + webhook processors, Redis, Postgres (--queue --help)',
]);

function parseArgs(argv) {
	const options = {
		port: 0,
		sandboxPort: 0,
		fresh: false,
		build: true,
		verbose: false,
		userFolder: '',
	};
	const number = (name, value) => {
		const n = Number(value);
		if (!Number.isInteger(n) || n < 1 || n > 65535) usage(`${name} needs a port number`);
		return n;
	};
	eachOption(argv, (name, value, arg) => {
		if (name === '--port') options.port = number('--port', value());
		else if (name === '--sandbox-port') options.sandboxPort = number('--sandbox-port', value());
		else if (name === '--fresh') options.fresh = true;
		else if (name === '--no-build') options.build = false;
		else if (name === '--user-folder') {
			options.userFolder = value();
			if (!options.userFolder) usage('--user-folder needs a folder');
		} else if (name === '--verbose') options.verbose = true;
		else if (name === '--help' || name === '-h') usage();
		else usage(`unknown option: ${arg}`);
	});
	return options;
}

function readState(userFolder) {
	try {
		return JSON.parse(fs.readFileSync(path.join(userFolder, STATE_FILE), 'utf8'));
	} catch {
		return {};
	}
}

function writeState(userFolder, state) {
	fs.writeFileSync(path.join(userFolder, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

async function cli(runtime, userFolder, args, what) {
	const result = await runN8n(runtime, args, { userFolder, timeoutMs: 180000 });
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
		throw new Error(`n8n ${what} failed (${result.signal || `exit ${result.code}`}):\n${tail}`);
	}
	return result;
}

/**
 * The sandbox starts from its seed every time, so a webhook subscription made on an earlier start
 * is gone; n8n, booting, re-registers the webhooks of published workflows without running their
 * nodes' activation hooks (it trusts the outside world kept them, as Composio would). A published
 * template with a Composio Trigger is therefore unpublished and published again, so the trigger
 * creates the subscription anew. (Templates published by this start ran their hooks already.)
 */
async function renewWebhookSubscriptions(rest, sandbox, templates, published, packageName) {
	const subscription = async () =>
		await (await fetch(`${sandbox.url}/_sandbox/webhooks/subscription`)).json();
	const withTrigger = templates.filter(
		(template) =>
			published.has(templateId(template.number)) &&
			template.workflow.nodes.some((node) => node.type === `${packageName}.composioTrigger`),
	);
	for (const template of withTrigger) {
		const id = templateId(template.number);
		try {
			if ((await subscription()) !== null) return;
			const workflow = await rest.workflow(id);
			if (!workflow.active) continue; // unpublished by the user: leave it so
			await rest.deactivate(id);
			await rest.activate(id);
			// n8n 2.40 publishes in the background: wait for the trigger's activation hook.
			let created = null;
			for (let waited = 0; waited <= 20000 && created === null; waited += 250) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				created = await subscription();
			}
			if (created === null) {
				say(red(`  template ${template.number} did not create its webhook subscription`));
			} else {
				done(`template ${template.number} re-created the sandbox's webhook subscription`);
			}
		} catch (error) {
			say(red(`  could not re-publish template ${template.number}: ${error.message}`));
		}
	}
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const startedAt = Date.now();
	say(
		bold(`${pkg.name} ${pkg.version} in a real n8n ${N8N_VERSION} with a local Composio sandbox`),
	);

	// Cleanup runs once, from a signal or from a failure; everything started so far is stopped.
	let sandbox = null;
	let server = null;
	let stopping = false;
	const stopAll = async (exitCode) => {
		if (stopping) return;
		stopping = true;
		if (server) {
			step('stopping n8n…');
			const exit = await server.stop();
			done(
				`n8n stopped${exit && exit.code !== 0 ? ` (${exit.signal || `exit ${exit.code}`})` : ''}`,
			);
		}
		if (sandbox) {
			await sandbox.close();
			done('sandbox stopped');
		}
		process.exit(exitCode);
	};
	// n8n runs in its own process group (a terminal's Ctrl-C reaches only this script, which stops n8n
	// first); should this script die some other way, n8n is still asked to stop.
	process.on('exit', () => {
		if (server && !server.exited()) {
			try {
				process.kill(server.pid, 'SIGTERM');
			} catch {
				/* already gone */
			}
		}
	});
	stopOnSignals(stopAll);

	try {
		// 1. build
		if (options.build) await buildPackage();
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			if (!fs.existsSync(path.join(ROOT, file))) {
				throw new Error(`${file} is missing: run \`npm run build\` (or drop --no-build)`);
			}
		}

		// 2. n8n (installed once into the cache; several minutes the first time)
		const runtime = await ensureStartN8n();
		let t = Date.now();

		// 3. sandbox, in this process (TypeScript through tsx)
		sandbox = await startLocalSandbox({ port: options.sandboxPort, seedPrefix: 'npm-start' });

		// 4. user folder (persistent, so a second start is fast), package, credential, templates
		const userFolder = options.userFolder
			? path.resolve(options.userFolder)
			: path.join(cacheRoot(), 'start', `n8n-${N8N_VERSION}`);
		if (options.fresh && fs.existsSync(userFolder)) {
			fs.rmSync(userFolder, { recursive: true, force: true });
			done('removed the previous user folder (--fresh)');
		}
		fs.mkdirSync(userFolder, { recursive: true });
		const state = readState(userFolder);
		const installed = installPackage(userFolder, ROOT);
		done(
			`installed ${installed.name} ${installed.version} into ${path.join(userFolder, '.n8n', 'nodes')}`,
		);

		const port = await choosePort(options.port, 5678, 'n8n');
		const editorUrl = `http://localhost:${port}`;
		const inputs = path.join(userFolder, 'inputs');
		fs.mkdirSync(inputs, { recursive: true });

		// The Header Auth secret of the webhook templates: made once per user folder, kept.
		const webhookSecret = state.webhookSecret || crypto.randomBytes(18).toString('base64url');
		if (
			state.credentialBaseUrl !== sandbox.url ||
			state.credentialApiKey !== sandbox.apiKey ||
			state.webhookSecret !== webhookSecret
		) {
			step(
				`creating the credentials "${CREDENTIAL.name}" → ${sandbox.url} and "${WEBHOOK_CREDENTIAL.name}" (n8n import:credentials${state.templates ? '' : '; the first time n8n also creates its database, usually 5–15 s'})…`,
			);
			t = Date.now();
			const file = path.join(inputs, 'credentials.json');
			fs.writeFileSync(
				file,
				JSON.stringify([
					composioCredential({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
					webhookCredential(webhookSecret),
				]),
			);
			await cli(
				runtime,
				userFolder,
				['import:credentials', `--input=${file}`],
				'import:credentials',
			);
			fs.rmSync(file);
			Object.assign(state, {
				credentialBaseUrl: sandbox.url,
				credentialApiKey: sandbox.apiKey,
				webhookSecret,
			});
			writeState(userFolder, state);
			done(`credential ready in ${seconds(Date.now() - t)}`);
		}

		const templates = loadTemplates();
		const imported = new Set(state.templates || []);
		const missing = templates.filter((template) => !imported.has(templateId(template.number)));
		if (missing.length > 0) {
			step(`importing ${missing.length} template(s) from examples/ (n8n import:workflow)…`);
			t = Date.now();
			const file = path.join(inputs, 'templates.json');
			const reconnectUrl = `${editorUrl}/webhook/reconnect`;
			fs.writeFileSync(
				file,
				JSON.stringify(missing.map((template) => configureTemplate(template, { reconnectUrl }))),
			);
			await cli(runtime, userFolder, ['import:workflow', `--input=${file}`], 'import:workflow');
			fs.rmSync(file);
			state.templates = [...imported, ...missing.map((template) => templateId(template.number))];
			writeState(userFolder, state);
			done(`templates imported in ${seconds(Date.now() - t)}`);
		}

		// 5. n8n itself
		step(`starting n8n on ${editorUrl} (usually 5–15 s)…`);
		t = Date.now();
		const logFile = path.join(userFolder, 'n8n.log');
		server = await startServer(runtime, {
			userFolder,
			port,
			host: 'localhost',
			logFile,
			onLine: options.verbose ? (line) => say(dim(`  n8n │ ${line}`)) : undefined,
		});
		done(`n8n is up in ${seconds(Date.now() - t)} (log: ${logFile})`);

		const rest = restClient(`http://127.0.0.1:${port}`, runtime);
		const owner = await rest.ensureOwner(OWNER);
		if (owner === 'created') done(`owner account created (${OWNER.email})`);
		const published = new Set(state.published || []);
		const publishedBefore = new Set(published);
		for (const number of PUBLISHED) {
			const id = templateId(number);
			if (published.has(id) || !(state.templates || []).includes(id)) continue;
			try {
				await rest.activate(id);
				published.add(id);
			} catch (error) {
				say(red(`  could not publish template ${number}: ${error.message}`));
			}
		}
		state.published = [...published];
		writeState(userFolder, state);
		await renewWebhookSubscriptions(rest, sandbox, templates, publishedBefore, pkg.name);

		const names = Object.fromEntries(
			templates.map((template) => [template.number, template.workflow.name]),
		);
		const curl = (route, body) =>
			`curl -s -X POST ${editorUrl}/webhook/${route} -H '${WEBHOOK_AUTH_HEADER}: ${webhookSecret}' -H 'content-type: application/json' -d '${JSON.stringify(body)}'`;
		say();
		say(bold(`Ready in ${seconds(Date.now() - startedAt)}.`));
		say();
		say(`  n8n editor   ${bold(editorUrl)}`);
		say(`  sign in      ${OWNER.email} / ${OWNER.password}`);
		say(`  sandbox      ${sandbox.url}  (Composio-compatible API, API key ${sandbox.apiKey})`);
		say(
			`  credential   "${CREDENTIAL.name}" → the sandbox; ${templates.length} templates in Overview`,
		);
		say(
			`  webhooks     templates 1 and 4 need the header ${WEBHOOK_AUTH_HEADER}: ${webhookSecret} (credential "${WEBHOOK_CREDENTIAL.name}")`,
		);
		say(`  user folder  ${userFolder}  (npm start -- --fresh starts over)`);
		say();
		say(bold('What to try'));
		say(
			`  • Open "${names[4]}", double-click a Composio node: operations, and accounts/tools "From List" load from the sandbox.`,
		);
		say(`  • Onboard a user: ${curl('composio/onboard', { userId: 'user_erin' })}`);
		say(
			'      open the connectUrl it returns (that "signs in" to Gmail); Executions then shows erin’s Gmail profile.',
		);
		say(
			`  • Pause a user (dry run): ${curl('composio/subscription-lapsed', { userId: 'user_bob', dryRun: true })}`,
		);
		say(
			`      without "dryRun" it disables bob’s ACTIVE accounts; …/composio/subscription-renewed resumes them.`,
		);
		say(
			`  • A reconnect link that never expires (open it in a browser): ${editorUrl}/webhook/reconnect?user=user_bob&toolkit=gmail`,
		);
		say(
			`  • "${names[2]}": click "Execute workflow" for this morning’s list of who must reconnect.`,
		);
		say(
			`  • "${names[5]}": add an OpenAI credential to chat with an agent that uses Composio tools.`,
		);
		say(
			`  • Expire dave’s Gmail: curl -s -X POST ${sandbox.url}/_sandbox/accounts/ca_TBVuSHTRVwKE/status -H 'content-type: application/json' -d '{"status":"EXPIRED"}'`,
		);
		say(
			`      the sandbox sends a signed webhook to "${names[6]}"; its execution holds dave’s new Connect Link.`,
		);
		say(
			`  • The sandbox: ${sandbox.url}/_sandbox/counters, reset with curl -s -X POST ${sandbox.url}/_sandbox/reset`,
		);
		say();
		say(dim('Ctrl-C stops n8n and the sandbox.'));

		const exit = await server.waitForExit();
		if (!stopping) {
			say(
				red(
					`n8n exited by itself (${exit.signal || `exit ${exit.code}`}); last lines of ${logFile}:`,
				),
			);
			say(server.tail(30));
			server = null;
			await stopAll(1);
		}
	} catch (error) {
		say(red(`✖ ${error.message}`));
		await stopAll(1);
	}
}

// Queue mode is its own script (scripts/queue/start.mjs); this one stays the single-process start.
if (process.argv.includes('--queue')) {
	const { startQueue } = await import('./queue/start.mjs');
	await startQueue(process.argv.slice(2));
} else {
	await main();
}
