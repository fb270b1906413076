/**
 * "One account or every account matching a filter" for Enable, Disable, Delete and Revoke.
 *
 * One account: an operation that can act with one request (Enable, Disable) sends just that request;
 * the others (and Enable/Disable with "Report Previous Status") read the account first, since its
 * status decides what to do and is reported as `previousStatus`. A refusal or failure fails the item.
 *
 * A filter: every matching account is listed first (all pages), then acted on with bounded
 * concurrency. The list is read completely before anything changes because Composio's cursors encode
 * a page number: changing accounts while walking pages (e.g. disabling ACTIVE accounts of a "status
 * ACTIVE" filter) would shift later pages and skip accounts. A failure for one account follows n8n's
 * On Error setting: Stop Workflow stops starting accounts, lets those in flight finish, and fails the
 * item naming what was done and what failed; Continue (regular output) keeps the failed account as an
 * item carrying `error`; Continue (using error output) sends it to the error output, paired with the
 * input item. Output → Summary gives one item per input item with the counts instead.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { settleWithConcurrency } from '../../shared/concurrency';
import type { AccountFilters } from '../../shared/accountFilters';
import { getConnectedAccount, listConnectedAccounts } from '../../shared/api/connectedAccounts';
import {
	describeFilters,
	NARROWING_FILTERS,
	readAccountFilters,
} from '../../shared/accountFilters';
import { accountFilters, connectedAccountLocator } from '../../shared/descriptions';
import { errorItemJson, failedEntry, toItemError } from '../../shared/items';
import {
	inputError,
	optionalBoolean,
	requireBoolean,
	requireId,
	requireInteger,
} from '../../shared/validation';
import { describeValue } from '../../shared/values';

export const DEFAULT_BULK_CONCURRENCY = 5;
export const MAX_BULK_CONCURRENCY = 20;

/** Why an account is left alone, and what to do instead. */
interface NotApplicable {
	/** Why the operation does not apply to this account (sentence, names the account). */
	reason: string;
	/** What to do instead (shown as the error description for a single account). */
	hint?: string;
}

/**
 * What to do with one account, decided from what is known about it before any change.
 * `skip` and `refuse` are handled alike: in a filter run the account is reported as skipped with the
 * reason (`skipped`), and for One Account the item fails with the reason and the hint. (`refuse` is
 * the older name; `skip` says what a filter run does with it.)
 */
export type Plan =
	| { kind: 'change' }
	| { kind: 'unchanged' }
	| ({ kind: 'refuse' } & NotApplicable)
	| ({ kind: 'skip' } & NotApplicable);

export interface AccountOperation {
	/** Verb for messages: "enable", "delete"... */
	verb: string;
	plan(account: IDataObject): Plan;
	/** Performs the change; returns the fields that describe the result (merged over the summary). */
	apply(this: IExecuteFunctions, account: IDataObject, itemIndex: number): Promise<IDataObject>;
	/** Result fields when nothing had to be done (idempotent skip). */
	unchanged(account: IDataObject): IDataObject;
	/**
	 * A single account that no longer exists (404 on the first read). Return a result to treat it as
	 * success, or undefined to fail with Composio's error.
	 */
	missing?(this: IExecuteFunctions, id: string, itemIndex: number): IDataObject | undefined;
	/**
	 * One Account with a single request, without reading the account first (unless the item asks
	 * for "Report Previous Status"). When Composio refuses it (HTTP 400), the account is read and a
	 * `refuse`/`skip` plan explains why in the operation's own words.
	 */
	applyById?(this: IExecuteFunctions, id: string, itemIndex: number): Promise<IDataObject>;
}

/** The fields every per-account result starts with. */
export function accountSummary(account: IDataObject): IDataObject {
	return {
		id: account.id,
		user_id: account.user_id ?? null,
		toolkit: (account.toolkit as IDataObject | undefined)?.slug ?? null,
		alias: account.alias ?? null,
		auth_config_id: (account.auth_config as IDataObject | undefined)?.id ?? null,
		previousStatus: account.status ?? null,
	};
}

const DRY_RUN_DESCRIPTION =
	'Whether to only report which accounts would change, without changing any (each account gets "dryRun": true and "wouldChange")';

/** Dry Run for reversible operations (Enable, Disable): off by default. */
const dryRunOff: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: DRY_RUN_DESCRIPTION,
	displayOptions: { show: { target: ['filter'] } },
};

/** Dry Run for irreversible operations (Delete, Revoke): on by default, turned off on purpose. */
const dryRunOn: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: true,
	description: DRY_RUN_DESCRIPTION,
	displayOptions: { show: { target: ['filter'] } },
};

/** The "Target" selector plus the single-account locator and the filter fields, for one operation. */
export function targetProperties(options: {
	/** Plural noun phrase for descriptions, e.g. "accounts to disable". */
	what: string;
	dryRunDefault: boolean;
}): INodeProperties[] {
	return [
		{
			displayName: 'Target',
			name: 'target',
			type: 'options',
			options: [
				{
					name: 'One Account',
					value: 'single',
					description: 'A single connected account picked from the list, by ID or by URL',
				},
				{
					name: 'Accounts Matching a Filter',
					value: 'filter',
					description: `Every account matching the filters below (the ${options.what})`,
				},
			],
			default: 'single',
			description: `Whether to act on one connected account or on all ${options.what} that match a filter`,
		},
		{
			...connectedAccountLocator,
			displayOptions: { show: { target: ['single'] } },
		},
		{
			...accountFilters,
			displayName: 'Filters',
			type: 'collection',
			default: {},
			placeholder: 'Add Filter',
			description:
				'Which accounts to act on. User IDs, Auth Configs or Connected Account IDs are required unless "Allow No Filter" is on; a filter that resolves to nothing is an error.',
			displayOptions: { show: { target: ['filter'] } },
		},
		options.dryRunDefault ? dryRunOn : dryRunOff,
	];
}

/** Bulk-only options, to be placed in an operation's "Options" collection (names sorted by the caller). */
export const bulkOptions: INodeProperties[] = [
	{
		displayName: 'Allow No Filter',
		name: 'allowNoFilter',
		type: 'boolean',
		default: false,
		description:
			'Whether to act on every account of the project (or every account of the chosen Statuses and Toolkits) when no User IDs, Auth Configs or Connected Account IDs filter is set',
		displayOptions: { show: { '/target': ['filter'] } },
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BULK_CONCURRENCY },
		default: DEFAULT_BULK_CONCURRENCY,
		description: `How many accounts to change at the same time (1–${MAX_BULK_CONCURRENCY}): the matching accounts of a filter, or the input items with One Account (not set: ${DEFAULT_BULK_CONCURRENCY} for a filter, one item after the other for One Account). Composio's rate limit is shared by the whole organization.`,
	},
	{
		displayName: 'Fail When Nothing Matches',
		name: 'failWhenNothingMatches',
		type: 'boolean',
		default: false,
		description:
			'Whether an input item whose filters match no account fails (off: it gives no account items, or a summary with "matched": 0, and the node shows a hint)',
		displayOptions: { show: { '/target': ['filter'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Each Account',
				value: 'eachAccount',
				description: 'One item per matching account',
			},
			{
				name: 'Summary',
				value: 'summary',
				description:
					'One item per input item: how many accounts matched, changed, were unchanged, skipped or failed, and the accounts',
			},
		],
		default: 'eachAccount',
		description: 'What the node outputs for the accounts of a filter',
		displayOptions: { show: { '/target': ['filter'] } },
	},
];

/** Enable/Disable only: read the account before changing it, to report what it was. */
export const reportPreviousStatusOption: INodeProperties = {
	displayName: 'Report Previous Status',
	name: 'reportPreviousStatus',
	type: 'boolean',
	default: false,
	description:
		'Whether to read the account before changing it, to report "previousStatus", "changed" and its user, toolkit and alias (two requests instead of one; an account already in the wanted status is then not sent a change)',
	displayOptions: { show: { '/target': ['single'] } },
};

/** An Options collection holding the target's options and `extra` ones, sorted by display name. */
export function optionsWith(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...bulkOptions, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The Options collection of an operation whose only options are those of its target. */
export const targetOptions: INodeProperties = optionsWith();

/** The connected account ID of the single-account locator, validated before any request. */
export function readAccountId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('connectedAccount', itemIndex, '', { extractValue: true });
	return requireId(ctx.getNode(), 'Connected Account', value, 'ca', itemIndex);
}

const OUTPUTS = ['eachAccount', 'summary'] as const;

/** The target's settings of one item, every one validated inside the item's error handling. */
export interface TargetSettings {
	target: 'single' | 'filter';
	concurrency: number;
	allowNoFilter: boolean;
	failWhenNothingMatches: boolean;
	output: (typeof OUTPUTS)[number];
	reportPreviousStatus: boolean;
}

/** The item's Options collection (an expression can make it anything). */
export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as unknown;
	if (options === undefined || options === null) return {};
	if (typeof options !== 'object' || Array.isArray(options)) {
		throw inputError(
			ctx.getNode(),
			'Options',
			`expected a collection of options but got ${describeValue(options)}`,
			itemIndex,
		);
	}
	return options as IDataObject;
}

export function readTargetSettings(ctx: IExecuteFunctions, itemIndex: number): TargetSettings {
	const node = ctx.getNode();
	const target = ctx.getNodeParameter('target', itemIndex, 'single') as string;
	if (target !== 'single' && target !== 'filter') {
		throw inputError(
			node,
			'Target',
			`${describeValue(target)} is not one of single, filter`,
			itemIndex,
		);
	}
	const options = readOptions(ctx, itemIndex);
	const output = options.output ?? 'eachAccount';
	if (!(OUTPUTS as readonly unknown[]).includes(output)) {
		throw inputError(
			node,
			'Options → Output',
			`${describeValue(output)} is not one of ${OUTPUTS.join(', ')}`,
			itemIndex,
		);
	}
	return {
		target,
		concurrency: requireInteger(
			node,
			'Options → Concurrency',
			options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
			itemIndex,
			{ min: 1, max: MAX_BULK_CONCURRENCY },
		),
		allowNoFilter: optionalBoolean(
			node,
			'Options → Allow No Filter',
			options.allowNoFilter,
			false,
			itemIndex,
		),
		failWhenNothingMatches: optionalBoolean(
			node,
			'Options → Fail When Nothing Matches',
			options.failWhenNothingMatches,
			false,
			itemIndex,
		),
		output: output as TargetSettings['output'],
		reportPreviousStatus: optionalBoolean(
			node,
			'Options → Report Previous Status',
			options.reportPreviousStatus,
			false,
			itemIndex,
		),
	};
}

function hasNarrowingFilter(filters: AccountFilters): boolean {
	return NARROWING_FILTERS.some((key) => (filters[key]?.length ?? 0) > 0);
}

/** "disabled", "deleted", "revoked", "enabled". */
function pastTense(verb: string): string {
	return verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
}

function isNotApplicable(plan: Plan): plan is Extract<Plan, { kind: 'refuse' | 'skip' }> {
	return plan.kind === 'refuse' || plan.kind === 'skip';
}

function refusalError(
	ctx: IExecuteFunctions,
	plan: Extract<Plan, { kind: 'refuse' | 'skip' }>,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), plan.reason, {
		itemIndex,
		description: plan.hint,
	});
}

function composioStatusOf(error: unknown): number | undefined {
	const status = (error as { context?: { composio?: { status?: unknown } } } | undefined)?.context
		?.composio?.status;
	return typeof status === 'number' ? status : undefined;
}

/** One request; when Composio refuses it, the account is read to say why in the operation's words. */
async function runOneDirect(
	ctx: IExecuteFunctions,
	operation: AccountOperation,
	applyById: NonNullable<AccountOperation['applyById']>,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	try {
		return await applyById.call(ctx, id, itemIndex);
	} catch (error) {
		if (composioStatusOf(error) === 400) {
			let account: IDataObject | undefined;
			try {
				account = await getConnectedAccount.call(ctx, id, itemIndex);
			} catch {
				account = undefined;
			}
			const plan = account ? operation.plan(account) : undefined;
			if (plan && isNotApplicable(plan)) throw refusalError(ctx, plan, itemIndex);
		}
		throw toItemError(ctx, error, itemIndex);
	}
}

async function runOne(
	ctx: IExecuteFunctions,
	operation: AccountOperation,
	settings: TargetSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const id = readAccountId(ctx, itemIndex);
	if (operation.applyById && !settings.reportPreviousStatus) {
		return await runOneDirect(ctx, operation, operation.applyById, id, itemIndex);
	}
	let account: IDataObject;
	try {
		account = await getConnectedAccount.call(ctx, id, itemIndex);
	} catch (error) {
		const missing =
			composioStatusOf(error) === 404 ? operation.missing?.call(ctx, id, itemIndex) : undefined;
		if (missing) return missing;
		throw toItemError(ctx, error, itemIndex);
	}
	const plan = operation.plan(account);
	if (isNotApplicable(plan)) throw refusalError(ctx, plan, itemIndex);
	if (plan.kind === 'unchanged') {
		return { ...accountSummary(account), ...operation.unchanged(account) };
	}
	return { ...accountSummary(account), ...(await operation.apply.call(ctx, account, itemIndex)) };
}

type Outcome = 'changed' | 'wouldChange' | 'unchanged' | 'skipped' | 'failed';

interface AccountResult {
	json: IDataObject;
	outcome: Outcome;
	error?: Error;
}

function summaryJson(
	verb: string,
	dryRun: boolean,
	filters: AccountFilters,
	results: AccountResult[],
): IDataObject {
	const count = (outcome: Outcome) => results.filter((r) => r.outcome === outcome).length;
	const summary: IDataObject = {
		operation: verb,
		dryRun,
		filters: { ...filters },
		matched: results.length,
		changed: count('changed'),
		unchanged: count('unchanged'),
		skipped: count('skipped'),
		failed: count('failed'),
	};
	if (dryRun) summary.wouldChange = count('wouldChange');
	summary.accounts = results.map((r) => r.json);
	return summary;
}

/** Stop Workflow and an account failed: what was done, what failed, and what never started. */
function stoppedError(
	ctx: IExecuteFunctions,
	verb: string,
	results: AccountResult[],
	notStarted: number,
	itemIndex: number,
): NodeOperationError {
	const failed = results.filter((r) => r.outcome === 'failed');
	const done = results.filter((r) => r.outcome === 'changed').length;
	const matched = results.length + notStarted;
	const ids = failed.map((r) => String(r.json.id));
	const what =
		failed.length === 1
			? `connected account ${ids[0]}`
			: `${failed.length} connected accounts (${ids.join(', ')})`;
	const first = failed[0].error?.message ?? String(failed[0].json.error);
	const message = `Could not ${verb} ${what}: ${first}. ${done} of ${matched} matching accounts ${done === 1 ? 'was' : 'were'} ${pastTense(verb)}${notStarted ? `; ${notStarted} not started` : ''}.`;
	const lines = failed.map((r) => {
		const description = r.json.description ? ` (${String(r.json.description)})` : '';
		return `${String(r.json.id)}: ${String(r.json.error)}${description}`;
	});
	lines.push(
		'The run stopped at the first failure (On Error: Stop Workflow); accounts already being changed finished. Set On Error to "Continue" to act on every other account and get the failures as items.',
	);
	return new NodeOperationError(ctx.getNode(), message, {
		itemIndex,
		description: lines.join('\n'),
	});
}

async function runMany(
	ctx: IExecuteFunctions,
	operation: AccountOperation,
	settings: TargetSettings,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const node = ctx.getNode();
	const filters = readAccountFilters.call(ctx, itemIndex);
	const dryRun = requireBoolean(
		node,
		'Dry Run',
		ctx.getNodeParameter('dryRun', itemIndex, false),
		itemIndex,
	);
	if (!hasNarrowingFilter(filters) && !settings.allowNoFilter) {
		const some = Object.keys(filters).length > 0;
		throw inputError(
			node,
			'Filters',
			some
				? `only Statuses or Toolkits are set (${describeFilters(filters)}), which select accounts across the whole project to ${operation.verb}`
				: `no filter is set, so every connected account of the project would be selected to ${operation.verb}`,
			itemIndex,
			'Set User IDs, Auth Configs or Connected Account IDs. To really act on every account of the project (of the chosen Statuses and Toolkits), turn on "Allow No Filter" under Options.',
		);
	}

	const accounts = await listConnectedAccounts.call(
		ctx,
		{ ...filters, order_by: 'created_at', order_direction: 'desc' },
		{ itemIndex },
	);
	if (accounts.length === 0) {
		if (settings.failWhenNothingMatches) {
			throw new NodeOperationError(
				node,
				`No connected account matches the filters (${describeFilters(filters)})`,
				{
					itemIndex,
					description:
						'"Fail When Nothing Matches" is on. Check the filters (for example the user ID), or turn it off to let an empty match pass.',
				},
			);
		}
		ctx.addExecutionHints({
			message: `No connected account matched the filters of item ${itemIndex + 1} (${describeFilters(filters)}); nothing was ${pastTense(operation.verb)}.`,
			type: 'warning',
			location: 'outputPane',
		});
	}

	const stopOnFailure = !ctx.continueOnFail();
	const settled = await settleWithConcurrency(
		accounts,
		dryRun ? 1 : settings.concurrency,
		async (account): Promise<AccountResult> => {
			const summary = accountSummary(account);
			const plan = operation.plan(account);
			if (isNotApplicable(plan)) {
				return {
					json: {
						...summary,
						...operation.unchanged(account),
						changed: false,
						skipped: true,
						reason: plan.reason,
					},
					outcome: 'skipped',
				};
			}
			if (plan.kind === 'unchanged') {
				return { json: { ...summary, ...operation.unchanged(account) }, outcome: 'unchanged' };
			}
			if (dryRun) {
				return {
					json: { ...summary, ...operation.unchanged(account), dryRun: true, wouldChange: true },
					outcome: 'wouldChange',
				};
			}
			const json = { ...summary, ...(await operation.apply.call(ctx, account, itemIndex)) };
			return { json, outcome: json.changed === false ? 'unchanged' : 'changed' };
		},
		{ stopAfterFailure: stopOnFailure },
	);

	const results: AccountResult[] = [];
	let notStarted = 0;
	settled.forEach((entry, index) => {
		if (entry.status === 'fulfilled') results.push(entry.value);
		else if (entry.status === 'notStarted') notStarted++;
		else {
			const error = toItemError(ctx, entry.reason, itemIndex);
			results.push({
				json: {
					...accountSummary(accounts[index]),
					changed: false,
					...errorItemJson(entry.reason),
				},
				outcome: 'failed',
				error,
			});
		}
	});
	if (dryRun) {
		for (const result of results) {
			if (result.json.dryRun !== true)
				Object.assign(result.json, { dryRun: true, wouldChange: false });
		}
	}
	const failed = results.filter((r) => r.outcome === 'failed');
	if (failed.length && stopOnFailure) {
		throw stoppedError(ctx, operation.verb, results, notStarted, itemIndex);
	}
	if (failed.length) {
		ctx.addExecutionHints({
			message: `Could not ${operation.verb} ${failed.length} of ${results.length} connected accounts (item ${itemIndex + 1}); ${failed.length === 1 ? 'its item carries' : 'their items carry'} an "error" field.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	if (settings.output === 'summary') {
		const summary = summaryJson(operation.verb, dryRun, filters, results);
		if (failed.length) {
			summary.error = `Could not ${operation.verb} ${failed.length} of ${results.length} matching connected accounts`;
		}
		// With an error output, each failed account also goes there, paired with this input item.
		const onErrorOutput = node.onError === 'continueErrorOutput';
		return [
			summary,
			...(onErrorOutput ? failed.map((r) => failedEntry({ ...r.json }, r.error as Error)) : []),
		];
	}
	return results.map((r) => (r.error ? failedEntry(r.json, r.error) : r.json));
}

/**
 * How many input items run at the same time. Only One Account spreads items: with a filter the
 * concurrency applies to the matching accounts of each item instead (never both, which would
 * multiply them). Read once, from the first item, since it is a setting of the node's run; a value
 * that is not valid runs the items one by one, and each item then fails on it in its own error
 * handling (so "Continue" gives error items, never the input passed through).
 */
export function itemConcurrency(ctx: IExecuteFunctions): number {
	try {
		const settings = readTargetSettings(ctx, 0);
		const options = readOptions(ctx, 0);
		if (settings.target !== 'single' || options.concurrency === undefined) return 1;
		return settings.concurrency;
	} catch {
		return 1;
	}
}

/** Runs an account operation on the item's target: one account, or every account matching the filters. */
export async function runOnTarget(
	this: IExecuteFunctions,
	operation: AccountOperation,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const settings = readTargetSettings(this, itemIndex);
	if (settings.target === 'single') return await runOne(this, operation, settings, itemIndex);
	return await runMany(this, operation, settings, itemIndex);
}
