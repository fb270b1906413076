import type { ChatRequestBody, ModelServer, RecordedRequest, ToolResult } from './model-server.cjs';

export type {
	ChatRequestBody,
	JsonSchema,
	ModelServer,
	RecordedRequest,
	ScriptStep,
	ToolResult,
} from './model-server.cjs';
export { startModelServer, trailingToolResults } from './model-server.cjs';

export declare function chatRequestsOf(
	model: ModelServer,
): Array<RecordedRequest & { toolResults: ToolResult[] }>;
export declare function toolOf(
	body: ChatRequestBody | null,
	name: string,
): NonNullable<ChatRequestBody['tools']>[number]['function'];
