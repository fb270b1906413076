import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AccountInput } from '../../shared/accountSelection/select';
import { readAccountChoice, readConnectLinkChoice } from '../../shared/accountSelection/select';
import { inputError, requireString } from '../../shared/validation';
import type { GivenArguments } from './arguments';
import { readGivenArguments } from './arguments';
import { NEWEST_VERSION } from './constants';
import type { ExecuteOptions } from './options';
import { readOptions } from './options';
import { TOOL_SLUG_PATTERN, TOOL_VERSION_PATTERN } from './tools';

/** Everything one item asks for, read and checked before any request. */
export interface ExecuteInput extends AccountInput {
	slug: string;
	/** "newest", "latest" or a `YYYYMMDD_NN` version. */
	versionChoice: string;
	/** The Toolkit parameter (lower case), when one is chosen. */
	toolkitFilter?: string;
	arguments: GivenArguments;
	/** `custom_auth_params`, when the options give any. */
	customAuth?: IDataObject;
	options: ExecuteOptions;
}

export function readToolSlug(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('tool', itemIndex, '', { extractValue: true });
	const slug = requireString(this.getNode(), 'Tool', raw, itemIndex, {
		maxLength: 200,
	}).toUpperCase();
	if (!TOOL_SLUG_PATTERN.test(slug)) {
		throw inputError(
			this.getNode(),
			'Tool',
			`"${slug}" is not a tool slug`,
			itemIndex,
			'Tool slugs are upper-case words joined by underscores, e.g. GMAIL_SEND_EMAIL.',
		);
	}
	return slug;
}

/** The Version parameter: "newest", "latest" or a `YYYYMMDD_NN` version. */
export function readVersionChoice(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('version', itemIndex, NEWEST_VERSION);
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (value === '' || value === NEWEST_VERSION) return NEWEST_VERSION;
	if (value === 'latest' || (typeof value === 'string' && TOOL_VERSION_PATTERN.test(value))) {
		return value;
	}
	throw inputError(
		this.getNode(),
		'Version',
		`${JSON.stringify(value)} is not a toolkit version`,
		itemIndex,
		'Use a version such as 20251111_00, "latest", or "newest" for the newest version the tool lists.',
	);
}

/** The Toolkit parameter, which narrows the Tool list and must match the tool's toolkit. */
function readToolkitFilter(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = this.getNodeParameter('toolkit', itemIndex, '');
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined;
}

/** Custom Auth Base URL and Parameters as Composio's `custom_auth_params`. */
function readCustomAuth(
	this: IExecuteFunctions,
	options: ExecuteOptions,
	itemIndex: number,
): IDataObject | undefined {
	const node = this.getNode();
	const rows = options.customAuthParameters?.parameter ?? [];
	const parameters = rows.map((row, index) => {
		const label = `Options → Custom Auth Parameters (row ${index + 1})`;
		const name = requireString(node, `${label} → Name`, row.name, itemIndex);
		const location = row.in ?? 'header';
		if (location !== 'header' && location !== 'query') {
			throw inputError(node, `${label} → In`, `must be "header" or "query"`, itemIndex);
		}
		const value =
			typeof row.value === 'number'
				? row.value
				: requireString(node, `${label} → Value`, row.value, itemIndex, { maxLength: 10_000 });
		return { name, in: location, value };
	});
	const baseUrl =
		typeof options.customAuthBaseUrl === 'string' ? options.customAuthBaseUrl.trim() : '';
	if (baseUrl && !/^https?:\/\/\S+$/i.test(baseUrl)) {
		throw inputError(
			node,
			'Options → Custom Auth Base URL',
			`"${baseUrl}" is not an http(s) URL`,
			itemIndex,
		);
	}
	if (!parameters.length && !baseUrl) return undefined;
	const params: IDataObject = {};
	if (baseUrl) params.base_url = baseUrl;
	if (parameters.length) params.parameters = parameters;
	return params;
}

/** Reads and validates every parameter of one item before the first request. */
export function readInput(this: IExecuteFunctions, itemIndex: number): ExecuteInput {
	const options = readOptions(
		this.getNode(),
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	const slug = readToolSlug.call(this, itemIndex);
	const versionChoice = readVersionChoice.call(this, itemIndex);
	const userId = requireString(
		this.getNode(),
		'Composio User ID',
		this.getNodeParameter('userId', itemIndex, ''),
		itemIndex,
		{
			hint: 'Your application’s ID of the end user, usually an expression such as {{ $json.userId }}.',
		},
	);
	return {
		slug,
		versionChoice,
		toolkitFilter: readToolkitFilter.call(this, itemIndex),
		userId,
		account: readAccountChoice.call(this, itemIndex),
		connectLink: readConnectLinkChoice.call(this, itemIndex, {
			offer: options.returnConnectLink,
			authConfig: options.authConfig,
			callbackUrl: options.callbackUrl,
		}),
		failWhenSeveral: options.failWhenSeveral,
		arguments: readGivenArguments.call(this, itemIndex),
		customAuth: readCustomAuth.call(this, options, itemIndex),
		options,
	};
}
