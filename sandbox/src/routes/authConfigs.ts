/** `/auth_configs` — list and get. */
import { renderAuthConfig } from '../domain/render';
import type { ApiResource, RouteContext } from '../http/context';
import { authConfigNotFound } from '../http/errors';
import { paginate, readPageRequest } from '../http/pagination';

function list({ state, query, version }: RouteContext): unknown {
	const managed = query.boolean('is_composio_managed');
	const toolkits = query.list('toolkit_slug')?.map((s) => s.toLowerCase());
	const showDisabled = query.boolean('show_disabled') ?? false;
	const search = query.string('search')?.toLowerCase();
	// v3.1 documents a maximum of 50 per page for auth configs; v3 allowed 1000.
	const page = readPageRequest(query, 20, version === 'v3.1' ? 50 : 1000);
	const items = [...state.authConfigs.values()]
		.filter(
			(ac) =>
				(managed === undefined || ac.isComposioManaged === managed) &&
				(!toolkits || toolkits.includes(ac.toolkit)) &&
				(showDisabled || ac.status === 'ENABLED') &&
				(!search || ac.name.toLowerCase().includes(search)),
		)
		.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
	return paginate(items, page, (ac) => renderAuthConfig(state, ac));
}

function getOne({ state, params }: RouteContext): unknown {
	const authConfig = state.authConfigs.get(params.nanoid);
	if (!authConfig) throw authConfigNotFound(params.nanoid);
	return renderAuthConfig(state, authConfig);
}

export const authConfigsResource: ApiResource = {
	name: 'auth_configs',
	register(routes) {
		routes('/auth_configs').get('', list).get('/:nanoid', getOne);
	},
};
