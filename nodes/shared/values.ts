import type { IDataObject } from 'n8n-workflow';

import { truncate } from './transport/url';

/** A plain JSON object (not null, not a list). */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a value is an Error (of any subclass), also one made in another JavaScript realm, where
 * `instanceof Error` is false: the check Node's own `util.types.isNativeError` makes.
 */
export function isError(value: unknown): value is Error {
	return Object.prototype.toString.call(value) === '[object Error]';
}

/** A header or field value as text: a non-blank string or a number, otherwise undefined. */
export function nonBlankText(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

/**
 * One HTTP header, whatever its case (`Retry-After`, `retry-after`); the first value of a repeated
 * header. Undefined when absent, blank or not text.
 */
export function readHeader(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
	if (key === undefined) return undefined;
	const value = headers[key];
	return nonBlankText(Array.isArray(value) ? value[0] : value);
}

/** How a wrong value reads in a message: `nothing`, `null`, `a list (…)`, `an object (…)`, `"text"`. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return `a list (${truncate(JSON.stringify(value), 60)})`;
	if (typeof value === 'object') return `an object (${truncate(JSON.stringify(value), 60)})`;
	return `"${truncate(String(value), 60)}"`;
}
