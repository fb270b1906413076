/**
 * The credential's Test button in real n8n (2.40.7 on Node 24, 2.8.4 on Node 20): the editor's
 * request, POST /rest/credentials/test, against `n8n start` with the built package installed as a
 * community package. n8n's CredentialsTester finds no declarative `test` on the credential and calls
 * the nodes' `testedBy` function; every Base URL or key problem comes back in words, never as a bare
 * code ("ECONNREFUSED", "ERR_INVALID_URL").
 *
 * Needs `npm run build` and `npm run n8n:install`.
 */
import express from 'express';

import { startSandbox } from '../../sandbox/src/index';
import type { N8nInstance } from './real-n8n.helpers.cjs';
import { createInstance, requireBuiltPackage, requireN8n } from './real-n8n.helpers.cjs';
import type { RunningN8n } from './templates.helpers.cjs';
import { CREDENTIAL, restClient, startServer } from './templates.helpers.cjs';

const SETUP_TIMEOUT_MS = 15 * 60 * 1000;
const SET_BASE_URL =
	'Set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface TestResult {
	status: 'OK' | 'Error';
	message: string;
}

interface Server {
	url: string;
	close(): Promise<void>;
}

async function serve(
	handler: (req: express.Request, res: express.Response) => void,
): Promise<Server> {
	const app = express();
	app.use(handler);
	const server: ReturnType<typeof app.listen> = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe.each(['2.40.7', '2.8.4'])('the credential Test in n8n %s', (version) => {
	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	let server: RunningN8n | undefined;
	let html: Server | undefined;
	let closedUrl = '';
	let rest: ReturnType<typeof restClient>;

	beforeAll(async () => {
		const runtime = requireN8n(version);
		const pkg = requireBuiltPackage();
		sandbox = await startSandbox({ port: 0 });
		html = await serve((_req, res) => {
			res.status(200).type('html').send('<!doctype html><html><body>Dashboard</body></html>');
		});
		const closed = await serve(() => undefined);
		closedUrl = closed.url;
		await closed.close();
		// The first CLI command creates n8n's database (hundreds of migrations): minutes on a busy machine.
		n8n = await createInstance(runtime, { timeoutMs: 10 * 60 * 1000 });
		n8n.installPackage(pkg.dir);
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'composioApi',
				data: { apiKey: sandbox.apiKey, baseUrl: sandbox.url },
			},
		]);
		server = await startServer(runtime, { userFolder: n8n.userFolder });
		rest = restClient(server.url, runtime);
		await rest.ensureOwner();
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await server?.stop();
		n8n?.cleanup();
		await html?.close();
		await sandbox?.close();
	}, 60000);

	/** What the editor sends when the user clicks Test in the credential modal. */
	async function testCredential(data: Record<string, string>): Promise<TestResult> {
		return (await rest.request('POST', '/credentials/test', {
			credentials: {
				id: CREDENTIAL.id,
				name: CREDENTIAL.name,
				type: 'composioApi',
				data: { apiKey: sandbox!.apiKey, baseUrl: sandbox!.url, ...data },
			},
		})) as TestResult;
	}

	it('passes with the sandbox and its key', async () => {
		expect(await testCredential({})).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('nothing listening at the Base URL: ECONNREFUSED in words', async () => {
		expect(await testCredential({ baseUrl: closedUrl })).toEqual({
			status: 'Error',
			message: `Could not reach Composio at ${closedUrl} (ECONNREFUSED): nothing accepts connections at that host and port.\nCheck the Base URL in the Composio API credential and that the server is reachable from n8n.`,
		});
	});

	it('a host name that does not exist', async () => {
		const result = await testCredential({ baseUrl: 'http://composio-backend.invalid' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Could not reach Composio at http:\/\/composio-backend\.invalid \((ENOTFOUND|EAI_AGAIN)\): that host name (does not exist|could not be looked up)/,
		);
	});

	it('the API key pasted into Base URL: swapped fields, the key not repeated', async () => {
		const result = await testCredential({
			apiKey: 'https://backend.composio.dev',
			baseUrl: sandbox!.apiKey,
		});
		expect(result).toEqual({
			status: 'Error',
			message: `The Base URL looks like a Composio API key (ak_…): the API Key and Base URL fields may be swapped.\n${SET_BASE_URL}`,
		});
	});

	it('a Base URL without http(s)', async () => {
		expect(await testCredential({ baseUrl: 'backend.composio.dev' })).toEqual({
			status: 'Error',
			message: `The Base URL must start with http:// or https:// (got "backend.composio.dev").\n${SET_BASE_URL}`,
		});
	});

	it('a wrong key (401): Composio’s words, the advice and the request ID', async () => {
		const result = await testCredential({ apiKey: 'ak_dummy_other_project_1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Invalid API key\n[\s\S]*Composio rejected the API key\. Check the API key in the Composio API credential; keys belong to one project\.\nComposio error HTTP_Unauthorized, code 10401, HTTP 401, request ID [0-9a-f-]{36}$/,
		);
		expect(result.message).not.toContain('ak_dummy_other_project_1');
	});

	it('a web page where the API should be', async () => {
		expect(await testCredential({ baseUrl: html!.url })).toEqual({
			status: 'Error',
			message: `${html!.url} answered GET /api/v3.1/auth_configs with HTTP 200 and a text/html page that is not JSON, so it is not the Composio API.\n${SET_BASE_URL}`,
		});
	});
});
