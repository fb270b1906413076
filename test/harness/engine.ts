/**
 * Runs this package's nodes inside n8n-core's real engine (`WorkflowExecute`, `LoadOptionsContext`,
 * `RoutingNode`), with credentials applied by the credential type's own `authenticate` definition, so
 * every request leaves through n8n's HTTP stack (axios) for a real server on an ephemeral port.
 */
import { Container } from '@n8n/di';
import type { ErrorReporter } from 'n8n-core';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	HookContext,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import * as core from 'n8n-core';
import type {
	IConnections,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type { Request, Response } from 'express';

import { ComposioApi } from '../../credentials/ComposioApi.credentials';
import { PACKAGE } from './builders';
import { packageNodeTypes } from './nodeTypes';

export { PACKAGE };

const credentialTypes: Record<string, ICredentialType> = {
	composioApi: new ComposioApi(),
};

class TestNodeTypes implements INodeTypes {
	constructor(readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.types[nodeType];
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type in test: ${nodeType}`);
		return NodeHelpers.getVersionedNodeType(type, version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Resolves `={{$credentials.x}}` the way n8n's CredentialsHelper does for generic authentication. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions as IHttpRequestOptions;
		if (typeof auth === 'function') {
			return await auth(credentials, requestOptions as IHttpRequestOptions);
		}
		const resolve = (value: string) =>
			workflow && node
				? (workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					) as string)
				: value;
		const target = requestOptions as IHttpRequestOptions & IDataObject;
		for (const [section, values] of Object.entries(auth.properties) as Array<
			[string, IDataObject]
		>) {
			const current = (target[section] as IDataObject | undefined) ?? {};
			for (const [key, value] of Object.entries(values)) {
				current[key] = typeof value === 'string' ? resolve(value) : value;
			}
			target[section] = current;
		}
		return target;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by this package');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return { ...found };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

let errorReporterSilenced = false;

/** n8n-core prints a stack trace for every node error unless the reporter is replaced. */
function silenceErrorReporter() {
	if (errorReporterSilenced) return;
	const reporter = {
		error() {},
		warn() {},
		info() {},
	} as unknown as ErrorReporter;
	const ctor = (
		core as unknown as {
			ErrorReporter?: new (...args: unknown[]) => ErrorReporter;
		}
	).ErrorReporter;
	if (ctor) Container.set(ctor, reporter);
	errorReporterSilenced = true;
}

export interface ComposioCredentials extends ICredentialDataDecryptedObject {
	apiKey: string;
	baseUrl: string;
}

export interface EngineOptions {
	credentials: ComposioCredentials;
	/**
	 * The node types to run, by type name. Default: this package's nodes from their sources. The
	 * benchmarks pass the built package's nodes and n8n's HTTP Request node.
	 */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
}

export interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	typeVersion?: number;
	onError?: INode['onError'];
	/** Omit to attach the Composio credential automatically to this package's nodes. */
	credentials?: INode['credentials'];
	retryOnFail?: boolean;
	disabled?: boolean;
	/** n8n's "Execute Once" setting: run with the first input item only. */
	executeOnce?: boolean;
}

export interface RunOptions {
	nodes: WorkflowNode[];
	/** `{ from: to }` main connections; `to` may be an array for fan-out. Output index 0 only. */
	connections?: Record<string, string | string[]>;
	/** The node to start at and the items it receives (defaults to the first node and one empty item). */
	start?: { node: string; items?: INodeExecutionData[] };
	staticData?: IDataObject;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** Output items of a node (first run, output 0). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** The error that stopped the run, as n8n serialises it. */
	error:
		| (IDataObject & {
				message?: string;
				description?: string;
				httpCode?: string;
		  })
		| undefined;
	/** The error a node reported (when it stopped the run). */
	nodeError(nodeName: string): IDataObject | undefined;
}

export function toNode(node: WorkflowNode, index: number): INode {
	const isOurs = node.type.startsWith(`${PACKAGE}.`);
	return {
		id: `node-${index}`,
		name: node.name,
		type: node.type,
		typeVersion: node.typeVersion ?? 1,
		position: [index * 200, 0],
		parameters: node.parameters,
		onError: node.onError,
		retryOnFail: node.retryOnFail,
		disabled: node.disabled,
		executeOnce: node.executeOnce,
		credentials:
			node.credentials ??
			(isOurs ? { composioApi: { id: 'cred-1', name: 'Composio (sandbox)' } } : undefined),
	};
}

function toConnections(map: Record<string, string | string[]> = {}): IConnections {
	const connections: IConnections = {};
	for (const [from, to] of Object.entries(map)) {
		const targets = Array.isArray(to) ? to : [to];
		connections[from] = {
			main: [targets.map((node) => ({ node, type: 'main', index: 0 }))],
		};
	}
	return connections;
}

/** What n8n hands a webhook trigger's hooks and `webhook()` about its endpoint. */
function webhookDataOf(
	node: INode,
	description: IWebhookDescription,
	workflow: Workflow,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
): IWebhookData {
	return {
		httpMethod: description.httpMethod,
		node: node.name,
		path: description.path,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		isTest: mode === 'manual',
	} as IWebhookData;
}

/** A small n8n engine bound to one set of Composio credentials. */
export class Engine {
	readonly nodeTypes: TestNodeTypes;

	private readonly credentialsHelper: TestCredentialsHelper;

	constructor(readonly options: EngineOptions) {
		silenceErrorReporter();
		this.nodeTypes = new TestNodeTypes(options.nodeTypes ?? packageNodeTypes(PACKAGE));
		this.credentialsHelper = new TestCredentialsHelper({
			composioApi: options.credentials,
		});
	}

	additionalData(workflowData: IWorkflowBase): IWorkflowExecuteAdditionalData {
		const base = 'http://127.0.0.1:5678';
		return {
			credentialsHelper: this.credentialsHelper,
			hooks: new ExecutionLifecycleHooks('manual', 'test-execution', workflowData),
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not available in the test engine');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: async () => {
				throw new Error('Task runners are not available in the test engine');
			},
			logAiEvent: () => {},
			currentNodeExecutionIndex: 0,
			variables: {},
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	workflow(nodes: INode[], connections: IConnections = {}, staticData?: IDataObject): Workflow {
		return new Workflow({
			id: 'test-workflow',
			name: 'Test workflow',
			nodes,
			connections,
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
		});
	}

	/** Runs a small workflow through `WorkflowExecute.processRunExecutionData`, as n8n does. */
	async run(options: RunOptions): Promise<RunResult> {
		const nodes = options.nodes.map(toNode);
		const connections = toConnections(options.connections);
		const workflow = this.workflow(nodes, connections, options.staticData);
		const startName = options.start?.node ?? nodes[0].name;
		const startNode = workflow.getNode(startName);
		if (!startNode) throw new Error(`No node named ${startName}`);
		const workflowData: IWorkflowBase = {
			id: 'test-workflow',
			name: 'Test workflow',
			active: false,
			isArchived: false,
			nodes,
			connections,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as unknown as IWorkflowBase;
		const additionalData = this.additionalData(workflowData);
		const runData: IRunExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: startNode,
						data: { main: [options.start?.items ?? [{ json: {} }]] },
						source: null,
					},
				],
			},
		});
		const run = await new WorkflowExecute(
			additionalData,
			'manual',
			runData,
		).processRunExecutionData(workflow);
		return describeRun(run);
	}

	/** Runs one node with the given input items. */
	async runNode(
		node: WorkflowNode,
		items: INodeExecutionData[] = [{ json: {} }],
	): Promise<RunResult> {
		return await this.run({ nodes: [node], start: { node: node.name, items } });
	}

	private loadOptionsContext(node: WorkflowNode, path: string): LoadOptionsContext {
		const inode = toNode(node, 0);
		const workflow = this.workflow([inode]);
		const additionalData = this.additionalData({
			nodes: [inode],
			connections: {},
		} as unknown as IWorkflowBase);
		return new LoadOptionsContext(workflow, inode, additionalData, path);
	}

	private methods(type: string) {
		const nodeType = this.nodeTypes.getByNameAndVersion(type);
		if (!nodeType.methods) throw new Error(`${type} has no methods`);
		return nodeType.methods;
	}

	/** Calls a `listSearch` method with a real LoadOptionsContext, as the editor does. */
	async listSearch(
		node: WorkflowNode,
		method: string,
		filter?: string,
		paginationToken?: string,
		path = 'parameters.value',
	): Promise<INodeListSearchResult> {
		const fn = this.methods(node.type).listSearch?.[method];
		if (!fn) throw new Error(`${node.type} has no listSearch method ${method}`);
		return await fn.call(this.loadOptionsContext(node, path), filter, paginationToken);
	}

	/** Calls a `loadOptions` method with a real LoadOptionsContext. */
	async loadOptions(
		node: WorkflowNode,
		method: string,
		path = 'parameters.value',
	): Promise<INodePropertyOptions[]> {
		const fn = this.methods(node.type).loadOptions?.[method];
		if (!fn) throw new Error(`${node.type} has no loadOptions method ${method}`);
		return await fn.call(this.loadOptionsContext(node, path));
	}

	/** Calls a `resourceMapping` method with a real LoadOptionsContext. */
	async resourceMapping(
		node: WorkflowNode,
		method: string,
		path = 'parameters.value',
	): Promise<ResourceMapperFields> {
		const fn = this.methods(node.type).resourceMapping?.[method];
		if (!fn) throw new Error(`${node.type} has no resourceMapping method ${method}`);
		return await fn.call(this.loadOptionsContext(node, path));
	}

	/**
	 * Tests credentials the way n8n's CredentialsTester does (n8n 2.8.4 and 2.40.7): the credential's own
	 * declarative `test` when it has one, else the `methods.credentialTest` function the first node that
	 * names the credential with `testedBy` points at, called with n8n-core's CredentialTestContext.
	 */
	async testCredential(
		data: ICredentialDataDecryptedObject,
		typeName = 'composioApi',
	): Promise<INodeCredentialTestResult> {
		const type = credentialTypes[typeName];
		if (type?.test) return await this.testCredentialRequest(data, typeName, type.test);
		const credentialsDecrypted = { id: 'cred-test', name: 'Under test', type: typeName, data };
		for (const nodeType of Object.values(this.nodeTypes.types)) {
			const described = NodeHelpers.getVersionedNodeType(nodeType);
			const entry = described.description.credentials?.find(
				(credential) => credential.name === typeName && credential.testedBy,
			);
			if (!entry) continue;
			if (typeof entry.testedBy !== 'string') {
				return await this.testCredentialRequest(
					data,
					typeName,
					entry.testedBy as ICredentialTestRequest,
				);
			}
			const fn = described.methods?.credentialTest?.[entry.testedBy];
			if (!fn)
				return { status: 'Error', message: 'No testing function found for this credential.' };
			const additionalData = {
				...this.additionalData({ nodes: [], connections: {} } as unknown as IWorkflowBase),
				credentialsHelper: new TestCredentialsHelper({ [typeName]: data }),
			} as IWorkflowExecuteAdditionalData;
			return await fn.call(new core.CredentialTestContext(additionalData), credentialsDecrypted);
		}
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	/**
	 * A declarative credential test as n8n runs it: a temporary node whose only property routes the test
	 * request, run by n8n-core's RoutingNode, then the test's rules applied to the outcome.
	 */
	private async testCredentialRequest(
		data: ICredentialDataDecryptedObject,
		typeName: string,
		test: ICredentialTestRequest,
	): Promise<INodeCredentialTestResult> {
		const helper = new TestCredentialsHelper({ [typeName]: data });
		const nodeType: INodeType = {
			description: {
				displayName: 'Temp',
				name: 'temp',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: {},
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: typeName, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: test.request },
						default: '',
					},
				],
			},
		};
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: 'temp',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { [typeName]: { id: 'cred-test', name: 'Under test' } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new TestNodeTypes({ temp: nodeType }),
		});
		const additionalData = {
			...this.additionalData({
				nodes: [node],
				connections: {},
			} as unknown as IWorkflowBase),
			credentialsHelper: helper,
		} as IWorkflowExecuteAdditionalData;
		const executeData: IExecuteData = { node, data: {}, source: null };
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			createRunExecutionData({ resultData: { runData: {} } }),
			0,
			[],
			{ main: [[{ json: {} }]] },
			executeData,
			[],
		);
		const credentialsDecrypted = {
			id: 'cred-test',
			name: 'Under test',
			type: typeName,
			data,
		};
		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
		} catch (error) {
			const e = error as Error & {
				cause?: {
					response?: { status: number; statusText?: string };
					code?: string;
				};
			};
			if (e.cause?.response) {
				const { status, statusText } = e.cause.response;
				for (const rule of test.rules ?? []) {
					if (rule.type === 'responseCode' && rule.properties.value === status) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				return {
					status: 'Error',
					message: statusText || `Received HTTP status code: ${status}`,
				};
			}
			if (e.cause?.code) return { status: 'Error', message: e.cause.code };
			return { status: 'Error', message: String(e.message) };
		}
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const json = response?.[0]?.[0]?.json as unknown;
				const value = rule.properties.key
					.split('.')
					.reduce<unknown>(
						(acc, key) =>
							acc !== null && typeof acc === 'object' ? (acc as IDataObject)[key] : undefined,
						json,
					);
				if (value === rule.properties.value)
					return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}

	// ------------------------------------------------------------------ triggers

	/** A trigger node as n8n builds it: with a webhook id, so its URL is `<base>/<webhookId>/<path>`. */
	private triggerNode(node: WorkflowNode, webhookId: string | undefined): INode {
		const inode = toNode(node, 0);
		if (webhookId) inode.webhookId = webhookId;
		return inode;
	}

	private triggerData(
		nodes: INode[],
		connections: IConnections,
		overrides: Partial<IWorkflowExecuteAdditionalData>,
	): IWorkflowExecuteAdditionalData {
		return {
			...this.additionalData({ nodes, connections } as unknown as IWorkflowBase),
			...overrides,
		} as IWorkflowExecuteAdditionalData;
	}

	/**
	 * Runs a polling trigger's `poll()` once with n8n-core's PollContext, as the trigger engine does
	 * (mode `trigger`) or as "Fetch Test Event" does (mode `manual`). `staticData` is the workflow's
	 * static data and is changed in place, like n8n's in-memory workflow between polls; the copy
	 * returned is what n8n would save. A restart is a new call with a saved copy.
	 */
	async poll(
		node: WorkflowNode,
		options: { staticData?: IDataObject; mode?: 'trigger' | 'manual' } = {},
	): Promise<{ items: INodeExecutionData[][] | null; staticData: IDataObject }> {
		const inode = toNode(node, 0);
		const staticData = options.staticData ?? {};
		const workflow = this.workflow([inode], {}, staticData);
		const mode = options.mode ?? 'trigger';
		const context = new PollContext(
			workflow,
			inode,
			this.triggerData([inode], {}, {}),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(inode.type, inode.typeVersion);
		if (!nodeType.poll) throw new Error(`${inode.type} has no poll method`);
		const items = await nodeType.poll.call(context);
		return { items, staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject };
	}

	/**
	 * Calls one webhook lifecycle method (`checkExists`, `create`, `delete`) with n8n-core's
	 * HookContext. `staticData` is changed in place (n8n saves it after activation).
	 */
	async hook(
		node: WorkflowNode,
		method: 'checkExists' | 'create' | 'delete',
		options: WebhookTriggerOptions = {},
	): Promise<boolean> {
		const inode = this.triggerNode(node, options.webhookId ?? 'composio-test-hook');
		const workflow = this.workflow([inode], {}, options.staticData ?? {});
		const mode = options.mode ?? 'trigger';
		const additionalData = this.triggerData(
			[inode],
			{},
			{
				webhookBaseUrl: options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook',
				webhookTestBaseUrl: options.webhookTestBaseUrl ?? 'http://127.0.0.1:5678/webhook-test',
			},
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(inode.type, inode.typeVersion);
		const description = nodeType.description.webhooks?.[0];
		const fn = nodeType.webhookMethods?.default?.[method];
		if (!description || !fn) throw new Error(`${inode.type} has no webhook method ${method}`);
		const webhookData = webhookDataOf(inode, description, workflow, additionalData, mode);
		const context = new HookContext(
			workflow,
			inode,
			additionalData,
			mode,
			options.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
			webhookData,
		);
		return await fn.call(context);
	}

	/** What n8n does when it activates a webhook trigger: `checkExists`, then `create` if needed. */
	async activateWebhook(node: WorkflowNode, options: WebhookTriggerOptions = {}): Promise<boolean> {
		if (await this.hook(node, 'checkExists', options)) return false;
		await this.hook(node, 'create', options);
		return true;
	}

	/**
	 * Handles one HTTP request to a webhook trigger as n8n does: the node's `webhook()` with
	 * n8n-core's WebhookContext over the real express request (its `rawBody` set), then the answer
	 * (the node's own, `webhookResponse`, or "Workflow was started" at once), then — when the node
	 * returned items — the workflow from the trigger through `downstream` in `webhook` mode.
	 */
	async webhook(
		node: WorkflowNode,
		request: Request,
		response: Response,
		options: WebhookTriggerOptions & {
			downstream?: WorkflowNode[];
			connections?: Record<string, string | string[]>;
		} = {},
	): Promise<{ result: IWebhookResponseData; run: RunResult | undefined }> {
		const trigger = this.triggerNode(node, options.webhookId ?? 'composio-test-hook');
		const nodes = [trigger, ...(options.downstream ?? []).map((n, i) => toNode(n, i + 1))];
		const connections = toConnections(options.connections);
		const workflow = this.workflow(nodes, connections, options.staticData ?? {});
		const mode = options.mode === 'manual' ? 'manual' : 'webhook';
		const additionalData = this.triggerData(nodes, connections, {
			httpRequest: request,
			httpResponse: response,
			webhookBaseUrl: options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook',
		});
		const nodeType = this.nodeTypes.getByNameAndVersion(trigger.type, trigger.typeVersion);
		const description = nodeType.description.webhooks?.[0];
		if (!description || !nodeType.webhook) throw new Error(`${trigger.type} is not a webhook node`);
		const webhookData = webhookDataOf(trigger, description, workflow, additionalData, mode);
		const context = new WebhookContext(
			workflow,
			trigger,
			additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		const result = await nodeType.webhook.call(context);
		if (!result.noWebhookResponse && !response.headersSent) {
			response
				.status(200)
				.json(
					result.workflowData === undefined
						? (result.webhookResponse ?? { message: 'Webhook call received' })
						: { message: 'Workflow was started' },
				);
		}
		if (result.workflowData === undefined) return { result, run: undefined };
		const runData: IRunExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: trigger, data: { main: result.workflowData }, source: null }],
			},
		});
		const run = await new WorkflowExecute(additionalData, mode, runData).processRunExecutionData(
			workflow,
		);
		return { result, run: describeRun(run) };
	}
}

export interface WebhookTriggerOptions {
	/** The workflow's static data; changed in place. */
	staticData?: IDataObject;
	/** `trigger` (activation, default) or `manual` ("Listen for test event", test URL). */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	/** The node's webhook id (its URL is `<base>/<webhookId>/webhook`). */
	webhookId?: string;
	/** n8n's production webhook base, e.g. the URL of a receiver in the test. */
	webhookBaseUrl?: string;
	webhookTestBaseUrl?: string;
}

export function describeRun(run: IRun): RunResult {
	const runData = run.data.resultData.runData;
	const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] =>
		runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [];
	return {
		run,
		status: run.status,
		output,
		json: (nodeName, outputIndex) => output(nodeName, outputIndex).map((item) => item.json),
		error: run.data.resultData.error as RunResult['error'],
		nodeError: (nodeName) => runData[nodeName]?.[0]?.error as IDataObject | undefined,
	};
}
