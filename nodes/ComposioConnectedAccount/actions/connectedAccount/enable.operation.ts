import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { statusOperation } from '../../helpers/status';
import { runOnTarget } from '../../helpers/target';
import { itemConcurrency } from '../../helpers/targetSettings';
import {
	optionsWith,
	reportPreviousStatusOption,
	targetProperties,
} from '../../helpers/target.description';

const properties: INodeProperties[] = [
	...targetProperties({ what: 'disabled accounts to enable', dryRunDefault: false }),
	optionsWith([reportPreviousStatusOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['enable'] } },
	properties,
);

const operation = statusOperation(true);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject | IDataObject[]> {
	return await runOnTarget.call(this, operation, itemIndex);
}

/** How many input items run at once: One Account spreads them, a filter spreads its accounts. */
export const concurrency = itemConcurrency;
