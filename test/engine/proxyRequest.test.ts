/**
 * Composio Proxy Request through n8n's engine against the sandbox, whose simulated provider echoes
 * what it received: where query parameters, headers, the body and the injected credential ended up,
 * which account made the request, binary bodies and answers, provider errors and Composio's refusals.
 */
import { createHash } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SEED_ACCOUNTS } from '../../sandbox/src';
import type { RequestLogEntry } from '../../sandbox/src/types';
import { proxyNode as proxy } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const A = SEED_ACCOUNTS;
const PROXY = '/api/v3.1/tools/execute/proxy';

const suite = useSandboxSuite();

const rows = (pairs: Array<[string, string]>) => ({
	parameters: pairs.map(([name, value]) => ({ name, value })),
});

async function proxyRequests(): Promise<RequestLogEntry[]> {
	return (await suite.control.requests()).filter((r) => r.path === PROXY);
}

async function run(node: ReturnType<typeof proxy>, items?: INodeExecutionData[]) {
	return await suite.engine.runNode(node, items);
}

/** What the simulated provider received, from the echo in the output's `data`. */
function received(json: IDataObject): IDataObject {
	return (json.data as IDataObject).received as IDataObject;
}

describe('a GET with query parameters and headers', () => {
	it('places each query parameter and header, and Composio’s injected credential, where the provider expects them', async () => {
		const result = await run(
			proxy({
				endpoint: '/gmail/v1/users/me/messages',
				sendQuery: true,
				queryParameters: rows([
					['maxResults', '10'],
					['q', 'is:unread from:ann@example.com'],
				]),
				sendHeaders: true,
				headerParameters: rows([['X-Request-Tag', 'n8n-test']]),
			}),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Proxy');
		expect(out).toMatchObject({
			status: 200,
			ok: true,
			method: 'GET',
			endpoint: '/gmail/v1/users/me/messages',
			toolkit: 'gmail',
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
		});
		expect(received(out)).toMatchObject({
			method: 'GET',
			url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages',
			query: { maxResults: ['10'], q: ['is:unread from:ann@example.com'] },
			injected: { in: 'header', name: 'authorization' },
			body: null,
		});
		const headers = received(out).headers as IDataObject;
		expect(headers['x-request-tag']).toBe('n8n-test');
		expect(headers.authorization).toMatch(/^Bearer ya29\.\.\.$/);
		expect((out.headers as IDataObject)['x-sandbox-provider']).toBe('gmail');

		const [sent] = await proxyRequests();
		expect(sent.body).toEqual({
			endpoint: '/gmail/v1/users/me/messages',
			method: 'GET',
			connected_account_id: A.aliceGmailPersonal,
			parameters: [
				{ name: 'maxResults', type: 'query', value: '10' },
				{ name: 'q', type: 'query', value: 'is:unread from:ann@example.com' },
				{ name: 'X-Request-Tag', type: 'header', value: 'n8n-test' },
			],
		});
	});

	it('takes query parameters and headers as JSON; a list repeats a query parameter, numbers and booleans become text', async () => {
		const result = await run(
			proxy({
				sendQuery: true,
				specifyQuery: 'json',
				jsonQuery: '{"labelIds": ["INBOX", "UNREAD"], "maxResults": 5, "includeSpamTrash": false}',
				sendHeaders: true,
				specifyHeaders: 'json',
				jsonHeaders: '={{ JSON.stringify({ Accept: "application/json", "X-Count": 2 }) }}',
			}),
		);
		expect(result.status).toBe('success');
		const echo = received(result.json('Proxy')[0]);
		expect(echo.query).toEqual({
			labelIds: ['INBOX', 'UNREAD'],
			maxResults: ['5'],
			includeSpamTrash: ['false'],
		});
		expect(echo.headers).toMatchObject({ accept: 'application/json', 'x-count': '2' });
	});

	it('keeps a query string written into the endpoint and adds a missing leading slash', async () => {
		const result = await run(
			proxy({
				endpoint: 'gmail/v1/users/me/messages?format=minimal',
				sendQuery: true,
				queryParameters: rows([['maxResults', '1']]),
			}),
		);
		const [out] = result.json('Proxy');
		expect(out.endpoint).toBe('/gmail/v1/users/me/messages?format=minimal');
		expect(received(out).query).toEqual({ format: ['minimal'], maxResults: ['1'] });
	});

	it('resolves a relative endpoint against a base URL with a path (Slack: https://slack.com/api)', async () => {
		const result = await run(
			proxy({ toolkit: 'slack', userId: 'user_bob', endpoint: '/auth.test' }),
		);
		expect(received(result.json('Proxy')[0]).url).toBe('https://slack.com/api/auth.test');
	});

	it('accepts an absolute URL on the account’s registrable domain (gmail.googleapis.com → www.googleapis.com)', async () => {
		const result = await run(proxy({ endpoint: 'https://www.googleapis.com/oauth2/v2/userinfo' }));
		expect(result.status).toBe('success');
		expect(received(result.json('Proxy')[0]).url).toBe(
			'https://www.googleapis.com/oauth2/v2/userinfo',
		);
	});

	it('injects an API key account’s key as its header, a bearer-token account’s token as Authorization', async () => {
		const tavily = await run(proxy({ toolkit: 'tavily', endpoint: '/search', method: 'POST' }));
		const echo = received(tavily.json('Proxy')[0]);
		expect(echo.injected).toEqual({ in: 'header', name: 'x-api-key' });
		expect((echo.headers as IDataObject)['x-api-key']).toMatch(/^tvly\.\.\.$/);
		const github = await run(proxy({ toolkit: 'github', endpoint: '/user' }));
		expect(received(github.json('Proxy')[0]).injected).toEqual({
			in: 'header',
			name: 'authorization',
		});
	});

	it('HEAD returns the status and headers without data', async () => {
		const result = await run(proxy({ method: 'HEAD' }));
		const [out] = result.json('Proxy');
		expect(out).toMatchObject({ status: 200, method: 'HEAD', data: null });
	});
});

describe('a request with a body', () => {
	it('POST with a JSON body (Using JSON) sends it as the proxy’s body', async () => {
		const result = await run(
			proxy({
				toolkit: 'github',
				method: 'POST',
				endpoint: '/repos/alice-dev/demo/issues',
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: '{"title": "Found a bug", "labels": ["bug"], "assignees": []}',
			}),
		);
		expect(result.status).toBe('success');
		const [out] = result.json('Proxy');
		expect(out.status).toBe(201);
		expect(received(out)).toMatchObject({
			method: 'POST',
			url: 'https://api.github.com/repos/alice-dev/demo/issues',
			body: { title: 'Found a bug', labels: ['bug'], assignees: [] },
		});
		expect((await proxyRequests())[0].body).toMatchObject({
			method: 'POST',
			body: { title: 'Found a bug', labels: ['bug'], assignees: [] },
		});
	});

	it('a JSON body from an expression object, and from fields, for PUT, PATCH and DELETE', async () => {
		for (const method of ['PUT', 'PATCH', 'DELETE']) {
			const result = await run(
				proxy({
					toolkit: 'github',
					method,
					endpoint: '/repos/alice-dev/demo',
					sendBody: true,
					specifyBody: 'keypair',
					bodyParameters: rows([
						['name', 'demo'],
						['description', 'Renamed'],
					]),
				}),
			);
			expect(received(result.json('Proxy')[0])).toMatchObject({
				method,
				body: { name: 'demo', description: 'Renamed' },
			});
		}
		const fromExpression = await run(
			proxy({
				toolkit: 'github',
				method: 'PATCH',
				endpoint: '/repos/alice-dev/demo',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ { private: true, topics: $json.topics } }}',
			}),
			[{ json: { topics: ['n8n', 'composio'] } }],
		);
		expect(received(fromExpression.json('Proxy')[0]).body).toEqual({
			private: true,
			topics: ['n8n', 'composio'],
		});
	});

	it('form fields are sent URL-encoded with their content type', async () => {
		const result = await run(
			proxy({
				toolkit: 'slack',
				userId: 'user_bob',
				method: 'POST',
				endpoint: '/chat.postMessage',
				sendBody: true,
				contentType: 'form-urlencoded',
				bodyParameters: rows([
					['channel', '#general'],
					['text', 'Hello & welcome'],
				]),
			}),
		);
		const echo = received(result.json('Proxy')[0]);
		expect(echo.body).toBe('channel=%23general&text=Hello+%26+welcome');
		expect((echo.headers as IDataObject)['content-type']).toBe('application/x-www-form-urlencoded');
	});

	it('an n8n binary property becomes binary_body (base64 with the file’s content type)', async () => {
		const bytes = Buffer.from('%PDF-1.4 a tiny test document\n', 'utf8');
		const result = await run(
			proxy({
				toolkit: 'github',
				method: 'PUT',
				endpoint: '/repos/alice-dev/demo/contents/report.pdf',
				sendBody: true,
				contentType: 'binaryData',
				inputDataFieldName: 'report',
			}),
			[
				{
					json: {},
					binary: {
						report: {
							data: bytes.toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'report.pdf',
						},
					},
				},
			],
		);
		expect(result.status).toBe('success');
		expect(received(result.json('Proxy')[0]).binary_body).toEqual({
			size: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			content_type: 'application/pdf',
		});
		expect((await proxyRequests())[0].body).toMatchObject({
			binary_body: { base64: bytes.toString('base64'), content_type: 'application/pdf' },
		});
	});
});

describe('a binary answer', () => {
	it('is downloaded from the signed URL into a binary property; the JSON describes it', async () => {
		const result = await run(
			proxy({
				toolkit: 'github',
				endpoint: '/repos/alice-dev/demo/avatar/__binary?size=300',
				options: { outputBinaryPropertyName: 'avatar' },
			}),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Proxy');
		expect(item.json).toMatchObject({
			status: 200,
			data: null,
			binary_data: { content_type: 'image/png', size: 300, property: 'avatar' },
		});
		const file = item.binary?.avatar;
		expect(file?.mimeType).toBe('image/png');
		const bytes = Buffer.from(file?.data ?? '', 'base64');
		expect(bytes.length).toBe(300);
		expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
		expect(item.pairedItem).toEqual({ item: 0 });
		// The storage URL is fetched without the Composio API key.
		const download = (await suite.control.requests()).find((r) =>
			r.path.startsWith('/_proxy_files/'),
		);
		expect(download?.credentialHeaders).toEqual([]);
	});

	it('an expired download URL is an error that says the request already ran', async () => {
		// The storage answers 403 once the signed URL has expired (the sandbox's own expiry is tested in test/sandbox/proxy.test.ts).
		await suite.control.injectFault({
			method: 'GET',
			path: '/_proxy_files/*',
			kind: 'status',
			status: 403,
			body: 'Request has expired',
		});
		const result = await run(proxy({ endpoint: '/x/__binary' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Could not download .* \(HTTP 403\)/);
		expect(result.error?.description).toMatch(/already ran at the provider/);
	});
});

describe('which account makes the request', () => {
	it('User’s Default: the user’s most recent ACTIVE account of the toolkit', async () => {
		const result = await run(proxy());
		expect(result.json('Proxy')[0].connected_account_id).toBe(A.aliceGmailPersonal);
	});

	it('Specific Account and By Alias use exactly that account', async () => {
		const specific = await run(
			proxy({
				accountSelection: 'specific',
				connectedAccount: { __rl: true, mode: 'id', value: A.aliceGmailWork },
			}),
		);
		expect(specific.json('Proxy')[0].connected_account_id).toBe(A.aliceGmailWork);
		const alias = await run(proxy({ accountSelection: 'alias', accountAlias: 'work' }));
		expect(alias.json('Proxy')[0].connected_account_id).toBe(A.aliceGmailWork);
		expect(
			(await proxyRequests()).map((r) => (r.body as IDataObject).connected_account_id),
		).toEqual([A.aliceGmailWork, A.aliceGmailWork]);
	});

	it.each([
		[
			'another user’s account',
			{
				accountSelection: 'specific',
				connectedAccount: { __rl: true, mode: 'id', value: A.bobGithub },
			},
			/belongs to another user/,
		],
		[
			'an account of another toolkit',
			{
				accountSelection: 'specific',
				connectedAccount: { __rl: true, mode: 'id', value: A.aliceGithub },
			},
			/is a github account, but Proxy Request needs a gmail account/,
		],
		[
			'a deleted account',
			{
				userId: 'user_carol',
				toolkit: 'github',
				accountSelection: 'specific',
				connectedAccount: { __rl: true, mode: 'id', value: A.carolGithubDeleted },
			},
			/does not exist/,
		],
		[
			'an alias nobody has',
			{ accountSelection: 'alias', accountAlias: 'nope' },
			/no gmail account with the alias "nope"/,
		],
		[
			'a user without accounts',
			{ userId: 'user_erin' },
			/user "user_erin" has no ACTIVE gmail account/,
		],
		[
			'an EXPIRED account only',
			{ userId: 'user_bob' },
			/user "user_bob" has no ACTIVE gmail account/,
		],
		[
			'a disabled (INACTIVE) account',
			{ userId: 'user_alice', toolkit: 'slack' },
			/no ACTIVE slack account/,
		],
	])('refuses %s before anything is proxied', async (_what, parameters, message) => {
		const result = await run(proxy(parameters as INodeParameters));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
		expect(await proxyRequests()).toEqual([]);
	});

	it('"Return Connect Link When Not Connected" answers with a fresh link instead (never for a disabled account)', async () => {
		const result = await run(proxy({ userId: 'user_erin', options: { returnConnectLink: true } }));
		expect(result.status).toBe('success');
		const [out] = result.json('Proxy');
		expect(out).toMatchObject({ connected: false, toolkit: 'gmail', user_id: 'user_erin' });
		expect(String(out.connect_url)).toMatch(/\/link\/ln_/);
		expect(String(out.message)).toMatch(/Proxy Request did not run/);
		expect(await proxyRequests()).toEqual([]);

		const paused = await run(proxy({ toolkit: 'slack', options: { returnConnectLink: true } }));
		expect(paused.status).toBe('error');
		expect(paused.error?.description).toMatch(/disabled/);
	});

	it('"Fail When Several Accounts Match" refuses the ambiguous default', async () => {
		const result = await run(proxy({ options: { failWhenSeveral: true } }));
		expect(result.error?.message).toMatch(/has 2 ACTIVE gmail accounts/);
	});
});

describe('the provider’s answer outside 2xx', () => {
	it('is an error with the provider’s message and status by default', async () => {
		const result = await run(proxy({ endpoint: '/gmail/v1/users/me/messages/nope/__status/404' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The gmail API answered HTTP 404: Simulated Gmail error: HTTP 404 Not Found',
		);
		expect(result.error?.description).toMatch(/the provider’s answer, not Composio’s/);
		expect(result.error?.description).toMatch(/Return Provider Errors as Data/);
		expect(result.error?.httpCode).toBe('404');
	});

	it('with On Error → Continue, each failed item is an error item paired with its input', async () => {
		const result = await run(
			proxy({ endpoint: '={{ $json.path }}' }, { onError: 'continueRegularOutput' }),
			[
				{ json: { path: '/ok' } },
				{ json: { path: '/rate/__status/429' } },
				{ json: { path: '/ok2' } },
			],
		);
		expect(result.status).toBe('success');
		const items = result.output('Proxy');
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json).toMatchObject({
			error: 'The gmail API answered HTTP 429: Simulated Gmail error: HTTP 429 Too Many Requests',
			httpCode: '429',
		});
		expect(String(items[1].json.description)).toMatch(/asked to wait 30 s/);
		expect(items[0].json.status).toBe(200);
		expect(items[2].json.status).toBe(200);
		// A provider's 429 comes inside Composio's 200: it is reported, not repeated.
		expect(await proxyRequests()).toHaveLength(3);
	});

	it('"Return Provider Errors as Data" returns it as an item with its status', async () => {
		const result = await run(
			proxy({
				endpoint: '/x/__status/403?message=Insufficient%20Permission',
				options: { returnErrorsAsData: true },
			}),
		);
		expect(result.status).toBe('success');
		expect(result.json('Proxy')[0]).toMatchObject({
			status: 403,
			ok: false,
			data: { error: { code: 403, message: 'Insufficient Permission' } },
		});
	});
});

describe('Composio’s refusals say what to change', () => {
	it('OriginMismatch: an absolute URL on another domain', async () => {
		const result = await run(proxy({ endpoint: 'https://api.evil.example/steal' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Endpoint: https://api.evil.example/steal is not on the gmail account’s API domain (Composio: OriginMismatch)',
		);
		expect(result.error?.description).toMatch(/Use a path relative to the toolkit’s base URL/);
		expect(result.error?.description).toMatch(/Composio said: .*registrable domain/);
		expect(result.error?.httpCode).toBe('400');
	});

	it('MissingAuthContext: the account lost its credentials after the check', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: PROXY,
			kind: 'status',
			status: 400,
			body: {
				error: {
					message: 'No auth context for the request',
					code: 1831,
					slug: 'MissingAuthContext',
					status: 400,
					request_id: 'req_missing_auth',
				},
			},
		});
		const result = await run(proxy());
		expect(result.error?.message).toBe(
			`Composio has no credentials to send with this request for connected account ${A.aliceGmailPersonal} (Composio: MissingAuthContext)`,
		);
		expect(result.error?.description).toMatch(/must be ACTIVE/);
		expect(result.error?.description).toMatch(/req_missing_auth/);
	});

	it('403: a key without the Proxy execute permission', async () => {
		await suite.control.injectFault({ method: 'POST', path: PROXY, kind: 'status', status: 403 });
		const result = await run(proxy(), undefined);
		expect(result.error?.message).toBe(
			'The API key of the Composio credential may not use Proxy Execute (HTTP 403)',
		);
		expect(result.error?.description).toMatch(/"Proxy execute" permission/);
	});

	it('the sandbox’s own MissingAuthContext for a request without an account (what a raw call gets)', async () => {
		const response = await fetch(`${suite.sandbox.url}${PROXY}`, {
			method: 'POST',
			headers: { 'x-api-key': suite.sandbox.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ endpoint: '/x', method: 'GET' }),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: IDataObject }).error.slug).toBe(
			'MissingAuthContext',
		);
	});
});

describe('retries: a proxied request may change data, so only a 429 is repeated', () => {
	it('Composio’s 429 is waited out and repeated', async () => {
		await suite.control.injectFault({
			method: 'POST',
			path: PROXY,
			kind: 'status',
			status: 429,
			retryAfter: 0,
		});
		const result = await run(proxy());
		expect(result.status).toBe('success');
		expect(await proxyRequests()).toHaveLength(2);
	});

	it.each([
		['a 502', { kind: 'status', status: 502 }],
		['a lost answer', { kind: 'drop_after' }],
	])('%s is reported, never repeated', async (_what, fault) => {
		await suite.control.injectFault({ method: 'POST', path: PROXY, ...fault } as never);
		const result = await run(proxy());
		expect(result.status).toBe('error');
		expect(await proxyRequests()).toHaveLength(1);
	});
});

describe('bad input per item', () => {
	it('fails only the item that is wrong, naming the field, paired with its input; the others run', async () => {
		const result = await run(
			proxy(
				{
					method: '={{ $json.method }}',
					endpoint: '={{ $json.path }}',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ $json.body }}',
				},
				{ onError: 'continueRegularOutput' },
			),
			[
				{ json: { method: 'POST', path: '/gmail/v1/users/me/drafts', body: '{"a": 0}' } },
				{ json: { method: 'FETCH', path: '/x', body: '{}' } },
				{ json: { method: 'POST', path: '/x', body: '{"a": ' } },
				{ json: { method: 'POST', path: 'https://attacker.example/x', body: '{}' } },
				{ json: { method: 'POST', path: '', body: '{}' } },
				{ json: { method: 'POST', path: '/gmail/v1/users/me/drafts', body: '{"a": 1}' } },
			],
		);
		expect(result.status).toBe('success');
		const items = result.output('Proxy');
		expect(items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(items.map((i) => String(i.json.error ?? 'ok').split(':')[0])).toEqual([
			'ok',
			'Method',
			'Body (JSON)',
			'Endpoint',
			'Endpoint',
			'ok',
		]);
		// Only the valid items and the foreign URL (refused by Composio) reached the proxy.
		expect(await proxyRequests()).toHaveLength(3);
	});

	it('with "Continue (using error output)" the failed item leaves on the error output, paired', async () => {
		const result = await run(
			proxy({ endpoint: '={{ $json.path }}' }, { onError: 'continueErrorOutput' }),
			[{ json: { path: '/ok' } }, { json: { path: '//attacker.example/x' } }],
		);
		expect(result.output('Proxy', 0).map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		const [failed] = result.output('Proxy', 1);
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json.error).toBe('Endpoint: "//attacker.example/x" has no scheme');
	});

	it('a binary body over 4 MB is refused before sending, naming the field', async () => {
		const big = Buffer.alloc(4 * 1024 * 1024 + 1, 1);
		const result = await run(
			proxy({
				method: 'POST',
				endpoint: '/upload',
				sendBody: true,
				contentType: 'binaryData',
			}),
			[{ json: {}, binary: { data: { data: big.toString('base64'), mimeType: 'image/png' } } }],
		);
		expect(result.error?.message).toBe(
			'Input Binary Field: "data" is 4194305 bytes; Composio accepts at most 4 MB (4194304 bytes) inline',
		);
		expect(await proxyRequests()).toEqual([]);
	}, 60_000);
});
