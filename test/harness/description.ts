/**
 * Checks on a node's description as n8n reads it, shared by the description tests of every node.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The parameters n8n resolves from `values`, defaults filled in (what a new or saved node gets). */
export function resolvedParameters(
	properties: INodeProperties[],
	values: INodeParameters = {},
): INodeParameters {
	return NodeHelpers.getNodeParameters(properties, values, true, false, null, null) ?? {};
}

/**
 * Every displayOptions key names a parameter that exists: a sibling (inside a collection, another
 * value of that collection) or, with a leading "/", a top-level parameter.
 */
export function checkDisplayOptions(properties: INodeProperties[]): void {
	const names = new Set(properties.map((p) => p.name));
	const walk = (props: INodeProperties[], siblings: Set<string>) => {
		for (const prop of props) {
			for (const condition of [prop.displayOptions?.show, prop.displayOptions?.hide]) {
				for (const key of Object.keys(condition ?? {})) {
					const root = key.startsWith('/');
					expect([
						prop.name,
						key,
						(root ? names : siblings).has(root ? key.slice(1) : key),
					]).toEqual([prop.name, key, true]);
				}
			}
			const children = (prop.options ?? []).filter(
				(o): o is INodeProperties => typeof o === 'object' && 'type' in o,
			);
			if (children.length) walk(children, new Set(children.map((c) => c.name)));
		}
	};
	walk(properties, names);
}
