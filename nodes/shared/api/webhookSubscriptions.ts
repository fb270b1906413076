import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ComposioContext } from '../transport';
import { composioApiRequest, composioRequest } from '../transport';

/** Composio's project webhook subscriptions (one per project): every call to them is in this module. */
export const WEBHOOK_SUBSCRIPTIONS_PATH = '/webhook_subscriptions';

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
