import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProxyBinaryData } from '../../shared/api/tools';
import { truncate } from '../../shared/transport/url';

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** `report.pdf` from the endpoint's last path segment, else `data` with an extension for the type. */
function fileNameFor(endpoint: string, contentType: string): string {
	let last = '';
	try {
		last =
			decodeURIComponent(new URL(endpoint, 'https://placeholder.invalid').pathname)
				.split('/')
				.filter(Boolean)
				.pop() ?? '';
	} catch {
		last = '';
	}
	if (/^[\w.-]+\.[A-Za-z0-9]{1,8}$/.test(last)) return last;
	const extension = contentType
		.split(';')[0]
		.split('/')[1]
		?.replace(/[^A-Za-z0-9]/g, '');
	return extension ? `data.${extension}` : 'data';
}

/**
 * Downloads a binary answer from the signed URL Composio returned (API changelog 2025-12-30: the
 * proxy stores binary answers in temporary storage). The URL is signed, so it is fetched with
 * n8n's plain request helper: the Composio API key must never travel to a storage host.
 */
export async function downloadBinaryAnswer(
	this: IExecuteFunctions,
	answer: ProxyBinaryData,
	endpoint: string,
	timeoutMs: number,
	itemIndex: number,
): Promise<IBinaryData> {
	const node = this.getNode();
	if (typeof answer.url !== 'string' || !/^https?:\/\//i.test(answer.url)) {
		throw new NodeOperationError(node, 'Composio returned a binary answer without a download URL', {
			itemIndex,
		});
	}
	const where = new URL(answer.url).host;
	let response: FullResponse;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url: answer.url,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
		})) as FullResponse;
	} catch (error) {
		throw new NodeOperationError(
			node,
			`Could not download the provider’s binary answer from ${where}`,
			{
				itemIndex,
				description: `${truncate((error as Error).message ?? 'unknown error', 200)}. The request already ran at the provider; run it again to get a new download URL.`,
			},
		);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw new NodeOperationError(
			node,
			`Could not download the provider’s binary answer from ${where} (HTTP ${response.statusCode})`,
			{
				itemIndex,
				description: answer.expires_at
					? `The download URL was valid until ${answer.expires_at}. The request already ran at the provider; run it again to get a new URL.`
					: 'The request already ran at the provider; run it again to get a new URL.',
			},
		);
	}
	const body = response.body;
	const buffer = Buffer.isBuffer(body)
		? body
		: body instanceof ArrayBuffer
			? Buffer.from(body)
			: Buffer.from(String(body ?? ''));
	const contentType = answer.content_type || 'application/octet-stream';
	return await this.helpers.prepareBinaryData(
		buffer,
		fileNameFor(endpoint, contentType),
		contentType.split(';')[0].trim(),
	);
}
