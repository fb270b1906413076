import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, requireString } from '../../shared/validation';
import { describeValue, isObject } from '../../shared/values';

/** A parameter value as text: strings, numbers and booleans; anything else names the field. */
export function scalarText(
	this: IExecuteFunctions,
	field: string,
	value: unknown,
	itemIndex: number,
): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	throw inputError(
		this.getNode(),
		field,
		`expected text, a number or true/false but got ${describeValue(value)}`,
		itemIndex,
	);
}

/** A JSON object given as text or by an expression; empty text and nothing mean `{}`. */
function parseJsonObject(
	this: IExecuteFunctions,
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
				this.getNode(),
				field,
				`is not valid JSON (${(error as Error).message})`,
				itemIndex,
				`Give a JSON object, for example ${example}.`,
			);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (!isObject(parsed)) {
		throw inputError(
			this.getNode(),
			field,
			`expected a JSON object but got ${describeValue(parsed)}`,
			itemIndex,
			`For example ${example}.`,
		);
	}
	return parsed;
}

export interface Pair {
	name?: unknown;
	value?: unknown;
}

/** Name/value rows (or a JSON object) as a list; a JSON list value repeats the parameter. */
export function readPairs(
	this: IExecuteFunctions,
	itemIndex: number,
	which: { label: string; specify: string; rows: string; json: string; example: string },
	allowLists: boolean,
): Array<{ name: string; value: string; field: string }> {
	const mode = this.getNodeParameter(which.specify, itemIndex, 'keypair') as string;
	const out: Array<{ name: string; value: string; field: string }> = [];
	if (mode === 'json') {
		const field = `${which.label} (JSON)`;
		const object = parseJsonObject.call(
			this,
			field,
			this.getNodeParameter(which.json, itemIndex, '{}'),
			itemIndex,
			which.example,
		);
		for (const [name, value] of Object.entries(object)) {
			const entryField = `${field} → ${name}`;
			const values = allowLists && Array.isArray(value) ? value : [value];
			for (const v of values)
				out.push({
					name,
					value: scalarText.call(this, entryField, v, itemIndex),
					field: entryField,
				});
		}
		return out;
	}
	if (mode !== 'keypair') {
		throw inputError(this.getNode(), which.label, `unknown choice "${String(mode)}"`, itemIndex);
	}
	const rows = (this.getNodeParameter(`${which.rows}.parameters`, itemIndex, []) ?? []) as Pair[];
	rows.forEach((row, index) => {
		const field = `${which.label} (row ${index + 1})`;
		const name = requireString(this.getNode(), `${field} → Name`, row.name, itemIndex, {
			maxLength: 256,
		});
		out.push({
			name,
			value: scalarText.call(this, `${field} → Value`, row.value ?? '', itemIndex),
			field,
		});
	});
	return out;
}
