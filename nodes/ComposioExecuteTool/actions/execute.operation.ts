import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runCache } from '../../shared/accountSelection/cache';
import { accountSelectionProperties } from '../../shared/accountSelection/description';
import { selectAccount } from '../../shared/accountSelection/select';
import { executeTool } from '../../shared/api/tools';
import { toolArguments } from '../helpers/arguments';
import { NEWEST_VERSION } from '../helpers/constants';
import type { ExecuteInput } from '../helpers/input';
import { readInput } from '../helpers/input';
import { severalAccountsHint, toolResult } from '../helpers/result';
import type { ResolvedTool } from '../helpers/tools';
import { resolveTool } from '../helpers/tools';
import { executeOptions } from './options.description';

export const description: INodeProperties[] = [
	{
		displayName: 'Toolkit Name or ID',
		name: 'toolkit',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getToolkitOptions' },
		default: '',
		description:
			'Narrows the Tool list to one toolkit. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'The tool must belong to it (e.g. gmail)',
	},
	{
		displayName: 'Tool',
		name: 'tool',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Composio tool to run, e.g. GMAIL_SEND_EMAIL',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search tools...',
				typeOptions: { searchListMethod: 'searchTools', searchable: true },
			},
			{
				displayName: 'By Slug',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. GMAIL_SEND_EMAIL',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[A-Za-z0-9][A-Za-z0-9_]*\\s*$',
							errorMessage: 'Not a tool slug (e.g. GMAIL_SEND_EMAIL)',
						},
					},
				],
			},
		],
	},
	{
		// Named "Composio User ID" so it cannot be mistaken for a tool argument that is also called
		// "User ID" (e.g. Gmail's user_id) in the Arguments below.
		displayName: 'Composio User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. user_123',
		description:
			'Your application’s ID of the end user whose connected account runs the tool (the user ID in Composio)',
		hint: 'Usually an expression reading it from the incoming item; in an AI agent, from the chat session, never from the model. Not a tool argument (those are under Arguments).',
	},
	...accountSelectionProperties({
		does: 'runs the tool',
		toolkit: 'the tool’s toolkit',
		accountSearch: 'searchToolAccounts',
	}),
	{
		displayName: 'Version Name or ID',
		name: 'version',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getToolVersions',
			loadOptionsDependsOn: ['tool.value'],
		},
		default: NEWEST_VERSION,
		description:
			'The toolkit version to run. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'Newest Listed (default), "latest", or a version such as 20251111_00 to pin it. The version sent is always explicit and recorded in the output.',
	},
	{
		displayName: 'Arguments',
		name: 'argumentsMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'defineBelow',
				description: 'One field per argument of the tool, from its schema',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: 'All arguments as one JSON object',
			},
		],
		default: 'defineBelow',
		description: 'How to give the tool’s arguments',
		hint: 'Either way they are checked against the tool’s schema (required arguments, types, allowed values) before the tool runs',
	},
	{
		displayName: 'Arguments',
		name: 'arguments',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show: { argumentsMode: ['defineBelow'] } },
		typeOptions: {
			loadOptionsDependsOn: ['tool.value', 'version'],
			resourceMapper: {
				resourceMapperMethod: 'getToolArguments',
				mode: 'add',
				fieldWords: { singular: 'argument', plural: 'arguments' },
				valuesLabel: 'Tool Arguments (sent to the tool)',
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError: 'This tool takes no arguments',
			},
		},
	},
	{
		displayName: 'Arguments (JSON)',
		name: 'argumentsJson',
		type: 'json',
		default: '{}',
		required: true,
		placeholder: '{"recipient_email": "ann@example.com", "body": "Hello"}',
		description:
			'The tool’s arguments as a JSON object whose keys are the argument names of the tool’s schema',
		displayOptions: { show: { argumentsMode: ['json'] } },
	},
	executeOptions,
];

type AccountStep = { kind: 'account'; id?: string } | { kind: 'connectLink'; result: IDataObject };

/**
 * The connected account the tool runs with. A no-auth tool needs none; with custom auth parameters
 * and "User's Default" the per-call credentials replace the account's, so none is chosen either.
 */
async function accountFor(
	this: IExecuteFunctions,
	input: ExecuteInput,
	resolved: ResolvedTool,
	itemIndex: number,
): Promise<AccountStep> {
	const needsAccount =
		resolved.tool.no_auth !== true && !(input.customAuth && input.account.mode === 'default');
	if (!needsAccount) return { kind: 'account' };
	const { toolkit } = resolved;
	const selection = await selectAccount.call(this, input, {
		toolkit,
		tool: input.slug,
		itemIndex,
	});
	if (selection.kind === 'connectLink') return selection;
	if (selection.others?.length) {
		severalAccountsHint.call(this, input.userId, toolkit, selection.account, selection.others);
	}
	return { kind: 'account', id: String(selection.account.id) };
}

/** Runs the tool for one input item. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = readInput.call(this, itemIndex);
	const resolved = await resolveTool.call(this, runCache(this), input, itemIndex);
	const args = toolArguments(input.arguments, resolved.tool, {
		node: this.getNode(),
		itemIndex,
		version: resolved.version,
	});
	const account = await accountFor.call(this, input, resolved, itemIndex);
	if (account.kind === 'connectLink') return account.result;

	const body: IDataObject = { user_id: input.userId, version: resolved.version, arguments: args };
	if (account.id) body.connected_account_id = account.id;
	if (input.customAuth) body.custom_auth_params = input.customAuth;
	const result = await executeTool.call(this, input.slug, body, {
		timeoutMs: input.options.timeoutS * 1000,
		itemIndex,
	});
	return toolResult.call(this, input, resolved, account.id, result, itemIndex);
}
