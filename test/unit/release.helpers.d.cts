export declare const PACKAGE_ROOT: string;
export declare function exists(relativePath: string): boolean;
export declare function readText(relativePath: string): string;
export declare function readYaml(relativePath: string): any;
export declare function workflowFiles(): string[];
export declare function packageJson(): any;
export interface PackResult {
	name: string;
	version: string;
	/** the gzipped tarball, bytes */
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}
export declare function packDryRun(): PackResult;
