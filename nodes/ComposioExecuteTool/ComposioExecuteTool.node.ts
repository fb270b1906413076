import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { execute } from './actions/execute';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_TIMEOUT_S,
	MAX_CONCURRENCY,
	MAX_TIMEOUT_S,
	NEWEST_VERSION,
} from './helpers/constants';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { credentialTest } from '../shared/methods/credentialTest';
import { authConfigListAndIdModes, connectedAccountLocator } from '../shared/descriptions';

export class ComposioExecuteTool implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Composio Execute Tool',
		name: 'composioExecuteTool',
		icon: {
			light: 'file:../../icons/composio.svg',
			dark: 'file:../../icons/composio.dark.svg',
		},
		group: ['transform'],
		version: 1,
		// n8n hands a resource locator to expressions as its value (the slug).
		subtitle: '={{ $parameter["tool"] || "Execute a tool" }}',
		description:
			'Runs a Composio tool (send an email, post a message, create an issue, search the web…) for one end user with that user’s connected account, and returns the tool’s result',
		defaults: { name: 'Composio Execute Tool' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'composioApi', required: true, testedBy: 'composioApiTest' }],
		properties: [
			{
				displayName: 'Toolkit Name or ID',
				name: 'toolkit',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getToolkitOptions' },
				default: '',
				description:
					'Narrows the Tool list to one toolkit (e.g. gmail) and checks that the tool belongs to it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
					'Your application’s ID of the end user the tool runs for, usually an expression that reads it from the incoming item. In an AI agent, take it from the chat session, never from the model.',
				hint: 'Whose connected account runs the tool (the user ID in Composio). Not a tool argument: those are listed under Arguments below.',
			},
			{
				displayName: 'Account',
				name: 'accountSelection',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'User’s Default',
						value: 'default',
						description:
							'The user’s most recent ACTIVE account of the tool’s toolkit (the account Composio picks)',
					},
					{
						name: 'Specific Account',
						value: 'specific',
						description: 'One connected account, by ID or from the user’s accounts',
					},
					{
						name: 'By Alias',
						value: 'alias',
						description: 'The user’s account of the tool’s toolkit with this alias (e.g. work)',
					},
				],
				default: 'default',
				description:
					'Which of the user’s connected accounts runs the tool. A chosen account is checked first: it must exist, belong to the user, be of the tool’s toolkit and be ACTIVE.',
			},
			{
				...connectedAccountLocator,
				description: 'The account to run the tool with',
				displayOptions: { show: { accountSelection: ['specific'] } },
				// The list shows only the user's accounts of the tool's toolkit; no URL mode here.
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Select an account...',
						typeOptions: { searchListMethod: 'searchToolAccounts', searchable: true },
					},
					...(connectedAccountLocator.modes ?? []).filter((mode) => mode.name === 'id'),
				],
			},
			{
				displayName: 'Account Alias',
				name: 'accountAlias',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. work',
				description:
					'The alias of the user’s account to use, matched ignoring case (an exact match wins). No match, or several, is an error that says so.',
				displayOptions: { show: { accountSelection: ['alias'] } },
			},
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
					'The toolkit version to run the tool at: the newest version the tool lists (default), "latest", or a version such as 20251111_00 to pin it. The version sent is always explicit and recorded in the output. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				description:
					'How to give the tool’s arguments. Either way they are checked against the tool’s schema (required arguments, types, allowed values) before the tool runs.',
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Auth Config for Connect Links',
						name: 'authConfig',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description:
							'The auth config a Connect Link connects the user with. Default: the first enabled auth config of the tool’s toolkit.',
						modes: authConfigListAndIdModes('searchToolAuthConfigs'),
					},
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
						default: DEFAULT_CONCURRENCY,
						description:
							'How many items run at the same time (1–10). 1 runs them one after the other, in order, which is gentlest on rate limits.',
					},
					{
						displayName: 'Connect Link Callback URL',
						name: 'callbackUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://app.example.com/connected',
						description:
							'Where Composio sends the user after they connect through a returned Connect Link',
					},
					{
						displayName: 'Custom Auth Base URL',
						name: 'customAuthBaseUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://api.example.com',
						description:
							'Sends the tool’s request to this base URL instead of the provider’s default (custom_auth_params.base_url)',
					},
					{
						displayName: 'Custom Auth Parameters',
						name: 'customAuthParameters',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						default: {},
						placeholder: 'Add Parameter',
						description:
							'Credentials injected into this call only (custom_auth_params). With "User’s Default" they replace the account’s credentials, so no account is looked up.',
						options: [
							{
								displayName: 'Parameter',
								name: 'parameter',
								values: [
									{
										displayName: 'Name',
										name: 'name',
										type: 'string',
										default: '',
										placeholder: 'e.g. Authorization',
									},
									{
										displayName: 'In',
										name: 'in',
										type: 'options',
										options: [
											{ name: 'Header', value: 'header' },
											{ name: 'Query', value: 'query' },
										],
										default: 'header',
									},
									{
										displayName: 'Value',
										name: 'value',
										type: 'string',
										typeOptions: { password: true },
										default: '',
									},
								],
							},
						],
					},
					{
						displayName: 'Fail on Unsuccessful Result',
						name: 'failOnUnsuccessful',
						type: 'boolean',
						default: true,
						description:
							'Whether a result with successful: false (e.g. the provider refused the request) is an error of the item. Off: it is returned as data with its error.',
					},
					{
						displayName: 'Fail When Several Accounts Match',
						name: 'failWhenSeveral',
						type: 'boolean',
						default: false,
						description:
							'Whether "User’s Default" fails when the user has more than one ACTIVE account of the toolkit, instead of using the most recent one',
					},
					{
						displayName: 'Return Connect Link When Not Connected',
						name: 'returnConnectLink',
						type: 'boolean',
						default: false,
						description:
							'Whether a user without a usable account gets a result with connected: false and a fresh Connect Link (connect_url) instead of an error — for AI agents, which can ask the user to connect. Not offered when the user’s account is disabled (INACTIVE).',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: false,
						description:
							'Whether to return a simplified version of the response instead of the raw data (only the tool’s data)',
					},
					{
						displayName: 'Timeout',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
						default: DEFAULT_TIMEOUT_S,
						description:
							'Seconds to wait for the tool to finish. A timed-out call is reported, never repeated (the tool may have run).',
					},
				],
			},
		],
	};

	methods = { credentialTest, listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
