import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { ComposioContext } from '../transport';
import {
	API_PREFIX,
	DEFAULT_RETRY_POLICY,
	composioRequest,
	normalizeBaseUrl,
	redactSecrets,
} from '../transport';

const TEST_PATH = '/auth_configs';

/** The Test button should answer in seconds: no retries, and a shorter wait than a node's 60 s. */
const TEST_TIMEOUT_MS = 20000;

const SET_BASE_URL =
	'Set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).';

/**
 * What a network error code means, in the words a person setting up a credential needs (a timeout's
 * message already says "did not answer in time").
 */
const NETWORK_CODE_MEANINGS: Record<string, string> = {
	ECONNREFUSED: 'nothing accepts connections at that host and port',
	ENOTFOUND: 'that host name does not exist (DNS lookup failed)',
	EAI_AGAIN: 'the host name could not be looked up right now (DNS)',
	EHOSTUNREACH: 'that host cannot be reached from n8n',
	ENETUNREACH: 'that network cannot be reached from n8n',
	ECONNRESET: 'the server closed the connection',
	EPIPE: 'the server closed the connection',
	EPROTO: 'the TLS handshake failed (an https:// URL for a server that speaks plain http?)',
};

/** Extra words for statuses whose cause, during a credential test, is almost always the Base URL. */
const STATUS_ADVICE: Record<string, string> = {
	'404': `GET ${API_PREFIX}${TEST_PATH} does not exist there, so the Base URL does not lead to the Composio API. ${SET_BASE_URL}`,
	'405': `GET ${API_PREFIX}${TEST_PATH} is not allowed there, so the Base URL does not lead to the Composio API. ${SET_BASE_URL}`,
};

const TEST_NODE: INode = {
	id: 'composio-credential-test',
	name: 'Composio API credential test',
	type: 'n8n-nodes-composio.credentialTest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

interface LegacyRequestOptions {
	method: string;
	uri: string;
	qs?: IDataObject;
	body?: unknown;
	headers: IDataObject;
	json: boolean;
	timeout?: number;
	resolveWithFullResponse: true;
	simple: false;
}

type LegacyRequest = (options: LegacyRequestOptions) => Promise<unknown>;

/** What the last answer looked like, for a test message the transport has no words for. */
interface LastAnswer {
	statusCode?: number;
	contentType?: string;
	notJson?: boolean;
}

/**
 * The transport's context, built from what a credential test has: the decrypted credential and the
 * test context's request helper. The API key goes in the x-api-key header, as the credential's
 * `authenticate` puts it for the nodes.
 */
function transportContext(
	data: ICredentialDataDecryptedObject,
	request: LegacyRequest,
	last: LastAnswer,
): ComposioContext {
	const context = {
		getNode: () => TEST_NODE,
		getCredentials: async () => data,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const response = (await request({
					method: options.method ?? 'GET',
					uri: options.url,
					qs: options.qs,
					body: options.body,
					headers: { ...(options.headers ?? {}), 'x-api-key': data.apiKey },
					json: true,
					timeout: options.timeout,
					// Every answer comes back (a 401 too), so the transport reads Composio's error envelope.
					resolveWithFullResponse: true,
					simple: false,
				})) as { statusCode?: number; headers?: IDataObject; body?: unknown };
				const contentType = response?.headers?.['content-type'];
				last.statusCode = response?.statusCode;
				last.contentType = typeof contentType === 'string' ? contentType.split(';')[0] : undefined;
				last.notJson = typeof response?.body === 'string' || response?.body === undefined;
				return response;
			},
		},
	};
	return context as unknown as ComposioContext;
}

/** A failure's message and description as one line-broken text for the credential dialog. */
function describeFailure(error: unknown, apiKey: string): string {
	const e = error as { message?: unknown; description?: unknown; httpCode?: unknown };
	// What came from the server may quote the key; the advice written here never does.
	const secrets = apiKey ? [apiKey] : [];
	const message = redactSecrets(String(e.message ?? 'The test request failed'), secrets);
	const httpCode = typeof e.httpCode === 'string' ? e.httpCode : '';
	const meaning = NETWORK_CODE_MEANINGS[httpCode];
	const lines = [meaning ? `${message}: ${meaning}.` : message];
	if (STATUS_ADVICE[httpCode]) lines.push(STATUS_ADVICE[httpCode]);
	if (typeof e.description === 'string' && e.description.trim() !== '') {
		for (const line of redactSecrets(e.description, secrets).split('\n')) {
			// The node's words about a request that "did not run" matter for a tool call, not for a test.
			const trimmed = line.replace(
				/^The connection was not made, so the request was not sent and did not run on Composio’s side\. /,
				'',
			);
			if (trimmed && !lines.includes(trimmed)) lines.push(trimmed);
		}
	}
	return lines.join('\n');
}

/**
 * The credential's Test button (the nodes name it in `testedBy`): one GET of `/api/v3.1/auth_configs`
 * through the nodes' transport, so a wrong Base URL, an unreachable server, a rejected key or a server
 * that is not Composio gets the same words a node run would get, not a bare code like ECONNREFUSED.
 */
export async function composioApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = typeof data.apiKey === 'string' ? data.apiKey : '';
	const baseUrl = normalizeBaseUrl(data.baseUrl);
	if (!baseUrl.ok) {
		const raw = typeof data.baseUrl === 'string' ? data.baseUrl.trim() : '';
		// A value that is not a URL may well be a secret in the wrong field: never repeat it.
		const looksLikeToken = raw !== '' && !/[.:/]/.test(raw) && raw.length >= 16;
		const reason =
			looksLikeToken && !/^ak_/.test(raw)
				? 'The Base URL looks like a key or token, not a URL: the API Key and Base URL fields may be swapped'
				: redactSecrets(baseUrl.reason, apiKey ? [apiKey] : []);
		return { status: 'Error', message: `${reason}.\n${SET_BASE_URL}` };
	}
	// The test context has only the request helper (no httpRequest); it is the one n8n gives credential tests.
	const { request } = this.helpers;
	const last: LastAnswer = {};
	const context = transportContext(data, request as LegacyRequest, last);
	const answered = `${baseUrl.baseUrl} answered GET ${API_PREFIX}${TEST_PATH}`;
	try {
		const { body } = await composioRequest.call<
			ComposioContext,
			Parameters<typeof composioRequest>,
			ReturnType<typeof composioRequest<IDataObject>>
		>(context, {
			method: 'GET',
			path: TEST_PATH,
			qs: { limit: 1 },
			timeout: TEST_TIMEOUT_MS,
			retryPolicy: { ...DEFAULT_RETRY_POLICY, maxRetries: 0 },
		});
		if (!Array.isArray(body?.items)) {
			return {
				status: 'Error',
				message: `${answered}, but not like the Composio API (no "items" list in the reply).\n${SET_BASE_URL}`,
			};
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		const status = last.statusCode ?? 0;
		if (status >= 200 && status < 300 && last.notJson) {
			// A web page (a dashboard, a proxy's landing page) where the API should be.
			return {
				status: 'Error',
				message: `${answered} with HTTP ${status} and ${last.contentType ? `a ${last.contentType} page` : 'a body'} that is not JSON, so it is not the Composio API.\n${SET_BASE_URL}`,
			};
		}
		return { status: 'Error', message: describeFailure(error, apiKey) };
	}
}

/** `methods.credentialTest` of every node that uses the Composio API credential. */
export const credentialTest = { composioApiTest };
