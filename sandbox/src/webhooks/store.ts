/**
 * Webhook state of one sandbox (the project's single subscription, the messages and every
 * delivery attempt) and the delivery engine: signed V3 envelopes POSTed with the global `fetch`.
 *
 * Signing (independent of the package's own verifier, so the end-to-end tests compare two
 * implementations): HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`, key = the secret's
 * UTF-8 bytes, base64, header `webhook-signature: v1,<sig>`.
 *
 * No timers: a state change starts its delivery at once and the promise is tracked, so tests await
 * `POST /_sandbox/webhooks/settle` instead of sleeping.
 */
import { createHmac } from 'crypto';

import type { AccountRecord } from '../core/model';
import { ALNUM_ALPHABET, Prng } from '../core/prng';
import type { SandboxState } from '../core/state';
import { renderAccount } from '../domain/render';
import type {
	CustomDeliveryRequest,
	WebhookDelivery,
	WebhookEnvelope,
	WebhookSettings,
	WebhookSubscriptionView,
	WebhookVersion,
} from './types';

export interface SubscriptionRecord {
	id: string;
	webhookUrl: string;
	version: WebhookVersion;
	enabledEvents: string[];
	secret: string;
	createdAt: number;
	updatedAt: number;
}

interface StoredMessage {
	envelope: WebhookEnvelope;
	body: string;
}

export const EXPIRED_EVENT = 'composio.connected_account.expired';
export const TRIGGER_DISABLED_EVENT = 'composio.trigger.disabled';
export const TRIGGER_MESSAGE_EVENT = 'composio.trigger.message';

const RESPONSE_BODY_LIMIT = 2000;
const DELIVERY_LOG_LIMIT = 1000;

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { autoDeliver: true, timeoutMs: 10_000 };

export function signPayload(secret: string, id: string, timestamp: string, body: string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}.${timestamp}.${body}`, 'utf8')
		.digest('base64');
}

export class WebhookStore {
	subscription: SubscriptionRecord | null = null;
	deliveries: WebhookDelivery[] = [];
	settings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS };
	readonly projectId: string;
	readonly orgId: string;
	private messages = new Map<string, StoredMessage>();
	private pending = new Set<Promise<WebhookDelivery>>();
	private prng: Prng;
	private seq = 0;

	constructor(private readonly state: SandboxState) {
		this.prng = this.newPrng();
		this.projectId = `pr_${new Prng('webhooks:project').string(12, ALNUM_ALPHABET)}`;
		this.orgId = `ok_${new Prng('webhooks:org').string(12, ALNUM_ALPHABET)}`;
	}

	reset(): void {
		this.subscription = null;
		this.deliveries = [];
		this.messages = new Map();
		this.settings = { ...DEFAULT_WEBHOOK_SETTINGS };
		this.prng = this.newPrng();
		this.seq = 0;
	}

	/** Message ids, secrets and delivery ids follow the sandbox's seed (unique per run when it is). */
	private newPrng(): Prng {
		return new Prng(`${this.state.randomSeed}:webhooks`);
	}

	// ------------------------------------------------------------------ ids and secrets

	newSubscriptionId(): string {
		return `whs_${this.prng.string(12, ALNUM_ALPHABET)}`;
	}

	newSecret(): string {
		return this.prng.string(40, ALNUM_ALPHABET);
	}

	newMessageId(): string {
		return `msg_${this.prng.uuid()}`;
	}

	newTriggerId(): string {
		return `ti_${this.prng.string(12, ALNUM_ALPHABET)}`;
	}

	private newDeliveryId(): string {
		return `dlv_${this.prng.string(16, ALNUM_ALPHABET)}`;
	}

	view(subscription: SubscriptionRecord): WebhookSubscriptionView {
		return {
			id: subscription.id,
			webhook_url: subscription.webhookUrl,
			version: subscription.version,
			enabled_events: [...subscription.enabledEvents],
			secret: subscription.secret,
			created_at: this.state.clock.iso(subscription.createdAt),
			updated_at: this.state.clock.iso(subscription.updatedAt),
		};
	}

	// ------------------------------------------------------------------ messages

	/** Whether the project's subscription receives this event (V3 payloads only). */
	wants(type: string): boolean {
		const sub = this.subscription;
		return sub !== null && sub.version === 'V3' && sub.enabledEvents.includes(type);
	}

	message(
		type: string,
		data: Record<string, unknown>,
		metadata: Record<string, unknown>,
	): WebhookEnvelope {
		return {
			id: this.newMessageId(),
			type,
			timestamp: this.state.clock.iso(),
			metadata,
			data,
		};
	}

	expiredMessage(account: AccountRecord): WebhookEnvelope {
		return this.message(EXPIRED_EVENT, renderAccount(this.state, account, true), {
			project_id: this.projectId,
			org_id: this.orgId,
		});
	}

	// ------------------------------------------------------------------ delivery

	/** First attempt of a message to the subscription (undefined when nothing is subscribed). */
	publish(envelope: WebhookEnvelope): Promise<WebhookDelivery> | undefined {
		if (!this.wants(envelope.type) || !this.subscription) return undefined;
		const body = JSON.stringify(envelope);
		this.messages.set(envelope.id, { envelope, body });
		return this.send({
			url: this.subscription.webhookUrl,
			webhookId: envelope.id,
			type: envelope.type,
			body,
			secret: this.subscription.secret,
			attempt: 1,
			redeliveryOf: null,
			custom: false,
		});
	}

	/** The same message again: same `webhook-id` and body, fresh timestamp and signature. */
	redeliver(deliveryId: string): Promise<WebhookDelivery> | undefined {
		const previous = this.deliveries.find((d) => d.deliveryId === deliveryId);
		if (!previous) return undefined;
		const attempts = this.deliveries.filter((d) => d.webhookId === previous.webhookId);
		const attempt = Math.max(...attempts.map((d) => d.attempt)) + 1;
		const secret = this.subscription?.secret;
		return this.send({
			url: this.subscription?.webhookUrl ?? previous.url,
			webhookId: previous.webhookId,
			type: previous.type,
			body: this.messages.get(previous.webhookId)?.body ?? previous.body,
			secret: secret ?? '',
			attempt,
			redeliveryOf: previous.deliveryId,
			custom: previous.custom,
		});
	}

	/** A delivery built by a test, possibly unsigned, forged, stale or tampered. */
	custom(request: CustomDeliveryRequest): Promise<WebhookDelivery> {
		const url = request.url ?? this.subscription?.webhookUrl;
		if (!url) throw new Error('No webhook subscription: give a url');
		const envelope: WebhookEnvelope = {
			id: request.id ?? this.newMessageId(),
			type: request.type ?? EXPIRED_EVENT,
			timestamp: request.timestamp ?? this.state.clock.iso(),
			metadata: request.metadata ?? { project_id: this.projectId, org_id: this.orgId },
			data: request.data ?? {},
		};
		const body = request.rawBody ?? JSON.stringify(envelope);
		const webhookId = request.webhookId ?? envelope.id;
		this.messages.set(webhookId, { envelope, body });
		return this.send({
			url,
			webhookId,
			type: envelope.type,
			body,
			secret: request.secret ?? this.subscription?.secret ?? '',
			attempt: 1,
			redeliveryOf: null,
			custom: true,
			timestamp:
				request.webhookTimestamp === undefined ? undefined : String(request.webhookTimestamp),
			signature: request.signature,
			tamperBody: request.tamperBody === true,
			omitHeaders: request.omitHeaders,
			headers: request.headers,
		});
	}

	/** Waits until no delivery is in flight (deliveries may cause further deliveries). */
	async settle(): Promise<WebhookDelivery[]> {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
		return this.deliveries;
	}

	private send(options: {
		url: string;
		webhookId: string;
		type: string;
		body: string;
		secret: string;
		attempt: number;
		redeliveryOf: string | null;
		custom: boolean;
		timestamp?: string;
		signature?: string;
		tamperBody?: boolean;
		omitHeaders?: string[];
		headers?: Record<string, string>;
	}): Promise<WebhookDelivery> {
		// The signature timestamp is the wall clock, as a receiver compares it with its own clock;
		// the envelope's `timestamp` is the sandbox clock time of the event.
		const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
		const signature =
			options.signature ??
			`v1,${signPayload(options.secret, options.webhookId, timestamp, options.body)}`;
		const body = options.tamperBody ? tamper(options.body) : options.body;
		let headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'composio-sandbox-webhooks/1',
			'webhook-id': options.webhookId,
			'webhook-timestamp': timestamp,
			'webhook-signature': signature,
			'x-composio-webhook-version': 'V3',
			'x-composio-delivery-attempt': String(options.attempt),
		};
		for (const [name, value] of Object.entries(options.headers ?? {}))
			headers[name.toLowerCase()] = value;
		const omit = new Set((options.omitHeaders ?? []).map((h) => h.toLowerCase()));
		headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !omit.has(name)));

		const delivery: WebhookDelivery = {
			seq: ++this.seq,
			deliveryId: this.newDeliveryId(),
			webhookId: options.webhookId,
			type: options.type,
			url: options.url,
			attempt: options.attempt,
			redeliveryOf: options.redeliveryOf,
			custom: options.custom,
			headers,
			body,
			outcome: 'pending',
			responseStatus: null,
			responseBody: null,
			error: null,
			createdAt: this.state.clock.iso(),
			durationMs: null,
		};
		this.deliveries.push(delivery);
		if (this.deliveries.length > DELIVERY_LOG_LIMIT) this.deliveries.shift();

		const started = Date.now();
		const promise = (async () => {
			try {
				const response = await fetch(options.url, {
					method: 'POST',
					headers,
					body,
					signal: AbortSignal.timeout(this.settings.timeoutMs),
				});
				const text = await response.text();
				delivery.responseStatus = response.status;
				delivery.responseBody = text.slice(0, RESPONSE_BODY_LIMIT);
				delivery.outcome = response.ok ? 'delivered' : 'rejected';
			} catch (error) {
				delivery.outcome = 'failed';
				delivery.error = error instanceof Error ? error.message : String(error);
			}
			delivery.durationMs = Date.now() - started;
			return delivery;
		})();
		this.pending.add(promise);
		void promise.finally(() => this.pending.delete(promise));
		return promise;
	}
}

/** Changes one character of the body (keeps it the same length and, for JSON, usually valid). */
function tamper(body: string): string {
	const at = body.search(/[A-Za-z0-9]/);
	if (at < 0) return `${body} `;
	const c = body[at];
	const replacement = c === 'A' ? 'B' : /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : 'A';
	return body.slice(0, at) + replacement + body.slice(at + 1);
}

const stores = new WeakMap<SandboxState, WebhookStore>();

/** The webhook store of a sandbox, created (and wired to its events) on first use. */
export function webhooksOf(state: SandboxState): WebhookStore {
	let store = stores.get(state);
	if (!store) {
		const created = new WebhookStore(state);
		stores.set(state, created);
		state.events.on('reset', () => created.reset());
		state.events.on('account.status_changed', ({ account, previous, status }) => {
			if (status !== 'EXPIRED' || !created.settings.autoDeliver) return;
			// Composio documents the event for a connected account whose authentication expired and
			// cannot be refreshed (changelog 2026-02-06), not for a connection that never completed:
			// an abandoned Connect Link (INITIATED/INITIALIZING running out) pushes nothing.
			if (previous === 'INITIATED' || previous === 'INITIALIZING') return;
			if (!created.wants(EXPIRED_EVENT)) return;
			void created.publish(created.expiredMessage(account));
		});
		store = created;
	}
	return store;
}
