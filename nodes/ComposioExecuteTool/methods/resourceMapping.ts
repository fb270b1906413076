import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { currentParameter } from '../../shared/accountSelection/editor';
import { argumentFields } from '../helpers/fields';
import { newestToolVersion, TOOL_VERSION_PATTERN } from '../helpers/tools';
import { currentTool } from './editor';

/** The chosen tool's arguments, from its `input_parameters` JSON schema at the chosen version. */
export async function getToolArguments(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	let tool = await currentTool.call(this);
	if (!tool) return { fields: [], emptyFieldsNotice: 'Choose a tool first' };
	const choice = currentParameter.call(this, 'version');
	const version =
		choice && TOOL_VERSION_PATTERN.test(choice)
			? choice
			: choice === 'latest'
				? undefined
				: newestToolVersion(tool);
	if (version && version !== tool.version) tool = (await currentTool.call(this, version)) ?? tool;
	const fields = argumentFields(tool);
	return fields.length
		? { fields }
		: { fields, emptyFieldsNotice: `${tool.slug} takes no arguments` };
}
