import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProxyAnswer } from '../../shared/api/tools';
import { proxyExecute } from '../../shared/api/tools';
import { downloadBinaryAnswer } from './binary';
import type { ProxyContext } from './errors';
import { explainComposioError, providerError } from './errors';
import type { ProxyInput } from './input';

/** Sends the item's request through Composio's proxy as the connected account. */
export async function sendProxyRequest(
	this: IExecuteFunctions,
	input: ProxyInput,
	context: ProxyContext,
	itemIndex: number,
): Promise<ProxyAnswer> {
	const { method, endpoint, parameters, body } = input;
	const payload: IDataObject = {
		endpoint,
		method,
		connected_account_id: context.connectedAccountId,
	};
	if (parameters.length) payload.parameters = parameters as unknown as IDataObject[];
	if (body.body !== undefined) payload.body = body.body as IDataObject;
	if (body.binaryBody) payload.binary_body = body.binaryBody as unknown as IDataObject;
	try {
		return await proxyExecute.call(this, payload, { timeoutMs: input.timeoutS * 1000, itemIndex });
	} catch (error) {
		throw explainComposioError(error, context);
	}
}

/**
 * The item for the provider's answer: status, data, headers and what was sent; a file answer is
 * downloaded into the output binary field. An answer outside 2xx is an error unless the options say
 * to return it as data.
 */
export async function answerItem(
	this: IExecuteFunctions,
	input: ProxyInput,
	context: ProxyContext,
	answer: ProxyAnswer,
	itemIndex: number,
): Promise<IDataObject> {
	const status = answer?.status;
	if (typeof status !== 'number' || !Number.isInteger(status)) {
		throw new NodeOperationError(
			this.getNode(),
			'Composio answered the proxy request without a status',
			{ itemIndex, description: 'Check the Base URL in the Composio API credential.' },
		);
	}
	const headers = answer.headers ?? {};
	const ok = status >= 200 && status < 300;
	if (!ok && !input.returnErrorsAsData) {
		throw providerError.call(this, context, { status, data: answer.data, headers }, itemIndex);
	}
	const json: IDataObject = {
		status,
		data: (answer.data ?? null) as IDataObject,
		headers,
		ok,
		method: input.method,
		endpoint: input.endpoint,
		toolkit: input.toolkit,
		user_id: input.userId,
		connected_account_id: context.connectedAccountId,
	};
	const binaryAnswer = answer.binary_data;
	if (binaryAnswer && typeof binaryAnswer === 'object') {
		const property = input.outputProperty;
		const file = await downloadBinaryAnswer.call(
			this,
			binaryAnswer,
			input.endpoint,
			input.timeoutS * 1000,
			itemIndex,
		);
		json.binary_data = {
			content_type: binaryAnswer.content_type ?? null,
			size: binaryAnswer.size ?? null,
			expires_at: binaryAnswer.expires_at ?? null,
			property,
		};
		return { json, binary: { [property]: file } } as unknown as IDataObject;
	}
	// Always `{json}`: n8n keeps an item's `json` as is, so a provider field named "json" is safe.
	return { json } as unknown as IDataObject;
}
