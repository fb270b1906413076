/**
 * Builders for the nodes and parameter values the suites put into workflows: the package's node
 * types, resource-locator and resource-mapper values as the editor stores them, and one builder per
 * node with the defaults the engine suites share. Each suite names what differs from them.
 */
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameterResourceLocator,
	INodeParameters,
} from 'n8n-workflow';

import type { WorkflowNode } from './engine';

/** The package name n8n puts before each node name in a node type. */
export const PACKAGE = 'n8n-nodes-composio';

export const CONNECTED_ACCOUNT = `${PACKAGE}.composioConnectedAccount`;
export const EXECUTE_TOOL = `${PACKAGE}.composioExecuteTool`;
export const PROXY_REQUEST = `${PACKAGE}.composioProxyRequest`;
export const TRIGGER = `${PACKAGE}.composioTrigger`;
export const STATUS_TRIGGER = `${PACKAGE}.composioAccountStatusTrigger`;

/** The keys of a connected account in the nodes' simplified output, sorted. */
export const SIMPLIFIED_ACCOUNT_KEYS = [
	'alias',
	'auth_config_id',
	'created_at',
	'id',
	'is_disabled',
	'status',
	'status_reason',
	'toolkit',
	'updated_at',
	'user_id',
];

/** A resource locator value "By ID" (an account ID, a tool slug). */
export function byId(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'id', value };
}

/** A resource locator value picked "From List". */
export function fromList(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'list', value };
}

/** Input items from their JSON. */
export function items(...rows: IDataObject[]): INodeExecutionData[] {
	return rows.map((json) => ({ json }));
}

/** Parameters as the suites write them (plain objects or n8n's parameter values). */
type Parameters = IDataObject | INodeParameters;

/** Resource-mapper arguments as the editor stores them. */
export function mapped(value: Parameters): INodeParameters {
	return {
		mappingMode: 'defineBelow',
		value: value as INodeParameters,
		matchingColumns: [],
		schema: [],
	};
}

/** A Connected Account node running `operation` (node name "Account" unless given). */
export function connectedAccountNode(
	operation: string,
	parameters: Parameters = {},
	name = 'Account',
): WorkflowNode {
	return {
		name,
		type: CONNECTED_ACCOUNT,
		parameters: { resource: 'connectedAccount', operation, ...parameters } as INodeParameters,
	};
}

/** An Execute Tool node named "Execute" running the tool `slug` for user_alice. */
export function toolNode(
	slug: string,
	parameters: Parameters = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name: 'Execute',
		type: EXECUTE_TOOL,
		parameters: { tool: byId(slug), userId: 'user_alice', ...parameters } as INodeParameters,
		...extra,
	};
}

/** An Execute Tool node named "Execute" with only the given parameters (the editor's methods). */
export function editorToolNode(parameters: INodeParameters = {}): WorkflowNode {
	return { name: 'Execute', type: EXECUTE_TOOL, parameters };
}

/** A Proxy Request node named "Proxy": user_alice's Gmail profile unless the parameters say otherwise. */
export function proxyNode(
	parameters: Parameters = {},
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name: 'Proxy',
		type: PROXY_REQUEST,
		parameters: {
			toolkit: 'gmail',
			userId: 'user_alice',
			method: 'GET',
			endpoint: '/gmail/v1/users/me/profile',
			...parameters,
		} as INodeParameters,
		...extra,
	};
}

/**
 * A node as n8n hands it to a helper outside a workflow run (validation, transport and schema
 * functions take one for their errors).
 */
export function bareNode(name: string, type: string, parameters: INodeParameters = {}): INode {
	return { id: '1', name, type, typeVersion: 1, position: [0, 0], parameters };
}
