/** `/toolkits` — list and get. */
import { isKnownToolkitVersion, type ToolkitDef } from '../catalog/toolkits';
import { renderToolkit, renderToolkitListItem } from '../domain/render';
import type { ApiResource, RouteContext } from '../http/context';
import { toolkitNotFound, validationError } from '../http/errors';
import { paginate, readPageRequest } from '../http/pagination';

function list({ state, query }: RouteContext): unknown {
	const category = query.string('category')?.toLowerCase();
	const managedBy = query.enumValue('managed_by', ['composio', 'all', 'project'] as const, 'all');
	const sortBy = query.enumValue('sort_by', ['usage', 'alphabetically'] as const, 'usage');
	const search = query.string('search')?.toLowerCase();
	if (search !== undefined && search.length < 3) {
		throw validationError(
			[`search: must be at least 3 characters, got '${search}'`],
			"Invalid value for query parameter 'search'",
		);
	}
	const page = readPageRequest(query, 20, 1000);
	const projectToolkits = new Set([...state.authConfigs.values()].map((ac) => ac.toolkit));
	const items = [...state.toolkits.values()]
		.filter(
			(t: ToolkitDef) =>
				(!category ||
					t.categories.some((c) => c.id === category || c.name.toLowerCase() === category)) &&
				(managedBy !== 'composio' || t.managedAuthSchemes.length > 0) &&
				(managedBy !== 'project' || projectToolkits.has(t.slug)) &&
				(!search ||
					t.slug.includes(search) ||
					t.name.toLowerCase().includes(search) ||
					t.description.toLowerCase().includes(search)),
		)
		.sort((a, b) =>
			sortBy === 'usage' ? a.usageRank - b.usageRank : a.name.localeCompare(b.name),
		);
	return paginate(items, page, (t) => renderToolkitListItem(state, t));
}

function getOne({ state, params, query }: RouteContext): unknown {
	const toolkit = state.toolkits.get(params.slug.toLowerCase());
	if (!toolkit) throw toolkitNotFound(params.slug);
	const requested = query.string('version') ?? 'latest';
	const version = requested === 'latest' ? toolkit.versions[0] : requested;
	if (!isKnownToolkitVersion(toolkit, version)) {
		throw validationError(
			[`version: unknown version '${requested}' for toolkit ${toolkit.slug}`],
			`Unknown toolkit version ${requested}`,
		);
	}
	return renderToolkit(state, toolkit, version);
}

export const toolkitsResource: ApiResource = {
	name: 'toolkits',
	register(routes) {
		routes('/toolkits').get('', list).get('/:slug', getOne);
	},
};
