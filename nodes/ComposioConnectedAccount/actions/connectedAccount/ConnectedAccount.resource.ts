import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connectedAccount'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List connected accounts, filtered by user, status, toolkit or auth config',
				action: 'Get many connected accounts',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
