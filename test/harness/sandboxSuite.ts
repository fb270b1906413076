import type { RunningSandbox, SandboxControl, SandboxOptions } from '../../sandbox/src';
import { sandboxControl, startSandbox } from '../../sandbox/src';
import type { RequestLogEntry } from '../../sandbox/src/types';
import { Engine } from './engine';

export interface SandboxSuite {
	readonly sandbox: RunningSandbox;
	readonly control: SandboxControl;
	/** An engine whose Composio credential points at the sandbox with its key. */
	readonly engine: Engine;
	/** The tool executions (`POST /tools/execute/{slug}`) in the request log, oldest first. */
	readonly toolExecutions: () => Promise<RequestLogEntry[]>;
	/** An account's status in the sandbox now. */
	readonly accountStatus: (id: string) => Promise<string>;
}

/**
 * One sandbox and one engine for a test file: started before its tests, closed after them, and
 * back at the seed (with an empty request log) before each test.
 */
export function useSandboxSuite(options: SandboxOptions = { port: 0 }): SandboxSuite {
	let state: Pick<SandboxSuite, 'sandbox' | 'control' | 'engine'> | undefined;
	const current = () => {
		if (!state) throw new Error('The sandbox suite is used outside its tests');
		return state;
	};
	beforeAll(async () => {
		const sandbox = await startSandbox(options);
		state = {
			sandbox,
			control: sandboxControl(sandbox.url),
			engine: new Engine({ credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } }),
		};
	});
	afterAll(async () => {
		await state?.sandbox.close();
	});
	beforeEach(async () => {
		await current().control.reset();
		await current().control.clearRequests();
	});
	return {
		get sandbox() {
			return current().sandbox;
		},
		get control() {
			return current().control;
		},
		get engine() {
			return current().engine;
		},
		toolExecutions: async () =>
			(await current().control.requests()).filter(
				(r) => r.method === 'POST' && r.path.startsWith('/api/v3.1/tools/execute/'),
			),
		accountStatus: async (id) => (await current().control.account(id)).status,
	};
}
