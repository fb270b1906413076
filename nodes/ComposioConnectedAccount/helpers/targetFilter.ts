import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AccountFilters } from '../../shared/accountFilters';
import {
	describeFilters,
	NARROWING_FILTERS,
	readAccountFilters,
} from '../../shared/accountFilters';
import { listConnectedAccounts } from '../../shared/api/connectedAccounts';
import { settleWithConcurrency } from '../../shared/concurrency';
import { errorItemJson, failedEntry, toItemError } from '../../shared/items';
import { inputError, requireBoolean } from '../../shared/validation';
import type { AccountOperation } from './accountOperation';
import { accountSummary, isNotApplicable, pastTense } from './accountOperation';
import type { TargetSettings } from './targetSettings';

/**
 * Accounts Matching a Filter: every matching account is listed first (all pages), then acted on
 * with bounded concurrency (see target.ts for why, and for what On Error does).
 */

function hasNarrowingFilter(filters: AccountFilters): boolean {
	return NARROWING_FILTERS.some((key) => (filters[key]?.length ?? 0) > 0);
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
	this: IExecuteFunctions,
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
	// Every failed result carries the error it failed with (see the settled entries below).
	const first = (failed[0].error as Error).message;
	const message = `Could not ${verb} ${what}: ${first}. ${done} of ${matched} matching accounts ${done === 1 ? 'was' : 'were'} ${pastTense(verb)}${notStarted ? `; ${notStarted} not started` : ''}.`;
	const lines = failed.map((r) => {
		const description = r.json.description ? ` (${String(r.json.description)})` : '';
		return `${String(r.json.id)}: ${String(r.json.error)}${description}`;
	});
	lines.push(
		'The run stopped at the first failure (On Error: Stop Workflow); accounts already being changed finished. Set On Error to "Continue" to act on every other account and get the failures as items.',
	);
	return new NodeOperationError(this.getNode(), message, {
		itemIndex,
		description: lines.join('\n'),
	});
}

export async function runMany(
	this: IExecuteFunctions,
	operation: AccountOperation,
	settings: TargetSettings,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const node = this.getNode();
	const filters = readAccountFilters.call(this, itemIndex);
	const dryRun = requireBoolean(
		node,
		'Dry Run',
		this.getNodeParameter('dryRun', itemIndex, false),
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
		this,
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
		this.addExecutionHints({
			message: `No connected account matched the filters of item ${itemIndex + 1} (${describeFilters(filters)}); nothing was ${pastTense(operation.verb)}.`,
			type: 'warning',
			location: 'outputPane',
		});
	}

	const stopOnFailure = !this.continueOnFail();
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
			const json = { ...summary, ...(await operation.apply.call(this, account, itemIndex)) };
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
			const error = toItemError.call(this, entry.reason, itemIndex);
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
		throw stoppedError.call(this, operation.verb, results, notStarted, itemIndex);
	}
	if (failed.length) {
		this.addExecutionHints({
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
