import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { WebhookSubscription } from '../../shared/webhookSubscriptions';
import {
	createWebhookSubscription,
	deleteWebhookSubscription,
	getWebhookSubscription,
	listWebhookSubscriptions,
	sameEvents,
	sameWebhookUrl,
	updateWebhookSubscription,
	WEBHOOK_EVENTS,
} from '../../shared/webhookSubscriptions';
import { requireChoices } from '../../shared/validation';

export type SubscriptionMode = 'createIfNone' | 'existing';

/**
 * What the node keeps in its static data about a subscription it created. The secret is kept here
 * (as n8n's own Stripe and GitHub triggers keep theirs) because Composio shows it only once, in the
 * create answer; it never goes into an item, an error or a log.
 */
export interface OwnedSubscription {
	subscriptionId?: string;
	subscriptionSecret?: string;
	subscriptionUrl?: string;
	subscriptionEvents?: string[];
	createdByThisNode?: boolean;
	createdAt?: string;
}

const OWNED_KEYS: Array<keyof OwnedSubscription> = [
	'subscriptionId',
	'subscriptionSecret',
	'subscriptionUrl',
	'subscriptionEvents',
	'createdByThisNode',
	'createdAt',
];

export function readMode(this: IHookFunctions): SubscriptionMode {
	return this.getNodeParameter('subscription', 'createIfNone') === 'existing'
		? 'existing'
		: 'createIfNone';
}

export function readEvents(this: IHookFunctions): string[] {
	const events = requireChoices(
		this.getNode(),
		'Events',
		this.getNodeParameter('events', []),
		WEBHOOK_EVENTS.map((event) => event.value),
		0,
	);
	return [...new Set(events)];
}

export function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL');
	return url;
}

export function owned(staticData: IDataObject): OwnedSubscription | undefined {
	const data = staticData as OwnedSubscription;
	return data.createdByThisNode === true && typeof data.subscriptionId === 'string'
		? data
		: undefined;
}

export function forget(staticData: IDataObject): void {
	for (const key of OWNED_KEYS) delete staticData[key];
}

function describeSubscription(sub: WebhookSubscription): string {
	return `${sub.id}, sending ${sub.enabled_events.join(', ') || 'no events'} to ${sub.webhook_url}`;
}

function conflictError(
	this: IHookFunctions,
	existing: WebhookSubscription | undefined,
	url: string,
): NodeOperationError {
	const lines = [
		'Composio allows one webhook subscription per project, and this node only creates one when there is none. It never changes or deletes a subscription it did not create.',
	];
	if (existing && sameWebhookUrl(existing.webhook_url, url)) {
		lines.push(
			'The existing subscription already sends to this node’s URL: set Subscription to "Use Existing Subscription" and paste its signing secret (Composio shows it when the subscription is created or its secret rotated).',
		);
	} else {
		lines.push(
			`Either set Subscription to "Use Existing Subscription", point that subscription at ${url} in Composio and paste its signing secret, or delete it in Composio and activate this workflow again.`,
		);
	}
	if (this.getMode() === 'manual') {
		lines.push(
			'If this workflow (or another one) is active with "Create If None Exists", its subscription is the project’s only one: test with the active workflow’s executions, or deactivate it while testing.',
		);
	}
	return new NodeOperationError(
		this.getNode(),
		existing
			? `This Composio project already has a webhook subscription (${describeSubscription(existing)})`
			: 'This Composio project already has a webhook subscription',
		{ description: lines.join('\n\n') },
	);
}

/** Whether the subscription this node created still exists, unchanged, for this URL and these events. */
export async function ownSubscriptionIsCurrent(
	this: IHookFunctions,
	staticData: IDataObject,
): Promise<boolean> {
	const mine = owned(staticData);
	if (!mine?.subscriptionId) return false;
	const sub = await getWebhookSubscription.call(this, mine.subscriptionId);
	if (!sub) {
		// Deleted in Composio meanwhile: nothing of ours is left to manage.
		forget(staticData);
		return false;
	}
	const url = webhookUrl.call(this);
	return (
		sameWebhookUrl(sub.webhook_url, url) &&
		sameWebhookUrl(mine.subscriptionUrl, url) &&
		sameEvents(sub.enabled_events, readEvents.call(this)) &&
		sub.version === 'V3' &&
		typeof mine.subscriptionSecret === 'string'
	);
}

/**
 * "Use Existing Subscription": checks, without changing anything, that the project has a V3
 * subscription that sends the chosen events to this node (or, when allowed, elsewhere, e.g. to a
 * proxy), and that a secret was pasted.
 */
export async function checkAttached(this: IHookFunctions): Promise<void> {
	const node = this.getNode();
	const secret = this.getNodeParameter('secret', '') as string;
	if (typeof secret !== 'string' || secret.trim() === '') {
		throw new NodeOperationError(node, 'Signing Secret is empty', {
			description:
				'Paste the signing secret of the project’s webhook subscription. Composio shows it when the subscription is created or when its secret is rotated.',
		});
	}
	const url = webhookUrl.call(this);
	const events = readEvents.call(this);
	const [sub] = await listWebhookSubscriptions.call(this);
	if (!sub) {
		throw new NodeOperationError(node, 'This Composio project has no webhook subscription', {
			description: `Create one in Composio that sends to ${url} and paste its signing secret, or set Subscription to "Create If None Exists" to let this node create it.`,
		});
	}
	if (sub.version !== 'V3') {
		throw new NodeOperationError(
			node,
			`The project’s webhook subscription sends ${sub.version} payloads; this node reads V3`,
			{
				description:
					'Change the subscription’s version to V3 in Composio (the connected-account expiry event exists only in V3).',
			},
		);
	}
	const missing = events.filter((event) => !sub.enabled_events.includes(event));
	if (missing.length) {
		throw new NodeOperationError(
			node,
			`The project’s webhook subscription does not send ${missing.join(', ')}`,
			{
				description: `It sends ${sub.enabled_events.join(', ') || 'no events'}. Add the missing events to it in Composio, or remove them from Events.`,
			},
		);
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (
		this.getMode() !== 'manual' &&
		options.allowOtherUrl !== true &&
		!sameWebhookUrl(sub.webhook_url, url)
	) {
		throw new NodeOperationError(
			node,
			`The project’s webhook subscription sends to ${sub.webhook_url}, not to this node`,
			{
				description: `Change its URL to ${url} in Composio, or turn on Options → Allow Another Subscription URL if something at that address forwards the deliveries to this node unchanged.`,
			},
		);
	}
}

/**
 * "Create If None Exists": updates the subscription this node created earlier (URL or events
 * changed), or creates one when the project has none. Refuses, without touching anything, when
 * another subscription exists.
 */
export async function createOwnSubscription(
	this: IHookFunctions,
	staticData: IDataObject,
): Promise<void> {
	const node = this.getNode();
	const url = webhookUrl.call(this);
	const events = readEvents.call(this);
	const mine = owned(staticData);
	if (mine?.subscriptionId && this.getMode() !== 'manual') {
		const current = await getWebhookSubscription.call(this, mine.subscriptionId);
		if (current && typeof mine.subscriptionSecret === 'string') {
			const knownUrls = [mine.subscriptionUrl, url];
			if (!knownUrls.some((known) => sameWebhookUrl(current.webhook_url, known))) {
				// Someone pointed "our" subscription elsewhere: it is theirs now.
				forget(staticData);
				throw conflictError.call(this, current, url);
			}
			await updateWebhookSubscription.call(this, current.id, {
				webhook_url: url,
				enabled_events: events,
				version: 'V3',
			});
			Object.assign(staticData, { subscriptionUrl: url, subscriptionEvents: events });
			return;
		}
		forget(staticData);
	}

	const [existing] = await listWebhookSubscriptions.call(this);
	if (existing) throw conflictError.call(this, existing, url);

	let response: { statusCode: number; body: IDataObject };
	try {
		response = await createWebhookSubscription.call(this, {
			webhook_url: url,
			enabled_events: events,
			version: 'V3',
		});
	} catch (error) {
		if (error instanceof NodeApiError) {
			if (error.httpCode === '400' && !url.startsWith('https://')) {
				error.description = `Composio delivers webhooks only to https URLs, and this node’s URL is ${url}. Set n8n’s WEBHOOK_URL to its public https address.\n\n${error.description ?? ''}`;
			}
			throw new NodeApiError(node, error as unknown as JsonObject);
		}
		throw new NodeOperationError(node, error as Error);
	}
	if (response.statusCode === 409) {
		// Created by someone else between our check and our request.
		const [now] = await listWebhookSubscriptions.call(this);
		throw conflictError.call(this, now, url);
	}
	const { id, secret } = response.body;
	if (typeof id !== 'string' || typeof secret !== 'string' || secret === '') {
		throw new NodeApiError(node, { message: 'incomplete answer' } as JsonObject, {
			message: 'Composio created the webhook subscription but did not return its id and secret',
			description:
				'Delete the subscription in Composio (it cannot be verified without its secret) and activate again.',
		});
	}
	Object.assign(staticData, {
		subscriptionId: id,
		subscriptionSecret: secret,
		subscriptionUrl: url,
		subscriptionEvents: events,
		createdByThisNode: true,
		createdAt: new Date().toISOString(),
	} satisfies OwnedSubscription);
}

/**
 * Deletes the subscription only if this node created it and it still sends to the URL this node
 * registered (or to this node now); anything else is left alone.
 */
export async function deleteOwnSubscription(
	this: IHookFunctions,
	staticData: IDataObject,
): Promise<void> {
	const mine = owned(staticData);
	if (!mine?.subscriptionId) return;
	const current = await getWebhookSubscription.call(this, mine.subscriptionId);
	if (current) {
		const ours =
			sameWebhookUrl(current.webhook_url, mine.subscriptionUrl) ||
			sameWebhookUrl(current.webhook_url, this.getNodeWebhookUrl('default'));
		if (ours) await deleteWebhookSubscription.call(this, current.id);
	}
	forget(staticData);
}
