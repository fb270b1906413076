/**
 * How Execute Tool and Proxy Request choose the connected account (issue 17: what the mutation run
 * of `nodes/shared/accountSelection/{resolve,select}.ts` found no test holding): ownership when the
 * account does not report its user, the order of a user's accounts, aliases that differ in case,
 * the exact messages, and when a Connect Link is offered instead of an error. The functions run on
 * a context with just the parts they use; Composio is a small in-memory stand-in that answers the
 * transport's requests (the engine suites run the same paths against the sandbox).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RunCache } from '../../nodes/shared/accountSelection/cache';
import type { AccountRequest } from '../../nodes/shared/accountSelection/resolve';
import {
	activeAccountsNewestFirst,
	reportedUserId,
	resolveAccount,
	userToolkitAccounts,
} from '../../nodes/shared/accountSelection/resolve';
import type { AccountInput } from '../../nodes/shared/accountSelection/select';
import {
	readAccountChoice,
	readConnectLinkChoice,
	selectAccount,
} from '../../nodes/shared/accountSelection/select';
import type { ConnectedAccount } from '../../nodes/shared/api/types';
import { bareNode, EXECUTE_TOOL } from '../harness/builders';
import type { SentRequest } from '../harness/scriptedTransport';
import { routedTransport } from '../harness/scriptedTransport';

const node = bareNode('Execute', EXECUTE_TOOL);

const USER = 'user_1';

function account(id: string, fields: IDataObject = {}): ConnectedAccount {
	return {
		id,
		status: 'ACTIVE',
		user_id: USER,
		toolkit: { slug: 'gmail' },
		auth_config: { id: 'ac_gmailConfig1' },
		created_at: '2026-03-01T00:00:00.000Z',
		...fields,
	} as ConnectedAccount;
}

/** A query value as the list it stands for (the transport joins lists with commas). */
function listOf(value: unknown): string[] | undefined {
	return value === undefined ? undefined : String(value).split(',');
}

/**
 * A context whose Composio holds `accounts` (and one enabled gmail auth config), with the node's
 * parameters; `calls` records the requests. `ignoreIdFilter`: the listing leaves out the
 * `connected_account_ids` filter, as a server that does not know it would. `unfiltered`: accounts
 * the listing adds whatever the filters (a server answering more than was asked).
 */
function composio(
	accounts: ConnectedAccount[],
	options: {
		parameters?: IDataObject;
		ignoreIdFilter?: boolean;
		listStatus?: number;
		unfiltered?: ConnectedAccount[];
	} = {},
) {
	const answer = (statusCode: number, body: unknown) => ({ statusCode, body });
	const route = ({ method, path, qs }: SentRequest) => {
		if (method === 'GET' && path === '/connected_accounts' && options.listStatus) {
			return answer(options.listStatus, { error: { message: 'Listing refused' } });
		}
		if (method === 'GET' && path === '/connected_accounts') {
			const users = listOf(qs.user_ids);
			const toolkits = listOf(qs.toolkit_slugs);
			const ids = options.ignoreIdFilter ? undefined : listOf(qs.connected_account_ids);
			const statuses = listOf(qs.statuses);
			const items = accounts.filter(
				(a) =>
					(!users || users.includes(String(a.user_id ?? USER))) &&
					(!toolkits || !a.toolkit || toolkits.includes(String(a.toolkit.slug))) &&
					(!ids || ids.includes(String(a.id))) &&
					(!statuses || statuses.includes(String(a.status))),
			);
			return answer(200, { items: [...items, ...(options.unfiltered ?? [])], next_cursor: null });
		}
		const one = /^\/connected_accounts\/([^/]+)$/.exec(path);
		if (method === 'GET' && one) {
			const found = accounts.find((a) => a.id === one[1]);
			return found ? answer(200, found) : answer(404, { error: { message: 'Not found' } });
		}
		if (method === 'GET' && path === '/auth_configs') {
			const items = [{ id: 'ac_gmailConfig1', status: 'ENABLED', toolkit: { slug: 'gmail' } }];
			return answer(200, { items, next_cursor: null });
		}
		if (method === 'POST' && path === '/connected_accounts/link') {
			return answer(201, {
				link_token: 'lt_1',
				redirect_url: 'https://connect.composio.dev/link/lt_1',
				expires_at: '2026-12-02T10:10:00.000Z',
				connected_account_id: 'ca_newFromLink1',
			});
		}
		throw new Error(`no route for ${method} ${path}`);
	};
	const { transport, sent } = routedTransport(route, node);
	const parameters = options.parameters ?? {};
	const context = {
		...transport,
		getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) =>
			parameters[name] === undefined ? fallback : parameters[name],
	} as unknown as IExecuteFunctions;
	return { context, calls: sent };
}

function request(fields: Partial<AccountRequest>): AccountRequest {
	return {
		mode: 'default',
		userId: USER,
		toolkit: 'gmail',
		tool: 'GMAIL_SEND_EMAIL',
		itemIndex: 2,
		...fields,
	};
}

/** The error a call fails with: message, description and item. */
async function failure(call: () => Promise<unknown> | unknown) {
	try {
		await call();
	} catch (error) {
		const e = error as { message: string; description?: string; context?: IDataObject };
		return { message: e.message, description: e.description, itemIndex: e.context?.itemIndex };
	}
	throw new Error('expected an error');
}

describe('the user an account reports', () => {
	it('is its user_id when that is text; null, empty, absent or not text mean "not said"', () => {
		expect(reportedUserId(account('ca_a', { user_id: 'user_2' }))).toBe('user_2');
		for (const userId of [null, '', undefined, 42]) {
			expect(reportedUserId(account('ca_a', { user_id: userId as never }))).toBeUndefined();
		}
		const withoutUser: IDataObject = { ...account('ca_a') };
		delete withoutUser.user_id;
		expect(reportedUserId(withoutUser as ConnectedAccount)).toBeUndefined();
	});
});

describe('ACTIVE accounts, newest first', () => {
	it('leaves out the others, orders by creation time, keeps the given order for equal times', () => {
		const accounts = [
			account('ca_old', { created_at: '2026-01-01T00:00:00.000Z' }),
			account('ca_pausedNewest', { status: 'INACTIVE', created_at: '2026-09-01T00:00:00.000Z' }),
			account('ca_new', { created_at: '2026-05-01T00:00:00.000Z' }),
			account('ca_noDate', { created_at: undefined }),
			account('ca_oldTwin', { created_at: '2026-01-01T00:00:00.000Z' }),
			// A creation time that is not text is unknown (a number is not read as a year).
			account('ca_numberDate', { created_at: 2027 as never }),
			account('ca_badDate', { created_at: 'yesterday' }),
		];
		expect(activeAccountsNewestFirst(accounts).map((a) => a.id)).toEqual([
			'ca_new',
			'ca_old',
			'ca_oldTwin',
			'ca_noDate',
			'ca_numberDate',
			'ca_badDate',
		]);
	});
});

describe("a user's accounts of a toolkit", () => {
	it('are asked for by user and toolkit, newest first, and only theirs are kept', async () => {
		// What the server answers is checked again: another user's or toolkit's account is dropped.
		const { context, calls } = composio(
			[
				account('ca_mine'),
				account('ca_noUser', { user_id: null }),
				account('ca_noToolkit', { toolkit: undefined }),
			],
			{
				unfiltered: [
					account('ca_otherUser', { user_id: 'user_2' }),
					account('ca_otherToolkit', { toolkit: { slug: 'slack' } }),
				],
			},
		);
		const cache = new RunCache();
		const accounts = await userToolkitAccounts.call(context, cache, USER, 'gmail', 2);
		expect(accounts.map((a) => a.id)).toEqual(['ca_mine', 'ca_noUser', 'ca_noToolkit']);
		expect(calls).toEqual([
			{
				method: 'GET',
				path: '/connected_accounts',
				qs: expect.objectContaining({
					user_ids: USER,
					toolkit_slugs: 'gmail',
					order_by: 'created_at',
					order_direction: 'desc',
				}),
				body: undefined,
			},
		]);
		// Once per run for the same user and toolkit; another user or toolkit is asked for anew.
		await userToolkitAccounts.call(context, cache, USER, 'gmail', 2);
		expect(calls).toHaveLength(1);
		await userToolkitAccounts.call(context, cache, 'user_2', 'gmail', 2);
		await userToolkitAccounts.call(context, cache, USER, 'slack', 2);
		expect(calls.map((c) => [c.qs.user_ids, c.qs.toolkit_slugs])).toEqual([
			[USER, 'gmail'],
			['user_2', 'gmail'],
			[USER, 'slack'],
		]);
	});

	it('a listing Composio refuses fails naming the item', async () => {
		const { context } = composio([], { listStatus: 403 });
		expect(
			await failure(() => userToolkitAccounts.call(context, new RunCache(), USER, 'gmail', 2)),
		).toMatchObject({ message: expect.stringMatching(/Listing refused/), itemIndex: 2 });
	});
});

describe('Specific Account', () => {
	const specific = (id: string) => request({ mode: 'specific', connectedAccountId: id });

	it('an account that does not exist', async () => {
		const { context } = composio([]);
		expect(
			await failure(() => resolveAccount.call(context, new RunCache(), specific('ca_gone'))),
		).toEqual({
			message: 'Connected Account: connected account ca_gone does not exist',
			description:
				'It may have been deleted, or it belongs to another Composio project than the API key of the credential.',
			itemIndex: 2,
		});
	});

	it('an account of another user', async () => {
		const { context, calls } = composio([account('ca_bobs', { user_id: 'user_2' })]);
		expect(
			await failure(() => resolveAccount.call(context, new RunCache(), specific('ca_bobs'))),
		).toEqual({
			message:
				'Connected Account: connected account ca_bobs belongs to another user, not to "user_1"',
			description:
				'A tool only runs with an account of the user it runs for. Check User ID, or choose one of this user’s accounts.',
			itemIndex: 2,
		});
		// The account said whose it is: nothing else is asked.
		expect(calls.map((c) => c.path)).toEqual(['/connected_accounts/ca_bobs']);
	});

	it('an account that does not say whose it is belongs to the user Composio lists it under', async () => {
		const { context, calls } = composio([account('ca_silent', { user_id: null })]);
		const chosen = await resolveAccount.call(context, new RunCache(), specific('ca_silent'));
		expect(chosen).toEqual({
			kind: 'account',
			account: expect.objectContaining({ id: 'ca_silent' }),
		});
		expect(calls[1]).toMatchObject({
			method: 'GET',
			path: '/connected_accounts',
			qs: { user_ids: USER, connected_account_ids: 'ca_silent', limit: 1 },
		});

		const other = composio([account('ca_silent', { user_id: null })]);
		// The answer is kept per account and user: another user is asked about anew.
		const cache = new RunCache();
		await resolveAccount.call(context, cache, specific('ca_silent'));
		await failure(() =>
			resolveAccount.call(context, cache, { ...specific('ca_silent'), userId: 'user_2' }),
		);
		expect(calls.filter((c) => c.path === '/connected_accounts').map((c) => c.qs.user_ids)).toEqual(
			[USER, USER, 'user_2'],
		);
		const notListed = await failure(() =>
			resolveAccount.call(other.context, new RunCache(), {
				...specific('ca_silent'),
				userId: 'user_2',
			}),
		);
		expect(notListed.message).toBe(
			'Connected Account: connected account ca_silent belongs to another user, not to "user_2"',
		);
	});

	it('a listing that holds only other accounts does not make the account the user’s', async () => {
		const { context } = composio(
			[account('ca_silent', { user_id: null }), account('ca_users', { user_id: null })],
			{ ignoreIdFilter: true },
		);
		// Listed under user_1 are both, the one asked about among them.
		const listed = await resolveAccount.call(context, new RunCache(), specific('ca_silent'));
		expect(listed.kind).toBe('account');
		// Listed under user_3 is only their own account.
		const elsewhere = composio(
			[account('ca_silent', { user_id: null }), account('ca_theirs', { user_id: 'user_3' })],
			{ ignoreIdFilter: true },
		);
		const notTheirs = await failure(() =>
			resolveAccount.call(elsewhere.context, new RunCache(), {
				...specific('ca_silent'),
				userId: 'user_3',
			}),
		);
		expect(notTheirs.message).toMatch(/belongs to another user, not to "user_3"$/);
	});

	it('an account that names no toolkit is taken as the tool’s', async () => {
		const { context } = composio([account('ca_plain', { toolkit: undefined })]);
		expect(await resolveAccount.call(context, new RunCache(), specific('ca_plain'))).toMatchObject({
			kind: 'account',
			account: { id: 'ca_plain' },
		});
	});

	it('an account of another toolkit', async () => {
		const { context } = composio([account('ca_slack', { toolkit: { slug: 'slack' } })]);
		expect(
			await failure(() => resolveAccount.call(context, new RunCache(), specific('ca_slack'))),
		).toEqual({
			message:
				'Connected Account: connected account ca_slack is a slack account, but GMAIL_SEND_EMAIL needs a gmail account',
			description: 'Choose one of the user’s gmail accounts.',
			itemIndex: 2,
		});
	});

	it('an account that is not ACTIVE says its status and what to do', async () => {
		const { context } = composio([account('ca_expired', { status: 'EXPIRED' })]);
		const error = await failure(() =>
			resolveAccount.call(context, new RunCache(), specific('ca_expired')),
		);
		expect(error).toMatchObject({
			message: 'Connected Account: connected account ca_expired is EXPIRED, not ACTIVE',
			itemIndex: 2,
		});
		expect(error.description).toMatch(/^Its credentials expired\./);
	});

	it('each account is read once per run, under its own ID', async () => {
		const { context, calls } = composio([account('ca_one'), account('ca_two')]);
		const cache = new RunCache();
		const first = await resolveAccount.call(context, cache, specific('ca_one'));
		const second = await resolveAccount.call(context, cache, specific('ca_two'));
		const again = await resolveAccount.call(context, cache, specific('ca_one'));
		expect([first, second, again].map((r) => r.kind === 'account' && r.account.id)).toEqual([
			'ca_one',
			'ca_two',
			'ca_one',
		]);
		expect(calls.map((c) => c.path)).toEqual([
			'/connected_accounts/ca_one',
			'/connected_accounts/ca_two',
		]);
	});
});

describe('By Alias', () => {
	const byAlias = (alias: string) => request({ mode: 'alias', alias });
	const accounts = [
		account('ca_workUpper', { alias: 'Work', created_at: '2026-02-01T00:00:00.000Z' }),
		account('ca_workLower', { alias: 'work' }),
		account('ca_home', { alias: 'home' }),
		account('ca_noAlias', { alias: null }),
		account('ca_paused', { alias: 'paused', status: 'INACTIVE' }),
		account('ca_expired', { alias: 'old', status: 'EXPIRED' }),
	];

	it('the exact alias wins over ones that differ in case; otherwise case is ignored', async () => {
		const { context } = composio(accounts);
		const pick = async (alias: string) => {
			const result = await resolveAccount.call(context, new RunCache(), byAlias(alias));
			return result.kind === 'account' ? result.account.id : result.kind;
		};
		expect(await pick('work')).toBe('ca_workLower');
		expect(await pick('Work')).toBe('ca_workUpper');
		expect(await pick('HOME')).toBe('ca_home');
	});

	it('an alias matching several accounts only by case is an error listing them', async () => {
		const { context } = composio(accounts);
		const error = await failure(() =>
			resolveAccount.call(context, new RunCache(), byAlias('WORK')),
		);
		expect(error).toEqual({
			message: 'Account Alias: "WORK" matches 2 gmail accounts of user "user_1"',
			description:
				'Matching accounts: ca_workUpper (alias "Work", ACTIVE, created 2026-02-01); ca_workLower (alias "work", ACTIVE, created 2026-03-01). Choose one with "Specific Account", or give the accounts different aliases.',
			itemIndex: 2,
		});
	});

	it('no account with the alias: not connected, with the user’s accounts', async () => {
		const { context } = composio(accounts);
		const result = await resolveAccount.call(context, new RunCache(), byAlias('null'));
		expect(result).toEqual({ kind: 'notConnected', accounts, alias: 'null' });
	});

	it('a disabled account with the alias is an error; one that cannot run is not connected', async () => {
		const { context } = composio(accounts);
		expect(
			await failure(() => resolveAccount.call(context, new RunCache(), byAlias('paused'))),
		).toMatchObject({
			message: 'Account Alias: connected account ca_paused is INACTIVE, not ACTIVE',
			itemIndex: 2,
		});
		expect(await resolveAccount.call(context, new RunCache(), byAlias('old'))).toEqual({
			kind: 'notConnected',
			accounts,
			alias: 'old',
			account: accounts[5],
		});
	});
});

describe("User's Default", () => {
	const older = account('ca_older', { created_at: '2026-01-01T00:00:00.000Z' });
	const newer = account('ca_newer', { created_at: '2026-06-01T00:00:00.000Z' });
	const paused = account('ca_paused', { status: 'INACTIVE' });

	it('the newest ACTIVE account, and the others that were not chosen', async () => {
		const { context } = composio([older, paused, newer]);
		expect(await resolveAccount.call(context, new RunCache(), request({}))).toEqual({
			kind: 'account',
			account: newer,
			others: [older],
		});
	});

	it('no ACTIVE account: not connected, with every account of the user', async () => {
		const { context } = composio([paused]);
		expect(await resolveAccount.call(context, new RunCache(), request({}))).toEqual({
			kind: 'notConnected',
			accounts: [paused],
		});
	});

	it('Fail When Several Accounts Match: several ACTIVE ones are an error, one is fine', async () => {
		const several = composio([older, newer]);
		expect(
			await failure(() =>
				resolveAccount.call(several.context, new RunCache(), request({ requireSingle: true })),
			),
		).toEqual({
			message: 'Account: user "user_1" has 2 ACTIVE gmail accounts, so the choice is ambiguous',
			description:
				'ACTIVE accounts: ca_newer (ACTIVE, created 2026-06-01); ca_older (ACTIVE, created 2026-01-01). Choose one "By Alias" or as "Specific Account", or turn off "Fail When Several Accounts Match" to use the most recent one.',
			itemIndex: 2,
		});
		const single = composio([older, paused]);
		expect(
			await resolveAccount.call(single.context, new RunCache(), request({ requireSingle: true })),
		).toEqual({ kind: 'account', account: older, others: [] });
	});
});

describe('the Account parameters of an item', () => {
	const read = (parameters: IDataObject) =>
		readAccountChoice.call(composio([], { parameters }).context, 4);

	it('each mode reads what it needs', () => {
		expect(read({})).toEqual({ mode: 'default' });
		expect(read({ accountSelection: 'default', accountAlias: 'x' })).toEqual({ mode: 'default' });
		expect(read({ accountSelection: 'specific', connectedAccount: 'ca_abc123' })).toEqual({
			mode: 'specific',
			connectedAccountId: 'ca_abc123',
		});
		expect(read({ accountSelection: 'alias', accountAlias: 'work' })).toEqual({
			mode: 'alias',
			alias: 'work',
		});
	});

	it('the locator is read as its value', () => {
		const seen: unknown[][] = [];
		const context = {
			getNode: () => node,
			getNodeParameter: (...args: unknown[]) => {
				seen.push(args);
				return args[0] === 'accountSelection' ? 'specific' : 'ca_abc123';
			},
		} as unknown as IExecuteFunctions;
		readAccountChoice.call(context, 4);
		expect(seen).toEqual([
			['accountSelection', 4, 'default'],
			['connectedAccount', 4, '', { extractValue: true }],
		]);
	});

	it.each([
		[{ accountSelection: 'first' }, 'Account: unknown choice "first"'],
		[{ accountSelection: 'specific' }, /^Connected Account: /],
		[{ accountSelection: 'specific', connectedAccount: 'abc' }, /^Connected Account: /],
		[{ accountSelection: 'alias' }, /^Account Alias: /],
		[{ accountSelection: 'alias', accountAlias: '  ' }, /^Account Alias: /],
	])('%p is refused: %p', async (parameters, message) => {
		const error = await failure(() => read(parameters));
		expect(error.message).toMatch(message);
		expect(error.message).not.toMatch(/Stryker|undefined/);
		expect(error.itemIndex).toBe(4);
	});
});

describe('the Connect Link options of an item', () => {
	const read = (options: IDataObject) =>
		readConnectLinkChoice.call(composio([]).context, 1, { offer: true, ...options });

	it('an auth config as a locator or as text; empty means the default', () => {
		expect(read({ authConfig: { mode: 'id', value: 'ac_chosen1' } })).toEqual({
			offer: true,
			authConfigId: 'ac_chosen1',
			callbackUrl: undefined,
		});
		expect(read({ authConfig: 'ac_chosen2' }).authConfigId).toBe('ac_chosen2');
		expect(read({ authConfig: { mode: 'list', value: '' } }).authConfigId).toBeUndefined();
		expect(read({ authConfig: '' }).authConfigId).toBeUndefined();
		expect(read({}).authConfigId).toBeUndefined();
		expect(read({ callbackUrl: 'http://n8n.local/done' }).callbackUrl).toBe(
			'http://n8n.local/done',
		);
	});

	it.each([
		[{ authConfig: 'config1' }, /^Options → Auth Config for Connect Links: /],
		[
			{ authConfig: { mode: 'id', value: 'ca_wrongKind' } },
			/^Options → Auth Config for Connect Links: /,
		],
		[{ callbackUrl: 'ftp://n8n.local' }, /^Options → Connect Link Callback URL: /],
	])('%p is refused: %p', async (options, message) => {
		const error = await failure(() => read(options));
		expect(error.message).toMatch(message);
		expect(error.itemIndex).toBe(1);
	});
});

describe('choosing the account of an item, or offering a Connect Link', () => {
	const input = (fields: Partial<AccountInput> = {}): AccountInput => ({
		userId: USER,
		account: { mode: 'default' },
		connectLink: { offer: false },
		failWhenSeveral: false,
		...fields,
	});
	const target = { toolkit: 'gmail', tool: 'GMAIL_SEND_EMAIL', itemIndex: 3 };

	it('a usable account is chosen, with Fail When Several Accounts Match applied', async () => {
		const { context } = composio([account('ca_a'), account('ca_b')]);
		expect(await selectAccount.call(context, input(), target)).toMatchObject({
			kind: 'account',
			account: { id: 'ca_a' },
		});
		const strict = composio([account('ca_a'), account('ca_b')]);
		expect(
			(
				await failure(() =>
					selectAccount.call(strict.context, input({ failWhenSeveral: true }), target),
				)
			).message,
		).toMatch(/has 2 ACTIVE gmail accounts/);
	});

	it('without a usable account and without the offer, the item fails naming the user', async () => {
		const { context, calls } = composio([]);
		expect(await failure(() => selectAccount.call(context, input(), target))).toMatchObject({
			message: 'Account: user "user_1" has no ACTIVE gmail account',
			itemIndex: 3,
		});
		expect(calls.map((c) => c.method)).toEqual(['GET']);
	});

	it('with the offer, a Connect Link is the result', async () => {
		const { context, calls } = composio([]);
		const result = await selectAccount.call(
			context,
			input({ connectLink: { offer: true, callbackUrl: 'https://n8n.example.com/back' } }),
			target,
		);
		expect(result).toEqual({
			kind: 'connectLink',
			result: expect.objectContaining({
				connected: false,
				user_id: USER,
				tool: 'GMAIL_SEND_EMAIL',
				connect_url: 'https://connect.composio.dev/link/lt_1',
				connected_account_id: 'ca_newFromLink1',
				auth_config_id: 'ac_gmailConfig1',
			}),
		});
		expect(calls.at(-1)).toMatchObject({
			method: 'POST',
			path: '/connected_accounts/link',
			body: {
				auth_config_id: 'ac_gmailConfig1',
				user_id: USER,
				callback_url: 'https://n8n.example.com/back',
			},
		});
	});

	it('an expired or pending account is replaced by a link', async () => {
		const { context } = composio([
			account('ca_expired', { status: 'EXPIRED' }),
			account('ca_pending', { status: 'INITIATED' }),
		]);
		const result = await selectAccount.call(
			context,
			input({ connectLink: { offer: true } }),
			target,
		);
		expect(result).toMatchObject({ kind: 'connectLink', result: { connected: false } });
	});

	it('a disabled account is not replaced by a link: the item fails saying to enable it', async () => {
		const { context, calls } = composio([account('ca_paused', { status: 'INACTIVE' })]);
		const error = await failure(() =>
			selectAccount.call(context, input({ connectLink: { offer: true } }), target),
		);
		expect(error.message).toBe('Account: user "user_1" has no ACTIVE gmail account');
		expect(error.description).toMatch(/It is disabled \(paused\)/);
		expect(calls.some((c) => c.method === 'POST')).toBe(false);
	});

	it('By Alias: a missing alias is offered a link even when another account is disabled', async () => {
		const { context } = composio([account('ca_paused', { status: 'INACTIVE', alias: 'home' })]);
		const result = await selectAccount.call(
			context,
			input({ account: { mode: 'alias', alias: 'work' }, connectLink: { offer: true } }),
			target,
		);
		expect(result).toMatchObject({ kind: 'connectLink', result: { connected: false } });
	});
});
