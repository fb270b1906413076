/**
 * The credential's Test button, as n8n 2.8.4 and 2.40.7 run it: the credential has no declarative
 * `test`, so n8n's CredentialsTester calls the function the nodes name in `testedBy`, with n8n-core's
 * CredentialTestContext (its legacy request helper, over real HTTP). Every class of Base URL or key
 * problem gets words, never a bare code ("ECONNREFUSED", "ERR_INVALID_URL", "Invalid URL").
 */
import type { ICredentialType, IDataObject, INodeType } from 'n8n-workflow';

import { ComposioApi } from '../../credentials/ComposioApi.credentials';
import { composioApiTest } from '../../nodes/shared/methods/credentialTest';
import { PACKAGE } from '../harness/engine';
import { packageNodeTypes } from '../harness/nodeTypes';
import type { CredentialTestPlaces, Server } from '../harness/credentialTest';
import {
	CREDENTIAL_TEST_CASES,
	SET_BASE_URL,
	closedUrl,
	serve,
	servePage,
} from '../harness/credentialTest';
import { useSandboxSuite } from '../harness/sandboxSuite';

const suite = useSandboxSuite();

/** A bare code, or n8n's own texts for a failed declarative test. */
const RAW =
	/^(E[A-Z_]+|ERR_[A-Z_]+|Invalid URL|Received HTTP status code: \d+|[A-Z][a-z]+( [A-Z][a-z]+)*)$/;

async function test(credentials: IDataObject) {
	const result = await suite.engine.testCredential({
		apiKey: suite.sandbox.apiKey,
		baseUrl: suite.sandbox.url,
		...credentials,
	});
	if (result.status === 'Error') {
		expect(result.message).not.toMatch(RAW);
		expect(result.message).not.toMatch(/unknown error/i);
	}
	return result;
}

describe('which test n8n runs', () => {
	it('the credential has no declarative test, so n8n falls through to the nodes’ testedBy', () => {
		const credential: ICredentialType = new ComposioApi();
		expect(credential.test).toBeUndefined();
	});

	it('every node names composioApiTest and registers the one shared function', () => {
		const types = Object.values(packageNodeTypes(PACKAGE)) as INodeType[];
		expect(types).toHaveLength(5);
		for (const type of types) {
			expect(type.description.credentials).toEqual([
				{ name: 'composioApi', required: true, testedBy: 'composioApiTest' },
			]);
			expect(type.methods?.credentialTest?.composioApiTest).toBe(composioApiTest);
		}
	});
});

describe('the cases real n8n runs too (test/harness/credentialTest.ts)', () => {
	let page: Server | undefined;
	let places: CredentialTestPlaces;

	beforeAll(async () => {
		page = await servePage();
		places = { apiKey: suite.sandbox.apiKey, closedUrl: await closedUrl(), pageUrl: page.url };
	});

	afterAll(async () => {
		await page?.close();
	});

	it.each(CREDENTIAL_TEST_CASES.map((testCase) => [testCase.name, testCase] as const))(
		'%s',
		async (_name, testCase) => {
			testCase.check(await test(testCase.data(places)), places);
		},
	);
});

describe('passes', () => {
	it('with the project key, with a trailing slash or a pasted /api/v3 or /api/v3.1', async () => {
		for (const baseUrl of [
			suite.sandbox.url,
			`${suite.sandbox.url}/`,
			`${suite.sandbox.url}/api/v3.1/`,
			` ${suite.sandbox.url}/api/v3 `,
		]) {
			expect(await test({ baseUrl })).toEqual({ status: 'OK', message: 'Connection successful!' });
		}
		const requests = await suite.control.requests(10);
		expect(requests).toHaveLength(4);
		for (const request of requests) {
			expect(request).toMatchObject({
				method: 'GET',
				path: '/api/v3.1/auth_configs',
				rawQuery: 'limit=1',
			});
			expect(request.credentialHeaders).toEqual(['x-api-key']);
		}
	});
});

describe('a Base URL that is not a URL', () => {
	it.each([
		['empty', '', 'The Base URL is empty.'],
		['only spaces', '   ', 'The Base URL is empty.'],
		[
			'no scheme',
			'backend.composio.dev',
			'The Base URL must start with http:// or https:// (got "backend.composio.dev").',
		],
		[
			'another scheme',
			'ftp://backend.composio.dev',
			'The Base URL must start with http:// or https:// (got "ftp://backend.composio.dev").',
		],
		['a space in the host', 'http://backend composio.dev', 'The Base URL is not a valid URL'],
		[
			'a query string',
			'https://backend.composio.dev/?x=1',
			'The Base URL must not contain a query string or fragment',
		],
	])('%s', async (_name, baseUrl, start) => {
		const result = await test({ baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message.startsWith(start)).toBe(true);
		expect(result.message.endsWith(`\n${SET_BASE_URL}`)).toBe(true);
		expect(await suite.control.requests(1)).toEqual([]);
	});

	it('another token pasted into Base URL is not repeated either', async () => {
		const token = 'dummy3f9a0c1e2b7d4c8f9a0b1c2d3e4f';
		const result = await test({ baseUrl: token });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('looks like a key or token, not a URL');
		expect(result.message).not.toContain(token);
		expect(result.message).not.toContain(token.slice(0, 8));
	});
});

describe('a server that answers, but not as Composio with this key', () => {
	it('403: the key is valid but not allowed', async () => {
		await suite.control.injectFault({
			method: 'GET',
			path: '/api/*/auth_configs',
			kind: 'status',
			status: 403,
		});
		const result = await test({});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'The API key is valid but not allowed to do this. Check the project and the key’s permissions in the Composio dashboard.',
		);
		expect(result.message).toMatch(/HTTP 403/);
	});

	it('404: a Base URL with a further path does not lead to the API', async () => {
		const result = await test({ baseUrl: `${suite.sandbox.url}/composio` });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			`GET /api/v3.1/auth_configs does not exist there, so the Base URL does not lead to the Composio API. ${SET_BASE_URL}`,
		);
	});

	it('a proxy’s HTML error page (502)', async () => {
		const proxy = await serve((_req, res) => {
			res.status(502).type('html').send('<html><body><h1>502 Bad Gateway</h1></body></html>');
		});
		try {
			const result = await test({ baseUrl: proxy.url });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('(the reply was not JSON: "<html><body><h1>502 Bad Gateway');
			expect(result.message).toContain(
				'The answer was not JSON, so it did not come from the Composio API itself (a wrong Base URL, or a proxy in between).',
			);
		} finally {
			await proxy.close();
		}
	});

	it('JSON that is not Composio’s (no "items" list)', async () => {
		const other = await serve((_req, res) => {
			res.json({ status: 'ok' });
		});
		try {
			expect(await test({ baseUrl: other.url })).toEqual({
				status: 'Error',
				message: `${other.url} answered GET /api/v3.1/auth_configs, but not like the Composio API (no "items" list in the reply).\n${SET_BASE_URL}`,
			});
		} finally {
			await other.close();
		}
	});

	it('a server that echoes the key back: the message does not carry it', async () => {
		const key = 'ak_dummy_echo_9f8e7d6c';
		const echo = await serve((req, res) => {
			res.status(400).json({ error: { message: `bad key ${String(req.headers['x-api-key'])}` } });
		});
		try {
			const result = await test({ apiKey: key, baseUrl: echo.url });
			expect(result.status).toBe('Error');
			expect(result.message).toContain('bad key');
			expect(result.message).not.toContain(key);
		} finally {
			await echo.close();
		}
	});

	it('tests once, without the retries a node run makes', async () => {
		await suite.control.injectFault({
			method: 'GET',
			path: '/api/*/auth_configs',
			kind: 'status',
			status: 503,
			times: 5,
		});
		const result = await test({});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/HTTP 503/);
		expect(await suite.control.requests(10)).toHaveLength(1);
	});
});
