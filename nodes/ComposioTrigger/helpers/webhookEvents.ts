import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/values';
import {
	EVENT_ACCOUNT_EXPIRED,
	EVENT_TRIGGER_DISABLED,
	EVENT_TRIGGER_MESSAGE,
} from './webhookSubscriptions';

const text = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

/**
 * One output item for a V3 delivery `{id, type, timestamp, metadata, data}`: the event, the
 * delivery id, the metadata and the payload object under a name that says what it is (`account`,
 * `trigger` or `data`), with the fields people act on flattened beside it.
 */
export function webhookEventItem(
	envelope: IDataObject,
	delivery: { webhookId: string; attempt: number | null },
): IDataObject {
	const type = text(envelope.type) ?? 'unknown';
	const data = isObject(envelope.data) ? envelope.data : {};
	const metadata = isObject(envelope.metadata) ? envelope.metadata : {};
	const base: IDataObject = {
		event: type,
		webhook_id: delivery.webhookId,
		timestamp: text(envelope.timestamp),
		delivery_attempt: delivery.attempt,
	};
	if (type === EVENT_ACCOUNT_EXPIRED) {
		const toolkit = isObject(data.toolkit) ? data.toolkit : {};
		const authConfig = isObject(data.auth_config) ? data.auth_config : {};
		return {
			...base,
			account_id: text(data.id),
			user_id: text(data.user_id),
			toolkit: text(toolkit.slug),
			auth_config_id: text(authConfig.id),
			alias: text(data.alias),
			status: text(data.status),
			status_reason: text(data.status_reason),
			metadata,
			account: data,
		};
	}
	if (type === EVENT_TRIGGER_DISABLED) {
		return {
			...base,
			trigger_id: text(data.id),
			trigger_name: text(data.trigger_name),
			connected_account_id: text(data.connected_account_id),
			user_id: text(data.user_id),
			disabled_reason: text(data.disabled_reason),
			disabled_at: text(data.disabled_at),
			metadata,
			trigger: data,
		};
	}
	if (type === EVENT_TRIGGER_MESSAGE) {
		return {
			...base,
			trigger_slug: text(metadata.trigger_slug),
			trigger_id: text(metadata.trigger_id),
			connected_account_id: text(metadata.connected_account_id),
			user_id: text(metadata.user_id),
			metadata,
			data,
		};
	}
	return { ...base, metadata, data };
}

/**
 * Delivery ids remembered for idempotency: at most this many (the oldest are evicted), for at most
 * this long. n8n saves the whole static data with every execution that changes it, so the store is
 * kept small.
 */
export const SEEN_DELIVERIES_MAX = 500;
export const SEEN_DELIVERIES_TTL_SECONDS = 24 * 60 * 60;

/**
 * Where webhook() hands the id store it read to the execution it starts, inside the item, and
 * execute() takes it out again. n8n 2.40.7's queue-mode worker runs that execution without the
 * workflow's static data and saves what the execution leaves: the carried ids keep that save from
 * dropping the earlier ones.
 */
export const CARRIED_DELIVERIES_KEY = '__composioSeenDeliveries';

export function seenOf(staticData: IDataObject): IDataObject {
	return isObject(staticData.seenDeliveries) ? staticData.seenDeliveries : {};
}

/** Whether this `webhook-id` was recorded already (a redelivery). Reads only. */
export function alreadyReceived(staticData: IDataObject, webhookId: string): boolean {
	return typeof seenOf(staticData)[webhookId] === 'number';
}

/**
 * Adds the ids not yet recorded (insertion-ordered `{id: epoch seconds}`), dropping entries past
 * the TTL and the oldest beyond the bound. Writes `seenDeliveries` only when an id was added, and
 * nothing else, so an execution changes no other part of the static data. Returns whether it wrote.
 */
export function recordDeliveries(
	staticData: IDataObject,
	webhookIds: string[],
	nowSeconds: number,
	carried: IDataObject = {},
): boolean {
	const current = seenOf(staticData);
	const added = [...new Set(webhookIds)].filter((id) => typeof current[id] !== 'number');
	if (!added.length) return false;
	// The ids the delivery's webhook() saw (see CARRIED_DELIVERIES_KEY) and this context's own,
	// oldest first, so the bound evicts the oldest of either.
	const known = new Map<string, number>();
	for (const source of [carried, current]) {
		for (const [id, at] of Object.entries(source)) {
			if (typeof at === 'number' && nowSeconds - at <= SEEN_DELIVERIES_TTL_SECONDS) {
				known.set(id, Math.max(at, known.get(id) ?? at));
			}
		}
	}
	const kept = new Map([...known].sort((a, b) => a[1] - b[1]));
	for (const id of added) {
		kept.delete(id);
		kept.set(id, nowSeconds);
	}
	staticData.seenDeliveries = Object.fromEntries([...kept].slice(-SEEN_DELIVERIES_MAX));
	return true;
}
