import type { InstallInfo, N8nRuntime } from '../../scripts/n8n/runtime.cjs';
import type { createInstance as CreateInstance } from '../../scripts/n8n/instance.cjs';

export type { N8nRuntime } from '../../scripts/n8n/runtime.cjs';
export type {
	ExecuteResult,
	JsonObject,
	N8nInstance,
	WorkflowInput,
} from '../../scripts/n8n/instance.cjs';

export declare const PACKAGE_ROOT: string;
export declare function requireN8n(version: string): N8nRuntime;
export declare function requireBuiltPackage(): { dir: string; name: string; version: string };
export declare const createInstance: typeof CreateInstance;
export declare function installInfo(version: string): InstallInfo | null;
export declare function knownVersions(): string[];
