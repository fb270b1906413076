/**
 * Bad-input catalogue: what every node and the credential say when they get something wrong —
 * empty, malformed and unknown IDs, unknown statuses, invalid JSON and arguments the tool's schema
 * refuses, versions of the wrong form, limits of 0, negative or huge, base URLs without a scheme,
 * with a path or pointing at something that is not Composio, a wrong key, expressions that give an
 * object or a list where text belongs, unicode and very long values.
 *
 * Each row (in bad-input.cases.ts) is one case with the exact error text the user sees (message, and the description
 * where it carries the advice), so this table documents the behaviour. Every case ends as a node
 * error (or, for the credential, as n8n's credential test result): none crashes the engine, none is
 * a generic "Unknown error". Rows with `error: null` are accepted inputs (e.g. unicode IDs).
 *
 * Placeholders in strings: `$SANDBOX` (the sandbox URL), `$HTML` (a server that answers every
 * request with an HTML page), `$JSON` (a server that answers `{"status":"ok"}`), `$CLOSED` (a port
 * nothing listens on), `$LONG` (10 000 × "x").
 */
import { sandboxControl } from '../../sandbox/src';
import type { Catalogue, Seen } from './bad-input.cases';
import { REFUSED_BY_N8N, ROWS, startCatalogue } from './bad-input.cases';

let catalogue: Catalogue;

beforeAll(async () => {
	catalogue = await startCatalogue();
});

afterAll(async () => {
	await catalogue.close();
});

it('has at least 40 cases, each named once', () => {
	expect(ROWS.length).toBeGreaterThanOrEqual(40);
	expect(new Set(ROWS.map((row) => row.case)).size).toBe(ROWS.length);
});

const REQUEST_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

it.each(ROWS.map((row) => [`${row.target} · ${row.case}`, row] as const))(
	'%s',
	async (_name, row) => {
		await sandboxControl(catalogue.sandbox.url).reset();
		const seen = await catalogue.runRow(row);
		const expected: Seen = {
			message: row.error === null ? null : catalogue.fill(row.error),
			description: row.refusedByN8n
				? REFUSED_BY_N8N
				: row.description === undefined
					? null
					: catalogue.fill(row.description),
		};
		if (row.error === null) delete expected.description;
		const actual: Seen = {
			message: seen.message?.replace(REQUEST_ID, '$REQUEST_ID') ?? null,
			description: seen.description?.replace(REQUEST_ID, '$REQUEST_ID') ?? null,
		};
		if (seen.message === null) delete actual.description;
		expect(actual).toEqual(expected);
		expect(String(seen.message)).not.toMatch(/unknown error/i);
	},
);
