'use strict';
// Glue for agent.test.ts: the scripted OpenAI-compatible model (model-server.cjs, which needs
// `node:http`, kept out of .ts files by the n8n lint) and small readers of what it recorded.

const { startModelServer, trailingToolResults } = require('./model-server.cjs');

/** The model's chat-completion requests, each with the tool results it carried. */
function chatRequestsOf(model) {
	return model.chatRequests().map((request) => ({
		...request,
		toolResults: trailingToolResults((request.body && request.body.messages) || []),
	}));
}

/** The function definition n8n offered the model for tool `name` (fails when it was not offered). */
function toolOf(body, name) {
	const tool = ((body && body.tools) || []).find((t) => t.function && t.function.name === name);
	if (!tool) {
		const offered = ((body && body.tools) || []).map((t) => t.function && t.function.name);
		throw new Error(
			`n8n did not offer the model a tool "${name}" (offered: ${offered.join(', ')})`,
		);
	}
	return tool.function;
}

module.exports = { startModelServer, trailingToolResults, chatRequestsOf, toolOf };
