// Types for services.cjs (Redis and Postgres for queue mode).
export interface ServerExit {
	code: number | null;
	signal?: string | null;
}

export interface RunningRedis {
	host: string;
	port: number;
	pid: number;
	dir: string;
	tail(count?: number): string;
	command(text: string): Promise<string>;
	stop(signal?: string): Promise<ServerExit | null>;
	exited(): ServerExit | null;
}

export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	password: string;
	dataDir: string;
	version: string;
	pid: number;
	tail(count?: number): string;
	createDatabase(name: string): string;
	/** psql -At: rows separated by newlines, columns by | */
	query(sql: string, database?: string): string;
	stop(): Promise<ServerExit | null>;
	destroy(): Promise<ServerExit | null>;
	exited(): ServerExit | null;
}

export interface PostgresInstall {
	version: string;
	bin: string;
	psql: string;
}

export declare const APT_PACKAGES: { redis: string; postgres: string };
export declare function ensureServerPackages(options?: {
	log?: (line: string) => void;
}): Promise<{ installed: string[]; redis: string | null; postgres: PostgresInstall | null }>;
export declare function findRedis(): string | null;
export declare function findPostgres(): PostgresInstall | null;
export declare function postgresRoot(): string;
export declare function startRedis(options?: {
	dir?: string;
	port?: number;
	log?: (line: string) => void;
	timeoutMs?: number;
}): Promise<RunningRedis>;
export declare function startPostgres(options?: {
	dataDir?: string;
	fresh?: boolean;
	port?: number;
	log?: (line: string) => void;
	timeoutMs?: number;
}): Promise<RunningPostgres>;
export declare function redisCommand(port: number, command: string, host?: string): Promise<string>;
