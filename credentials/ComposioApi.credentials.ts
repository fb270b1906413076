import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The credential-test request runs inside n8n's expression engine, so the base URL is normalised there
 * with the same rules as `normalizeBaseUrl` in the transport: trim, drop trailing slashes and a pasted
 * `/api/v3` or `/api/v3.1` suffix. Anything that is not an http(s) URL becomes a value the request
 * cannot use, so the test fails with "Invalid URL" instead of a DNS error about a mangled host.
 */
const testBaseUrl =
	'={{ (u => /^https?:\\/\\/[^\\s\\/]+/i.test(u) ? u.replace(/\\/+$/, "").replace(/\\/api\\/v3(\\.1)?$/i, "") : "Base URL must start with http:// or https://")($credentials.baseUrl.trim()) }}';

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

	test: ICredentialTestRequest = {
		request: {
			baseURL: testBaseUrl,
			url: '/api/v3.1/auth_configs',
			method: 'GET',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'items',
					value: undefined,
					message:
						'The Base URL answered, but not like the Composio API (no "items" list in the reply). Check the Base URL: it should be https://backend.composio.dev or your own Composio-compatible server.',
				},
			},
		],
	};
}
