import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RunCache } from '../../shared/accountSelection/cache';
import type { Tool } from '../../shared/api/types';
import { getTool } from '../../shared/api/tools';
import { toolkitSlugOf } from '../../shared/api/toolkits';
import type { ComposioContext } from '../../shared/transport';
import { inputError } from '../../shared/validation';
import { NEWEST_VERSION } from './constants';

/** The legacy base version every toolkit has (the v3 default); never chosen unless asked for. */
export const BASE_TOOL_VERSION = '00000000_00';

/** Toolkit versions look like `20251111_00` (date + two-digit sequence). */
export const TOOL_VERSION_PATTERN = /^\d{8}_\d{2}$/;

/** Tool slugs are upper-case words joined by underscores, e.g. `GMAIL_SEND_EMAIL`. */
export const TOOL_SLUG_PATTERN = /^[A-Z0-9][A-Z0-9_]*$/;

/**
 * One tool, optionally at a toolkit version (omitted: the API's default, `latest` on v3.1). An
 * unknown slug becomes an error that names the Tool parameter.
 */
export async function loadTool(
	this: ComposioContext,
	slug: string,
	version?: string,
	itemIndex?: number,
): Promise<Tool> {
	const tool = await getTool.call(this, slug, version, itemIndex);
	if (tool) return tool;
	throw new NodeOperationError(
		this.getNode(),
		version
			? `Tool: Composio has no tool ${slug} at version ${version}`
			: `Tool: Composio has no tool ${slug}`,
		{
			itemIndex,
			description: version
				? 'The tool may have been added in a later version of its toolkit. Choose another version, or "Newest Listed".'
				: 'Check the slug (e.g. GMAIL_SEND_EMAIL), or pick the tool from the list.',
		},
	);
}

/** The concrete versions a tool lists, newest first, without `latest` and the base version. */
export function listedToolVersions(tool: Tool): string[] {
	const versions = Array.isArray(tool.available_versions) ? tool.available_versions : [];
	const concrete = versions.filter(
		(v): v is string =>
			typeof v === 'string' && TOOL_VERSION_PATTERN.test(v) && v !== BASE_TOOL_VERSION,
	);
	return [...new Set(concrete)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/** The newest version a tool lists (never the base version), or undefined when it lists none. */
export function newestToolVersion(tool: Tool): string | undefined {
	return listedToolVersions(tool)[0];
}

export interface ResolvedTool {
	tool: Tool;
	/** The version sent to Composio: a concrete version or "latest". */
	version: string;
	toolkit: string;
}

/** The version a "newest", "latest" or explicit choice sends (see resolveTool). */
function chosenVersion(
	this: IExecuteFunctions,
	current: Tool,
	choice: string,
	itemIndex: number,
): string {
	const slug = current.slug;
	if (choice === 'latest') return 'latest';
	if (choice === NEWEST_VERSION) {
		const newest = newestToolVersion(current);
		if (newest) return newest;
		throw inputError(
			this.getNode(),
			'Version',
			`${slug} lists no toolkit versions to choose the newest from`,
			itemIndex,
			'Set Version to "latest" (Composio then picks the version when it runs the tool), or to a version you know.',
		);
	}
	const listed = listedToolVersions(current);
	if (listed.includes(choice)) return choice;
	throw inputError(
		this.getNode(),
		'Version',
		`${slug} is not available at version ${choice}`,
		itemIndex,
		`Versions of ${slug}: ${listed.join(', ') || 'none listed'} (or "latest").`,
	);
}

/**
 * The tool at the chosen version (one request per slug and version per run): "newest" becomes the
 * newest version the tool lists, an explicit version must be one it lists, "latest" is sent as is.
 * A tool outside the Toolkit parameter's toolkit is an error.
 */
export async function resolveTool(
	this: IExecuteFunctions,
	cache: RunCache,
	input: { slug: string; versionChoice: string; toolkitFilter?: string },
	itemIndex: number,
): Promise<ResolvedTool> {
	const { slug } = input;
	const current = await cache.get(
		`tool:${slug}`,
		async () => await loadTool.call(this, slug, undefined, itemIndex),
	);
	const version = chosenVersion.call(this, current, input.versionChoice, itemIndex);
	const tool =
		version === 'latest' || version === current.version
			? current
			: await cache.get(
					`tool:${slug}@${version}`,
					async () => await loadTool.call(this, slug, version, itemIndex),
				);
	const toolkit = toolkitSlugOf(tool) ?? toolkitSlugOf(current);
	if (!toolkit) {
		throw new NodeOperationError(
			this.getNode(),
			`Composio did not say which toolkit ${slug} belongs to`,
			{ itemIndex },
		);
	}
	if (input.toolkitFilter !== undefined && input.toolkitFilter !== toolkit) {
		throw inputError(
			this.getNode(),
			'Tool',
			`${slug} belongs to the ${toolkit} toolkit, but Toolkit is set to ${input.toolkitFilter}`,
			itemIndex,
			'Choose a tool of that toolkit, or set Toolkit to "All Toolkits".',
		);
	}
	return { tool, version, toolkit };
}
