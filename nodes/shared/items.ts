import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from './concurrency';
import { isError } from './values';

/**
 * Output entries of one input item that failed on their own (e.g. one account of a filter run): the
 * entry's json carries the cause, and runForEachItem sends it to the error output when the node uses
 * one (otherwise it stays on the main output). Whether such a failure should stop the run instead is
 * the handler's decision (it throws then), since only it knows what was already done.
 */
const entryErrors = new WeakMap<IDataObject, Error>();

/** Marks `json` (an entry the handler returns) as failed with `error`; returns `json`. */
export function failedEntry(json: IDataObject, error: Error): IDataObject {
	entryErrors.set(json, error);
	return json;
}

export type ItemHandler = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

interface NodeErrorLike {
	message: string;
	description?: string | null;
	httpCode?: string | null;
	context?: IDataObject;
}

/**
 * Errors may come from another copy of n8n-workflow (the one n8n itself loaded), so they are
 * recognised by shape, not by `instanceof`.
 */
function isNodeError(error: unknown): error is NodeErrorLike & Error {
	return (
		isError(error) &&
		(error.name === 'NodeApiError' || error.name === 'NodeOperationError') &&
		typeof (error as NodeErrorLike).context === 'object'
	);
}

/** The output item for a failed input under "Continue" error handling: the cause, nothing lost. */
export function errorItemJson(error: unknown): IDataObject {
	const json: IDataObject = {
		error: isError(error) ? error.message : String(error),
	};
	if (isNodeError(error)) {
		if (error.description) json.description = error.description;
		if (error.httpCode) json.httpCode = error.httpCode;
		const composio = error.context?.composio as IDataObject | undefined;
		if (composio?.requestId) json.requestId = composio.requestId;
	}
	return json;
}

/** Wraps any error as a node error that names the item it failed on (never re-throws the original). */
export function toItemError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (isNodeError(error)) {
		if (error.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error.name === 'NodeApiError'
			? new NodeApiError(this.getNode(), error as unknown as JsonObject)
			: new NodeOperationError(this.getNode(), error, { itemIndex });
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * Runs `handler` for every input item (up to `concurrency` at once, output in input order), pairs every
 * output item with its input, and under "Continue" error handling turns a failure into an error item
 * (on the error output when the node is set to use one).
 */
export async function runForEachItem(
	this: IExecuteFunctions,
	handler: ItemHandler,
	options: { concurrency?: number } = {},
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const useErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const perItem = await mapWithConcurrency(items, options.concurrency ?? 1, async (_item, i) => {
		try {
			const data = await handler.call(this, i);
			const entries = Array.isArray(data) ? data : [data];
			const output = this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: i },
			});
			if (useErrorOutput) {
				entries.forEach((entry, k) => {
					const error = entryErrors.get(entry);
					if (!error || !output[k]) return;
					// n8n sends an item to the error output when its json holds only `error`, `message` and
					// `details` (an item with an error object would have its json cut down to the message),
					// and merges it over the input item's json: the entry's fields go under `details`.
					const { error: message, ...details } = entry;
					output[k].json = { error: message ?? error.message, details };
				});
			}
			return output;
		} catch (error) {
			const itemError = toItemError.call(this, error, i) as NodeApiError | NodeOperationError;
			if (!continueOnFail) throw itemError;
			const json = errorItemJson(error);
			// n8n routes an item to the error output only when it carries `error` — and then keeps just
			// the message in its json — so the error object is attached only for that setting, and the
			// regular output keeps the full cause (description, HTTP code, request ID) in the json.
			return useErrorOutput
				? [{ json, error: itemError, pairedItem: { item: i } }]
				: [{ json, pairedItem: { item: i } }];
		}
	});
	return perItem.flat();
}
