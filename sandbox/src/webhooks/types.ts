/**
 * Public types of the sandbox's webhook support (subscriptions and signed deliveries), shared by
 * the server and its control client. No runtime dependencies.
 */

export type WebhookVersion = 'V1' | 'V2' | 'V3';

export const WEBHOOK_EVENT_TYPES = [
	{
		event_type: 'composio.trigger.message',
		description: 'A trigger instance produced an event (the trigger-specific payload is in data)',
		supported_versions: ['V1', 'V2', 'V3'] as WebhookVersion[],
	},
	{
		event_type: 'composio.connected_account.expired',
		description: 'A connected account expired; data is the full connected account',
		supported_versions: ['V3'] as WebhookVersion[],
	},
	{
		event_type: 'composio.trigger.disabled',
		description: 'A trigger instance was disabled automatically (for example its auth expired)',
		supported_versions: ['V3'] as WebhookVersion[],
	},
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]['event_type'];

/** The V3 envelope Composio posts. */
export interface WebhookEnvelope {
	/** `msg_<uuid>`; equal to the `webhook-id` header and stable across redeliveries. */
	id: string;
	type: string;
	/** ISO time of the event (sandbox clock). */
	timestamp: string;
	metadata: Record<string, unknown>;
	data: Record<string, unknown>;
}

/** The subscription as the control API shows it (secret unmasked). */
export interface WebhookSubscriptionView {
	id: string;
	webhook_url: string;
	version: WebhookVersion;
	enabled_events: string[];
	secret: string;
	created_at: string;
	updated_at: string;
}

export type DeliveryOutcome = 'pending' | 'delivered' | 'rejected' | 'failed';

/** One POST to a webhook URL (a first attempt, a redelivery or a custom delivery). */
export interface WebhookDelivery {
	/** Increasing per sandbox. */
	seq: number;
	/** `dlv_…`: this attempt. */
	deliveryId: string;
	/** The `webhook-id` header (= envelope id unless a custom delivery changed it). */
	webhookId: string;
	type: string;
	url: string;
	/** 1 for the first attempt; a redelivery of the same message counts up. */
	attempt: number;
	/** `deliveryId` this one redelivers. */
	redeliveryOf: string | null;
	/** Made through `POST /_sandbox/webhooks/deliveries` (may be deliberately invalid). */
	custom: boolean;
	/** Headers sent (lower-case names). */
	headers: Record<string, string>;
	/** The exact body sent. */
	body: string;
	/** `delivered` = 2xx, `rejected` = other HTTP status, `failed` = no HTTP answer. */
	outcome: DeliveryOutcome;
	responseStatus: number | null;
	/** First 2000 characters of the answer. */
	responseBody: string | null;
	error: string | null;
	/** Sandbox clock time the delivery was made. */
	createdAt: string;
	durationMs: number | null;
}

/** `POST /_sandbox/webhooks/deliveries`: deliver an event now, optionally broken on purpose. */
export interface CustomDeliveryRequest {
	/** Default: the subscription's URL (required when there is no subscription). */
	url?: string;
	/** Envelope fields; defaults: a new `msg_<uuid>`, `composio.connected_account.expired`, now. */
	id?: string;
	type?: string;
	timestamp?: string;
	metadata?: Record<string, unknown>;
	data?: Record<string, unknown>;
	/** Send this exact body instead of the serialised envelope (signed as given). */
	rawBody?: string;
	/** `webhook-id` header, when it should differ from the envelope id. */
	webhookId?: string;
	/** `webhook-timestamp` header (Unix seconds); default: now (wall clock). */
	webhookTimestamp?: number | string;
	/** Sign with this secret instead of the subscription's. */
	secret?: string;
	/** Send this `webhook-signature` header verbatim (no signing). */
	signature?: string;
	/** Sign the body, then change one character of it before sending. */
	tamperBody?: boolean;
	/** Header names not to send (e.g. `webhook-signature`). */
	omitHeaders?: string[];
	/** Extra or replacement headers. */
	headers?: Record<string, string>;
}

/** `POST /_sandbox/webhooks/events/trigger-disabled`. */
export interface TriggerDisabledRequest {
	connectedAccountId: string;
	triggerName?: string;
	/** Default: a new `ti_…` id. */
	triggerId?: string;
	reason?: string;
	triggerConfig?: Record<string, unknown>;
}

/** `POST /_sandbox/webhooks/events/trigger-message`. */
export interface TriggerMessageRequest {
	connectedAccountId: string;
	triggerSlug: string;
	triggerId?: string;
	payload?: Record<string, unknown>;
}

/** What an event control call did: the message, and the delivery when one was made. */
export interface EventResult {
	message: WebhookEnvelope;
	/** null when nothing is subscribed to this event (no subscription, other events, not V3). */
	delivery: WebhookDelivery | null;
}

export interface WebhookSettings {
	/** Deliver automatically on state changes (default true). */
	autoDeliver: boolean;
	/** Per-delivery timeout (default 10000 ms). */
	timeoutMs: number;
}
