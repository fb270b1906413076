// Launcher for `npm run sandbox` (run through tsx). All logic lives in sandbox/src (TypeScript);
// this file only reads argv, prints the banner and handles Ctrl-C / SIGTERM.
import { startSandbox } from './src/index.ts';

const args = process.argv.slice(2);
const flag = (name) => {
	const i = args.indexOf(`--${name}`);
	if (i === -1) return undefined;
	const value = args[i + 1];
	if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
	return value;
};
const number = (name) => {
	const value = flag(name);
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0`);
	return n;
};

if (args.includes('--help') || args.includes('-h')) {
	process.stdout.write(
		'Usage: npm run sandbox -- [--port 4010] [--api-key KEY] [--link-ttl-ms 600000] [--latency-ms 0]\n' +
			'                          [--seed default|empty] [--clock real|frozen]\n' +
			'                          [--allow-private-webhook-urls]\n',
	);
	process.exit(0);
}

const seed = flag('seed');
const clock = flag('clock') ?? 'real';
const sandbox = await startSandbox({
	port: number('port') ?? 4010,
	apiKey: flag('api-key'),
	linkTtlMs: number('link-ttl-ms'),
	latencyMs: number('latency-ms'),
	seed: seed === 'empty' ? 'empty' : 'default',
	clock: { mode: clock === 'frozen' ? 'frozen' : 'real' },
	// Development switch: Composio rejects loopback/private webhook URLs; a local n8n needs them.
	allowPrivateWebhookUrls: args.includes('--allow-private-webhook-urls'),
});
process.stdout.write(`Composio sandbox listening on ${sandbox.url}\nAPI key: ${sandbox.apiKey}\n`);

let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	await sandbox.close();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
