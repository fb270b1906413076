import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runForEachItem } from '../../shared/items';
import * as connectedAccount from './connectedAccount/ConnectedAccount.resource';

/** What the router needs of an operation module. */
interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** How many input items may run at once; absent: one after the other. */
	concurrency?: (this: IExecuteFunctions) => number;
}

const operations: Record<string, Record<string, Operation>> = {
	connectedAccount: {
		connect: connectedAccount.connect,
		delete: connectedAccount.deleteAccount,
		disable: connectedAccount.disable,
		enable: connectedAccount.enable,
		get: connectedAccount.get,
		getAll: connectedAccount.getAll,
		getCredentials: connectedAccount.getCredentials,
		refresh: connectedAccount.refresh,
		revoke: connectedAccount.revoke,
		update: connectedAccount.update,
		waitForConnection: connectedAccount.waitForConnection,
	},
};

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
	const concurrency = handler.concurrency?.call(this) ?? 1;
	return [await runForEachItem.call(this, handler.execute, { concurrency })];
}
