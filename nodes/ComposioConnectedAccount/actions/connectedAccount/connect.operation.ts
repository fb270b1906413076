import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getAuthConfig } from '../../../shared/api/authConfigs';
import { createConnectLink } from '../../../shared/api/connectedAccounts';
import { authConfigLocator } from '../../../shared/descriptions';
import { assertNoLiveAccount, assertSchemeFits, initiate, readInput } from '../../helpers/connect';
import {
	callbackUrlOption,
	readInStepWait,
	waitInStepOptions,
	withConnectionWait,
} from '../../helpers/wait';

const showInitiate = (schemes: string[]) => ({
	show: { method: ['initiate'], authScheme: schemes },
});

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user_123',
		description:
			'Your own ID for the end user who connects (Composio calls it the user ID), usually an expression that reads it from the incoming item',
	},
	{
		...authConfigLocator,
		description:
			'The auth config (the toolkit and how it authenticates) to connect the account with',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{
				name: 'Connect Link (Hosted Page)',
				value: 'link',
				description:
					'Composio hosts the sign-in page (OAuth consent, or a form for API keys). Works for every auth config. Send "redirect_url" to the user; it is valid for 10 minutes.',
			},
			{
				name: 'With Credentials (Initiate)',
				value: 'initiate',
				description:
					'Create the account from credentials you already have (API key, bearer token, username and password): ACTIVE at once. For a custom OAuth app, returns the provider sign-in URL. Not for Composio-managed OAuth.',
			},
		],
		default: 'link',
		description: 'How the account gets its credentials',
	},
	{
		displayName: 'Auth Scheme',
		name: 'authScheme',
		type: 'options',
		options: [
			{ name: 'API Key', value: 'API_KEY' },
			{ name: 'Basic (Username and Password)', value: 'BASIC' },
			{ name: 'Bearer Token', value: 'BEARER_TOKEN' },
			{
				name: 'OAuth 2 (Custom App)',
				value: 'OAUTH2',
				description:
					'A custom (non-Composio-managed) OAuth app: returns the sign-in URL to send to the user',
			},
		],
		default: 'API_KEY',
		description:
			"The auth config's scheme; the node checks that it matches before creating anything",
		displayOptions: { show: { method: ['initiate'] } },
	},
	{
		displayName: 'API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: "The end user's API key for the toolkit",
		displayOptions: showInitiate(['API_KEY']),
	},
	{
		displayName: 'Bearer Token',
		name: 'bearerToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: "The end user's token, sent by Composio as a bearer token",
		displayOptions: showInitiate(['BEARER_TOKEN']),
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		displayOptions: showInitiate(['BASIC']),
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		displayOptions: showInitiate(['BASIC']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Alias',
				name: 'alias',
				type: 'string',
				default: '',
				placeholder: 'e.g. work',
				description:
					"A name that tells this account apart from the user's other accounts of the same toolkit; unique per user and toolkit",
			},
			{
				displayName: 'Allow Multiple',
				name: 'allowMultiple',
				type: 'boolean',
				default: false,
				description:
					'Whether to connect even when the user already has an ACTIVE or pending account for this auth config',
				hint: 'Pending: INITIATED or INITIALIZING, i.e. a sign-in not yet expired. Off: the node refuses, so a re-run does not create duplicates.',
			},
			callbackUrlOption,
			{
				displayName: 'Connection Data',
				name: 'connectionData',
				type: 'json',
				default: '{}',
				description:
					'Fields the toolkit needs besides the credentials, such as {"subdomain": "acme"} or a region (JSON object)',
			},
			...waitInStepOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['connect'] } },
	properties,
);

/**
 * Connect: a Connect Link (hosted page, every scheme) or an initiate with credentials (API key, bearer,
 * basic, custom OAuth apps). The auth config is read first to refuse what Composio would reject, and the
 * allow-multiple guard runs before anything is created.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = readInput.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wait = readInStepWait.call(this, itemIndex, options);

	const authConfig = await getAuthConfig.call(this, input.authConfigId, itemIndex);
	if (input.method === 'initiate') assertSchemeFits.call(this, input, authConfig, itemIndex);
	if (!input.allowMultiple) await assertNoLiveAccount.call(this, input, itemIndex);

	let result: IDataObject;
	if (input.method === 'link') {
		const link = await createConnectLink.call(
			this,
			{
				userId: input.userId,
				authConfigId: input.authConfigId,
				callbackUrl: input.callbackUrl,
				alias: input.alias,
				connectionData: input.connectionData,
			},
			itemIndex,
		);
		result = {
			connected_account_id: link.connected_account_id,
			status: 'INITIATED',
			redirect_url: link.redirect_url,
			expires_at: link.expires_at,
		};
	} else {
		result = await initiate.call(this, input, authConfig, itemIndex);
	}
	Object.assign(result, {
		user_id: input.userId,
		auth_config_id: input.authConfigId,
		toolkit: authConfig.toolkit?.slug ?? null,
		authScheme: authConfig.auth_scheme ?? null,
		method: input.method,
	});
	return await withConnectionWait.call(
		this,
		result,
		String(result.connected_account_id),
		wait,
		itemIndex,
	);
}
