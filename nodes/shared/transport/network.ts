import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { defaultRetryMode, isNotSentNetworkCode } from './retry';
import type { ComposioContext, ComposioRequest } from './types';
import { API_PREFIX } from './url';

/** The network error code (ECONNREFUSED, ETIMEDOUT…) wherever axios or n8n put it, if any. */
export function networkCodeOf(error: unknown): string | undefined {
	const candidates: unknown[] = [];
	if (error && typeof error === 'object') {
		const e = error as IDataObject & { cause?: IDataObject };
		candidates.push(
			e.code,
			e.cause?.code,
			e.httpCode,
			(e.context as IDataObject | undefined)?.code,
		);
		if (e.cause && typeof e.cause === 'object') {
			candidates.push((e.cause.cause as IDataObject | undefined)?.code);
		}
		const message = typeof e.message === 'string' ? e.message : '';
		if (/socket hang up/i.test(message)) candidates.push('ECONNRESET');
		if (/timeout of \d+ms exceeded/i.test(message)) candidates.push('ECONNABORTED');
	}
	const found = candidates.find((c) => typeof c === 'string' && /^E[A-Z_]+$/.test(c));
	return found as string | undefined;
}

/** A fresh error for a failed connection: never the library's, whose request config holds the API key. */
export function networkError(
	ctx: ComposioContext,
	request: ComposioRequest,
	baseUrl: string,
	code: string | undefined,
	attempts: number,
): NodeApiError {
	const what = `${request.method} ${API_PREFIX}${request.path}`;
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
	const notSent = isNotSentNetworkCode(code);
	const mayHaveRun =
		!notSent && (request.retry ?? defaultRetryMode(request.method)) === 'rateLimitOnly';
	const message = timedOut
		? `Composio did not answer ${what} in time`
		: `Could not reach Composio at ${baseUrl} (${code ?? 'connection failed'})`;
	const tried = attempts > 1 ? ` Tried ${attempts} times.` : '';
	const lines = [
		notSent
			? `The connection was not made, so the request was not sent and did not run on Composio’s side.${tried} Check the Base URL in the Composio API credential and that the server is reachable from n8n.`
			: mayHaveRun
				? 'This request may already have run on Composio’s side, so it was not repeated. Check the result in Composio before running it again.'
				: attempts > 1
					? `Tried ${attempts} times.`
					: 'Check the Base URL in the Composio API credential and that the server is reachable from n8n.',
	];
	const error = new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
		description: lines.join('\n'),
		httpCode: code ?? 'ECONNECTION',
		itemIndex: request.itemIndex,
	});
	// n8n swaps the message of a known network code for generic advice ("retry immediately"), which is
	// wrong for a request that may have run; keep ours.
	error.message = message;
	return error;
}
