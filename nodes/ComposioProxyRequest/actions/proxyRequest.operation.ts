import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AccountMode } from '../../ComposioExecuteTool/helpers/accounts';
import { notConnectedError, resolveAccount } from '../../ComposioExecuteTool/helpers/accounts';
import { runCache } from '../../ComposioExecuteTool/helpers/cache';
import { notConnectedResult } from '../../ComposioExecuteTool/helpers/connectLink';
import { authConfigListAndIdModes, connectedAccountLocator } from '../../shared/descriptions';
import { runForEachItem } from '../../shared/items';
import { composioApiRequest } from '../../shared/transport';
import {
	inputError,
	optionalHttpUrl,
	requireId,
	requireInteger,
	requireString,
} from '../../shared/validation';
import type { BinaryAnswer } from '../helpers/binary';
import { downloadBinaryAnswer } from '../helpers/binary';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_TIMEOUT_S,
	MAX_CONCURRENCY,
	MAX_TIMEOUT_S,
	PROXY_METHODS,
	PROXY_PATH,
	REQUEST_LABEL,
} from '../helpers/constants';
import type { ProxyContext } from '../helpers/errors';
import { explainComposioError, providerError } from '../helpers/errors';
import { readBody, readEndpoint, readHeaders, readMethod, readQuery } from '../helpers/request';

const ACCOUNT_MODES: AccountMode[] = ['default', 'specific', 'alias'];

const nameValueRows = (placeholder: string): INodeProperties['options'] => [
	{
		displayName: 'Parameter',
		name: 'parameters',
		values: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder },
			{ displayName: 'Value', name: 'value', type: 'string', default: '' },
		],
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Toolkit Name or ID',
		name: 'toolkit',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getToolkits' },
		default: '',
		required: true,
		description:
			'The provider whose API to call (e.g. gmail); the account is one of the user’s accounts of it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. user_123',
		description:
			'Your application’s ID of the end user whose account makes the request. In an AI agent, take it from the chat session, never from the model.',
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
				description: 'The user’s most recent ACTIVE account of the toolkit',
			},
			{
				name: 'Specific Account',
				value: 'specific',
				description: 'One connected account, by ID or from the user’s accounts',
			},
			{
				name: 'By Alias',
				value: 'alias',
				description: 'The user’s account of the toolkit with this alias (e.g. work)',
			},
		],
		default: 'default',
		description:
			'Which of the user’s connected accounts makes the request. It is checked first: it must exist, belong to the user, be of the toolkit and be ACTIVE.',
	},
	{
		...connectedAccountLocator,
		description: 'The account to make the request with',
		displayOptions: { show: { accountSelection: ['specific'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an account...',
				typeOptions: { searchListMethod: 'searchToolkitAccounts', searchable: true },
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
		description: 'The alias of the user’s account to use (matched exactly)',
		displayOptions: { show: { accountSelection: ['alias'] } },
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: PROXY_METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
		description: 'The HTTP method of the request to the provider',
	},
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /gmail/v1/users/me/messages',
		description:
			'Path relative to the toolkit’s API base URL, or an absolute URL on the same domain',
		hint: 'Composio adds the account’s credentials and refuses URLs on other domains',
	},
	{
		displayName: 'Send Query Parameters',
		name: 'sendQuery',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has query parameters',
	},
	{
		displayName: 'Specify Query Parameters',
		name: 'specifyQuery',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { sendQuery: [true] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		displayOptions: { show: { sendQuery: [true], specifyQuery: ['keypair'] } },
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: { parameters: [{ name: '', value: '' }] },
		options: nameValueRows('e.g. maxResults'),
	},
	{
		displayName: 'JSON',
		name: 'jsonQuery',
		type: 'json',
		displayOptions: { show: { sendQuery: [true], specifyQuery: ['json'] } },
		default: '',
		placeholder: '{"maxResults": 10, "labelIds": ["INBOX", "UNREAD"]}',
		description: 'An object of names and values; a list repeats the parameter',
	},
	{
		displayName: 'Send Headers',
		name: 'sendHeaders',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has headers of its own',
	},
	{
		displayName: 'Specify Headers',
		name: 'specifyHeaders',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { sendHeaders: [true] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Header Parameters',
		name: 'headerParameters',
		type: 'fixedCollection',
		displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['keypair'] } },
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header',
		default: { parameters: [{ name: '', value: '' }] },
		options: nameValueRows('e.g. Accept'),
	},
	{
		displayName: 'JSON',
		name: 'jsonHeaders',
		type: 'json',
		displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['json'] } },
		default: '',
		placeholder: '{"Accept": "application/vnd.github+json"}',
	},
	{
		displayName: 'Send Body',
		name: 'sendBody',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has a body (POST, PUT, PATCH, DELETE)',
	},
	{
		displayName: 'Body Content Type',
		name: 'contentType',
		type: 'options',
		displayOptions: { show: { sendBody: [true] } },
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'Form Urlencoded', value: 'form-urlencoded' },
			{ name: 'Binary File', value: 'binaryData' },
		],
		default: 'json',
	},
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		displayOptions: { show: { sendBody: [true], contentType: ['json'] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		displayOptions: {
			show: { sendBody: [true], contentType: ['json', 'form-urlencoded'] },
			hide: { specifyBody: ['json'] },
		},
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: { parameters: [{ name: '', value: '' }] },
		options: nameValueRows('e.g. title'),
	},
	{
		displayName: 'JSON',
		name: 'jsonBody',
		type: 'json',
		displayOptions: { show: { sendBody: [true], contentType: ['json'], specifyBody: ['json'] } },
		default: '',
		placeholder: '{"title": "Found a bug", "labels": ["bug"]}',
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputDataFieldName',
		type: 'string',
		displayOptions: { show: { sendBody: [true], contentType: ['binaryData'] } },
		default: 'data',
		required: true,
		description: 'The binary property of the input item whose file is the body (at most 4 MB)',
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
					'The auth config a Connect Link connects the user with. Default: the first enabled auth config of the toolkit.',
				modes: authConfigListAndIdModes('searchToolkitAuthConfigs'),
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description: 'How many items run at the same time (1–10)',
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
				displayName: 'Fail When Several Accounts Match',
				name: 'failWhenSeveral',
				type: 'boolean',
				default: false,
				description:
					'Whether "User’s Default" fails when the user has more than one ACTIVE account of the toolkit, instead of using the most recent one',
			},
			{
				displayName: 'Output Binary Field',
				name: 'outputBinaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary property a file answer (an image, a PDF…) is put in',
			},
			{
				displayName: 'Return Connect Link When Not Connected',
				name: 'returnConnectLink',
				type: 'boolean',
				default: false,
				description:
					'Whether a user without a usable account gets a result with connected: false and a fresh Connect Link instead of an error. Not offered when the account is disabled.',
			},
			{
				displayName: 'Return Provider Errors as Data',
				name: 'returnErrorsAsData',
				type: 'boolean',
				default: false,
				description:
					'Whether an answer of the provider outside 2xx (e.g. 404) is an output item with its status instead of an error',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
				default: DEFAULT_TIMEOUT_S,
				description:
					'Seconds to wait for the answer. A timed-out request is reported, never repeated (it may have run).',
			},
		],
	},
];

interface Options {
	authConfig?: unknown;
	callbackUrl?: unknown;
	failWhenSeveral?: boolean;
	outputBinaryPropertyName?: unknown;
	returnConnectLink?: boolean;
	returnErrorsAsData?: boolean;
	timeout?: unknown;
}

interface ProxyAnswer {
	status?: unknown;
	data?: unknown;
	headers?: IDataObject;
	binary_data?: BinaryAnswer | null;
}

/** A resource locator value from a collection option (`{mode, value}`) or a plain string. */
function locatorValue(value: unknown): unknown {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return (value as IDataObject).value;
	}
	return value;
}

/** One proxy request for one input item. */
async function requestItem(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const cache = runCache(this);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;

	// Everything the item says is checked before any request is sent.
	const toolkit = requireString(
		node,
		'Toolkit',
		this.getNodeParameter('toolkit', itemIndex, ''),
		itemIndex,
		{ maxLength: 100, hint: 'Choose the toolkit whose API to call, e.g. gmail.' },
	).toLowerCase();
	const userId = requireString(
		node,
		'User ID',
		this.getNodeParameter('userId', itemIndex, ''),
		itemIndex,
		{
			hint: 'Your application’s ID of the end user, usually an expression such as {{ $json.userId }}.',
		},
	);
	const mode = this.getNodeParameter('accountSelection', itemIndex, 'default') as AccountMode;
	if (!ACCOUNT_MODES.includes(mode)) {
		throw inputError(node, 'Account', `unknown choice "${String(mode)}"`, itemIndex);
	}
	const method = readMethod.call(this, itemIndex);
	const endpoint = readEndpoint.call(this, itemIndex);
	const parameters = [...readQuery.call(this, itemIndex), ...readHeaders.call(this, itemIndex)];
	const body = await readBody.call(this, itemIndex, method);
	parameters.push(...body.headers);
	const timeoutS = requireInteger(
		node,
		'Options → Timeout',
		options.timeout ?? DEFAULT_TIMEOUT_S,
		itemIndex,
		{ min: 1, max: MAX_TIMEOUT_S },
	);
	const outputProperty = requireString(
		node,
		'Options → Output Binary Field',
		options.outputBinaryPropertyName ?? 'data',
		itemIndex,
		{ maxLength: 256 },
	);
	const callbackUrl = optionalHttpUrl(
		node,
		'Options → Connect Link Callback URL',
		options.callbackUrl,
		itemIndex,
	);
	const authConfigValue = locatorValue(options.authConfig);
	const authConfigId =
		authConfigValue === undefined || authConfigValue === ''
			? undefined
			: requireId(
					node,
					'Options → Auth Config for Connect Links',
					authConfigValue,
					'ac',
					itemIndex,
				);
	const request = {
		mode,
		userId,
		toolkit,
		tool: REQUEST_LABEL,
		itemIndex,
		connectedAccountId:
			mode === 'specific'
				? requireId(
						node,
						'Connected Account',
						this.getNodeParameter('connectedAccount', itemIndex, '', { extractValue: true }),
						'ca',
						itemIndex,
					)
				: undefined,
		alias:
			mode === 'alias'
				? requireString(
						node,
						'Account Alias',
						this.getNodeParameter('accountAlias', itemIndex, ''),
						itemIndex,
					)
				: undefined,
		requireSingle: options.failWhenSeveral === true,
	};

	const choice = await resolveAccount.call(this, cache, request);
	if (choice.kind === 'notConnected') {
		const paused =
			choice.alias === undefined && choice.accounts.some((a) => a.status === 'INACTIVE');
		if (options.returnConnectLink !== true || paused) {
			throw notConnectedError(this, request, choice.accounts, choice.alias, choice.account);
		}
		return await notConnectedResult.call(this, cache, {
			userId,
			toolkit,
			tool: REQUEST_LABEL,
			itemIndex,
			alias: choice.alias,
			aliasHeldBy: choice.account,
			authConfigId,
			callbackUrl,
		});
	}
	const connectedAccountId = String(choice.account.id);
	const context: ProxyContext = { method, endpoint, toolkit, connectedAccountId };

	const payload: IDataObject = { endpoint, method, connected_account_id: connectedAccountId };
	if (parameters.length) payload.parameters = parameters as unknown as IDataObject[];
	if (body.body !== undefined) payload.body = body.body as IDataObject;
	if (body.binaryBody) payload.binary_body = body.binaryBody as unknown as IDataObject;

	let answer: ProxyAnswer;
	try {
		// POST: the transport repeats it only after a 429 (refused before anything ran); a proxied
		// request may change data at the provider, so a lost answer is never sent again.
		answer = (await composioApiRequest.call(this, {
			method: 'POST',
			path: PROXY_PATH,
			body: payload,
			timeout: timeoutS * 1000,
			itemIndex,
		})) as ProxyAnswer;
	} catch (error) {
		throw explainComposioError(error, context);
	}

	const status = answer?.status;
	if (typeof status !== 'number' || !Number.isInteger(status)) {
		throw new NodeOperationError(node, 'Composio answered the proxy request without a status', {
			itemIndex,
			description: 'Check the Base URL in the Composio API credential.',
		});
	}
	const headers = (answer.headers ?? {}) as IDataObject;
	const ok = status >= 200 && status < 300;
	if (!ok && options.returnErrorsAsData !== true) {
		throw providerError(this, context, { status, data: answer.data, headers }, itemIndex);
	}
	const json: IDataObject = {
		status,
		data: (answer.data ?? null) as IDataObject,
		headers,
		ok,
		method,
		endpoint,
		toolkit,
		user_id: userId,
		connected_account_id: connectedAccountId,
	};
	const binaryAnswer = answer.binary_data;
	if (binaryAnswer && typeof binaryAnswer === 'object') {
		const file = await downloadBinaryAnswer(
			this,
			binaryAnswer,
			endpoint,
			timeoutS * 1000,
			itemIndex,
		);
		json.binary_data = {
			content_type: binaryAnswer.content_type ?? null,
			size: binaryAnswer.size ?? null,
			expires_at: binaryAnswer.expires_at ?? null,
			property: outputProperty,
		};
		return { json, binary: { [outputProperty]: file } } as unknown as IDataObject;
	}
	// Always `{json}`: n8n keeps an item's `json` as is, so a provider field named "json" is safe.
	return { json } as unknown as IDataObject;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const concurrency = requireInteger(
		this.getNode(),
		'Options → Concurrency',
		(this.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY) as unknown) ??
			DEFAULT_CONCURRENCY,
		0,
		{ min: 1, max: MAX_CONCURRENCY },
	);
	return [await runForEachItem.call(this, requestItem, { concurrency })];
}
