export type { LocalRegistry, NpmResult } from '../../scripts/registry/verdaccio.cjs';
export { startRegistry } from '../../scripts/registry/verdaccio.cjs';
export { requireTool } from '../../scripts/registry/tools.cjs';

export interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

export interface ScanReport {
	scanner: string;
	patterns: { source: string[] };
	source: ScanResult;
	tarball: ScanResult;
	provenance?: ScanResult;
}

export declare const PACKAGE_ROOT: string;
export declare function buildVersionCopy(version: string): string;
export declare function cleanupTemp(): void;
export declare function copyInto(source: string, relativeTarget: string): string;
export declare function fetchPublished(
	registryUrl: string,
	name: string,
	version: string,
): { dir: string; tarball: string };
export declare function tamperedCopy(
	packageDir: string,
	relativePath: string,
	text: string,
): string;
export declare function runScanner(options: {
	packageDir: string;
	sourceDir: string;
	metadata?: unknown;
	version?: string;
}): Promise<ScanReport>;
export declare function listFiles(dir: string): string[];
export declare function installedPackages(userFolder: string): Record<string, string>;
export declare function nodesPackageJson(userFolder: string): any;
