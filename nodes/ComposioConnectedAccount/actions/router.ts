import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from '../../shared/items';
import { itemConcurrency } from '../helpers/target';
import * as connectedAccount from './connectedAccount/ConnectedAccount.resource';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	connectedAccount: {
		connect: connectedAccount.connect.execute,
		delete: connectedAccount.deleteAccount.execute,
		disable: connectedAccount.disable.execute,
		enable: connectedAccount.enable.execute,
		get: connectedAccount.get.execute,
		getAll: connectedAccount.getAll.execute,
		getCredentials: connectedAccount.getCredentials.execute,
		refresh: connectedAccount.refresh.execute,
		revoke: connectedAccount.revoke.execute,
		update: connectedAccount.update.execute,
		waitForConnection: connectedAccount.waitForConnection.execute,
	},
};

/** Operations on "One Account or Accounts Matching a Filter" (see helpers/target.ts). */
const TARGET_OPERATIONS = new Set(['enable', 'disable', 'delete', 'revoke']);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported by this node`,
			{
				description:
					'Pick an operation from the list; for other endpoints use the HTTP Request node with the Composio API credential.',
			},
		);
	}
	const concurrency = TARGET_OPERATIONS.has(operation) ? itemConcurrency(this) : 1;
	return [await runForEachItem.call(this, handler, { concurrency })];
}
