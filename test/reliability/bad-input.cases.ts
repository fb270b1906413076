/**
 * The rows of the bad-input catalogue (see bad-input.test.ts) and how one row is run: against a
 * sandbox, a server that answers HTML, one that answers JSON that is not Composio's, and a closed
 * port. The secret-leak scan runs the same rows with a canary API key.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../sandbox/src';
import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS, startSandbox } from '../../sandbox/src';
import type { ComposioCredentials, RunResult, WorkflowNode } from '../harness/engine';
import { Engine } from '../harness/engine';
import { serve } from '../harness/httpServer';
import {
	CONNECTED_ACCOUNT,
	EXECUTE_TOOL,
	locator,
	mapped,
	PROXY_REQUEST,
	STATUS_TRIGGER,
	TRIGGER,
} from './helpers';

const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;

export type Target =
	| 'Credential test'
	| 'Connected Account'
	| 'Execute Tool'
	| 'Proxy Request'
	| 'Composio Trigger'
	| 'Account Status Trigger';

export interface Row {
	case: string;
	target: Target;
	/** The node's parameters (for the credential test: unused). */
	parameters?: INodeParameters;
	/** The input item (for expressions such as `{{ $json.id }}`). */
	input?: IDataObject;
	/** The Composio API credential (default: the sandbox's key and URL). */
	credentials?: Partial<ComposioCredentials>;
	/** The exact message; null when the input is accepted. */
	error: string | null;
	/** The exact description (`$REQUEST_ID` stands for Composio's request ID); none when omitted. */
	description?: string;
	/**
	 * Refused by n8n itself before the node runs: a required parameter is empty or a value typed
	 * into a resource locator fails its pattern (the editor shows the same as "issues"). Values
	 * that come from expressions reach the node's own checks instead.
	 */
	refusedByN8n?: true;
}

/** What this Node version's JSON parser says about `text` (the node quotes it). */
function jsonError(text: string): string {
	try {
		JSON.parse(text);
		return '';
	} catch (error) {
		return (error as Error).message;
	}
}

const LONG = 'x'.repeat(10_000);
const CREDENTIAL_SET_BASE_URL =
	'Set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).';
/** The credential test words a failure as a node run does; `$REQUEST_ID` stands for the request's ID. */
const CREDENTIAL_401_ADVICE =
	'Composio rejected the API key. Check the API key in the Composio API credential; keys belong to one project.\nComposio error HTTP_Unauthorized, code 10401, HTTP 401, request ID $REQUEST_ID';
const CREDENTIAL_401 = `Invalid API key\nSuggested fix: Check the project API key (the sandbox prints it at start-up).\n${CREDENTIAL_401_ADVICE}`;
const CREDENTIAL_401_EMPTY = `Missing API key: send your project API key in the x-api-key header\nSuggested fix: Add the header x-api-key: <your project API key>.\n${CREDENTIAL_401_ADVICE}`;
const CREDENTIAL_404 = `Route not found: GET /composio/api/v3.1/auth_configs\nGET /api/v3.1/auth_configs does not exist there, so the Base URL does not lead to the Composio API. ${CREDENTIAL_SET_BASE_URL}\nComposio error HTTP_NotFound, code 10404, HTTP 404, request ID $REQUEST_ID`;
const CREDENTIAL_HTML_404 = `Composio could not find the requested resource (the reply was not JSON: "<!doctype html><html><body><h1>Not Found</h1></body></html>")\nGET /api/v3.1/auth_configs does not exist there, so the Base URL does not lead to the Composio API. ${CREDENTIAL_SET_BASE_URL}\nThe answer was not JSON, so it did not come from the Composio API itself (a wrong Base URL, or a proxy in between). Check the Base URL in the Composio API credential.\nComposio HTTP 404`;
const ca = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({
	operation,
	...parameters,
});
/** An operation on one account, by ID. */
const byId = (operation: string, id: string): INodeParameters =>
	ca(operation, { connectedAccount: { __rl: true, mode: 'id', value: id } });
const get = (id: unknown): INodeParameters => byId('get', id as string);
const tool = (slug: string, parameters: INodeParameters = {}): INodeParameters => ({
	tool: locator(slug),
	userId: 'user_alice',
	...parameters,
});
const sendEmail = (args: IDataObject, parameters: INodeParameters = {}): INodeParameters =>
	tool('GMAIL_SEND_EMAIL', { arguments: mapped(args as INodeParameters), ...parameters });

const EMPTY_FILTER_HINT =
	'An empty filter is refused rather than ignored, so it can never select every account. Give it a value for this item, or remove the filter.';
const NO_FILTER_HINT =
	'Set User IDs, Auth Configs or Connected Account IDs. To really act on every account of the project (of the chosen Statuses and Toolkits), turn on "Allow No Filter" under Options.';

/** Every filter field: its parameter name and its name in messages. */
const FILTER_FIELDS: Array<[string, string]> = [
	['userIds', 'User IDs'],
	['toolkitSlugs', 'Toolkits'],
	['authConfigIds', 'Auth Configs'],
	['connectedAccountIds', 'Connected Account IDs'],
	['statuses', 'Statuses'],
];

/**
 * Every shape of "set, but resolves to nothing": the parameter's value (fixed, or an expression) and
 * how the error describes what it got. An object is refused as not being a list.
 */
const EMPTY_SHAPES: Array<{ name: string; value: unknown; got: string | null }> = [
	{ name: 'an expression giving nothing', value: '={{ $json.missing }}', got: 'nothing' },
	{ name: 'an expression giving null', value: '={{ null }}', got: 'null' },
	{ name: 'left empty', value: '', got: '""' },
	{ name: 'blank text', value: '   ', got: '"   "' },
	{ name: 'a comma only', value: ',', got: '","' },
	{ name: 'separators only from an expression', value: '={{ " , " }}', got: '" , "' },
	{ name: 'an empty list', value: [], got: 'a list ([])' },
	{ name: 'an expression giving an empty list', value: '={{ [] }}', got: 'a list ([])' },
	{ name: 'a list of blanks', value: '={{ ["", " "] }}', got: 'a list ([""," "])' },
	{ name: 'an expression giving an object', value: '={{ {} }}', got: null },
];

/** Every operation that takes the filters: the target, the parameters around them, the name. */
const FILTER_OPERATIONS: Array<{
	name: string;
	target: Target;
	parameters: (filters: IDataObject) => INodeParameters;
}> = [
	...['enable', 'disable', 'delete', 'revoke'].map((operation) => ({
		name: `${operation.charAt(0).toUpperCase()}${operation.slice(1)} by filter`,
		target: 'Connected Account' as Target,
		parameters: (filters: IDataObject) =>
			ca(operation, {
				target: 'filter',
				dryRun: false,
				filters: filters as INodeParameters,
				options: { allowNoFilter: true },
			}),
	})),
	{
		name: 'Get Many',
		target: 'Connected Account',
		parameters: (filters) => ca('getAll', { returnAll: true, filters: filters as INodeParameters }),
	},
	{
		name: 'Account Status Trigger',
		target: 'Account Status Trigger',
		parameters: (filters) => ({ events: ['statusChanged'], filters: filters as INodeParameters }),
	},
];

/**
 * The class of issue 13 §1: any filter field that was set and resolves to nothing is an input error
 * naming the field and what it got, for every operation that takes a filter — even next to another
 * filter, and even with Allow No Filter on (that option is about filters not set at all).
 */
const EMPTY_FILTER_ROWS: Row[] = FILTER_OPERATIONS.flatMap((operation) =>
	FILTER_FIELDS.filter(
		// The trigger has no Statuses filter (Options → Only New Statuses is not a filter).
		([name]) => !(operation.target === 'Account Status Trigger' && name === 'statuses'),
	).flatMap(([name, label]) =>
		EMPTY_SHAPES.map((shape): Row => {
			// A poll has no input item: "nothing" comes from an expression giving undefined there.
			const value =
				operation.target === 'Account Status Trigger' && shape.got === 'nothing'
					? '={{ undefined }}'
					: shape.value;
			const filters: IDataObject = { [name]: value as IDataObject[string] };
			if (name !== 'userIds') filters.userIds = 'user_bob';
			return {
				case: `${operation.name}: ${label} ${shape.name}`,
				target: operation.target,
				parameters: operation.parameters(filters),
				error:
					shape.got === null
						? `Filters → ${label}: expected comma-separated text or a list of strings but got an object ({})`
						: `Filters → ${label}: is set but resolves to no value (got ${shape.got})`,
				...(shape.got === null ? {} : { description: EMPTY_FILTER_HINT }),
			};
		}),
	),
);

/** Statuses or Toolkits alone never count as a filter for the operations that change accounts. */
const PROJECT_WIDE_ROWS: Row[] = ['enable', 'disable', 'delete', 'revoke'].flatMap((operation) =>
	(
		[
			[{ statuses: ['ACTIVE'] }, 'statuses: ACTIVE'],
			[{ toolkitSlugs: ['gmail'] }, 'toolkit_slugs: gmail'],
			[
				{ statuses: '={{ ["EXPIRED"] }}', toolkitSlugs: ['slack'] },
				'statuses: EXPIRED; toolkit_slugs: slack',
			],
		] as Array<[IDataObject, string]>
	).map(
		([filters, said]): Row => ({
			case: `${operation} by filter: ${said} alone`,
			target: 'Connected Account',
			parameters: ca(operation, {
				target: 'filter',
				dryRun: false,
				filters: filters as INodeParameters,
			}),
			error: `Filters: only Statuses or Toolkits are set (${said}), which select accounts across the whole project to ${operation}`,
			description: NO_FILTER_HINT,
		}),
	),
);

const BOOLEAN_HINT =
	'Use a boolean, or an expression that gives true or false (the texts "true" and "false" are accepted too).';

/** Booleans an expression can fill: never truthy text, never a number. */
const BOOLEAN_ROWS: Row[] = [
	...(
		[
			['Get Many: Return All', ca('getAll', { returnAll: '={{ "yes" }}' }), 'Return All', '"yes"'],
			['Get Many: Simplify', ca('getAll', { simplify: '={{ 1 }}' }), 'Simplify', '"1"'],
			['Get: Simplify', get(A.daveGmail), 'Simplify', 'null'],
			[
				'Disable by filter: Dry Run',
				ca('disable', {
					target: 'filter',
					filters: { userIds: 'user_bob' },
					dryRun: '={{ "no" }}',
				}),
				'Dry Run',
				'"no"',
			],
			[
				'Delete by filter: Allow No Filter',
				ca('delete', { target: 'filter', filters: {}, options: { allowNoFilter: '={{ "" }}' } }),
				'Options → Allow No Filter',
				'""',
			],
			[
				'Revoke by filter: Fail When Nothing Matches',
				ca('revoke', {
					target: 'filter',
					filters: { userIds: 'user_bob' },
					options: { failWhenNothingMatches: '={{ "on" }}' },
				}),
				'Options → Fail When Nothing Matches',
				'"on"',
			],
			[
				'Enable: Report Previous Status',
				ca('enable', {
					connectedAccount: locator(A.aliceSlackInactive),
					options: { reportPreviousStatus: '={{ [] }}' },
				}),
				'Options → Report Previous Status',
				'a list ([])',
			],
			[
				'Connect: Allow Multiple',
				ca('connect', {
					userId: 'user_erin',
					authConfig: locator(AC.gmailManaged),
					options: { allowMultiple: '={{ "False!" }}' },
				}),
				'Options → Allow Multiple',
				'"False!"',
			],
			[
				'Connect: Wait for Connection',
				ca('connect', {
					userId: 'user_erin',
					authConfig: locator(AC.gmailManaged),
					options: { waitForConnection: '={{ "1" }}' },
				}),
				'Options → Wait for Connection',
				'"1"',
			],
			[
				'Delete: Revoke First',
				ca('delete', {
					connectedAccount: locator(A.daveGmail),
					options: { revokeFirst: '={{ "false " + "please" }}' },
				}),
				'Options → Revoke First',
				'"false please"',
			],
			[
				'Delete: Delete Even If Revoke Fails',
				ca('delete', {
					connectedAccount: locator(A.daveGmail),
					options: { revokeFirst: true, deleteIfRevokeFails: '={{ 0 }}' },
				}),
				'Options → Delete Even If Revoke Fails',
				'"0"',
			],
			[
				'Delete by filter: Succeed If Already Deleted',
				ca('delete', {
					target: 'filter',
					dryRun: false,
					filters: { userIds: 'user_dave' },
					options: { ignoreNotFound: '={{ "yes" }}' },
				}),
				'Options → Succeed If Already Deleted',
				'"yes"',
			],
			[
				'Wait for Connection: Fail If Not Connected',
				ca('waitForConnection', {
					connectedAccount: locator(A.daveGmail),
					options: { failIfNotConnected: '={{ {} }}' },
				}),
				'Options → Fail If Not Connected',
				'an object ({})',
			],
		] as Array<[string, INodeParameters, string, string]>
	).map(
		([name, parameters, field, got]): Row => ({
			case: `${name} that is neither true nor false`,
			target: 'Connected Account',
			parameters:
				name === 'Get: Simplify' ? { ...parameters, simplify: '={{ null }}' } : parameters,
			error: `${field}: expected true or false but got ${got}`,
			description: BOOLEAN_HINT,
		}),
	),
	{
		case: 'Disable by filter: Dry Run "false" from an expression is false',
		target: 'Connected Account',
		parameters: ca('disable', {
			target: 'filter',
			filters: { userIds: 'user_nobody' },
			dryRun: '={{ "false" }}',
			options: { failWhenNothingMatches: '={{ "TRUE" }}' },
		}),
		error: 'No connected account matches the filters (user_ids: user_nobody)',
		description:
			'"Fail When Nothing Matches" is on. Check the filters (for example the user ID), or turn it off to let an empty match pass.',
	},
];
const proxyRequest = (parameters: INodeParameters = {}): INodeParameters => ({
	toolkit: 'gmail',
	userId: 'user_alice',
	method: 'GET',
	endpoint: '/gmail/v1/users/me/profile',
	...parameters,
});
const PROXY_ENDPOINT_HINT =
	'A path relative to the toolkit’s API base URL, e.g. /gmail/v1/users/me/profile, or an absolute https URL on the same domain.';

export const ROWS: Row[] = [
	// ------------------------------------------------------------------ credential
	{
		case: 'credential test: base URL without a scheme',
		target: 'Credential test',
		credentials: { baseUrl: 'backend.composio.dev' },
		error: `The Base URL must start with http:// or https:// (got "backend.composio.dev").\n${CREDENTIAL_SET_BASE_URL}`,
	},
	{
		case: 'credential test: base URL with an extra path',
		target: 'Credential test',
		credentials: { baseUrl: '$SANDBOX/composio' },
		error: CREDENTIAL_404,
	},
	{
		case: 'credential test: base URL with the documented /api/v3 suffix is fine',
		target: 'Credential test',
		credentials: { baseUrl: '$SANDBOX/api/v3/' },
		error: null,
	},
	{
		case: 'credential test: a server that is not Composio (JSON)',
		target: 'Credential test',
		credentials: { baseUrl: '$JSON' },
		error: `$JSON answered GET /api/v3.1/auth_configs, but not like the Composio API (no "items" list in the reply).\n${CREDENTIAL_SET_BASE_URL}`,
	},
	{
		case: 'credential test: a server that is not Composio (HTML)',
		target: 'Credential test',
		credentials: { baseUrl: '$HTML' },
		error: CREDENTIAL_HTML_404,
	},
	{
		case: 'credential test: nothing listens there',
		target: 'Credential test',
		credentials: { baseUrl: '$CLOSED' },
		error:
			'Could not reach Composio at $CLOSED (ECONNREFUSED): nothing accepts connections at that host and port.\nCheck the Base URL in the Composio API credential and that the server is reachable from n8n.',
	},
	{
		case: 'credential test: wrong API key',
		target: 'Credential test',
		credentials: { apiKey: 'ak_wrong_key' },
		error: CREDENTIAL_401,
	},
	{
		case: 'credential test: empty API key',
		target: 'Credential test',
		credentials: { apiKey: '' },
		error: CREDENTIAL_401_EMPTY,
	},
	{
		case: 'credential in a node: base URL without a scheme',
		target: 'Connected Account',
		parameters: ca('getAll'),
		credentials: { baseUrl: 'backend.composio.dev' },
		error:
			'Composio API credential: The Base URL must start with http:// or https:// (got "backend.composio.dev")',
		description:
			'Open the Composio API credential and set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).',
	},
	{
		case: 'credential in a node: the API key pasted into the Base URL field',
		target: 'Connected Account',
		parameters: ca('getAll'),
		credentials: { apiKey: 'https://backend.composio.dev', baseUrl: 'ak_pasted_key_1234' },
		error:
			'Composio API credential: The Base URL looks like a Composio API key (ak_…): the API Key and Base URL fields may be swapped',
		description:
			'Open the Composio API credential and set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).',
	},
	{
		case: 'credential in a node: base URL with a query string',
		target: 'Connected Account',
		parameters: ca('getAll'),
		credentials: { baseUrl: 'https://backend.composio.dev/?region=eu' },
		error:
			'Composio API credential: The Base URL must not contain a query string or fragment (got "https://backend.composio.dev/?region=eu")',
		description:
			'Open the Composio API credential and set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).',
	},
	{
		case: 'credential in a node: empty base URL',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE'),
		credentials: { baseUrl: '  ' },
		error: 'Composio API credential: The Base URL is empty',
		description:
			'Open the Composio API credential and set Base URL to https://backend.composio.dev (or the URL of your Composio-compatible server).',
	},
	{
		case: 'credential in a node: base URL with an extra path',
		target: 'Connected Account',
		parameters: ca('getAll'),
		credentials: { baseUrl: '$SANDBOX/composio' },
		error: 'Route not found: GET /composio/api/v3.1/connected_accounts',
		description: 'Composio error HTTP_NotFound, code 10404, HTTP 404, request ID $REQUEST_ID',
	},
	{
		case: 'credential in a node: a server that is not Composio (JSON)',
		target: 'Connected Account',
		parameters: ca('getAll'),
		credentials: { baseUrl: '$JSON' },
		error: 'Composio answered GET /api/v3.1/connected_accounts without an "items" list',
		description: 'Check the Base URL in the Composio API credential.',
	},
	{
		case: 'credential in a node: a server that is not Composio (HTML, answering 404)',
		target: 'Connected Account',
		parameters: get(A.daveGmail),
		credentials: { baseUrl: '$HTML' },
		error:
			'Composio could not find the requested resource (the reply was not JSON: "<!doctype html><html><body><h1>Not Found</h1></body></html>")',
		description:
			'The answer was not JSON, so it did not come from the Composio API itself (a wrong Base URL, or a proxy in between). Check the Base URL in the Composio API credential.\nComposio HTTP 404',
	},
	{
		case: 'credential in a node: nothing listens there',
		target: 'Connected Account',
		parameters: ca('getAll'),
		credentials: { baseUrl: '$CLOSED' },
		error: 'Could not reach Composio at $CLOSED (ECONNREFUSED)',
		// A refused connection sent nothing: retried like any request, never "may already have run".
		description:
			'The connection was not made, so the request was not sent and did not run on Composio’s side. Tried 4 times. Check the Base URL in the Composio API credential and that the server is reachable from n8n.',
	},
	{
		case: 'credential in a node: wrong API key',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE'),
		credentials: { apiKey: 'ak_wrong_key' },
		error: 'Invalid API key',
		description:
			'Suggested fix: Check the project API key (the sandbox prints it at start-up).\nComposio rejected the API key. Check the API key in the Composio API credential; keys belong to one project.\nComposio error HTTP_Unauthorized, code 10401, HTTP 401, request ID $REQUEST_ID',
	},
	// ------------------------------------------------------------------ Connected Account: IDs
	{
		case: 'Get: empty ID',
		target: 'Connected Account',
		parameters: get(''),
		error:
			'The \'Connected Account\' node has issues:\n- Parameter "Connected Account" is required.\n- Not a connected account ID (they start with ca_)',
		refusedByN8n: true,
	},
	{
		case: 'Get: blank ID',
		target: 'Connected Account',
		parameters: get('   '),
		error:
			"The 'Connected Account' node has issues:\n- Not a connected account ID (they start with ca_)",
		refusedByN8n: true,
	},
	{
		case: 'Get: malformed ID',
		target: 'Connected Account',
		parameters: get('12345'),
		error:
			"The 'Connected Account' node has issues:\n- Not a connected account ID (they start with ca_)",
		refusedByN8n: true,
	},
	{
		case: 'Get: an auth config ID where an account ID belongs',
		target: 'Connected Account',
		parameters: get(AC.gmailManaged),
		error:
			"The 'Connected Account' node has issues:\n- Not a connected account ID (they start with ca_)",
		refusedByN8n: true,
	},
	{
		case: 'Get: malformed ID from an expression',
		target: 'Connected Account',
		parameters: get('={{ $json.id }}'),
		input: { id: '12345' },
		error: 'Connected Account: "12345" is not a valid connected account ID',
		description:
			'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
	},
	{
		case: 'Get: unicode ID from an expression',
		target: 'Connected Account',
		parameters: get('={{ $json.id }}'),
		input: { id: 'ca_ünïcødé' },
		error: 'Connected Account: "ca_ünïcødé" is not a valid connected account ID',
		description:
			'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
	},
	{
		case: 'Get: very long ID from an expression',
		target: 'Connected Account',
		parameters: get('={{ $json.id }}'),
		input: { id: 'ca_$LONG' },
		error: 'Connected Account: is 10003 characters long; at most 80 are allowed',
	},
	{
		case: 'Get: spaces around an ID from an expression are ignored',
		target: 'Connected Account',
		parameters: get('={{ $json.id }}'),
		input: { id: `  ${A.daveGmail}\n` },
		error: null,
	},
	{
		case: 'Get: unknown ID',
		target: 'Connected Account',
		parameters: get('ca_doesNotExist01'),
		error: 'Connected account "ca_doesNotExist01" not found',
		description:
			'Suggested fix: Check the connected account id; deleted accounts are not returned.\nComposio error ConnectedAccount_ResourceNotFound, code 606, HTTP 404, request ID $REQUEST_ID',
	},
	{
		case: 'Get: deleted account',
		target: 'Connected Account',
		parameters: get(A.carolGithubDeleted),
		error: 'Connected account "ca_wiUHPm3i-__T" not found',
		description:
			'Suggested fix: Check the connected account id; deleted accounts are not returned.\nComposio error ConnectedAccount_ResourceNotFound, code 606, HTTP 404, request ID $REQUEST_ID',
	},
	{
		case: 'Get: unicode ID',
		target: 'Connected Account',
		parameters: get('ca_ünïcødé'),
		error:
			"The 'Connected Account' node has issues:\n- Not a connected account ID (they start with ca_)",
		refusedByN8n: true,
	},
	{
		case: 'Get: very long ID',
		target: 'Connected Account',
		parameters: get(`ca_${LONG}`),
		error:
			"The 'Connected Account' node has issues:\n- Not a connected account ID (they start with ca_)",
		refusedByN8n: true,
	},
	{
		case: 'Get: expression giving an object',
		target: 'Connected Account',
		parameters: get('={{ $json.account }}'),
		input: { account: { id: A.daveGmail } },
		error: 'Connected Account: expected text but got an object ({"id":"ca_TBVuSHTRVwKE"})',
	},
	{
		case: 'Get: expression giving a list',
		target: 'Connected Account',
		parameters: get('={{ $json.ids }}'),
		input: { ids: [A.daveGmail, A.bobGithub] },
		error:
			'Connected Account: expected text but got a list (["ca_TBVuSHTRVwKE","ca_w6mwML1Dd_vj"])',
	},
	{
		case: 'Get: expression giving nothing',
		target: 'Connected Account',
		parameters: get('={{ $json.missing }}'),
		error: 'Connected Account: expected text but got nothing',
	},
	{
		case: 'Get Credentials: malformed ID from an expression',
		target: 'Connected Account',
		parameters: byId('getCredentials', '={{ $json.id }}'),
		input: { id: '12345' },
		error: 'Connected Account: "12345" is not a valid connected account ID',
		description:
			'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
	},
	{
		case: 'Get Credentials: unknown ID',
		target: 'Connected Account',
		parameters: byId('getCredentials', 'ca_doesNotExist01'),
		error: 'Connected account "ca_doesNotExist01" not found',
		description:
			'Suggested fix: Check the connected account id; deleted accounts are not returned.\nComposio error ConnectedAccount_ResourceNotFound, code 606, HTTP 404, request ID $REQUEST_ID',
	},
	{
		case: 'Get Credentials: expression giving nothing',
		target: 'Connected Account',
		parameters: byId('getCredentials', '={{ $json.missing }}'),
		error: 'Connected Account: expected text but got nothing',
	},
	{
		case: 'Refresh: malformed ID from an expression',
		target: 'Connected Account',
		parameters: byId('refresh', '={{ $json.id }}'),
		input: { id: '12345' },
		error: 'Connected Account: "12345" is not a valid connected account ID',
		description:
			'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
	},
	{
		case: 'Refresh: unknown ID',
		target: 'Connected Account',
		parameters: byId('refresh', 'ca_doesNotExist01'),
		error: 'Connected account "ca_doesNotExist01" not found',
		description:
			'Suggested fix: Check the connected account id; deleted accounts are not returned.\nComposio error ConnectedAccount_ResourceNotFound, code 606, HTTP 404, request ID $REQUEST_ID',
	},
	{
		case: 'Refresh: expression giving nothing',
		target: 'Connected Account',
		parameters: byId('refresh', '={{ $json.missing }}'),
		error: 'Connected Account: expected text but got nothing',
	},
	// ------------------------------------------------------------------ Connected Account: lists
	{
		case: 'Get Many: Limit 0',
		target: 'Connected Account',
		parameters: ca('getAll', { limit: 0 }),
		error: 'Limit: must be between 1 and 1000000 (got 0)',
	},
	{
		case: 'Get Many: negative Limit',
		target: 'Connected Account',
		parameters: ca('getAll', { limit: -5 }),
		error: 'Limit: must be between 1 and 1000000 (got -5)',
	},
	{
		case: 'Get Many: huge Limit',
		target: 'Connected Account',
		parameters: ca('getAll', { limit: 1e12 }),
		error: 'Limit: must be between 1 and 1000000 (got 1000000000000)',
	},
	{
		case: 'Get Many: fractional Limit',
		target: 'Connected Account',
		parameters: ca('getAll', { limit: 2.5 }),
		error: 'Limit: expected a whole number but got "2.5"',
	},
	{
		case: 'Get Many: Limit from an expression giving text',
		target: 'Connected Account',
		parameters: ca('getAll', { limit: '={{ $json.limit }}' }),
		input: { limit: 'ten' },
		error: 'Limit: expected a whole number but got "ten"',
	},
	{
		case: 'Get Many: unknown status',
		target: 'Connected Account',
		parameters: ca('getAll', { filters: { statuses: ['ACTIVE', 'ACTIV'] } }),
		error: 'Filters → Statuses: "ACTIV" is not a connected account status',
		description:
			'Use one or more of INITIALIZING, INITIATED, ACTIVE, FAILED, EXPIRED, INACTIVE, REVOKED.',
	},
	{
		case: 'Get Many: statuses in lower case are accepted',
		target: 'Connected Account',
		parameters: ca('getAll', { filters: { statuses: '={{ $json.s }}' } }),
		input: { s: 'active, expired' },
		error: null,
	},
	{
		case: 'Get Many: statuses from an expression giving an object',
		target: 'Connected Account',
		parameters: ca('getAll', { filters: { statuses: '={{ $json.s }}' } }),
		input: { s: { status: 'ACTIVE' } },
		error:
			'Filters → Statuses: expected comma-separated text or a list of strings but got an object ({"status":"ACTIVE"})',
	},
	{
		case: 'Get Many: a user ID list holding an object',
		target: 'Connected Account',
		parameters: ca('getAll', { filters: { userIds: '={{ $json.users }}' } }),
		input: { users: ['user_alice', { id: 'user_bob' }] },
		error: 'Filters → User IDs: every entry must be text, got an object ({"id":"user_bob"})',
	},
	{
		case: 'Get Many: malformed auth config ID',
		target: 'Connected Account',
		parameters: ca('getAll', { filters: { authConfigIds: ['gmail'] } }),
		error: 'Filters → Auth Configs: "gmail" is not a valid auth config ID',
		description:
			'An auth config ID looks like ac_ followed by letters, digits, "-" or "_" (for example ac_5KdA-e2C4ZMd).',
	},
	{
		case: 'Get Many: unicode user ID (no match, no error)',
		target: 'Connected Account',
		parameters: ca('getAll', { filters: { userIds: 'ユーザー_ä' } }),
		error: null,
	},
	{
		case: 'Get Many: unknown sort field (from an expression)',
		target: 'Connected Account',
		parameters: ca('getAll', { options: { sortBy: '={{ "name" }}' } }),
		error: 'Options → Sort By: "name" is not one of created_at, updated_at',
	},
	// ------------------------------------------------------------------ Connected Account: connect
	{
		case: 'Connect: empty user ID',
		target: 'Connected Account',
		parameters: ca('connect', { userId: '', authConfig: locator(AC.gmailManaged) }),
		error: 'The \'Connected Account\' node has issues:\n- Parameter "User ID" is required.',
		refusedByN8n: true,
	},
	{
		case: 'Connect: user ID from an expression giving an object',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: '={{ $json.user }}',
			authConfig: locator(AC.gmailManaged),
		}),
		input: { user: { id: 'user_erin' } },
		error: 'User ID: expected text but got an object ({"id":"user_erin"})',
	},
	{
		case: 'Connect: very long user ID',
		target: 'Connected Account',
		parameters: ca('connect', { userId: 'u'.repeat(300), authConfig: locator(AC.gmailManaged) }),
		error: 'User ID: is 300 characters long; at most 256 are allowed',
	},
	{
		case: 'Connect: empty auth config',
		target: 'Connected Account',
		parameters: ca('connect', { userId: 'user_erin', authConfig: locator('') }),
		error:
			'The \'Connected Account\' node has issues:\n- Parameter "Auth Config" is required.\n- Not an auth config ID (they start with ac_)',
		refusedByN8n: true,
	},
	{
		case: 'Connect: unknown auth config',
		target: 'Connected Account',
		parameters: ca('connect', { userId: 'user_erin', authConfig: locator('ac_doesNotExist01') }),
		error: 'Auth config "ac_doesNotExist01" not found',
		description:
			'Suggested fix: Check the auth config id (ac_...) in your project.\nComposio error AuthConfig_ResourceNotFound, code 706, HTTP 404, request ID $REQUEST_ID',
	},
	{
		case: 'Connect: callback URL that is not http(s)',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.gmailManaged),
			options: { callbackUrl: 'javascript:alert(1)' },
		}),
		error: 'Options → Callback URL: "javascript:alert(1)" is not an http(s) URL',
		description:
			'Use an absolute URL such as https://example.com/connected (or an expression like {{ $execution.resumeUrl }}).',
	},
	{
		case: 'Connect: connection data that is not JSON',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.gmailManaged),
			options: { connectionData: '{subdomain: acme}' },
		}),
		error: `Options → Connection Data: is not valid JSON (${jsonError('{subdomain: acme}')})`,
		description: 'Give a JSON object, for example {"subdomain": "acme"}.',
	},
	{
		case: 'Connect: connection data that is a list',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.gmailManaged),
			options: { connectionData: '["acme"]' },
		}),
		error: 'Options → Connection Data: expected a JSON object but got a list (["acme"])',
	},
	{
		case: 'Connect: wait timeout 0',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.gmailManaged),
			options: { waitForConnection: true, waitTimeout: 0 },
		}),
		error: 'Options → Wait Timeout: must be between 1 and 600 (got 0)',
	},
	{
		case: 'Connect: wait timeout longer than a Connect Link lives',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.gmailManaged),
			options: { waitForConnection: true, waitTimeout: 3600 },
		}),
		error: 'Options → Wait Timeout: must be between 1 and 600 (got 3600)',
	},
	{
		case: 'Connect with credentials: empty API key',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.tavilyApiKey),
			method: 'initiate',
			authScheme: 'API_KEY',
			apiKey: '',
		}),
		error: 'The \'Connected Account\' node has issues:\n- Parameter "API Key" is required.',
		refusedByN8n: true,
	},
	{
		case: 'Connect with credentials: scheme other than the auth config’s',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'user_erin',
			authConfig: locator(AC.tavilyApiKey),
			method: 'initiate',
			authScheme: 'BEARER_TOKEN',
			bearerToken: 'tok',
		}),
		error: 'Auth Scheme: the auth config ac_D8VIVHpwhl1n uses API_KEY, not BEARER_TOKEN',
		description: 'Set Auth Scheme to "API Key".',
	},
	{
		case: 'Connect: unicode user ID and alias are accepted',
		target: 'Connected Account',
		parameters: ca('connect', {
			userId: 'usuario_ñandú_日本',
			authConfig: locator(AC.gmailManaged),
			options: { alias: 'trabajo — ✉' },
		}),
		error: null,
	},
	// ------------------------------------------------------------------ Connected Account: others
	{
		case: 'Wait for Connection: negative timeout',
		target: 'Connected Account',
		parameters: ca('waitForConnection', { connectedAccount: locator(A.daveGmail), timeout: -1 }),
		error: 'Timeout: must be between 1 and 600 (got -1)',
	},
	{
		case: 'Wait for Connection: fractional poll interval',
		target: 'Connected Account',
		parameters: ca('waitForConnection', {
			connectedAccount: locator(A.daveGmail),
			options: { pollInterval: 0.5 },
		}),
		error: 'Options → Poll Interval: expected a whole number but got "0.5"',
	},
	{
		case: 'Update: alias from an expression giving an object',
		target: 'Connected Account',
		parameters: ca('update', { connectedAccount: locator(A.daveGmail), alias: '={{ $json.a }}' }),
		input: { a: { name: 'work' } },
		error: 'Alias: expected text but got an object ({"name":"work"})',
	},
	{
		case: 'Update: alias from an expression giving a list',
		target: 'Connected Account',
		parameters: ca('update', { connectedAccount: locator(A.daveGmail), alias: '={{ $json.a }}' }),
		input: { a: ['work', 'home'] },
		error: 'Alias: expected text but got a list (["work","home"])',
	},
	{
		case: 'Update: very long alias',
		target: 'Connected Account',
		parameters: ca('update', { connectedAccount: locator(A.daveGmail), alias: 'a'.repeat(300) }),
		error: 'Alias: is 300 characters long; at most 256 are allowed',
	},
	{
		case: 'Update: alias already used by the user’s other account of the toolkit',
		target: 'Connected Account',
		parameters: ca('update', { connectedAccount: locator(A.aliceGmailWork), alias: 'personal' }),
		error: 'Alias "personal" is already used by another gmail connected account of user user_alice',
		description:
			'Suggested fix: Aliases must be unique per user and toolkit; choose another alias.\nComposio error ConnectedAccount_AliasAlreadyExists, code 609, HTTP 409, request ID $REQUEST_ID',
	},
	{
		case: 'Disable by filter: no filter set',
		target: 'Connected Account',
		parameters: ca('disable', { target: 'filter', filters: {} }),
		error:
			'Filters: no filter is set, so every connected account of the project would be selected to disable',
		description: NO_FILTER_HINT,
	},
	{
		case: 'Disable by filter: the filter expression gives nothing',
		target: 'Connected Account',
		parameters: ca('disable', { target: 'filter', filters: { userIds: '={{ $json.userId }}' } }),
		input: { user: 'user_bob' },
		error: 'Filters → User IDs: is set but resolves to no value (got nothing)',
		description: EMPTY_FILTER_HINT,
	},
	{
		case: 'Disable by filter: concurrency 0',
		target: 'Connected Account',
		parameters: ca('disable', {
			target: 'filter',
			filters: { userIds: 'user_bob' },
			options: { concurrency: 0 },
		}),
		error: 'Options → Concurrency: must be between 1 and 20 (got 0)',
	},
	{
		case: 'Delete by filter: malformed account ID in the filter',
		target: 'Connected Account',
		parameters: ca('delete', { target: 'filter', filters: { connectedAccountIds: 'ca_!!, ' } }),
		error: 'Filters → Connected Account IDs: "ca_!!" is not a valid connected account ID',
		description:
			'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
	},
	{
		case: 'Enable: an EXPIRED account',
		target: 'Connected Account',
		parameters: ca('enable', { connectedAccount: locator(A.bobGmailExpired) }),
		error:
			'Connected account ca_AbElRKN_PEqk is EXPIRED; only INACTIVE (disabled) accounts can be enabled',
		description:
			'Enabling cannot bring back its credentials. Connect the user again with the Connect operation (a new Connect Link).',
	},
	// ------------------------------------------------------------------ Execute Tool
	{
		case: 'Execute Tool: empty tool',
		target: 'Execute Tool',
		parameters: tool(''),
		error:
			'The \'Execute Tool\' node has issues:\n- Parameter "Tool" is required.\n- Not a tool slug (e.g. GMAIL_SEND_EMAIL)',
		refusedByN8n: true,
	},
	{
		case: 'Execute Tool: malformed tool slug',
		target: 'Execute Tool',
		parameters: tool('send email!'),
		error: "The 'Execute Tool' node has issues:\n- Not a tool slug (e.g. GMAIL_SEND_EMAIL)",
		refusedByN8n: true,
	},
	{
		case: 'Execute Tool: unknown tool',
		target: 'Execute Tool',
		parameters: tool('GMAIL_DOES_NOT_EXIST'),
		error: 'Tool: Composio has no tool GMAIL_DOES_NOT_EXIST',
		description: 'Check the slug (e.g. GMAIL_SEND_EMAIL), or pick the tool from the list.',
	},
	{
		case: 'Execute Tool: version of the wrong form',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { version: '2025-11-11' }),
		error: 'Version: "2025-11-11" is not a toolkit version',
		description:
			'Use a version such as 20251111_00, "latest", or "newest" for the newest version the tool lists.',
	},
	{
		case: 'Execute Tool: version as a number from an expression',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { version: '={{ 20251111 }}' }),
		error: 'Version: 20251111 is not a toolkit version',
		description:
			'Use a version such as 20251111_00, "latest", or "newest" for the newest version the tool lists.',
	},
	{
		case: 'Execute Tool: version the tool does not list',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { version: '20990101_00' }),
		error: 'Version: GMAIL_GET_PROFILE is not available at version 20990101_00',
		description:
			'Versions of GMAIL_GET_PROFILE: 20251111_00, 20251027_00, 20250909_00 (or "latest").',
	},
	{
		case: 'Execute Tool: arguments that are not JSON',
		target: 'Execute Tool',
		parameters: tool('GMAIL_SEND_EMAIL', {
			argumentsMode: 'json',
			argumentsJson: '{"recipient_email": ann@example.com}',
		}),
		error: `Arguments (JSON): not valid JSON (${jsonError('{"recipient_email": ann@example.com}')})`,
		description:
			'Write the arguments as a JSON object, e.g. {"recipient_email": "ann@example.com", "body": "Hi"}.',
	},
	{
		case: 'Execute Tool: arguments that are a JSON list',
		target: 'Execute Tool',
		parameters: tool('GMAIL_SEND_EMAIL', { argumentsMode: 'json', argumentsJson: '[1, 2]' }),
		error: 'Arguments (JSON): expected a JSON object but got a list ([1,2])',
		description: 'The arguments are an object whose keys are the tool’s argument names.',
	},
	{
		case: 'Execute Tool: a required argument missing',
		target: 'Execute Tool',
		parameters: sendEmail({ body: 'Hi' }),
		error: 'Arguments → recipient_email: is required by GMAIL_SEND_EMAIL but not set',
		description: '- recipient_email is required by GMAIL_SEND_EMAIL but not set',
	},
	{
		case: 'Execute Tool: an argument of the wrong type',
		target: 'Execute Tool',
		parameters: sendEmail({ recipient_email: 'ann@example.com', body: 'Hi', is_html: 'maybe' }),
		error: 'Arguments → is_html: expects boolean but got the text "maybe"',
		description: '- is_html expects boolean but got the text "maybe"',
	},
	{
		case: 'Execute Tool: an argument the tool does not have',
		target: 'Execute Tool',
		parameters: tool('GMAIL_SEND_EMAIL', {
			argumentsMode: 'json',
			argumentsJson: '{"recipient_email": "ann@example.com", "body": "Hi", "colour": "red"}',
		}),
		error:
			'Arguments (JSON) → colour: is not an argument of GMAIL_SEND_EMAIL at version 20251111_00',
		description:
			'- colour is not an argument of GMAIL_SEND_EMAIL at version 20251111_00\nArguments of GMAIL_SEND_EMAIL at version 20251111_00: recipient_email, subject, body, cc, bcc, is_html, extra_recipients, user_id.',
	},
	{
		case: 'Execute Tool: a value outside the allowed ones',
		target: 'Execute Tool',
		parameters: tool('TAVILY_SEARCH', {
			arguments: mapped({ query: 'n8n', search_depth: 'deepest' }),
		}),
		error:
			'Arguments → search_depth: must be one of "basic", "advanced" but got the text "deepest"',
		description: '- search_depth must be one of "basic", "advanced" but got the text "deepest"',
	},
	{
		case: 'Execute Tool: user ID from an expression giving a list',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { userId: '={{ $json.users }}' }),
		input: { users: ['user_alice', 'user_bob'] },
		error: 'Composio User ID: expected text but got a list (["user_alice","user_bob"])',
		description:
			'Your application’s ID of the end user, usually an expression such as {{ $json.userId }}.',
	},
	{
		case: 'Execute Tool: timeout 0',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { options: { timeout: 0 } }),
		error: 'Options → Timeout: must be between 1 and 600 (got 0)',
	},
	{
		case: 'Execute Tool: concurrency too high',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { options: { concurrency: 11 } }),
		error: 'Options → Concurrency: must be between 1 and 10 (got 11)',
	},
	{
		case: 'Execute Tool: unknown specific account',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', {
			accountSelection: 'specific',
			connectedAccount: locator('ca_doesNotExist01'),
		}),
		error: 'Connected Account: connected account ca_doesNotExist01 does not exist',
		description:
			'It may have been deleted, or it belongs to another Composio project than the API key of the credential.',
	},
	{
		case: 'Execute Tool: unicode alias nobody has',
		target: 'Execute Tool',
		parameters: tool('GMAIL_GET_PROFILE', { accountSelection: 'alias', accountAlias: 'trabajo-ñ' }),
		error: 'Account Alias: user "user_alice" has no gmail account with the alias "trabajo-ñ"',
		description:
			'The user\'s gmail accounts: ca_vMWirTLXXWCM (alias "personal", ACTIVE, created 2026-04-10); ca_jnVTfBjp90XM (alias "work", ACTIVE, created 2026-03-02). Aliases are matched ignoring case. Turn on "Return Connect Link When Not Connected" to offer the user a link that creates the account with this alias.',
	},
	{
		case: 'Execute Tool: custom auth parameter in a cookie',
		target: 'Execute Tool',
		parameters: tool('TAVILY_SEARCH', {
			arguments: mapped({ query: 'n8n' }),
			options: { customAuthParameters: { parameter: [{ name: 'k', in: 'cookie', value: 'v' }] } },
		}),
		error: 'Options → Custom Auth Parameters (row 1) → In: must be "header" or "query"',
	},
	{
		case: 'Execute Tool: a very long text argument is sent as it is',
		target: 'Execute Tool',
		parameters: tool('TAVILY_SEARCH', { arguments: mapped({ query: LONG }) }),
		error: null,
	},
	// ------------------------------------------------------------------ triggers
	{
		case: 'Composio Trigger: no events',
		target: 'Composio Trigger',
		parameters: { events: [] },
		error: 'Events: choose at least one',
		description:
			'Use composio.connected_account.expired, composio.trigger.disabled, composio.trigger.message.',
	},
	{
		case: 'Composio Trigger: an event Composio does not send (from an expression)',
		target: 'Composio Trigger',
		parameters: { events: '={{ ["composio.connected_account.deleted"] }}' },
		error: 'Events: "composio.connected_account.deleted" is not one of the choices',
		description:
			'Use one or more of composio.connected_account.expired, composio.trigger.disabled, composio.trigger.message.',
	},
	{
		// The secret is read from Composio (a paste is only a fallback): a blank one is no error, the
		// missing subscription is.
		case: 'Composio Trigger: existing subscription, blank secret, none in the project',
		target: 'Composio Trigger',
		parameters: {
			events: ['composio.connected_account.expired'],
			subscription: 'existing',
			secret: ' ',
		},
		error: 'This Composio project has no webhook subscription',
		description:
			'Create one in Composio that sends to http://127.0.0.1:5678/webhook/composio-test-hook/webhook, or set Subscription to "Create If None Exists" to let this node create it.',
	},
	{
		case: 'Account Status Trigger: Max Tracked Accounts 0',
		target: 'Account Status Trigger',
		parameters: { events: ['statusChanged'], options: { maxAccounts: 0 } },
		error: 'Options → Max Tracked Accounts: must be between 1 and 20000 (got 0)',
	},
	{
		case: 'Account Status Trigger: Max Tracked Accounts from an expression that is not a number',
		target: 'Account Status Trigger',
		parameters: { events: ['statusChanged'], options: { maxAccounts: '={{ "many" }}' } },
		error: 'Options → Max Tracked Accounts: expected a whole number but got "many"',
	},
	{
		case: 'Account Status Trigger: an unknown event',
		target: 'Account Status Trigger',
		parameters: { events: '={{ ["statusChanged", "renamed"] }}' },
		error: 'Events: "renamed" is not one of the choices',
		description: 'Use one or more of statusChanged, appeared, disappeared.',
	},
	{
		case: 'Account Status Trigger: an unknown status in Only New Statuses',
		target: 'Account Status Trigger',
		parameters: { events: ['statusChanged'], options: { statuses: '={{ ["ACTIVE", "PAUSED"] }}' } },
		error: 'Options → Only New Statuses: "PAUSED" is not a connected account status',
		description:
			'Use one or more of INITIALIZING, INITIATED, ACTIVE, FAILED, EXPIRED, INACTIVE, REVOKED.',
	},
	{
		case: 'Account Status Trigger: malformed auth config filter',
		target: 'Account Status Trigger',
		parameters: { events: ['statusChanged'], filters: { authConfigIds: ['gmail'] } },
		error: 'Filters → Auth Configs: "gmail" is not a valid auth config ID',
		description:
			'An auth config ID looks like ac_ followed by letters, digits, "-" or "_" (for example ac_5KdA-e2C4ZMd).',
	},
	...EMPTY_FILTER_ROWS,
	...PROJECT_WIDE_ROWS,
	...BOOLEAN_ROWS,
	// ------------------------------------------------------------------ Proxy Request
	{
		case: 'Proxy Request: empty endpoint',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: '' }),
		error: 'The \'Proxy Request\' node has issues:\n- Parameter "Endpoint" is required.',
		refusedByN8n: true,
	},
	{
		case: 'Proxy Request: endpoint that resolves empty',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: '={{ $json.path }}' }),
		input: { path: '   ' },
		error: 'Endpoint: is empty',
		description: PROXY_ENDPOINT_HINT,
	},
	{
		case: 'Proxy Request: endpoint as an object from an expression',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: '={{ $json.path }}' }),
		input: { path: { url: '/x' } },
		error: 'Endpoint: expected text but got an object ({"url":"/x"})',
		description: PROXY_ENDPOINT_HINT,
	},
	{
		case: 'Proxy Request: absolute URL on another domain',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: 'https://attacker.example/collect' }),
		error:
			'Endpoint: https://attacker.example/collect is not on the gmail account’s API domain (Composio: OriginMismatch)',
		description:
			"Composio sends an account’s credentials only to the API it belongs to. Use a path relative to the toolkit’s base URL (e.g. /gmail/v1/users/me/profile for Gmail), or an absolute URL with the same scheme and registrable domain (https://www.googleapis.com/… for a Gmail account).\nComposio said: The endpoint https://attacker.example is not on the connected account's domain: it must share the scheme and registrable domain of https://gmail.googleapis.com\nSuggested fix: Use an endpoint relative to the connected account’s base URL (e.g. /users/me), or an absolute URL with the same scheme and registrable domain.\nComposio error OriginMismatch, code 1830, HTTP 400, request ID $REQUEST_ID",
	},
	{
		case: 'Proxy Request: endpoint with another scheme',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: 'file:///etc/passwd' }),
		error: 'Endpoint: "file:///etc/passwd" is not an http(s) URL or a path',
		description: PROXY_ENDPOINT_HINT,
	},
	{
		case: 'Proxy Request: protocol-relative endpoint',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: '//attacker.example/collect' }),
		error: 'Endpoint: "//attacker.example/collect" has no scheme',
		description: 'Write the full URL (https://…) or a path starting with a single "/".',
	},
	{
		case: 'Proxy Request: endpoint with a line break',
		target: 'Proxy Request',
		parameters: proxyRequest({
			endpoint: '={{ "/gmail/v1/users/me/profile\\r\\nX-Injected: 1" }}',
		}),
		error:
			'Endpoint: "/gmail/v1/users/me/profile\r\nX-Injected: 1" contains spaces or control characters',
		description: 'Encode them (e.g. %20), or pass values as query parameters.',
	},
	{
		case: 'Proxy Request: unicode endpoint',
		target: 'Proxy Request',
		parameters: proxyRequest({ endpoint: '/gmail/v1/users/me/messages?q=café' }),
		error: null,
	},
	{
		case: 'Proxy Request: method from an expression that is not one',
		target: 'Proxy Request',
		parameters: proxyRequest({ method: '={{ $json.verb }}' }),
		input: { verb: 'FETCH' },
		error: 'Method: "FETCH" is not a method Composio’s proxy accepts',
		description: 'Use one of GET, POST, PUT, DELETE, PATCH, HEAD.',
	},
	{
		case: 'Proxy Request: lower-case method from an expression',
		target: 'Proxy Request',
		parameters: proxyRequest({ method: '={{ "get" }}' }),
		error: null,
	},
	{
		case: 'Proxy Request: JSON body that does not parse',
		target: 'Proxy Request',
		parameters: proxyRequest({
			method: 'POST',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"title": Found a bug}',
		}),
		error: `Body (JSON): is not valid JSON (${jsonError('{"title": Found a bug}')})`,
		description:
			'Give valid JSON, e.g. {"title": "Hello"}; in an expression use {{ JSON.stringify(…) }}.',
	},
	{
		case: 'Proxy Request: empty JSON body',
		target: 'Proxy Request',
		parameters: proxyRequest({
			method: 'POST',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: ' ',
		}),
		error: 'Body (JSON): is empty',
		description: 'Give the JSON to send, e.g. {"title": "Hello"}, or turn off Send Body.',
	},
	{
		case: 'Proxy Request: a body on a GET',
		target: 'Proxy Request',
		parameters: proxyRequest({ sendBody: true, specifyBody: 'json', jsonBody: '{"a": 1}' }),
		error: 'Send Body: a GET request carries no body',
		description: 'Choose POST, PUT, PATCH or DELETE, or pass the values as query parameters.',
	},
	{
		case: 'Proxy Request: binary property missing',
		target: 'Proxy Request',
		parameters: proxyRequest({
			method: 'POST',
			sendBody: true,
			contentType: 'binaryData',
			inputDataFieldName: 'file',
		}),
		error: 'Input Binary Field: the input item has no binary property "file"',
		description:
			'The item carries no binary data: read the file first (e.g. with Read/Write Files from Disk or HTTP Request).',
	},
	{
		case: 'Proxy Request: query JSON that is a list',
		target: 'Proxy Request',
		parameters: proxyRequest({ sendQuery: true, specifyQuery: 'json', jsonQuery: '[1, 2]' }),
		error: 'Query Parameters (JSON): expected a JSON object but got a list ([1,2])',
		description: 'For example {"maxResults": 10, "q": "is:unread"}.',
	},
	{
		case: 'Proxy Request: query JSON that does not parse',
		target: 'Proxy Request',
		parameters: proxyRequest({
			sendQuery: true,
			specifyQuery: 'json',
			jsonQuery: '{maxResults: 10}',
		}),
		error: `Query Parameters (JSON): is not valid JSON (${jsonError('{maxResults: 10}')})`,
		description: 'Give a JSON object, for example {"maxResults": 10, "q": "is:unread"}.',
	},
	{
		case: 'Proxy Request: query value that is an object',
		target: 'Proxy Request',
		parameters: proxyRequest({
			sendQuery: true,
			specifyQuery: 'json',
			jsonQuery: '{"filter": {"from": "ann"}}',
		}),
		error:
			'Query Parameters (JSON) → filter: expected text, a number or true/false but got an object ({"from":"ann"})',
	},
	{
		case: 'Proxy Request: query parameter without a name',
		target: 'Proxy Request',
		parameters: proxyRequest({
			sendQuery: true,
			queryParameters: { parameters: [{ name: ' ', value: '10' }] },
		}),
		error: 'Query Parameters (row 1) → Name: is empty',
	},
	{
		case: 'Proxy Request: header name that is not one',
		target: 'Proxy Request',
		parameters: proxyRequest({
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X Bad: Name', value: '1' }] },
		}),
		error: 'Headers (row 1): "X Bad: Name" is not a valid header name',
		description: 'Header names are letters, digits and - (e.g. X-Request-Id).',
	},
	{
		case: 'Proxy Request: header value with a line break',
		target: 'Proxy Request',
		parameters: proxyRequest({
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'X-Note', value: '={{ "a\\r\\nX-Injected: 1" }}' }],
			},
		}),
		error: 'Headers (row 1): the value of X-Note contains a line break',
		description: 'Header values are one line.',
	},
	{
		case: 'Proxy Request: user ID as a list from an expression',
		target: 'Proxy Request',
		parameters: proxyRequest({ userId: '={{ $json.users }}' }),
		input: { users: ['user_alice', 'user_bob'] },
		error: 'User ID: expected text but got a list (["user_alice","user_bob"])',
		description:
			'Your application’s ID of the end user, usually an expression such as {{ $json.userId }}.',
	},
	{
		case: 'Proxy Request: toolkit that resolves empty',
		target: 'Proxy Request',
		parameters: proxyRequest({ toolkit: '={{ $json.toolkit }}' }),
		input: { toolkit: '' },
		error: 'Toolkit: is empty',
		description: 'Choose the toolkit whose API to call, e.g. gmail.',
	},
	{
		case: 'Proxy Request: malformed connected account ID from an expression',
		target: 'Proxy Request',
		parameters: proxyRequest({
			accountSelection: 'specific',
			connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		}),
		input: { id: 'acct_123' },
		error: 'Connected Account: "acct_123" is not a valid connected account ID',
		description:
			'A connected account ID looks like ca_ followed by letters, digits, "-" or "_" (for example ca_5KdA-e2C4ZMd).',
	},
	{
		case: 'Proxy Request: timeout of 0',
		target: 'Proxy Request',
		parameters: proxyRequest({ options: { timeout: 0 } }),
		error: 'Options → Timeout: must be between 1 and 600 (got 0)',
	},
];

// ------------------------------------------------------------------------------ running a row

const TYPES: Partial<Record<Target, string>> = {
	'Connected Account': CONNECTED_ACCOUNT,
	'Execute Tool': EXECUTE_TOOL,
	'Proxy Request': PROXY_REQUEST,
	'Composio Trigger': TRIGGER,
	'Account Status Trigger': STATUS_TRIGGER,
};

export const REFUSED_BY_N8N = '(refused by n8n before the run)';

export interface Seen {
	message: string | null;
	description?: string | null;
}

export interface Catalogue {
	sandbox: RunningSandbox;
	/** Replaces the `$…` placeholders. */
	fill<T>(value: T): T;
	/**
	 * Runs one row and returns what the user sees. `observe` receives everything the run produced
	 * (the whole run, a thrown error, the credential test result).
	 */
	runRow(row: Row, observe?: (value: unknown) => void): Promise<Seen>;
	close(): Promise<void>;
}

export async function startCatalogue(options: { apiKey?: string } = {}): Promise<Catalogue> {
	const sandbox = await startSandbox({ port: 0, apiKey: options.apiKey });
	const html = await serve((_req, res) =>
		res
			.status(404)
			.type('html')
			.send('<!doctype html><html><body><h1>Not Found</h1></body></html>'),
	);
	const json = await serve((_req, res) => res.json({ status: 'ok' }));
	const closed = await serve(() => undefined);
	await closed.close();
	const places: Record<string, string> = {
		SANDBOX: sandbox.url,
		HTML: html.url,
		JSON: json.url,
		CLOSED: closed.url,
		LONG,
	};

	function fill<T>(value: T): T {
		return JSON.parse(
			JSON.stringify(value).replace(
				/\$(SANDBOX|HTML|JSON|CLOSED|LONG)/g,
				(_m, key: string) => places[key],
			),
		) as T;
	}

	async function runRow(row: Row, observe: (value: unknown) => void = () => {}): Promise<Seen> {
		const credentials = fill({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, ...row.credentials });
		const engine = new Engine({ credentials });
		if (row.target === 'Credential test') {
			const result = await engine.testCredential(credentials);
			observe(result);
			return { message: result.status === 'OK' ? null : result.message };
		}
		const node: WorkflowNode = {
			name: row.target,
			type: TYPES[row.target] as string,
			parameters: fill(row.parameters ?? {}),
		};
		if (row.target === 'Composio Trigger' || row.target === 'Account Status Trigger') {
			try {
				if (row.target === 'Composio Trigger') {
					observe(await engine.activateWebhook(node, { staticData: {} }));
				} else {
					observe(await engine.poll(node, { staticData: {} }));
				}
				return { message: null };
			} catch (error) {
				observe(error);
				const e = error as Error & { description?: string | null };
				return { message: e.message, description: e.description };
			}
		}
		let result: RunResult;
		try {
			result = await engine.runNode(node, [{ json: fill(row.input ?? {}) }]);
		} catch (error) {
			observe(error);
			// n8n's own check before any node runs (required parameters, the locator's regex): what the
			// editor shows as "the node has issues". Anything else thrown would be a crash.
			const e = error as Error;
			if (e.name !== 'WorkflowHasIssuesError') return { message: `crash: ${e.name}: ${e.message}` };
			return { message: e.message, description: REFUSED_BY_N8N };
		}
		observe(result.run);
		if (result.status === 'success') return { message: null };
		expect(result.status).toBe('error');
		return {
			message: String(result.error?.message),
			description: (result.error?.description as string | undefined) ?? null,
		};
	}

	return {
		sandbox,
		fill,
		runRow,
		close: async () => {
			await Promise.all([html.close(), json.close()]);
			await sandbox.close();
		},
	};
}
