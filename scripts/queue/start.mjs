// `npm start -- --queue`: this package in n8n's queue mode on one machine, against a local sandbox.
//
//   npm start -- --queue                        main + 2 workers + 1 webhook processor, Redis, Postgres
//   npm start -- --queue --workers 3 --webhooks 2 --port 5678 --sandbox-port 4010 --verbose
//
// Builds the package, makes sure n8n 2.40.7 is installed (scripts/n8n) and that redis-server and
// postgresql are (Debian packages, installed once as root when missing), starts the sandbox in this
// process, Redis and Postgres on free ports, imports the credential and the templates into a fresh
// Postgres database, starts the main (`n8n start`), the workers (`n8n worker`) and the webhook
// processors (`n8n webhook`), each with the package in its own user folder, publishes the webhook
// templates, and prints where everything is. Ctrl-C stops every process and removes the database
// (each start is fresh: the sandbox starts from its seed too).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	N8N_VERSION,
	ROOT,
	bold,
	buildPackage,
	choosePort,
	dim,
	done,
	ensureStartN8n,
	eachOption,
	red,
	say,
	seconds,
	startLocalSandbox,
	step,
	stopOnSignals,
	usagePrinter,
} from '../start/cli.cjs';
import serverModule from '../start/n8n-server.cjs';
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
} from '../start/templates.cjs';
import topologyModule from './topology.cjs';

const { OWNER, restClient } = serverModule;
const { startTopology } = topologyModule;

const usage = usagePrinter([
	'usage: npm start -- --queue [options]',
	'',
	'  --workers <n>       n8n workers (default 2)',
	'  --webhooks <n>      n8n webhook processors (default 1)',
	'  --port <n>          the main’s editor port (default 5678, or a free one when it is taken)',
	'  --sandbox-port <n>  Composio sandbox port (default 4010, or a free one when it is taken)',
	'  --no-build          use the existing dist/ instead of running `npm run build`',
	'  --verbose           show the n8n processes’ own log lines',
]);

function parseArgs(argv) {
	const options = { workers: 2, webhooks: 1, port: 0, sandboxPort: 0, build: true, verbose: false };
	const count = (name, value, min) => {
		const n = Number(value);
		if (!Number.isInteger(n) || n < min || n > 16)
			usage(`${name} needs a number from ${min} to 16`);
		return n;
	};
	eachOption(argv, (name, value, arg) => {
		if (name === '--queue') return;
		else if (name === '--workers') options.workers = count('--workers', value(), 1);
		else if (name === '--webhooks') options.webhooks = count('--webhooks', value(), 1);
		else if (name === '--port') options.port = Number(value());
		else if (name === '--sandbox-port') options.sandboxPort = Number(value());
		else if (name === '--no-build') options.build = false;
		else if (name === '--verbose') options.verbose = true;
		else if (name === '--help' || name === '-h') usage();
		else usage(`unknown option for --queue: ${arg}`);
	});
	for (const [name, port] of [
		['--port', options.port],
		['--sandbox-port', options.sandboxPort],
	]) {
		if (port && (!Number.isInteger(port) || port < 1 || port > 65535))
			usage(`${name} needs a port number`);
	}
	return options;
}

export async function startQueue(argv) {
	const options = parseArgs(argv);
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const startedAt = Date.now();
	say(
		bold(
			`${pkg.name} ${pkg.version} in n8n ${N8N_VERSION} queue mode (main + ${options.workers} worker(s) + ${options.webhooks} webhook processor(s)) with a local Composio sandbox`,
		),
	);

	let sandbox = null;
	let topology = null;
	let stopping = false;
	const stopAll = async (exitCode) => {
		if (stopping) return;
		stopping = true;
		if (topology) {
			step('stopping the webhook processors, the main, the workers, Redis and Postgres…');
			await topology.stop().catch((error) => say(red(`  ${error.message}`)));
			fs.rmSync(topology.root, { recursive: true, force: true });
			done('n8n, Redis and Postgres stopped');
		}
		if (sandbox) {
			await sandbox.close();
			done('sandbox stopped');
		}
		process.exit(exitCode);
	};
	stopOnSignals(stopAll);

	try {
		if (options.build) await buildPackage();
		const runtime = await ensureStartN8n();

		sandbox = await startLocalSandbox({
			port: options.sandboxPort,
			seedPrefix: 'npm-start-queue',
		});

		const mainPort = await choosePort(options.port, 5678, 'n8n');
		step('Redis, Postgres (installed from Debian once when missing)…');
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-start-'));
		topology = await startTopology(runtime, {
			packageDir: ROOT,
			workers: options.workers,
			webhooks: options.webhooks,
			root,
			mainPort,
			log: (line) => say(dim(`  ${line}`)),
			onLine: options.verbose ? (name, line) => say(dim(`  ${name} │ ${line}`)) : undefined,
		});
		done(
			`Redis on ${topology.redis.host}:${topology.redis.port}, Postgres ${topology.postgres.version} on ${topology.postgres.host}:${topology.postgres.port}`,
		);

		const webhookSecret = crypto.randomBytes(18).toString('base64url');
		step(
			'importing the credential and the templates into Postgres (n8n import:*; the first command also creates n8n’s tables: minutes on a busy machine)…',
		);
		let t = Date.now();
		await topology.importCredentials([
			composioCredential({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
			webhookCredential(webhookSecret),
		]);
		const templates = loadTemplates();
		const reconnectUrl = `${topology.webhookUrl}webhook/reconnect`;
		await topology.importWorkflows(
			templates.map((template) => configureTemplate(template, { reconnectUrl })),
		);
		done(`imported in ${seconds(Date.now() - t)}`);

		step(
			`starting the main, ${options.workers} worker(s) and ${options.webhooks} webhook processor(s) (1–3 minutes)…`,
		);
		t = Date.now();
		await topology.start();
		done(`n8n is up in ${seconds(Date.now() - t)}`);
		const rest = restClient(topology.main.url, runtime);
		await rest.ensureOwner(OWNER);
		for (const number of PUBLISHED) {
			try {
				await rest.activate(templateId(number));
			} catch (error) {
				say(red(`  could not publish template ${number}: ${error.message}`));
			}
		}
		done(`published templates ${PUBLISHED.join(', ')}`);

		const editorUrl = `http://localhost:${mainPort}`;
		const hook = topology.webhooks[0].url;
		const logs = path.join(root, 'logs');
		say();
		say(bold(`Ready in ${seconds(Date.now() - startedAt)}.`));
		say();
		say(`  n8n editor (main)    ${bold(editorUrl)}   sign in ${OWNER.email} / ${OWNER.password}`);
		for (const processor of topology.webhooks) {
			say(
				`  ${processor.name.padEnd(20)} ${processor.url}/webhook/…  (pid ${processor.pid}; production webhooks)`,
			);
		}
		for (const worker of topology.workers) {
			say(`  ${worker.name.padEnd(20)} pid ${worker.pid}  (runs the executions)`);
		}
		say(`  Redis                ${topology.redis.host}:${topology.redis.port}  (the queue)`);
		say(
			`  Postgres             postgres://${topology.postgres.user}:${topology.postgres.password}@${topology.postgres.host}:${topology.postgres.port}/${topology.database}`,
		);
		say(
			`  sandbox              ${sandbox.url}  (API key ${sandbox.apiKey}; counters at /_sandbox/counters)`,
		);
		say(`  logs                 ${logs}/{main,worker-1,…,webhook-1}.log`);
		say(`  user folders         ${root}/{main,worker-1,…,webhook-1}  (the package in each)`);
		say();
		say(bold('What to try'));
		say(
			`  • ${`curl -s -X POST ${hook}/webhook/composio/subscription-lapsed -H '${WEBHOOK_AUTH_HEADER}: ${webhookSecret}' -H 'content-type: application/json' -d '{"userId":"user_bob","dryRun":true}'`}`,
		);
		say(
			`      (credential "${WEBHOOK_CREDENTIAL.name}"); the webhook processor takes it, a worker runs it:`,
		);
		say(`      grep "Worker started execution" ${logs}/worker-*.log`);
		say(
			`  • Expire dave’s Gmail: curl -s -X POST ${sandbox.url}/_sandbox/accounts/ca_TBVuSHTRVwKE/status -H 'content-type: application/json' -d '{"status":"EXPIRED"}'`,
		);
		say(
			'      the sandbox delivers a signed webhook to the webhook processor; a worker runs template 6.',
		);
		say(`  • Executions of every worker show in the editor (Overview → Executions).`);
		say();
		say(
			dim('Ctrl-C stops every n8n process, Redis, Postgres (its data is removed) and the sandbox.'),
		);

		const exit = await Promise.race([
			topology.main.waitForExit().then((e) => ({ name: 'main', ...e })),
			...topology.workers.map((w) => w.waitForExit().then((e) => ({ name: w.name, ...e }))),
			...topology.webhooks.map((w) => w.waitForExit().then((e) => ({ name: w.name, ...e }))),
		]);
		if (!stopping) {
			say(
				red(
					`${exit.name} exited by itself (${exit.signal || `exit ${exit.code}`}); see ${logs}/${exit.name}.log`,
				),
			);
			await stopAll(1);
		}
	} catch (error) {
		say(red(`✖ ${error.message}`));
		await stopAll(1);
	}
}
