export declare function codexFiles(): Array<{ file: string; codex: Record<string, unknown> }>;
export declare function markdownFiles(): string[];
export declare function readText(file: string): string;
export declare function pathExists(file: string): boolean;
export declare function readme(): string;
export declare function packageJson(): { name: string; homepage: string; n8n: { nodes: string[] } };
