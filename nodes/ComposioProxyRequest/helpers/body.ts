import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, requireString } from '../../shared/validation';
import { describeValue } from '../../shared/values';
import type { ProxyMethod } from './constants';
import { MAX_BINARY_BODY_BYTES } from './constants';
import type { Pair } from './pairs';
import { scalarText } from './pairs';
import type { ProxyParameter } from './request';

export interface BinaryBody {
	base64: string;
	content_type?: string;
}

export interface RequestBody {
	body?: unknown;
	binaryBody?: BinaryBody;
	/** Headers the body needs (the content type of form fields). */
	headers: ProxyParameter[];
	/** What was sent, for the output: `json`, `form-urlencoded` or the binary property's name. */
	kind?: string;
}

function readBinaryBody(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<{ binaryBody: BinaryBody; property: string }> {
	const node = this.getNode();
	const property = requireString(
		node,
		'Input Binary Field',
		this.getNodeParameter('inputDataFieldName', itemIndex, 'data'),
		itemIndex,
		{ maxLength: 256 },
	);
	const binaries = this.getInputData()[itemIndex]?.binary ?? {};
	const data = binaries[property];
	if (!data) {
		const available = Object.keys(binaries);
		throw inputError(
			node,
			'Input Binary Field',
			`the input item has no binary property "${property}"`,
			itemIndex,
			available.length
				? `Its binary properties: ${available.join(', ')}.`
				: 'The item carries no binary data: read the file first (e.g. with Read/Write Files from Disk or HTTP Request).',
		);
	}
	return (async () => {
		const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (buffer.length > MAX_BINARY_BODY_BYTES) {
			throw inputError(
				node,
				'Input Binary Field',
				`"${property}" is ${buffer.length} bytes; Composio accepts at most 4 MB (${MAX_BINARY_BODY_BYTES} bytes) inline`,
				itemIndex,
				'Upload larger files to the provider another way (e.g. a resumable upload endpoint).',
			);
		}
		const binaryBody: BinaryBody = { base64: buffer.toString('base64') };
		if (data.mimeType) binaryBody.content_type = data.mimeType;
		return { binaryBody, property };
	})();
}

/** The request body: JSON (fields or text), form fields (URL-encoded) or a binary property. */
export async function readBody(
	this: IExecuteFunctions,
	itemIndex: number,
	method: ProxyMethod,
): Promise<RequestBody> {
	if (this.getNodeParameter('sendBody', itemIndex, false) !== true) return { headers: [] };
	const node = this.getNode();
	if (method === 'GET' || method === 'HEAD') {
		throw inputError(
			node,
			'Send Body',
			`a ${method} request carries no body`,
			itemIndex,
			'Choose POST, PUT, PATCH or DELETE, or pass the values as query parameters.',
		);
	}
	const contentType = this.getNodeParameter('contentType', itemIndex, 'json') as string;
	if (contentType === 'binaryData') {
		const { binaryBody, property } = await readBinaryBody.call(this, itemIndex);
		return { binaryBody, headers: [], kind: `binary:${property}` };
	}
	if (contentType === 'form-urlencoded') {
		const rows = (this.getNodeParameter('bodyParameters.parameters', itemIndex, []) ??
			[]) as Pair[];
		const form = new URLSearchParams();
		rows.forEach((row, index) => {
			const field = `Body Parameters (row ${index + 1})`;
			form.append(
				requireString(node, `${field} → Name`, row.name, itemIndex),
				scalarText.call(this, `${field} → Value`, row.value ?? '', itemIndex),
			);
		});
		return {
			body: form.toString(),
			headers: [
				{ name: 'Content-Type', type: 'header', value: 'application/x-www-form-urlencoded' },
			],
			kind: 'form-urlencoded',
		};
	}
	if (contentType !== 'json') {
		throw inputError(node, 'Body Content Type', `unknown choice "${contentType}"`, itemIndex);
	}
	const specify = this.getNodeParameter('specifyBody', itemIndex, 'keypair') as string;
	if (specify === 'json') {
		const raw = this.getNodeParameter('jsonBody', itemIndex, '');
		let body: unknown = raw;
		if (typeof raw === 'string') {
			if (raw.trim() === '') {
				throw inputError(
					node,
					'Body (JSON)',
					'is empty',
					itemIndex,
					'Give the JSON to send, e.g. {"title": "Hello"}, or turn off Send Body.',
				);
			}
			try {
				body = JSON.parse(raw);
			} catch (error) {
				throw inputError(
					node,
					'Body (JSON)',
					`is not valid JSON (${(error as Error).message})`,
					itemIndex,
					'Give valid JSON, e.g. {"title": "Hello"}; in an expression use {{ JSON.stringify(…) }}.',
				);
			}
		}
		if (body === undefined || body === null) {
			throw inputError(
				node,
				'Body (JSON)',
				`expected JSON but got ${describeValue(body)}`,
				itemIndex,
			);
		}
		return { body, headers: [], kind: 'json' };
	}
	if (specify !== 'keypair') {
		throw inputError(node, 'Specify Body', `unknown choice "${specify}"`, itemIndex);
	}
	const rows = (this.getNodeParameter('bodyParameters.parameters', itemIndex, []) ?? []) as Pair[];
	const body: IDataObject = {};
	rows.forEach((row, index) => {
		const field = `Body Parameters (row ${index + 1})`;
		const name = requireString(node, `${field} → Name`, row.name, itemIndex);
		body[name] = (row.value ?? '') as IDataObject[string];
	});
	return { body, headers: [], kind: 'json' };
}
