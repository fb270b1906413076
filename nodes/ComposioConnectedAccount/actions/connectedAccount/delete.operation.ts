import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONNECTED_ACCOUNTS_PATH } from '../../../shared/connectedAccounts';
import { toItemError } from '../../../shared/items';
import { composioRequest } from '../../../shared/transport';
import { composioAttempts, composioStatus, revokeAccount } from '../../helpers/revoke';
import type { AccountOperation } from '../../helpers/target';
import { bulkOptions, runOnTarget, targetProperties } from '../../helpers/target';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting does not revoke the credentials at the provider: tokens stay valid there until they expire. Turn on "Revoke First" under Options to revoke them before deleting.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...targetProperties({ what: 'accounts to delete', dryRunDefault: true }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...bulkOptions,
			{
				displayName: 'Delete Even If Revoke Fails',
				name: 'deleteIfRevokeFails',
				type: 'boolean',
				default: true,
				description:
					'Whether to still delete an account that Composio cannot revoke (the toolkit does not support revoking, or the account has no credentials to revoke); the item then has "revokeError". Other revoke failures always stop the delete.',
				displayOptions: { show: { revokeFirst: [true] } },
			},
			{
				displayName: 'Revoke First',
				name: 'revokeFirst',
				type: 'boolean',
				default: false,
				description:
					'Whether to revoke the credentials at the provider before deleting the account (the item then lists "revoked_tokens")',
			},
			{
				displayName: 'Succeed If Already Deleted',
				name: 'ignoreNotFound',
				type: 'boolean',
				default: false,
				description:
					'Whether an account that does not exist (already deleted) counts as success ("alreadyDeleted": true) instead of an error, for clean-ups that may run twice',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['delete'] } },
	properties,
);

function readOptions(ctx: IExecuteFunctions, itemIndex: number) {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		revokeFirst: options.revokeFirst === true,
		deleteIfRevokeFails: options.deleteIfRevokeFails !== false,
		ignoreNotFound: options.ignoreNotFound === true,
	};
}

function alreadyDeleted(id: string): IDataObject {
	return { id, deleted: false, alreadyDeleted: true, changed: false };
}

const operation: AccountOperation = {
	verb: 'delete',
	plan() {
		return { kind: 'change' };
	},
	unchanged() {
		return { deleted: false, changed: false };
	},
	missing(this: IExecuteFunctions, id, itemIndex) {
		return readOptions(this, itemIndex).ignoreNotFound ? alreadyDeleted(id) : undefined;
	},
	async apply(this: IExecuteFunctions, account, itemIndex) {
		const id = String(account.id);
		const options = readOptions(this, itemIndex);
		const result: IDataObject = {};
		if (options.revokeFirst) {
			if (account.status === 'REVOKED') {
				result.revoked_tokens = [];
			} else {
				try {
					const revoked = await revokeAccount.call(this, id, itemIndex);
					result.revoked_tokens = revoked.revoked_tokens ?? [];
				} catch (error) {
					const status = composioStatus(error);
					if (!options.deleteIfRevokeFails || (status !== 400 && status !== 409)) {
						throw toItemError(this, error, itemIndex);
					}
					result.revoked_tokens = [];
					result.revokeError = (error as Error).message;
				}
			}
		}
		let statusCode: number;
		let attempts: number;
		try {
			({ statusCode, attempts } = await composioRequest.call(this, {
				method: 'DELETE',
				path: `${CONNECTED_ACCOUNTS_PATH}/${encodeURIComponent(id)}`,
				acceptStatuses: options.ignoreNotFound ? [404] : undefined,
				itemIndex,
			}));
		} catch (error) {
			// A repeated DELETE (the first answer was lost: dropped connection or timeout) that finds
			// nothing found the account this run deleted: report it deleted, not missing.
			if (composioStatus(error) === 404 && composioAttempts(error) > 1) {
				return { ...result, deleted: true, changed: true };
			}
			const revoked = result.revoked_tokens as string[] | undefined;
			if (revoked?.length) {
				const e = error as { description?: string | null };
				e.description = `${e.description ? `${e.description}\n` : ''}The account was revoked (${revoked.join(', ')}) before the delete failed.`;
			}
			throw toItemError(this, error, itemIndex);
		}
		if (statusCode === 404 && attempts === 1)
			return { ...result, deleted: false, alreadyDeleted: true, changed: false };
		return { ...result, deleted: true, changed: true };
	},
};

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	return await runOnTarget.call(this, operation, itemIndex);
}
