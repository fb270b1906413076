import type {
	FieldType,
	IDataObject,
	INode,
	INodePropertyOptions,
	ResourceMapperField,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ComposioTool } from '../../shared/tools';
import { truncate } from '../../shared/transport/url';

/** A tool's `input_parameters`: a JSON-Schema object. */
export interface ArgumentSchema {
	properties: Record<string, IDataObject>;
	required: string[];
	/** Whether arguments the schema does not name are allowed (`additionalProperties: true`). */
	open: boolean;
}

/**
 * Whether the schema names the argument, as its own property: never through the object prototype
 * (`constructor`, `toString`, `__proto__`, `hasOwnProperty` are not arguments of any tool).
 */
export function isSchemaArgument(schema: ArgumentSchema, name: string): boolean {
	return Object.prototype.hasOwnProperty.call(schema.properties, name);
}

/** The schema of one argument, or undefined when the schema does not name it (own properties only). */
function schemaOf(schema: ArgumentSchema, name: string): IDataObject | undefined {
	return isSchemaArgument(schema, name) ? schema.properties[name] : undefined;
}

/** Sets a key as an own property, also `__proto__` (a plain assignment would change the prototype). */
function setOwn(target: IDataObject, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

export function argumentSchema(tool: ComposioTool): ArgumentSchema {
	const input = (tool.input_parameters ?? {}) as IDataObject;
	const rawProperties = input.properties;
	const properties: Record<string, IDataObject> = {};
	if (rawProperties && typeof rawProperties === 'object' && !Array.isArray(rawProperties)) {
		for (const [name, schema] of Object.entries(rawProperties as IDataObject)) {
			setOwn(
				properties,
				name,
				schema && typeof schema === 'object' && !Array.isArray(schema) ? schema : {},
			);
		}
	}
	const required = Array.isArray(input.required)
		? input.required.filter((name): name is string => typeof name === 'string')
		: [];
	return {
		properties,
		required,
		open: input.additionalProperties === true || Object.keys(properties).length === 0,
	};
}

const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'];

/**
 * The JSON types a property accepts: `type` as a string or a list, or the types of its
 * `anyOf`/`oneOf` branches. An empty list means "anything".
 */
export function propertyTypes(schema: IDataObject): string[] {
	const collect = (s: IDataObject): string[] => {
		if (typeof s.type === 'string') return [s.type];
		if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
		const branches = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : [])
			.filter((b): b is IDataObject => !!b && typeof b === 'object' && !Array.isArray(b))
			.map(collect);
		if (branches.some((b) => b.length === 0)) return [];
		return branches.flat();
	};
	const types = [...new Set(collect(schema))].filter((t) => JSON_TYPES.includes(t));
	if (schema.nullable === true && types.length && !types.includes('null')) types.push('null');
	return types;
}

function enumValues(schema: IDataObject): Array<string | number | boolean> | undefined {
	if (!Array.isArray(schema.enum)) return undefined;
	const values = schema.enum.filter(
		(v): v is string | number | boolean =>
			typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
	);
	return values.length ? values : undefined;
}

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
export function argumentFields(tool: ComposioTool): ResourceMapperField[] {
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

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return `a list (${truncate(JSON.stringify(value), 40)})`;
	if (typeof value === 'object') return `an object (${truncate(JSON.stringify(value), 40)})`;
	if (typeof value === 'string') return `the text "${truncate(value, 40)}"`;
	return `${typeof value} ${String(value)}`;
}

function matchesType(value: unknown, type: string): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'array':
			return Array.isArray(value);
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'null':
			return value === null;
		default:
			return true;
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value === '');
}

/**
 * Turns what n8n fields and expressions produce (text) into the JSON type the schema asks for:
 * "42" → 42 for integers and numbers, "true"/"false" → booleans, JSON text → lists and objects,
 * and "a, b" (or one entry per line) → ["a", "b"] for lists of text.
 * Anything that does not convert cleanly is left as it is for validation to report.
 */
export function coerceArgument(value: unknown, schema: IDataObject): unknown {
	if (typeof value !== 'string') return value;
	const types = propertyTypes(schema).filter((t) => t !== 'null');
	if (types.length === 0 || types.includes('string')) return value;
	const text = value.trim();
	for (const type of types) {
		if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
			return Number(text);
		}
		if (type === 'boolean' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
		if ((type === 'array' && text.startsWith('[')) || (type === 'object' && text.startsWith('{'))) {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				return value;
			}
		}
		if (type === 'array' && !text.startsWith('[') && listOfText(schema)) {
			return text
				.split(/[,\n]/)
				.map((entry) => entry.trim())
				.filter((entry) => entry !== '');
		}
	}
	return value;
}

/** Whether a list argument takes text entries (or does not say), so "a, b" can mean ["a", "b"]. */
function listOfText(schema: IDataObject): boolean {
	const items = schema.items;
	if (!items || typeof items !== 'object' || Array.isArray(items)) return true;
	const types = propertyTypes(items as IDataObject);
	return types.length === 0 || types.includes('string');
}

export interface ArgumentContext {
	node: INode;
	itemIndex: number;
	tool: string;
	version: string;
	/** How the arguments parameter is named in messages, e.g. "Arguments" or "Arguments (JSON)". */
	field: string;
}

/**
 * Checks arguments against the tool's schema before anything is sent: unknown names (unless the
 * schema is open), required arguments, simple types and enums. Fails on the first problem, naming
 * the argument, and lists every problem in the description.
 */
export function validateArguments(
	args: IDataObject,
	schema: ArgumentSchema,
	context: ArgumentContext,
): void {
	const problems: Array<{ name: string; text: string }> = [];
	const known = Object.keys(schema.properties);
	if (!schema.open) {
		for (const name of Object.keys(args)) {
			if (!isSchemaArgument(schema, name)) {
				problems.push({
					name,
					text: `is not an argument of ${context.tool} at version ${context.version}`,
				});
			}
		}
	}
	for (const name of schema.required) {
		if (isEmpty(args[name])) {
			problems.push({ name, text: `is required by ${context.tool} but not set` });
		}
	}
	for (const [name, value] of Object.entries(args)) {
		const property = schemaOf(schema, name);
		if (!property || value === undefined) continue;
		const types = propertyTypes(property);
		if (types.length && !types.some((type) => matchesType(value, type))) {
			problems.push({
				name,
				text: `expects ${types.filter((t) => t !== 'null').join(' or ') || 'null'} but got ${describeValue(value)}`,
			});
			continue;
		}
		const allowed = enumValues(property);
		if (allowed && value !== null && !allowed.includes(value as string | number | boolean)) {
			problems.push({
				name,
				text: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} but got ${describeValue(value)}`,
			});
		}
	}
	if (!problems.length) return;
	const [first] = problems;
	const lines = problems.map((p) => `- ${p.name} ${p.text}`);
	if (!schema.open && problems.some((p) => p.text.startsWith('is not an argument'))) {
		lines.push(
			`Arguments of ${context.tool} at version ${context.version}: ${known.join(', ') || 'none'}.`,
		);
	}
	throw new NodeOperationError(context.node, `${context.field} → ${first.name}: ${first.text}`, {
		itemIndex: context.itemIndex,
		description: lines.join('\n'),
	});
}

/**
 * Arguments from the resource mapper: empty optional fields are left out (Composio then applies the
 * tool's defaults), text is converted to the schema's types.
 */
export function argumentsFromMapper(
	value: unknown,
	schema: ArgumentSchema,
	context: ArgumentContext,
): IDataObject {
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(
			context.node,
			`${context.field}: expected a set of fields but got ${describeValue(value)}`,
			{ itemIndex: context.itemIndex },
		);
	}
	const args: IDataObject = {};
	for (const [name, raw] of Object.entries(value as IDataObject)) {
		if (isEmpty(raw)) continue;
		const property = schemaOf(schema, name);
		setOwn(args, name, property ? coerceArgument(raw, property) : raw);
	}
	return args;
}

/** Arguments given as JSON text (or an object from an expression, e.g. `$fromAI(..., 'json')`). */
export function argumentsFromJson(value: unknown, context: ArgumentContext): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return {};
		try {
			parsed = JSON.parse(text) as unknown;
		} catch (error) {
			throw new NodeOperationError(
				context.node,
				`${context.field}: not valid JSON (${(error as Error).message})`,
				{
					itemIndex: context.itemIndex,
					description:
						'Write the arguments as a JSON object, e.g. {"recipient_email": "ann@example.com", "body": "Hi"}.',
				},
			);
		}
	}
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(
			context.node,
			`${context.field}: expected a JSON object but got ${describeValue(parsed)}`,
			{
				itemIndex: context.itemIndex,
				description: 'The arguments are an object whose keys are the tool’s argument names.',
			},
		);
	}
	return parsed as IDataObject;
}
