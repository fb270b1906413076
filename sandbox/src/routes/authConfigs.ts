/** `/auth_configs` — list, get and create. */
import type { AuthScheme } from '../catalog/toolkits';
import type { AuthConfigRecord } from '../core/model';
import { renderAuthConfig } from '../domain/render';
import type { ApiResource, RouteContext } from '../http/context';
import { authConfigNotFound, badRequest, toolkitNotFound, validationError } from '../http/errors';
import { paginate, readPageRequest } from '../http/pagination';
import { isPlainObject, optionalString } from '../http/query';

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

function scopesOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
	return [];
}

/**
 * `POST /auth_configs`: `{ toolkit: { slug }, auth_config?: { type: 'use_composio_managed_auth' } |
 * { type: 'use_custom_auth', authScheme, credentials } }` → 201 `{ toolkit, auth_config }`. The
 * scheme must be one the toolkit supports, and custom auth needs the toolkit's creation fields.
 */
function create({ state, body, res }: RouteContext): unknown {
	const toolkitInput = body.toolkit;
	if (!isPlainObject(toolkitInput) || typeof toolkitInput.slug !== 'string' || !toolkitInput.slug) {
		throw validationError(['toolkit.slug: required']);
	}
	const toolkit = state.toolkits.get(toolkitInput.slug.toLowerCase());
	if (!toolkit) throw toolkitNotFound(toolkitInput.slug);
	const input = body.auth_config ?? { type: 'use_composio_managed_auth' };
	if (!isPlainObject(input)) throw validationError(['auth_config: expected an object']);
	const credentialsInput = input.credentials ?? {};
	if (!isPlainObject(credentialsInput)) {
		throw validationError(['auth_config.credentials: expected an object']);
	}
	const name = optionalString(input.name, 'auth_config.name');
	let scheme: AuthScheme;
	let managed: boolean;
	const credentials: Record<string, unknown> = {};
	if (input.type === 'use_composio_managed_auth') {
		const [managedScheme] = toolkit.managedAuthSchemes;
		if (!managedScheme) {
			throw badRequest(`Composio does not manage auth for toolkit ${toolkit.slug}`, {
				suggestedFix:
					'Create the auth config with type "use_custom_auth" and your own credentials.',
			});
		}
		scheme = managedScheme;
		managed = true;
	} else if (input.type === 'use_custom_auth') {
		const requested = input.authScheme;
		if (typeof requested !== 'string' || !requested) {
			throw validationError(['auth_config.authScheme: required for use_custom_auth']);
		}
		const mode = toolkit.authModes.find((m) => m.mode === requested);
		if (!mode) {
			throw badRequest(
				`Toolkit ${toolkit.slug} does not support auth scheme ${requested} (supported: ${toolkit.authSchemes.join(', ')})`,
			);
		}
		const missing = mode.creationRequired
			.filter((f) => typeof credentialsInput[f.name] !== 'string' || !credentialsInput[f.name])
			.map((f) => `auth_config.credentials.${f.name}: required for ${requested}`);
		if (missing.length) throw validationError(missing);
		for (const f of [...mode.creationRequired, ...mode.creationOptional]) {
			if (f.name !== 'scopes' && credentialsInput[f.name] !== undefined) {
				credentials[f.name] = credentialsInput[f.name];
			}
		}
		scheme = mode.mode;
		managed = false;
	} else {
		throw validationError([
			'auth_config.type: expected "use_composio_managed_auth" or "use_custom_auth"',
		]);
	}
	const requestedScopes = scopesOf(credentialsInput.scopes);
	const scopes =
		scheme !== 'OAUTH2'
			? []
			: requestedScopes.length
				? requestedScopes
				: [...toolkit.defaultScopes];
	if (scopes.length) credentials.scopes = scopes.join(',');
	const id = state.newUniqueId('ac', state.authConfigs);
	const now = state.clock.now();
	const record: AuthConfigRecord = {
		id,
		uuid: state.ids.uuid(),
		type: managed ? 'default' : 'custom',
		toolkit: toolkit.slug,
		name: name ?? `${toolkit.name} ${scheme}`,
		authScheme: scheme,
		isComposioManaged: managed,
		status: 'ENABLED',
		createdBy: 'api',
		createdAt: now,
		lastUpdatedAt: now,
		credentials,
		scopes,
		isEnabledForToolRouter: true,
	};
	state.authConfigs.set(id, record);
	state.touch();
	res.status(201);
	return {
		toolkit: { slug: toolkit.slug },
		auth_config: {
			id,
			auth_scheme: scheme,
			is_composio_managed: managed,
			restrict_to_following_tools: [],
		},
	};
}

export const authConfigsResource: ApiResource = {
	name: 'auth_configs',
	register(routes) {
		routes('/auth_configs').get('', list).post('', create).get('/:nanoid', getOne);
	},
};
