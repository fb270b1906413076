'use strict';
/**
 * Glue for agent.test.ts: the scripted OpenAI-compatible model (model-server.cjs, which needs
 * `node:http`, kept out of .ts files by the n8n lint) and small readers of what it recorded. Typed
 * with JSDoc, which `npm run typecheck` checks.
 */
const { startModelServer, trailingToolResults } = require('./model-server.cjs');

/**
 * @typedef {import('./model-server.cjs').ChatRequestBody} ChatRequestBody
 * @typedef {import('./model-server.cjs').JsonSchema} JsonSchema
 * @typedef {import('./model-server.cjs').ModelServer} ModelServer
 * @typedef {import('./model-server.cjs').RecordedRequest} RecordedRequest
 * @typedef {import('./model-server.cjs').ScriptStep} ScriptStep
 * @typedef {import('./model-server.cjs').ToolResult} ToolResult
 * @typedef {NonNullable<ChatRequestBody['tools']>[number]['function']} ToolFunction
 */

/**
 * The model's chat-completion requests, each with the tool results it carried.
 * @param {ModelServer} model
 * @returns {Array<RecordedRequest & { toolResults: ToolResult[] }>}
 */
function chatRequestsOf(model) {
	return model.chatRequests().map((request) => ({
		...request,
		toolResults: trailingToolResults((request.body && request.body.messages) || []),
	}));
}

/**
 * The function definition n8n offered the model for tool `name` (fails when it was not offered).
 * @param {ChatRequestBody | null} body
 * @param {string} name
 * @returns {ToolFunction}
 */
function toolOf(body, name) {
	const tools = (body && body.tools) || [];
	const tool = tools.find((t) => t.function && t.function.name === name);
	if (!tool) {
		const offered = tools.map((t) => t.function && t.function.name);
		throw new Error(
			`n8n did not offer the model a tool "${name}" (offered: ${offered.join(', ')})`,
		);
	}
	return tool.function;
}

module.exports = { startModelServer, trailingToolResults, chatRequestsOf, toolOf };
