import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { rememberDelivery, webhookEventItem } from '../../shared/webhookEvents';
import {
	DEFAULT_TOLERANCE_SECONDS,
	verifyWebhookSignature,
	WEBHOOK_HEADERS,
} from '../../shared/webhookSignature';

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
	return typeof value === 'string' ? value : undefined;
}

function refuse(this: IWebhookFunctions, status: number, reason: string): IWebhookResponseData {
	this.getResponseObject()
		.status(status)
		.json({ error: status === 401 ? 'Unauthorized' : 'Bad Request', reason });
	return { noWebhookResponse: true };
}

/** The signing secret: pasted (existing subscription) or stored when the node created one. */
function signingSecret(this: IWebhookFunctions): string | undefined {
	if (this.getNodeParameter('subscription', 'createIfNone') === 'existing') {
		const pasted = this.getNodeParameter('secret', '') as string;
		return typeof pasted === 'string' && pasted.trim() !== '' ? pasted.trim() : undefined;
	}
	const stored = this.getWorkflowStaticData('node').subscriptionSecret;
	return typeof stored === 'string' && stored !== '' ? stored : undefined;
}

/**
 * Handles one delivery: verify the signature over the raw bytes (401 and no execution when it
 * fails), answer a redelivery of a known `webhook-id` with 200 and no execution, acknowledge
 * unselected events, and otherwise start the workflow with one item.
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

	const verdict = verifyWebhookSignature({
		id: header(headers, WEBHOOK_HEADERS.id),
		timestamp: header(headers, WEBHOOK_HEADERS.timestamp),
		signature: header(headers, WEBHOOK_HEADERS.signature),
		body: rawBody,
		secret: signingSecret.call(this),
		toleranceSeconds: tolerance,
	});
	if (!verdict.valid) {
		const reason =
			verdict.reason === 'missing_secret'
				? 'This trigger has no signing secret yet (activate the workflow, or paste the secret)'
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
	if (rememberDelivery(staticData, verdict.id, Math.floor(Date.now() / 1000))) {
		return { webhookResponse: { received: true, duplicate: true } };
	}

	const events = this.getNodeParameter('events', []) as string[];
	const type = typeof envelope.type === 'string' ? envelope.type : '';
	if (!events.includes(type)) {
		return { webhookResponse: { received: true, ignored: `${type || 'unknown'} is not selected` } };
	}

	const attemptHeader = Number(header(headers, WEBHOOK_HEADERS.attempt));
	const item = webhookEventItem(envelope, {
		webhookId: verdict.id,
		attempt: Number.isInteger(attemptHeader) && attemptHeader > 0 ? attemptHeader : null,
	});
	return { workflowData: [this.helpers.returnJsonArray(item)] };
}
