import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { revokeAccount } from '../../helpers/revoke';
import type { AccountOperation } from '../../helpers/target';
import { targetOptions, runOnTarget, targetProperties } from '../../helpers/target';

const properties: INodeProperties[] = [
	{
		displayName:
			"Revoking invalidates the credentials at the provider (e.g. Google, Slack) and marks the account REVOKED. It cannot be undone: the user must connect again. Some toolkits cannot revoke; their accounts fail with Composio's reason.",
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
	plan(account) {
		return account.status === 'REVOKED' ? { kind: 'unchanged' } : { kind: 'change' };
	},
	unchanged(account) {
		return {
			status: account.status,
			revoked_tokens: [],
			changed: false,
		};
	},
	async apply(this: IExecuteFunctions, account, itemIndex) {
		const response = await revokeAccount.call(this, String(account.id), itemIndex);
		return {
			status: response.connected_account?.status ?? 'REVOKED',
			revoked_tokens: response.revoked_tokens ?? [],
			changed: true,
		};
	},
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	return await runOnTarget.call(this, operation, itemIndex);
}
