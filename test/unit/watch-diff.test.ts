import type { ConnectedAccount } from '../../nodes/shared/api/types';
import type { ChangeRules, Entry } from '../../nodes/ComposioAccountStatusTrigger/helpers/snapshot';
import {
	boundSnapshot,
	diffAccounts,
	entryStatus,
	entryUpdatedAt,
	filterKey,
	readState,
	stateChanged,
	time,
	toEntry,
} from '../../nodes/ComposioAccountStatusTrigger/helpers/snapshot';

const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const iso = (offsetMinutes: number) => new Date(T0 + offsetMinutes * 60_000).toISOString();

function account(id: string, status: string, updated: number, created = -600): ConnectedAccount {
	return {
		id,
		status,
		user_id: 'user_1',
		toolkit: { slug: 'gmail' },
		auth_config: { id: 'ac_gmail' },
		created_at: iso(created),
		updated_at: iso(updated),
	};
}

const ALL: ChangeRules = {
	events: ['statusChanged', 'appeared', 'disappeared'],
	toStatuses: [],
	emitOnFirstPoll: false,
};

const snapshot = (...accounts: ConnectedAccount[]): Record<string, Entry> =>
	Object.fromEntries(accounts.map((a) => [a.id, toEntry(a)]));

describe('the account-status poll diff', () => {
	it('stores a tuple read back through its accessors', () => {
		const entry = toEntry(account('ca_one1', 'ACTIVE', 5));
		expect(entryStatus(entry)).toBe('ACTIVE');
		expect(entryUpdatedAt(entry)).toBe(T0 + 5 * 60_000);
		expect(entry).toEqual(['ACTIVE', T0 + 5 * 60_000, 'user_1', 'gmail', 'ac_gmail']);
	});

	it('records a baseline without reporting, unless Emit on First Poll asks', () => {
		const accounts = [account('ca_one1', 'ACTIVE', 1), account('ca_two2', 'EXPIRED', 2)];
		const quiet = diffAccounts({
			previous: {},
			baseline: true,
			threshold: null,
			accounts,
			goneIds: [],
			rules: ALL,
		});
		expect(quiet.items).toEqual([]);
		expect(Object.keys(quiet.next)).toEqual(['ca_one1', 'ca_two2']);

		const loud = diffAccounts({
			previous: {},
			baseline: true,
			threshold: null,
			accounts,
			goneIds: [],
			rules: { events: ['statusChanged'], toStatuses: ['EXPIRED'], emitOnFirstPoll: true },
		});
		// Not subject to Events, only to Only New Statuses.
		expect(loud.items.map((i) => [i.event, i.id])).toEqual([['appeared', 'ca_two2']]);
	});

	it('reports status changes with the previous status, oldest first, disappearances last', () => {
		const previous = snapshot(
			account('ca_one1', 'ACTIVE', 0),
			account('ca_two2', 'INITIATED', 0),
			account('ca_gone', 'ACTIVE', 0),
		);
		const { items, next } = diffAccounts({
			previous,
			baseline: false,
			threshold: T0 - 60_000,
			accounts: [
				account('ca_two2', 'ACTIVE', 9),
				account('ca_one1', 'EXPIRED', 3),
				account('ca_new1', 'INITIATED', 5, 4),
			],
			goneIds: ['ca_gone'],
			rules: ALL,
		});
		expect(items.map((i) => [i.event, i.id, i.previous_status, i.status])).toEqual([
			['statusChanged', 'ca_one1', 'ACTIVE', 'EXPIRED'],
			['appeared', 'ca_new1', null, 'INITIATED'],
			['statusChanged', 'ca_two2', 'INITIATED', 'ACTIVE'],
			['disappeared', 'ca_gone', 'ACTIVE', null],
		]);
		expect(items[3]).toMatchObject({
			toolkit: 'gmail',
			user_id: 'user_1',
			auth_config_id: 'ac_gmail',
		});
		expect(Object.keys(next).sort()).toEqual(['ca_new1', 'ca_one1', 'ca_two2']);
	});

	it('does not report an unchanged status, an event not chosen, or a status not asked for', () => {
		const previous = snapshot(account('ca_one1', 'ACTIVE', 0), account('ca_two2', 'ACTIVE', 0));
		const { items, next } = diffAccounts({
			previous,
			baseline: false,
			threshold: null,
			accounts: [account('ca_one1', 'ACTIVE', 2), account('ca_two2', 'INACTIVE', 3)],
			goneIds: ['ca_one1'],
			rules: { events: ['statusChanged'], toStatuses: ['EXPIRED'], emitOnFirstPoll: false },
		});
		expect(items).toEqual([]);
		expect(entryStatus(next.ca_two2)).toBe('INACTIVE');
		expect(next.ca_one1).toBeUndefined();
	});

	it('tracks again, without reporting, an old account the snapshot had dropped', () => {
		const { items, next } = diffAccounts({
			previous: {},
			baseline: false,
			threshold: T0,
			accounts: [account('ca_old1', 'ACTIVE', 10, -120)],
			goneIds: [],
			rules: ALL,
		});
		expect(items).toEqual([]);
		expect(next.ca_old1).toBeDefined();
	});

	it('bounds the snapshot to the most recently updated accounts', () => {
		const accounts = snapshot(
			account('ca_a111', 'ACTIVE', 1),
			account('ca_b222', 'ACTIVE', 3),
			account('ca_c333', 'ACTIVE', 2),
		);
		expect(boundSnapshot(accounts, 3)).toBe(false);
		expect(boundSnapshot(accounts, 2)).toBe(true);
		expect(Object.keys(accounts).sort()).toEqual(['ca_b222', 'ca_c333']);
	});

	it('sees a state as changed only when something worth saving moved', () => {
		const state = {
			version: 1,
			filterKey: '{}',
			watermark: iso(1),
			accounts: snapshot(account('ca_a111', 'ACTIVE', 1)),
			truncated: false,
			lastFullAt: T0,
		};
		expect(stateChanged(undefined, state)).toBe(true);
		expect(stateChanged(state, { ...state, accounts: { ...state.accounts } })).toBe(false);
		expect(
			stateChanged(state, { ...state, accounts: snapshot(account('ca_a111', 'EXPIRED', 1)) }),
		).toBe(true);
		expect(stateChanged(state, { ...state, lastFullAt: T0 + 1 })).toBe(true);
	});
});

describe('the trigger state and its pieces', () => {
	it('keys filters by name and value, whatever the order they were given in', () => {
		const key = filterKey({ user_ids: ['u_b', 'u_a'], statuses: ['EXPIRED', 'ACTIVE'] });
		expect(key).toBe('{"statuses":["ACTIVE","EXPIRED"],"user_ids":["u_a","u_b"]}');
		expect(filterKey({ statuses: ['ACTIVE', 'EXPIRED'], user_ids: ['u_a', 'u_b'] })).toBe(key);
		expect(filterKey({ user_ids: ['u_a'] })).not.toBe(filterKey({ statuses: ['u_a'] }));
		expect(filterKey({ user_ids: undefined })).toBe('{"user_ids":[]}');
		expect(filterKey({})).toBe('{}');
	});

	it('reads a time from ISO text only; anything else is 0', () => {
		expect(time('2026-11-01T10:00:00.000Z')).toBe(T0);
		expect(time('not a date')).toBe(0);
		expect(time(T0)).toBe(0);
		// Not even a number or a date object that Date.parse would read as text.
		expect(time(2026)).toBe(0);
		expect(time(new Date(T0))).toBe(0);
		expect(time(undefined)).toBe(0);
	});

	it('stores null for a missing user, toolkit, auth config or update time', () => {
		expect(toEntry({ id: 'ca_bare1', status: 'INITIATED' } as ConnectedAccount)).toEqual([
			'INITIATED',
			0,
			null,
			null,
			null,
		]);
	});

	it('reads back a saved state, and refuses one of another version or shape', () => {
		const saved = {
			version: 1,
			filterKey: '{}',
			watermark: iso(1),
			accounts: { ca_a111: ['ACTIVE', T0, 'u', 'gmail', 'ac'] },
			truncated: true,
			lastFullAt: T0,
		};
		expect(readState(saved)).toEqual(saved);
		expect(readState({ ...saved, watermark: 5, truncated: 'yes', lastFullAt: '1' })).toEqual({
			...saved,
			watermark: null,
			truncated: false,
			lastFullAt: null,
		});
		expect(readState({ ...saved, version: 2 })).toBeUndefined();
		expect(readState({ ...saved, filterKey: 1 })).toBeUndefined();
		expect(readState({ ...saved, accounts: null })).toBeUndefined();
		expect(readState({ ...saved, accounts: 'x' })).toBeUndefined();
		expect(readState({})).toBeUndefined();
	});
});

describe('the diff at its edges', () => {
	const rules = (events: ChangeRules['events'], toStatuses: string[] = []): ChangeRules => ({
		events,
		toStatuses,
		emitOnFirstPoll: false,
	});

	it('a new account: the whole account, previous_status null', () => {
		const { items } = diffAccounts({
			previous: {},
			baseline: false,
			threshold: null,
			accounts: [account('ca_new1', 'INITIATED', 5, 4)],
			goneIds: [],
			rules: ALL,
		});
		expect(items).toEqual([
			{
				event: 'appeared',
				previous_status: null,
				id: 'ca_new1',
				user_id: 'user_1',
				toolkit: 'gmail',
				alias: null,
				status: 'INITIATED',
				status_reason: null,
				is_disabled: false,
				auth_config_id: 'ac_gmail',
				created_at: iso(4),
				updated_at: iso(5),
			},
		]);
	});

	it('without a threshold every account not in the snapshot is new, whenever it was created', () => {
		const { items } = diffAccounts({
			previous: {},
			baseline: false,
			threshold: null,
			accounts: [{ ...account('ca_new1', 'ACTIVE', 5), created_at: '1969-12-31T23:00:00.000Z' }],
			goneIds: [],
			rules: ALL,
		});
		expect(items.map((i) => [i.event, i.id])).toEqual([['appeared', 'ca_new1']]);
	});

	it('an account created exactly at the threshold is new; a millisecond earlier it is not', () => {
		const run = (created: number) =>
			diffAccounts({
				previous: {},
				baseline: false,
				threshold: T0,
				accounts: [account('ca_new1', 'ACTIVE', 5, created)],
				goneIds: [],
				rules: ALL,
			}).items;
		expect(run(0)).toHaveLength(1);
		expect(
			diffAccounts({
				previous: {},
				baseline: false,
				threshold: T0 + 1,
				accounts: [account('ca_new1', 'ACTIVE', 5, 0)],
				goneIds: [],
				rules: ALL,
			}).items,
		).toEqual([]);
	});

	it('each event is reported only when chosen; Only New Statuses filters appearances and changes', () => {
		const input = (chosen: ChangeRules) =>
			diffAccounts({
				previous: snapshot(account('ca_one1', 'ACTIVE', 0), account('ca_gone', 'ACTIVE', 0)),
				baseline: false,
				threshold: null,
				accounts: [account('ca_one1', 'EXPIRED', 2), account('ca_new1', 'ACTIVE', 3)],
				goneIds: ['ca_gone'],
				rules: chosen,
			}).items.map((i) => i.event);
		expect(input(rules(['appeared']))).toEqual(['appeared']);
		expect(input(rules(['statusChanged']))).toEqual(['statusChanged']);
		expect(input(rules(['disappeared']))).toEqual(['disappeared']);
		expect(input(rules([]))).toEqual([]);
		// A disappeared account has no new status: Only New Statuses does not hold it back.
		expect(input(rules(['statusChanged', 'appeared', 'disappeared'], ['EXPIRED']))).toEqual([
			'statusChanged',
			'disappeared',
		]);
		expect(input(rules(['statusChanged', 'appeared', 'disappeared'], ['ACTIVE']))).toEqual([
			'appeared',
			'disappeared',
		]);
	});

	it('a disappeared account carries what the snapshot knew of it, the rest null', () => {
		const previous = snapshot(account('ca_gone', 'EXPIRED', 7));
		previous.ca_zero = ['ACTIVE', 0, null, null, null];
		const { items, next } = diffAccounts({
			previous,
			baseline: false,
			threshold: null,
			accounts: [],
			goneIds: ['ca_gone', 'ca_zero'],
			rules: ALL,
		});
		expect(items).toEqual([
			{
				event: 'disappeared',
				previous_status: 'EXPIRED',
				id: 'ca_gone',
				user_id: 'user_1',
				toolkit: 'gmail',
				alias: null,
				status: null,
				status_reason: null,
				is_disabled: null,
				auth_config_id: 'ac_gmail',
				created_at: null,
				updated_at: iso(7),
			},
			expect.objectContaining({ id: 'ca_zero', previous_status: 'ACTIVE', updated_at: null }),
		]);
		expect(next).toEqual({});
	});

	it('keeps the snapshot entries of accounts not read this poll', () => {
		const previous = snapshot(account('ca_one1', 'ACTIVE', 0), account('ca_two2', 'ACTIVE', 0));
		const { next, items } = diffAccounts({
			previous,
			baseline: false,
			threshold: null,
			accounts: [account('ca_two2', 'ACTIVE', 4)],
			goneIds: [],
			rules: ALL,
		});
		expect(items).toEqual([]);
		expect(next).toEqual({
			ca_one1: previous.ca_one1,
			ca_two2: toEntry(account('ca_two2', 'ACTIVE', 4)),
		});
		expect(previous.ca_two2).toEqual(toEntry(account('ca_two2', 'ACTIVE', 0)));
	});

	it('baseline with Emit on First Poll: every account, oldest update first, as "appeared"', () => {
		const { items } = diffAccounts({
			previous: {},
			baseline: true,
			threshold: null,
			accounts: [account('ca_two2', 'ACTIVE', 9), account('ca_one1', 'EXPIRED', 3)],
			goneIds: [],
			rules: { ...ALL, emitOnFirstPoll: true },
		});
		expect(items.map((i) => [i.event, i.id, i.previous_status])).toEqual([
			['appeared', 'ca_one1', null],
			['appeared', 'ca_two2', null],
		]);
	});
});

describe('bounding and saving the state', () => {
	it('keeps exactly Max Tracked Accounts, the most recently updated', () => {
		const accounts = snapshot(
			account('ca_a111', 'ACTIVE', 1),
			account('ca_b222', 'ACTIVE', 3),
			account('ca_c333', 'ACTIVE', 2),
			account('ca_d444', 'ACTIVE', 0),
		);
		expect(boundSnapshot(accounts, 1)).toBe(true);
		expect(Object.keys(accounts)).toEqual(['ca_b222']);
		expect(boundSnapshot(accounts, 1)).toBe(false);
	});

	it('sees every kind of change worth saving', () => {
		const state = {
			version: 1,
			filterKey: '{}',
			watermark: iso(1),
			accounts: snapshot(account('ca_a111', 'ACTIVE', 1)),
			truncated: false,
			lastFullAt: T0,
		};
		expect(stateChanged(state, { ...state, watermark: iso(2) })).toBe(true);
		expect(stateChanged(state, { ...state, truncated: true })).toBe(true);
		expect(stateChanged(state, { ...state, accounts: {} })).toBe(true);
		expect(
			stateChanged(state, { ...state, accounts: snapshot(account('ca_b222', 'ACTIVE', 1)) }),
		).toBe(true);
		expect(
			stateChanged(state, { ...state, accounts: snapshot(account('ca_a111', 'ACTIVE', 2)) }),
		).toBe(true);
		// One account of several changed is enough.
		const two = {
			...state,
			accounts: snapshot(account('ca_a111', 'ACTIVE', 1), account('ca_b222', 'ACTIVE', 1)),
		};
		expect(
			stateChanged(two, {
				...two,
				accounts: snapshot(account('ca_a111', 'ACTIVE', 1), account('ca_b222', 'EXPIRED', 1)),
			}),
		).toBe(true);
		// A different user or toolkit alone is not worth a write (only status and update time are compared).
		const other = snapshot(account('ca_a111', 'ACTIVE', 1));
		other.ca_a111[2] = 'user_2';
		expect(stateChanged(state, { ...state, accounts: other })).toBe(false);
	});
});
