import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { normalizeBaseUrl } from '../../shared/transport';
import type { WebhookSubscription } from '../../shared/api/webhookSubscriptions';
import {
	createWebhookSubscription,
	deleteWebhookSubscription,
	listWebhookSubscriptions,
	updateWebhookSubscription,
} from '../../shared/api/webhookSubscriptions';
import { isMaskedSecret, sameEvents, sameWebhookUrl, WEBHOOK_EVENTS } from './webhookSubscriptions';
import { isNonPublicUrl, unreachableWebhookUrl, WEBHOOK_URL_FIX } from './webhookUrl';
import { requireChoices } from '../../shared/validation';
import { primeSigningSecret, subscriptionFor } from './secret';

export type SubscriptionMode = 'createIfNone' | 'existing';

/**
 * What the node keeps in its static data about a subscription it created: that it created one, and
 * for which URL. Not its id and not its secret: n8n saves static data last-writer-wins, so an
 * execution that outlives a re-publish would write an old id and secret back. The subscription is
 * found by this node's URL (Composio allows one per project), and the secret is read from Composio
 * (v3.1 answers include it) and kept in memory only.
 */
export interface OwnedSubscription {
	subscriptionUrl?: string;
	createdByThisNode?: boolean;
	createdAt?: string;
}

const OWNED_KEYS = ['subscriptionUrl', 'createdByThisNode', 'createdAt'];
/** Written by earlier versions of this node; removed when the node next touches its record. */
const LEGACY_KEYS = ['subscriptionId', 'subscriptionSecret', 'subscriptionEvents'];

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
	return data.createdByThisNode === true ? data : undefined;
}

/** Removes the record (only the keys present: a delete marks static data as changed). */
export function forget(staticData: IDataObject): void {
	for (const key of [...OWNED_KEYS, ...LEGACY_KEYS]) {
		if (key in staticData) delete staticData[key];
	}
}

/** The subscription this node created: the project's one that sends to its URL (old or current). */
async function findOwn(
	this: IHookFunctions,
	mine: OwnedSubscription,
): Promise<WebhookSubscription | undefined> {
	return subscriptionFor(
		await listWebhookSubscriptions.call(this),
		[mine.subscriptionUrl, this.getNodeWebhookUrl('default')],
		false,
	);
}

/**
 * The project's subscription that sends to exactly this node's URL (n8n gives each trigger node
 * its own), found without the record: n8n 2.40's queue-mode workers save static data from an
 * empty snapshot, which wipes the record. A subscription with that URL is this node's own.
 */
async function findByOwnUrl(this: IHookFunctions): Promise<WebhookSubscription | undefined> {
	const url = webhookUrl.call(this);
	// Composio holds none for a URL it cannot reach; activation then explains that URL first.
	if (await unreachable.call(this, url)) return undefined;
	return subscriptionFor(await listWebhookSubscriptions.call(this), [url], false);
}

function record(staticData: IDataObject, url: string): void {
	Object.assign(staticData, {
		subscriptionUrl: url,
		createdByThisNode: true,
		createdAt: new Date().toISOString(),
	} satisfies OwnedSubscription);
}

async function unreachable(this: IHookFunctions, url: string) {
	const credentials = await this.getCredentials('composioApi');
	const base = normalizeBaseUrl(credentials.baseUrl);
	return unreachableWebhookUrl(url, base.ok ? base.baseUrl : undefined);
}

/** Refuses, before anything is sent, a URL Composio cannot deliver to. */
async function checkReachable(this: IHookFunctions, url: string): Promise<void> {
	const problem = await unreachable.call(this, url);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem.message, {
			description: problem.description,
		});
	}
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
			'The existing subscription already sends to this node’s URL: set Subscription to "Use Existing Subscription" (the node reads its signing secret from Composio).',
		);
	} else {
		lines.push(
			`Either set Subscription to "Use Existing Subscription" and point that subscription at ${url} in Composio, or delete it in Composio and activate this workflow again.`,
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
	const url = webhookUrl.call(this);
	const mine = owned(staticData);
	const sub = mine ? await findOwn.call(this, mine) : await findByOwnUrl.call(this);
	if (!sub) {
		// Deleted in Composio meanwhile: nothing of ours is left to manage.
		forget(staticData);
		return false;
	}
	if (!mine) record(staticData, url);
	const current =
		sameWebhookUrl(sub.webhook_url, url) &&
		sameWebhookUrl(mine ? mine.subscriptionUrl : url, url) &&
		sameEvents(sub.enabled_events, readEvents.call(this)) &&
		sub.version === 'V3';
	if (current && typeof sub.secret === 'string' && !isMaskedSecret(sub.secret)) {
		primeSigningSecret(url, sub.secret);
	}
	// An id and secret saved by an earlier version of this node are not kept.
	for (const key of LEGACY_KEYS) if (key in staticData) delete staticData[key];
	return current;
}

/**
 * "Use Existing Subscription": checks, without changing anything, that the project has a V3
 * subscription that sends the chosen events to this node (or, when allowed, elsewhere, e.g. to a
 * proxy), and that its signing secret is known: read from Composio (v3.1 answers include it), or
 * pasted when Composio does not show it.
 */
export async function checkAttached(this: IHookFunctions): Promise<void> {
	const node = this.getNode();
	const pasted = this.getNodeParameter('secret', '') as string;
	const hasPaste = typeof pasted === 'string' && pasted.trim() !== '';
	const url = webhookUrl.call(this);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const forwarded = options.allowOtherUrl === true;
	if (!forwarded) await checkReachable.call(this, url);
	const events = readEvents.call(this);
	const [sub] = await listWebhookSubscriptions.call(this);
	if (!sub) {
		throw new NodeOperationError(node, 'This Composio project has no webhook subscription', {
			description: `Create one in Composio that sends to ${url}, or set Subscription to "Create If None Exists" to let this node create it.`,
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
	if (this.getMode() !== 'manual' && !forwarded && !sameWebhookUrl(sub.webhook_url, url)) {
		throw new NodeOperationError(
			node,
			`The project’s webhook subscription sends to ${sub.webhook_url}, not to this node`,
			{
				description: `Change its URL to ${url} in Composio, or turn on Options → Allow Another Subscription URL if something at that address forwards the deliveries to this node unchanged.`,
			},
		);
	}
	const readable =
		typeof sub.secret === 'string' && sub.secret !== '' && !isMaskedSecret(sub.secret);
	if (!readable && !hasPaste) {
		throw new NodeOperationError(
			node,
			'Composio did not return the signing secret of the project’s webhook subscription',
			{
				description:
					'Paste it into Signing Secret (Composio shows it when the subscription is created or its secret rotated).',
			},
		);
	}
	if (readable) primeSigningSecret(url, sub.secret as string);
}

async function updateOwn(
	this: IHookFunctions,
	id: string,
	url: string,
	events: string[],
): Promise<void> {
	const updated = await updateWebhookSubscription.call(this, id, {
		webhook_url: url,
		enabled_events: events,
		version: 'V3',
	});
	if (typeof updated?.secret === 'string' && !isMaskedSecret(updated.secret)) {
		primeSigningSecret(url, updated.secret);
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
	await checkReachable.call(this, url);
	const mine = owned(staticData);
	if (mine && this.getMode() !== 'manual') {
		const current = await findOwn.call(this, mine);
		if (current) {
			await updateOwn.call(this, current.id, url, events);
			if (!sameWebhookUrl(mine.subscriptionUrl, url)) staticData.subscriptionUrl = url;
			for (const key of LEGACY_KEYS) if (key in staticData) delete staticData[key];
			return;
		}
		// Deleted, or pointed elsewhere by someone (then it is theirs now).
		forget(staticData);
	}

	const subscriptions = await listWebhookSubscriptions.call(this);
	const own = subscriptionFor(subscriptions, [url], false);
	if (own) {
		// Sends to this node's URL: this node's own, whose record was lost (see findByOwnUrl).
		await updateOwn.call(this, own.id, url, events);
		forget(staticData);
		record(staticData, url);
		return;
	}
	const [existing] = subscriptions;
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
			if (error.httpCode === '400' && isNonPublicUrl(url)) {
				error.description = `Composio refused this node’s URL ${url}. ${WEBHOOK_URL_FIX}\n\n${error.description ?? ''}`;
			} else if (error.httpCode === '400' && !url.startsWith('https://')) {
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
	primeSigningSecret(url, secret);
	record(staticData, url);
}

/**
 * Deletes this node's subscription: the one it recorded creating, if the project's subscription
 * still sends to the URL it registered (or to this node now), or, without a record, the one that
 * sends to exactly this node's URL. Anything else is left alone.
 */
export async function deleteOwnSubscription(
	this: IHookFunctions,
	staticData: IDataObject,
): Promise<void> {
	const mine = owned(staticData);
	const current = mine ? await findOwn.call(this, mine) : await findByOwnUrl.call(this);
	if (current) await deleteWebhookSubscription.call(this, current.id);
	forget(staticData);
}
