// Types for templates.cjs (the importable templates in examples/).
import type { WorkflowInput } from '../n8n/instance.cjs';

export interface Template {
	file: string;
	number: number;
	workflow: WorkflowInput & { name: string };
}

export declare const EXAMPLES_DIR: string;
export declare const CREDENTIAL: Readonly<{ id: string; name: string }>;
/** Templates with production webhooks (published by `npm start` and the tests). */
export declare const PUBLISHED: readonly number[];
export declare function loadTemplates(): Template[];
export declare function templateId(number: number): string;
export declare function configureTemplate(
	template: Template,
	options?: { reconnectUrl?: string },
): WorkflowInput & { id: string };
