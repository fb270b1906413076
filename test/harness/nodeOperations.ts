/**
 * Every operation of every node of the package, read from the nodes themselves (their descriptions,
 * `methods`, `webhookMethods` and `poll`), so that a registry of the reliability suite can be checked
 * against it: an operation added to a node shows up here without anyone listing it.
 *
 * An operation key reads `<node display name> · <what>`:
 *
 * - `operation=<value>` for each choice of the node's Operation parameter (the router's list); a node
 *   without one has the single key `execute`;
 * - `operation=<value> · <parameter>=<choice>` for each choice of an options parameter shown only
 *   for that operation (Connect's Method, Enable/Disable/Delete/Revoke's Target), and
 *   `<parameter>=<choice>` for each choice of a node without operations whose options parameter
 *   is always shown and takes no expression (Account Selection, Arguments Mode, Subscription): the
 *   choices that change which accounts are acted on and which requests are sent;
 * - `listSearch:<name>`, `loadOptions:<name>`, `resourceMapping:<name>` for the editor's methods;
 * - `webhook:<checkExists|create|delete>` for a webhook trigger's lifecycle (its `webhook()` answers
 *   Composio's deliveries and sends no request), `poll` for a polling trigger.
 */
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE } from './builders';
import { packageNodeTypes } from './nodeTypes';

export type OperationKey = string;

export type MethodKind = 'listSearch' | 'loadOptions' | 'resourceMapping';

export interface NodeOperations {
	/** `<package>.<node name>`, as in a workflow. */
	type: string;
	displayName: string;
	/**
	 * What a workflow runs: `operation=…` or `execute`; for a trigger, `webhook:…` or `poll`.
	 */
	operations: OperationKey[];
	/** The choices within them (`…=<choice>`). */
	variants: OperationKey[];
	/** The editor's methods. */
	methods: OperationKey[];
}

const METHOD_KINDS: MethodKind[] = ['listSearch', 'loadOptions', 'resourceMapping'];

function nodesByType(): Map<string, INodeType> {
	return new Map(
		Object.entries(packageNodeTypes(PACKAGE)).map(([type, node]) => [type, node as INodeType]),
	);
}

function choices(property: INodeProperties): string[] {
	return ((property.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
}

function operationProperty(description: INodeTypeDescription): INodeProperties | undefined {
	return description.properties.find((p) => p.name === 'operation' && p.type === 'options');
}

/** Options parameters shown for exactly the given operation (and nothing else decides it). */
function operationSelectors(description: INodeTypeDescription, operation: string) {
	return description.properties.filter((p) => {
		const show = p.displayOptions?.show;
		if (p.type !== 'options' || p.name === 'operation' || !show?.operation) return false;
		const keys = Object.keys(show);
		return (
			keys.every((k) => k === 'resource' || k === 'operation') &&
			(show.operation as unknown[]).includes(operation)
		);
	});
}

/** A node without operations: its always-shown, no-expression choices. */
function nodeSelectors(description: INodeTypeDescription): INodeProperties[] {
	return description.properties.filter(
		(p) =>
			p.type === 'options' &&
			p.noDataExpression === true &&
			p.displayOptions === undefined &&
			choices(p).length > 0,
	);
}

const key = (displayName: string, ...parts: string[]): OperationKey =>
	[displayName, ...parts].join(' · ');

function operationsOf(type: string, node: INodeType): NodeOperations {
	const { description } = node;
	const name = description.displayName;
	const operations: OperationKey[] = [];
	const variants: OperationKey[] = [];
	const operation = operationProperty(description);
	if (node.webhook || node.poll) {
		for (const hook of Object.keys(node.webhookMethods?.default ?? {})) {
			operations.push(key(name, `webhook:${hook}`));
		}
		if (node.poll) operations.push(key(name, 'poll'));
	} else if (operation) {
		for (const value of choices(operation)) {
			operations.push(key(name, `operation=${value}`));
			for (const selector of operationSelectors(description, value)) {
				for (const choice of choices(selector)) {
					variants.push(key(name, `operation=${value}`, `${selector.name}=${choice}`));
				}
			}
		}
	} else {
		operations.push(key(name, 'execute'));
	}
	if (!operation) {
		for (const selector of nodeSelectors(description)) {
			for (const choice of choices(selector))
				variants.push(key(name, `${selector.name}=${choice}`));
		}
	}
	const methods = METHOD_KINDS.flatMap((kind) =>
		Object.keys(node.methods?.[kind] ?? {}).map((fn) => key(name, `${kind}:${fn}`)),
	);
	return { type, displayName: name, operations, variants, methods };
}

/** The operations of the package's five nodes. */
export function packageOperations(): NodeOperations[] {
	return [...nodesByType()].map(([type, node]) => operationsOf(type, node));
}

function nodeOf(type: string): INodeType {
	const node = nodesByType().get(type);
	if (!node) throw new Error(`Not a node of this package: ${type}`);
	return node;
}

/**
 * What running a node with these parameters covers, its parameters' defaults filled in as n8n does:
 * the operation and its variants; for a webhook trigger its activation (`webhook:checkExists`,
 * `webhook:create`), for a polling trigger `poll`.
 */
export function keysOfRun(type: string, parameters: INodeParameters): OperationKey[] {
	const node = nodeOf(type);
	const { description } = node;
	const name = description.displayName;
	const resolved =
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, null, null) ??
		{};
	const operation = operationProperty(description);
	const chosen = (selectors: INodeProperties[], ...prefix: string[]) =>
		selectors.map((s) => key(name, ...prefix, `${s.name}=${String(resolved[s.name])}`));
	if (operation) {
		const value = `operation=${String(resolved.operation)}`;
		return [
			key(name, value),
			...chosen(operationSelectors(description, String(resolved.operation)), value),
		];
	}
	const base = node.poll
		? [key(name, 'poll')]
		: node.webhook
			? [key(name, 'webhook:checkExists'), key(name, 'webhook:create')]
			: [key(name, 'execute')];
	return [...base, ...chosen(nodeSelectors(description))];
}

/** An editor method of a node. */
export function methodKey(type: string, kind: MethodKind, fn: string): OperationKey {
	return key(nodeOf(type).description.displayName, `${kind}:${fn}`);
}

/** A step of a trigger's lifecycle (`webhook:delete`). */
export function nodeKey(type: string, what: string): OperationKey {
	return key(nodeOf(type).description.displayName, what);
}
