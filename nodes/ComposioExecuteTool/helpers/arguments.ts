import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Tool } from '../../shared/api/types';
import { inputError } from '../../shared/validation';
import { describeValue, isObject } from '../../shared/values';
import type { ArgumentSchema } from './schema';
import {
	argumentSchema,
	enumValues,
	isSchemaArgument,
	propertyTypes,
	schemaOf,
	setOwn,
} from './schema';

/**
 * A wrong argument as a type error names it: text and scalars with their JSON type ("the text "x"",
 * "number 5"), everything else in the shared format.
 */
function describeArgument(value: unknown): string {
	if (typeof value === 'string') return `the text ${describeValue(value)}`;
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
	return describeValue(value);
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
	if (!isObject(items)) return true;
	const types = propertyTypes(items);
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
				text: `expects ${types.filter((t) => t !== 'null').join(' or ') || 'null'} but got ${describeArgument(value)}`,
			});
			continue;
		}
		const allowed = enumValues(property);
		if (allowed && value !== null && !allowed.includes(value as string | number | boolean)) {
			problems.push({
				name,
				text: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')} but got ${describeArgument(value)}`,
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
	if (!isObject(value)) {
		throw new NodeOperationError(
			context.node,
			`${context.field}: expected a set of fields but got ${describeArgument(value)}`,
			{ itemIndex: context.itemIndex },
		);
	}
	const args: IDataObject = {};
	for (const [name, raw] of Object.entries(value)) {
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
	if (!isObject(parsed)) {
		throw new NodeOperationError(
			context.node,
			`${context.field}: expected a JSON object but got ${describeArgument(parsed)}`,
			{
				itemIndex: context.itemIndex,
				description: 'The arguments are an object whose keys are the tool’s argument names.',
			},
		);
	}
	return parsed;
}

/** The Arguments of one item as given, before the tool's schema is known. */
export interface GivenArguments {
	/** How messages name the parameter: "Arguments" or "Arguments (JSON)". */
	field: string;
	/** Using JSON: the parsed object. */
	json?: IDataObject;
	/** Define Below: the resource mapper's values, converted once the schema is known. */
	mapped?: unknown;
}

/** Reads the Arguments of one item; JSON is parsed here, before any request. */
export function readGivenArguments(this: IExecuteFunctions, itemIndex: number): GivenArguments {
	const node = this.getNode();
	const mode = this.getNodeParameter('argumentsMode', itemIndex, 'defineBelow') as string;
	if (mode === 'json') {
		const field = 'Arguments (JSON)';
		const raw = this.getNodeParameter('argumentsJson', itemIndex, '{}');
		return {
			field,
			json: argumentsFromJson(raw, { node, itemIndex, field, tool: '', version: '' }),
		};
	}
	if (mode === 'defineBelow') {
		return { field: 'Arguments', mapped: this.getNodeParameter('arguments.value', itemIndex, {}) };
	}
	throw inputError(node, 'Arguments', `unknown mode "${mode}"`, itemIndex);
}

/** The arguments sent to the tool: converted to and checked against its schema at the version run. */
export function toolArguments(
	given: GivenArguments,
	tool: Tool,
	context: Omit<ArgumentContext, 'field' | 'tool'>,
): IDataObject {
	const schema = argumentSchema(tool);
	const full: ArgumentContext = { ...context, field: given.field, tool: tool.slug };
	const args = given.json ?? argumentsFromMapper(given.mapped, schema, full);
	validateArguments(args, schema, full);
	return args;
}
