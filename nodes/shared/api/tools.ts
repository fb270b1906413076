import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ComposioContext, ComposioRequest, ComposioResponse } from '../transport';
import type { Page, Tool } from './types';
import { composioApiRequest, composioRequest } from '../transport';

/** Composio's tools: one tool, the tool list, running a tool, and the proxy (below the API prefix). */
const TOOLS_PATH = '/tools';
const PROXY_PATH = `${TOOLS_PATH}/execute/proxy`;

/** What `POST /tools/execute/{slug}` answers. */
export interface ToolExecution {
	data?: unknown;
	error?: string | null;
	successful?: boolean;
	log_id?: string;
}

/** A binary answer of the proxy: stored by Composio, fetched from a signed URL. */
export interface ProxyBinaryData {
	url: string;
	content_type?: string;
	size?: number;
	expires_at?: string;
}

/** What `POST /tools/execute/proxy` answers: the provider's status, body and headers. */
export interface ProxyAnswer {
	status?: unknown;
	data?: unknown;
	headers?: IDataObject;
	binary_data?: ProxyBinaryData | null;
}

/**
 * One tool (`GET /tools/{slug}`), optionally at a toolkit version; `version` omitted means the API's
 * default (`latest` on v3.1). Undefined when Composio has no such tool (404).
 */
export async function getTool(
	this: ComposioContext,
	slug: string,
	version?: string,
	itemIndex?: number,
): Promise<Tool | undefined> {
	const path = `${TOOLS_PATH}/${encodeURIComponent(slug)}`;
	const response = await composioRequest.call<
		ComposioContext,
		[ComposioRequest],
		Promise<ComposioResponse<Tool | undefined>>
	>(this, {
		method: 'GET',
		path,
		qs: version ? { version } : undefined,
		acceptStatuses: [404],
		itemIndex,
	});
	if (response.statusCode === 404) return undefined;
	const tool = response.body;
	if (!tool || typeof tool.slug !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`Composio answered GET ${TOOLS_PATH}/${slug} without a tool`,
			{ itemIndex, description: 'Check the Base URL in the Composio API credential.' },
		);
	}
	return tool;
}

/** One page of tools (`GET /tools`), e.g. by text (`query`) or toolkit (`toolkit_slug`). */
export async function listTools(this: ComposioContext, qs: IDataObject): Promise<Page<Tool>> {
	return await composioApiRequest.call<ComposioContext, [ComposioRequest], Promise<Page<Tool>>>(
		this,
		{
			method: 'GET',
			path: TOOLS_PATH,
			qs,
		},
	);
}

interface ExecutionRequest {
	timeoutMs: number;
	itemIndex: number;
}

/** A POST that runs something (a tool, a proxied request), with the caller's timeout. */
async function postExecution<T>(
	this: ComposioContext,
	path: string,
	body: IDataObject,
	request: ExecutionRequest,
): Promise<T> {
	return await composioApiRequest.call<ComposioContext, [ComposioRequest], Promise<T>>(this, {
		method: 'POST',
		path,
		body,
		timeout: request.timeoutMs,
		itemIndex: request.itemIndex,
	});
}

/**
 * Runs a tool (`POST /tools/execute/{slug}`). Not idempotent: the transport repeats it only after a
 * 429 (refused before anything ran).
 */
export async function executeTool(
	this: ComposioContext,
	slug: string,
	body: IDataObject,
	request: ExecutionRequest,
): Promise<ToolExecution> {
	const path = `${TOOLS_PATH}/execute/${encodeURIComponent(slug)}`;
	return await postExecution.call<
		ComposioContext,
		[string, IDataObject, ExecutionRequest],
		Promise<ToolExecution>
	>(this, path, body, request);
}

/**
 * Sends a request to a provider's API as a connected account (`POST /tools/execute/proxy`). A
 * proxied request may change data at the provider, so a lost answer is never sent again (the
 * transport repeats it only after a 429).
 */
export async function proxyExecute(
	this: ComposioContext,
	payload: IDataObject,
	request: ExecutionRequest,
): Promise<ProxyAnswer> {
	return await postExecution.call<
		ComposioContext,
		[string, IDataObject, ExecutionRequest],
		Promise<ProxyAnswer>
	>(this, PROXY_PATH, payload, request);
}
