// Types for topology.cjs (n8n in queue mode: main, workers, webhook processors, Redis, Postgres).
import type { CredentialInput, WorkflowInput } from '../n8n/instance.cjs';
import type { N8nRuntime } from '../n8n/runtime.cjs';
import type { RunningN8n } from '../start/n8n-server.cjs';
import type { RunningPostgres, RunningRedis } from './services.cjs';

export interface QueueProcess {
	kind: 'worker' | 'webhook';
	name: string;
	url: string | null;
	port: number | null;
	pid: number;
	userFolder: string;
	output(): string;
	tail(count?: number): string;
	/** Execution ids this worker started (its "Worker started execution" log lines), in order. */
	executions(): string[];
	finishedExecutions(): string[];
	kill(): Promise<{ code: number | null; signal: string | null }>;
	stop(options?: {
		graceMs?: number;
		signal?: string;
	}): Promise<{ code: number | null; signal: string | null }>;
	exited(): { code: number | null; signal: string | null } | null;
	waitForExit(): Promise<{ code: number | null; signal: string | null }>;
}

export interface TopologyOptions {
	packageDir: string;
	workers?: number;
	workerConcurrency?: number;
	webhooks?: number;
	root?: string;
	keepRoot?: boolean;
	postgresDataDir?: string;
	database?: string;
	encryptionKey?: string;
	mainPort?: number;
	webhookPorts?: number[];
	lock?: { durationMs: number; stalledIntervalMs: number };
	env?: Record<string, string>;
	log?: (line: string) => void;
	onLine?: (process: string, line: string) => void;
}

export interface Topology {
	runtime: N8nRuntime;
	root: string;
	redis: RunningRedis;
	postgres: RunningPostgres;
	database: string;
	encryptionKey: string;
	env: Record<string, string>;
	webhookUrl: string;
	main: (RunningN8n & { name?: string }) | null;
	workers: QueueProcess[];
	webhooks: QueueProcess[];
	importCredentials(
		credentials: CredentialInput[],
	): Promise<Array<CredentialInput & { id: string }>>;
	importWorkflows(workflows: WorkflowInput[]): Promise<Array<WorkflowInput & { id: string }>>;
	startMain(): Promise<RunningN8n>;
	startWorker(index: number): Promise<QueueProcess>;
	startWebhook(index: number): Promise<QueueProcess>;
	start(): Promise<Topology>;
	stopN8n(): Promise<void>;
	stop(): Promise<void>;
	executionsByWorker(): Record<string, string[]>;
}

export declare function startTopology(
	runtime: N8nRuntime,
	options: TopologyOptions,
): Promise<Topology>;
export declare function queueEnv(options: Record<string, unknown>): Record<string, string>;
export declare const READY: { worker: string; webhook: string };
