import type { IDataObject } from 'n8n-workflow';

import type { AccountFilters } from '../../shared/accountFilters';
import { simplifyAccount } from '../../shared/api/connectedAccounts';
import type { ConnectedAccount } from '../../shared/api/types';

/**
 * The trigger's saved state and the pure comparison of a poll's accounts with it. Kept apart from
 * the requests so a unit test can pin the comparison down.
 */

export const WATCH_EVENTS = ['statusChanged', 'appeared', 'disappeared'] as const;
export type WatchEvent = (typeof WATCH_EVENTS)[number];

export const STATE_VERSION = 1;

/**
 * A tracked account, stored as a tuple to keep static data small (about 80 bytes an account):
 * [status, updated_at in ms, user_id, toolkit, auth_config_id]. Read it through the accessors.
 */
export type Entry = [string, number, string | null, string | null, string | null];

export const entryStatus = (entry: Entry): string => entry[0];
export const entryUpdatedAt = (entry: Entry): number => entry[1];
export const entryUserId = (entry: Entry): string | null => entry[2];
export const entryToolkit = (entry: Entry): string | null => entry[3];
export const entryAuthConfigId = (entry: Entry): string | null => entry[4];

export interface WatchState {
	version: number;
	/** The filters the snapshot was taken with; other filters start a new baseline. */
	filterKey: string;
	/** Greatest `updated_at` seen (ISO), or null when no account matched yet. */
	watermark: string | null;
	accounts: Record<string, Entry>;
	/** More accounts matched than the snapshot keeps (the least recently updated were dropped). */
	truncated: boolean;
	/** When every matching account was last read (epoch ms), or null before the first full read. */
	lastFullAt: number | null;
}

/** What the user asked to be told about. */
export interface ChangeRules {
	events: readonly WatchEvent[];
	/** Only New Statuses: empty = every status. */
	toStatuses: readonly string[];
	emitOnFirstPoll: boolean;
}

export function filterKey(filters: AccountFilters): string {
	const sorted: Record<string, string[]> = {};
	for (const key of Object.keys(filters).sort()) {
		sorted[key] = [...(filters[key as keyof AccountFilters] ?? [])].sort();
	}
	return JSON.stringify(sorted);
}

/** An ISO time in ms; 0 for anything else. */
export function time(value: unknown): number {
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isFinite(ms) ? ms : 0;
}

export function toEntry(account: ConnectedAccount): Entry {
	const simple = simplifyAccount(account);
	return [
		String(simple.status),
		time(account.updated_at),
		(simple.user_id as string | null) ?? null,
		(simple.toolkit as string | null) ?? null,
		(simple.auth_config_id as string | null) ?? null,
	];
}

export function readState(raw: IDataObject): WatchState | undefined {
	if (raw.version !== STATE_VERSION || typeof raw.filterKey !== 'string') return undefined;
	if (typeof raw.accounts !== 'object' || raw.accounts === null) return undefined;
	return {
		version: STATE_VERSION,
		filterKey: raw.filterKey,
		watermark: typeof raw.watermark === 'string' ? raw.watermark : null,
		accounts: raw.accounts as unknown as Record<string, Entry>,
		truncated: raw.truncated === true,
		lastFullAt: typeof raw.lastFullAt === 'number' ? raw.lastFullAt : null,
	};
}

export function changeItem(
	event: WatchEvent,
	account: ConnectedAccount,
	previousStatus: string | null,
): IDataObject {
	const simple = simplifyAccount(account);
	return { event, previous_status: previousStatus, ...simple };
}

function disappearedItem(id: string, entry: Entry): IDataObject {
	const updatedAt = entryUpdatedAt(entry);
	return {
		event: 'disappeared',
		previous_status: entryStatus(entry),
		id,
		user_id: entryUserId(entry),
		toolkit: entryToolkit(entry),
		alias: null,
		status: null,
		status_reason: null,
		is_disabled: null,
		auth_config_id: entryAuthConfigId(entry),
		created_at: null,
		updated_at: updatedAt ? new Date(updatedAt).toISOString() : null,
	};
}

export interface DiffInput {
	/** The saved snapshot ({} on a baseline). */
	previous: Record<string, Entry>;
	/** No usable snapshot: record everything, report only what Emit on First Poll asks for. */
	baseline: boolean;
	/** Accounts created before this (ms) are not new: the incremental poll's lower bound, or null. */
	threshold: number | null;
	/** Every account read this poll, in the order read (listed, then re-read one by one). */
	accounts: Iterable<ConnectedAccount>;
	/** Snapshot accounts Composio answered 404 for. */
	goneIds: readonly string[];
	rules: ChangeRules;
}

/**
 * Compares a poll's accounts with the snapshot: the next snapshot, and one item per change the
 * rules ask for, oldest change first (disappearances last).
 */
export function diffAccounts(input: DiffInput): {
	next: Record<string, Entry>;
	items: IDataObject[];
} {
	const { previous, baseline, threshold, rules } = input;
	const next: Record<string, Entry> = { ...previous };
	const changes: Array<{ at: number; item: IDataObject }> = [];
	const wanted = (status: unknown) =>
		!rules.toStatuses.length || rules.toStatuses.includes(String(status));
	const want = (event: WatchEvent, status: unknown) =>
		rules.events.includes(event) && (event === 'disappeared' || wanted(status));

	for (const account of input.accounts) {
		const id = String(account.id);
		const entry = toEntry(account);
		const before = previous[id];
		next[id] = entry;
		const at = entryUpdatedAt(entry);
		if (baseline) {
			// Asked for explicitly, so not subject to the Events choice (only to Only New Statuses).
			if (rules.emitOnFirstPoll && wanted(account.status))
				changes.push({ at, item: changeItem('appeared', account, null) });
			continue;
		}
		if (!before) {
			if (threshold === null || time(account.created_at) >= threshold) {
				if (want('appeared', account.status))
					changes.push({ at, item: changeItem('appeared', account, null) });
			}
			// Otherwise it is an account the snapshot no longer holds (dropped by Max Tracked
			// Accounts): tracked again from now on, but not reported, since its previous status is
			// unknown and the update may not even be a status change.
			continue;
		}
		if (entryStatus(before) !== entryStatus(entry) && want('statusChanged', account.status)) {
			changes.push({ at, item: changeItem('statusChanged', account, entryStatus(before)) });
		}
	}
	for (const id of input.goneIds) {
		if (want('disappeared', null))
			changes.push({ at: Number.MAX_SAFE_INTEGER, item: disappearedItem(id, previous[id]) });
		delete next[id];
	}
	changes.sort((a, b) => a.at - b.at);
	return { next, items: changes.map(({ item }) => item) };
}

/** Drops the least recently updated accounts beyond `max`; true when it dropped any. */
export function boundSnapshot(accounts: Record<string, Entry>, max: number): boolean {
	const ids = Object.keys(accounts);
	if (ids.length <= max) return false;
	ids.sort((a, b) => entryUpdatedAt(accounts[b]) - entryUpdatedAt(accounts[a]));
	for (const id of ids.slice(max)) delete accounts[id];
	return true;
}

/** Whether the state differs from the saved one in anything worth writing. */
export function stateChanged(before: WatchState | undefined, after: WatchState): boolean {
	if (!before) return true;
	if (before.watermark !== after.watermark || before.truncated !== after.truncated) return true;
	if (before.lastFullAt !== after.lastFullAt) return true;
	const a = Object.keys(before.accounts);
	const b = Object.keys(after.accounts);
	if (a.length !== b.length) return true;
	return b.some((id) => {
		const x = before.accounts[id];
		const y = after.accounts[id];
		return !x || entryStatus(x) !== entryStatus(y) || entryUpdatedAt(x) !== entryUpdatedAt(y);
	});
}
