import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AccountFilters } from '../../shared/accountFilters';
import {
	CONNECTED_ACCOUNTS_PAGE_SIZE,
	connectedAccountPages,
	findConnectedAccount,
} from '../../shared/api/connectedAccounts';
import { parseAccountFilters, parseStatuses } from '../../shared/accountFilters';
import { requireChoices, requireInteger } from '../../shared/validation';
import type { ConnectedAccount } from '../../shared/api/types';
import type { WatchEvent, WatchState } from './snapshot';
import {
	boundSnapshot,
	changeItem,
	diffAccounts,
	entryStatus,
	filterKey,
	readState,
	STATE_VERSION,
	stateChanged,
	time,
	WATCH_EVENTS,
} from './snapshot';

/** Accounts updated this long before the watermark are read again (equal or late timestamps). */
export const OVERLAP_MS = 60_000;
/** Default bound of the stored snapshot (about 80 bytes per account). */
export const DEFAULT_MAX_ACCOUNTS = 5000;
export const MAX_ACCOUNTS_LIMIT = 20000;
/** Accounts missing from a full list that are confirmed deleted (GET → 404) per poll at most. */
export const MAX_CONFIRMATIONS = 50;
/** How many accounts "Fetch Test Event" shows. */
export const PREVIEW_SIZE = 5;
/**
 * Default minutes between full checks. The incremental poll stops at the `updated_at` watermark,
 * and no Composio source says that background status changes (a refresh failure, a disabled auth
 * config) move `updated_at`; a full check reads every matching account whatever its timestamp.
 */
export const DEFAULT_FULL_CHECK_MINUTES = 60;
export const MAX_FULL_CHECK_MINUTES = 7 * 24 * 60;

interface Settings {
	events: WatchEvent[];
	filters: AccountFilters;
	toStatuses: string[];
	emitOnFirstPoll: boolean;
	maxAccounts: number;
}

function readSettings(this: IPollFunctions): Settings {
	const node = this.getNode();
	const events = requireChoices(
		node,
		'Events',
		this.getNodeParameter('events', []),
		WATCH_EVENTS,
		0,
	);
	const filters = parseAccountFilters(node, this.getNodeParameter('filters', {}) as IDataObject);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxAccounts =
		options.maxAccounts === undefined
			? DEFAULT_MAX_ACCOUNTS
			: requireInteger(node, 'Options → Max Tracked Accounts', options.maxAccounts, 0, {
					min: 1,
					max: MAX_ACCOUNTS_LIMIT,
				});
	return {
		events,
		filters,
		toStatuses: parseStatuses(node, 'Options → Only New Statuses', options.statuses, 0),
		emitOnFirstPoll: options.emitOnFirstPoll === true,
		maxAccounts,
	};
}

/** Options → Full Check Every (Minutes): 0 = every poll. Read apart from the filters and events. */
function readFullCheckMinutes(this: IPollFunctions): number {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (options.fullCheckMinutes === undefined) return DEFAULT_FULL_CHECK_MINUTES;
	return requireInteger(
		this.getNode(),
		'Options → Full Check Every (Minutes)',
		options.fullCheckMinutes,
		0,
		{ min: 0, max: MAX_FULL_CHECK_MINUTES },
	);
}

/**
 * Pages through the matching accounts, most recently updated first, and stops as soon as `stop`
 * says so. Reports whether `total_items` moved during the walk (an account created or deleted
 * meanwhile shifts the pages, so one may have been skipped).
 */
async function walk(
	this: IPollFunctions,
	filters: AccountFilters,
	onAccount: (account: ConnectedAccount) => 'continue' | 'stop',
	pageSize = CONNECTED_ACCOUNTS_PAGE_SIZE,
): Promise<{ unstable: boolean }> {
	const totals = new Set<number>();
	const pages = connectedAccountPages.call(
		this,
		{ ...filters, order_by: 'updated_at', order_direction: 'desc' },
		{
			pageSize,
			onPage: (page) => {
				if (typeof page.total_items === 'number') totals.add(page.total_items);
			},
		},
	);
	for await (const items of pages) {
		for (const account of items as ConnectedAccount[]) {
			if (onAccount(account) === 'stop') return { unstable: totals.size > 1 };
		}
	}
	return { unstable: totals.size > 1 };
}

/**
 * "Fetch Test Event": the most recently updated matching accounts as the events this trigger is set
 * to emit (Events and Only New Statuses apply), without reading or moving the saved state.
 */
async function preview(
	this: IPollFunctions,
	settings: Settings,
): Promise<INodeExecutionData[][] | null> {
	// "Disappeared" alone has nothing live to show.
	const event = settings.events.includes('statusChanged')
		? 'statusChanged'
		: settings.events.includes('appeared')
			? 'appeared'
			: undefined;
	if (!event) return null;
	const stored = readState(this.getWorkflowStaticData('node'));
	const filters: AccountFilters = settings.toStatuses.length
		? { ...settings.filters, statuses: settings.toStatuses }
		: settings.filters;
	const accounts: ConnectedAccount[] = [];
	await walk.call(
		this,
		filters,
		(account) => {
			if (settings.toStatuses.length && !settings.toStatuses.includes(String(account.status))) {
				return 'continue';
			}
			accounts.push(account);
			return accounts.length >= PREVIEW_SIZE ? 'stop' : 'continue';
		},
		PREVIEW_SIZE,
	);
	if (!accounts.length) return null;
	const items = accounts.map((account) => {
		const known = event === 'statusChanged' ? stored?.accounts[String(account.id)] : undefined;
		return { json: changeItem(event, account, known ? entryStatus(known) : null) };
	});
	return [items];
}

/**
 * One poll: reads what changed since the last successful poll (or every matching account when
 * "Disappeared" is watched or no baseline exists yet), compares with the saved snapshot and returns
 * one item per change. The saved state moves only after every request of the poll succeeded, so a
 * failed poll is repeated in full next time: nothing lost, nothing emitted twice.
 */
export async function pollAccountStatuses(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual') return await preview.call(this, settings);
	const fullCheckMs = readFullCheckMinutes.call(this) * 60_000;

	const staticData = this.getWorkflowStaticData('node');
	const key = filterKey(settings.filters);
	const stored = readState(staticData);
	const baseline = !stored || stored.filterKey !== key;
	const watchDeletes = settings.events.includes('disappeared');
	const now = Date.now();
	// A full check is due when none was made yet, or the last one is older than the setting (a
	// clock that went back counts as due too).
	const lastFullAt = stored?.lastFullAt ?? null;
	const fullCheckDue = lastFullAt === null || now - lastFullAt >= fullCheckMs || now < lastFullAt;
	const full = baseline || watchDeletes || fullCheckDue;
	const threshold = !baseline && stored?.watermark ? time(stored.watermark) - OVERLAP_MS : null;

	const seen = new Map<string, ConnectedAccount>();
	let truncated = false;
	let tooMany = false;
	const { unstable } = await walk.call(this, settings.filters, (account) => {
		if (!full && threshold !== null && time(account.updated_at) < threshold) return 'stop';
		const id = String(account.id);
		if (!seen.has(id)) seen.set(id, account);
		// A full list is bounded; an incremental one must read every change, however many.
		if (full && seen.size > settings.maxAccounts) {
			seen.delete(id);
			if (watchDeletes) tooMany = true;
			truncated = true;
			return 'stop';
		}
		return 'continue';
	});
	if (tooMany) {
		throw new NodeOperationError(
			this.getNode(),
			`More than ${settings.maxAccounts} connected accounts match; "Disappeared" needs all of them listed on every poll`,
			{
				description:
					'Narrow the filters (users, toolkits, auth configs), raise Options → Max Tracked Accounts, or stop watching "Disappeared".',
			},
		);
	}

	const goneIds: string[] = [];
	const reread: ConnectedAccount[] = [];
	const previous = baseline ? {} : (stored?.accounts ?? {});
	if (watchDeletes && !baseline) {
		const missing = Object.keys(previous).filter((id) => !seen.has(id));
		for (const id of missing.slice(0, MAX_CONFIRMATIONS)) {
			// Confirm one by one: an account shifted out of the pages by a concurrent change is not gone.
			const account = await findConnectedAccount.call(this, id);
			if (account === null) goneIds.push(id);
			else reread.push(account);
		}
	}
	const { next, items } = diffAccounts({
		previous,
		baseline,
		threshold,
		accounts: [...seen.values(), ...reread],
		goneIds,
		rules: settings,
	});
	// Keep the snapshot bounded: drop the least recently updated accounts.
	if (boundSnapshot(next, settings.maxAccounts)) truncated = true;

	let watermark = baseline ? null : (stored?.watermark ?? null);
	if (!unstable || baseline) {
		let max = watermark ? time(watermark) : 0;
		for (const account of seen.values()) max = Math.max(max, time(account.updated_at));
		watermark = max > 0 ? new Date(max).toISOString() : watermark;
	}

	const state: WatchState = {
		version: STATE_VERSION,
		filterKey: key,
		watermark,
		accounts: next,
		truncated: baseline ? truncated : (stored?.truncated ?? false) || truncated,
		// Not moved by "Disappeared" (a full read every poll), so such polls write only real changes.
		lastFullAt: baseline || fullCheckDue ? now : lastFullAt,
	};
	if (baseline || stateChanged(stored, state)) {
		Object.assign(staticData, state as unknown as IDataObject);
	}

	if (!items.length) return null;
	return [items.map((item) => ({ json: item }))];
}
