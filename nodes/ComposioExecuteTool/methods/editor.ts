import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { currentParameter } from '../../shared/accountSelection/editor';
import type { Tool } from '../../shared/api/types';
import { loadTool, TOOL_SLUG_PATTERN } from '../helpers/tools';

/** The tool chosen in the editor, or undefined when none is chosen; an unknown one is an error. */
export async function currentTool(
	this: ILoadOptionsFunctions,
	version?: string,
): Promise<Tool | undefined> {
	const slug = currentParameter.call(this, 'tool')?.toUpperCase();
	if (!slug || !TOOL_SLUG_PATTERN.test(slug)) return undefined;
	return await loadTool.call(this, slug, version);
}
