import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { ComposioTool } from '../../shared/tools';
import { getTool, TOOL_SLUG_PATTERN } from '../../shared/tools';

/**
 * A sibling parameter as the editor currently has it. Unresolvable expressions (e.g. a user ID
 * taken from `$json`, which does not exist while editing) count as "not set".
 */
export function currentParameter(ctx: ILoadOptionsFunctions, name: string): string | undefined {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		value = undefined;
	}
	if (value === undefined) {
		try {
			value = ctx.getNodeParameter(name, undefined, { extractValue: true });
		} catch {
			value = undefined;
		}
	}
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '' || text.startsWith('=')) return undefined;
	return text;
}

/** The tool chosen in the editor, or undefined when none (or an unknown one) is chosen. */
export async function currentTool(
	ctx: ILoadOptionsFunctions,
	version?: string,
): Promise<ComposioTool | undefined> {
	const slug = currentParameter(ctx, 'tool')?.toUpperCase();
	if (!slug || !TOOL_SLUG_PATTERN.test(slug)) return undefined;
	return await getTool.call(ctx, slug, version);
}
