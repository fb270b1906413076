import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getToolkits } from '../../shared/methods/loadOptions';
import { listedToolVersions, newestToolVersion } from '../helpers/tools';
import { NEWEST_VERSION } from '../helpers/constants';
import { currentTool } from './editor';

/** Every toolkit, after an "All Toolkits" entry (the Toolkit parameter only narrows the tool list). */
export async function getToolkitOptions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return [
		{ name: 'All Toolkits', value: '', description: 'Search the tools of every toolkit' },
		...(await getToolkits.call(this)),
	];
}

/** "Newest Listed", "Latest" and every version the chosen tool lists, newest first. */
export async function getToolVersions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const tool = await currentTool.call(this);
	const newest = tool ? newestToolVersion(tool) : undefined;
	return [
		{
			name: newest ? `Newest Listed (Now ${newest})` : 'Newest Listed',
			value: NEWEST_VERSION,
			description:
				'The newest version the tool lists when the node runs; the output records which one ran',
		},
		{
			name: 'Latest (Chosen by Composio)',
			value: 'latest',
			description: 'Sends "latest": Composio runs its current version of the tool',
		},
		...(tool ? listedToolVersions(tool) : []).map((version) => ({
			name: version,
			value: version,
			description: `Always run ${tool?.slug ?? 'the tool'} as of toolkit version ${version}`,
		})),
	];
}
