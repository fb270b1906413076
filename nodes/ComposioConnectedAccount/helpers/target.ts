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
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getConnectedAccount } from '../../shared/api/connectedAccounts';
import type { ConnectedAccount } from '../../shared/api/types';
import { toItemError } from '../../shared/items';
import type { AccountOperation, Plan } from './accountOperation';
import { accountSummary, isNotApplicable } from './accountOperation';
import { runMany } from './targetFilter';
import type { TargetSettings } from './targetSettings';
import { readAccountId, readTargetSettings } from './targetSettings';

export type { AccountOperation, Plan } from './accountOperation';

function refusalError(
	this: IExecuteFunctions,
	plan: Extract<Plan, { kind: 'skip' }>,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), plan.reason, {
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
	this: IExecuteFunctions,
	operation: AccountOperation,
	applyById: NonNullable<AccountOperation['applyById']>,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	try {
		return await applyById.call(this, id, itemIndex);
	} catch (error) {
		if (composioStatusOf(error) === 400) {
			let account: ConnectedAccount | undefined;
			try {
				account = await getConnectedAccount.call(this, id, itemIndex);
			} catch {
				account = undefined;
			}
			const plan = account ? operation.plan(account) : undefined;
			if (plan && isNotApplicable(plan)) throw refusalError.call(this, plan, itemIndex);
		}
		throw toItemError.call(this, error, itemIndex);
	}
}

async function runOne(
	this: IExecuteFunctions,
	operation: AccountOperation,
	settings: TargetSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const id = readAccountId.call(this, itemIndex);
	if (operation.applyById && !settings.reportPreviousStatus) {
		return await runOneDirect.call(this, operation, operation.applyById, id, itemIndex);
	}
	let account: ConnectedAccount;
	try {
		account = await getConnectedAccount.call(this, id, itemIndex);
	} catch (error) {
		const missing =
			composioStatusOf(error) === 404 ? operation.missing?.call(this, id, itemIndex) : undefined;
		if (missing) return missing;
		throw toItemError.call(this, error, itemIndex);
	}
	const plan = operation.plan(account);
	if (isNotApplicable(plan)) throw refusalError.call(this, plan, itemIndex);
	if (plan.kind === 'unchanged') {
		return { ...accountSummary(account), ...operation.unchanged(account) };
	}
	return { ...accountSummary(account), ...(await operation.apply.call(this, account, itemIndex)) };
}

/** Runs an account operation on the item's target: one account, or every account matching the filters. */
export async function runOnTarget(
	this: IExecuteFunctions,
	operation: AccountOperation,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	const settings = readTargetSettings.call(this, itemIndex);
	if (settings.target === 'single') return await runOne.call(this, operation, settings, itemIndex);
	return await runMany.call(this, operation, settings, itemIndex);
}

/** An operation module's `execute` for an account operation run on the item's target. */
export function targetExecute(
	operation: AccountOperation,
): (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]> {
	return async function execute(this: IExecuteFunctions, itemIndex: number) {
		return await runOnTarget.call(this, operation, itemIndex);
	};
}
