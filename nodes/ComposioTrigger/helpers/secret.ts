import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { WebhookSubscription } from '../../shared/api/webhookSubscriptions';
import { listWebhookSubscriptions } from '../../shared/api/webhookSubscriptions';
import { isMaskedSecret, sameWebhookUrl } from './webhookSubscriptions';

/**
 * The signing secret is read from Composio (v3.1 includes it in every subscription answer) and
 * kept only in this process's memory, never in the workflow's static data: n8n saves static data
 * last-writer-wins, so an execution that outlives a re-publish would otherwise write the old secret
 * back. The cache is keyed by the node's webhook URL (unique per trigger node) and refreshed when a
 * delivery does not verify with what it holds, which also picks up a rotated secret.
 */
const cache = new Map<string, string>();
const CACHE_LIMIT = 500;

function remember(key: string, secret: string): void {
	cache.delete(key);
	cache.set(key, secret);
	if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}

/** Lets activation hand over the secret of the subscription it just created. */
export function primeSigningSecret(webhookUrl: string, secret: string): void {
	remember(webhookUrl, secret);
}

export function cachedSigningSecret(webhookUrl: string): string | undefined {
	return cache.get(webhookUrl);
}

/**
 * The project's subscription that delivers to this node: the one sending to its URL (or to the
 * URL it registered), or — "Use Existing Subscription" with Allow Another Subscription URL — the
 * project's only one.
 */
export function subscriptionFor(
	subscriptions: WebhookSubscription[],
	urls: Array<string | undefined>,
	anyUrl: boolean,
): WebhookSubscription | undefined {
	const mine = subscriptions.find((sub) =>
		urls.some((url) => sameWebhookUrl(sub.webhook_url, url)),
	);
	if (mine) return mine;
	return anyUrl ? subscriptions[0] : undefined;
}

/** Reads the secret from Composio again; undefined when Composio has none for this node. */
export async function fetchSigningSecret(
	this: IWebhookFunctions,
	webhookUrl: string,
): Promise<string | undefined> {
	const existing = this.getNodeParameter('subscription', 'createIfNone') === 'existing';
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const stored = this.getWorkflowStaticData('node').subscriptionUrl;
	const sub = subscriptionFor(
		await listWebhookSubscriptions.call(this),
		[webhookUrl, typeof stored === 'string' ? stored : undefined],
		existing && options.allowOtherUrl === true,
	);
	const secret = sub?.secret;
	if (typeof secret !== 'string' || secret === '' || isMaskedSecret(secret)) return undefined;
	remember(webhookUrl, secret);
	return secret;
}
