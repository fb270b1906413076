import { updateDisplayOptions } from 'n8n-workflow';

import { statusOperation } from '../../helpers/status';
import { targetExecute } from '../../helpers/target';
import { statusTargetProperties } from '../../helpers/target.description';
import { itemConcurrency } from '../../helpers/targetSettings';

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['enable'] } },
	statusTargetProperties('disabled accounts to enable'),
);

export const execute = targetExecute(statusOperation(true));

/** How many input items run at once: One Account spreads them, a filter spreads its accounts. */
export const concurrency = itemConcurrency;
