import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { truncate } from './transport/url';
import { describeValue } from './values';

/** Composio nano-ids: a prefix (`ca_`, `ac_`, `ti_`, …) and URL-safe characters. */
const ID_PATTERNS: Record<string, RegExp> = {
	ca: /^ca_[A-Za-z0-9_-]{4,64}$/,
	ac: /^ac_[A-Za-z0-9_-]{4,64}$/,
};

const ID_NAMES: Record<string, string> = {
	ca: 'connected account ID',
	ac: 'auth config ID',
};

/** "A connected account ID", "An auth config ID". */
const ID_NAMES_WITH_ARTICLE: Record<string, string> = {
	ca: 'A connected account ID',
	ac: 'An auth config ID',
};

export function inputError(
	node: INode,
	field: string,
	problem: string,
	itemIndex: number,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: hint,
	});
}

/** A required single string (e.g. a user ID): trimmed, non-empty, not an object or list from an expression. */
export function requireString(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
	options: { maxLength?: number; hint?: string } = {},
): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		throw inputError(
			node,
			field,
			`expected text but got ${describeValue(value)}`,
			itemIndex,
			options.hint,
		);
	}
	const trimmed = value.trim();
	if (trimmed === '') throw inputError(node, field, 'is empty', itemIndex, options.hint);
	const max = options.maxLength ?? 256;
	if (trimmed.length > max) {
		throw inputError(
			node,
			field,
			`is ${trimmed.length} characters long; at most ${max} are allowed`,
			itemIndex,
			options.hint,
		);
	}
	return trimmed;
}

/** A Composio ID of the given kind (`ca`, `ac`), checked before any request is made. */
export function requireId(
	node: INode,
	field: string,
	value: unknown,
	kind: 'ca' | 'ac',
	itemIndex: number,
): string {
	const id = requireString(node, field, value, itemIndex, { maxLength: 80 });
	if (!ID_PATTERNS[kind].test(id)) {
		throw inputError(
			node,
			field,
			`"${truncate(id, 60)}" is not a valid ${ID_NAMES[kind]}`,
			itemIndex,
			`${ID_NAMES_WITH_ARTICLE[kind]} looks like ${kind}_ followed by letters, digits, "-" or "_" (for example ${kind}_5KdA-e2C4ZMd).`,
		);
	}
	return id;
}

/**
 * A list given as comma-separated text or, from an expression, as an array of strings.
 * Empty entries are dropped; duplicates removed keeping order.
 */
export function parseList(node: INode, field: string, value: unknown, itemIndex: number): string[] {
	if (value === undefined || value === null || value === '') return [];
	let parts: unknown[];
	if (Array.isArray(value)) parts = value;
	else if (typeof value === 'string') parts = value.split(',');
	else if (typeof value === 'number') parts = [String(value)];
	else {
		throw inputError(
			node,
			field,
			`expected comma-separated text or a list of strings but got ${describeValue(value)}`,
			itemIndex,
		);
	}
	const out: string[] = [];
	for (const part of parts) {
		if (typeof part === 'number') {
			out.push(String(part));
			continue;
		}
		if (typeof part !== 'string') {
			throw inputError(
				node,
				field,
				`every entry must be text, got ${describeValue(part)}`,
				itemIndex,
			);
		}
		const trimmed = part.trim();
		if (trimmed !== '' && !out.includes(trimmed)) out.push(trimmed);
	}
	return out;
}

/**
 * A filter field that was set (a fixed value or an expression): it must resolve to at least one entry.
 * Nothing, null, blank text, separators only (`","`, `" , "`), an empty list or a list of blanks is an
 * error naming the field and what it got — never "no filter", which would select every account.
 */
export function requireFilterList(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
): string[] {
	const list = parseList(node, field, value, itemIndex);
	if (list.length === 0) {
		throw inputError(
			node,
			field,
			`is set but resolves to no value (got ${describeValue(value)})`,
			itemIndex,
			'An empty filter is refused rather than ignored, so it can never select every account. Give it a value for this item, or remove the filter.',
		);
	}
	return list;
}

/**
 * A boolean parameter that an expression can fill. `true`/`false` and the texts "true"/"false" (any case,
 * spaces ignored, as query strings and form posts carry them) are accepted; anything else — "yes", 1, "",
 * null, an object — is an error, so a text such as "false" can never count as true.
 */
export function requireBoolean(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (text === 'true') return true;
		if (text === 'false') return false;
	}
	throw inputError(
		node,
		field,
		`expected true or false but got ${describeValue(value)}`,
		itemIndex,
		'Use a boolean, or an expression that gives true or false (the texts "true" and "false" are accepted too).',
	);
}

/** An optional boolean (e.g. an option of an Options collection): `undefined` means its default. */
export function optionalBoolean(
	node: INode,
	field: string,
	value: unknown,
	defaultValue: boolean,
	itemIndex: number,
): boolean {
	return value === undefined ? defaultValue : requireBoolean(node, field, value, itemIndex);
}

/** A boolean parameter of the node (e.g. Simplify, Return All), read and type-checked for one item. */
export function readBooleanParameter(
	this: IExecuteFunctions,
	name: string,
	field: string,
	itemIndex: number,
	defaultValue: boolean,
): boolean {
	return requireBoolean(
		this.getNode(),
		field,
		this.getNodeParameter(name, itemIndex, defaultValue),
		itemIndex,
	);
}

/**
 * A multi-select's value (or a list from an expression) where each entry must be one of `allowed`;
 * at least one entry is required.
 */
export function requireChoices<T extends string>(
	node: INode,
	field: string,
	value: unknown,
	allowed: readonly T[],
	itemIndex: number,
): T[] {
	const chosen = parseList(node, field, value, itemIndex);
	if (chosen.length === 0) {
		throw inputError(node, field, 'choose at least one', itemIndex, `Use ${allowed.join(', ')}.`);
	}
	for (const entry of chosen) {
		if (!(allowed as readonly string[]).includes(entry)) {
			throw inputError(
				node,
				field,
				`"${truncate(entry, 60)}" is not one of the choices`,
				itemIndex,
				`Use one or more of ${allowed.join(', ')}.`,
			);
		}
	}
	return chosen as T[];
}

/** An integer within bounds, e.g. Limit or a timeout; n8n number fields can still receive expressions. */
export function requireInteger(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
	bounds: { min: number; max: number },
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || !Number.isInteger(n)) {
		throw inputError(
			node,
			field,
			`expected a whole number but got ${describeValue(value)}`,
			itemIndex,
		);
	}
	if (n < bounds.min || n > bounds.max) {
		throw inputError(
			node,
			field,
			`must be between ${bounds.min} and ${bounds.max} (got ${n})`,
			itemIndex,
		);
	}
	return n;
}

/** An optional absolute http(s) URL (e.g. a callback URL); empty means "not set". */
export function optionalHttpUrl(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = requireString(node, field, value, itemIndex, { maxLength: 2048 });
	let parsed: URL | undefined;
	try {
		parsed = new URL(text);
	} catch {
		parsed = undefined;
	}
	if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
		throw inputError(
			node,
			field,
			`"${truncate(text, 80)}" is not an http(s) URL`,
			itemIndex,
			'Use an absolute URL such as https://example.com/connected (or an expression like {{ $execution.resumeUrl }}).',
		);
	}
	return text;
}

/**
 * An optional JSON object given as an object (from an expression or a JSON field) or as JSON text;
 * empty text, `{}` and nothing mean "not set".
 */
export function optionalJsonObject(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(
				node,
				field,
				`is not valid JSON (${(error as Error).message})`,
				itemIndex,
				'Give a JSON object, for example {"subdomain": "acme"}.',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw inputError(
			node,
			field,
			`expected a JSON object but got ${describeValue(parsed)}`,
			itemIndex,
		);
	}
	return Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
}
