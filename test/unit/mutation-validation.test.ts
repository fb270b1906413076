/**
 * Input validation at its edges (issue 17: behaviours no test held before mutation testing): values
 * exactly at a length or ID-shape limit, blank number text, `http:` callback URLs (self-hosted n8n),
 * `{}` connection data meaning "not set", and every message naming the field and what it got.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	optionalBoolean,
	optionalHttpUrl,
	optionalJsonObject,
	parseList,
	readBooleanParameter,
	requireBoolean,
	requireChoices,
	requireFilterList,
	requireId,
	requireInteger,
	requireString,
} from '../../nodes/shared/validation';
import { errorItemJson } from '../../nodes/shared/items';
import { describeValue, isError } from '../../nodes/shared/values';

const node: INode = {
	id: '1',
	name: 'Composio',
	type: 'n8n-nodes-composio.composioConnectedAccount',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The error `fn` throws, to check its message, item and hint together. */
function failure(fn: () => unknown): { message: string; description?: string; itemIndex?: number } {
	try {
		fn();
	} catch (error) {
		const e = error as { message: string; description?: string; context?: { itemIndex?: number } };
		return { message: e.message, description: e.description, itemIndex: e.context?.itemIndex };
	}
	throw new Error('expected an error');
}

describe('values exactly at a limit', () => {
	it('text: 256 characters (the default) pass, 257 fail; a custom maximum likewise', () => {
		expect(requireString(node, 'User ID', 'u'.repeat(256), 0)).toBe('u'.repeat(256));
		expect(failure(() => requireString(node, 'User ID', 'u'.repeat(257), 4))).toEqual({
			message: 'User ID: is 257 characters long; at most 256 are allowed',
			itemIndex: 4,
		});
		expect(requireString(node, 'Alias', 'a'.repeat(10), 0, { maxLength: 10 })).toBe('a'.repeat(10));
		expect(() => requireString(node, 'Alias', 'a'.repeat(11), 0, { maxLength: 10 })).toThrow(
			'Alias: is 11 characters long; at most 10 are allowed',
		);
		// Surrounding spaces do not count towards the limit.
		expect(requireString(node, 'User ID', ` ${'u'.repeat(256)} `, 0)).toHaveLength(256);
	});

	it('IDs: 4 and 64 characters after the prefix pass, 3 and 65 fail', () => {
		for (const kind of ['ca', 'ac'] as const) {
			expect(requireId(node, 'ID', `${kind}_abcd`, kind, 0)).toBe(`${kind}_abcd`);
			expect(requireId(node, 'ID', `${kind}_${'x'.repeat(64)}`, kind, 0)).toBe(
				`${kind}_${'x'.repeat(64)}`,
			);
			expect(() => requireId(node, 'ID', `${kind}_abc`, kind, 0)).toThrow('is not a valid');
			expect(() => requireId(node, 'ID', `${kind}_${'x'.repeat(65)}`, kind, 0)).toThrow(
				'is not a valid',
			);
		}
	});

	it('IDs: only letters, digits, "-" and "_" after the prefix, anchored at both ends', () => {
		expect(requireId(node, 'ID', 'ca_A-z_09', 'ca', 0)).toBe('ca_A-z_09');
		for (const id of ['ca_abc.d', 'xca_abcd', 'ca_abcd ok', 'CA_abcd', 'ca-abcd']) {
			expect(() => requireId(node, 'Connected Account', id, 'ca', 0)).toThrow(
				`Connected Account: "${id}" is not a valid connected account ID`,
			);
		}
		for (const id of ['ac_abc.d', 'xac_abcd', 'ac_abcd ok', 'AC_abcd', 'ca_abcd']) {
			expect(() => requireId(node, 'Auth Config', id, 'ac', 0)).toThrow(
				`Auth Config: "${id}" is not a valid auth config ID`,
			);
		}
	});

	it('an ID names its kind and shows an example in the hint', () => {
		expect(failure(() => requireId(node, 'Connected Account', 'nope', 'ca', 2))).toEqual({
			message: 'Connected Account: "nope" is not a valid connected account ID',
			description:
				'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
			itemIndex: 2,
		});
		expect(failure(() => requireId(node, 'Auth Config', 'nope', 'ac', 0)).description).toBe(
			'An auth config ID looks like ac_ followed by letters, digits, "-" or "_" (for example ac_5KdA-e2C4ZMd).',
		);
		// Longer than an ID can be: the length message comes first (80 characters at most).
		expect(() => requireId(node, 'ID', `ca_${'x'.repeat(78)}`, 'ca', 0)).toThrow(
			'ID: is 81 characters long; at most 80 are allowed',
		);
		expect(() => requireId(node, 'ID', `ca_${'x'.repeat(77)}`, 'ca', 0)).toThrow('is not a valid');
	});

	it('integers: exactly min and max pass, one beyond fails', () => {
		const bounds = { min: 1, max: 20 };
		expect(requireInteger(node, 'Concurrency', 1, 0, bounds)).toBe(1);
		expect(requireInteger(node, 'Concurrency', 20, 0, bounds)).toBe(20);
		expect(requireInteger(node, 'Concurrency', ' 20 ', 0, bounds)).toBe(20);
		expect(() => requireInteger(node, 'Concurrency', 21, 0, bounds)).toThrow(
			'Concurrency: must be between 1 and 20 (got 21)',
		);
		expect(() => requireInteger(node, 'Concurrency', 0, 0, bounds)).toThrow(
			'Concurrency: must be between 1 and 20 (got 0)',
		);
	});

	it('a URL of exactly 2048 characters passes, 2049 fail', () => {
		const base = 'https://example.com/';
		const at = base + 'p'.repeat(2048 - base.length);
		expect(optionalHttpUrl(node, 'Callback URL', at, 0)).toBe(at);
		expect(() => optionalHttpUrl(node, 'Callback URL', `${at}p`, 0)).toThrow(
			'Callback URL: is 2049 characters long; at most 2048 are allowed',
		);
	});
});

describe('numbers given as text', () => {
	it.each(['', ' ', '\t'])('blank text %p is not a number (never 0)', (value) => {
		expect(failure(() => requireInteger(node, 'Limit', value, 1, { min: 0, max: 10 }))).toEqual({
			message: `Limit: expected a whole number but got ${describeValue(value)}`,
			itemIndex: 1,
		});
	});

	it.each([
		[null, 'null'],
		[undefined, 'nothing'],
		[true, '"true"'],
		[Number.NaN, '"NaN"'],
		[Number.POSITIVE_INFINITY, '"Infinity"'],
		['1e400', '"1e400"'],
		['0x', '"0x"'],
		[[3], 'a list ([3])'],
	])('%p is not a whole number', (value, got) => {
		expect(() => requireInteger(node, 'Limit', value, 0, { min: 0, max: 10 })).toThrow(
			`Limit: expected a whole number but got ${got}`,
		);
	});

	it('a number is text where text is wanted; a non-finite one is not', () => {
		expect(requireString(node, 'User ID', 0, 0)).toBe('0');
		expect(() => requireString(node, 'User ID', Number.NaN, 0)).toThrow(
			'User ID: expected text but got "NaN"',
		);
		expect(() => requireString(node, 'User ID', Number.POSITIVE_INFINITY, 0)).toThrow(
			'User ID: expected text but got "Infinity"',
		);
		expect(() => requireString(node, 'User ID', '', 0)).toThrow('User ID: is empty');
		expect(
			failure(() => requireString(node, 'User ID', null, 3, { hint: 'Map the user.' })),
		).toEqual({
			message: 'User ID: expected text but got null',
			description: 'Map the user.',
			itemIndex: 3,
		});
		expect(
			failure(() => requireString(node, 'User ID', ' ', 0, { hint: 'Map it.' })).description,
		).toBe('Map it.');
	});

	it('lists take a single number as one entry', () => {
		expect(parseList(node, 'IDs', 7, 0)).toEqual(['7']);
		expect(parseList(node, 'IDs', null, 0)).toEqual([]);
		expect(() => parseList(node, 'IDs', true, 5)).toThrow(
			'IDs: expected comma-separated text or a list of strings but got "true"',
		);
		expect(() => parseList(node, 'IDs', [null], 0)).toThrow(
			'IDs: every entry must be text, got null',
		);
	});
});

describe('callback URLs', () => {
	it.each([
		'http://localhost:5678/webhook/abc',
		'http://n8n.internal/rest/oauth2-credential/callback',
		'https://example.com/connected',
		'HTTP://EXAMPLE.COM/x',
	])('accepts %s (self-hosted n8n is often plain http)', (url) => {
		expect(optionalHttpUrl(node, 'Callback URL', url, 0)).toBe(url);
	});

	it('trims the URL it accepts; nothing, null and "" mean "not set"', () => {
		expect(optionalHttpUrl(node, 'Callback URL', ' http://n8n.local/x ', 0)).toBe(
			'http://n8n.local/x',
		);
		expect(optionalHttpUrl(node, 'Callback URL', undefined, 0)).toBeUndefined();
		expect(optionalHttpUrl(node, 'Callback URL', null, 0)).toBeUndefined();
		expect(optionalHttpUrl(node, 'Callback URL', '', 0)).toBeUndefined();
	});

	it.each([
		'ftp://example.com/x',
		'javascript:alert(1)',
		'example.com/x',
		'http//x',
		'mailto:a@b.c',
	])('refuses %s, naming the field and with a hint', (url) => {
		expect(failure(() => optionalHttpUrl(node, 'Callback URL', url, 6))).toEqual({
			message: `Callback URL: "${url}" is not an http(s) URL`,
			description:
				'Use an absolute URL such as https://example.com/connected (or an expression like {{ $execution.resumeUrl }}).',
			itemIndex: 6,
		});
	});

	it('blank text is an error, not "not set" (an expression that resolved to spaces)', () => {
		expect(() => optionalHttpUrl(node, 'Callback URL', '  ', 0)).toThrow('Callback URL: is empty');
	});
});

describe('connection data (JSON objects)', () => {
	it.each([undefined, null, '', '   ', '{}', ' {} ', {}])('%p means "not set"', (value) => {
		expect(optionalJsonObject(node, 'Connection Data', value, 0)).toBeUndefined();
	});

	it('an object with fields is kept, from text or as an object', () => {
		expect(optionalJsonObject(node, 'Connection Data', '{"subdomain":"acme"}', 0)).toEqual({
			subdomain: 'acme',
		});
		expect(optionalJsonObject(node, 'Connection Data', { subdomain: 'acme' }, 0)).toEqual({
			subdomain: 'acme',
		});
	});

	it.each([
		['[]', 'a list ([])'],
		['[1]', 'a list ([1])'],
		['"text"', '"text"'],
		['5', '"5"'],
		['null', 'null'],
		[7, '"7"'],
		[true, '"true"'],
		[['a'], 'a list (["a"])'],
	])('%p is not an object', (value, got) => {
		expect(failure(() => optionalJsonObject(node, 'Connection Data', value, 2))).toEqual({
			message: `Connection Data: expected a JSON object but got ${got}`,
			itemIndex: 2,
		});
	});

	it('text that is not JSON says so, with the parser’s reason and an example', () => {
		const error = failure(() => optionalJsonObject(node, 'Connection Data', '{subdomain}', 1));
		expect(error.message).toMatch(/^Connection Data: is not valid JSON \(.+\)$/);
		expect(error.description).toBe('Give a JSON object, for example {"subdomain": "acme"}.');
		expect(error.itemIndex).toBe(1);
	});
});

describe('messages say what the field got', () => {
	it('describeValue: nothing, null, lists, objects and text, truncated at 60 characters', () => {
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue(null)).toBe('null');
		expect(describeValue([1, 'a'])).toBe('a list ([1,"a"])');
		expect(describeValue({ a: 1 })).toBe('an object ({"a":1})');
		expect(describeValue('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
		expect(describeValue('x'.repeat(61))).toBe(`"${'x'.repeat(59)}…"`);
		expect(describeValue(['x'.repeat(70)])).toBe(`a list (["${'x'.repeat(57)}…)`);
		expect(describeValue({ k: 'x'.repeat(70) })).toBe(`an object ({"k":"${'x'.repeat(53)}…)`);
	});

	it('a long wrong ID is shortened in the message', () => {
		const id = `ca_${'x'.repeat(70)}!`;
		expect(() => requireId(node, 'ID', id, 'ca', 0)).toThrow(
			`ID: "${id.slice(0, 59)}…" is not a valid connected account ID`,
		);
	});

	it('filters that resolve to nothing carry the hint that empty is refused, not ignored', () => {
		expect(failure(() => requireFilterList(node, 'Filters → User IDs', ' , ', 8))).toEqual({
			message: 'Filters → User IDs: is set but resolves to no value (got " , ")',
			description:
				'An empty filter is refused rather than ignored, so it can never select every account. Give it a value for this item, or remove the filter.',
			itemIndex: 8,
		});
	});

	it('choices: at least one, each one of the allowed values', () => {
		const allowed = ['appeared', 'disappeared'] as const;
		expect(requireChoices(node, 'Events', 'appeared, disappeared', allowed, 0)).toEqual([
			'appeared',
			'disappeared',
		]);
		expect(failure(() => requireChoices(node, 'Events', [], allowed, 1))).toEqual({
			message: 'Events: choose at least one',
			description: 'Use appeared, disappeared.',
			itemIndex: 1,
		});
		expect(failure(() => requireChoices(node, 'Events', ['appeared', 'gone'], allowed, 2))).toEqual(
			{
				message: 'Events: "gone" is not one of the choices',
				description: 'Use one or more of appeared, disappeared.',
				itemIndex: 2,
			},
		);
	});

	it('booleans name the field, the item and how to fix it', () => {
		expect(failure(() => requireBoolean(node, 'Dry Run', 'yes', 9))).toEqual({
			message: 'Dry Run: expected true or false but got "yes"',
			description:
				'Use a boolean, or an expression that gives true or false (the texts "true" and "false" are accepted too).',
			itemIndex: 9,
		});
		expect(optionalBoolean(node, 'Flag', false, true, 0)).toBe(false);
		expect(optionalBoolean(node, 'Flag', 'true', false, 0)).toBe(true);
	});

	it('a boolean parameter is read for its item, with its default, and checked', () => {
		const calls: unknown[][] = [];
		const ctx = (value: unknown) =>
			({
				getNode: () => node,
				getNodeParameter: (...args: unknown[]) => {
					calls.push(args);
					return value;
				},
			}) as never;
		expect(readBooleanParameter.call(ctx('false'), 'simplify', 'Simplify', 3, true)).toBe(false);
		expect(calls).toEqual([['simplify', 3, true]]);
		expect(
			failure(() => readBooleanParameter.call(ctx('no'), 'simplify', 'Simplify', 3, true)),
		).toMatchObject({
			message: 'Simplify: expected true or false but got "no"',
			itemIndex: 3,
		});
	});
});

describe('errors made in another realm', () => {
	// A node can get errors made with another copy of Error than its own (another copy of
	// n8n-workflow, a vm context), for which `instanceof Error` is false. Jest runs these tests in a
	// vm context, so an error Node itself makes (a Buffer of negative size) is such an error here.
	const foreign = ((): unknown => {
		try {
			return Buffer.alloc(-1);
		} catch (error) {
			return error;
		}
	})();
	const foreignMessage = (foreign as { message: string }).message;

	it('are recognised as errors, and nothing else is', () => {
		expect(foreign instanceof Error).toBe(false);
		expect(isError(foreign)).toBe(true);
		expect(isError(new NodeOperationError(node, 'refused'))).toBe(true);
		expect(isError(new NodeApiError(node, { message: 'denied' }))).toBe(true);
		for (const value of [{ name: 'Error', message: 'x' }, 'Error: x', null, undefined, 0, []]) {
			expect(isError(value)).toBe(false);
		}
	});

	it('keep their message in an error item, not their text form', () => {
		expect(foreignMessage).toMatch(/size/);
		expect(errorItemJson(foreign)).toEqual({ error: foreignMessage });
		expect(errorItemJson('plain text')).toEqual({ error: 'plain text' });
	});
});
