// Types for verdaccio.cjs (a throw-away local npm registry).

export interface NpmResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface LocalRegistry {
	url: string;
	port: number;
	pid: number;
	dir: string;
	token: string;
	version: string;
	output(): string;
	stop(options?: {
		graceMs?: number;
	}): Promise<{ code: number | null; signal: string | null } | null>;
	publish(
		packageDir: string,
		options?: { env?: Record<string, string>; args?: string[] },
	): Promise<NpmResult>;
	npm(args: string[], options?: { cwd?: string; env?: Record<string, string> }): Promise<NpmResult>;
	has(name: string): Promise<boolean>;
	packument(name: string): Promise<any>;
}

export declare const PUBLISHER: Readonly<{ name: string; password: string }>;
export declare function startRegistry(options?: {
	log?: (line: string) => void;
}): Promise<LocalRegistry>;
export declare function runNpm(
	args: string[],
	options?: { cwd?: string; env?: Record<string, string> },
): Promise<NpmResult>;
