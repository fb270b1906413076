/**
 * The sandbox's Proxy Execute (`POST /tools/execute/proxy`, both prefixes): endpoint resolution and
 * the same-registrable-domain rule, the credential injected per auth scheme, parameter placement,
 * bodies (JSON, text, binary by base64 or URL), binary answers behind signed URLs, provider
 * statuses, and Composio's refusals (OriginMismatch, MissingAuthContext, validation).
 */
import { createHash } from 'node:crypto';

import { SEED_ACCOUNTS } from '../../sandbox/src';
import { registrableDomain, resolveEndpoint } from '../../sandbox/src/routes/proxy';
import { useSandbox, type ErrorWire } from './helpers';

const A = SEED_ACCOUNTS;
/** A made-up GitHub personal access token (the sandbox accepts any text). */
const PERSONAL_ACCESS_TOKEN = ['ghp', 'sandboxExampleOnly'].join('_');
const h = useSandbox({ port: 0 });

interface ProxyWire {
	status: number;
	data: {
		received: {
			method: string;
			url: string;
			path: string;
			query: Record<string, string[]>;
			headers: Record<string, string>;
			injected: { in: string; name: string };
			body: unknown;
			binary_body: Record<string, unknown> | null;
		};
		connected_account_id: string;
		toolkit: string;
	} | null;
	headers: Record<string, string>;
	binary_data?: { url: string; content_type: string; size: number; expires_at: string };
}

const proxy = async <T = ProxyWire>(body: unknown, version: 'v3' | 'v3.1' = 'v3.1') =>
	await h.post<T>('/tools/execute/proxy', body, { version });

describe('endpoint resolution', () => {
	it('registrable domains: the last two labels, three under a multi-label suffix', () => {
		expect(registrableDomain('gmail.googleapis.com')).toBe('googleapis.com');
		expect(registrableDomain('www.googleapis.com')).toBe('googleapis.com');
		expect(registrableDomain('api.example.co.uk')).toBe('example.co.uk');
		expect(registrableDomain('slack.com')).toBe('slack.com');
	});

	it('relative paths join the base URL’s path; absolute URLs must share scheme and registrable domain', () => {
		expect(resolveEndpoint('/auth.test', 'https://slack.com/api').href).toBe(
			'https://slack.com/api/auth.test',
		);
		expect(resolveEndpoint('users/me', 'https://api.github.com').href).toBe(
			'https://api.github.com/users/me',
		);
		expect(resolveEndpoint('https://uploads.github.com/x', 'https://api.github.com').href).toBe(
			'https://uploads.github.com/x',
		);
		for (const endpoint of [
			'https://github.com.evil.example/x',
			'http://api.github.com/x',
			'https://evilgithub.com/x',
		]) {
			expect(() => resolveEndpoint(endpoint, 'https://api.github.com')).toThrow(
				/not on the connected account's domain/,
			);
		}
	});
});

describe('POST /tools/execute/proxy', () => {
	it.each(['v3', 'v3.1'] as const)(
		'on %s: the provider receives the query and headers where they belong, with the injected credential',
		async (version) => {
			const response = await proxy(
				{
					endpoint: '/gmail/v1/users/me/messages?format=minimal',
					method: 'GET',
					connected_account_id: A.aliceGmailWork,
					parameters: [
						{ name: 'maxResults', type: 'query', value: '5' },
						{ name: 'labelIds', type: 'query', value: 'INBOX' },
						{ name: 'labelIds', type: 'query', value: 'UNREAD' },
						{ name: 'X-Trace', type: 'header', value: 'abc' },
					],
				},
				version,
			);
			expect(response.status).toBe(200);
			expect(response.body.status).toBe(200);
			expect(response.body.data?.received).toEqual({
				method: 'GET',
				url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages',
				path: '/gmail/v1/users/me/messages',
				query: { format: ['minimal'], maxResults: ['5'], labelIds: ['INBOX', 'UNREAD'] },
				headers: { 'x-trace': 'abc', authorization: 'Bearer ya29...' },
				injected: { in: 'header', name: 'authorization' },
				body: null,
				binary_body: null,
			});
			expect(response.body.data?.connected_account_id).toBe(A.aliceGmailWork);
		},
	);

	it('injects per auth scheme: OAuth2 and bearer token as Authorization: Bearer, an API key as x-api-key', async () => {
		const config = await h.post<{ auth_config: { id: string } }>('/auth_configs', {
			toolkit: { slug: 'github' },
			auth_config: { type: 'use_custom_auth', authScheme: 'BEARER_TOKEN', name: 'GitHub PAT' },
		});
		const bearer = await h.post<{ id: string }>('/connected_accounts', {
			auth_config: { id: config.body.auth_config.id },
			connection: {
				user_id: 'user_erin',
				state: { authScheme: 'BEARER_TOKEN', val: { token: PERSONAL_ACCESS_TOKEN } },
			},
		});
		expect(bearer.status).toBe(201);
		const cases: Array<[string, string, string]> = [
			[A.bobGithub, 'authorization', 'Bearer gho_...'],
			[A.aliceTavily, 'x-api-key', 'tvly...'],
			[bearer.body.id, 'authorization', 'Bearer ghp_...'],
		];
		for (const [id, header, shown] of cases) {
			const response = await proxy({ endpoint: '/x', method: 'GET', connected_account_id: id });
			expect(response.body.data?.received.injected).toEqual({ in: 'header', name: header });
			expect(response.body.data?.received.headers[header]).toBe(shown);
		}
	});

	it('passes a JSON body, a text body and a base64 binary body on', async () => {
		const json = await proxy({
			endpoint: '/repos/o/r/issues',
			method: 'POST',
			connected_account_id: A.aliceGithub,
			body: { title: 'Bug', labels: ['bug'] },
		});
		expect(json.body.status).toBe(201);
		expect(json.body.data?.received.body).toEqual({ title: 'Bug', labels: ['bug'] });

		const text = await proxy({
			endpoint: '/chat.postMessage',
			method: 'POST',
			connected_account_id: A.bobSlackAcme,
			body: 'channel=%23general&text=hi',
			parameters: [
				{ name: 'Content-Type', type: 'header', value: 'application/x-www-form-urlencoded' },
			],
		});
		expect(text.body.data?.received.body).toBe('channel=%23general&text=hi');

		const bytes = Buffer.from('binary payload \u0000\u0001\u0002');
		const binary = await proxy({
			endpoint: '/upload',
			method: 'PUT',
			connected_account_id: A.aliceGithub,
			binary_body: { base64: bytes.toString('base64'), content_type: 'application/pdf' },
		});
		expect(binary.body.data?.received.binary_body).toEqual({
			size: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			content_type: 'application/pdf',
		});
		expect(binary.body.data?.received.headers['content-type']).toBe('application/pdf');

		const byUrl = await proxy({
			endpoint: '/upload',
			method: 'PUT',
			connected_account_id: A.aliceGithub,
			binary_body: { url: 'https://files.example.com/a.pdf' },
		});
		expect(byUrl.body.data?.received.binary_body).toEqual({
			url: 'https://files.example.com/a.pdf',
			content_type: null,
		});
	});

	it('HEAD gives the status and headers without data', async () => {
		const response = await proxy({
			endpoint: '/x',
			method: 'HEAD',
			connected_account_id: A.aliceGithub,
		});
		expect(response.body).toMatchObject({ status: 200, data: null });
	});

	it('a provider status outside 2xx comes inside Composio’s 200 with the provider’s body and headers', async () => {
		const response = await proxy({
			endpoint: '/repos/o/missing/__status/404',
			method: 'GET',
			connected_account_id: A.aliceGithub,
		});
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({
			status: 404,
			data: { error: { code: 404, message: 'Simulated GitHub error: HTTP 404 Not Found' } },
		});
		const limited = await proxy({
			endpoint: '/x/__status/429?message=slow%20down',
			method: 'GET',
			connected_account_id: A.aliceGithub,
		});
		expect(limited.body.status).toBe(429);
		expect(limited.body.headers['retry-after']).toBe('30');
		expect((limited.body.data as unknown as { error: { message: string } }).error.message).toBe(
			'slow down',
		);
	});

	it('a binary answer is a signed URL (no API key needed) that expires', async () => {
		const response = await proxy({
			endpoint: '/files/__binary?content_type=application/pdf&size=1000',
			method: 'GET',
			connected_account_id: A.aliceGmailWork,
		});
		const binary = response.body.binary_data;
		expect(binary).toMatchObject({ content_type: 'application/pdf', size: 1000 });
		expect(binary?.expires_at).toBe('2026-06-01T10:00:00.000Z');
		const download = await fetch(binary?.url ?? '');
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toMatch(/application\/pdf/);
		expect((await download.arrayBuffer()).byteLength).toBe(1000);

		await h.control.advanceClock(60 * 60 * 1000 + 1);
		expect((await fetch(binary?.url ?? '')).status).toBe(403);
		await h.control.reset();
		expect((await fetch(binary?.url ?? '')).status).toBe(404);
	});
});

describe('refusals', () => {
	it('OriginMismatch for an absolute URL on another registrable domain or scheme', async () => {
		for (const endpoint of ['https://attacker.example/x', 'http://gmail.googleapis.com/x']) {
			const response = await proxy<ErrorWire>({
				endpoint,
				method: 'GET',
				connected_account_id: A.aliceGmailWork,
			});
			expect(response.status).toBe(400);
			expect(response.body.error).toMatchObject({ slug: 'OriginMismatch', status: 400 });
			expect(response.body.error.suggested_fix).toMatch(/relative/);
		}
	});

	it.each([
		['no connected account', {}, 400, 'MissingAuthContext'],
		[
			'an account that is not ACTIVE (EXPIRED)',
			{ connected_account_id: A.bobGmailExpired },
			400,
			'MissingAuthContext',
		],
		[
			'a disabled account (INACTIVE)',
			{ connected_account_id: A.aliceSlackInactive },
			400,
			'MissingAuthContext',
		],
		[
			'a pending account (INITIATED)',
			{ connected_account_id: A.bobGmailInitiated },
			400,
			'MissingAuthContext',
		],
		[
			'an unknown account',
			{ connected_account_id: 'ca_doesNotExist1' },
			404,
			'ConnectedAccount_ResourceNotFound',
		],
		[
			'a deleted account',
			{ connected_account_id: A.carolGithubDeleted },
			404,
			'ConnectedAccount_ResourceNotFound',
		],
	])('%s', async (_what, extra, status, slug) => {
		const response = await proxy<ErrorWire>({ endpoint: '/x', method: 'GET', ...extra });
		expect(response.status).toBe(status);
		expect(response.body.error.slug).toBe(slug);
	});

	it.each([
		['an empty endpoint', { endpoint: ' ' }, /endpoint/],
		[
			'an unknown method',
			{ method: 'FETCH' },
			/method: expected one of GET, POST, PUT, DELETE, PATCH, HEAD/,
		],
		['parameters that are not a list', { parameters: { q: 1 } }, /parameters: expected an array/],
		[
			'a parameter of another type',
			{ parameters: [{ name: 'a', type: 'cookie', value: '1' }] },
			/type/,
		],
		[
			'a parameter value that is not text',
			{ parameters: [{ name: 'a', type: 'query', value: 1 }] },
			/value/,
		],
		[
			'a binary body with neither url nor base64',
			{ method: 'POST', binary_body: {} },
			/either url or base64/,
		],
		[
			'a binary body that is not base64',
			{ method: 'POST', binary_body: { base64: '%%%' } },
			/not base64/,
		],
		[
			'both body and binary body',
			{ method: 'POST', body: { a: 1 }, binary_body: { base64: 'AA==' } },
			/Only one of body or binary_body/,
		],
	])('400 for %s', async (_what, extra, message) => {
		const response = await proxy<ErrorWire>({
			endpoint: '/x',
			method: 'GET',
			connected_account_id: A.aliceGithub,
			...extra,
		});
		expect(response.status).toBe(400);
		expect(JSON.stringify(response.body.error)).toMatch(message);
	});

	it('a base64 body of 4 MB is taken; one byte more is 413', async () => {
		const body = (bytes: number) => ({
			endpoint: '/upload',
			method: 'POST',
			connected_account_id: A.aliceGithub,
			binary_body: { base64: Buffer.alloc(bytes, 7).toString('base64') },
		});
		const fits = await proxy(body(4 * 1024 * 1024));
		expect(fits.status).toBe(200);
		expect(fits.body.data?.received.binary_body).toMatchObject({ size: 4 * 1024 * 1024 });
		const tooLarge = await proxy<ErrorWire>(body(4 * 1024 * 1024 + 1));
		expect(tooLarge.status).toBe(413);
		expect(tooLarge.body.error.message).toBe('binary_body.base64 is larger than 4 MB');
	}, 60_000);

	it('401 without the API key, like every API route', async () => {
		const response = await h.post(
			'/tools/execute/proxy',
			{ endpoint: '/x', method: 'GET' },
			{ apiKey: null },
		);
		expect(response.status).toBe(401);
	});
});
