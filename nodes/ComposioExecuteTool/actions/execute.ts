import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from '../../shared/items';
import type { ComposioTool } from '../../shared/tools';
import {
	getTool,
	listedToolVersions,
	newestToolVersion,
	TOOL_SLUG_PATTERN,
	TOOL_VERSION_PATTERN,
	toolkitOfTool,
	TOOLS_PATH,
} from '../../shared/tools';
import { composioApiRequest } from '../../shared/transport';
import { inputError, requireId, requireString } from '../../shared/validation';
import type { AccountMode } from '../helpers/accounts';
import { describeAccount, notConnectedError, resolveAccount } from '../helpers/accounts';
import {
	argumentSchema,
	argumentsFromJson,
	argumentsFromMapper,
	validateArguments,
} from '../helpers/arguments';
import type { RunCache } from '../helpers/cache';
import { runCache } from '../helpers/cache';
import { notConnectedResult } from '../helpers/connectLink';
import { NEWEST_VERSION } from '../helpers/constants';
import type { ExecuteOptions } from '../helpers/options';
import { readOptions, runConcurrency } from '../helpers/options';

const ACCOUNT_MODES: AccountMode[] = ['default', 'specific', 'alias'];

export function readToolSlug(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('tool', itemIndex, '', { extractValue: true });
	const slug = requireString(this.getNode(), 'Tool', raw, itemIndex, {
		maxLength: 200,
	}).toUpperCase();
	if (!TOOL_SLUG_PATTERN.test(slug)) {
		throw inputError(
			this.getNode(),
			'Tool',
			`"${slug}" is not a tool slug`,
			itemIndex,
			'Tool slugs are upper-case words joined by underscores, e.g. GMAIL_SEND_EMAIL.',
		);
	}
	return slug;
}

/** The Version parameter: "newest", "latest" or a `YYYYMMDD_NN` version. */
export function readVersionChoice(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('version', itemIndex, NEWEST_VERSION);
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (value === '' || value === NEWEST_VERSION) return NEWEST_VERSION;
	if (value === 'latest' || (typeof value === 'string' && TOOL_VERSION_PATTERN.test(value))) {
		return value;
	}
	throw inputError(
		this.getNode(),
		'Version',
		`${JSON.stringify(value)} is not a toolkit version`,
		itemIndex,
		'Use a version such as 20251111_00, "latest", or "newest" for the newest version the tool lists.',
	);
}

interface ResolvedTool {
	tool: ComposioTool;
	/** The version sent to Composio: a concrete version or "latest". */
	version: string;
	toolkit: string;
}

/**
 * The tool at the chosen version (one request per slug and version per run): "newest" becomes the
 * newest version the tool lists, an explicit version must be one it lists, "latest" is sent as is.
 */
async function resolveTool(
	this: IExecuteFunctions,
	cache: RunCache,
	slug: string,
	choice: string,
	itemIndex: number,
): Promise<ResolvedTool> {
	const current = await cache.get(
		`tool:${slug}`,
		async () => await getTool.call(this, slug, undefined, itemIndex),
	);
	const listed = listedToolVersions(current);
	let version: string;
	if (choice === NEWEST_VERSION) {
		const newest = newestToolVersion(current);
		if (!newest) {
			throw inputError(
				this.getNode(),
				'Version',
				`${slug} lists no toolkit versions to choose the newest from`,
				itemIndex,
				'Set Version to "latest" (Composio then picks the version when it runs the tool), or to a version you know.',
			);
		}
		version = newest;
	} else if (choice === 'latest') {
		version = 'latest';
	} else {
		if (!listed.includes(choice)) {
			throw inputError(
				this.getNode(),
				'Version',
				`${slug} is not available at version ${choice}`,
				itemIndex,
				`Versions of ${slug}: ${listed.join(', ') || 'none listed'} (or "latest").`,
			);
		}
		version = choice;
	}
	const tool =
		version === 'latest' || version === current.version
			? current
			: await cache.get(
					`tool:${slug}@${version}`,
					async () => await getTool.call(this, slug, version, itemIndex),
				);
	const toolkit = toolkitOfTool(tool) ?? toolkitOfTool(current);
	if (!toolkit) {
		throw new NodeOperationError(
			this.getNode(),
			`Composio did not say which toolkit ${slug} belongs to`,
			{
				itemIndex,
			},
		);
	}
	return { tool, version, toolkit };
}

function readArguments(
	this: IExecuteFunctions,
	itemIndex: number,
	resolved: ResolvedTool,
): IDataObject {
	const node = this.getNode();
	const mode = this.getNodeParameter('argumentsMode', itemIndex, 'defineBelow') as string;
	const schema = argumentSchema(resolved.tool);
	const context = {
		node,
		itemIndex,
		tool: resolved.tool.slug,
		version: resolved.version,
		field: mode === 'json' ? 'Arguments (JSON)' : 'Arguments',
	};
	let args: IDataObject;
	if (mode === 'json') {
		args = argumentsFromJson(this.getNodeParameter('argumentsJson', itemIndex, '{}'), context);
	} else if (mode === 'defineBelow') {
		args = argumentsFromMapper(
			this.getNodeParameter('arguments.value', itemIndex, {}),
			schema,
			context,
		);
	} else {
		throw inputError(node, 'Arguments', `unknown mode "${mode}"`, itemIndex);
	}
	validateArguments(args, schema, context);
	return args;
}

function customAuthParams(
	this: IExecuteFunctions,
	options: ExecuteOptions,
	itemIndex: number,
): IDataObject | undefined {
	const node = this.getNode();
	const rows = options.customAuthParameters?.parameter ?? [];
	const parameters = rows.map((row, index) => {
		const label = `Options → Custom Auth Parameters (row ${index + 1})`;
		const name = requireString(node, `${label} → Name`, row.name, itemIndex);
		const location = row.in ?? 'header';
		if (location !== 'header' && location !== 'query') {
			throw inputError(node, `${label} → In`, `must be "header" or "query"`, itemIndex);
		}
		const value =
			typeof row.value === 'number'
				? row.value
				: requireString(node, `${label} → Value`, row.value, itemIndex, { maxLength: 10_000 });
		return { name, in: location, value };
	});
	const baseUrl =
		typeof options.customAuthBaseUrl === 'string' ? options.customAuthBaseUrl.trim() : '';
	if (baseUrl && !/^https?:\/\/\S+$/i.test(baseUrl)) {
		throw inputError(
			node,
			'Options → Custom Auth Base URL',
			`"${baseUrl}" is not an http(s) URL`,
			itemIndex,
		);
	}
	if (!parameters.length && !baseUrl) return undefined;
	const params: IDataObject = {};
	if (baseUrl) params.base_url = baseUrl;
	if (parameters.length) params.parameters = parameters;
	return params;
}

interface ExecuteResponse {
	data?: unknown;
	error?: string | null;
	successful?: boolean;
	log_id?: string;
}

/** Runs the tool for one input item. */
export async function executeItem(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const node = this.getNode();
	const cache = runCache(this);
	const options = readOptions(
		node,
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		itemIndex,
	);

	const slug = readToolSlug.call(this, itemIndex);
	const choice = readVersionChoice.call(this, itemIndex);
	const userId = requireString(
		node,
		'Composio User ID',
		this.getNodeParameter('userId', itemIndex, ''),
		itemIndex,
		{
			hint: 'Your application’s ID of the end user, usually an expression such as {{ $json.userId }}.',
		},
	);
	const mode = this.getNodeParameter('accountSelection', itemIndex, 'default') as AccountMode;
	if (!ACCOUNT_MODES.includes(mode)) {
		throw inputError(node, 'Account', `unknown choice "${String(mode)}"`, itemIndex);
	}
	const { timeoutS } = options;
	const customAuth = customAuthParams.call(this, options, itemIndex);

	const resolved = await resolveTool.call(this, cache, slug, choice, itemIndex);
	const { version, toolkit } = resolved;
	const narrowed = this.getNodeParameter('toolkit', itemIndex, '') as string;
	if (
		typeof narrowed === 'string' &&
		narrowed.trim() !== '' &&
		narrowed.trim().toLowerCase() !== toolkit
	) {
		throw inputError(
			node,
			'Tool',
			`${slug} belongs to the ${toolkit} toolkit, but Toolkit is set to ${narrowed.trim().toLowerCase()}`,
			itemIndex,
			'Choose a tool of that toolkit, or set Toolkit to "All Toolkits".',
		);
	}
	const args = readArguments.call(this, itemIndex, resolved);

	// Which account runs the tool. A no-auth tool needs none; with custom auth parameters and
	// "User's Default" the per-call credentials replace the account's, so none is resolved either.
	let accountId: string | undefined;
	const needsAccount = resolved.tool.no_auth !== true && !(customAuth && mode === 'default');
	if (needsAccount) {
		const request = {
			mode,
			userId,
			toolkit,
			tool: slug,
			itemIndex,
			connectedAccountId:
				mode === 'specific'
					? requireId(
							node,
							'Connected Account',
							this.getNodeParameter('connectedAccount', itemIndex, '', { extractValue: true }),
							'ca',
							itemIndex,
						)
					: undefined,
			alias:
				mode === 'alias'
					? requireString(
							node,
							'Account Alias',
							this.getNodeParameter('accountAlias', itemIndex, ''),
							itemIndex,
						)
					: undefined,
			requireSingle: options.failWhenSeveral,
		};
		const choiceResult = await resolveAccount.call(this, cache, request);
		if (choiceResult.kind === 'notConnected') {
			const paused =
				choiceResult.alias === undefined &&
				choiceResult.accounts.some((a) => a.status === 'INACTIVE');
			if (!options.returnConnectLink || paused) {
				throw notConnectedError(
					this,
					request,
					choiceResult.accounts,
					choiceResult.alias,
					choiceResult.account,
				);
			}
			const authConfig = options.authConfig;
			return await notConnectedResult.call(this, cache, {
				userId,
				toolkit,
				tool: slug,
				itemIndex,
				alias: choiceResult.alias,
				aliasHeldBy: choiceResult.account,
				authConfigId:
					authConfig === undefined || authConfig === ''
						? undefined
						: requireId(
								node,
								'Options → Auth Config for Connect Links',
								extractLocatorValue(authConfig),
								'ac',
								itemIndex,
							),
				callbackUrl: options.callbackUrl,
			});
		}
		accountId = String(choiceResult.account.id);
		if (choiceResult.others?.length) {
			severalAccountsHint(
				this,
				itemIndex,
				userId,
				toolkit,
				choiceResult.account,
				choiceResult.others,
			);
		}
	}

	const body: IDataObject = { user_id: userId, version, arguments: args };
	if (accountId) body.connected_account_id = accountId;
	if (customAuth) body.custom_auth_params = customAuth;
	const result = (await composioApiRequest.call(this, {
		method: 'POST',
		path: `${TOOLS_PATH}/execute/${encodeURIComponent(slug)}`,
		body,
		timeout: timeoutS * 1000,
		itemIndex,
	})) as ExecuteResponse;

	const successful = result.successful === true;
	const error = typeof result.error === 'string' && result.error !== '' ? result.error : null;
	if (!successful && options.failOnUnsuccessful) {
		throw new NodeOperationError(
			node,
			`${slug} was not successful: ${error ?? 'Composio gave no reason'}`,
			{
				itemIndex,
				description: [
					`Composio ran the tool (version ${version}${accountId ? `, connected account ${accountId}` : ''}) and it reported a failure${result.log_id ? `; log ID ${result.log_id}` : ''}.`,
					'Turn off "Fail on Unsuccessful Result" to receive such results as data instead.',
				].join(' '),
			},
		);
	}
	if (options.simplify) {
		const data = result.data;
		const simplified =
			data !== null && typeof data === 'object' && !Array.isArray(data)
				? (data as IDataObject)
				: { data: data as IDataObject[string] };
		// Handed over wrapped as `{json}`: n8n's returnJsonArray takes an object that has a `json` key
		// as a whole item, so a tool result with its own top-level `json` field would lose the rest.
		return { json: simplified };
	}
	return {
		data: (result.data ?? {}) as IDataObject,
		successful,
		error,
		log_id: result.log_id ?? null,
		tool: slug,
		version,
		toolkit,
		user_id: userId,
		connected_account_id: accountId ?? null,
	};
}

/** A resource locator value from a collection option (`{mode, value}`) or a plain string. */
function extractLocatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return (value as IDataObject).value;
	}
	return value;
}

/**
 * User's Default picked the newest of several ACTIVE accounts (Composio's rule): said on every such
 * run as an execution hint, once per user and toolkit.
 */
function severalAccountsHint(
	ctx: IExecuteFunctions,
	itemIndex: number,
	userId: string,
	toolkit: string,
	used: IDataObject,
	others: IDataObject[],
): void {
	const key = `${userId}\u0000${toolkit}`;
	let hinted = severalHinted.get(ctx);
	if (!hinted) {
		hinted = new Set();
		severalHinted.set(ctx, hinted);
	}
	if (hinted.has(key)) return;
	hinted.add(key);
	const count = others.length;
	ctx.addExecutionHints({
		message: `User's Default for user "${userId}" used ${describeAccount(used)}, the most recently connected of ${count + 1} ACTIVE ${toolkit} accounts; ${count} other${count === 1 ? '' : 's'} matched (${others.map((a) => String(a.id)).join(', ')}). Choose one By Alias or as Specific Account, or turn on "Fail When Several Accounts Match".`,
		type: 'info',
		location: 'outputPane',
	});
}

const severalHinted = new WeakMap<object, Set<string>>();

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const concurrency = runConcurrency(this.getNode(), () =>
		this.getNodeParameter('options.concurrency', 0, undefined),
	);
	return [await runForEachItem.call(this, executeItem, { concurrency })];
}
