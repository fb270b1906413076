/**
 * "One account or every account matching a filter" for Enable, Disable, Delete and Revoke.
 *
 * One account: the account is read first (its status decides what to do and is reported as
 * `previousStatus`), then acted on; a refusal or failure fails the input item.
 *
 * A filter: every matching account is listed first (all pages), then acted on with bounded concurrency;
 * each account gets its own output item, paired with the input item, and a failure for one account is
 * that account's item (`error`) rather than the input item's failure. The list is read completely before
 * anything changes because Composio's cursors encode a page number: changing accounts while walking
 * pages (e.g. disabling ACTIVE accounts of a "status ACTIVE" filter) would shift later pages and skip
 * accounts.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/concurrency';
import type { AccountFilters } from '../../shared/connectedAccounts';
import {
	CONNECTED_ACCOUNTS_PAGE_SIZE,
	CONNECTED_ACCOUNTS_PATH,
	getConnectedAccount,
	readAccountFilters,
} from '../../shared/connectedAccounts';
import { accountFilters, connectedAccountLocator } from '../../shared/descriptions';
import { errorItemJson, toItemError } from '../../shared/items';
import { composioApiRequestAllItems } from '../../shared/transport';
import { inputError, requireId, requireInteger } from '../../shared/validation';

export const DEFAULT_BULK_CONCURRENCY = 5;
export const MAX_BULK_CONCURRENCY = 20;

/** What to do with one account, decided from what is known about it before any change. */
export type Plan =
	| { kind: 'change' }
	| { kind: 'unchanged' }
	| {
			kind: 'refuse';
			/** Why the operation does not apply to this account (sentence, names the account). */
			reason: string;
			/** What to do instead (shown as the error description for a single account). */
			hint?: string;
	  }
	| {
			/**
			 * The operation does not apply to this account, for a reason that is not the user's mistake
			 * (e.g. Composio cannot revoke an EXPIRED account): skipped with the reason in a filter run,
			 * an error for a single account.
			 */
			kind: 'skip';
			reason: string;
			hint?: string;
	  };

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
	'Whether to only report which accounts would change, without changing any (each item gets "dryRun": true and "wouldChange")';

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
					name: 'Accounts Matching a Filter',
					value: 'filter',
					description: `Every account matching the filters below, each reported as its own item (the ${options.what})`,
				},
				{
					name: 'One Account',
					value: 'single',
					description: 'A single connected account picked from the list, by ID or by URL',
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
				'Which accounts to act on. At least one filter is required (unless "Allow No Filter" is on), so an expression that resolves to nothing cannot select every account of the project.',
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
			'Whether to act on every account of the project when no filter is set. Off by default, so a filter expression that resolves to nothing (e.g. a missing user ID) fails instead of selecting everything.',
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
];

/** The Options collection of an operation whose only options are those of its target. */
export const targetOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: bulkOptions,
};

/** The connected account ID of the single-account locator, validated before any request. */
export function readAccountId(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('connectedAccount', itemIndex, '', { extractValue: true });
	return requireId(ctx.getNode(), 'Connected Account', value, 'ca', itemIndex);
}

function hasFilter(filters: AccountFilters): boolean {
	return Object.values(filters).some((v) => Array.isArray(v) && v.length > 0);
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

async function runOne(
	ctx: IExecuteFunctions,
	operation: AccountOperation,
	itemIndex: number,
): Promise<IDataObject> {
	const id = readAccountId(ctx, itemIndex);
	let account: IDataObject;
	try {
		account = await getConnectedAccount.call(ctx, id, itemIndex);
	} catch (error) {
		const status = (error as { context?: { composio?: { status?: number } } }).context?.composio
			?.status;
		const missing = status === 404 ? operation.missing?.call(ctx, id, itemIndex) : undefined;
		if (missing) return missing;
		throw toItemError(ctx, error, itemIndex);
	}
	const plan = operation.plan(account);
	if (plan.kind === 'refuse' || plan.kind === 'skip') throw refusalError(ctx, plan, itemIndex);
	if (plan.kind === 'unchanged') {
		return { ...accountSummary(account), ...operation.unchanged(account) };
	}
	return { ...accountSummary(account), ...(await operation.apply.call(ctx, account, itemIndex)) };
}

async function runMany(
	ctx: IExecuteFunctions,
	operation: AccountOperation,
	itemIndex: number,
): Promise<IDataObject[]> {
	const node = ctx.getNode();
	const filters = readAccountFilters.call(ctx, itemIndex);
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const dryRun = ctx.getNodeParameter('dryRun', itemIndex, false) as boolean;
	if (typeof dryRun !== 'boolean') {
		throw inputError(
			node,
			'Dry Run',
			`expected true or false but got "${String(dryRun)}"`,
			itemIndex,
		);
	}
	const concurrency = requireInteger(
		node,
		'Options → Concurrency',
		options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
		itemIndex,
		{ min: 1, max: MAX_BULK_CONCURRENCY },
	);
	if (!hasFilter(filters) && options.allowNoFilter !== true) {
		throw inputError(
			node,
			'Filters',
			`no filter is set, so every connected account of the project would be selected to ${operation.verb}`,
			itemIndex,
			'Set at least one filter (e.g. User IDs). If a filter comes from an expression, check that it resolves to a value for this item. To really act on every account, turn on "Allow No Filter" under Options.',
		);
	}

	const accounts = await composioApiRequestAllItems.call(
		ctx,
		CONNECTED_ACCOUNTS_PATH,
		{ ...filters, order_by: 'created_at', order_direction: 'desc' },
		{ pageSize: CONNECTED_ACCOUNTS_PAGE_SIZE, itemIndex },
	);

	const results = await mapWithConcurrency(
		accounts,
		dryRun ? 1 : concurrency,
		async (account): Promise<IDataObject> => {
			const summary = accountSummary(account);
			const plan = operation.plan(account);
			if (plan.kind === 'refuse') {
				return { ...summary, ...operation.unchanged(account), skipped: plan.reason };
			}
			if (plan.kind === 'skip') {
				return { ...summary, changed: false, skipped: true, reason: plan.reason };
			}
			if (plan.kind === 'unchanged') return { ...summary, ...operation.unchanged(account) };
			if (dryRun) {
				return {
					...summary,
					...operation.unchanged(account),
					dryRun: true,
					wouldChange: true,
				};
			}
			try {
				return { ...summary, ...(await operation.apply.call(ctx, account, itemIndex)) };
			} catch (error) {
				return { ...summary, changed: false, ...errorItemJson(error) };
			}
		},
	);

	if (dryRun) {
		for (const result of results) {
			if (result.dryRun !== true) Object.assign(result, { dryRun: true, wouldChange: false });
		}
	}
	const failed = results.filter((r) => r.error !== undefined).length;
	if (failed > 0) {
		ctx.addExecutionHints({
			message: `Could not ${operation.verb} ${failed} of ${results.length} connected accounts (item ${itemIndex + 1}); their items carry an "error" field.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	return results;
}

/**
 * How many input items run at the same time. Only One Account spreads items: with a filter the
 * concurrency applies to the matching accounts of each item instead (never both, which would
 * multiply them). Read once, from the first item, since it is a setting of the node's run.
 */
export function itemConcurrency(ctx: IExecuteFunctions): number {
	if (ctx.getNodeParameter('target', 0, 'single') !== 'single') return 1;
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	if (options.concurrency === undefined) return 1;
	return requireInteger(ctx.getNode(), 'Options → Concurrency', options.concurrency, 0, {
		min: 1,
		max: MAX_BULK_CONCURRENCY,
	});
}

/** Runs an account operation on the item's target: one account, or every account matching the filters. */
export async function runOnTarget(
	this: IExecuteFunctions,
	operation: AccountOperation,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const target = this.getNodeParameter('target', itemIndex, 'single') as string;
	if (target === 'single') return await runOne(this, operation, itemIndex);
	if (target === 'filter') return await runMany(this, operation, itemIndex);
	throw inputError(
		this.getNode(),
		'Target',
		`"${String(target)}" is not one of single, filter`,
		itemIndex,
	);
}
