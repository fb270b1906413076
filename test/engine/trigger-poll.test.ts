/**
 * Composio Account Status Trigger (polling) through n8n-core's PollContext against the sandbox:
 * baseline, status changes injected through the control API, many accounts over several pages,
 * appeared/disappeared, restart from saved static data, API errors in the middle of a poll (nothing
 * lost, nothing emitted twice), the full check that catches a status change whatever updated_at
 * did, the snapshot bound, filters, and "Fetch Test Event" (Events and Only New Statuses apply).
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultAction, RunningSandbox, SandboxControl } from '../../sandbox/src';
import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS, sandboxControl, startSandbox } from '../../sandbox/src';
import { Engine, type WorkflowNode } from '../harness/engine';
import { nodeStaticData } from './trigger.helpers';

const NODE = 'n8n-nodes-composio.composioAccountStatusTrigger';
const NAME = 'Account Status';
const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;

let sandbox: RunningSandbox;
let control: SandboxControl;
let engine: Engine;

beforeAll(async () => {
	sandbox = await startSandbox({ rateLimit: null });
	control = sandboxControl(sandbox.url);
	engine = new Engine({ credentials: { apiKey: sandbox.apiKey, baseUrl: sandbox.url } });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(async () => {
	await control.reset();
	await control.clearFaults();
	await control.clearRequests();
});

function watcher(parameters: IDataObject = {}): WorkflowNode {
	return { name: NAME, type: NODE, parameters: { events: ['statusChanged'], ...parameters } };
}

/** Polls and returns the emitted items' JSON ([] for null). */
async function poll(node: WorkflowNode, staticData: IDataObject) {
	const { items } = await engine.poll(node, { staticData });
	return items ? items[0].map((i) => i.json) : [];
}

async function listRequests() {
	return (await control.requests(1000)).filter(
		(r) => r.method === 'GET' && r.path.endsWith('/connected_accounts'),
	);
}

async function bulk(count: number, userId = 'bulk_user') {
	const result = await control.bulkCreateAccounts({
		count,
		userId,
		toolkit: 'gmail',
		status: 'ACTIVE',
		createdAtStepMs: 1000,
		returnIds: true,
	});
	return result.ids ?? [];
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('baseline and status changes', () => {
	it('the first poll records every account and emits nothing; an unchanged project emits nothing after', async () => {
		const staticData: IDataObject = {};
		expect(await poll(watcher(), staticData)).toEqual([]);
		const state = nodeStaticData(staticData, NAME);
		expect(state).toMatchObject({
			version: 1,
			watermark: '2026-06-01T09:00:00.000Z',
			truncated: false,
		});
		expect(Object.keys(state.accounts as IDataObject)).toHaveLength(17);
		expect((state.accounts as IDataObject)[A.aliceGmailWork]).toEqual([
			'ACTIVE',
			expect.any(Number),
			'user_alice',
			'gmail',
			AC.gmailManaged,
		]);

		await control.clearRequests();
		const before = clone(staticData);
		expect(await poll(watcher(), staticData)).toEqual([]);
		expect(staticData).toEqual(before);
		// Only the accounts changed since the watermark (minus the overlap) are read: one page.
		expect(await listRequests()).toHaveLength(1);
		expect((await listRequests())[0].query).toMatchObject({
			order_by: ['updated_at'],
			order_direction: ['desc'],
			limit: ['100'],
		});
	});

	it('emits previous → new status once per change, oldest change first', async () => {
		const staticData: IDataObject = {};
		await poll(watcher(), staticData);
		await control.advanceClock(120_000);
		await control.setAccountStatus(A.aliceGmailWork, {
			status: 'EXPIRED',
			statusReason: 'Max auth failures reached',
		});
		await control.advanceClock(1000);
		await control.setAccountStatus(A.daveGmail, { status: 'INACTIVE' });
		const [first, second] = await poll(watcher(), staticData);
		expect(first).toEqual({
			event: 'statusChanged',
			previous_status: 'ACTIVE',
			id: A.aliceGmailWork,
			user_id: 'user_alice',
			toolkit: 'gmail',
			alias: 'work',
			status: 'EXPIRED',
			status_reason: 'Max auth failures reached',
			is_disabled: false,
			auth_config_id: AC.gmailManaged,
			created_at: expect.any(String),
			updated_at: '2026-06-01T09:02:00.000Z',
		});
		expect(second).toMatchObject({
			event: 'statusChanged',
			id: A.daveGmail,
			previous_status: 'ACTIVE',
			status: 'INACTIVE',
			is_disabled: true,
		});
		expect(await poll(watcher(), staticData)).toEqual([]);
	});

	it('reports an OAuth connection that completes (INITIATED → ACTIVE) and a link that runs out (→ EXPIRED)', async () => {
		const staticData: IDataObject = {};
		await poll(watcher(), staticData);
		const links = await control.links();
		const bobLink = links.find((l) => l.connectedAccountId === A.bobGmailInitiated);
		await control.advanceClock(60_000);
		await control.visitLink(bobLink?.url ?? '');
		const afterVisit = await poll(watcher(), staticData);
		expect(afterVisit).toEqual([
			expect.objectContaining({
				id: A.bobGmailInitiated,
				previous_status: 'INITIATED',
				status: 'ACTIVE',
			}),
		]);
		await control.advanceClock(600_000);
		const afterExpiry = await poll(watcher(), staticData);
		expect(afterExpiry).toEqual([
			expect.objectContaining({
				id: A.carolGithubInitializing,
				previous_status: 'INITIALIZING',
				status: 'EXPIRED',
			}),
		]);
	});

	it('Only New Statuses keeps the changes to those statuses', async () => {
		const node = watcher({ options: { statuses: ['EXPIRED', 'FAILED'] } });
		const staticData: IDataObject = {};
		await poll(node, staticData);
		await control.advanceClock(120_000);
		await control.setAccountStatus(A.aliceGmailWork, { status: 'INACTIVE' });
		await control.setAccountStatus(A.daveGmail, { status: 'FAILED' });
		expect((await poll(node, staticData)).map((i) => [i.id, i.status])).toEqual([
			[A.daveGmail, 'FAILED'],
		]);
		// The skipped change is still recorded: going back is reported as INACTIVE → ACTIVE only if asked.
		await control.advanceClock(1000);
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		expect((await poll(node, staticData)).map((i) => [i.previous_status, i.status])).toEqual([
			['INACTIVE', 'EXPIRED'],
		]);
	});
});

describe('many accounts', () => {
	it('reads every change across pages and stops at the watermark', async () => {
		const ids = await bulk(250);
		const node = watcher({ filters: { userIds: 'bulk_user' } });
		const staticData: IDataObject = {};
		expect(await poll(node, staticData)).toEqual([]);
		expect(await listRequests()).toHaveLength(3);
		expect(Object.keys(nodeStaticData(staticData, NAME).accounts as IDataObject)).toHaveLength(250);

		await control.advanceClock(120_000);
		const changed = ids.slice(0, 130);
		for (const id of changed) await control.setAccountStatus(id, { status: 'EXPIRED' });
		await control.clearRequests();
		const items = await poll(node, staticData);
		expect(items).toHaveLength(130);
		expect(new Set(items.map((i) => i.id))).toEqual(new Set(changed));
		expect(items.every((i) => i.previous_status === 'ACTIVE' && i.status === 'EXPIRED')).toBe(true);
		// 130 changes + the overlap window: two pages, not the 250 accounts' three.
		const requests = await listRequests();
		expect(requests).toHaveLength(2);
		expect(requests.every((r) => r.query.user_ids?.[0] === 'bulk_user')).toBe(true);
		expect(await poll(node, staticData)).toEqual([]);
	});

	it('a restart continues from the saved static data: changes made while stopped are reported once', async () => {
		await bulk(120);
		const node = watcher({ filters: { userIds: 'bulk_user' } });
		const first = await engine.poll(node, { staticData: {} });
		const saved = clone(first.staticData);

		await control.advanceClock(300_000);
		const victims = (await bulkIds()).slice(0, 3);
		for (const victim of victims) await control.setAccountStatus(victim, { status: 'REVOKED' });

		const restarted = await engine.poll(node, { staticData: clone(saved) });
		expect(restarted.items?.[0].map((i) => i.json.id).sort()).toEqual([...victims].sort());
		const again = await engine.poll(node, { staticData: clone(restarted.staticData) });
		expect(again.items).toBeNull();
	});

	it('an API error in the middle of a poll changes nothing; the next poll reports everything once', async () => {
		const ids = await bulk(250);
		const node = watcher({ filters: { userIds: 'bulk_user' } });
		const staticData: IDataObject = {};
		await poll(node, staticData);
		await control.advanceClock(120_000);
		for (const id of ids.slice(0, 150)) await control.setAccountStatus(id, { status: 'FAILED' });

		// Page 2 fails with an error that is not retried.
		await failSecondPage({
			kind: 'status',
			status: 400,
			body: {
				error: { message: 'Injected failure', code: 10400, slug: 'HTTP_BadRequest', status: 400 },
			},
		});
		const before = clone(staticData);
		await expect(poll(node, staticData)).rejects.toMatchObject({
			httpCode: '400',
			message: 'Injected failure',
		});
		expect(staticData).toEqual(before);

		const items = await poll(node, staticData);
		expect(items).toHaveLength(150);
		expect(new Set(items.map((i) => i.id)).size).toBe(150);
		expect(await poll(node, staticData)).toEqual([]);
	});

	it('a rate-limited page is retried within the poll (Retry-After honoured)', async () => {
		const ids = await bulk(150);
		const node = watcher({ filters: { userIds: 'bulk_user' } });
		const staticData: IDataObject = {};
		await poll(node, staticData);
		await control.advanceClock(120_000);
		for (const id of ids.slice(0, 120)) await control.setAccountStatus(id, { status: 'INACTIVE' });
		await failSecondPage({ kind: 'status', status: 429, retryAfter: 0 });
		expect(await poll(node, staticData)).toHaveLength(120);
	});
});

/**
 * The poll's first page of the account list goes through (a no-op delay fault takes the first
 * request), the second meets `fault`.
 */
async function failSecondPage(fault: FaultAction) {
	const listPath = { method: 'GET', path: '/api/*/connected_accounts' };
	await control.injectFault({ ...listPath, kind: 'delay', delayMs: 0 });
	await control.injectFault({ ...listPath, ...fault });
}

async function bulkIds(): Promise<string[]> {
	const response = await fetch(
		`${sandbox.url}/api/v3.1/connected_accounts?user_ids=bulk_user&order_by=created_at&order_direction=asc&limit=1000`,
		{ headers: { 'x-api-key': sandbox.apiKey } },
	);
	const page = (await response.json()) as { items: Array<{ id: string }> };
	return page.items.map((a) => a.id);
}

describe('appeared and disappeared', () => {
	const all = watcher({ events: ['statusChanged', 'appeared', 'disappeared'] });

	it('reports a new account as appeared and a deleted one as disappeared (confirmed by a 404)', async () => {
		const staticData: IDataObject = {};
		await poll(all, staticData);
		await control.advanceClock(120_000);
		const link = (await (
			await fetch(`${sandbox.url}/api/v3.1/connected_accounts/link`, {
				method: 'POST',
				headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
				body: JSON.stringify({ auth_config_id: AC.gmailManaged, user_id: 'user_erin' }),
			})
		).json()) as { connected_account_id: string };
		await fetch(`${sandbox.url}/api/v3.1/connected_accounts/${A.bobGithub}`, {
			method: 'DELETE',
			headers: { 'x-api-key': sandbox.apiKey },
		});
		await control.clearRequests();
		const items = await poll(all, staticData);
		expect(items).toEqual([
			expect.objectContaining({
				event: 'appeared',
				previous_status: null,
				id: link.connected_account_id,
				user_id: 'user_erin',
				status: 'INITIATED',
			}),
			{
				event: 'disappeared',
				previous_status: 'ACTIVE',
				id: A.bobGithub,
				user_id: 'user_bob',
				toolkit: 'github',
				alias: null,
				status: null,
				status_reason: null,
				is_disabled: null,
				auth_config_id: AC.githubCustom,
				created_at: null,
				updated_at: expect.any(String),
			},
		]);
		const gets = (await control.requests(100)).filter(
			(r) => r.route === 'GET /connected_accounts/:nanoid',
		);
		expect(gets.map((r) => r.path)).toEqual([`/api/v3.1/connected_accounts/${A.bobGithub}`]);
		expect(await poll(all, staticData)).toEqual([]);
		expect(nodeStaticData(staticData, NAME).accounts).not.toHaveProperty(A.bobGithub);
	});

	it('an account only missing from the pages (not deleted) is not reported as disappeared', async () => {
		const staticData: IDataObject = {};
		await poll(all, staticData);
		// Hide the account from the list once by faking a page without it.
		const listing = (await (
			await fetch(
				`${sandbox.url}/api/v3.1/connected_accounts?order_by=updated_at&order_direction=desc&limit=100`,
				{
					headers: { 'x-api-key': sandbox.apiKey },
				},
			)
		).json()) as { items: Array<{ id: string }> };
		const items = listing.items.filter((a) => a.id !== A.daveGmail);
		await control.injectFault({
			method: 'GET',
			path: '/api/*/connected_accounts',
			kind: 'status',
			status: 200,
			body: {
				items,
				next_cursor: null,
				total_pages: 1,
				current_page: 1,
				total_items: items.length,
			},
		});
		expect(await poll(all, staticData)).toEqual([]);
		expect(nodeStaticData(staticData, NAME).accounts).toHaveProperty(A.daveGmail);
	});

	it('the first poll can emit every existing account as appeared', async () => {
		const node = watcher({
			events: ['statusChanged'],
			filters: { userIds: 'user_alice' },
			options: { emitOnFirstPoll: true },
		});
		const items = await poll(node, {});
		expect(items.map((i) => i.id).sort()).toEqual(
			[
				A.aliceGmailWork,
				A.aliceGmailPersonal,
				A.aliceGithub,
				A.aliceTavily,
				A.aliceSlackInactive,
			].sort(),
		);
		expect(items.every((i) => i.event === 'appeared')).toBe(true);
	});

	it('changing the filters starts a new baseline instead of reporting differences', async () => {
		const staticData: IDataObject = {};
		await poll(all, staticData);
		const narrowed = watcher({
			events: ['statusChanged', 'appeared', 'disappeared'],
			filters: { userIds: 'user_bob' },
		});
		expect(await poll(narrowed, staticData)).toEqual([]);
		expect(Object.keys(nodeStaticData(staticData, NAME).accounts as IDataObject)).toHaveLength(5);
	});
});

describe('full check (status changes that do not move updated_at)', () => {
	/** Makes the saved state say the last full check was this long ago. */
	function age(staticData: IDataObject, ms: number) {
		const state = nodeStaticData(staticData, NAME);
		state.lastFullAt = (state.lastFullAt as number) - ms;
	}

	it('the incremental poll misses it; the full check reports it once, then polls are incremental again', async () => {
		const staticData: IDataObject = {};
		await poll(watcher(), staticData);
		expect(nodeStaticData(staticData, NAME).lastFullAt).toEqual(expect.any(Number));
		await control.advanceClock(120_000);
		await control.setAccountStatus(A.aliceGmailWork, {
			status: 'EXPIRED',
			statusReason: 'Permanent auth error during token refresh',
			keepUpdatedAt: true,
		});
		await control.clearRequests();
		expect(await poll(watcher(), staticData)).toEqual([]);
		expect(await listRequests()).toHaveLength(1);

		age(staticData, 61 * 60_000);
		const items = await poll(watcher(), staticData);
		expect(items).toEqual([
			expect.objectContaining({
				event: 'statusChanged',
				id: A.aliceGmailWork,
				previous_status: 'ACTIVE',
				status: 'EXPIRED',
				status_reason: 'Permanent auth error during token refresh',
			}),
		]);
		await control.clearRequests();
		const before = clone(staticData);
		expect(await poll(watcher(), staticData)).toEqual([]);
		expect(staticData).toEqual(before);
		expect(await listRequests()).toHaveLength(1);
	});

	it('follows the user’s schedule: 0 checks fully on every poll; a longer one waits', async () => {
		const every = watcher({ options: { fullCheckMinutes: 0 } });
		const staticData: IDataObject = {};
		await poll(every, staticData);
		await control.setAccountStatus(A.daveGmail, { status: 'INACTIVE', keepUpdatedAt: true });
		expect((await poll(every, staticData)).map((i) => [i.id, i.status])).toEqual([
			[A.daveGmail, 'INACTIVE'],
		]);

		const daily = watcher({ options: { fullCheckMinutes: 1440 } });
		const other: IDataObject = {};
		await poll(daily, other);
		await control.setAccountStatus(A.aliceGithub, { status: 'EXPIRED', keepUpdatedAt: true });
		age(other, 61 * 60_000);
		expect(await poll(daily, other)).toEqual([]);
		age(other, 1440 * 60_000);
		expect((await poll(daily, other)).map((i) => i.id)).toEqual([A.aliceGithub]);
	});

	it('refuses a schedule that is not a whole number of minutes in range', async () => {
		await expect(poll(watcher({ options: { fullCheckMinutes: -1 } }), {})).rejects.toThrow(
			/Full Check Every \(Minutes\)/,
		);
		await expect(poll(watcher({ options: { fullCheckMinutes: 'soon' } }), {})).rejects.toThrow(
			/Full Check Every \(Minutes\)/,
		);
	});
});

describe('bounds', () => {
	it('keeps at most Max Tracked Accounts; an update of a forgotten account is never reported as a status change', async () => {
		const ids = await bulk(150);
		const node = watcher({ filters: { userIds: 'bulk_user' }, options: { maxAccounts: 100 } });
		const staticData: IDataObject = {};
		await poll(node, staticData);
		const state = nodeStaticData(staticData, NAME);
		expect(state.truncated).toBe(true);
		expect(Object.keys(state.accounts as IDataObject)).toHaveLength(100);
		expect(state.accounts).not.toHaveProperty(ids[0]);

		await control.advanceClock(120_000);
		await control.setAccountStatus(ids[0], { status: 'EXPIRED' });
		await control.setAccountStatus(ids[149], { status: 'EXPIRED' });
		await control.setAccountStatus(ids[1], { status: 'ACTIVE', statusReason: 'touched' });
		const items = await poll(node, staticData);
		// ids[0] and ids[1] were forgotten: their previous status is unknown, so neither is reported
		// (not even with a made-up or null previous status); they are tracked again from now on.
		expect(items.map((i) => [i.id, i.event, i.previous_status])).toEqual([
			[ids[149], 'statusChanged', 'ACTIVE'],
		]);
		expect(nodeStaticData(staticData, NAME).accounts).toHaveProperty(ids[0]);
		await control.advanceClock(120_000);
		await control.setAccountStatus(ids[0], { status: 'ACTIVE' });
		expect((await poll(node, staticData)).map((i) => [i.id, i.previous_status])).toEqual([
			[ids[0], 'EXPIRED'],
		]);
		expect(Object.keys(nodeStaticData(staticData, NAME).accounts as IDataObject)).toHaveLength(100);
		// Roughly 80 bytes per tracked account.
		expect(JSON.stringify(staticData).length).toBeLessThan(100 * 100);
	});

	it('"Disappeared" refuses more matching accounts than it may track, and stores nothing', async () => {
		await bulk(150);
		const node = watcher({
			events: ['disappeared'],
			filters: { userIds: 'bulk_user' },
			options: { maxAccounts: 100 },
		});
		const staticData: IDataObject = {};
		await expect(poll(node, staticData)).rejects.toThrow(/More than 100 connected accounts match/);
		expect(nodeStaticData(staticData, NAME)).toEqual({});
	});

	it('refuses invalid settings before any request', async () => {
		await expect(poll(watcher({ events: [] }), {})).rejects.toThrow(
			/^Events: choose at least one$/,
		);
		await expect(poll(watcher({ filters: { authConfigIds: ['nope'] } }), {})).rejects.toThrow(
			/not a valid auth config ID/,
		);
		expect(await listRequests()).toEqual([]);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('shows the most recently updated accounts and leaves the saved state alone', async () => {
		const staticData: IDataObject = {};
		await poll(watcher(), staticData);
		await control.advanceClock(60_000);
		await control.setAccountStatus(A.aliceGmailWork, { status: 'EXPIRED' });
		const before = clone(staticData);
		await control.clearRequests();
		const { items } = await engine.poll(watcher(), { staticData, mode: 'manual' });
		expect((await listRequests()).map((r) => r.query.limit)).toEqual([['5']]);
		const json = items?.[0].map((i) => i.json) ?? [];
		expect(json).toHaveLength(5);
		expect(json[0]).toMatchObject({
			event: 'statusChanged',
			id: A.aliceGmailWork,
			previous_status: 'ACTIVE',
			status: 'EXPIRED',
		});
		expect(staticData).toEqual(before);
		// The real poll still reports the change.
		expect(await poll(watcher(), staticData)).toHaveLength(1);
	});

	it('honours Events and Only New Statuses', async () => {
		await control.setAccountStatus(A.daveGmail, { status: 'EXPIRED' });
		const preview = async (parameters: IDataObject) =>
			(await engine.poll(watcher(parameters), { staticData: {}, mode: 'manual' })).items?.[0].map(
				(i) => i.json,
			) ?? [];

		const appeared = await preview({ events: ['appeared'] });
		expect(appeared.length).toBeGreaterThan(0);
		expect(appeared.every((i) => i.event === 'appeared' && i.previous_status === null)).toBe(true);

		await control.clearRequests();
		const expired = await preview({ options: { statuses: ['EXPIRED'] } });
		expect(expired.length).toBeGreaterThan(0);
		expect(expired.every((i) => i.event === 'statusChanged' && i.status === 'EXPIRED')).toBe(true);
		expect(expired.map((i) => i.id)).toContain(A.daveGmail);
		expect((await listRequests())[0].query.statuses).toEqual(['EXPIRED']);

		expect(await preview({ events: ['disappeared'] })).toEqual([]);
	});

	it('through a manual workflow run (the engine calls poll itself)', async () => {
		const run = await engine.runNode(watcher({ filters: { userIds: 'user_dave' } }));
		expect(run.status).toBe('success');
		expect(
			run
				.json(NAME)
				.map((i) => i.id)
				.sort(),
		).toEqual([A.daveGmail, A.daveSlackLegacy].sort());
	});
});
