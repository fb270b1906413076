// Types for n8n-server.cjs (a running `n8n start` and its REST API).
import type { JsonObject } from '../n8n/instance.cjs';
import type { N8nRuntime } from '../n8n/runtime.cjs';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export declare const OWNER: Readonly<Owner>;

export interface StartServerOptions {
	userFolder: string;
	port?: number;
	host?: string;
	listenAddress?: string;
	env?: Record<string, string>;
	logFile?: string;
	onLine?: (line: string) => void;
	timeoutMs?: number;
}

export interface RunningN8n {
	url: string;
	port: number;
	pid: number;
	startupMs: number;
	output(): string;
	tail(count?: number): string;
	stop(options?: { graceMs?: number }): Promise<{ code: number | null; signal: string | null }>;
	exited(): { code: number | null; signal: string | null } | null;
	waitForExit(): Promise<{ code: number | null; signal: string | null }>;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	finished: boolean;
	mode: string;
}

export interface Execution extends ExecutionSummary {
	run: JsonObject;
	/** output items (`json` of main output 0, last run) keyed by node name */
	nodes: Record<string, JsonObject[]>;
	error: JsonObject | null;
	lastNodeExecuted: string | null;
}

export interface RestClient {
	readonly baseUrl: string;
	readonly cookie: string;
	request(method: string, route: string, body?: unknown): Promise<any>;
	settings(): Promise<JsonObject>;
	ensureOwner(owner?: Owner): Promise<'created' | 'login'>;
	login(owner?: Owner): Promise<JsonObject>;
	workflow(id: string): Promise<JsonObject>;
	activate(id: string): Promise<JsonObject>;
	deactivate(id: string): Promise<JsonObject>;
	runManually(id: string, trigger: string): Promise<string>;
	executions(workflowId: string): Promise<ExecutionSummary[]>;
	execution(id: string): Promise<Execution>;
	waitForExecution(id: string, options?: { timeoutMs?: number }): Promise<Execution>;
	waitForNewExecution(
		workflowId: string,
		knownIds: string[],
		options?: { timeoutMs?: number },
	): Promise<Execution>;
}

export declare function startServer(
	runtime: N8nRuntime,
	options: StartServerOptions,
): Promise<RunningN8n>;
export declare function restClient(baseUrl: string, runtime?: N8nRuntime): RestClient;
export declare function waitForHttp(url: string, timeoutMs: number): Promise<void>;
