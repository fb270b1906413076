import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { refreshConnectedAccount } from '../../../shared/api/connectedAccounts';
import { connectedAccountLocator } from '../../../shared/descriptions';
import { readAccountId } from '../../helpers/targetSettings';
import {
	callbackUrlOption,
	readCallbackUrl,
	readInStepWait,
	waitInStepOptions,
	withConnectionWait,
} from '../../helpers/wait';

const properties: INodeProperties[] = [
	{
		displayName:
			'Composio has deprecated refresh: it renews tokens in the background by itself. Refreshing an OAuth account starts its sign-in again and can move an ACTIVE account back to INITIATED until the user completes the returned redirect URL. To reconnect an expired account, prefer Connect (a new Connect Link).',
		name: 'refreshNotice',
		type: 'notice',
		default: '',
	},
	connectedAccountLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [callbackUrlOption, ...waitInStepOptions],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['refresh'] } },
	properties,
);

/** `POST /connected_accounts/{id}/refresh` (deprecated by Composio), optionally followed by a wait. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readAccountId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const callbackUrl = readCallbackUrl.call(this, options, itemIndex);
	const wait = readInStepWait.call(this, itemIndex, options);

	const response = await refreshConnectedAccount.call(this, id, callbackUrl, itemIndex);
	const result: IDataObject = {
		id: response.id ?? id,
		status: response.status ?? null,
		redirect_url: response.redirect_url ?? null,
	};
	return await withConnectionWait.call(this, result, id, wait, itemIndex);
}
