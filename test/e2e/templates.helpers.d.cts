export type { Execution, RestClient, RunningN8n, Owner } from '../../scripts/start/n8n-server.cjs';
export { OWNER, restClient, startServer } from '../../scripts/start/n8n-server.cjs';
export type { Template } from '../../scripts/start/templates.cjs';
export {
	CREDENTIAL,
	WEBHOOK_CREDENTIAL,
	WEBHOOK_AUTH_HEADER,
	webhookCredential,
	PUBLISHED,
	configureTemplate,
	loadTemplates,
	templateId,
} from '../../scripts/start/templates.cjs';
export { freePort } from '../../scripts/n8n/runtime.cjs';

export declare const PACKAGE_ROOT: string;
export declare function declaredNodeTypes(): string[];
