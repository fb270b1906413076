/**
 * Simulated providers. Results are deterministic and depend on the connected account
 * (its identity), so a test can tell which account ran a tool. Provider-side failures are
 * returned as `error` strings (the API answers them with HTTP 200 and `successful: false`).
 */
import { derivedInt, derivedString } from '../core/prng';
import type { AccountRecord } from '../core/model';
import type { SandboxState } from '../core/state';

export interface ExecutionInput {
	state: SandboxState;
	slug: string;
	version: string;
	args: Record<string, unknown>;
	account: AccountRecord | null;
	identity: Record<string, string>;
	/** 1-based count of executions of this tool by this account, including this one. */
	sequence: number;
	now: number;
}

export interface ExecutionOutput {
	data: Record<string, unknown>;
	error: string | null;
}

type Executor = (input: ExecutionInput) => ExecutionOutput;

const HEX = '0123456789abcdef';
const ok = (data: Record<string, unknown>): ExecutionOutput => ({ data, error: null });
const fail = (error: string, data: Record<string, unknown> = {}): ExecutionOutput => ({
	data,
	error,
});

const asString = (value: unknown, fallback = ''): string =>
	typeof value === 'string' ? value : fallback;
const asStrings = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const asInt = (value: unknown, fallback: number): number =>
	typeof value === 'number' && Number.isInteger(value) ? value : fallback;

const SUBJECTS = [
	'Quarterly report draft',
	'Lunch on Friday?',
	'Your invoice is ready',
	'Re: project kickoff',
	'Security alert',
	'Weekly digest',
	'Meeting notes',
	'Travel itinerary',
];
const SENDERS = [
	'bob@example.com',
	'carol@example.org',
	'news@example.net',
	'billing@example.com',
	'dave@example.com',
];

function mailbox(identity: Record<string, string>): string {
	return identity.email ?? 'unknown@example.com';
}

const gmailGetProfile: Executor = ({ identity }) => {
	const email = mailbox(identity);
	const messagesTotal = derivedInt(`${email}:messages`, 120, 9800);
	return ok({
		emailAddress: email,
		messagesTotal,
		threadsTotal: Math.floor(messagesTotal * 0.62),
		historyId: String(derivedInt(`${email}:history`, 100000, 999999)),
	});
};

const gmailSendEmail: Executor = ({ args, account, sequence }) => {
	const recipients = [
		asString(args.recipient_email),
		...asStrings(args.cc),
		...asStrings(args.bcc),
		...asStrings(args.extra_recipients),
	];
	const bad = recipients.find((r) => r.toLowerCase().endsWith('@invalid.example'));
	if (bad) {
		return fail(
			`Gmail API error (400 Bad Request): Invalid To header: '${bad}' is not a deliverable address`,
		);
	}
	const key = `${account?.id ?? 'none'}:send:${sequence}`;
	return ok({
		id: derivedString(`${key}:id`, 16, HEX),
		threadId: derivedString(`${key}:thread`, 16, HEX),
		labelIds: ['SENT'],
	});
};

const gmailFetchEmails: Executor = ({ args, identity, now, version }) => {
	const email = mailbox(identity);
	const max = Math.min(asInt(args.max_results, 10), 25);
	const query = asString(args.query).toLowerCase();
	const includePayload = version >= '20251111_00' ? args.include_payload !== false : true;
	const messages: Array<Record<string, unknown>> = [];
	for (let i = 0; i < 25 && messages.length < max; i++) {
		const subject = SUBJECTS[derivedInt(`${email}:subject:${i}`, 0, SUBJECTS.length - 1)];
		const sender = SENDERS[derivedInt(`${email}:sender:${i}`, 0, SENDERS.length - 1)];
		if (query && !subject.toLowerCase().includes(query) && !sender.includes(query)) continue;
		const message: Record<string, unknown> = {
			messageId: derivedString(`${email}:msg:${i}`, 16, HEX),
			threadId: derivedString(`${email}:thread:${i}`, 16, HEX),
			subject,
			sender,
			to: email,
			messageTimestamp: new Date(now - (i + 1) * 3_600_000).toISOString(),
			labelIds: i % 3 === 0 ? ['INBOX', 'UNREAD'] : ['INBOX'],
		};
		if (includePayload) message.preview = { body: `${subject} — message ${i + 1} for ${email}` };
		messages.push(message);
	}
	return ok({ messages, nextPageToken: null, resultSizeEstimate: messages.length });
};

const githubGetUser: Executor = ({ identity, account }) => {
	const login = identity.login ?? 'octocat';
	const id = derivedInt(`github:${login}`, 1_000_000, 99_999_999);
	return ok({
		login,
		id,
		node_id: `U_${derivedString(`github:${login}:node`, 12)}`,
		name: identity.name ?? null,
		email: identity.email ?? null,
		html_url: `https://github.com/${login}`,
		type: 'User',
		public_repos: derivedInt(`github:${login}:repos`, 1, 80),
		followers: derivedInt(`github:${login}:followers`, 0, 500),
		created_at: new Date(account?.createdAt ?? 0).toISOString(),
	});
};

const missingRepo = (owner: string, repo: string): ExecutionOutput =>
	fail(
		`GitHub API error (404 Not Found): repository ${owner}/${repo} does not exist or is not visible to this account`,
	);

const githubCreateIssue: Executor = ({ args, identity, state }) => {
	const owner = asString(args.owner);
	const repo = asString(args.repo);
	if (repo === 'does-not-exist') return missingRepo(owner, repo);
	const key = `${owner}/${repo}`.toLowerCase();
	const number = (state.issueCounters.get(key) ?? 0) + 1;
	state.issueCounters.set(key, number);
	return ok({
		id: derivedInt(`issue:${key}:${number}`, 1_000_000_000, 2_000_000_000),
		number,
		title: asString(args.title),
		body: asString(args.body),
		state: 'open',
		html_url: `https://github.com/${owner}/${repo}/issues/${number}`,
		user: { login: identity.login ?? 'octocat' },
		labels: asStrings(args.labels),
		assignees: asStrings(args.assignees),
	});
};

const githubListStargazers: Executor = ({ args }) => {
	const owner = asString(args.owner);
	const repo = asString(args.repo);
	if (repo === 'does-not-exist') return missingRepo(owner, repo);
	const total = derivedInt(`stars:${owner}/${repo}`, 0, 120);
	const perPage = asInt(args.per_page, 30);
	const page = asInt(args.page, 1);
	const stargazers: Array<Record<string, unknown>> = [];
	for (let i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) {
		stargazers.push({
			login: `stargazer-${i + 1}`,
			id: derivedInt(`stars:${owner}/${repo}:${i}`, 1000, 9_999_999),
		});
	}
	return ok({ stargazers, total_count: total });
};

const slackSend: Executor = ({ args, identity, account, sequence }) => {
	const channel = asString(args.channel);
	const text = asString(args.markdown_text) || asString(args.text);
	if (channel.replace(/^#/, '') === 'does-not-exist')
		return fail('Slack API error: channel_not_found', { ok: false });
	if (!text) return fail('Slack API error: no_text', { ok: false });
	const channelId = channel.startsWith('C')
		? channel
		: `C${derivedString(`${identity.teamId ?? ''}:${channel}`, 8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
	const ts = `${1780000000 + derivedInt(`${account?.id ?? 'none'}:ts`, 0, 9_999_999) + sequence}.${String(sequence).padStart(6, '0')}`;
	return ok({
		ok: true,
		channel: channelId,
		ts,
		message: {
			type: 'message',
			text,
			user: identity.userId ?? 'U0SANDBOX',
			team: identity.teamId ?? 'T0SANDBOX',
			ts,
		},
	});
};

const tavilySearch: Executor = ({ args }) => {
	const query = asString(args.query);
	if (query.includes('provider-rate-limit')) {
		return fail(
			'Tavily API error (429 Too Many Requests): rate limit exceeded for this API key, retry later',
		);
	}
	const max = asInt(args.max_results, 5);
	const results: Array<Record<string, unknown>> = [];
	for (let i = 0; i < max; i++) {
		const slug = derivedString(`tavily:${query}:${i}`, 8, 'abcdefghijklmnopqrstuvwxyz');
		results.push({
			title: `${query} — result ${i + 1}`,
			url: `https://example.com/${slug}`,
			content: `Sandbox search result ${i + 1} for "${query}".`,
			score: Math.round((0.99 - i * 0.07) * 100) / 100,
		});
	}
	return ok({
		query,
		answer: args.include_answer === true ? `Sandbox answer for "${query}".` : null,
		results,
		response_time: 0.42,
	});
};

export const EXECUTORS: Record<string, Executor> = {
	GMAIL_GET_PROFILE: gmailGetProfile,
	GMAIL_SEND_EMAIL: gmailSendEmail,
	GMAIL_FETCH_EMAILS: gmailFetchEmails,
	GITHUB_GET_THE_AUTHENTICATED_USER: githubGetUser,
	GITHUB_CREATE_AN_ISSUE: githubCreateIssue,
	GITHUB_LIST_STARGAZERS: githubListStargazers,
	SLACK_SEND_MESSAGE: slackSend,
	SLACK_CHAT_POST_MESSAGE: slackSend,
	TAVILY_SEARCH: tavilySearch,
};
