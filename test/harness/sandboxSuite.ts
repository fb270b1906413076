import type { RunningSandbox, SandboxControl, SandboxOptions } from '../../sandbox/src';
import { sandboxControl, startSandbox } from '../../sandbox/src';
import { Engine } from './engine';

export interface SandboxSuite {
	readonly sandbox: RunningSandbox;
	readonly control: SandboxControl;
	/** An engine whose Composio credential points at the sandbox with its key. */
	readonly engine: Engine;
}

/**
 * One sandbox and one engine for a test file: started before its tests, closed after them, and
 * back at the seed (with an empty request log) before each test.
 */
export function useSandboxSuite(options: SandboxOptions = { port: 0 }): SandboxSuite {
	let state: SandboxSuite | undefined;
	const current = (): SandboxSuite => {
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
	};
}
