import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	ISupplyDataFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { RetryMode, RetryPolicy } from './retry';

export const CREDENTIAL_TYPE = 'composioApi';

/** Every n8n context a Composio node calls the API from. */
export type ComposioContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions
	| ISupplyDataFunctions;

export interface ComposioRequest {
	method: IHttpRequestMethods;
	/** Path below the API prefix, e.g. `/connected_accounts`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Defaults: GET, DELETE and PATCH are idempotent; POST is retried only on 429. */
	retry?: RetryMode;
	/** Per-attempt timeout in ms (default 60 s, as Composio's own clients). */
	timeout?: number;
	itemIndex?: number;
	/** Statuses returned to the caller instead of raised (e.g. 404 for an idempotent delete). */
	acceptStatuses?: number[];
	retryPolicy?: RetryPolicy;
}

export interface ComposioResponse<T = IDataObject> {
	statusCode: number;
	headers: IDataObject;
	body: T;
	/**
	 * How many times the request was sent (1 = no retry). More than one means an earlier attempt may
	 * have been processed with its answer lost, so e.g. a 404 on a repeated DELETE is that attempt's work.
	 */
	attempts: number;
}
