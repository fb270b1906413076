import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as executeTool from './actions/execute.operation';
import { router } from './actions/router';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { credentialTest } from '../shared/methods/credentialTest';

export class ComposioExecuteTool implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Composio Execute Tool',
		name: 'composioExecuteTool',
		icon: {
			light: 'file:../../icons/composio.svg',
			dark: 'file:../../icons/composio.dark.svg',
		},
		group: ['transform'],
		version: 1,
		// n8n hands a resource locator to expressions as its value (the slug).
		subtitle: '={{ $parameter["tool"] || "Execute a tool" }}',
		description:
			'Runs a Composio tool (send an email, post a message, create an issue, search the web…) for one end user with that user’s connected account, and returns the tool’s result',
		defaults: { name: 'Composio Execute Tool' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'composioApi', required: true, testedBy: 'composioApiTest' }],
		properties: executeTool.description,
	};

	methods = { credentialTest, listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
