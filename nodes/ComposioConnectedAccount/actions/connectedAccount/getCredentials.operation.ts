import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getConnectedAccount } from '../../../shared/connectedAccounts';
import { connectedAccountLocator } from '../../../shared/descriptions';
import { credentialsOf } from '../../helpers/credentials';
import { readAccountId } from '../../helpers/target';

const properties: INodeProperties[] = [
	{
		displayName:
			'The credentials are written to the execution data, where anyone who can see this workflow\'s executions can read them. Composio masks secrets (e.g. "abcd...") unless the project setting "Mask Connected Account Secrets" is off, and always masks the tokens of Composio-managed auth configs; the output says when values are masked.',
		name: 'credentialsNotice',
		type: 'notice',
		default: '',
	},
	connectedAccountLocator,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['getCredentials'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readAccountId(this, itemIndex);
	const account = await getConnectedAccount.call(this, id, itemIndex);
	return credentialsOf(account);
}
