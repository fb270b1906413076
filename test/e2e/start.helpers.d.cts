export interface NpmStart {
	pid: number;
	output(): string;
	waitFor(text: string, timeoutMs: number): Promise<void>;
	exited(): Promise<{ code: number | null; signal: string | null }>;
	exitedWithin(timeoutMs: number): Promise<{ code: number | null; signal: string | null } | null>;
	signal(signal: 'SIGINT' | 'SIGTERM'): void;
	killGroup(): void;
}
export declare function startNpmStart(args: string[]): NpmStart;
export declare function processTree(
	pid: number,
): Array<{ pid: number; ppid: number; command: string }>;
export declare function isAlive(pid: number): boolean;
export declare function listening(port: number): Promise<boolean>;
export declare function tempFolder(prefix: string): string;
export declare function removeFolder(dir: string): void;
