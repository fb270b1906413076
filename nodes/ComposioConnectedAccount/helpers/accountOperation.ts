import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConnectedAccount } from '../../shared/api/types';

/** Why an account is left alone, and what to do instead. */
interface NotApplicable {
	/** Why the operation does not apply to this account (sentence, names the account). */
	reason: string;
	/** What to do instead (shown as the error description for a single account). */
	hint?: string;
}

/**
 * What to do with one account, decided from what is known about it before any change. A `skip` is
 * reported as skipped with its reason in a filter run; for One Account the item fails with the
 * reason and the hint.
 */
export type Plan = { kind: 'change' } | { kind: 'unchanged' } | ({ kind: 'skip' } & NotApplicable);

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
export function accountSummary(account: ConnectedAccount): IDataObject {
	return {
		id: account.id,
		user_id: account.user_id ?? null,
		toolkit: account.toolkit?.slug ?? null,
		alias: account.alias ?? null,
		auth_config_id: account.auth_config?.id ?? null,
		previousStatus: account.status ?? null,
	};
}

/** "disabled", "deleted", "revoked", "enabled". */
export function pastTense(verb: string): string {
	return verb.endsWith('e') ? `${verb}d` : `${verb}ed`;
}

export function isNotApplicable(plan: Plan): plan is Extract<Plan, { kind: 'skip' }> {
	return plan.kind === 'skip';
}
