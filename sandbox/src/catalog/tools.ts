/**
 * The sandbox's tool catalog (immutable data). Parameters carry the toolkit version that
 * introduced them, so each version has its own input schema (the legacy base version
 * `00000000_00` has the oldest schema and lacks tools introduced later).
 */
import { BASE_VERSION, type ToolkitDef } from './toolkits';

export type JsonSchema = Record<string, unknown>;

export interface ParamSpec {
	name: string;
	schema: JsonSchema;
	required?: boolean;
	/** Toolkit version in which the parameter appeared (absent = present in every version). */
	addedIn?: string;
}

export interface ToolDef {
	slug: string;
	name: string;
	description: string;
	humanDescription: string;
	toolkit: string;
	tags: string[];
	scopes: string[];
	noAuth: boolean;
	isDeprecated: boolean;
	/** First toolkit version with this tool (`00000000_00` = always there). */
	introducedIn: string;
	requestTitle: string;
	params: ParamSpec[];
	/** JSON schema of the `data` object the tool returns. */
	output: JsonSchema;
}

const str = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({
	type: 'string',
	title,
	description,
	...extra,
});
const int = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({
	type: 'integer',
	title,
	description,
	...extra,
});
const bool = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({
	type: 'boolean',
	title,
	description,
	...extra,
});
const strArray = (title: string, description: string, extra: JsonSchema = {}): JsonSchema => ({
	type: 'array',
	items: { type: 'string' },
	title,
	description,
	...extra,
});
const obj = (
	properties: Record<string, JsonSchema>,
	required: string[] = [],
	extra: JsonSchema = {},
): JsonSchema => ({
	type: 'object',
	properties,
	required,
	...extra,
});

const GMAIL_USER_ID: ParamSpec = {
	name: 'user_id',
	schema: str('User Id', "The user's email address or 'me' for the authenticated user.", {
		default: 'me',
		examples: ['me'],
	}),
};

const SLACK_MESSAGE_PARAMS: ParamSpec[] = [
	{
		name: 'channel',
		required: true,
		schema: str('Channel', 'Channel id (C0123ABCD) or name (#general) to post to.', {
			examples: ['#general'],
		}),
	},
	{
		name: 'text',
		schema: str('Text', 'Plain message text. Either text or markdown_text must be given.'),
	},
	{
		name: 'markdown_text',
		addedIn: '20251111_00',
		schema: str('Markdown Text', 'Message text in Markdown; alternative to text.'),
	},
	{
		name: 'thread_ts',
		schema: str('Thread Ts', 'Timestamp of the parent message to reply in a thread.'),
	},
	{
		name: 'unfurl_links',
		schema: bool('Unfurl Links', 'Whether to unfurl links.', { default: true }),
	},
];

const SLACK_MESSAGE_OUTPUT = obj(
	{
		ok: bool('Ok', 'Whether Slack accepted the message.'),
		channel: str('Channel', 'Channel id the message was posted to.'),
		ts: str('Ts', 'Timestamp id of the message.'),
		message: obj({
			type: str('Type', 'Always message.'),
			text: str('Text', 'Posted text.'),
			user: str('User', 'Posting user id.'),
			team: str('Team', 'Workspace id.'),
			ts: str('Ts', 'Message timestamp.'),
		}),
	},
	['ok', 'channel', 'ts'],
);

export function createToolCatalog(): Map<string, ToolDef> {
	const tools: ToolDef[] = [
		{
			slug: 'GMAIL_GET_PROFILE',
			name: 'Get Gmail profile',
			description:
				'Retrieves the Gmail profile of the connected mailbox: email address, total messages and threads, and the current history id.',
			humanDescription: 'Get the email address and mailbox totals of the connected Gmail account.',
			toolkit: 'gmail',
			tags: ['important', 'readOnlyHint', 'idempotentHint'],
			scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'GetProfileRequest',
			params: [GMAIL_USER_ID],
			output: obj(
				{
					emailAddress: str('Email Address', 'The mailbox address.'),
					messagesTotal: int('Messages Total', 'Total number of messages in the mailbox.'),
					threadsTotal: int('Threads Total', 'Total number of threads in the mailbox.'),
					historyId: str('History Id', 'Id of the mailbox current history record.'),
				},
				['emailAddress', 'messagesTotal', 'threadsTotal', 'historyId'],
			),
		},
		{
			slug: 'GMAIL_SEND_EMAIL',
			name: 'Send email',
			description: 'Sends an email from the connected Gmail account to the given recipients.',
			humanDescription: 'Send an email with Gmail.',
			toolkit: 'gmail',
			tags: ['important', 'openWorldHint'],
			scopes: ['https://www.googleapis.com/auth/gmail.send'],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'SendEmailRequest',
			params: [
				{
					name: 'recipient_email',
					required: true,
					schema: str('Recipient Email', 'Primary recipient address.', {
						examples: ['john@example.com'],
					}),
				},
				{ name: 'subject', schema: str('Subject', 'Subject line.', { default: '' }) },
				{
					name: 'body',
					required: true,
					schema: str('Body', 'Email body (plain text, or HTML when is_html is true).'),
				},
				{ name: 'cc', schema: strArray('Cc', 'Carbon-copy recipients.', { default: [] }) },
				{ name: 'bcc', schema: strArray('Bcc', 'Blind carbon-copy recipients.', { default: [] }) },
				{
					name: 'is_html',
					addedIn: '20251027_00',
					schema: bool('Is Html', 'Set to true when body is HTML.', { default: false }),
				},
				{
					name: 'extra_recipients',
					addedIn: '20251111_00',
					schema: strArray('Extra Recipients', 'Additional To: recipients.', { default: [] }),
				},
				GMAIL_USER_ID,
			],
			output: obj(
				{
					id: str('Id', 'Id of the sent message.'),
					threadId: str('Thread Id', 'Id of the thread.'),
					labelIds: strArray('Label Ids', 'Labels of the sent message.'),
				},
				['id', 'threadId', 'labelIds'],
			),
		},
		{
			slug: 'GMAIL_FETCH_EMAILS',
			name: 'Fetch emails',
			description: 'Fetches a list of email messages from the connected mailbox, newest first.',
			humanDescription: 'List recent emails.',
			toolkit: 'gmail',
			tags: ['important', 'readOnlyHint'],
			scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'FetchEmailsRequest',
			params: [
				{
					name: 'max_results',
					schema: int('Max Results', 'Maximum number of messages to return.', {
						default: 10,
						minimum: 1,
						maximum: 500,
					}),
				},
				{ name: 'query', schema: str('Query', 'Gmail search query, e.g. "from:bob is:unread".') },
				{
					name: 'label_ids',
					schema: strArray('Label Ids', 'Only messages with all of these labels.'),
				},
				{
					name: 'include_payload',
					addedIn: '20251111_00',
					schema: bool('Include Payload', 'Include the message preview text.', { default: true }),
				},
				GMAIL_USER_ID,
			],
			output: obj(
				{
					messages: {
						type: 'array',
						title: 'Messages',
						description: 'Messages, newest first.',
						items: obj({
							messageId: str('Message Id', 'Message id.'),
							threadId: str('Thread Id', 'Thread id.'),
							subject: str('Subject', 'Subject line.'),
							sender: str('Sender', 'From address.'),
							messageTimestamp: str('Message Timestamp', 'ISO time.'),
							labelIds: strArray('Label Ids', 'Labels.'),
							preview: obj({ body: str('Body', 'Preview text.') }),
						}),
					},
					nextPageToken: str('Next Page Token', 'Token of the next page, null at the end.', {
						nullable: true,
					}),
					resultSizeEstimate: int('Result Size Estimate', 'Estimated number of matches.'),
				},
				['messages', 'resultSizeEstimate'],
			),
		},
		{
			slug: 'GITHUB_GET_THE_AUTHENTICATED_USER',
			name: 'Get the authenticated user',
			description: 'Returns the GitHub profile of the user the connected account authenticates as.',
			humanDescription: 'Who am I on GitHub?',
			toolkit: 'github',
			tags: ['important', 'readOnlyHint', 'users'],
			scopes: ['read:user'],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'GetTheAuthenticatedUserRequest',
			params: [],
			output: obj(
				{
					login: str('Login', 'GitHub username.'),
					id: int('Id', 'Numeric user id.'),
					node_id: str('Node Id', 'GraphQL node id.'),
					name: str('Name', 'Display name.', { nullable: true }),
					email: str('Email', 'Public email.', { nullable: true }),
					html_url: str('Html Url', 'Profile URL.'),
					type: str('Type', 'Account type.'),
					public_repos: int('Public Repos', 'Number of public repositories.'),
					followers: int('Followers', 'Number of followers.'),
					created_at: str('Created At', 'Account creation time.'),
				},
				['login', 'id', 'html_url'],
			),
		},
		{
			slug: 'GITHUB_CREATE_AN_ISSUE',
			name: 'Create an issue',
			description: 'Creates an issue in a repository the connected account can write to.',
			humanDescription: 'Open a GitHub issue.',
			toolkit: 'github',
			tags: ['important', 'issues'],
			scopes: ['repo'],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'CreateAnIssueRequest',
			params: [
				{
					name: 'owner',
					required: true,
					schema: str('Owner', 'Repository owner (user or organisation).'),
				},
				{
					name: 'repo',
					required: true,
					schema: str('Repo', 'Repository name without the .git extension.'),
				},
				{ name: 'title', required: true, schema: str('Title', 'Issue title.') },
				{ name: 'body', schema: str('Body', 'Issue body in Markdown.') },
				{ name: 'labels', schema: strArray('Labels', 'Label names to add.') },
				{ name: 'assignees', schema: strArray('Assignees', 'Logins to assign.') },
			],
			output: obj(
				{
					id: int('Id', 'Issue id.'),
					number: int('Number', 'Issue number in the repository.'),
					title: str('Title', 'Issue title.'),
					state: str('State', 'open or closed.', { enum: ['open', 'closed'] }),
					html_url: str('Html Url', 'Issue URL.'),
					user: obj({ login: str('Login', 'Author login.') }),
					labels: strArray('Labels', 'Label names.'),
				},
				['id', 'number', 'title', 'state', 'html_url'],
			),
		},
		{
			slug: 'GITHUB_LIST_STARGAZERS',
			name: 'List stargazers',
			description: 'Lists the users who starred a repository.',
			humanDescription: 'Who starred this repository?',
			toolkit: 'github',
			tags: ['readOnlyHint', 'activity'],
			scopes: [],
			noAuth: false,
			isDeprecated: false,
			introducedIn: '20251027_00',
			requestTitle: 'ListStargazersRequest',
			params: [
				{ name: 'owner', required: true, schema: str('Owner', 'Repository owner.') },
				{ name: 'repo', required: true, schema: str('Repo', 'Repository name.') },
				{
					name: 'per_page',
					schema: int('Per Page', 'Results per page.', { default: 30, minimum: 1, maximum: 100 }),
				},
				{ name: 'page', schema: int('Page', 'Page number (1-based).', { default: 1, minimum: 1 }) },
			],
			output: obj(
				{
					stargazers: {
						type: 'array',
						title: 'Stargazers',
						description: 'Users who starred the repository.',
						items: obj({ login: str('Login', 'Username.'), id: int('Id', 'User id.') }),
					},
					total_count: int('Total Count', 'Total number of stargazers.'),
				},
				['stargazers', 'total_count'],
			),
		},
		{
			slug: 'SLACK_SEND_MESSAGE',
			name: 'Send message',
			description:
				'Posts a message to a Slack channel, DM or thread as the connected workspace bot.',
			humanDescription: 'Send a Slack message.',
			toolkit: 'slack',
			tags: ['important', 'chat'],
			scopes: ['chat:write'],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'SendMessageRequest',
			params: SLACK_MESSAGE_PARAMS,
			output: SLACK_MESSAGE_OUTPUT,
		},
		{
			slug: 'SLACK_CHAT_POST_MESSAGE',
			name: 'Chat post message (deprecated)',
			description: 'Deprecated: use SLACK_SEND_MESSAGE. Posts a message to a Slack channel.',
			humanDescription: 'Deprecated alias of Send message.',
			toolkit: 'slack',
			tags: ['chat', 'deprecated'],
			scopes: ['chat:write'],
			noAuth: false,
			isDeprecated: true,
			introducedIn: BASE_VERSION,
			requestTitle: 'ChatPostMessageRequest',
			params: SLACK_MESSAGE_PARAMS.filter((p) => p.addedIn === undefined),
			output: SLACK_MESSAGE_OUTPUT,
		},
		{
			slug: 'TAVILY_SEARCH',
			name: 'Tavily search',
			description:
				'Searches the web with Tavily and returns ranked results, optionally with a short answer.',
			humanDescription: 'Search the web.',
			toolkit: 'tavily',
			tags: ['important', 'search', 'readOnlyHint'],
			scopes: [],
			noAuth: false,
			isDeprecated: false,
			introducedIn: BASE_VERSION,
			requestTitle: 'TavilySearchRequest',
			params: [
				{ name: 'query', required: true, schema: str('Query', 'The search query.') },
				{
					name: 'search_depth',
					schema: str('Search Depth', 'basic is faster, advanced is more thorough.', {
						enum: ['basic', 'advanced'],
						default: 'basic',
					}),
				},
				{
					name: 'max_results',
					schema: int('Max Results', 'Number of results to return.', {
						default: 5,
						minimum: 1,
						maximum: 20,
					}),
				},
				{
					name: 'include_answer',
					schema: bool('Include Answer', 'Also return a short answer.', { default: false }),
				},
				{
					name: 'topic',
					addedIn: '20251111_00',
					schema: str('Topic', 'Search category.', {
						enum: ['general', 'news'],
						default: 'general',
					}),
				},
			],
			output: obj(
				{
					query: str('Query', 'The query that ran.'),
					answer: str('Answer', 'Short answer when include_answer is true.', { nullable: true }),
					results: {
						type: 'array',
						title: 'Results',
						description: 'Ranked results.',
						items: obj({
							title: str('Title', 'Page title.'),
							url: str('Url', 'Page URL.'),
							content: str('Content', 'Relevant excerpt.'),
							score: { type: 'number', title: 'Score', description: 'Relevance between 0 and 1.' },
						}),
					},
					response_time: { type: 'number', title: 'Response Time', description: 'Seconds.' },
				},
				['query', 'results'],
			),
		},
	];
	return new Map(tools.map((t) => [t.slug, t]));
}

/** Versions of the toolkit in which the tool exists, newest first. */
export function toolAvailableVersions(tool: ToolDef, toolkit: ToolkitDef): string[] {
	if (tool.introducedIn === BASE_VERSION) return [...toolkit.versions];
	return toolkit.versions.filter((v) => v >= tool.introducedIn);
}

export function toolExistsAt(tool: ToolDef, toolkit: ToolkitDef, version: string): boolean {
	if (version === BASE_VERSION) return tool.introducedIn === BASE_VERSION;
	return toolAvailableVersions(tool, toolkit).includes(version);
}

export function paramsAt(tool: ToolDef, version: string): ParamSpec[] {
	return tool.params.filter(
		(p) => p.addedIn === undefined || (version !== BASE_VERSION && p.addedIn <= version),
	);
}

export function inputSchemaAt(tool: ToolDef, version: string): JsonSchema {
	const params = paramsAt(tool, version);
	const properties: Record<string, JsonSchema> = {};
	for (const p of params) properties[p.name] = p.schema;
	return {
		type: 'object',
		title: tool.requestTitle,
		description: tool.description,
		properties,
		required: params.filter((p) => p.required).map((p) => p.name),
	};
}

export function outputSchema(tool: ToolDef): JsonSchema {
	return {
		type: 'object',
		title: `${tool.requestTitle.replace(/Request$/, '')}Response`,
		properties: {
			data: { ...tool.output, title: 'Data', description: 'Data returned by the tool' },
			error: {
				type: 'string',
				title: 'Error',
				description: 'Error message if any',
				nullable: true,
				default: null,
			},
			successful: {
				type: 'boolean',
				title: 'Successful',
				description: 'Whether the execution succeeded',
			},
		},
		required: ['data', 'successful'],
	};
}
