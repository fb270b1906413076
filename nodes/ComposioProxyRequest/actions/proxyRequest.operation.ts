import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	accountOptions,
	accountSelectionProperties,
} from '../../shared/accountSelection/description';
import { selectAccount } from '../../shared/accountSelection/select';
import { answerItem, sendProxyRequest } from '../helpers/answer';
import { concurrencyOption, timeoutOption } from '../../shared/accountSelection/limits';
import { REQUEST_LABEL } from '../helpers/constants';
import type { ProxyContext } from '../helpers/errors';
import { readInput } from '../helpers/input';
import { requestProperties } from './request.description';

const account = accountOptions({
	toolkit: 'the toolkit',
	authConfigSearch: 'searchToolkitAuthConfigs',
});

export const description: INodeProperties[] = [
	{
		displayName: 'Toolkit Name or ID',
		name: 'toolkit',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getToolkits' },
		default: '',
		required: true,
		description:
			'The provider whose API to call. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: 'E.g. gmail; the account is one of the user’s accounts of it',
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
	...accountSelectionProperties({
		does: 'makes the request',
		toolkit: 'the toolkit',
		accountSearch: 'searchToolkitAccounts',
	}),
	...requestProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			account.authConfig,
			concurrencyOption,
			account.callbackUrl,
			account.failWhenSeveral,
			{
				displayName: 'Output Binary Field',
				name: 'outputBinaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary property a file answer (an image, a PDF…) is put in',
			},
			account.returnConnectLink,
			{
				displayName: 'Return Provider Errors as Data',
				name: 'returnErrorsAsData',
				type: 'boolean',
				default: false,
				description:
					'Whether an answer of the provider outside 2xx (e.g. 404) is an output item with its status instead of an error',
			},
			timeoutOption(
				'Seconds to wait for the answer. A timed-out request is reported, never repeated (it may have run).',
			),
		],
	},
];

/** One proxy request for one input item. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = await readInput.call(this, itemIndex);
	const { toolkit } = input;
	const selection = await selectAccount.call(this, input, {
		toolkit,
		tool: REQUEST_LABEL,
		itemIndex,
	});
	if (selection.kind === 'connectLink') return selection.result;
	const context: ProxyContext = {
		method: input.method,
		endpoint: input.endpoint,
		toolkit,
		connectedAccountId: String(selection.account.id),
	};
	const answer = await sendProxyRequest.call(this, input, context, itemIndex);
	return await answerItem.call(this, input, context, answer, itemIndex);
}
