import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { truncate } from '../../shared/transport/url';
import { isError, isObject, readHeader } from '../../shared/values';

interface ErrorLike {
	message: string;
	description?: string | null;
	context?: IDataObject;
}

export interface ProxyContext {
	method: string;
	endpoint: string;
	toolkit: string;
	connectedAccountId: string;
}

function composioDetails(error: ErrorLike): IDataObject {
	return (error.context?.composio as IDataObject | undefined) ?? {};
}

/**
 * Composio's own refusals of a proxy request, reworded to say what to change: `OriginMismatch`
 * and `MissingAuthContext` (API changelog 2026-04-24) and a 403 for a key without the Proxy
 * execute permission (proxy-execute docs; `@composio/client`: "v3.1 requires a proxy_execute
 * scoped project API key"). Composio's message, request ID and code stay in the description.
 * Anything else is returned unchanged.
 */
export function explainComposioError(error: unknown, request: ProxyContext): unknown {
	if (!isError(error) || typeof (error as ErrorLike).context !== 'object') return error;
	const e = error as Error & ErrorLike;
	const details = composioDetails(e);
	const status = Number(details.status);
	const marker = `${String(details.slug ?? '')} ${e.message}`;
	const original = [e.message, e.description].filter(Boolean).join('\n');
	let message: string | undefined;
	let advice: string | undefined;
	if (status === 400 && /OriginMismatch/i.test(marker)) {
		message = `Endpoint: ${truncate(request.endpoint, 120)} is not on the ${request.toolkit} account’s API domain (Composio: OriginMismatch)`;
		advice =
			'Composio sends an account’s credentials only to the API it belongs to. Use a path relative to the toolkit’s base URL (e.g. /gmail/v1/users/me/profile for Gmail), or an absolute URL with the same scheme and registrable domain (https://www.googleapis.com/… for a Gmail account).';
	} else if (status === 400 && /MissingAuthContext/i.test(marker)) {
		message = `Composio has no credentials to send with this request for connected account ${request.connectedAccountId} (Composio: MissingAuthContext)`;
		advice =
			'The account must be ACTIVE with usable credentials. Check it with Composio Connected Account → Get; if it is EXPIRED, FAILED or REVOKED the user has to connect again, if INACTIVE enable it.';
	} else if (status === 403) {
		message = 'The API key of the Composio credential may not use Proxy Execute (HTTP 403)';
		advice =
			'Composio gates Proxy Execute behind its own permission. In the Composio dashboard (Settings → API Keys) grant the key the "Proxy execute" permission, or put a key that has it (default full-access keys do) into the Composio API credential.';
	}
	if (!message) return error;
	e.message = message;
	e.description = `${advice}\nComposio said: ${original}`;
	return e;
}

/** The provider's own words from an error answer: the usual shapes of JSON APIs, or the text. */
export function providerMessage(data: unknown): string | undefined {
	if (typeof data === 'string')
		return data.trim() ? truncate(data.replace(/\s+/g, ' ').trim(), 300) : undefined;
	if (!isObject(data)) return undefined;
	const body = data;
	const error = body.error;
	const firstError = Array.isArray(body.errors) ? (body.errors[0] as unknown) : undefined;
	const candidates: unknown[] = [
		isObject(error) ? error.message : undefined,
		typeof error === 'string' ? error : undefined,
		body.message,
		body.error_description,
		body.detail,
		isObject(firstError) ? firstError.message : undefined,
	];
	const found = candidates.find((c) => typeof c === 'string' && c.trim() !== '');
	return found === undefined ? undefined : truncate(String(found), 300);
}

/** The error item for a provider answer outside 2xx (unless "Return Provider Errors as Data" is on). */
export function providerError(
	this: IExecuteFunctions,
	request: ProxyContext,
	answer: { status: number; data: unknown; headers?: IDataObject },
	itemIndex: number,
): NodeApiError {
	const said = providerMessage(answer.data);
	const message = `The ${request.toolkit} API answered HTTP ${answer.status}${said ? `: ${said}` : ''}`;
	const lines = [
		`Composio sent ${request.method} ${truncate(request.endpoint, 200)} with connected account ${request.connectedAccountId}; this is the provider’s answer, not Composio’s.`,
	];
	const retryAfter = readHeader(answer.headers, 'retry-after');
	if (answer.status === 429 && retryAfter) {
		lines.push(`The provider asked to wait ${retryAfter} s (Retry-After).`);
	}
	if (answer.status === 401 || answer.status === 403) {
		lines.push(
			'The provider refused the account’s credentials or scopes: the user may have to connect again, or the auth config needs more scopes.',
		);
	}
	lines.push('Turn on "Return Provider Errors as Data" to receive such answers as output items.');
	const body: IDataObject = isObject(answer.data)
		? answer.data
		: { data: answer.data as IDataObject[string] };
	return new NodeApiError(this.getNode(), body as JsonObject, {
		message,
		description: lines.join('\n'),
		httpCode: String(answer.status),
		itemIndex,
	});
}
