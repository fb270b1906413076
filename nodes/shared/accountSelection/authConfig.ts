import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toolkitSlugOf } from '../api/toolkits';
import type { AuthConfig, Page } from '../api/types';
import type { ComposioContext, ComposioRequest, ComposioResponse } from '../transport';
import { composioApiRequest, composioRequest } from '../transport';
import type { RunCache } from './cache';
import type { NotConnectedRequest } from './connectLink';

export const AUTH_CONFIGS_PATH = '/auth_configs';

/**
 * The auth config a Connect Link is made with: the chosen one, checked (it exists, is of the
 * toolkit, is enabled), or the toolkit's first enabled one.
 */
export async function chooseAuthConfig(
	this: IExecuteFunctions,
	cache: RunCache,
	request: Pick<NotConnectedRequest, 'toolkit' | 'tool' | 'itemIndex' | 'authConfigId'>,
): Promise<string> {
	const { toolkit, itemIndex } = request;
	const field = 'Options → Auth Config for Connect Links';
	if (request.authConfigId) {
		const id = request.authConfigId;
		const response = await cache.get(
			`authConfig:${id}`,
			async () =>
				await composioRequest.call<
					ComposioContext,
					[ComposioRequest],
					Promise<ComposioResponse<AuthConfig>>
				>(this, {
					method: 'GET',
					path: `${AUTH_CONFIGS_PATH}/${encodeURIComponent(id)}`,
					acceptStatuses: [404],
					itemIndex,
				}),
		);
		if (response.statusCode === 404) {
			throw new NodeOperationError(this.getNode(), `${field}: auth config ${id} does not exist`, {
				itemIndex,
			});
		}
		const configToolkit = toolkitSlugOf(response.body);
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
	const page = await cache.get(
		`authConfigs:${toolkit}`,
		async () =>
			await composioApiRequest.call<ComposioContext, [ComposioRequest], Promise<Page<AuthConfig>>>(
				this,
				{
					method: 'GET',
					path: AUTH_CONFIGS_PATH,
					qs: { toolkit_slug: toolkit, limit: 50 },
					itemIndex,
				},
			),
	);
	const config = (page.items ?? []).find(
		(c) =>
			c.status !== 'DISABLED' && (toolkitSlugOf(c) === undefined || toolkitSlugOf(c) === toolkit),
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
