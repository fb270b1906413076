import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { revokeConnectedAccount } from '../../../shared/api/connectedAccounts';
import { revocabilityOf } from '../../helpers/revoke';
import type { AccountOperation, Plan } from '../../helpers/target';
import { itemConcurrency } from '../../helpers/targetSettings';
import { targetExecute } from '../../helpers/target';
import { targetOptions, targetProperties } from '../../helpers/target.description';

const properties: INodeProperties[] = [
	{
		displayName:
			'Revoking invalidates the tokens at the provider (e.g. Google, Slack) and marks the account REVOKED. It cannot be undone: the user must connect again. Composio revokes only ACTIVE accounts; others are reported as not revocable, with the reason.',
		name: 'revokeNotice',
		type: 'notice',
		default: '',
	},
	...targetProperties({ what: 'accounts to revoke', dryRunDefault: true }),
	targetOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['revoke'] } },
	properties,
);

const operation: AccountOperation = {
	verb: 'revoke',
	plan(account): Plan {
		const revocability = revocabilityOf(account);
		switch (revocability.kind) {
			case 'revocable':
				return { kind: 'change' };
			case 'revoked':
				return { kind: 'unchanged' };
			case 'disabled':
				return {
					kind: 'skip',
					reason: `Connected account ${String(account.id)} is INACTIVE (disabled) and Composio revokes only ACTIVE accounts`,
					hint: 'Its tokens are still valid at the provider. Enable it and revoke it then, or use Delete with "Revoke First", which re-enables, revokes and deletes it.',
				};
			case 'pending':
				return {
					kind: 'skip',
					reason: revocability.reason,
					hint: 'To cancel the pending connection, use Delete.',
				};
			case 'notRevocable':
				return {
					kind: 'skip',
					reason: revocability.reason,
					hint: 'If it ever held tokens, remove the app’s access in the provider’s account settings. To remove the account, use Delete.',
				};
		}
	},
	unchanged(account) {
		return {
			status: account.status,
			revoked_tokens: [],
			changed: false,
		};
	},
	async apply(this: IExecuteFunctions, account, itemIndex) {
		// A 409 here (the account left ACTIVE after it was read) fails the account with Composio's
		// message: it is never reported as revoked.
		const response = await revokeConnectedAccount.call(this, String(account.id), itemIndex);
		return {
			status: response.connected_account?.status ?? 'REVOKED',
			revoked_tokens: response.revoked_tokens ?? [],
			changed: true,
		};
	},
};

export const execute = targetExecute(operation);

/** How many input items run at once: One Account spreads them, a filter spreads its accounts. */
export const concurrency = itemConcurrency;
