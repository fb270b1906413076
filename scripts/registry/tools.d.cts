// Types for tools.cjs (cached installs of Verdaccio and n8n's community package scanner).

export interface CachedTool {
	name: string;
	version: string;
	dir: string;
	/** the tool's entry file (Verdaccio's bin, the scanner's scanner.mjs) */
	entry: string;
	installedAt: string;
}

export declare const TOOLS: Record<
	string,
	{
		version: string;
		dependencies: Record<string, string>;
		overrides: Record<string, string>;
		entry: string[];
	}
>;
export declare function toolDir(name: string): string;
export declare function findTool(name: string): CachedTool | null;
export declare function requireTool(name: string): CachedTool;
export declare function ensureTool(
	name: string,
	options?: { log?: (line: string) => void },
): Promise<CachedTool>;
