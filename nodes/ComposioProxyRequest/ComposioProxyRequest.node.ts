import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as proxyRequest from './actions/proxyRequest.operation';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { credentialTest } from '../shared/methods/credentialTest';

export class ComposioProxyRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Composio Proxy Request',
		name: 'composioProxyRequest',
		icon: {
			light: 'file:../../icons/composio.svg',
			dark: 'file:../../icons/composio.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["method"] + " " + $parameter["endpoint"] }}',
		description:
			'Calls a provider’s API (Gmail, GitHub, Slack…) as one end user’s connected account: Composio adds the account’s credentials, so no token is ever read',
		defaults: { name: 'Composio Proxy Request' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'composioApi', required: true, testedBy: 'composioApiTest' }],
		properties: proxyRequest.description,
	};

	methods = { credentialTest, listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
