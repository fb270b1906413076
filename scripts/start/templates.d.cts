// Types for templates.cjs (the importable templates in examples/).
import type { WorkflowInput } from '../n8n/instance.cjs';

export interface Template {
	file: string;
	number: number;
	workflow: WorkflowInput & { name: string };
}

export declare const EXAMPLES_DIR: string;
export declare const CREDENTIAL: Readonly<{ id: string; name: string }>;
/** The credentials file entry for the Composio credential: `apiKey` for the API at `baseUrl`. */
export declare function composioCredential(connection: { apiKey: string; baseUrl: string }): {
	id: string;
	name: string;
	type: 'composioApi';
	data: { apiKey: string; baseUrl: string };
};
/** The Header Auth credential the webhooks of templates 1 and 4 require. */
export declare const WEBHOOK_CREDENTIAL: Readonly<{ id: string; name: string }>;
export declare const WEBHOOK_AUTH_HEADER: string;
export declare function webhookCredential(secret: string): {
	id: string;
	name: string;
	type: 'httpHeaderAuth';
	data: { name: string; value: string };
};
/** Templates with production webhooks (published by `npm start` and the tests). */
export declare const PUBLISHED: readonly number[];
export declare function loadTemplates(): Template[];
export declare function templateId(number: number): string;
export declare function configureTemplate(
	template: Template,
	options?: { reconnectUrl?: string },
): WorkflowInput & { id: string };
