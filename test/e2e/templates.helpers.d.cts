import type { WorkflowInput } from '../../scripts/n8n/instance.cjs';

export type { Execution, RestClient, RunningN8n, Owner } from '../../scripts/start/n8n-server.cjs';
export { OWNER, restClient, startServer } from '../../scripts/start/n8n-server.cjs';
export { freePort } from '../../scripts/n8n/runtime.cjs';

export interface Template {
	file: string;
	number: number;
	workflow: WorkflowInput & { name: string };
}

export declare const PACKAGE_ROOT: string;
export declare function loadTemplates(): Template[];
export declare function declaredNodeTypes(): string[];
