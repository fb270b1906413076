import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ComposioContext } from './transport';
import { composioRequest } from './transport';

export const TOOLS_PATH = '/tools';

/** The legacy base version every toolkit has (the v3 default); never chosen unless asked for. */
export const BASE_TOOL_VERSION = '00000000_00';

/** Toolkit versions look like `20251111_00` (date + two-digit sequence). */
export const TOOL_VERSION_PATTERN = /^\d{8}_\d{2}$/;

/** Tool slugs are upper-case words joined by underscores, e.g. `GMAIL_SEND_EMAIL`. */
export const TOOL_SLUG_PATTERN = /^[A-Z0-9][A-Z0-9_]*$/;

/** The parts of Composio's tool object the nodes use (the rest is kept as returned). */
export interface ComposioTool extends IDataObject {
	slug: string;
	name?: string;
	description?: string;
	toolkit?: { slug?: string; name?: string };
	input_parameters?: IDataObject;
	available_versions?: string[];
	version?: string;
	no_auth?: boolean;
	is_deprecated?: boolean;
}

/**
 * One tool (`GET /tools/{slug}`), optionally at a toolkit version; `version` omitted means the API's
 * default (`latest` on v3.1). An unknown slug becomes an error that names the Tool parameter.
 */
export async function getTool(
	this: ComposioContext,
	slug: string,
	version?: string,
	itemIndex?: number,
): Promise<ComposioTool> {
	const response = await composioRequest.call(this, {
		method: 'GET',
		path: `${TOOLS_PATH}/${encodeURIComponent(slug)}`,
		qs: version ? { version } : undefined,
		acceptStatuses: [404],
		itemIndex,
	});
	if (response.statusCode === 404) {
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
	const tool = response.body as ComposioTool;
	if (!tool || typeof tool.slug !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`Composio answered GET ${TOOLS_PATH}/${slug} without a tool`,
			{ itemIndex, description: 'Check the Base URL in the Composio API credential.' },
		);
	}
	return tool;
}

/** The concrete versions a tool lists, newest first, without `latest` and the base version. */
export function listedToolVersions(tool: ComposioTool): string[] {
	const versions = Array.isArray(tool.available_versions) ? tool.available_versions : [];
	const concrete = versions.filter(
		(v): v is string =>
			typeof v === 'string' && TOOL_VERSION_PATTERN.test(v) && v !== BASE_TOOL_VERSION,
	);
	return [...new Set(concrete)].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/** The newest version a tool lists (never the base version), or undefined when it lists none. */
export function newestToolVersion(tool: ComposioTool): string | undefined {
	return listedToolVersions(tool)[0];
}

export function toolkitOfTool(tool: ComposioTool): string | undefined {
	const slug = tool.toolkit?.slug;
	return typeof slug === 'string' && slug !== '' ? slug.toLowerCase() : undefined;
}
