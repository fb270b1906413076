import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectedAccount } from '../api/types';
import type { AccountRequest } from './resolve';

/** What the user can do about an account in each status that cannot be used. */
export const STATUS_ADVICE: Record<string, string> = {
	INACTIVE:
		'It is disabled (paused). Enable it with the Composio Connected Account node, or choose another account.',
	EXPIRED:
		'Its credentials expired. The user has to connect again: create a Connect Link (Composio Connected Account node) and send it to them.',
	FAILED: 'The connection attempt failed. The user has to connect again with a new Connect Link.',
	REVOKED: 'Its tokens were revoked. The user has to connect again with a new Connect Link.',
	INITIATED:
		'The user has not finished connecting it yet. Wait until they complete the Connect Link, or send a new one.',
	INITIALIZING:
		'The connection is still being set up. Wait until it becomes ACTIVE, or send the user a new Connect Link.',
};

/** `ca_… (alias "work", ACTIVE, created 2026-03-02)` */
export function describeAccount(account: ConnectedAccount): string {
	const parts: string[] = [];
	if (account.alias) parts.push(`alias "${String(account.alias)}"`);
	parts.push(String(account.status));
	if (typeof account.created_at === 'string')
		parts.push(`created ${account.created_at.slice(0, 10)}`);
	return `${String(account.id)} (${parts.join(', ')})`;
}

/** A chosen account that exists but is not ACTIVE, with what to do about its status. */
export function notActiveError(
	this: IExecuteFunctions,
	field: string,
	account: ConnectedAccount,
	itemIndex: number,
): NodeOperationError {
	const status = String(account.status);
	const reason = account.status_reason ? ` Reason: ${String(account.status_reason)}.` : '';
	return new NodeOperationError(
		this.getNode(),
		`${field}: connected account ${String(account.id)} is ${status}, not ACTIVE`,
		{
			itemIndex,
			description: `${STATUS_ADVICE[status] ?? 'Only ACTIVE accounts can run tools.'}${reason}`,
		},
	);
}

/**
 * The error for "the user has no usable account" when no Connect Link is to be offered (not to be
 * confused with Wait for Connection's error for an account that did not connect).
 */
export function noUsableAccountError(
	this: IExecuteFunctions,
	request: AccountRequest,
	accounts: ConnectedAccount[],
	alias?: string,
	aliasAccount?: ConnectedAccount,
): NodeOperationError {
	const { userId, toolkit, itemIndex } = request;
	if (aliasAccount) return notActiveError.call(this, 'Account Alias', aliasAccount, itemIndex);
	const others = accounts.length
		? `The user's ${toolkit} accounts: ${accounts.map(describeAccount).join('; ')}.`
		: `The user has no ${toolkit} account at all.`;
	if (alias !== undefined) {
		return new NodeOperationError(
			this.getNode(),
			`Account Alias: user "${userId}" has no ${toolkit} account with the alias "${alias}"`,
			{
				itemIndex,
				description: `${others} Aliases are matched ignoring case. Turn on "Return Connect Link When Not Connected" to offer the user a link that creates the account with this alias.`,
			},
		);
	}
	const inactive = accounts.find((a) => a.status === 'INACTIVE');
	return new NodeOperationError(
		this.getNode(),
		`Account: user "${userId}" has no ACTIVE ${toolkit} account`,
		{
			itemIndex,
			description: inactive
				? `${others} ${STATUS_ADVICE.INACTIVE}`
				: `${others} Connect one with a Connect Link (Composio Connected Account node), or turn on "Return Connect Link When Not Connected".`,
		},
	);
}
