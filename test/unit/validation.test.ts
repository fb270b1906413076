import {
	optionalBoolean,
	parseList,
	requireBoolean,
	requireFilterList,
	requireId,
	requireInteger,
	requireString,
} from '../../nodes/shared/validation';
import { bareNode, CONNECTED_ACCOUNT } from '../harness/builders';

const node = bareNode('Composio', CONNECTED_ACCOUNT);

describe('input validation', () => {
	it('parses lists from comma-separated text or arrays, trimming and de-duplicating', () => {
		expect(parseList(node, 'User IDs', ' u1, u2 ,,u1 ', 0)).toEqual(['u1', 'u2']);
		expect(parseList(node, 'User IDs', ['u1', ' u3 ', 7], 0)).toEqual(['u1', 'u3', '7']);
		expect(parseList(node, 'User IDs', '', 0)).toEqual([]);
		expect(parseList(node, 'User IDs', undefined, 0)).toEqual([]);
	});

	it('names the field when a list gets an object', () => {
		expect(() => parseList(node, 'Filters → User IDs', { a: 1 }, 2)).toThrow(
			'Filters → User IDs: expected comma-separated text or a list of strings but got an object ({"a":1})',
		);
		expect(() => parseList(node, 'User IDs', ['ok', { a: 1 }], 0)).toThrow(
			'User IDs: every entry must be text, got an object ({"a":1})',
		);
	});

	it('requires non-empty text and says what it got instead', () => {
		expect(requireString(node, 'User ID', '  user_1 ', 0)).toBe('user_1');
		expect(requireString(node, 'User ID', 42, 0)).toBe('42');
		expect(() => requireString(node, 'User ID', '   ', 0)).toThrow('User ID: is empty');
		expect(() => requireString(node, 'User ID', ['a'], 0)).toThrow(
			'User ID: expected text but got a list (["a"])',
		);
		expect(() => requireString(node, 'User ID', 'x'.repeat(300), 0)).toThrow(
			'User ID: is 300 characters long; at most 256 are allowed',
		);
	});

	it('checks Composio ID shapes before any request', () => {
		expect(requireId(node, 'Connected Account', ' ca_5KdA-e2C4ZMd ', 'ca', 0)).toBe(
			'ca_5KdA-e2C4ZMd',
		);
		expect(() => requireId(node, 'Connected Account', 'ac_5KdA-e2C4ZMd', 'ca', 0)).toThrow(
			'Connected Account: "ac_5KdA-e2C4ZMd" is not a valid connected account ID',
		);
		expect(() => requireId(node, 'Auth Config', 'abc', 'ac', 0)).toThrow(
			'Auth Config: "abc" is not a valid auth config ID',
		);
	});

	it('checks integers and their bounds', () => {
		expect(requireInteger(node, 'Limit', 5, 0, { min: 1, max: 10 })).toBe(5);
		expect(requireInteger(node, 'Limit', '7', 0, { min: 1, max: 10 })).toBe(7);
		expect(() => requireInteger(node, 'Limit', 0, 0, { min: 1, max: 10 })).toThrow(
			'Limit: must be between 1 and 10 (got 0)',
		);
		expect(() => requireInteger(node, 'Limit', 2.5, 0, { min: 1, max: 10 })).toThrow(
			'Limit: expected a whole number but got "2.5"',
		);
		expect(() => requireInteger(node, 'Limit', 'many', 0, { min: 1, max: 10 })).toThrow(
			'Limit: expected a whole number but got "many"',
		);
	});

	it('a filter that was set must resolve to at least one entry, whatever the empty shape', () => {
		expect(requireFilterList(node, 'Filters → User IDs', ' u1 ,, ', 0)).toEqual(['u1']);
		expect(requireFilterList(node, 'Filters → User IDs', ['u1', ''], 0)).toEqual(['u1']);
		const empty: Array<[unknown, string]> = [
			[undefined, 'nothing'],
			[null, 'null'],
			['', '""'],
			['  ', '"  "'],
			[',', '","'],
			[' , ,', '" , ,"'],
			[[], 'a list ([])'],
			[['', ' '], 'a list ([""," "])'],
		];
		for (const [value, got] of empty) {
			expect(() => requireFilterList(node, 'Filters → User IDs', value, 3)).toThrow(
				`Filters → User IDs: is set but resolves to no value (got ${got})`,
			);
		}
		expect(() => requireFilterList(node, 'Filters → User IDs', {}, 0)).toThrow(
			'Filters → User IDs: expected comma-separated text or a list of strings but got an object ({})',
		);
	});

	it('booleans: true/false, or the texts "true"/"false"; never truthy text or numbers', () => {
		expect(requireBoolean(node, 'Dry Run', true, 0)).toBe(true);
		expect(requireBoolean(node, 'Dry Run', false, 0)).toBe(false);
		expect(requireBoolean(node, 'Dry Run', 'false', 0)).toBe(false);
		expect(requireBoolean(node, 'Dry Run', ' FALSE ', 0)).toBe(false);
		expect(requireBoolean(node, 'Dry Run', 'True', 0)).toBe(true);
		for (const [value, got] of [
			['yes', '"yes"'],
			['0', '"0"'],
			['', '""'],
			[1, '"1"'],
			[0, '"0"'],
			[null, 'null'],
			[undefined, 'nothing'],
			[{}, 'an object ({})'],
			[['true'], 'a list (["true"])'],
		] as Array<[unknown, string]>) {
			expect(() => requireBoolean(node, 'Dry Run', value, 0)).toThrow(
				`Dry Run: expected true or false but got ${got}`,
			);
		}
		expect(optionalBoolean(node, 'Options → Allow No Filter', undefined, false, 0)).toBe(false);
		expect(optionalBoolean(node, 'Options → Allow No Filter', undefined, true, 0)).toBe(true);
		expect(() => optionalBoolean(node, 'Options → Allow No Filter', 'false!', false, 0)).toThrow(
			'Options → Allow No Filter: expected true or false but got "false!"',
		);
	});
});
