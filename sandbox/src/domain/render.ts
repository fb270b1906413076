/**
 * Wire shapes (snake_case, as the real API answers).
 */
import { inputSchemaAt, outputSchema, toolAvailableVersions, type ToolDef } from '../catalog/tools';
import type { ToolkitDef } from '../catalog/toolkits';
import type { AccountRecord, AuthConfigRecord } from '../core/model';
import type { SandboxState } from '../core/state';
import { renderVal } from './accounts';
import { maskObject, maskString } from './masking';

export function renderAccount(
	state: SandboxState,
	account: AccountRecord,
	full: boolean,
): Record<string, unknown> {
	const authConfig = state.authConfigs.get(account.authConfigId);
	const toolkit = state.toolkits.get(account.toolkit);
	const managed = authConfig?.isComposioManaged ?? false;
	const val = maskObject(renderVal(account, state.credentialsOf(account)), {
		maskAll: state.config.maskSecrets,
	});
	const out: Record<string, unknown> = {
		id: account.id,
		alias: account.alias,
		word_id: account.wordId,
		user_id: account.userId,
		toolkit: { slug: account.toolkit },
		auth_config: {
			id: account.authConfigId,
			auth_scheme: authConfig?.authScheme ?? account.authScheme,
			is_composio_managed: managed,
			is_disabled: authConfig?.status === 'DISABLED',
		},
		status: account.status,
		status_reason: account.statusReason,
		is_disabled: account.isDisabled,
		state: { authScheme: account.authScheme, val },
		data: { ...val },
		created_at: state.clock.iso(account.createdAt),
		updated_at: state.clock.iso(account.updatedAt),
	};
	// `user_id` is deprecated on connected accounts; the control switch shows it null or not at all.
	if (state.config.accountUserId === 'null') out.user_id = null;
	else if (state.config.accountUserId === 'omitted') delete out.user_id;
	if (toolkit?.testRequestEndpoint) out.test_request_endpoint = toolkit.testRequestEndpoint;
	if (full) {
		out.params = { ...val };
		if (account.requestedScopes) out.requested_scopes = [...account.requestedScopes];
	}
	return out;
}

function authConfigCredentials(authConfig: AuthConfigRecord): Record<string, unknown> {
	if (authConfig.isComposioManaged) {
		// Composio-managed app credentials are never shown; only the requested scopes are.
		return { scopes: authConfig.scopes };
	}
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(authConfig.credentials)) {
		out[key] = typeof value === 'string' && key !== 'scopes' ? maskString(value) : value;
	}
	return out;
}

export function renderAuthConfig(
	state: SandboxState,
	authConfig: AuthConfigRecord,
): Record<string, unknown> {
	const toolkit = state.toolkits.get(authConfig.toolkit);
	return {
		id: authConfig.id,
		uuid: authConfig.uuid,
		type: authConfig.type,
		toolkit: { slug: authConfig.toolkit, logo: toolkit?.logo ?? '' },
		name: authConfig.name,
		auth_scheme: authConfig.authScheme,
		is_composio_managed: authConfig.isComposioManaged,
		credentials: authConfigCredentials(authConfig),
		status: authConfig.status,
		created_by: authConfig.createdBy,
		created_at: state.clock.iso(authConfig.createdAt),
		last_updated_at: state.clock.iso(authConfig.lastUpdatedAt),
		no_of_connections: state.countConnections(authConfig.id),
		expected_input_fields: [],
		restrict_to_following_tools: [],
		tool_access_config: {
			tools_for_connected_account_creation: [],
			tools_available_for_execution: [],
		},
		is_enabled_for_tool_router: authConfig.isEnabledForToolRouter,
		deprecated_params: { default_connector_id: null },
	};
}

function toolkitMeta(state: SandboxState, toolkit: ToolkitDef): Record<string, unknown> {
	let toolsCount = 0;
	for (const tool of state.tools.values()) if (tool.toolkit === toolkit.slug) toolsCount++;
	return {
		created_at: toolkit.createdAt,
		updated_at: toolkit.updatedAt,
		description: toolkit.description,
		logo: toolkit.logo,
		app_url: toolkit.appUrl,
		categories: toolkit.categories.map((c) => ({ id: c.id, name: c.name })),
		triggers_count: toolkit.triggersCount,
		tools_count: toolsCount,
		version: toolkit.versions[0],
	};
}

export function renderToolkitListItem(
	state: SandboxState,
	toolkit: ToolkitDef,
): Record<string, unknown> {
	return {
		slug: toolkit.slug,
		name: toolkit.name,
		auth_schemes: [...toolkit.authSchemes],
		composio_managed_auth_schemes: [...toolkit.managedAuthSchemes],
		is_local_toolkit: false,
		no_auth: toolkit.noAuth,
		deprecated: { toolkitId: state.toolkitUuid(toolkit.slug) },
		meta: toolkitMeta(state, toolkit),
	};
}

export function renderToolkit(
	state: SandboxState,
	toolkit: ToolkitDef,
	version: string,
): Record<string, unknown> {
	const meta = toolkitMeta(state, toolkit);
	return {
		slug: toolkit.slug,
		name: toolkit.name,
		enabled: true,
		is_local_toolkit: false,
		no_auth: toolkit.noAuth,
		composio_managed_auth_schemes: [...toolkit.managedAuthSchemes],
		auth_config_details: toolkit.authModes.map((mode) => ({
			mode: mode.mode,
			name: mode.name,
			fields: {
				auth_config_creation: { required: mode.creationRequired, optional: mode.creationOptional },
				connected_account_initiation: {
					required: mode.initiationRequired,
					optional: mode.initiationOptional,
				},
			},
			proxy: { base_url: toolkit.baseUrl },
		})),
		base_url: toolkit.baseUrl,
		get_current_user_endpoint: toolkit.getCurrentUserEndpoint,
		// Get-one categories carry `slug` where list items carry `id` (as in Composio's API).
		meta: {
			...meta,
			categories: toolkit.categories.map((c) => ({ slug: c.id, name: c.name })),
			version,
			available_versions: [...toolkit.versions],
		},
		deprecated: {
			toolkitId: state.toolkitUuid(toolkit.slug),
			getCurrentUserEndpoint: toolkit.getCurrentUserEndpoint,
			rawProxyInfoByAuthSchemes: [],
		},
	};
}

export function renderTool(
	state: SandboxState,
	tool: ToolDef,
	version: string,
): Record<string, unknown> {
	const toolkit = state.toolkits.get(tool.toolkit);
	if (!toolkit) throw new Error(`Tool ${tool.slug} references unknown toolkit ${tool.toolkit}`);
	const availableVersions = toolAvailableVersions(tool, toolkit);
	return {
		slug: tool.slug,
		name: tool.name,
		description: tool.description,
		human_description: tool.humanDescription,
		toolkit: { slug: toolkit.slug, name: toolkit.name, logo: toolkit.logo },
		input_parameters: inputSchemaAt(tool, version),
		output_parameters: outputSchema(tool),
		no_auth: tool.noAuth,
		available_versions: availableVersions,
		version,
		scopes: [...tool.scopes],
		scope_requirements: tool.scopes.length ? { all_of: [...tool.scopes] } : null,
		tags: [...tool.tags],
		is_deprecated: tool.isDeprecated,
		deprecated: {
			displayName: tool.name,
			version,
			available_versions: availableVersions,
			is_deprecated: tool.isDeprecated,
			toolkit: { logo: toolkit.logo },
		},
	};
}
