/**
 * Runs a `usableAsTool` node the way n8n runs it for an AI Agent: the node converted as n8n's loader
 * does (`asAiTool`), connected to a scripted agent that invokes the LangChain tool n8n-core builds from
 * it with the arguments a model would send. Shared by the Execute Tool and Proxy Request agent suites
 * (`useAgentSuite`).
 */
import { WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { createRunExecutionData, deepCopy, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import type { Engine, RunResult, WorkflowNode } from './engine';
import { describeRun, PACKAGE, toNode } from './engine';
import type { SandboxSuite } from './sandboxSuite';
import { useSandboxSuite } from './sandboxSuite';

export const AGENT_TYPE = 'test.scriptedAgent';

/** What n8n's loader does to a `usableAsTool` node (packages/cli load-nodes-and-credentials.ts). */
export function asAiTool(node: INodeType): INodeType {
	const description = deepCopy(node.description) as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	// No resource/operation parameters, so only the (required) description is added.
	description.properties.unshift({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: node.description.description,
		required: true,
		typeOptions: { rows: 2 },
		description: 'Explain to the LLM what this tool does',
	});
	return { description, methods: node.methods, execute: node.execute };
}

interface LangChainTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, unknown> };
	invoke(input: IDataObject): Promise<unknown>;
}

/**
 * An agent without a model: each input item carries the tool calls "the model" makes; the node
 * invokes the connected tools through n8n-core and returns what each call gave back.
 */
export const scriptedAgent: INodeType = {
	description: {
		displayName: 'Scripted Agent',
		name: 'scriptedAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls connected tools with scripted arguments',
		defaults: { name: 'Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const out: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const tools = (await this.getInputConnectionData(
				NodeConnectionTypes.AiTool,
				i,
			)) as LangChainTool[];
			for (const call of items[i].json.calls as IDataObject[]) {
				const tool = tools.find((t) => t.name === call.tool) ?? tools[0];
				let json: IDataObject;
				try {
					const answer = await tool.invoke(call.args as IDataObject);
					json = { tool: tool.name, answer: JSON.parse(answer as string) as IDataObject[] };
				} catch (error) {
					json = { tool: tool.name, thrown: (error as Error).message };
				}
				json.description = tool.description;
				json.parameters = Object.keys(tool.schema.shape ?? {}).sort();
				out.push({ json, pairedItem: { item: i } });
			}
		}
		return [out];
	},
};

export class NodeTypesWithExtras implements INodeTypes {
	constructor(
		private readonly base: INodeTypes,
		private readonly extras: Record<string, INodeType>,
	) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.extras[type] ?? this.base.getByName(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return this.extras[type] ?? this.base.getByNameAndVersion(type, version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Agent ← tool (ai_tool connection), started at the agent with the given items. */
export async function runToolWithAgent(
	engine: Engine,
	nodeTypes: INodeTypes,
	tool: { type: string; name: string },
	toolParameters: INodeParameters,
	items: INodeExecutionData[],
): Promise<RunResult> {
	const toolNode: WorkflowNode = {
		name: tool.name,
		type: tool.type,
		parameters: toolParameters,
	};
	const agentNode: WorkflowNode = { name: 'Agent', type: AGENT_TYPE, parameters: {} };
	const nodes = [agentNode, toolNode].map(toNode);
	const connections = {
		[tool.name]: {
			[NodeConnectionTypes.AiTool]: [
				[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }],
			],
		},
	};
	const workflow = new Workflow({
		id: 'agent-workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
	});
	const workflowData = {
		id: 'agent-workflow',
		name: 'Agent workflow',
		active: false,
		nodes,
		connections,
	} as unknown as IWorkflowBase;
	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode('Agent')!, data: { main: [items] }, source: null },
			],
		},
	});
	const run = await new WorkflowExecute(
		engine.additionalData(workflowData),
		'manual',
		runData,
	).processRunExecutionData(workflow);
	return describeRun(run);
}

/** An argument the model fills in, as a tool node's parameter (`$fromAI`). */
export function fromAI(key: string, description: string, type = 'string'): string {
	return `={{ $fromAI('${key}', '${description}', '${type}') }}`;
}

export interface AgentSuite extends SandboxSuite {
	/** Agent ← tool (ai_tool connection), started at the agent with the given items. */
	runAgent(toolParameters: INodeParameters, items: INodeExecutionData[]): Promise<RunResult>;
}

/**
 * A sandbox suite (see sandboxSuite.ts) whose engine also knows `node` as n8n's loader presents it
 * to an agent (`<name>Tool`, named `toolName` in the workflow) and the scripted agent.
 */
export function useAgentSuite(node: INodeType, toolName: string): AgentSuite {
	const suite = useSandboxSuite();
	const toolType = `${PACKAGE}.${node.description.name}Tool`;
	let nodeTypes: INodeTypes | undefined;
	beforeAll(() => {
		nodeTypes = new NodeTypesWithExtras(suite.engine.nodeTypes, {
			[toolType]: asAiTool(node),
			[AGENT_TYPE]: scriptedAgent,
		});
	});
	return {
		get sandbox() {
			return suite.sandbox;
		},
		get control() {
			return suite.control;
		},
		get engine() {
			return suite.engine;
		},
		toolExecutions: suite.toolExecutions,
		accountStatus: suite.accountStatus,
		async runAgent(toolParameters, items) {
			if (!nodeTypes) throw new Error('The agent suite is used outside its tests');
			return await runToolWithAgent(
				suite.engine,
				nodeTypes,
				{ type: toolType, name: toolName },
				toolParameters,
				items,
			);
		},
	};
}
