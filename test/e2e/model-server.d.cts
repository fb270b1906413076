// Types for model-server.cjs (a scripted, OpenAI-compatible chat model on 127.0.0.1).

export interface ToolResult {
	/** the tool's name as the model called it (null when no earlier call has that ID) */
	name: string | null;
	toolCallId: string;
	/** the tool's answer as n8n sent it (text; JSON for our nodes) */
	content: string;
}

export interface ChatRequestBody {
	model: string;
	messages: Array<{
		role: string;
		content: unknown;
		tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
		tool_call_id?: string;
	}>;
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean };
	}>;
	stream?: boolean;
	[key: string]: unknown;
}

export interface JsonSchema {
	type?: string;
	properties?: Record<string, JsonSchema & { description?: string }>;
	required?: string[];
	description?: string;
	[key: string]: unknown;
}

export type ScriptStep =
	| { toolCalls: Array<{ name: string; arguments?: Record<string, unknown> }> }
	| {
			answer:
				| string
				| ((context: { toolResults: ToolResult[]; request: ChatRequestBody }) => string);
	  };

export interface RecordedRequest {
	seq: number;
	method: string;
	path: string;
	/** whether it carried `Authorization: Bearer <apiKey>` */
	authorized: boolean;
	body: ChatRequestBody | null;
	/** index of the script step that answered it */
	step?: number;
	reply?: { role: string; content: string | null; tool_calls?: unknown[] };
	/** why it was refused */
	refused?: string;
}

export interface ModelServer {
	/** the credential's Base URL: http://127.0.0.1:<port>/v1 */
	baseUrl: string;
	port: number;
	script(steps: ScriptStep[]): void;
	remaining(): number;
	requests(): RecordedRequest[];
	chatRequests(): RecordedRequest[];
	problems(): Array<{ seq: number; path: string; status: number; message: string }>;
	close(): Promise<void>;
}

export declare function startModelServer(options: {
	apiKey: string;
	port?: number;
}): Promise<ModelServer>;
export declare function trailingToolResults(messages: ChatRequestBody['messages']): ToolResult[];
