import type {
	FieldType,
	IDataObject,
	INodePropertyOptions,
	ResourceMapperField,
} from 'n8n-workflow';

import type { Tool } from '../../shared/api/types';
import { argumentSchema, enumValues, propertyTypes } from './schema';

function humanize(name: string): string {
	return name
		.split(/[_\s]+/)
		.filter(Boolean)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** How a property is labelled in the resource mapper (its `$fromAI()` key is derived from this). */
export function argumentLabel(name: string, schema: IDataObject): string {
	return typeof schema.title === 'string' && schema.title.trim() !== ''
		? schema.title.trim()
		: humanize(name);
}

function fieldType(schema: IDataObject): FieldType {
	const types = propertyTypes(schema).filter((t) => t !== 'null');
	if (enumValues(schema) && types.every((t) => t === 'string' || t === 'integer' || t === 'number'))
		return 'options';
	if (types.length !== 1) return 'string';
	switch (types[0]) {
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		// Lists and objects are text fields (JSON, or a comma-separated list), converted when the node
		// runs. n8n's resource mapper shows "array"/"object" fields in a JSON editor whose linter marks
		// an empty, untouched optional field red ("Unexpected end of JSON input").
		default:
			return 'string';
	}
}

/** Resource-mapper fields for a tool's arguments: one per schema property, required ones first. */
export function argumentFields(tool: Tool): ResourceMapperField[] {
	const schema = argumentSchema(tool);
	const names = Object.keys(schema.properties);
	const ordered = [
		...names.filter((n) => schema.required.includes(n)),
		...names.filter((n) => !schema.required.includes(n)),
	];
	return ordered.map((name) => {
		const property = schema.properties[name];
		const type = fieldType(property);
		const field: ResourceMapperField = {
			id: name,
			displayName: argumentLabel(name, property),
			required: schema.required.includes(name),
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type,
			// Stated explicitly, as the editor keeps it in the stored schema: the fields of a tool are
			// the same on every load, so reopening the panel leaves the saved workflow unchanged.
			removed: false,
		};
		if (type === 'options') {
			field.options = (enumValues(property) ?? []).map(
				(value): INodePropertyOptions => ({ name: String(value), value }),
			);
		}
		const fallback = property.default;
		if (
			typeof fallback === 'string' ||
			typeof fallback === 'number' ||
			typeof fallback === 'boolean'
		) {
			field.defaultValue = fallback;
		}
		return field;
	});
}
