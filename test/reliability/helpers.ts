/**
 * Shared set-up of the reliability suite: a sandbox with its control clients and an n8n engine
 * bound to it, optionally with the transport's 60 s request timeout scaled down so "an answer
 * slower than the timeout" takes milliseconds.
 */
import type { IDataObject } from 'n8n-workflow';

import type {
	RunningSandbox,
	SandboxControl,
	SandboxOptions,
	WebhookControl,
} from '../../sandbox/src';
import { sandboxControl, startSandbox, webhookControl } from '../../sandbox/src';
import type { ComposioCredentials } from '../harness/engine';
import { Engine } from '../harness/engine';

export {
	byId as locator,
	CONNECTED_ACCOUNT,
	EXECUTE_TOOL,
	mapped,
	PROXY_REQUEST,
	STATUS_TRIGGER,
	TRIGGER,
} from '../harness/builders';

/** The transport's default per-attempt timeout (Composio's own clients use 60 s as well). */
export const TRANSPORT_TIMEOUT_MS = 60_000;

/**
 * What the 60 s timeout becomes when `scaleTimeout` is on. A fault that delays the answer by
 * `SLOW_ANSWER_MS` is then "slower than the timeout", and Composio processes that request well
 * before a repeat could arrive (timeout + at least 375 ms of backoff), as it would in reality.
 * A second, so that an ordinary answer on a busy two-core machine is never taken for a slow one.
 */
export const SCALED_TIMEOUT_MS = 1000;
export const SLOW_ANSWER_MS = 1200;

export interface Harness {
	sandbox: RunningSandbox;
	control: SandboxControl;
	hooks: WebhookControl;
	engine: Engine;
	close(): Promise<void>;
}

export interface HarnessOptions {
	sandbox?: SandboxOptions;
	/** Credentials for the engine (default: the sandbox's key and URL). */
	credentials?: Partial<ComposioCredentials>;
	/** Scale the transport's 60 s timeout down to SCALED_TIMEOUT_MS (see `scaleRequestTimeout`). */
	scaleTimeout?: boolean;
}

interface AuthenticatingHelper {
	authenticate(...args: unknown[]): Promise<IDataObject>;
}

/**
 * Every request of the nodes leaves through n8n's credential step (`httpRequestWithAuthentication`
 * → the credentials helper's `authenticate`), which receives the request options the transport
 * built and hands them on to n8n's HTTP client. This wraps that step in the test engine so a
 * request with the transport's 60 s timeout gets SCALED_TIMEOUT_MS instead. Nothing else changes:
 * the timeout still fires inside n8n's HTTP stack (axios), and the transport still decides what to
 * do with it. Explicit timeouts (Execute Tool's "Timeout" option other than 60 s) are left alone.
 */
export function scaleRequestTimeout(engine: Engine, timeoutMs = SCALED_TIMEOUT_MS): void {
	const helper = (engine as unknown as { credentialsHelper: AuthenticatingHelper })
		.credentialsHelper;
	const authenticate = helper.authenticate.bind(helper);
	helper.authenticate = async (...args: unknown[]) => {
		const options = await authenticate(...args);
		if (options.timeout === TRANSPORT_TIMEOUT_MS) options.timeout = timeoutMs;
		return options;
	};
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
	// The trigger's webhook URL is on loopback: the sandbox's development switch allows it.
	const sandbox = await startSandbox({
		port: 0,
		allowPrivateWebhookUrls: true,
		...options.sandbox,
	});
	const engine = new Engine({
		credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url, ...options.credentials },
	});
	if (options.scaleTimeout) scaleRequestTimeout(engine);
	return {
		sandbox,
		control: sandboxControl(sandbox.url),
		hooks: webhookControl(sandbox.url),
		engine,
		close: async () => await sandbox.close(),
	};
}
