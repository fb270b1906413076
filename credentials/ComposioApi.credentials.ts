import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
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

/**
 * What the credential test says when it fails. n8n's type wants one kind of rule per list, but its
 * credential tester reads both kinds from one list: `responseCode` rules when the request failed with
 * that status, `responseSuccessBody` rules when it succeeded.
 */
const testRules = [
	{
		type: 'responseCode',
		properties: {
			value: 401,
			message:
				'Composio rejected the API key (HTTP 401). Use a project API key from Settings → API Keys in the Composio dashboard; each key belongs to one project.',
		},
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message:
				'The Base URL answered 404 for /api/v3.1/auth_configs, so it does not lead to the Composio API. Set it to https://backend.composio.dev (or your Composio-compatible server) without a further path.',
		},
	},
	{
		type: 'responseSuccessBody',
		properties: {
			key: 'items',
			value: undefined,
			message:
				'The Base URL answered, but not like the Composio API (no "items" list in the reply). Check the Base URL: it should be https://backend.composio.dev or your own Composio-compatible server.',
		},
	},
] as Array<
	IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody
> as IAuthenticateRuleResponseCode[];

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
		rules: testRules,
	};
}
