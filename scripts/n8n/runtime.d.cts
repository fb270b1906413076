// Types for runtime.cjs (cached real-n8n installs).

export interface N8nRuntime {
	version: string;
	nodeVersion: string;
	nodeBin: string;
	n8nBin: string;
	dir: string;
	env(userFolder: string, extra?: Record<string, string>): Record<string, string | undefined>;
}

export interface N8nCommandResult {
	code: number | null;
	signal: string | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface InstallInfo {
	format: number;
	version: string;
	nodeVersion: string;
	nodeBin: string;
	overrides: Record<string, string>;
	locked?: boolean;
	rebuilt: string[];
	sqlite3?: string;
	installedAt: string;
	timings: { npmInstall: number; rebuild: number; versionCheck: number; total: number };
	sizeBytes: number | null;
}

export declare const VERSIONS: Record<string, { node: string; sqlite3: string }>;
export declare const OVERRIDES: Record<string, string>;
export declare function cacheRoot(): string;
export declare function knownVersions(): string[];
export declare function findN8n(version: string): N8nRuntime | null;
export declare function installInfo(version: string): InstallInfo | null;
export declare function ensureN8n(
	version: string,
	options?: { log?: (line: string) => void },
): Promise<N8nRuntime>;
export declare function ensureNode(
	nodeVersion: string,
	log: (line: string) => void,
): Promise<{ nodeVersion: string; nodeBin: string; nodedir: string }>;
export declare function runN8n(
	runtime: N8nRuntime,
	args: string[],
	options: { userFolder: string; env?: Record<string, string>; timeoutMs?: number; cwd?: string },
): Promise<N8nCommandResult>;
export declare function cleanEnv(
	extra?: Record<string, string>,
): Record<string, string | undefined>;
export declare function freePort(): Promise<number>;
/** Whether process `pid` exists (EPERM: it does, owned by another user). */
export declare function isAlive(pid: number): boolean;
export declare function withLock<T>(
	name: string,
	log: (line: string) => void,
	fn: () => Promise<T>,
	options?: { timeoutMs?: number },
): Promise<T>;
