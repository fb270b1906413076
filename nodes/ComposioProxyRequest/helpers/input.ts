import type { IExecuteFunctions } from 'n8n-workflow';

import type { AccountInput } from '../../shared/accountSelection/select';
import { readAccountChoice, readConnectLinkChoice } from '../../shared/accountSelection/select';
import { requireInteger, requireString } from '../../shared/validation';
import type { RequestBody } from './body';
import { readBody } from './body';
import type { ProxyMethod } from './constants';
import { DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S } from '../../shared/accountSelection/limits';
import type { ProxyParameter } from './request';
import { readEndpoint, readHeaders, readMethod, readQuery } from './request';

interface Options {
	authConfig?: unknown;
	callbackUrl?: unknown;
	failWhenSeveral?: boolean;
	outputBinaryPropertyName?: unknown;
	returnConnectLink?: boolean;
	returnErrorsAsData?: boolean;
	timeout?: unknown;
}

/** Everything one item asks for, read and checked before any request. */
export interface ProxyInput extends AccountInput {
	toolkit: string;
	method: ProxyMethod;
	endpoint: string;
	/** Query parameters and headers, including those the body needs. */
	parameters: ProxyParameter[];
	body: RequestBody;
	timeoutS: number;
	/** The binary property a file answer is put in. */
	outputProperty: string;
	returnErrorsAsData: boolean;
}

/** Reads and validates every parameter of one item before the first request. */
export async function readInput(this: IExecuteFunctions, itemIndex: number): Promise<ProxyInput> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
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
	const account = readAccountChoice.call(this, itemIndex);
	const method = readMethod.call(this, itemIndex);
	const endpoint = readEndpoint.call(this, itemIndex);
	const parameters = [...readQuery.call(this, itemIndex), ...readHeaders.call(this, itemIndex)];
	const body = await readBody.call(this, itemIndex, method);
	parameters.push(...body.headers);
	return {
		toolkit,
		userId,
		account,
		method,
		endpoint,
		parameters,
		body,
		timeoutS: requireInteger(
			node,
			'Options → Timeout',
			options.timeout ?? DEFAULT_TIMEOUT_S,
			itemIndex,
			{ min: 1, max: MAX_TIMEOUT_S },
		),
		outputProperty: requireString(
			node,
			'Options → Output Binary Field',
			options.outputBinaryPropertyName ?? 'data',
			itemIndex,
			{ maxLength: 256 },
		),
		connectLink: readConnectLinkChoice.call(this, itemIndex, {
			offer: options.returnConnectLink === true,
			authConfig: options.authConfig,
			callbackUrl: options.callbackUrl,
		}),
		failWhenSeveral: options.failWhenSeveral === true,
		returnErrorsAsData: options.returnErrorsAsData === true,
	};
}
