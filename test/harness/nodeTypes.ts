import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import { ComposioAccountStatusTrigger } from '../../nodes/ComposioAccountStatusTrigger/ComposioAccountStatusTrigger.node';
import { ComposioConnectedAccount } from '../../nodes/ComposioConnectedAccount/ComposioConnectedAccount.node';
import { ComposioExecuteTool } from '../../nodes/ComposioExecuteTool/ComposioExecuteTool.node';
import { ComposioProxyRequest } from '../../nodes/ComposioProxyRequest/ComposioProxyRequest.node';
import { ComposioTrigger } from '../../nodes/ComposioTrigger/ComposioTrigger.node';

/** Every node of the package, by the type name n8n gives it (`<package>.<node name>`). */
export function packageNodeTypes(pkg: string): Record<string, INodeType | IVersionedNodeType> {
	const nodes: INodeType[] = [
		new ComposioConnectedAccount(),
		new ComposioExecuteTool(),
		new ComposioProxyRequest(),
		new ComposioTrigger(),
		new ComposioAccountStatusTrigger(),
	];
	return Object.fromEntries(nodes.map((node) => [`${pkg}.${node.description.name}`, node]));
}
