import type {
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { describeComposioError } from './errors';
import { networkCodeOf, networkError } from './network';
import type { RateLimitPacer } from './pacing';
import { pacerFor } from './pacing';
import type { SecretScanner } from './redact';
import { redactSecrets, secretScanner } from './redact';
import {
	DEFAULT_RETRY_POLICY,
	defaultRetryMode,
	retryDelayMs,
	serverRetryDelayMs,
	shouldRetry,
} from './retry';
import type { ComposioContext, ComposioRequest, ComposioResponse } from './types';
import { CREDENTIAL_TYPE } from './types';
import { API_PREFIX, normalizeBaseUrl, serializeQuery } from './url';

interface FullResponse {
	statusCode: number;
	statusMessage?: string;
	headers: IDataObject;
	body: unknown;
}

const DEFAULT_TIMEOUT_MS = 60000;
const MAX_PACING_TURNS = 10_000;
/** Rate-limit 429s (window spent) waited out beyond the retry policy's budget, per request. */
const MAX_RATE_LIMIT_WAITS = 20;

interface Connection {
	baseUrl: string;
	/** Values never to pass on from an answer (the API key), see `redactSecrets`. */
	secrets: string[];
	scanner: SecretScanner;
	/**
	 * The credential as read once for this execution context, handed to n8n with every request so it
	 * is not looked up and decrypted again per request (n8n still applies its `authenticate`).
	 */
	credentials?: ICredentialsDecrypted;
	pacer: RateLimitPacer;
}

/** One normalised base URL per execution context: credentials are decrypted once, not per item. */
const connectionCache = new WeakMap<object, Promise<Connection>>();

async function resolveConnection(this: ComposioContext, itemIndex?: number): Promise<Connection> {
	const cached = connectionCache.get(this);
	if (cached) return await cached;
	const pending = (async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const result = normalizeBaseUrl(credentials.baseUrl);
		if (!result.ok) {
			throw new NodeOperationError(this.getNode(), `Composio API credential: ${result.reason}`, {
				description:
					'Open the Composio API credential and set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).',
				itemIndex,
			});
		}
		const apiKey = credentials.apiKey;
		const secrets = typeof apiKey === 'string' ? [apiKey] : [];
		const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
		return {
			baseUrl: result.baseUrl,
			secrets,
			scanner: secretScanner(secrets),
			credentials: reference?.id
				? { id: reference.id, name: reference.name, type: CREDENTIAL_TYPE, data: credentials }
				: undefined,
			pacer: pacerFor(result.baseUrl, apiKey),
		};
	})();
	connectionCache.set(this, pending);
	pending.catch(() => connectionCache.delete(this));
	return await pending;
}

/**
 * The answer's body, parsed, with the API key redacted. n8n hands it over as text: the key is looked
 * for in that text in one pass and the deep walk runs only where it could be (see SecretScanner).
 * Text that is not JSON stays text (a malformed answer, or an error page of a proxy).
 */
function readBody(raw: unknown, scanner: SecretScanner): unknown {
	if (typeof raw !== 'string') return scanner.redact(raw);
	if (raw === '') return raw;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return scanner.redact(raw);
	}
	return scanner.mayHide(raw) ? scanner.redact(parsed) : parsed;
}

/**
 * The one place that talks to Composio: builds the v3.1 URL, comma-joins array parameters, sends through
 * n8n's authenticated request helper (the credential adds `x-api-key`), retries by the request's
 * idempotency, and turns every failure into a NodeApiError carrying Composio's message.
 */
export async function composioRequest<T = IDataObject>(
	this: ComposioContext,
	request: ComposioRequest,
): Promise<ComposioResponse<T>> {
	const connection = await resolveConnection.call(this, request.itemIndex);
	const { baseUrl, secrets, scanner, pacer } = connection;
	const mode = request.retry ?? defaultRetryMode(request.method);
	const policy = request.retryPolicy ?? DEFAULT_RETRY_POLICY;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${API_PREFIX}${request.path}`,
		qs: serializeQuery(request.qs),
		json: true,
		// The answer as text: read for the API key in one pass, then parsed here (see readBody).
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
	};
	if (request.body !== undefined) options.body = request.body;
	const credentialOptions = connection.credentials
		? { credentialsDecrypted: connection.credentials }
		: undefined;

	let rateLimitWaits = 0;
	for (let attempt = 0; ; attempt++) {
		let response: FullResponse;
		// Paced to Composio's rate limit (see pacing.ts): waits only when the window's budget runs low.
		const ticket = pacer.acquire(Date.now());
		// Bounded, so a clock that does not move (tests with an instant sleep) cannot hold a request.
		for (let wait = ticket.waitMs, turns = 1; wait > 0; turns++) {
			await sleep(wait);
			wait = pacer.ready(ticket, Date.now(), turns >= MAX_PACING_TURNS);
		}
		if (!ticket.left) pacer.ready(ticket, Date.now(), true);
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{ ...options },
				credentialOptions,
			)) as FullResponse;
		} catch (error) {
			pacer.settle(ticket, Date.now());
			const code = networkCodeOf(error);
			if (attempt < policy.maxRetries && shouldRetry(mode, { networkCode: code })) {
				await sleep(retryDelayMs(attempt, undefined, policy) ?? policy.baseDelayMs);
				continue;
			}
			if (code) throw networkError(this, request, baseUrl, code, attempt + 1);
			throw new NodeOperationError(
				this.getNode(),
				redactSecrets(
					`Request to Composio failed: ${(error as Error).message ?? 'unknown error'}`,
					secrets,
				),
				{ itemIndex: request.itemIndex },
			);
		}
		const paced = pacer.settle(ticket, Date.now(), response.statusCode, response.headers);

		// Nothing of an answer — data, error texts, headers — carries the API key on.
		response = {
			...response,
			headers: scanner.redactHeaders(response.headers ?? {}),
			body: readBody(response.body, scanner),
		};
		const { statusCode, headers = {} } = response;
		const ok = statusCode >= 200 && statusCode < 300;
		const accepted = request.acceptStatuses?.includes(statusCode) ?? false;
		const malformed = ok && (typeof response.body === 'string' || response.body === undefined);

		// Requests sent for this call, the waits for a spent rate-limit window included.
		const sent = attempt + 1 + rateLimitWaits;
		if ((ok && !malformed) || accepted) {
			return { statusCode, headers, body: response.body as T, attempts: sent };
		}

		if (
			statusCode === 429 &&
			paced?.remaining === 0 &&
			rateLimitWaits < MAX_RATE_LIMIT_WAITS &&
			retryDelayMs(0, headers, policy) !== undefined
		) {
			// Refused by the shared rate limit (the window's count is spent, by another process too):
			// nothing ran, and the pacer holds the retry until the window ends, so this wait does not
			// use up the retry budget — bounded, for a limit that never frees up.
			rateLimitWaits++;
			attempt--;
			continue;
		}

		if (attempt < policy.maxRetries && shouldRetry(mode, { status: statusCode, malformed })) {
			const delay = retryDelayMs(attempt, headers, policy);
			if (delay !== undefined) {
				// A 429 of Composio's rate limit is retried by the pacer when the window ends, which is
				// never later than its Retry-After; any other retry waits here.
				if (!(statusCode === 429 && paced)) await sleep(delay);
				continue;
			}
		}

		if (malformed) {
			throw new NodeApiError(this.getNode(), { message: 'malformed response' } as JsonObject, {
				message: `Composio answered ${request.method} ${API_PREFIX}${request.path} with a body that is not JSON`,
				description:
					mode === 'rateLimitOnly'
						? 'The request may have run on Composio’s side; it was not repeated.'
						: `Tried ${attempt + 1} times. Check the Base URL in the Composio API credential.`,
				httpCode: String(statusCode),
				itemIndex: request.itemIndex,
			});
		}

		const details = describeComposioError(
			statusCode,
			response.body,
			headers,
			statusCode === 429
				? {
						attempts: sent,
						retryAfterMs: serverRetryDelayMs(headers),
						maxRetryAfterMs: policy.maxRetryAfterMs,
					}
				: undefined,
		);
		const error = new NodeApiError(this.getNode(), details.body as JsonObject, {
			message: details.message,
			description: details.description,
			httpCode: details.httpCode,
			itemIndex: request.itemIndex,
		});
		// Kept for callers that branch on Composio's code (e.g. "already deleted" handling).
		error.context.composio = {
			status: statusCode,
			code: details.code ?? null,
			slug: details.slug ?? null,
			requestId: details.requestId ?? null,
			attempts: sent,
		};
		throw error;
	}
}

/** `composioRequest` for callers that want only the parsed body. */
export async function composioApiRequest<T = IDataObject>(
	this: ComposioContext,
	request: ComposioRequest,
): Promise<T> {
	return (
		await composioRequest.call<ComposioContext, [ComposioRequest], Promise<ComposioResponse<T>>>(
			this,
			request,
		)
	).body;
}
