import type { IExecuteFunctions } from 'n8n-workflow';

import { truncate } from '../../shared/transport/url';
import { inputError, requireString } from '../../shared/validation';
import { describeValue } from '../../shared/values';
import type { ProxyMethod } from './constants';
import { PROXY_METHODS } from './constants';
import { readPairs } from './pairs';

export interface ProxyParameter {
	name: string;
	type: 'header' | 'query';
	value: string;
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

export function readQuery(this: IExecuteFunctions, itemIndex: number): ProxyParameter[] {
	if (this.getNodeParameter('sendQuery', itemIndex, false) !== true) return [];
	return readPairs
		.call(
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
		)
		.map(({ name, value }) => ({ name, type: 'query', value }));
}

export function readHeaders(this: IExecuteFunctions, itemIndex: number): ProxyParameter[] {
	if (this.getNodeParameter('sendHeaders', itemIndex, false) !== true) return [];
	const pairs = readPairs.call(
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
