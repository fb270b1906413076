import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { setConnectedAccountEnabled } from '../../shared/api/connectedAccounts';
import type { AccountOperation, Plan } from './target';

/**
 * Enable and Disable through `PATCH /connected_accounts/{id}/status` (`{enabled}` → ACTIVE/INACTIVE;
 * the answer is only `{success}`, so the new status is the one Composio documents for it).
 *
 * Only ACTIVE ⇄ INACTIVE is a real change. Where the account's status is known (a filter's listing,
 * or One Account with "Report Previous Status"), an account already in the target status is left
 * alone (`changed: false`, no request). One Account by default sends the PATCH alone (one request):
 * Composio answers success whether or not the account already had that status, so the item reports
 * the status it has now (`{id, status}`), without `previousStatus`/`changed`. Other statuses are
 * refused: "enabling" an EXPIRED, FAILED or REVOKED account cannot bring its credentials back (it needs
 * a new connection), and disabling an account that cannot run tools anyway would only hide why it is
 * unusable. Composio itself refuses those with HTTP 400; the account is then read to say why.
 */
export function statusOperation(enable: boolean): AccountOperation {
	const target = enable ? 'ACTIVE' : 'INACTIVE';
	const from = enable ? 'INACTIVE' : 'ACTIVE';
	const verb = enable ? 'enable' : 'disable';
	return {
		verb,
		plan(account): Plan {
			const status = String(account.status);
			if (status === target) return { kind: 'unchanged' };
			if (status === from) return { kind: 'change' };
			return enable
				? {
						kind: 'skip',
						reason: `Connected account ${String(account.id)} is ${status}; only INACTIVE (disabled) accounts can be enabled`,
						hint:
							status === 'INITIATED' || status === 'INITIALIZING'
								? 'The user has not finished connecting; the account becomes ACTIVE when they do (see Wait for Connection).'
								: 'Enabling cannot bring back its credentials. Connect the user again with the Connect operation (a new Connect Link).',
					}
				: {
						kind: 'skip',
						reason: `Connected account ${String(account.id)} is ${status}; only ACTIVE accounts can be disabled`,
						hint: 'An account that is not ACTIVE cannot run tools anyway. To remove it, use Delete.',
					};
		},
		unchanged(account) {
			return { status: account.status, changed: false };
		},
		async apply(this: IExecuteFunctions, account, itemIndex): Promise<IDataObject> {
			return { ...(await patchStatus.call(this, String(account.id), itemIndex)), changed: true };
		},
		async applyById(this: IExecuteFunctions, id, itemIndex): Promise<IDataObject> {
			return { id, ...(await patchStatus.call(this, id, itemIndex)) };
		},
	};

	async function patchStatus(
		this: IExecuteFunctions,
		id: string,
		itemIndex: number,
	): Promise<IDataObject> {
		const response = await setConnectedAccountEnabled.call(this, id, enable, itemIndex);
		if (response?.success !== true) {
			throw new NodeOperationError(
				this.getNode(),
				`Composio did not confirm that connected account ${id} was ${verb}d`,
				{ itemIndex, description: `It answered ${JSON.stringify(response)}.` },
			);
		}
		return { status: target };
	}
}
