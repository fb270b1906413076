import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	getConnectedAccount,
	updateConnectedAccount,
	simplifyAccount,
} from '../../../shared/api/connectedAccounts';
import { connectedAccountLocator, simplifyOption } from '../../../shared/descriptions';
import { inputError, readBooleanParameter } from '../../../shared/validation';
import { describeValue } from '../../../shared/values';
import { readAccountId } from '../../helpers/targetSettings';

const MAX_ALIAS_LENGTH = 256;

const properties: INodeProperties[] = [
	connectedAccountLocator,
	{
		displayName: 'Alias',
		name: 'alias',
		type: 'string',
		default: '',
		placeholder: 'e.g. work',
		description:
			'A name that tells this account apart from the same user\'s other accounts of the toolkit (e.g. "work", "personal"); unique per user and toolkit. Leave empty to remove the alias.',
	},
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['update'] } },
	properties,
);

/** `PATCH /connected_accounts/{id}` with the alias (an empty string clears it), then the account as it is now. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const id = readAccountId.call(this, itemIndex);
	const raw = this.getNodeParameter('alias', itemIndex, '') as unknown;
	if (raw !== null && raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') {
		throw inputError(node, 'Alias', `expected text but got ${describeValue(raw)}`, itemIndex);
	}
	const alias = raw === null || raw === undefined ? '' : String(raw).trim();
	if (alias.length > MAX_ALIAS_LENGTH) {
		throw inputError(
			node,
			'Alias',
			`is ${alias.length} characters long; at most ${MAX_ALIAS_LENGTH} are allowed`,
			itemIndex,
		);
	}
	const simplify = readBooleanParameter.call(this, 'simplify', 'Simplify', itemIndex, true);
	await updateConnectedAccount.call(this, id, { alias }, itemIndex);
	const account = await getConnectedAccount.call(this, id, itemIndex);
	return simplify ? simplifyAccount(account) : account;
}
