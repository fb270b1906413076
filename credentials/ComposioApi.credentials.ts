import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * No declarative `test` here on purpose: n8n runs a credential's `test` request in preference to a node's
 * `testedBy` function (CredentialsTester.getCredentialTestFunction, n8n 2.8.4 and 2.40.7), and that
 * request reports connection problems as bare codes ("ECONNREFUSED", "ERR_INVALID_URL"). Every node
 * names `composioApiTest` (nodes/shared/methods/credentialTest.ts) in `testedBy` instead, which sends the
 * test through the nodes' transport and words each failure as a node run would.
 */
export class ComposioApi implements ICredentialType {
	name = 'composioApi';

	displayName = 'Composio API';

	icon: Icon = {
		light: 'file:../icons/composio.svg',
		dark: 'file:../icons/composio.dark.svg',
	};

	documentationUrl = 'https://docs.composio.dev/reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A Composio project API key (Settings → API Keys in the Composio dashboard). It is sent only in the x-api-key header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://backend.composio.dev',
			placeholder: 'https://backend.composio.dev',
			description:
				'Where the Composio API lives. Keep the default unless you use a self-hosted or local Composio-compatible server. A trailing slash or a pasted /api/v3.1 suffix is fine.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};
}
