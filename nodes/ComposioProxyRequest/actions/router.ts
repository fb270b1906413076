import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../shared/items';
import { requireInteger } from '../../shared/validation';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../shared/accountSelection/limits';
import * as proxyRequest from './proxyRequest.operation';

/** Sends every input item's request, Options → Concurrency at a time. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const concurrency = requireInteger(
		this.getNode(),
		'Options → Concurrency',
		(this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as unknown) ??
			DEFAULT_CONCURRENCY,
		0,
		{ min: 1, max: MAX_CONCURRENCY },
	);
	return [await runForEachItem.call(this, proxyRequest.execute, { concurrency })];
}
