import type { IDataObject } from 'n8n-workflow';

import type { Tool } from '../../shared/api/types';
import { isObject } from '../../shared/values';

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
export function schemaOf(schema: ArgumentSchema, name: string): IDataObject | undefined {
	return isSchemaArgument(schema, name) ? schema.properties[name] : undefined;
}

/** Sets a key as an own property, also `__proto__` (a plain assignment would change the prototype). */
export function setOwn(target: IDataObject, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

export function argumentSchema(tool: Tool): ArgumentSchema {
	const input = tool.input_parameters ?? {};
	const rawProperties = input.properties;
	const properties: Record<string, IDataObject> = {};
	if (isObject(rawProperties)) {
		for (const [name, schema] of Object.entries(rawProperties)) {
			setOwn(properties, name, isObject(schema) ? schema : {});
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

export function enumValues(schema: IDataObject): Array<string | number | boolean> | undefined {
	if (!Array.isArray(schema.enum)) return undefined;
	const values = schema.enum.filter(
		(v): v is string | number | boolean =>
			typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
	);
	return values.length ? values : undefined;
}
