import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { truncate } from '../../shared/transport/url';
import { inputError, requireString } from '../../shared/validation';
import { describeValue } from '../../shared/values';
import type { ProxyMethod } from './constants';
import { MAX_BINARY_BODY_BYTES, PROXY_METHODS } from './constants';

export interface ProxyParameter {
	name: string;
	type: 'header' | 'query';
	value: string;
}

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

/** RFC 9110 token characters: what a header name may consist of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function hasSpaceOrControl(text: string): boolean {
	for (const char of text) {
		const code = char.charCodeAt(0);
		if (code <= 0x20 || code === 0x7f || /\s/.test(char)) return true;
	}
	return false;
}

export function readMethod(this: IExecuteFunctions, itemIndex: number): ProxyMethod {
	const raw = this.getNodeParameter('method', itemIndex, 'GET');
	const method = typeof raw === 'string' ? raw.trim().toUpperCase() : raw;
	if (typeof method !== 'string' || !(PROXY_METHODS as readonly string[]).includes(method)) {
		throw inputError(
			this.getNode(),
			'Method',
			`${describeValue(raw)} is not a method Composio’s proxy accepts`,
			itemIndex,
			`Use one of ${PROXY_METHODS.join(', ')}.`,
		);
	}
	return method as ProxyMethod;
}

/**
 * The endpoint: a path relative to the account's base URL (a missing leading "/" is added) or an
 * absolute http(s) URL, which Composio accepts only on the account's registrable domain.
 */
export function readEndpoint(this: IExecuteFunctions, itemIndex: number): string {
	const node = this.getNode();
	const hint =
		'A path relative to the toolkit’s API base URL, e.g. /gmail/v1/users/me/profile, or an absolute https URL on the same domain.';
	const endpoint = requireString(
		node,
		'Endpoint',
		this.getNodeParameter('endpoint', itemIndex, ''),
		itemIndex,
		{ maxLength: 4096, hint },
	);
	if (hasSpaceOrControl(endpoint)) {
		throw inputError(
			node,
			'Endpoint',
			`"${truncate(endpoint, 80)}" contains spaces or control characters`,
			itemIndex,
			'Encode them (e.g. %20), or pass values as query parameters.',
		);
	}
	if (SCHEME.test(endpoint)) {
		let url: URL | undefined;
		try {
			url = new URL(endpoint);
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
			throw inputError(
				node,
				'Endpoint',
				`"${truncate(endpoint, 80)}" is not an http(s) URL or a path`,
				itemIndex,
				hint,
			);
		}
		return endpoint;
	}
	if (endpoint.startsWith('//')) {
		throw inputError(
			node,
			'Endpoint',
			`"${truncate(endpoint, 80)}" has no scheme`,
			itemIndex,
			'Write the full URL (https://…) or a path starting with a single "/".',
		);
	}
	return endpoint.startsWith('/') ? endpoint : `/${endpoint}`;
}

/** A parameter value as text: strings, numbers and booleans; anything else names the field. */
function scalarText(
	ctx: IExecuteFunctions,
	field: string,
	value: unknown,
	itemIndex: number,
): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	throw inputError(
		ctx.getNode(),
		field,
		`expected text, a number or true/false but got ${describeValue(value)}`,
		itemIndex,
	);
}

function parseJsonObject(
	ctx: IExecuteFunctions,
	field: string,
	raw: unknown,
	itemIndex: number,
	example: string,
): IDataObject {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw inputError(
				ctx.getNode(),
				field,
				`is not valid JSON (${(error as Error).message})`,
				itemIndex,
				`Give a JSON object, for example ${example}.`,
			);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(
			ctx.getNode(),
			field,
			`expected a JSON object but got ${describeValue(parsed)}`,
			itemIndex,
			`For example ${example}.`,
		);
	}
	return parsed as IDataObject;
}

interface Pair {
	name?: unknown;
	value?: unknown;
}

/** Name/value rows (or a JSON object) as a list; a JSON list value repeats the parameter. */
function readPairs(
	ctx: IExecuteFunctions,
	itemIndex: number,
	which: { label: string; specify: string; rows: string; json: string; example: string },
	allowLists: boolean,
): Array<{ name: string; value: string; field: string }> {
	const mode = ctx.getNodeParameter(which.specify, itemIndex, 'keypair') as string;
	const out: Array<{ name: string; value: string; field: string }> = [];
	if (mode === 'json') {
		const field = `${which.label} (JSON)`;
		const object = parseJsonObject(
			ctx,
			field,
			ctx.getNodeParameter(which.json, itemIndex, '{}'),
			itemIndex,
			which.example,
		);
		for (const [name, value] of Object.entries(object)) {
			const entryField = `${field} → ${name}`;
			const values = allowLists && Array.isArray(value) ? value : [value];
			for (const v of values)
				out.push({ name, value: scalarText(ctx, entryField, v, itemIndex), field: entryField });
		}
		return out;
	}
	if (mode !== 'keypair') {
		throw inputError(ctx.getNode(), which.label, `unknown choice "${String(mode)}"`, itemIndex);
	}
	const rows = (ctx.getNodeParameter(`${which.rows}.parameters`, itemIndex, []) ?? []) as Pair[];
	rows.forEach((row, index) => {
		const field = `${which.label} (row ${index + 1})`;
		const name = requireString(ctx.getNode(), `${field} → Name`, row.name, itemIndex, {
			maxLength: 256,
		});
		out.push({
			name,
			value: scalarText(ctx, `${field} → Value`, row.value ?? '', itemIndex),
			field,
		});
	});
	return out;
}

export function readQuery(this: IExecuteFunctions, itemIndex: number): ProxyParameter[] {
	if (this.getNodeParameter('sendQuery', itemIndex, false) !== true) return [];
	return readPairs(
		this,
		itemIndex,
		{
			label: 'Query Parameters',
			specify: 'specifyQuery',
			rows: 'queryParameters',
			json: 'jsonQuery',
			example: '{"maxResults": 10, "q": "is:unread"}',
		},
		true,
	).map(({ name, value }) => ({ name, type: 'query', value }));
}

export function readHeaders(this: IExecuteFunctions, itemIndex: number): ProxyParameter[] {
	if (this.getNodeParameter('sendHeaders', itemIndex, false) !== true) return [];
	const pairs = readPairs(
		this,
		itemIndex,
		{
			label: 'Headers',
			specify: 'specifyHeaders',
			rows: 'headerParameters',
			json: 'jsonHeaders',
			example: '{"Accept": "application/vnd.github+json"}',
		},
		false,
	);
	return pairs.map(({ name, value, field }) => {
		if (!HEADER_NAME.test(name)) {
			throw inputError(
				this.getNode(),
				field,
				`"${truncate(name, 60)}" is not a valid header name`,
				itemIndex,
				'Header names are letters, digits and - (e.g. X-Request-Id).',
			);
		}
		if (/[\r\n\0]/.test(value)) {
			throw inputError(
				this.getNode(),
				field,
				`the value of ${name} contains a line break`,
				itemIndex,
				'Header values are one line.',
			);
		}
		return { name, type: 'header', value };
	});
}

function readBinaryBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<{ binaryBody: BinaryBody; property: string }> {
	const node = ctx.getNode();
	const property = requireString(
		node,
		'Input Binary Field',
		ctx.getNodeParameter('inputDataFieldName', itemIndex, 'data'),
		itemIndex,
		{ maxLength: 256 },
	);
	const binaries = ctx.getInputData()[itemIndex]?.binary ?? {};
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
		const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
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
		const { binaryBody, property } = await readBinaryBody(this, itemIndex);
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
				scalarText(this, `${field} → Value`, row.value ?? '', itemIndex),
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
