import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

import { API_PREFIX } from '../../nodes/shared/transport/url';

/** An answer n8n's request helper hands the transport (the body as n8n gives it). */
export interface ScriptedReply {
	statusCode: number;
	body?: unknown;
	headers?: IDataObject;
}

/**
 * Just what the transport uses from an n8n context — the node, the credential and the authenticated
 * request helper — with the answers scripted in order (an Error is thrown as the helper would).
 * `calls` records every request the transport sent.
 */
export function scriptedContext(
	replies: Array<ScriptedReply | Error>,
	credential: { apiKey?: string; baseUrl?: string } = {},
) {
	const { apiKey = 'ak_secret_key_value', baseUrl = 'https://backend.composio.dev/' } = credential;
	const calls: IHttpRequestOptions[] = [];
	const node: INode = {
		id: '1',
		name: 'Composio',
		type: 'n8n-nodes-composio.composioConnectedAccount',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey, baseUrl }),
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				expect(type).toBe('composioApi');
				calls.push(options);
				const reply = replies.shift();
				if (!reply) throw new Error('no scripted reply left');
				if (reply instanceof Error) throw reply;
				return { headers: {}, statusMessage: '', ...reply };
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

/** A request as the transport sent it: the path is the API's (after `/api/v3.1`), the query as sent. */
export interface SentRequest {
	method: string;
	path: string;
	qs: IDataObject;
	body?: unknown;
}

/**
 * Like scriptedContext, but every answer is chosen by `route` from the request itself (for code that
 * sends several requests in an order it decides). Spread `transport` into a context that needs more
 * of n8n; `sent` records every request.
 */
export function routedTransport(route: (request: SentRequest) => ScriptedReply, node: INode) {
	const sent: SentRequest[] = [];
	const transport = {
		getNode: () => node,
		getCredentials: async () => ({
			apiKey: 'ak_secret_key_value',
			baseUrl: 'https://backend.composio.dev',
		}),
		helpers: {
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				expect(type).toBe('composioApi');
				const request: SentRequest = {
					method: String(options.method),
					path: new URL(String(options.url)).pathname.slice(API_PREFIX.length),
					qs: (options.qs ?? {}) as IDataObject,
					body: options.body,
				};
				sent.push(request);
				return { headers: {}, statusMessage: '', ...route(request) };
			},
		},
	};
	return { transport, sent };
}
