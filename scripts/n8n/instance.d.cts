// Types for instance.cjs (a throw-away n8n user folder driven through the CLI).
import type { N8nCommandResult, N8nRuntime } from './runtime.cjs';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CredentialInput {
	id?: string;
	name: string;
	type: string;
	data: JsonObject;
}

export interface WorkflowInput {
	id?: string;
	name: string;
	nodes: JsonObject[];
	connections?: JsonObject;
	settings?: JsonObject;
	active?: boolean;
}

export interface ExecuteResult {
	/** true when the run JSON came out and neither the run nor any node reported an error (the exit code is in `code`/`signal`) */
	ok: boolean;
	code: number | null;
	signal: string | null;
	/** output items (`json` of main output 0, last run) keyed by node name */
	nodes: Record<string, JsonObject[]>;
	error: JsonObject | null;
	run: JsonObject;
	ms: number;
	stdout: string;
	stderr: string;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	nodes: string[];
}

export interface N8nInstance {
	runtime: N8nRuntime;
	userFolder: string;
	timings: Array<{ command: string; ms: number }>;
	installPackage(packageDir: string): InstalledPackage;
	importCredentials(
		credentials: CredentialInput[],
	): Promise<Array<CredentialInput & { id: string }>>;
	importWorkflows(workflows: WorkflowInput[]): Promise<Array<WorkflowInput & { id: string }>>;
	execute(workflowId: string): Promise<ExecuteResult>;
	run(args: string[]): Promise<N8nCommandResult>;
	cleanup(): void;
}

export declare function createInstance(
	runtime: N8nRuntime,
	options?: { env?: Record<string, string>; timeoutMs?: number },
): Promise<N8nInstance>;
/** A workflow as `n8n import:workflow` takes it: a new id, unpublished, v1 order, unless given. */
export declare function importableWorkflow(
	workflow: WorkflowInput,
): WorkflowInput & { id: string; active: boolean; connections: JsonObject; settings: JsonObject };
export declare function installPackage(userFolder: string, packageDir: string): InstalledPackage;
export declare function parseRunOutput(stdout: string): JsonObject | null;
export declare function nodeOutputs(run: JsonObject): Record<string, JsonObject[]>;
export declare function smokeWorkflow(): WorkflowInput;
export declare function smokeTest(
	runtime: N8nRuntime,
	options?: { log?: (line: string) => void },
): Promise<{ items: JsonObject[]; ms: number; timings: Array<{ command: string; ms: number }> }>;
export declare function newId(): string;
