import type { ConnectedAccount } from '../../nodes/shared/api/types';
import type { ChangeRules, Entry } from '../../nodes/ComposioAccountStatusTrigger/helpers/snapshot';
import {
	boundSnapshot,
	diffAccounts,
	entryStatus,
	entryUpdatedAt,
	stateChanged,
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
