import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getConnectedAccount, simplifyAccount } from '../../../shared/api/connectedAccounts';
import { connectedAccountLocator, simplifyOption } from '../../../shared/descriptions';
import { readBooleanParameter } from '../../../shared/validation';
import { readAccountId } from '../../helpers/targetSettings';

const properties: INodeProperties[] = [connectedAccountLocator, simplifyOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readAccountId.call(this, itemIndex);
	const simplify = readBooleanParameter.call(this, 'simplify', 'Simplify', itemIndex, true);
	const account = await getConnectedAccount.call(this, id, itemIndex);
	return simplify ? simplifyAccount(account) : account;
}
