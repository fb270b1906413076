import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getConnectedAccount } from '../../../shared/api/connectedAccounts';
import { connectedAccountLocator } from '../../../shared/descriptions';
import { credentialsOf } from '../../helpers/credentials';
import { readAccountId } from '../../helpers/targetSettings';

const properties: INodeProperties[] = [
	{
		displayName:
			'Composio redacts connected-account tokens for every auth config (since 2026-06-04): this shows the auth scheme, scopes, subdomain, base URL and expiry, and which values are redacted. To call the provider’s API with the account, use the Composio Proxy Request node. Values that are not redacted land in the execution data.',
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
	const id = readAccountId.call(this, itemIndex);
	const account = await getConnectedAccount.call(this, id, itemIndex);
	return credentialsOf(account);
}
