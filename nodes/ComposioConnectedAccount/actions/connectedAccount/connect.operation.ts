import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { AuthConfig } from '../../../shared/api/types';
import { getAuthConfig } from '../../../shared/api/authConfigs';
import {
	createConnectLink,
	initiateConnectedAccount,
	listConnectedAccountsPage,
} from '../../../shared/api/connectedAccounts';
import { getToolkit } from '../../../shared/api/toolkits';
import { authConfigLocator } from '../../../shared/descriptions';
import { LINK_LIFETIME_SECONDS } from '../../helpers/waitForConnection';
import {
	inputError,
	optionalHttpUrl,
	optionalJsonObject,
	requireId,
	requireString,
	optionalBoolean,
} from '../../../shared/validation';
import { readInStepWait, waitAndCheck, waitInStepOptions } from '../../helpers/wait';

/** Schemes whose sign-in happens at the provider; Composio accepts managed ones only through a link. */
const REDIRECT_SCHEMES = ['OAUTH2', 'OAUTH1', 'DCR_OAUTH'];

const INITIATE_SCHEMES = ['API_KEY', 'BASIC', 'BEARER_TOKEN', 'OAUTH2'];

const SCHEME_NAMES: Record<string, string> = {
	API_KEY: 'API Key',
	BASIC: 'Basic (Username and Password)',
	BEARER_TOKEN: 'Bearer Token',
	OAUTH2: 'OAuth 2 (Custom App)',
};

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
					'Whether to connect even when the user already has an ACTIVE account for this auth config, or one whose sign-in is still pending (INITIATED or INITIALIZING, i.e. not yet expired). Off: the node refuses, so a re-run does not create duplicates.',
			},
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/connected',
				description:
					'Where the user is sent after connecting; Composio adds status=success or status=failed. To continue this workflow there, use {{ $execution.resumeUrl }} with a Wait node set to "On Webhook Call".',
			},
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

interface FieldDescriptor {
	name?: string;
	is_secret?: boolean;
}

/**
 * The name of the API-key field for this toolkit (it varies: `generic_api_key`, `api_key`, ...), from the
 * toolkit's own description of what an API-key connection needs.
 */
async function apiKeyFieldName(
	ctx: IExecuteFunctions,
	toolkit: string | undefined,
	itemIndex: number,
): Promise<string> {
	const fallback = 'generic_api_key';
	if (!toolkit) return fallback;
	const details = await getToolkit.call(ctx, toolkit, itemIndex);
	const mode = details.auth_config_details?.find((d) => d.mode === 'API_KEY');
	const initiation = (mode?.fields as IDataObject | undefined)?.connected_account_initiation as
		| { required?: FieldDescriptor[]; optional?: FieldDescriptor[] }
		| undefined;
	const candidates = [...(initiation?.required ?? []), ...(initiation?.optional ?? [])];
	const found =
		candidates.find((f) => f.is_secret && f.name) ??
		candidates.find((f) => typeof f.name === 'string' && /key|token/i.test(f.name));
	return found?.name ?? fallback;
}

interface ConnectInput {
	userId: string;
	authConfigId: string;
	method: 'link' | 'initiate';
	scheme?: string;
	secrets: IDataObject;
	alias?: string;
	callbackUrl?: string;
	connectionData?: IDataObject;
	allowMultiple: boolean;
}

/** Reads and validates every parameter before the first request. */
function readInput(ctx: IExecuteFunctions, itemIndex: number): ConnectInput {
	const node = ctx.getNode();
	const userId = requireString(
		node,
		'User ID',
		ctx.getNodeParameter('userId', itemIndex, ''),
		itemIndex,
	);
	const authConfigId = requireId(
		node,
		'Auth Config',
		ctx.getNodeParameter('authConfig', itemIndex, '', { extractValue: true }),
		'ac',
		itemIndex,
	);
	const method = ctx.getNodeParameter('method', itemIndex, 'link') as string;
	if (method !== 'link' && method !== 'initiate') {
		throw inputError(node, 'Method', `"${String(method)}" is not one of link, initiate`, itemIndex);
	}
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const aliasRaw = options.alias;
	const alias =
		aliasRaw === undefined || aliasRaw === null || aliasRaw === ''
			? undefined
			: requireString(node, 'Options → Alias', aliasRaw, itemIndex);
	const input: ConnectInput = {
		userId,
		authConfigId,
		method,
		secrets: {},
		alias,
		callbackUrl: optionalHttpUrl(node, 'Options → Callback URL', options.callbackUrl, itemIndex),
		connectionData: optionalJsonObject(
			node,
			'Options → Connection Data',
			options.connectionData,
			itemIndex,
		),
		allowMultiple: optionalBoolean(
			node,
			'Options → Allow Multiple',
			options.allowMultiple,
			false,
			itemIndex,
		),
	};
	if (method === 'initiate') {
		const scheme = ctx.getNodeParameter('authScheme', itemIndex, 'API_KEY') as string;
		if (!INITIATE_SCHEMES.includes(scheme)) {
			throw inputError(
				node,
				'Auth Scheme',
				`"${String(scheme)}" is not one of ${INITIATE_SCHEMES.join(', ')}`,
				itemIndex,
			);
		}
		input.scheme = scheme;
		const secret = (name: string, field: string) =>
			requireString(node, field, ctx.getNodeParameter(name, itemIndex, ''), itemIndex, {
				maxLength: 16384,
			});
		if (scheme === 'API_KEY') input.secrets = { apiKey: secret('apiKey', 'API Key') };
		if (scheme === 'BEARER_TOKEN') input.secrets = { token: secret('bearerToken', 'Bearer Token') };
		if (scheme === 'BASIC') {
			input.secrets = {
				username: secret('username', 'Username'),
				password: secret('password', 'Password'),
			};
		}
	}
	return input;
}

/** Statuses of an account that is connected, or on its way to being connected. */
const LIVE_STATUSES = ['ACTIVE', 'INITIATED', 'INITIALIZING'];

/**
 * The SDK's allowMultiple guard (the API has no such field), widened to pending accounts: refuse when
 * the user has an ACTIVE account for the auth config, or one still waiting for the user to finish
 * connecting (an unexpired Connect Link), so a re-run while a link is open does not make a duplicate.
 * Whether a link has expired is Composio's call, not the local clock's: an abandoned link's account
 * turns EXPIRED ("Connection initiation did not complete within 10 minutes"), so INITIATED and
 * INITIALIZING accounts are the unexpired ones. One list request, newest first.
 */
async function assertNoLiveAccount(
	ctx: IExecuteFunctions,
	input: ConnectInput,
	itemIndex: number,
): Promise<void> {
	const page = await listConnectedAccountsPage.call(
		ctx,
		{
			user_ids: [input.userId],
			auth_config_ids: [input.authConfigId],
			statuses: LIVE_STATUSES,
			order_by: 'created_at',
			order_direction: 'desc',
			limit: 100,
		},
		itemIndex,
	);
	const items = page.items ?? [];
	const active = items.find((account) => account.status === 'ACTIVE');
	const description =
		'Turn on "Allow Multiple" under Options to connect another account (give it an Alias to tell them apart), or use the existing account.';
	if (active) {
		throw new NodeOperationError(
			ctx.getNode(),
			`User ${input.userId} already has an ACTIVE connected account for auth config ${input.authConfigId} (${String(active.id)})`,
			{ itemIndex, description },
		);
	}
	const pending = items.find((account) => account.status !== 'ACTIVE');
	if (pending) {
		throw new NodeOperationError(
			ctx.getNode(),
			`User ${input.userId} already has a pending connected account for auth config ${input.authConfigId} (${String(pending.id)}, ${String(pending.status)}): the user has not finished connecting it yet`,
			{
				itemIndex,
				description: `Wait for that connection (Wait for Connection on ${String(pending.id)}), or let its Connect Link expire (${LINK_LIFETIME_SECONDS / 60} minutes after it was made). ${description}`,
			},
		);
	}
}

async function initiate(
	ctx: IExecuteFunctions,
	input: ConnectInput,
	authConfig: AuthConfig,
	itemIndex: number,
): Promise<IDataObject> {
	const scheme = input.scheme as string;
	let credentials: IDataObject = {};
	if (scheme === 'API_KEY') {
		const field = await apiKeyFieldName(ctx, authConfig.toolkit?.slug, itemIndex);
		credentials = { [field]: input.secrets.apiKey };
	} else if (scheme === 'BEARER_TOKEN') {
		credentials = { token: input.secrets.token };
	} else if (scheme === 'BASIC') {
		credentials = { username: input.secrets.username, password: input.secrets.password };
	}
	const connection: IDataObject = {
		user_id: input.userId,
		state: {
			authScheme: scheme,
			val: {
				...(input.connectionData ?? {}),
				...credentials,
				status: scheme === 'OAUTH2' ? 'INITIALIZING' : 'ACTIVE',
			},
		},
	};
	if (input.callbackUrl) connection.callback_url = input.callbackUrl;
	if (input.alias) connection.alias = input.alias;
	const response = await initiateConnectedAccount.call(
		ctx,
		{ auth_config: { id: input.authConfigId }, connection },
		itemIndex,
	);
	// `connectionData` (camelCase) has the real status; the top-level status/redirect_url are deprecated.
	const val = response.connectionData?.val ?? {};
	return {
		connected_account_id: response.id,
		status: val.status ?? response.status ?? null,
		redirect_url: (val.redirectUrl as string | undefined) ?? response.redirect_url ?? null,
		expires_at: null,
	};
}

/**
 * Connect: a Connect Link (hosted page, every scheme) or an initiate with credentials (API key, bearer,
 * basic, custom OAuth apps). The auth config is read first to refuse what Composio would reject, and the
 * allow-multiple guard runs before anything is created.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const input = readInput(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wait = readInStepWait(this, itemIndex, options);

	const authConfig = await getAuthConfig.call(this, input.authConfigId, itemIndex);
	const configScheme = authConfig.auth_scheme ?? null;
	if (input.method === 'initiate') {
		if (authConfig.is_composio_managed && REDIRECT_SCHEMES.includes(String(configScheme))) {
			throw new NodeOperationError(
				node,
				`Auth config ${input.authConfigId} is a Composio-managed ${String(configScheme)} auth config; Composio connects these only through a Connect Link`,
				{
					itemIndex,
					description: 'Set Method to "Connect Link (Hosted Page)".',
				},
			);
		}
		if (configScheme !== input.scheme) {
			throw inputError(
				node,
				'Auth Scheme',
				`the auth config ${input.authConfigId} uses ${String(configScheme)}, not ${String(input.scheme)}`,
				itemIndex,
				configScheme && INITIATE_SCHEMES.includes(configScheme)
					? `Set Auth Scheme to "${SCHEME_NAMES[configScheme]}".`
					: 'Use Method "Connect Link (Hosted Page)", which works for every auth scheme.',
			);
		}
	}
	if (!input.allowMultiple) await assertNoLiveAccount(this, input, itemIndex);

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
		result = await initiate(this, input, authConfig, itemIndex);
	}
	Object.assign(result, {
		user_id: input.userId,
		auth_config_id: input.authConfigId,
		toolkit: authConfig.toolkit?.slug ?? null,
		authScheme: configScheme,
		method: input.method,
	});
	if (!wait) return result;
	const waited = await waitAndCheck(this, String(result.connected_account_id), wait, itemIndex);
	return {
		...result,
		connection: waited.connection,
		status: waited.account.status,
		status_reason: waited.account.status_reason ?? null,
	};
}
