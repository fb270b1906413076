import type { INodeProperties } from 'n8n-workflow';

import { accountOptions } from '../../shared/accountSelection/description';
import { concurrencyOption, timeoutOption } from '../../shared/accountSelection/limits';

const account = accountOptions({
	toolkit: 'the tool’s toolkit',
	authConfigSearch: 'searchToolAuthConfigs',
});

/** The Options collection, sorted by name as the editor lists it. */
export const executeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		account.authConfig,
		concurrencyOption,
		account.callbackUrl,
		{
			displayName: 'Custom Auth Base URL',
			name: 'customAuthBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.example.com',
			description:
				'Sends the tool’s request to this base URL instead of the provider’s default (custom_auth_params.base_url)',
		},
		{
			displayName: 'Custom Auth Parameters',
			name: 'customAuthParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Parameter',
			description: 'Credentials injected into this call only (custom_auth_params)',
			hint: 'With "User’s Default" they replace the account’s credentials, so no account is looked up',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Authorization',
						},
						{
							displayName: 'In',
							name: 'in',
							type: 'options',
							options: [
								{ name: 'Header', value: 'header' },
								{ name: 'Query', value: 'query' },
							],
							default: 'header',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							typeOptions: { password: true },
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Fail on Unsuccessful Result',
			name: 'failOnUnsuccessful',
			type: 'boolean',
			default: true,
			description:
				'Whether a result with successful: false (e.g. the provider refused the request) is an error of the item. Off: it is returned as data with its error.',
		},
		account.failWhenSeveral,
		account.returnConnectLink,
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description:
				'Whether to return a simplified version of the response instead of the raw data (only the tool’s data)',
		},
		timeoutOption(
			'Seconds to wait for the tool to finish. A timed-out call is reported, never repeated (the tool may have run).',
		),
	],
};
