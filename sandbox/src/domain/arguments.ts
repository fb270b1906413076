/** Minimal JSON-schema checks of tool arguments against a tool version's input parameters. */
import type { ParamSpec } from '../catalog/tools';
import { isPlainObject } from '../http/query';

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function matchesType(value: unknown, type: unknown): boolean {
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
			return isPlainObject(value);
		default:
			return true;
	}
}

/** Returns the validation errors and the arguments with defaults applied. */
export function validateArguments(
	params: ParamSpec[],
	args: Record<string, unknown>,
): { errors: string[]; resolved: Record<string, unknown> } {
	const errors: string[] = [];
	const resolved: Record<string, unknown> = { ...args };
	for (const param of params) {
		const value = args[param.name];
		const schema = param.schema;
		if (value === undefined || value === null) {
			if (param.required) errors.push(`Missing required argument: ${param.name}`);
			else if (schema.default !== undefined) resolved[param.name] = schema.default;
			continue;
		}
		if (!matchesType(value, schema.type)) {
			errors.push(
				`Invalid type for argument ${param.name}: expected ${String(schema.type)}, got ${typeOf(value)}`,
			);
			continue;
		}
		if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
			errors.push(
				`Invalid value for argument ${param.name}: must be one of ${schema.enum.join(', ')}`,
			);
		}
		if (typeof value === 'number') {
			if (typeof schema.minimum === 'number' && value < schema.minimum) {
				errors.push(`Invalid value for argument ${param.name}: must be >= ${schema.minimum}`);
			}
			if (typeof schema.maximum === 'number' && value > schema.maximum) {
				errors.push(`Invalid value for argument ${param.name}: must be <= ${schema.maximum}`);
			}
		}
		if (Array.isArray(value) && isPlainObject(schema.items) && schema.items.type !== undefined) {
			const itemType = schema.items.type;
			if (value.some((item) => !matchesType(item, itemType))) {
				errors.push(
					`Invalid type for argument ${param.name}: every item must be ${String(itemType)}`,
				);
			}
		}
	}
	return { errors, resolved };
}
