/**
 * The credential Test's cases that both test/engine/credential-test.test.ts (n8n's engine) and
 * test/e2e/credential-test.test.ts (the editor's request to real n8n) run: one table, so the two
 * cannot drift apart. Each case names the credential fields it changes and what the Test answers.
 */
import type { Server } from './httpServer';
import { serve } from './httpServer';

export type { Server };
export { serve };

/** The advice every Base URL problem ends with. */
export const SET_BASE_URL =
	'Set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).';

export interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** A URL where nothing listens (a server started and closed again). */
export async function closedUrl(): Promise<string> {
	const closed = await serve(() => undefined);
	await closed.close();
	return closed.url;
}

/** A web page with HTTP 200 where the API should be. */
export async function servePage(): Promise<Server> {
	return await serve((_req, res) => {
		res.status(200).type('html').send('<!doctype html><html><body>Dashboard</body></html>');
	});
}

/** What the cases need: the sandbox's key, a closed URL and a web page's URL. */
export interface CredentialTestPlaces {
	apiKey: string;
	closedUrl: string;
	pageUrl: string;
}

export interface CredentialTestCase {
	name: string;
	/** The credential fields this case changes (the rest: the sandbox and its key). */
	data(places: CredentialTestPlaces): { apiKey?: string; baseUrl?: string };
	check(result: TestResult, places: CredentialTestPlaces): void;
}

export const CREDENTIAL_TEST_CASES: CredentialTestCase[] = [
	{
		name: 'passes with the sandbox and its key',
		data: () => ({}),
		check: (result) => expect(result).toEqual({ status: 'OK', message: 'Connection successful!' }),
	},
	{
		name: 'nothing listening at the Base URL: ECONNREFUSED in words',
		data: ({ closedUrl: url }) => ({ baseUrl: url }),
		check: (result, { closedUrl: url }) =>
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach Composio at ${url} (ECONNREFUSED): nothing accepts connections at that host and port.\nCheck the Base URL in the Composio API credential and that the server is reachable from n8n.`,
			}),
	},
	{
		name: 'a host name that does not exist',
		data: () => ({ baseUrl: 'http://composio-backend.invalid' }),
		check: (result) => {
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^Could not reach Composio at http:\/\/composio-backend\.invalid \((ENOTFOUND|EAI_AGAIN)\): that host name (does not exist|could not be looked up)/,
			);
			expect(result.message).toContain('Check the Base URL in the Composio API credential');
		},
	},
	{
		name: 'the API key pasted into Base URL: swapped fields, the key not repeated',
		data: ({ apiKey }) => ({ apiKey: 'https://backend.composio.dev', baseUrl: apiKey }),
		check: (result) =>
			expect(result).toEqual({
				status: 'Error',
				message: `The Base URL looks like a Composio API key (ak_…): the API Key and Base URL fields may be swapped.\n${SET_BASE_URL}`,
			}),
	},
	{
		name: 'a Base URL without http(s)',
		data: () => ({ baseUrl: 'backend.composio.dev' }),
		check: (result) =>
			expect(result).toEqual({
				status: 'Error',
				message: `The Base URL must start with http:// or https:// (got "backend.composio.dev").\n${SET_BASE_URL}`,
			}),
	},
	{
		name: 'a wrong key (401): Composio’s words, the advice and the request ID, never the key',
		data: () => ({ apiKey: 'ak_dummy_other_project_1' }),
		check: (result) => {
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^Invalid API key\n[\s\S]*Composio rejected the API key\. Check the API key in the Composio API credential; keys belong to one project\.\nComposio error HTTP_Unauthorized, code 10401, HTTP 401, request ID [0-9a-f-]{36}$/,
			);
			expect(result.message).not.toContain('ak_dummy_other_project_1');
		},
	},
	{
		name: 'a web page where the API should be',
		data: ({ pageUrl }) => ({ baseUrl: pageUrl }),
		check: (result, { pageUrl }) =>
			expect(result).toEqual({
				status: 'Error',
				message: `${pageUrl} answered GET /api/v3.1/auth_configs with HTTP 200 and a text/html page that is not JSON, so it is not the Composio API.\n${SET_BASE_URL}`,
			}),
	},
];
