import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from 'n8n-workflow';

import {
	deleteConnectedAccount,
	revokeConnectedAccount,
} from '../../../shared/api/connectedAccounts';
import { toItemError } from '../../../shared/items';
import { optionalBoolean } from '../../../shared/validation';
import {
	composioAttempts,
	composioStatus,
	isRevokeRefusal,
	revocabilityOf,
} from '../../helpers/revoke';
import { statusOperation } from '../../helpers/status';
import type { AccountOperation, Plan } from '../../helpers/target';
import { itemConcurrency } from '../../helpers/targetSettings';
import { runOnTarget } from '../../helpers/target';
import { bulkOptions, targetProperties } from '../../helpers/target.description';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting does not revoke the tokens at the provider: they stay valid there until they expire. Turn on "Revoke First" under Options to revoke them before deleting.',
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
				default: false,
				description:
					'Whether to delete an account whose tokens Composio cannot revoke (the toolkit cannot revoke, or the account is EXPIRED or FAILED). Off: such an account is not deleted.',
				hint: 'The item then has "revocation": "not_revoked" and says why; the tokens may stay valid at the provider.',
				displayOptions: { show: { revokeFirst: [true] } },
			},
			{
				displayName: 'Revoke First',
				name: 'revokeFirst',
				type: 'boolean',
				default: false,
				description:
					'Whether to revoke the tokens at the provider before deleting. An account that cannot be revoked is not deleted unless "Delete Even If Revoke Fails" is on.',
				hint: 'A disabled (INACTIVE) account is enabled again for the revoke, as Composio revokes only ACTIVE accounts (disabled again if the revoke fails). A pending account (INITIATED) has no tokens and is deleted. Each item says "revocation": revoked, already_revoked, not_needed or not_revoked.',
			},
			{
				displayName: 'Succeed If Already Deleted',
				name: 'ignoreNotFound',
				type: 'boolean',
				default: false,
				description:
					'Whether an account that does not exist counts as success ("alreadyDeleted": true) instead of an error',
				hint: 'For clean-ups that may run twice.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['delete'] } },
	properties,
);

interface DeleteOptions {
	revokeFirst: boolean;
	deleteIfRevokeFails: boolean;
	ignoreNotFound: boolean;
}

function readOptions(this: IExecuteFunctions, itemIndex: number): DeleteOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const node = this.getNode();
	// Expressions can fill these: "false" must never count as true (strictly checked per item).
	const flag = (name: keyof DeleteOptions, field: string) =>
		optionalBoolean(node, `Options → ${field}`, options[name], false, itemIndex);
	return {
		revokeFirst: flag('revokeFirst', 'Revoke First'),
		deleteIfRevokeFails: flag('deleteIfRevokeFails', 'Delete Even If Revoke Fails'),
		ignoreNotFound: flag('ignoreNotFound', 'Succeed If Already Deleted'),
	};
}

function appendDescription(error: unknown, line: string): void {
	const e = error as { description?: string | null };
	e.description = `${e.description ? `${e.description}\n` : ''}${line}`;
}

/**
 * Revokes an account before it is deleted, by its status (see `revocabilityOf`), and returns the
 * revocation fields of the item. Throws when the account must not be deleted: a refused revoke with
 * "Delete Even If Revoke Fails" off, or any other revoke failure.
 */
async function revokeBeforeDelete(
	this: IExecuteFunctions,
	account: IDataObject,
	options: DeleteOptions,
	itemIndex: number,
): Promise<IDataObject> {
	const id = String(account.id);
	const revocability = revocabilityOf(account);
	if (revocability.kind === 'revoked') {
		return { revocation: 'already_revoked', revoked_tokens: [] };
	}
	if (revocability.kind === 'pending') {
		return { revocation: 'not_needed', revoked_tokens: [], revocationNote: revocability.reason };
	}
	if (revocability.kind === 'notRevocable') {
		// Only reached with "Delete Even If Revoke Fails" on (the plan skips it otherwise).
		return { revocation: 'not_revoked', revoked_tokens: [], revocationNote: revocability.reason };
	}

	const notRevoked = (error: unknown, note: string): IDataObject => {
		if (!options.deleteIfRevokeFails || !isRevokeRefusal(error)) {
			appendDescription(error, `${note} The account was not deleted.`);
			throw toItemError.call(this, error, itemIndex);
		}
		return {
			revocation: 'not_revoked',
			revoked_tokens: [],
			revocationNote: note,
			revokeError: (error as Error).message,
		};
	};

	if (revocability.kind === 'disabled') {
		// Composio revokes only ACTIVE accounts: enable, revoke, and disable again if the revoke fails,
		// so the account is never left usable by a failed delete.
		try {
			await statusOperation(true).apply.call(this, account, itemIndex);
		} catch (error) {
			return notRevoked(
				error,
				`Connected account ${id} is INACTIVE and could not be enabled for the revoke, so its tokens were not revoked.`,
			);
		}
		try {
			const revoked = await revokeConnectedAccount.call(this, id, itemIndex);
			return {
				revocation: 'revoked',
				revoked_tokens: revoked.revoked_tokens ?? [],
				revocationNote: `Connected account ${id} was INACTIVE; it was enabled again for the revoke.`,
			};
		} catch (error) {
			let restored = true;
			try {
				await statusOperation(false).apply.call(this, { ...account, status: 'ACTIVE' }, itemIndex);
			} catch {
				restored = false;
			}
			if (!restored) {
				appendDescription(
					error,
					`Connected account ${id} was enabled for the revoke and could not be disabled again: it is ACTIVE now. Disable it with the Disable operation.`,
				);
				throw toItemError.call(this, error, itemIndex);
			}
			return notRevoked(
				error,
				`Connected account ${id} was enabled for the revoke, Composio refused to revoke it, and it was disabled again.`,
			);
		}
	}

	try {
		const revoked = await revokeConnectedAccount.call(this, id, itemIndex);
		return { revocation: 'revoked', revoked_tokens: revoked.revoked_tokens ?? [] };
	} catch (error) {
		return notRevoked(error, `Composio did not revoke the tokens of connected account ${id}.`);
	}
}

function deleteOperation(options: DeleteOptions): AccountOperation {
	return {
		verb: 'delete',
		plan(account): Plan {
			if (!options.revokeFirst || options.deleteIfRevokeFails) return { kind: 'change' };
			const revocability = revocabilityOf(account);
			if (revocability.kind !== 'notRevocable') return { kind: 'change' };
			return { kind: 'skip', reason: revocability.reason, hint: revocability.hint };
		},
		unchanged() {
			return { deleted: false, changed: false };
		},
		missing(id) {
			return options.ignoreNotFound
				? { id, deleted: false, alreadyDeleted: true, changed: false }
				: undefined;
		},
		async apply(this: IExecuteFunctions, account, itemIndex) {
			const id = String(account.id);
			const result: IDataObject = options.revokeFirst
				? await revokeBeforeDelete.call(this, account, options, itemIndex)
				: {};
			let statusCode: number;
			let attempts: number;
			try {
				({ statusCode, attempts } = await deleteConnectedAccount.call(
					this,
					id,
					options.ignoreNotFound,
					itemIndex,
				));
			} catch (error) {
				// A repeated DELETE (the first answer was lost: dropped connection or timeout) that finds
				// nothing found the account this run deleted: report it deleted, not missing.
				if (composioStatus(error) === 404 && composioAttempts(error) > 1) {
					return { ...result, deleted: true, changed: true };
				}
				const revoked = result.revoked_tokens as string[] | undefined;
				if (revoked?.length) {
					appendDescription(
						error,
						`The account was revoked (${revoked.join(', ')}) before the delete failed.`,
					);
				}
				throw toItemError.call(this, error, itemIndex);
			}
			if (statusCode === 404 && attempts === 1)
				return { ...result, deleted: false, alreadyDeleted: true, changed: false };
			return { ...result, deleted: true, changed: true };
		},
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	return await runOnTarget.call(
		this,
		deleteOperation(readOptions.call(this, itemIndex)),
		itemIndex,
	);
}

/** How many input items run at once: One Account spreads them, a filter spreads its accounts. */
export const concurrency = itemConcurrency;
