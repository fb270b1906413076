/**
 * The sandbox's toolkit catalog (immutable). Shapes follow Composio's toolkit objects.
 */

export type AuthScheme =
	| 'OAUTH2'
	| 'OAUTH1'
	| 'API_KEY'
	| 'BASIC'
	| 'BEARER_TOKEN'
	| 'GOOGLE_SERVICE_ACCOUNT'
	| 'NO_AUTH'
	| 'BASIC_WITH_JWT'
	| 'SERVICE_ACCOUNT'
	| 'DCR_OAUTH'
	| 'S2S_OAUTH2';

export const REDIRECT_SCHEMES: readonly AuthScheme[] = ['OAUTH2', 'OAUTH1', 'DCR_OAUTH'];

export interface FieldDescriptor {
	name: string;
	displayName: string;
	type: string;
	description: string;
	required: boolean;
	default?: string | null;
	is_secret?: boolean;
}

export interface AuthModeDetails {
	mode: AuthScheme;
	name: string;
	creationRequired: FieldDescriptor[];
	creationOptional: FieldDescriptor[];
	initiationRequired: FieldDescriptor[];
	initiationOptional: FieldDescriptor[];
}

export interface ToolkitDef {
	slug: string;
	name: string;
	description: string;
	logo: string;
	appUrl: string;
	categories: Array<{ id: string; name: string }>;
	authSchemes: AuthScheme[];
	managedAuthSchemes: AuthScheme[];
	noAuth: boolean;
	/** Whether `POST /connected_accounts/{id}/revoke` can revoke this toolkit's credentials upstream. */
	canRevoke: boolean;
	/** Newest first. */
	versions: string[];
	createdAt: string;
	updatedAt: string;
	triggersCount: number;
	/** Lower = more used (sort_by=usage). */
	usageRank: number;
	baseUrl: string;
	getCurrentUserEndpoint?: string;
	authModes: AuthModeDetails[];
	defaultScopes: string[];
	/** Credential token prefixes used when the sandbox mints tokens. */
	tokenPrefix: { access?: string; refresh?: string; apiKey?: string };
	testRequestEndpoint?: string;
}

export const BASE_VERSION = '00000000_00';

const field = (
	name: string,
	displayName: string,
	description: string,
	required: boolean,
	extra: Partial<FieldDescriptor> = {},
): FieldDescriptor => ({
	name,
	displayName,
	type: 'string',
	description,
	required,
	default: null,
	...extra,
});

const oauthCreationFields = (): Pick<AuthModeDetails, 'creationRequired' | 'creationOptional'> => ({
	creationRequired: [
		field('client_id', 'Client ID', 'OAuth client id of your app', true),
		field('client_secret', 'Client Secret', 'OAuth client secret of your app', true, {
			is_secret: true,
		}),
	],
	creationOptional: [field('scopes', 'Scopes', 'Space or comma separated scopes', false)],
});

const LOGO = (slug: string): string => `https://logos.composio.dev/api/${slug}`;

export function createToolkitCatalog(): Map<string, ToolkitDef> {
	const toolkits: ToolkitDef[] = [
		{
			slug: 'gmail',
			name: 'Gmail',
			description: 'Gmail is Google’s email service: read, send and organise email.',
			logo: LOGO('gmail'),
			appUrl: 'https://mail.google.com',
			categories: [
				{ id: 'email', name: 'Email' },
				{ id: 'productivity', name: 'Productivity' },
			],
			authSchemes: ['OAUTH2'],
			managedAuthSchemes: ['OAUTH2'],
			noAuth: false,
			canRevoke: true,
			versions: ['20251111_00', '20251027_00', '20250909_00'],
			createdAt: '2024-05-02T10:00:00.000Z',
			updatedAt: '2025-11-11T08:00:00.000Z',
			triggersCount: 2,
			usageRank: 1,
			baseUrl: 'https://gmail.googleapis.com',
			getCurrentUserEndpoint: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
			authModes: [
				{
					mode: 'OAUTH2',
					name: 'gmail_oauth',
					...oauthCreationFields(),
					initiationRequired: [],
					initiationOptional: [],
				},
			],
			defaultScopes: [
				'https://www.googleapis.com/auth/gmail.modify',
				'https://www.googleapis.com/auth/userinfo.email',
			],
			tokenPrefix: { access: 'ya29.a0', refresh: '1//0' },
			testRequestEndpoint: 'https://gmail.googleapis.com/gmail/v1/users/me/profile',
		},
		{
			slug: 'github',
			name: 'GitHub',
			description: 'GitHub hosts code: repositories, issues, pull requests and more.',
			logo: LOGO('github'),
			appUrl: 'https://github.com',
			categories: [{ id: 'developer-tools', name: 'Developer Tools' }],
			authSchemes: ['OAUTH2', 'BEARER_TOKEN'],
			managedAuthSchemes: [],
			noAuth: false,
			canRevoke: true,
			versions: ['20251111_00', '20251027_00', '20250909_00'],
			createdAt: '2024-04-18T10:00:00.000Z',
			updatedAt: '2025-11-11T08:00:00.000Z',
			triggersCount: 4,
			usageRank: 2,
			baseUrl: 'https://api.github.com',
			getCurrentUserEndpoint: 'https://api.github.com/user',
			authModes: [
				{
					mode: 'OAUTH2',
					name: 'github_oauth',
					...oauthCreationFields(),
					initiationRequired: [],
					initiationOptional: [],
				},
				{
					mode: 'BEARER_TOKEN',
					name: 'github_token',
					creationRequired: [],
					creationOptional: [],
					initiationRequired: [
						field('token', 'Personal access token', 'A GitHub personal access token', true, {
							is_secret: true,
						}),
					],
					initiationOptional: [],
				},
			],
			defaultScopes: ['repo', 'read:user', 'user:email'],
			tokenPrefix: { access: 'gho_' },
			testRequestEndpoint: 'https://api.github.com/user',
		},
		{
			slug: 'slack',
			name: 'Slack',
			description: 'Slack is a messaging platform for teams: channels, messages and files.',
			logo: LOGO('slack'),
			appUrl: 'https://slack.com',
			categories: [{ id: 'communication', name: 'Communication' }],
			authSchemes: ['OAUTH2'],
			managedAuthSchemes: ['OAUTH2'],
			noAuth: false,
			canRevoke: true,
			versions: ['20251111_00', '20251027_00', '20250902_00'],
			createdAt: '2024-04-20T10:00:00.000Z',
			updatedAt: '2025-11-11T08:00:00.000Z',
			triggersCount: 3,
			usageRank: 3,
			baseUrl: 'https://slack.com/api',
			getCurrentUserEndpoint: 'https://slack.com/api/auth.test',
			authModes: [
				{
					mode: 'OAUTH2',
					name: 'slack_oauth',
					...oauthCreationFields(),
					initiationRequired: [],
					initiationOptional: [],
				},
			],
			defaultScopes: ['chat:write', 'channels:read', 'users:read'],
			tokenPrefix: { access: 'xoxb-', refresh: 'xoxe-1-' },
			testRequestEndpoint: 'https://slack.com/api/auth.test',
		},
		{
			slug: 'tavily',
			name: 'Tavily',
			description: 'Tavily is a search API built for AI agents.',
			logo: LOGO('tavily'),
			appUrl: 'https://tavily.com',
			categories: [{ id: 'ai', name: 'AI' }],
			authSchemes: ['API_KEY'],
			managedAuthSchemes: [],
			noAuth: false,
			canRevoke: false,
			versions: ['20251111_00', '20250909_00'],
			createdAt: '2024-09-12T10:00:00.000Z',
			updatedAt: '2025-11-11T08:00:00.000Z',
			triggersCount: 0,
			usageRank: 4,
			baseUrl: 'https://api.tavily.com',
			authModes: [
				{
					mode: 'API_KEY',
					name: 'tavily_api_key',
					creationRequired: [],
					creationOptional: [],
					initiationRequired: [
						field('generic_api_key', 'API Key', 'Your Tavily API key', true, { is_secret: true }),
					],
					initiationOptional: [],
				},
			],
			defaultScopes: [],
			tokenPrefix: { apiKey: 'tvly-' },
		},
	];
	return new Map(toolkits.map((t) => [t.slug, t]));
}

/** Toolkit versions plus the legacy base version, which every toolkit has. */
export function isKnownToolkitVersion(toolkit: ToolkitDef, version: string): boolean {
	return version === BASE_VERSION || toolkit.versions.includes(version);
}
