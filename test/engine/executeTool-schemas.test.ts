/**
 * Composio Execute Tool: how JSON schemas the sandbox does not use (type lists, anyOf/oneOf,
 * nullable, open objects) become resource-mapper fields, and how field text becomes JSON values.
 * Pure functions; no engine or sandbox needed.
 */
import {
	argumentsFromJson,
	coerceArgument,
	validateArguments,
} from '../../nodes/ComposioExecuteTool/helpers/arguments';
import { argumentFields } from '../../nodes/ComposioExecuteTool/helpers/fields';
import { argumentSchema, propertyTypes } from '../../nodes/ComposioExecuteTool/helpers/schema';
import {
	listedToolVersions,
	newestToolVersion,
} from '../../nodes/ComposioExecuteTool/helpers/tools';
import type { Tool } from '../../nodes/shared/api/types';
import { bareNode, EXECUTE_TOOL } from '../harness/builders';

const node = bareNode('Execute', EXECUTE_TOOL);
const context = { node, itemIndex: 0, tool: 'X_TOOL', version: '20251111_00', field: 'Arguments' };

const tool = (input_parameters: Tool['input_parameters']): Tool => ({
	slug: 'X_TOOL',
	input_parameters,
});

describe('schema → fields', () => {
	it('reads type lists, anyOf/oneOf branches and nullable', () => {
		expect(propertyTypes({ type: ['integer', 'null'] })).toEqual(['integer', 'null']);
		expect(propertyTypes({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual([
			'string',
			'null',
		]);
		expect(propertyTypes({ oneOf: [{ type: 'integer' }, { type: 'array' }] })).toEqual([
			'integer',
			'array',
		]);
		expect(propertyTypes({ anyOf: [{ type: 'string' }, {}] })).toEqual([]);
		expect(propertyTypes({ type: 'string', nullable: true })).toEqual(['string', 'null']);
	});

	it('maps to field types: optional nullable numbers stay numbers, mixed types fall back to text', () => {
		const fields = argumentFields(
			tool({
				type: 'object',
				properties: {
					limit: { type: ['integer', 'null'], title: 'Limit' },
					ids: { oneOf: [{ type: 'integer' }, { type: 'array' }] },
					filter: { type: 'object' },
					level: { type: 'integer', enum: [1, 2, 3] },
				},
				required: ['filter'],
			}),
		);
		expect(fields.map((f) => [f.id, f.displayName, f.type, f.required])).toEqual([
			// Lists and objects are text fields (JSON or comma-separated), never n8n's JSON editor.
			['filter', 'Filter', 'string', true],
			['limit', 'Limit', 'number', false],
			['ids', 'Ids', 'string', false],
			['level', 'Level', 'options', false],
		]);
		expect(fields[3].options).toEqual([
			{ name: '1', value: 1 },
			{ name: '2', value: 2 },
			{ name: '3', value: 3 },
		]);
	});

	it('a schema without properties is open: any argument passes', () => {
		const schema = argumentSchema(tool({ type: 'object' }));
		expect(schema.open).toBe(true);
		expect(() => validateArguments({ anything: 1 }, schema, context)).not.toThrow();
	});
});

describe('field text → JSON values', () => {
	it('converts only what converts cleanly', () => {
		expect(coerceArgument('42', { type: 'integer' })).toBe(42);
		expect(coerceArgument('4.5', { type: ['number', 'null'] })).toBe(4.5);
		expect(coerceArgument('TRUE', { type: 'boolean' })).toBe(true);
		expect(coerceArgument('["a"]', { type: 'array' })).toEqual(['a']);
		expect(coerceArgument('{"a":1}', { type: 'object' })).toEqual({ a: 1 });
		expect(coerceArgument('42', { type: 'string' })).toBe('42');
		expect(coerceArgument('[oops', { type: 'array' })).toBe('[oops');
		expect(coerceArgument('many', { type: 'integer' })).toBe('many');
	});

	it('a list of text also takes comma-separated or one-per-line text', () => {
		const emails = { type: 'array', items: { type: 'string' } };
		expect(coerceArgument('a@example.com, b@example.com', emails)).toEqual([
			'a@example.com',
			'b@example.com',
		]);
		expect(coerceArgument('a@example.com\nb@example.com\n', emails)).toEqual([
			'a@example.com',
			'b@example.com',
		]);
		expect(coerceArgument('solo', { type: 'array' })).toEqual(['solo']);
		// A list of numbers or objects still needs JSON.
		expect(coerceArgument('1, 2', { type: 'array', items: { type: 'integer' } })).toBe('1, 2');
		expect(coerceArgument('[1, 2]', { type: 'array', items: { type: 'integer' } })).toEqual([1, 2]);
	});

	it('null passes a nullable argument; several problems are all listed', () => {
		const schema = argumentSchema(
			tool({
				type: 'object',
				properties: {
					a: { type: ['string', 'null'] },
					b: { type: 'integer' },
					c: { type: 'string' },
				},
				required: ['c'],
			}),
		);
		expect(() => validateArguments({ a: null, b: 1, c: 'x' }, schema, context)).not.toThrow();
		expect(() => validateArguments({ b: 'x' }, schema, context)).toThrow(
			expect.objectContaining({
				message: 'Arguments → c: is required by X_TOOL but not set',
				description:
					'- c is required by X_TOOL but not set\n- b expects integer but got the text "x"',
			}),
		);
	});

	it('JSON: empty text is no arguments', () => {
		expect(argumentsFromJson('  ', context)).toEqual({});
		expect(argumentsFromJson({ a: 1 }, context)).toEqual({ a: 1 });
	});
});

describe('versions', () => {
	it('newest listed ignores the base version, "latest" and malformed entries, whatever the order', () => {
		const listed = {
			slug: 'X_TOOL',
			available_versions: [
				'00000000_00',
				'20250909_00',
				'latest',
				'20251111_00',
				'v2',
				'20251027_00',
			],
		};
		expect(listedToolVersions(listed)).toEqual(['20251111_00', '20251027_00', '20250909_00']);
		expect(newestToolVersion(listed)).toBe('20251111_00');
		expect(newestToolVersion({ slug: 'X_TOOL', available_versions: ['00000000_00'] })).toBe(
			undefined,
		);
	});
});
