import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createConnectLink } from '../../shared/connectedAccounts';
import type { ComposioResponse } from '../../shared/transport';
import { composioApiRequest, composioRequest } from '../../shared/transport';
import type { RunCache } from './cache';

export const AUTH_CONFIGS_PATH = '/auth_configs';

export interface NotConnectedRequest {
	userId: string;
	toolkit: string;
	tool: string;
	itemIndex: number;
	/** By Alias: the link creates the account under this alias, so the next run finds it. */
	alias?: string;
	/** From the "Auth Config for Connect Links" option; default: the toolkit's first enabled one. */
	authConfigId?: string;
	callbackUrl?: string;
}

function toolkitOfConfig(config: IDataObject): string | undefined {
	const slug = (config.toolkit as IDataObject | undefined)?.slug;
	return typeof slug === 'string' ? slug.toLowerCase() : undefined;
}

async function chooseAuthConfig(
	this: IExecuteFunctions,
	cache: RunCache,
	request: NotConnectedRequest,
): Promise<string> {
	const { toolkit, itemIndex } = request;
	const field = 'Options → Auth Config for Connect Links';
	if (request.authConfigId) {
		const id = request.authConfigId;
		const response = await cache.get<ComposioResponse>(
			`authConfig:${id}`,
			async () =>
				(await composioRequest.call(this, {
					method: 'GET',
					path: `${AUTH_CONFIGS_PATH}/${encodeURIComponent(id)}`,
					acceptStatuses: [404],
					itemIndex,
				})) as ComposioResponse,
		);
		if (response.statusCode === 404) {
			throw new NodeOperationError(this.getNode(), `${field}: auth config ${id} does not exist`, {
				itemIndex,
			});
		}
		const configToolkit = toolkitOfConfig(response.body);
		if (configToolkit !== undefined && configToolkit !== toolkit) {
			throw new NodeOperationError(
				this.getNode(),
				`${field}: auth config ${id} is for ${configToolkit}, but ${request.tool} needs a ${toolkit} account`,
				{ itemIndex, description: `Choose an auth config of the ${toolkit} toolkit.` },
			);
		}
		if (response.body.status === 'DISABLED') {
			throw new NodeOperationError(this.getNode(), `${field}: auth config ${id} is disabled`, {
				itemIndex,
				description: 'Enable it in Composio, or choose another auth config.',
			});
		}
		return id;
	}
	const page = await cache.get<IDataObject>(
		`authConfigs:${toolkit}`,
		async () =>
			(await composioApiRequest.call(this, {
				method: 'GET',
				path: AUTH_CONFIGS_PATH,
				qs: { toolkit_slug: toolkit, limit: 50 },
				itemIndex,
			})) as IDataObject,
	);
	const items = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
	const config = items.find(
		(c) =>
			c.status !== 'DISABLED' &&
			(toolkitOfConfig(c) === undefined || toolkitOfConfig(c) === toolkit),
	);
	if (!config || typeof config.id !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot create a Connect Link: the project has no enabled auth config for ${toolkit}`,
			{
				itemIndex,
				description: `Create an auth config for ${toolkit} in Composio, or set "Auth Config for Connect Links".`,
			},
		);
	}
	return config.id;
}

/**
 * The answer for a user with no usable account when "Return Connect Link When Not Connected" is on:
 * not an error but data the caller (often an AI agent) can act on — a fresh Connect Link to give the
 * user. Creating the link creates an INITIATED account at Composio (it expires unused after 10 min).
 */
export async function notConnectedResult(
	this: IExecuteFunctions,
	cache: RunCache,
	request: NotConnectedRequest,
): Promise<IDataObject> {
	const authConfigId = await chooseAuthConfig.call(this, cache, request);
	const link = await createConnectLink.call(
		this,
		{
			userId: request.userId,
			authConfigId,
			callbackUrl: request.callbackUrl,
			alias: request.alias,
		},
		request.itemIndex,
	);
	const what =
		request.alias !== undefined
			? `${request.toolkit} account with the alias "${request.alias}"`
			: `active ${request.toolkit} account`;
	return {
		connected: false,
		tool: request.tool,
		toolkit: request.toolkit,
		user_id: request.userId,
		connect_url: link.redirect_url,
		expires_at: link.expires_at,
		connected_account_id: link.connected_account_id,
		auth_config_id: authConfigId,
		message: `The user has no ${what}, so ${request.tool} did not run. Ask them to open connect_url to connect their ${request.toolkit} account (the link expires at ${link.expires_at}), then try again.`,
	};
}
