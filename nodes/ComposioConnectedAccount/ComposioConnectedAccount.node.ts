import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as connectedAccount from './actions/connectedAccount/ConnectedAccount.resource';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { credentialTest } from '../shared/methods/credentialTest';

export class ComposioConnectedAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Composio Connected Account',
		name: 'composioConnectedAccount',
		icon: {
			light: 'file:../../icons/composio.svg',
			dark: 'file:../../icons/composio.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"List, connect, pause, resume, revoke and delete your end users' Composio connected accounts",
		defaults: { name: 'Composio Connected Account' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'composioApi', required: true, testedBy: 'composioApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Connected Account', value: 'connectedAccount' }],
				default: 'connectedAccount',
			},
			...connectedAccount.description,
		],
	};

	methods = { credentialTest, listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
