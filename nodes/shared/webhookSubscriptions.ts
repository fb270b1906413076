import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ComposioContext } from './transport';
import { composioApiRequest, composioRequest } from './transport';

/** Composio's project webhook subscriptions (one per project). */
export const WEBHOOK_SUBSCRIPTIONS_PATH = '/webhook_subscriptions';

export const EVENT_ACCOUNT_EXPIRED = 'composio.connected_account.expired';
export const EVENT_TRIGGER_DISABLED = 'composio.trigger.disabled';
export const EVENT_TRIGGER_MESSAGE = 'composio.trigger.message';

/** The event types Composio documents (all with V3 payloads). */
export const WEBHOOK_EVENTS = [
	{
		name: 'Connected Account Expired',
		value: EVENT_ACCOUNT_EXPIRED,
		description:
			"An end user's connected account expired (for example its refresh token stopped working); the user must reconnect",
	},
	{
		name: 'Trigger Disabled',
		value: EVENT_TRIGGER_DISABLED,
		description:
			'Composio disabled a trigger instance automatically (for example its account expired)',
	},
	{
		name: 'Trigger Message',
		value: EVENT_TRIGGER_MESSAGE,
		description: 'A Composio trigger instance fired (a new email, a new issue, …)',
	},
] as const;

export interface WebhookSubscription {
	id: string;
	webhook_url: string;
	version: string;
	enabled_events: string[];
	/** Whole in every v3.1 answer; the v3 API masks it (`abcd...`) except on create and rotate. */
	secret?: string;
	created_at?: string;
	updated_at?: string;
}

/** The project's subscriptions (Composio allows one, so one page of 50 is every one). */
export async function listWebhookSubscriptions(
	this: ComposioContext,
): Promise<WebhookSubscription[]> {
	const page = (await composioApiRequest.call(this, {
		method: 'GET',
		path: WEBHOOK_SUBSCRIPTIONS_PATH,
		qs: { limit: 50 },
	})) as { items?: WebhookSubscription[] } | undefined;
	if (!page || !Array.isArray(page.items)) {
		throw new NodeApiError(this.getNode(), (page ?? {}) as JsonObject, {
			message: 'Composio answered the webhook subscription list without an "items" list',
			description: 'Check the Base URL in the Composio API credential.',
		});
	}
	return page.items;
}

/** One subscription, or null when Composio no longer has it (404). */
export async function getWebhookSubscription(
	this: ComposioContext,
	id: string,
): Promise<WebhookSubscription | null> {
	const response = await composioRequest.call(this, {
		method: 'GET',
		path: `${WEBHOOK_SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`,
		acceptStatuses: [404],
	});
	return response.statusCode === 404 ? null : (response.body as unknown as WebhookSubscription);
}

export interface SubscriptionRequest {
	webhook_url: string;
	enabled_events: string[];
	version: 'V3';
}

/** Creates the project's subscription. */
export async function createWebhookSubscription(
	this: ComposioContext,
	body: SubscriptionRequest,
): Promise<{ statusCode: number; body: IDataObject }> {
	const response = await composioRequest.call(this, {
		method: 'POST',
		path: WEBHOOK_SUBSCRIPTIONS_PATH,
		body: body as unknown as IDataObject,
		// A second subscription is refused with 409: that answer is handled by the caller.
		acceptStatuses: [409],
	});
	return { statusCode: response.statusCode, body: (response.body ?? {}) as IDataObject };
}

export async function updateWebhookSubscription(
	this: ComposioContext,
	id: string,
	body: Partial<SubscriptionRequest>,
): Promise<WebhookSubscription> {
	return (await composioApiRequest.call(this, {
		method: 'PATCH',
		path: `${WEBHOOK_SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`,
		body: body as unknown as IDataObject,
	})) as unknown as WebhookSubscription;
}

/** Deletes a subscription; an already deleted one (404) counts as deleted. */
export async function deleteWebhookSubscription(this: ComposioContext, id: string): Promise<void> {
	await composioRequest.call(this, {
		method: 'DELETE',
		path: `${WEBHOOK_SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`,
		acceptStatuses: [404],
	});
}

/** Same URL for Composio's purposes: trailing slashes and letter case of the host do not matter. */
export function sameWebhookUrl(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	const normalise = (value: string) => {
		try {
			const url = new URL(value.trim());
			return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
		} catch {
			return value.trim().replace(/\/+$/, '');
		}
	};
	return normalise(a) === normalise(b);
}

export function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((event, i) => event === right[i]);
}

/** A secret as the v3 API shows it outside create and rotate (first 4 characters + `...`). */
export function isMaskedSecret(secret: string): boolean {
	return secret.endsWith('...') || secret.includes('*');
}
