/**
 * `npm start` stops on SIGINT sent to the npm process alone (`kill -INT <pid>`), as Ctrl-C in a
 * terminal stops it: npm runs the script through `sh -c`, and the package's start script `exec`s
 * node so the signal npm passes on reaches scripts/start.mjs, which stops n8n, then the sandbox,
 * and exits with the status the README states (0). Needs `npm run build` and n8n 2.40.7 in the
 * cache (`npm run n8n:install`); uses its own n8n user folder, never the one of your `npm start`.
 */
import { pollUntil } from '../harness/poll';
import { requireBuiltPackage, requireN8n } from './real-n8n.helpers.cjs';
import { freePort } from './templates.helpers.cjs';
import type { NpmStart } from './start.helpers.cjs';
import {
	isAlive,
	listening,
	processTree,
	removeFolder,
	startNpmStart,
	tempFolder,
} from './start.helpers.cjs';

const READY_TIMEOUT_MS = 4 * 60 * 1000;

describe('npm start', () => {
	let started: NpmStart | undefined;
	let userFolder = '';

	beforeAll(() => {
		requireN8n('2.40.7');
		requireBuiltPackage();
		userFolder = tempFolder('composio-start-');
	});

	afterAll(() => {
		started?.killGroup();
		if (userFolder) removeFolder(userFolder);
	});

	it(
		'kill -INT on the npm process stops n8n and the sandbox and exits 0, like Ctrl-C',
		async () => {
			const port = await freePort();
			const sandboxPort = await freePort();
			started = startNpmStart([
				'--no-build',
				'--port',
				String(port),
				'--sandbox-port',
				String(sandboxPort),
				'--user-folder',
				userFolder,
			]);
			await started.waitFor('Ctrl-C stops n8n and the sandbox.', READY_TIMEOUT_MS);
			expect(await listening(port)).toBe(true);
			expect(await listening(sandboxPort)).toBe(true);
			// npm → node scripts/start.mjs (exec'd by sh) → n8n (its own process group)
			const tree = processTree(started.pid);
			expect(tree.some((p) => p.command.includes('scripts/start.mjs'))).toBe(true);
			expect(tree.some((p) => /n8n\/bin\/n8n start/.test(p.command))).toBe(true);

			started.signal('SIGINT');
			// Stopping n8n takes seconds (it is given up to 20 s before SIGKILL); a minute is ample.
			const exit = await started.exitedWithin(60000);
			expect(exit).toEqual({ code: 0, signal: null });
			expect(started.output()).toContain('n8n stopped');
			expect(started.output()).toContain('sandbox stopped');
			// tsx's esbuild service child ends when it sees its parent's pipe close, a moment after the
			// exit: give the tree a few seconds, then nothing may be left.
			const survivors = () => tree.filter((p) => isAlive(p.pid));
			await pollUntil(async () => (survivors().length === 0 ? true : undefined), {
				timeoutMs: 5000,
				intervalMs: 100,
			}).catch(() => undefined);
			expect(survivors()).toEqual([]);
			expect(await listening(port)).toBe(false);
			expect(await listening(sandboxPort)).toBe(false);
		},
		READY_TIMEOUT_MS + 60000,
	);
});
