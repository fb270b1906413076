import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readHeader } from '../../shared/values';
import { alreadyReceived, CARRIED_DELIVERIES_KEY, seenOf, webhookEventItem } from './webhookEvents';
import type { SignatureResult } from './webhookSignature';
import {
	DEFAULT_TOLERANCE_SECONDS,
	verifyWebhookSignature,
	WEBHOOK_HEADERS,
} from './webhookSignature';
import { cachedSigningSecret, fetchSigningSecret } from './secret';

const ERRORS = {
	400: 'Bad Request',
	401: 'Unauthorized',
	503: 'Service Unavailable',
} as const;

function refuse(
	this: IWebhookFunctions,
	status: keyof typeof ERRORS,
	reason: string,
): IWebhookResponseData {
	this.getResponseObject().status(status).json({ error: ERRORS[status], reason });
	return { noWebhookResponse: true };
}

/** The pasted secret of "Use Existing Subscription" (a fallback when Composio does not show it). */
function pastedSecret(this: IWebhookFunctions): string | undefined {
	if (this.getNodeParameter('subscription', 'createIfNone') !== 'existing') return undefined;
	const pasted = this.getNodeParameter('secret', '') as string;
	return typeof pasted === 'string' && pasted.trim() !== '' ? pasted.trim() : undefined;
}

/**
 * Verifies against the secrets this node knows (Composio's, cached; the pasted one), and reads
 * Composio's again when they do not match a delivery that is otherwise well-formed and fresh (a
 * first delivery after a restart, a rotated secret, a re-created subscription).
 */
async function verify(
	this: IWebhookFunctions,
	check: (secret: string | undefined) => SignatureResult,
): Promise<SignatureResult | 'unavailable'> {
	const url = this.getNodeWebhookUrl('default') ?? '';
	const known = [cachedSigningSecret(url), pastedSecret.call(this)].filter(
		(secret): secret is string => secret !== undefined,
	);
	let verdict = check(known[0] ?? ' ');
	for (const secret of known.slice(1)) {
		if (verdict.valid) break;
		verdict = check(secret);
	}
	// Anything but a signature mismatch (missing headers, stale, malformed) needs no secret to refuse.
	if (verdict.valid || verdict.reason !== 'mismatch') return verdict;
	let fresh: string | undefined;
	try {
		fresh = await fetchSigningSecret.call(this, url);
	} catch {
		return known.length ? verdict : 'unavailable';
	}
	if (fresh === undefined || known.includes(fresh)) {
		// Without a known secret, fresh is undefined here: Composio has none for this trigger.
		return known.length ? verdict : check(undefined);
	}
	return check(fresh);
}

/**
 * Handles one delivery: verify the signature over the raw bytes (401 and no execution when it
 * fails), answer a redelivery of a known `webhook-id` with 200 and no execution, acknowledge
 * unselected events, and otherwise start the workflow with one item. Nothing is written to the
 * static data here: the execution records the delivery id (see the node's execute()); the item
 * carries the ids read here for it (CARRIED_DELIVERIES_KEY).
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const headers = this.getHeaderData() as IDataObject;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const tolerance =
		typeof options.toleranceSeconds === 'number' && options.toleranceSeconds >= 0
			? options.toleranceSeconds
			: DEFAULT_TOLERANCE_SECONDS;
	const rawBody: Buffer | undefined = Buffer.isBuffer(request.rawBody)
		? request.rawBody
		: undefined;

	const verdict = await verify.call(this, (secret) =>
		verifyWebhookSignature({
			id: readHeader(headers, WEBHOOK_HEADERS.id),
			timestamp: readHeader(headers, WEBHOOK_HEADERS.timestamp),
			signature: readHeader(headers, WEBHOOK_HEADERS.signature),
			body: rawBody,
			secret,
			toleranceSeconds: tolerance,
		}),
	);
	if (verdict === 'unavailable') {
		// Composio retries a delivery that was not acknowledged.
		return refuse.call(
			this,
			503,
			'Could not read the subscription’s signing secret from Composio; try again later',
		);
	}
	if (!verdict.valid) {
		const reason =
			verdict.reason === 'missing_secret'
				? 'Composio has no webhook subscription with a signing secret for this trigger (activate the workflow, or paste the secret)'
				: verdict.message;
		return refuse.call(this, 401, reason);
	}

	let envelope: IDataObject;
	try {
		const parsed: unknown = JSON.parse((rawBody as Buffer).toString('utf8'));
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			return refuse.call(this, 400, 'The body is not a JSON object');
		envelope = parsed as IDataObject;
	} catch {
		return refuse.call(this, 400, 'The body is not JSON');
	}

	const staticData = this.getWorkflowStaticData('node');
	if (alreadyReceived(staticData, verdict.id)) {
		return { webhookResponse: { received: true, duplicate: true } };
	}

	const events = this.getNodeParameter('events', []) as string[];
	const type = typeof envelope.type === 'string' ? envelope.type : '';
	if (!events.includes(type)) {
		return { webhookResponse: { received: true, ignored: `${type || 'unknown'} is not selected` } };
	}

	const attemptHeader = Number(readHeader(headers, WEBHOOK_HEADERS.attempt));
	const item = webhookEventItem(envelope, {
		webhookId: verdict.id,
		attempt: Number.isInteger(attemptHeader) && attemptHeader > 0 ? attemptHeader : null,
	});
	const seen = seenOf(staticData);
	if (Object.keys(seen).length) item[CARRIED_DELIVERIES_KEY] = { ...seen };
	return { workflowData: [this.helpers.returnJsonArray(item)] };
}
