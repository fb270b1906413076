import type { INodeProperties } from 'n8n-workflow';

import * as connect from './connect.operation';
import * as deleteAccount from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getCredentials from './getCredentials.operation';
import * as refresh from './refresh.operation';
import * as revoke from './revoke.operation';
import * as update from './update.operation';
import * as waitForConnection from './waitForConnection.operation';

export {
	connect,
	deleteAccount,
	disable,
	enable,
	get,
	getAll,
	getCredentials,
	refresh,
	revoke,
	update,
	waitForConnection,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connectedAccount'] } },
		options: [
			{
				name: 'Connect',
				value: 'connect',
				description:
					"Connect an end user's account: create a Connect Link (hosted sign-in page) or an account from credentials you have",
				action: 'Connect an account for a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete one connected account or every account matching a filter, optionally revoking it first',
				action: 'Delete connected accounts',
			},
			{
				name: 'Disable',
				value: 'disable',
				description:
					'Pause one connected account or every account matching a filter (ACTIVE → INACTIVE); tools cannot use it until enabled',
				action: 'Disable connected accounts',
			},
			{
				name: 'Enable',
				value: 'enable',
				description:
					'Resume one disabled connected account or every account matching a filter (INACTIVE → ACTIVE)',
				action: 'Enable connected accounts',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one connected account',
				action: 'Get a connected account',
			},
			{
				name: 'Get Credentials',
				value: 'getCredentials',
				description:
					"Get a connected account's auth scheme, scopes and other non-secret fields, and which values Composio redacted",
				action: 'Get the credentials of a connected account',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List connected accounts, filtered by user, status, toolkit or auth config',
				action: 'Get many connected accounts',
			},
			{
				name: 'Refresh',
				value: 'refresh',
				description:
					'Start the sign-in of a connected account again (deprecated by Composio; may move an ACTIVE account back to INITIATED)',
				action: 'Refresh a connected account',
			},
			{
				name: 'Revoke',
				value: 'revoke',
				description:
					'Revoke the credentials of one connected account or of every account matching a filter at the provider',
				action: 'Revoke connected accounts',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a connected account's alias",
				action: 'Update a connected account',
			},
			{
				name: 'Wait for Connection',
				value: 'waitForConnection',
				description:
					'Wait until a connected account is active; stops early when it failed, expired or was revoked',
				action: 'Wait for a connected account to become active',
			},
		],
		default: 'getAll',
	},
	...connect.description,
	...deleteAccount.description,
	...disable.description,
	...enable.description,
	...get.description,
	...getAll.description,
	...getCredentials.description,
	...refresh.description,
	...revoke.description,
	...update.description,
	...waitForConnection.description,
];
