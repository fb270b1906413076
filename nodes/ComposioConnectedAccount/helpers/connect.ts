import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	initiateConnectedAccount,
	listConnectedAccountsPage,
} from '../../shared/api/connectedAccounts';
import { getToolkit } from '../../shared/api/toolkits';
import type { AuthConfig } from '../../shared/api/types';
import {
	inputError,
	optionalBoolean,
	optionalJsonObject,
	requireId,
	requireString,
} from '../../shared/validation';
import { readCallbackUrl } from './wait';
import { LINK_LIFETIME_SECONDS } from './waitForConnection';

/** Schemes whose sign-in happens at the provider; Composio accepts managed ones only through a link. */
const REDIRECT_SCHEMES = ['OAUTH2', 'OAUTH1', 'DCR_OAUTH'];

export const INITIATE_SCHEMES = ['API_KEY', 'BASIC', 'BEARER_TOKEN', 'OAUTH2'];

const SCHEME_NAMES: Record<string, string> = {
	API_KEY: 'API Key',
	BASIC: 'Basic (Username and Password)',
	BEARER_TOKEN: 'Bearer Token',
	OAUTH2: 'OAuth 2 (Custom App)',
};

interface FieldDescriptor {
	name?: string;
	is_secret?: boolean;
}

/**
 * The name of the API-key field for this toolkit (it varies: `generic_api_key`, `api_key`, ...), from the
 * toolkit's own description of what an API-key connection needs.
 */
async function apiKeyFieldName(
	this: IExecuteFunctions,
	toolkit: string | undefined,
	itemIndex: number,
): Promise<string> {
	const fallback = 'generic_api_key';
	if (!toolkit) return fallback;
	const details = await getToolkit.call(this, toolkit, itemIndex);
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

export interface ConnectInput {
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
export function readInput(this: IExecuteFunctions, itemIndex: number): ConnectInput {
	const node = this.getNode();
	const userId = requireString(
		node,
		'User ID',
		this.getNodeParameter('userId', itemIndex, ''),
		itemIndex,
	);
	const authConfigId = requireId(
		node,
		'Auth Config',
		this.getNodeParameter('authConfig', itemIndex, '', { extractValue: true }),
		'ac',
		itemIndex,
	);
	const method = this.getNodeParameter('method', itemIndex, 'link') as string;
	if (method !== 'link' && method !== 'initiate') {
		throw inputError(node, 'Method', `"${String(method)}" is not one of link, initiate`, itemIndex);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
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
		callbackUrl: readCallbackUrl.call(this, options, itemIndex),
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
		const scheme = this.getNodeParameter('authScheme', itemIndex, 'API_KEY') as string;
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
			requireString(node, field, this.getNodeParameter(name, itemIndex, ''), itemIndex, {
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
export async function assertNoLiveAccount(
	this: IExecuteFunctions,
	input: ConnectInput,
	itemIndex: number,
): Promise<void> {
	const page = await listConnectedAccountsPage.call(
		this,
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
			this.getNode(),
			`User ${input.userId} already has an ACTIVE connected account for auth config ${input.authConfigId} (${String(active.id)})`,
			{ itemIndex, description },
		);
	}
	const pending = items.find((account) => account.status !== 'ACTIVE');
	if (pending) {
		throw new NodeOperationError(
			this.getNode(),
			`User ${input.userId} already has a pending connected account for auth config ${input.authConfigId} (${String(pending.id)}, ${String(pending.status)}): the user has not finished connecting it yet`,
			{
				itemIndex,
				description: `Wait for that connection (Wait for Connection on ${String(pending.id)}), or let its Connect Link expire (${LINK_LIFETIME_SECONDS / 60} minutes after it was made). ${description}`,
			},
		);
	}
}

export async function initiate(
	this: IExecuteFunctions,
	input: ConnectInput,
	authConfig: AuthConfig,
	itemIndex: number,
): Promise<IDataObject> {
	const scheme = input.scheme as string;
	let credentials: IDataObject = {};
	if (scheme === 'API_KEY') {
		const field = await apiKeyFieldName.call(this, authConfig.toolkit?.slug, itemIndex);
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
		this,
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
 * With credentials, the auth config must be one Composio lets the node initiate: not a
 * Composio-managed OAuth app (those connect only through a link), and of the chosen Auth Scheme.
 */
export function assertSchemeFits(
	this: IExecuteFunctions,
	input: ConnectInput,
	authConfig: AuthConfig,
	itemIndex: number,
): void {
	const node = this.getNode();
	const configScheme = authConfig.auth_scheme ?? null;
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
