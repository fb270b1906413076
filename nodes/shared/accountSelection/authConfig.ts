import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toolkitSlugOf } from '../api/toolkits';
import { AUTH_CONFIGS_PAGE_SIZE, findAuthConfig, listAuthConfigsPage } from '../api/authConfigs';
import type { RunCache } from './cache';
import type { NotConnectedRequest } from './connectLink';

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
		const config = await cache.get(
			`authConfig:${id}`,
			async () => await findAuthConfig.call(this, id, itemIndex),
		);
		if (config === null) {
			throw new NodeOperationError(this.getNode(), `${field}: auth config ${id} does not exist`, {
				itemIndex,
			});
		}
		const configToolkit = toolkitSlugOf(config);
		if (configToolkit !== undefined && configToolkit !== toolkit) {
			throw new NodeOperationError(
				this.getNode(),
				`${field}: auth config ${id} is for ${configToolkit}, but ${request.tool} needs a ${toolkit} account`,
				{ itemIndex, description: `Choose an auth config of the ${toolkit} toolkit.` },
			);
		}
		if (config.status === 'DISABLED') {
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
			await listAuthConfigsPage.call(this, {
				toolkit_slug: toolkit,
				limit: AUTH_CONFIGS_PAGE_SIZE,
			}),
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
