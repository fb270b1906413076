/**
 * What the transport hands on from Composio's answers and which requests it repeats, through
 * `composioRequest` itself with scripted answers (issue 17: found untested by the mutation run).
 *
 * n8n hands the transport each answer as text; the API key must not come out of it however JSON
 * spells it (`\/`, `\uXXXX`, `\t` escapes), in the body, a text body or the headers. And a request
 * that may already have run on Composio's side (a POST) is never sent twice unless the caller says
 * it is safe to repeat.
 */

import type { ComposioRequest, RetryPolicy } from '../../nodes/shared/transport';
import { composioRequest, REDACTED } from '../../nodes/shared/transport';
import { secretScanner } from '../../nodes/shared/transport/redact';
import type { ScriptedReply } from '../harness/scriptedTransport';
import { scriptedContext } from '../harness/scriptedTransport';

const KEY = 'ak_secret_key_value';

type Reply = ScriptedReply;

/** Scripted answers (raw text, as n8n gives them) for a credential holding `apiKey`. */
function context(replies: Array<Reply | Error>, apiKey = KEY) {
	return scriptedContext(replies, { apiKey, baseUrl: 'https://answers.example.test' });
}

/** Retries without real waiting (timing is not what these tests look at). */
const FAST: RetryPolicy = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1000 };

async function answer(reply: Reply, apiKey = KEY) {
	const { ctx } = context([reply], apiKey);
	return await composioRequest.call(ctx, { method: 'GET', path: '/x', retryPolicy: FAST });
}

describe('the API key never comes out of an answer, however JSON writes it', () => {
	it.each([
		['as itself', KEY, `{"echo":"key=${KEY}"}`],
		['with \\u escapes', KEY, '{"echo":"key=ak_\\u0073ecret_key_v\\u0061lue"}'],
		['with \\/ escapes', 'ak/secret/key/value', '{"echo":"key=ak\\/secret\\/key\\/value"}'],
		['with an escaped quote', 'ak"secret_key_value', '{"echo":"key=ak\\"secret_key_value"}'],
		['with an escaped backslash', 'ak\\secret_key_value', '{"echo":"key=ak\\\\secret_key_value"}'],
		['with a \\t escape', 'ak_secret\tkey_value', '{"echo":"key=ak_secret\\tkey_value"}'],
		['with a \\n escape', 'ak_secret\nkey_value', '{"echo":"key=ak_secret\\nkey_value"}'],
	])('a key written %s in a JSON body', async (_how, apiKey, text) => {
		expect(JSON.parse(text).echo).toBe(`key=${apiKey}`);
		const { body } = await answer({ statusCode: 200, body: text }, apiKey);
		expect(body).toEqual({ echo: `key=${REDACTED}` });
	});

	it('a key as an object key, deep in lists', async () => {
		const text = JSON.stringify({ items: [{ [`h-${KEY}`]: [1, `x${KEY}`] }] });
		const { body } = await answer({ statusCode: 200, body: text });
		expect(body).toEqual({ items: [{ [`h-${REDACTED}`]: [1, `x${REDACTED}`] }] });
	});

	it('a key in an answer that is not JSON (an error page of a proxy)', async () => {
		const page = `<html>bad gateway; x-api-key: ${KEY}</html>`;
		const { ctx } = context([{ statusCode: 200, body: page }]);
		await expect(
			composioRequest.call(ctx, { method: 'GET', path: '/x', retry: 'rateLimitOnly' }),
		).rejects.toThrow();
		const { ctx: accepting } = context([{ statusCode: 502, body: page }]);
		const { body } = await composioRequest.call(accepting, {
			method: 'GET',
			path: '/x',
			acceptStatuses: [502],
		});
		expect(body).toBe(`<html>bad gateway; x-api-key: ${REDACTED}</html>`);
	});

	it.each([
		['a header value', { 'x-echo': `key=${KEY}` }, { 'x-echo': `key=${REDACTED}` }],
		[
			'a header list',
			{ 'x-list': ['clean', `k ${KEY}`] },
			{ 'x-list': ['clean', `k ${REDACTED}`] },
		],
		['a header name', { [`x-${KEY}`]: 'named' }, { [`x-${REDACTED}`]: 'named' }],
		[
			'a header that is not text',
			{ 'x-odd': { nested: `k ${KEY}` } },
			{ 'x-odd': { nested: `k ${REDACTED}` } },
		],
		[
			'a list of headers that are not text',
			{ 'x-odd': [{ nested: `k ${KEY}` }] },
			{ 'x-odd': [{ nested: `k ${REDACTED}` }] },
		],
	])('a key in %s, the other headers kept', async (_where, header, redacted) => {
		// The key as pasted with spaces around it: both it and its trimmed form are looked for.
		const headers = { 'x-request-id': 'r_1', ...header, 'x-after': ['a', 'b'] };
		const reply = await answer({ statusCode: 200, body: '{}', headers }, `  ${KEY}  `);
		expect(reply.headers).toEqual({ 'x-request-id': 'r_1', ...redacted, 'x-after': ['a', 'b'] });
	});

	it('clean answers come through exactly: escapes decoded, look-alikes and other values untouched', async () => {
		const text = '{"name":"caf\\u00e9","path":"a\\/b","near":"ak_secret_key_valu","n":5,"ok":true}';
		const { body, headers } = await answer({
			statusCode: 200,
			body: text,
			headers: { 'x-request-id': 'r_1', 'x-list': ['a', 'b'] },
		});
		expect(body).toEqual({ name: 'café', path: 'a/b', near: 'ak_secret_key_valu', n: 5, ok: true });
		expect(headers).toEqual({ 'x-request-id': 'r_1', 'x-list': ['a', 'b'] });
	});
});

describe('the one-pass key scan (secretScanner)', () => {
	it('says an answer text may hide a key whenever its parsed value holds one, for every key given', () => {
		const scanner = secretScanner(['plain_secret_value', 'with/slash/secret']);
		expect(scanner.mayHide('{"a":"with\\/slash\\/secret"}')).toBe(true);
		expect(scanner.mayHide('{"a":"plain_secret_value"}')).toBe(true);
		const tab = secretScanner(['plain_secret_value', 'tab\tsecret_value']);
		expect(tab.mayHide('{"a":"tab\\tsecret_value"}')).toBe(true);
	});

	it('clean answers are passed without a deep walk: not "may hide", and the very same value back', () => {
		const scanner = secretScanner([KEY]);
		expect(scanner.mayHide('{"a":"nothing here","b":"a/b"}')).toBe(false);
		const clean = { a: 'nothing here', list: [1, 'x'] };
		expect(scanner.redact(clean)).toBe(clean);
		const headers = { 'x-request-id': 'r_1', 'x-list': ['a', 'b'] };
		expect(scanner.redactHeaders(headers)).toBe(headers);
		// Without a usable key there is nothing to look for, escapes or not.
		const none = secretScanner(['short', 42]);
		expect(none.mayHide(`{"a":"\\u0061 ${KEY}"}`)).toBe(false);
		expect(none.redactHeaders({ 'x-echo': 'short' })).toEqual({ 'x-echo': 'short' });
	});

	it('redacts texts, objects and headers; leaves numbers, null and undefined alone', () => {
		const scanner = secretScanner([`  ${KEY}  `]);
		expect(scanner.redact(`a ${KEY} b`)).toBe(`a ${REDACTED} b`);
		expect(scanner.redact({ a: [`x${KEY}`] })).toEqual({ a: [`x${REDACTED}`] });
		expect(scanner.redact(42)).toBe(42);
		expect(scanner.redact(true)).toBe(true);
		expect(scanner.redact(null)).toBeNull();
		expect(scanner.redact(undefined)).toBeUndefined();
		expect(scanner.redactHeaders({ a: 'clean', b: `k ${KEY}` })).toEqual({
			a: 'clean',
			b: `k ${REDACTED}`,
		});
	});
});

describe('which requests are sent again when they fail', () => {
	const reset = () =>
		Object.assign(new Error('socket hang up'), {
			name: 'NodeApiError',
			cause: { code: 'ECONNRESET' },
		});
	const refused = () =>
		Object.assign(new Error('connect ECONNREFUSED'), { cause: { code: 'ECONNREFUSED' } });
	const ok: Reply = { statusCode: 200, body: '{"ok":true}' };

	async function send(request: Omit<ComposioRequest, 'path'>, replies: Array<Reply | Error>) {
		const { ctx, calls } = context(replies);
		const outcome = await composioRequest
			.call(ctx, { path: '/x', retryPolicy: FAST, ...request })
			.then(
				(response) => ({ response, error: undefined }),
				(error: Error & { description?: string }) => ({ response: undefined, error }),
			);
		return { ...outcome, sent: calls.length };
	}

	it('a POST that may have arrived (connection reset, 500) is sent once and says it may have run', async () => {
		const lost = await send({ method: 'POST', body: { a: 1 } }, [reset(), ok]);
		expect(lost.sent).toBe(1);
		expect(lost.error?.description).toContain('may already have run');
		const failed = await send({ method: 'POST', body: { a: 1 } }, [
			{ statusCode: 500, body: '{}' },
			ok,
		]);
		expect(failed.sent).toBe(1);
		expect(failed.error).toBeDefined();
	});

	it('a POST that never left (connection refused) is sent again', async () => {
		const again = await send({ method: 'POST', body: { a: 1 } }, [refused(), ok]);
		expect(again.sent).toBe(2);
		expect(again.response?.body).toEqual({ ok: true });
	});

	it.each(['GET', 'DELETE', 'PATCH', 'PUT'] as const)(
		'a %s (safe to repeat) is sent again after a reset or a 500',
		async (method) => {
			const lost = await send({ method }, [reset(), ok]);
			expect(lost.sent).toBe(2);
			const failed = await send({ method }, [{ statusCode: 500, body: '{}' }, ok]);
			expect(failed.sent).toBe(2);
			expect(failed.response?.attempts).toBe(2);
		},
	);

	it('the caller decides over the default: an idempotent POST is repeated, a read-only-once GET is not', async () => {
		const post = await send({ method: 'POST', retry: 'idempotent' }, [reset(), ok]);
		expect(post.sent).toBe(2);
		const get = await send({ method: 'GET', retry: 'rateLimitOnly' }, [reset(), ok]);
		expect(get.sent).toBe(1);
		expect(get.error?.description).toContain('may already have run');
	});
});
