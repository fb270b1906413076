import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runForEachItem } from '../../shared/items';
import { runConcurrency } from '../helpers/options';
import * as executeTool from './execute.operation';

/** Runs the tool for every input item, Options → Concurrency at a time. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const concurrency = runConcurrency(this.getNode(), () =>
		this.getNodeParameter('options.concurrency', 0, undefined),
	);
	return [await runForEachItem.call(this, executeTool.execute, { concurrency })];
}
