/**
 * Every operation of every node, as the reliability suite drives it: the workflow (or editor / trigger
 * call) that runs it against the seeded sandbox, the Composio routes it sends, and which of them
 * must never be repeated. The fault matrix injects each fault into each route; the secret-leak scan
 * runs the same operations with a canary API key.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { SandboxCounters } from '../../sandbox/src';
import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import type { WorkflowNode } from '../harness/engine';
import type { MethodKind, OperationKey } from '../harness/nodeOperations';
import { keysOfRun, methodKey, nodeKey } from '../harness/nodeOperations';
import type { Harness } from './helpers';
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
const API = '/api/v3.1';

/**
 * `retried`: the transport repeats it after a transient failure (reads, PATCH, DELETE, revoke).
 * `once`: it may already have run when its answer is lost (tool execute, proxy request, Connect Link,
 * initiate, refresh, webhook subscription create), so only a 429 — refused before anything ran — is repeated.
 */
export type RouteMode = 'retried' | 'once';

export interface Route {
	/** How the route reads in the matrix, e.g. `GET /connected_accounts/{id}`. */
	label: string;
	method: string;
	/** The sandbox fault pattern (no query; `*` = one path segment). */
	path: string;
	mode: RouteMode;
	/** The input item whose request on this route is the first one to match (default 0). */
	item?: number;
	/** A per-account request of a filter target: its failure is that account's item. */
	perAccount?: boolean;
	/**
	 * What the output of the item (or account) loses when the first answer is lost and the repeat
	 * reports the state that attempt created.
	 */
	lostAnswer?: { note: string; apply(json: IDataObject): IDataObject };
}

/** A side effect that must happen at most once per input item, read from the sandbox. */
export interface Effect {
	name: string;
	/** The route whose request causes it. */
	route: string;
	count(h: Harness): Promise<number>;
}

export interface WorkflowOperation {
	kind: 'workflow';
	name: string;
	node: WorkflowNode;
	items: IDataObject[];
	routes: Route[];
	effect?: Effect;
}

export interface CallOperation {
	kind: 'call';
	name: string;
	/**
	 * The node operations the call runs (see test/harness/nodeOperations.ts); registries.test.ts
	 * checks that every operation of every node is covered. A workflow operation's come from its node.
	 */
	covers: OperationKey[];
	routes: Route[];
	effect?: Effect;
	/** Prepares the sandbox and returns the state the call works on (e.g. static data). */
	setup?(h: Harness): Promise<IDataObject>;
	/** The call, returning a value that is the same on every successful run. */
	call(h: Harness, state: IDataObject): Promise<unknown>;
	/**
	 * After a failed call, the next call without faults must give the fault-free result (nothing the
	 * failed call should have reported is lost).
	 */
	retryAfterFailure?: boolean;
}

export type Operation = WorkflowOperation | CallOperation;

function counter(name: string, route: string, read: (c: SandboxCounters) => number): Effect {
	return { name, route, count: async (h) => read(await h.control.counters()) };
}

const linksCreated = (route: string) =>
	counter('Connect Links created', route, (c) => c.linksCreated);

function node(name: string, type: string, parameters: INodeParameters): WorkflowNode {
	return { name, type, parameters };
}

const account = (operation: string, parameters: INodeParameters = {}) =>
	node('Connected Account', CONNECTED_ACCOUNT, {
		operation,
		connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		...parameters,
	});

const byFilter = (operation: string, parameters: INodeParameters = {}) =>
	node('Connected Account', CONNECTED_ACCOUNT, {
		operation,
		target: 'filter',
		filters: { userIds: '={{ $json.user }}' },
		dryRun: false,
		options: { concurrency: 1 },
		...parameters,
	});

const tool = (parameters: INodeParameters = {}) =>
	node('Execute Tool', EXECUTE_TOOL, {
		tool: { __rl: true, mode: 'id', value: '={{ $json.tool }}' },
		userId: '={{ $json.user }}',
		...parameters,
	});

const one = (id: string): Route['path'] => `${API}/connected_accounts/${id}`;

const CONNECTED_ACCOUNTS_LIST: Omit<Route, 'item'> = {
	label: 'GET /connected_accounts',
	method: 'GET',
	path: `${API}/connected_accounts`,
	mode: 'retried',
};

function getOne(id: string, item: number): Route {
	return {
		label: 'GET /connected_accounts/{id}',
		method: 'GET',
		path: one(id),
		mode: 'retried',
		item,
	};
}

const GITHUB_ME = 'GITHUB_GET_THE_AUTHENTICATED_USER';

/** The tool run of item 1: never repeated (the tool may have run). */
function toolExecution(slug: string): Route {
	return {
		label: 'POST /tools/execute/{slug}',
		method: 'POST',
		path: `${API}/tools/execute/${slug}`,
		mode: 'once',
		item: 1,
	};
}

const TOOL_EXECUTIONS = counter(
	'tool executions',
	'POST /tools/execute/{slug}',
	(c) => c.toolExecutions.total,
);

/** A repeated revoke finds the tokens already revoked by the attempt whose answer was lost. */
const REVOKE_REPEATED: Route['lostAnswer'] = {
	note: 'revoked_tokens [] (the repeat cannot know which tokens the lost attempt revoked)',
	apply: (json) => ({ ...json, revoked_tokens: [] }),
};

const workflowOperations: WorkflowOperation[] = [
	{
		kind: 'workflow',
		name: 'Connected Account · Get Many',
		node: node('Connected Account', CONNECTED_ACCOUNT, {
			operation: 'getAll',
			limit: 3,
			filters: { userIds: '={{ $json.user }}' },
		}),
		items: [{ user: 'user_bob' }, { user: 'user_alice' }],
		routes: [CONNECTED_ACCOUNTS_LIST],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Get',
		node: account('get'),
		items: [{ id: A.bobGithub }, { id: A.aliceTavily }, { id: A.daveGmail }],
		routes: [getOne(A.aliceTavily, 1)],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Get Credentials',
		node: account('getCredentials'),
		items: [{ id: A.bobGithub }, { id: A.aliceTavily }, { id: A.daveGmail }],
		routes: [getOne(A.aliceTavily, 1)],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Connect (Connect Link)',
		node: node('Connected Account', CONNECTED_ACCOUNT, {
			operation: 'connect',
			userId: '={{ $json.user }}',
			authConfig: { __rl: true, mode: 'id', value: '={{ $json.authConfig }}' },
		}),
		items: [
			{ user: 'user_erin', authConfig: AC.gmailManaged },
			{ user: 'user_erin', authConfig: AC.slackManaged },
		],
		routes: [
			{
				label: 'GET /auth_configs/{id}',
				method: 'GET',
				path: `${API}/auth_configs/${AC.slackManaged}`,
				mode: 'retried',
				item: 1,
			},
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (Allow Multiple guard)' },
			{
				label: 'POST /connected_accounts/link',
				method: 'POST',
				path: `${API}/connected_accounts/link`,
				mode: 'once',
			},
		],
		effect: linksCreated('POST /connected_accounts/link'),
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Connect (With Credentials)',
		node: node('Connected Account', CONNECTED_ACCOUNT, {
			operation: 'connect',
			userId: '={{ $json.user }}',
			authConfig: locator(AC.tavilyApiKey),
			method: 'initiate',
			authScheme: 'API_KEY',
			apiKey: 'tvly-end-user-key',
		}),
		items: [{ user: 'user_erin' }, { user: 'user_frank' }],
		routes: [
			{
				label: 'GET /auth_configs/{id}',
				method: 'GET',
				path: `${API}/auth_configs/${AC.tavilyApiKey}`,
				mode: 'retried',
			},
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (Allow Multiple guard)' },
			{
				label: 'GET /toolkits/{slug}',
				method: 'GET',
				path: `${API}/toolkits/tavily`,
				mode: 'retried',
			},
			{
				label: 'POST /connected_accounts',
				method: 'POST',
				path: `${API}/connected_accounts`,
				mode: 'once',
			},
		],
		effect: counter('accounts initiated', 'POST /connected_accounts', (c) => c.initiates),
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Wait for Connection',
		node: account('waitForConnection', { timeout: 5 }),
		items: [{ id: A.aliceGithub }, { id: A.bobGmailExpired }, { id: A.daveGmail }],
		routes: [getOne(A.bobGmailExpired, 1)],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Refresh',
		node: account('refresh'),
		items: [{ id: A.aliceGithub }, { id: A.aliceTavily }],
		routes: [
			{
				label: 'POST /connected_accounts/{id}/refresh',
				method: 'POST',
				path: `${one(A.aliceTavily)}/refresh`,
				mode: 'once',
				item: 1,
			},
		],
		effect: counter('refreshes', 'POST /connected_accounts/{id}/refresh', (c) => c.refreshes),
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Enable',
		node: account('enable'),
		items: [{ id: A.aliceSlackInactive }, { id: A.carolTavilyInactive }],
		// One request per account (the status is not read first; see helpers/status.ts).
		routes: [
			{
				label: 'PATCH /connected_accounts/{id}/status',
				method: 'PATCH',
				path: `${one(A.carolTavilyInactive)}/status`,
				mode: 'retried',
				item: 1,
			},
		],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Disable',
		node: account('disable'),
		items: [{ id: A.aliceGithub }, { id: A.bobGithub }],
		// One request per account (the status is not read first; see helpers/status.ts).
		routes: [
			{
				label: 'PATCH /connected_accounts/{id}/status',
				method: 'PATCH',
				path: `${one(A.bobGithub)}/status`,
				mode: 'retried',
				item: 1,
			},
		],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Revoke',
		node: account('revoke'),
		items: [{ id: A.carolGmailMain }, { id: A.daveGmail }],
		routes: [
			getOne(A.daveGmail, 1),
			{
				label: 'POST /connected_accounts/{id}/revoke',
				method: 'POST',
				path: `${one(A.daveGmail)}/revoke`,
				mode: 'retried',
				item: 1,
				lostAnswer: REVOKE_REPEATED,
			},
		],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Delete',
		// Tavily cannot revoke: deleted anyway only with "Delete Even If Revoke Fails" (off by default).
		node: account('delete', { options: { revokeFirst: true, deleteIfRevokeFails: true } }),
		items: [{ id: A.aliceTavily }, { id: A.daveGmail }],
		routes: [
			getOne(A.daveGmail, 1),
			{
				label: 'POST /connected_accounts/{id}/revoke',
				method: 'POST',
				path: `${one(A.daveGmail)}/revoke`,
				mode: 'retried',
				item: 1,
				lostAnswer: REVOKE_REPEATED,
			},
			{
				label: 'DELETE /connected_accounts/{id}',
				method: 'DELETE',
				path: one(A.daveGmail),
				mode: 'retried',
				item: 1,
			},
		],
	},
	{
		kind: 'workflow',
		name: 'Connected Account · Update',
		node: account('update', { alias: '={{ $json.alias }}' }),
		items: [
			{ id: A.aliceGithub, alias: 'oss' },
			{ id: A.bobGithub, alias: 'builds' },
		],
		routes: [
			{
				label: 'PATCH /connected_accounts/{id}',
				method: 'PATCH',
				path: one(A.bobGithub),
				mode: 'retried',
				item: 1,
			},
			getOne(A.bobGithub, 1),
		],
	},
	...(
		[
			['Enable', 'enable', [{ user: 'user_alice' }, { user: 'user_carol' }], 'PATCH', 'status'],
			['Disable', 'disable', [{ user: 'user_dave' }, { user: 'user_bob' }], 'PATCH', 'status'],
			['Revoke', 'revoke', [{ user: 'user_dave' }], 'POST', 'revoke'],
			['Delete', 'delete', [{ user: 'user_dave' }, { user: 'user_carol' }], 'DELETE', ''],
		] as const
	).map(
		([label, operation, items, method, suffix]): WorkflowOperation => ({
			kind: 'workflow',
			name: `Connected Account · ${label} (Accounts Matching a Filter)`,
			node: byFilter(operation),
			items: [...items],
			routes: [
				CONNECTED_ACCOUNTS_LIST,
				{
					label: `${method} /connected_accounts/{id}${suffix ? `/${suffix}` : ''} (per account)`,
					method,
					path: `${API}/connected_accounts/*${suffix ? `/${suffix}` : ''}`,
					mode: 'retried',
					perAccount: true,
					lostAnswer: suffix === 'revoke' ? REVOKE_REPEATED : undefined,
				},
			],
		}),
	),
	{
		kind: 'workflow',
		name: 'Execute Tool · User’s Default account',
		node: tool(),
		items: [
			{ tool: 'GMAIL_GET_PROFILE', user: 'user_alice' },
			{ tool: GITHUB_ME, user: 'user_alice' },
			{ tool: 'GMAIL_GET_PROFILE', user: 'user_dave' },
		],
		routes: [
			{
				label: 'GET /tools/{slug}',
				method: 'GET',
				path: `${API}/tools/${GITHUB_ME}`,
				mode: 'retried',
				item: 1,
			},
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (the user’s accounts)' },
			toolExecution(GITHUB_ME),
		],
		effect: TOOL_EXECUTIONS,
	},
	{
		kind: 'workflow',
		name: 'Execute Tool · Specific Account, JSON arguments',
		node: tool({
			accountSelection: 'specific',
			connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.account }}' },
			argumentsMode: 'json',
			argumentsJson: '={{ JSON.stringify($json.args) }}',
		}),
		items: [
			{
				tool: 'SLACK_SEND_MESSAGE',
				user: 'user_bob',
				account: A.bobSlackAcme,
				args: { channel: '#general', text: 'one' },
			},
			{
				tool: 'GMAIL_SEND_EMAIL',
				user: 'user_alice',
				account: A.aliceGmailWork,
				args: { recipient_email: 'ann@example.com', body: 'two' },
			},
		],
		routes: [
			{
				label: 'GET /connected_accounts/{id}',
				method: 'GET',
				path: one(A.aliceGmailWork),
				mode: 'retried',
				item: 1,
			},
			toolExecution('GMAIL_SEND_EMAIL'),
		],
		effect: TOOL_EXECUTIONS,
	},
	{
		kind: 'workflow',
		name: 'Execute Tool · By Alias, JSON arguments',
		node: tool({
			accountSelection: 'alias',
			accountAlias: '={{ $json.alias }}',
			argumentsMode: 'json',
			argumentsJson: '={{ JSON.stringify($json.args) }}',
		}),
		items: [
			{ tool: 'GMAIL_GET_PROFILE', user: 'user_alice', alias: 'work', args: {} },
			{
				tool: 'SLACK_SEND_MESSAGE',
				user: 'user_bob',
				alias: 'acme',
				args: { channel: '#general', text: 'one' },
			},
		],
		routes: [
			{
				label: 'GET /tools/{slug}',
				method: 'GET',
				path: `${API}/tools/SLACK_SEND_MESSAGE`,
				mode: 'retried',
				item: 1,
			},
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (the user’s accounts)' },
			toolExecution('SLACK_SEND_MESSAGE'),
		],
		effect: TOOL_EXECUTIONS,
	},
	{
		kind: 'workflow',
		name: 'Execute Tool · not connected → Connect Link',
		node: tool({
			arguments: mapped({}),
			options: { returnConnectLink: true },
		}),
		items: [
			{ tool: 'GMAIL_GET_PROFILE', user: 'user_erin' },
			{ tool: 'GMAIL_GET_PROFILE', user: 'user_frank' },
		],
		routes: [
			{
				label: 'GET /auth_configs (Connect Link auth config)',
				method: 'GET',
				path: `${API}/auth_configs`,
				mode: 'retried',
			},
			{
				label: 'POST /connected_accounts/link',
				method: 'POST',
				path: `${API}/connected_accounts/link`,
				mode: 'once',
			},
		],
		effect: linksCreated('POST /connected_accounts/link'),
	},
];

/**
 * A proxied request may change data at the provider (POST, PUT, DELETE…), and Composio gives no
 * idempotency key, so it is `once` for every method: only a 429 (refused before anything ran) is
 * repeated. Its effect is a request that reached the proxy route.
 */
const PROXY_ROUTE: Route = {
	label: 'POST /tools/execute/proxy',
	method: 'POST',
	path: `${API}/tools/execute/proxy`,
	mode: 'once',
};
const proxyRequests = counter(
	'proxy requests',
	'POST /tools/execute/proxy',
	(c) => c.requests.byRoute['POST /tools/execute/proxy'] ?? 0,
);

const proxyOperations: WorkflowOperation[] = [
	{
		kind: 'workflow',
		name: 'Proxy Request · User’s Default account, GET with query parameters',
		node: node('Proxy Request', PROXY_REQUEST, {
			toolkit: '={{ $json.toolkit }}',
			userId: '={{ $json.user }}',
			method: 'GET',
			endpoint: '={{ $json.path }}',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'maxResults', value: '={{ $json.max }}' }] },
		}),
		items: [
			{ toolkit: 'gmail', user: 'user_alice', path: '/gmail/v1/users/me/messages', max: 5 },
			{ toolkit: 'github', user: 'user_bob', path: '/user/repos', max: 10 },
			{ toolkit: 'slack', user: 'user_bob', path: '/conversations.list', max: 20 },
		],
		routes: [
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (the user’s accounts)' },
			PROXY_ROUTE,
		],
		effect: proxyRequests,
	},
	{
		kind: 'workflow',
		name: 'Proxy Request · Specific Account, POST with a JSON body',
		node: node('Proxy Request', PROXY_REQUEST, {
			toolkit: 'github',
			userId: '={{ $json.user }}',
			accountSelection: 'specific',
			connectedAccount: { __rl: true, mode: 'id', value: '={{ $json.account }}' },
			method: 'POST',
			endpoint: '={{ $json.path }}',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ title: $json.title }) }}',
		}),
		items: [
			{
				user: 'user_alice',
				account: A.aliceGithub,
				path: '/repos/alice-dev/demo/issues',
				title: 'one',
			},
			{
				user: 'user_bob',
				account: A.bobGithub,
				path: '/repos/bob-builds/demo/issues',
				title: 'two',
			},
		],
		routes: [getOne(A.bobGithub, 1), PROXY_ROUTE],
		effect: proxyRequests,
	},
	{
		kind: 'workflow',
		name: 'Proxy Request · By Alias, GET',
		node: node('Proxy Request', PROXY_REQUEST, {
			toolkit: '={{ $json.toolkit }}',
			userId: '={{ $json.user }}',
			accountSelection: 'alias',
			accountAlias: '={{ $json.alias }}',
			method: 'GET',
			endpoint: '={{ $json.path }}',
		}),
		items: [
			{ toolkit: 'gmail', user: 'user_alice', alias: 'work', path: '/gmail/v1/users/me/profile' },
			{ toolkit: 'slack', user: 'user_bob', alias: 'side-project', path: '/conversations.list' },
		],
		routes: [
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (the user’s accounts)' },
			PROXY_ROUTE,
		],
		effect: proxyRequests,
	},
];

const editorNode = (type: string, parameters: INodeParameters = {}): WorkflowNode =>
	node('Editor', type, parameters);

function method(
	name: string,
	type: string,
	kind: MethodKind,
	fn: string,
	routes: Route[],
	parameters: INodeParameters = {},
): CallOperation {
	return {
		kind: 'call',
		name,
		covers: [methodKey(type, kind, fn)],
		routes,
		async call(h) {
			const target = editorNode(type, parameters);
			if (kind === 'listSearch') return await h.engine.listSearch(target, fn);
			if (kind === 'loadOptions') return await h.engine.loadOptions(target, fn);
			return await h.engine.resourceMapping(target, fn);
		},
	};
}

const AUTH_CONFIGS_LIST: Route = {
	label: 'GET /auth_configs',
	method: 'GET',
	path: `${API}/auth_configs`,
	mode: 'retried',
};
const TOOLKITS_LIST: Route = {
	label: 'GET /toolkits',
	method: 'GET',
	path: `${API}/toolkits`,
	mode: 'retried',
};
const SEND_EMAIL_TOOL: Route = {
	label: 'GET /tools/{slug}',
	method: 'GET',
	path: `${API}/tools/GMAIL_SEND_EMAIL`,
	mode: 'retried',
};
const chosenTool = { tool: locator('GMAIL_SEND_EMAIL'), userId: 'user_alice' };

const editorOperations: CallOperation[] = [
	method(
		'Connected Account · list search: connected accounts',
		CONNECTED_ACCOUNT,
		'listSearch',
		'searchConnectedAccounts',
		[CONNECTED_ACCOUNTS_LIST],
	),
	method(
		'Connected Account · list search: auth configs',
		CONNECTED_ACCOUNT,
		'listSearch',
		'searchAuthConfigs',
		[AUTH_CONFIGS_LIST],
	),
	method(
		'Connected Account · list search: toolkits',
		CONNECTED_ACCOUNT,
		'listSearch',
		'searchToolkits',
		[TOOLKITS_LIST],
	),
	method('Connected Account · options: toolkits', CONNECTED_ACCOUNT, 'loadOptions', 'getToolkits', [
		TOOLKITS_LIST,
	]),
	method(
		'Connected Account · options: auth configs',
		CONNECTED_ACCOUNT,
		'loadOptions',
		'getAuthConfigs',
		[AUTH_CONFIGS_LIST],
	),
	method('Execute Tool · list search: tools', EXECUTE_TOOL, 'listSearch', 'searchTools', [
		{ label: 'GET /tools', method: 'GET', path: `${API}/tools`, mode: 'retried' },
	]),
	method(
		'Execute Tool · list search: the user’s accounts',
		EXECUTE_TOOL,
		'listSearch',
		'searchToolAccounts',
		[SEND_EMAIL_TOOL, CONNECTED_ACCOUNTS_LIST],
		chosenTool,
	),
	method(
		'Execute Tool · list search: auth configs for links',
		EXECUTE_TOOL,
		'listSearch',
		'searchToolAuthConfigs',
		[SEND_EMAIL_TOOL, AUTH_CONFIGS_LIST],
		chosenTool,
	),
	method('Execute Tool · options: toolkits', EXECUTE_TOOL, 'loadOptions', 'getToolkitOptions', [
		TOOLKITS_LIST,
	]),
	method(
		'Proxy Request · list search: the user’s accounts of the toolkit',
		PROXY_REQUEST,
		'listSearch',
		'searchToolkitAccounts',
		[CONNECTED_ACCOUNTS_LIST],
		{ toolkit: 'gmail', userId: 'user_alice' },
	),
	method(
		'Proxy Request · list search: auth configs of the toolkit',
		PROXY_REQUEST,
		'listSearch',
		'searchToolkitAuthConfigs',
		[AUTH_CONFIGS_LIST],
		{ toolkit: 'gmail' },
	),
	method('Proxy Request · options: toolkits', PROXY_REQUEST, 'loadOptions', 'getToolkits', [
		TOOLKITS_LIST,
	]),
	method(
		'Account Status Trigger · options: auth configs',
		STATUS_TRIGGER,
		'loadOptions',
		'getAuthConfigs',
		[AUTH_CONFIGS_LIST],
	),
	method(
		'Account Status Trigger · options: toolkits',
		STATUS_TRIGGER,
		'loadOptions',
		'getToolkits',
		[TOOLKITS_LIST],
	),
	method(
		'Execute Tool · options: versions',
		EXECUTE_TOOL,
		'loadOptions',
		'getToolVersions',
		[SEND_EMAIL_TOOL],
		chosenTool,
	),
	method(
		'Execute Tool · resource mapper: arguments',
		EXECUTE_TOOL,
		'resourceMapping',
		'getToolArguments',
		[SEND_EMAIL_TOOL],
		{ ...chosenTool, version: '20251027_00' },
	),
];

const EXPIRED = 'composio.connected_account.expired';
const DISABLED = 'composio.trigger.disabled';
const trigger = (parameters: INodeParameters = {}): WorkflowNode =>
	node('Composio Trigger', TRIGGER, { events: [EXPIRED], ...parameters });
const NODE_URL = 'http://127.0.0.1:5678/webhook/composio-test-hook/webhook';

/** The trigger's static data as a comparable value (the secret and creation time vary). */
function ownedSubscription(staticData: IDataObject): IDataObject {
	const data = (staticData['node:Composio Trigger'] ?? {}) as IDataObject;
	return {
		...data,
		subscriptionId: typeof data.subscriptionId === 'string' ? '<id>' : data.subscriptionId,
		subscriptionSecret:
			typeof data.subscriptionSecret === 'string' ? '<secret>' : data.subscriptionSecret,
		createdAt: typeof data.createdAt === 'string' ? '<time>' : data.createdAt,
	};
}

const SUBSCRIPTIONS_LIST: Route = {
	label: 'GET /webhook_subscriptions',
	method: 'GET',
	path: `${API}/webhook_subscriptions`,
	mode: 'retried',
};
const SUBSCRIPTION_ONE = (method: string): Route => ({
	label: `${method} /webhook_subscriptions/{id}`,
	method,
	path: `${API}/webhook_subscriptions/*`,
	mode: 'retried',
});

async function activated(h: Harness, events = [EXPIRED]): Promise<IDataObject> {
	const staticData: IDataObject = {};
	await h.engine.activateWebhook(trigger({ events }), { staticData });
	await h.control.clearRequests();
	return staticData;
}

const subscriptionExists: Effect = {
	name: 'webhook subscriptions created',
	route: 'POST /webhook_subscriptions',
	count: async (h) => ((await h.hooks.subscription()) ? 1 : 0),
};

const watcher = (events: string[]): WorkflowNode =>
	node('Account Status', STATUS_TRIGGER, { events });

/** A baseline poll, then changes the next poll reports (one status change, one deletion). */
async function watched(h: Harness, events: string[]): Promise<IDataObject> {
	const staticData: IDataObject = {};
	await h.engine.poll(watcher(events), { staticData });
	await h.control.advanceClock(60_000);
	await h.control.setAccountStatus(A.daveGmail, {
		status: 'EXPIRED',
		statusReason: 'Max auth failures reached',
	});
	await fetch(`${h.sandbox.url}${API}/connected_accounts/${A.aliceTavily}`, {
		method: 'DELETE',
		headers: { 'x-api-key': h.sandbox.apiKey },
	});
	await h.control.clearRequests();
	return { staticData };
}

async function pollOnce(h: Harness, state: IDataObject, events: string[]): Promise<unknown> {
	const { items } = await h.engine.poll(watcher(events), {
		staticData: state.staticData as IDataObject,
	});
	return items ? items[0].map((item) => item.json) : [];
}

const triggerOperations: CallOperation[] = [
	{
		kind: 'call',
		name: 'Composio Trigger · activate (Create If None Exists)',
		covers: keysOfRun(TRIGGER, trigger().parameters),
		routes: [
			SUBSCRIPTIONS_LIST,
			{
				label: 'POST /webhook_subscriptions',
				method: 'POST',
				path: `${API}/webhook_subscriptions`,
				mode: 'once',
			},
		],
		effect: subscriptionExists,
		async call(h) {
			const staticData: IDataObject = {};
			const created = await h.engine.activateWebhook(trigger(), { staticData });
			return { created, owned: ownedSubscription(staticData) };
		},
	},
	{
		kind: 'call',
		name: 'Composio Trigger · activate (Use Existing Subscription)',
		covers: keysOfRun(TRIGGER, { ...trigger().parameters, subscription: 'existing' }),
		routes: [SUBSCRIPTIONS_LIST],
		async setup(h) {
			const response = await fetch(`${h.sandbox.url}${API}/webhook_subscriptions`, {
				method: 'POST',
				headers: { 'x-api-key': h.sandbox.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ webhook_url: NODE_URL, enabled_events: [EXPIRED], version: 'V3' }),
			});
			const { secret } = (await response.json()) as { secret: string };
			await h.control.clearRequests();
			return { secret };
		},
		async call(h, state) {
			const staticData: IDataObject = {};
			return await h.engine.activateWebhook(
				trigger({ subscription: 'existing', secret: state.secret as string }),
				{ staticData },
			);
		},
	},
	{
		kind: 'call',
		name: 'Composio Trigger · reactivate (own subscription unchanged)',
		covers: keysOfRun(TRIGGER, trigger().parameters),
		// The node keeps no subscription id: it finds its subscription by URL in the list.
		routes: [SUBSCRIPTIONS_LIST],
		setup: async (h) => await activated(h),
		async call(h, staticData) {
			const created = await h.engine.activateWebhook(trigger(), { staticData });
			return { created, owned: ownedSubscription(staticData) };
		},
	},
	{
		kind: 'call',
		name: 'Composio Trigger · reactivate with other events (update)',
		covers: keysOfRun(TRIGGER, trigger().parameters),
		routes: [
			{ ...SUBSCRIPTIONS_LIST, label: 'GET /webhook_subscriptions (checkExists, create)' },
			SUBSCRIPTION_ONE('PATCH'),
		],
		setup: async (h) => await activated(h),
		async call(h, staticData) {
			const created = await h.engine.activateWebhook(trigger({ events: [EXPIRED, DISABLED] }), {
				staticData,
			});
			const subscription = await h.hooks.subscription();
			return {
				created,
				owned: ownedSubscription(staticData),
				events: subscription?.enabled_events,
			};
		},
	},
	{
		kind: 'call',
		name: 'Composio Trigger · deactivate',
		covers: [nodeKey(TRIGGER, 'webhook:delete')],
		routes: [SUBSCRIPTIONS_LIST, SUBSCRIPTION_ONE('DELETE')],
		setup: async (h) => await activated(h),
		async call(h, staticData) {
			await h.engine.hook(trigger(), 'delete', { staticData });
			return {
				owned: ownedSubscription(staticData),
				subscription: await h.hooks.subscription(),
			};
		},
	},
	{
		kind: 'call',
		name: 'Account Status Trigger · poll (Status Changed)',
		covers: keysOfRun(STATUS_TRIGGER, watcher(['statusChanged']).parameters),
		routes: [{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (pages)' }],
		setup: async (h) => await watched(h, ['statusChanged']),
		call: async (h, state) => await pollOnce(h, state, ['statusChanged']),
		retryAfterFailure: true,
	},
	{
		kind: 'call',
		name: 'Account Status Trigger · poll (Disappeared)',
		covers: keysOfRun(STATUS_TRIGGER, watcher(['statusChanged', 'disappeared']).parameters),
		routes: [
			{ ...CONNECTED_ACCOUNTS_LIST, label: 'GET /connected_accounts (every page)' },
			{
				label: 'GET /connected_accounts/{id} (deletion confirmed by a 404)',
				method: 'GET',
				path: one(A.aliceTavily),
				mode: 'retried',
			},
		],
		setup: async (h) => await watched(h, ['statusChanged', 'disappeared']),
		call: async (h, state) => await pollOnce(h, state, ['statusChanged', 'disappeared']),
		retryAfterFailure: true,
	},
];

/** The node operations a registry entry runs: a workflow's from its node, a call's as declared. */
export function coveredBy(operation: Operation): OperationKey[] {
	return operation.kind === 'workflow'
		? keysOfRun(operation.node.type, operation.node.parameters)
		: operation.covers;
}

export const OPERATIONS: Operation[] = [
	...workflowOperations,
	...proxyOperations,
	...editorOperations,
	...triggerOperations,
];
