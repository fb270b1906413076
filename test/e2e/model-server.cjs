'use strict';
// A scripted, OpenAI-compatible chat model for the AI Agent end-to-end tests (agent.test.ts): real on
// the wire, loopback only, started and stopped by the tests. n8n's OpenAI Chat Model node talks to it
// through an OpenAI credential whose Base URL is `server.baseUrl`.
//
//   const model = await startModelServer({ apiKey: 'sk-test' });
//   model.script([
//     { toolCalls: [{ name: 'Send_email', arguments: { recipient_email: 'ann@example.com' } }] },
//     { answer: ({ toolResults }) => `Done: ${toolResults[0].content}` },
//   ]);
//   … run the workflow …
//   model.requests();   // every request n8n sent, parsed
//   model.problems();   // every request the script could not answer (should be [])
//   await model.close();
//
// Served (what lmChatOpenAi up to typeVersion 1.2 uses, and 1.3 with "Use Responses API" off):
// - POST /v1/chat/completions, plain JSON or Server-Sent Events when the body has `stream: true`;
// - GET /v1/models (the credential test and the editor's model list).
// Anything else, e.g. the Responses API (POST /v1/responses, lmChatOpenAi 1.3's default), is answered
// 404 with an OpenAI-style error and recorded as a problem, so a test notices instead of hanging.
//
// Each chat request consumes the next step of the script, in order:
// - `{ toolCalls: [{ name, arguments }] }`: an assistant message with `tool_calls`. The named tools
//   must be among the request's `tools`, or the request is refused (400) and recorded as a problem.
// - `{ answer: string | (context) => string }`: a final assistant message. When the previous step
//   called tools, the request must carry one `role: "tool"` message per call ID (the tool results)
//   or it is refused; `context` is { toolResults: [{ name, toolCallId, content }], request }.
// A request with no step left is refused (400): n8n does not retry a 400, so the run fails visibly.

const http = require('node:http');

const MODEL_IDS = ['gpt-4o-mini', 'gpt-4o'];

function openAiError(res, status, message, type = 'invalid_request_error') {
	const body = JSON.stringify({ error: { message, type, param: null, code: null } });
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(body);
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** The tool results a request carries: its `role: "tool"` messages after the last assistant turn. */
function trailingToolResults(messages) {
	const results = [];
	for (let i = messages.length - 1; i >= 0; i--) {
		const message = messages[i];
		if (message.role !== 'tool') break;
		results.unshift(message);
	}
	const calls = new Map();
	for (const message of messages) {
		for (const call of message.tool_calls || [])
			calls.set(call.id, call.function && call.function.name);
	}
	return results.map((message) => ({
		name: calls.get(message.tool_call_id) || null,
		toolCallId: message.tool_call_id,
		content:
			typeof message.content === 'string'
				? message.content
				: (message.content || []).map((part) => part.text || '').join(''),
	}));
}

function toolNames(body) {
	return (body.tools || []).map((tool) => tool.function && tool.function.name).filter(Boolean);
}

/**
 * Starts the server on 127.0.0.1. `apiKey`: the bearer token the credential sends (a request without
 * it is refused 401, like OpenAI). Resolves { baseUrl, port, script, requests, problems, close }.
 */
async function startModelServer({ apiKey, port = 0 } = {}) {
	if (!apiKey) throw new Error('startModelServer: apiKey is required');
	let steps = [];
	let position = 0;
	let pendingCallIds = [];
	let sequence = 0;
	const recorded = [];
	const problems = [];

	function refuse(res, entry, status, message) {
		entry.refused = message;
		problems.push({ seq: entry.seq, path: entry.path, status, message });
		openAiError(res, status, message);
	}

	function completion(body, message, finishReason) {
		sequence++;
		return {
			id: `chatcmpl-scripted-${sequence}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		};
	}

	/** The same completion as OpenAI streams it: role, content or one tool call per chunk, finish, [DONE]. */
	function streamCompletion(res, body, message, finishReason) {
		const id = `chatcmpl-scripted-${++sequence}`;
		const created = Math.floor(Date.now() / 1000);
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		const send = (choice, extra = {}) =>
			res.write(
				`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: choice ? [choice] : [], ...extra })}\n\n`,
			);
		send({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null });
		if (message.content) {
			send({ index: 0, delta: { content: message.content }, finish_reason: null });
		}
		(message.tool_calls || []).forEach((call, index) =>
			send({ index: 0, delta: { tool_calls: [{ index, ...call }] }, finish_reason: null }),
		);
		send({ index: 0, delta: {}, finish_reason: finishReason });
		if (body.stream_options && body.stream_options.include_usage) {
			send(null, { usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
		}
		res.end('data: [DONE]\n\n');
	}

	function chatCompletion(res, entry) {
		const body = entry.body || {};
		const messages = Array.isArray(body.messages) ? body.messages : [];
		if (position >= steps.length) {
			refuse(res, entry, 400, `scripted model: no step left for request ${entry.seq}`);
			return;
		}
		const step = steps[position];
		const toolResults = trailingToolResults(messages);
		const answered = toolResults.map((result) => result.toolCallId);
		const missing = pendingCallIds.filter((id) => !answered.includes(id));
		if (missing.length > 0) {
			refuse(res, entry, 400, `scripted model: no tool result for call(s) ${missing.join(', ')}`);
			return;
		}
		let message;
		let finishReason;
		if (step.toolCalls) {
			const offered = toolNames(body);
			const unknown = step.toolCalls.filter((call) => !offered.includes(call.name));
			if (unknown.length > 0) {
				refuse(
					res,
					entry,
					400,
					`scripted model: tool(s) ${unknown.map((c) => c.name).join(', ')} not offered (offered: ${offered.join(', ') || 'none'})`,
				);
				return;
			}
			const calls = step.toolCalls.map((call, index) => ({
				id: `call_${entry.seq}_${index}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.arguments || {}) },
			}));
			pendingCallIds = calls.map((call) => call.id);
			message = { role: 'assistant', content: null, tool_calls: calls, refusal: null };
			finishReason = 'tool_calls';
		} else {
			const text =
				typeof step.answer === 'function'
					? String(step.answer({ toolResults, request: body }))
					: String(step.answer);
			pendingCallIds = [];
			message = { role: 'assistant', content: text, refusal: null };
			finishReason = 'stop';
		}
		position++;
		entry.step = position - 1;
		entry.reply = message;
		if (body.stream === true) streamCompletion(res, body, message, finishReason);
		else {
			const reply = JSON.stringify(completion(body, message, finishReason));
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(reply);
		}
	}

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const text = await readBody(req);
		let body = null;
		try {
			body = text ? JSON.parse(text) : null;
		} catch {
			body = null;
		}
		const entry = {
			seq: recorded.length + 1,
			method: req.method,
			path: url.pathname,
			authorized: req.headers.authorization === `Bearer ${apiKey}`,
			body,
		};
		recorded.push(entry);
		if (!entry.authorized) {
			refuse(res, entry, 401, 'scripted model: missing or wrong API key');
			return;
		}
		if (req.method === 'GET' && url.pathname === '/v1/models') {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					object: 'list',
					data: MODEL_IDS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })),
				}),
			);
			return;
		}
		if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
			if (!body) {
				refuse(res, entry, 400, 'scripted model: the body is not JSON');
				return;
			}
			chatCompletion(res, entry);
			return;
		}
		refuse(res, entry, 404, `scripted model: ${req.method} ${url.pathname} is not served`);
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	const address = server.address();

	return {
		baseUrl: `http://127.0.0.1:${address.port}/v1`,
		port: address.port,
		/** Replaces the script and forgets the requests and problems so far. */
		script(next) {
			steps = next.slice();
			position = 0;
			pendingCallIds = [];
			recorded.length = 0;
			problems.length = 0;
		},
		/** Steps of the current script not used yet. */
		remaining: () => steps.length - position,
		/** Every request since the last `script()`, in order: { seq, method, path, authorized, body, step?, reply?, refused? }. */
		requests: () => recorded.slice(),
		/** The chat-completion requests only. */
		chatRequests: () =>
			recorded.filter((entry) => entry.method === 'POST' && entry.path === '/v1/chat/completions'),
		problems: () => problems.slice(),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startModelServer, trailingToolResults };
