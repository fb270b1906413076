/** `/tools` — list, get and execute. */
import { EXECUTORS } from '../catalog/executors';
import { paramsAt, toolExistsAt, type ToolDef } from '../catalog/tools';
import { BASE_VERSION, isKnownToolkitVersion, type ToolkitDef } from '../catalog/toolkits';
import type { AccountRecord } from '../core/model';
import type { SandboxState } from '../core/state';
import { validateArguments } from '../domain/arguments';
import { renderTool } from '../domain/render';
import type { ApiResource, RouteContext } from '../http/context';
import { ApiError, badRequest, toolNotFound, validationError } from '../http/errors';
import { paginate, readPageRequest } from '../http/pagination';
import { isPlainObject, optionalString, type Query } from '../http/query';
import type { ApiVersion } from '../types';

/** v3 defaults tool versions to the base version, v3.1 to `latest` (changelog 2026-04-08). */
export function defaultToolVersion(version: ApiVersion): string {
	return version === 'v3' ? BASE_VERSION : 'latest';
}

function concreteVersion(toolkit: ToolkitDef, requested: string): string {
	return requested === 'latest' ? toolkit.versions[0] : requested;
}

function toolkitOfTool(state: SandboxState, tool: ToolDef): ToolkitDef {
	const toolkit = state.toolkits.get(tool.toolkit);
	if (!toolkit) throw new Error(`Tool ${tool.slug} has no toolkit`);
	return toolkit;
}

/** The version requested for a toolkit through `toolkit_versions` (string or bracket map), if any. */
function toolkitVersionFromQuery(query: Query, toolkit: string): string | undefined {
	const map = query.bracketMap('toolkit_versions');
	if (map) {
		const entry = Object.entries(map).find(([k]) => k.toLowerCase() === toolkit);
		return entry?.[1];
	}
	return query.string('toolkit_versions');
}

function findTool(state: SandboxState, slug: string): ToolDef {
	const tool = state.tools.get(slug.toUpperCase());
	if (!tool) throw toolNotFound(slug);
	return tool;
}

function assertKnownVersion(
	toolkit: ToolkitDef,
	tool: ToolDef | null,
	version: string,
	field: string,
): void {
	if (version === 'latest' || isKnownToolkitVersion(toolkit, version)) return;
	throw validationError(
		[
			`${field}: '${version}' is not a version of toolkit ${toolkit.slug}; available: latest, ${toolkit.versions.join(', ')}`,
		],
		tool
			? `Version ${version} is not available for tool ${tool.slug}`
			: `Unknown version ${version} for toolkit ${toolkit.slug}`,
	);
}

// ------------------------------------------------------------------ list / get

function list({ state, query, version }: RouteContext): unknown {
	const toolSlugs = query.list('tool_slugs')?.map((s) => s.toUpperCase());
	const toolkitSlugs = query.list('toolkit_slug')?.map((s) => s.toLowerCase());
	const authConfigIds = query.list('auth_config_ids');
	const important = query.boolean('important');
	const tags = query.list('tags');
	const scopes = query.list('scopes');
	const search = (query.string('query') ?? query.string('search'))?.toLowerCase();
	const includeDeprecated = query.boolean('include_deprecated') ?? true;
	const page = readPageRequest(query, 20, 1000);
	const authConfigToolkits = authConfigIds
		? new Set(
				authConfigIds
					.map((id) => state.authConfigs.get(id)?.toolkit)
					.filter((t): t is string => !!t),
			)
		: undefined;

	const rows: Array<{ tool: ToolDef; version: string }> = [];
	for (const tool of state.tools.values()) {
		const toolkit = toolkitOfTool(state, tool);
		if (toolSlugs) {
			if (!toolSlugs.includes(tool.slug)) continue;
		} else {
			if (toolkitSlugs && !toolkitSlugs.includes(tool.toolkit)) continue;
			if (authConfigToolkits && !authConfigToolkits.has(tool.toolkit)) continue;
			if (important === true && !tool.tags.includes('important')) continue;
			if (important === false && tool.tags.includes('important')) continue;
			if (tags && !tags.some((t) => tool.tags.includes(t))) continue;
			if (scopes && !scopes.some((s) => tool.scopes.includes(s))) continue;
			if (!includeDeprecated && tool.isDeprecated) continue;
			if (
				search &&
				!tool.slug.toLowerCase().includes(search) &&
				!tool.name.toLowerCase().includes(search) &&
				!tool.description.toLowerCase().includes(search)
			) {
				continue;
			}
		}
		const requested = toolkitVersionFromQuery(query, tool.toolkit) ?? defaultToolVersion(version);
		assertKnownVersion(toolkit, null, requested, 'toolkit_versions');
		const concrete = concreteVersion(toolkit, requested);
		if (!toolExistsAt(tool, toolkit, concrete)) continue;
		rows.push({ tool, version: concrete });
	}
	rows.sort((a, b) => a.tool.slug.localeCompare(b.tool.slug));
	return paginate(rows, page, (r) => renderTool(state, r.tool, r.version));
}

function getOne({ state, params, query, version }: RouteContext): unknown {
	const tool = findTool(state, params.tool_slug);
	const toolkit = toolkitOfTool(state, tool);
	const requested =
		query.string('version') ??
		toolkitVersionFromQuery(query, tool.toolkit) ??
		defaultToolVersion(version);
	const concrete = concreteVersion(toolkit, requested);
	if (!toolExistsAt(tool, toolkit, concrete)) throw toolNotFound(tool.slug, requested);
	return renderTool(state, tool, concrete);
}

// ------------------------------------------------------------------ execute

const NOT_FOUND_CODE = 1803;
const NOT_FOUND_SLUG = 'ActionExecute_ConnectedAccountNotFound';

function noAccount(message: string): ApiError {
	return new ApiError(400, NOT_FOUND_CODE, NOT_FOUND_SLUG, message, {
		suggestedFix:
			'Check that the connected account exists in this project, belongs to the user and is ACTIVE.',
	});
}

function pickAccount(
	state: SandboxState,
	tool: ToolDef,
	accountId: string | undefined,
	userId: string | undefined,
): AccountRecord {
	if (accountId) {
		const account = state.getAccount(accountId);
		if (!account) throw noAccount(`No connected account found with id ${accountId}`);
		if (userId && account.userId !== userId) {
			throw noAccount(`No connected account found with id ${accountId} for user ${userId}`);
		}
		if (account.toolkit !== tool.toolkit) {
			throw new ApiError(
				400,
				1812,
				'ActionExecute_ConnectedAccountToolkitMismatch',
				`Connected account ${accountId} is a ${account.toolkit} account, but tool ${tool.slug} belongs to toolkit ${tool.toolkit}`,
			);
		}
		if (account.status !== 'ACTIVE') {
			throw new ApiError(
				422,
				1813,
				'ActionExecute_ConnectedAccountNotActive',
				`Connected account ${accountId} is ${account.status}; only ACTIVE connected accounts can execute tools`,
				{
					suggestedFix:
						account.status === 'INACTIVE'
							? 'Enable the connected account (PATCH /connected_accounts/{id}/status {"enabled": true}).'
							: 'Reconnect the account with a new Connect Link.',
				},
			);
		}
		return account;
	}
	if (!userId)
		throw noAccount('No connected account found: provide user_id or connected_account_id');
	let best: AccountRecord | undefined;
	const others: string[] = [];
	for (const account of state.accountList) {
		if (account.deletedAt !== null || account.userId !== userId || account.toolkit !== tool.toolkit)
			continue;
		if (account.status !== 'ACTIVE') {
			others.push(account.status);
			continue;
		}
		if (
			!best ||
			account.createdAt > best.createdAt ||
			(account.createdAt === best.createdAt && account.seq > best.seq)
		)
			best = account;
	}
	if (!best) {
		const hint = others.length
			? ` (the user has ${others.length} ${tool.toolkit} account(s) that are not ACTIVE: ${others.join(', ')})`
			: '';
		throw noAccount(
			`No connected account found for user ${userId} and toolkit ${tool.toolkit}${hint}`,
		);
	}
	return best;
}

function execute({ state, params, body, version: apiVersion }: RouteContext): unknown {
	const tool = findTool(state, params.tool_slug);
	const toolkit = toolkitOfTool(state, tool);
	if (body.arguments !== undefined && body.text !== undefined) {
		throw validationError(
			["Only one of 'text' or 'arguments' must be provided"],
			"Only one of 'text' or 'arguments' must be provided",
		);
	}
	if (body.arguments !== undefined && body.arguments !== null && !isPlainObject(body.arguments)) {
		throw validationError(['arguments: expected an object']);
	}
	const text = optionalString(body.text, 'text');
	const requested = optionalString(body.version, 'version') ?? defaultToolVersion(apiVersion);
	assertKnownVersion(toolkit, tool, requested, 'version');
	const version = concreteVersion(toolkit, requested);
	if (!toolExistsAt(tool, toolkit, version)) throw toolNotFound(tool.slug, requested);

	// `text` (natural language) is not interpreted by the sandbox: it runs with no arguments.
	const rawArgs =
		text !== undefined ? {} : ((body.arguments as Record<string, unknown> | undefined) ?? {});
	const { errors, resolved } = validateArguments(paramsAt(tool, version), rawArgs);
	if (errors.length) throw validationError(errors, `Invalid arguments for tool ${tool.slug}`);

	const userId =
		optionalString(body.user_id, 'user_id') ?? optionalString(body.entity_id, 'entity_id');
	const accountId = optionalString(body.connected_account_id, 'connected_account_id');
	const customAuth = body.custom_auth_params !== undefined && body.custom_auth_params !== null;
	if (customAuth && !isPlainObject(body.custom_auth_params))
		throw badRequest('custom_auth_params must be an object');
	const account =
		tool.noAuth || (customAuth && !accountId) ? null : pickAccount(state, tool, accountId, userId);

	const seqKey = `${account?.id ?? 'none'}:${tool.slug}`;
	const sequence = (state.executionSeq.get(seqKey) ?? 0) + 1;
	state.executionSeq.set(seqKey, sequence);
	const executor = EXECUTORS[tool.slug];
	const output = executor
		? executor({
				state,
				slug: tool.slug,
				version,
				args: resolved,
				account,
				identity: account ? state.identityOf(account) : {},
				sequence,
				now: state.clock.now(),
			})
		: { data: {}, error: `Tool ${tool.slug} has no simulated provider` };

	const counters = state.counters.toolExecutions;
	const accountKey = account?.id ?? 'none';
	counters.total++;
	counters.bySlug[tool.slug] = (counters.bySlug[tool.slug] ?? 0) + 1;
	counters.byAccount[accountKey] = (counters.byAccount[accountKey] ?? 0) + 1;
	if (output.error !== null) counters.failed++;
	state.events.emit('tool.executed', {
		slug: tool.slug,
		accountId: account?.id ?? null,
		successful: output.error === null,
	});

	return {
		data: output.data,
		error: output.error,
		successful: output.error === null,
		log_id: state.newId('log'),
		session_info: null,
	};
}

export const toolsResource: ApiResource = {
	name: 'tools',
	register(routes) {
		routes('/tools').get('', list).post('/execute/:tool_slug', execute).get('/:tool_slug', getOne);
	},
};
