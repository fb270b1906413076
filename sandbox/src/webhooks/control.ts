/**
 * Typed client for the webhook control routes (`/_sandbox/webhooks/...`).
 *
 *   const hooks = webhookControl(sandbox.url);
 *   await control.setAccountStatus(id, { status: 'EXPIRED' });   // delivers if subscribed
 *   const [delivery] = await hooks.settle();                      // waits for it
 *   await hooks.redeliver(delivery.deliveryId);                   // same webhook-id again
 */
import { SandboxControlError } from '../control';
import type {
	CustomDeliveryRequest,
	EventResult,
	TriggerDisabledRequest,
	TriggerMessageRequest,
	WebhookDelivery,
	WebhookSettings,
	WebhookSubscriptionView,
} from './types';

export interface WebhookControl {
	/** The project's subscription with its full secret, or null. */
	subscription(): Promise<WebhookSubscriptionView | null>;
	settings(): Promise<WebhookSettings>;
	setSettings(patch: Partial<WebhookSettings>): Promise<WebhookSettings>;
	deliveries(): Promise<WebhookDelivery[]>;
	clearDeliveries(): Promise<void>;
	/** Resolves when no delivery is in flight; returns every delivery so far. */
	settle(): Promise<WebhookDelivery[]>;
	/** Sends the same message again (same webhook-id and body, new timestamp and signature). */
	redeliver(deliveryId: string): Promise<WebhookDelivery>;
	/** Delivers a custom (possibly unsigned, forged, stale or tampered) event and waits for the answer. */
	deliver(request?: CustomDeliveryRequest): Promise<WebhookDelivery>;
	triggerDisabled(request: TriggerDisabledRequest): Promise<EventResult>;
	triggerMessage(request: TriggerMessageRequest): Promise<EventResult>;
}

export function webhookControl(url: string): WebhookControl {
	const baseUrl = `${url.replace(/\/+$/, '')}/_sandbox/webhooks`;

	async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${baseUrl}${path}`, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const parsed: unknown = text ? JSON.parse(text) : null;
		if (!response.ok) throw new SandboxControlError(response.status, parsed);
		return parsed as T;
	}

	return {
		subscription: () => call('GET', '/subscription'),
		settings: () => call('GET', '/settings'),
		setSettings: (patch) => call('PATCH', '/settings', patch),
		deliveries: () => call('GET', '/deliveries'),
		clearDeliveries: async () => {
			await call('DELETE', '/deliveries');
		},
		settle: () => call('POST', '/settle'),
		redeliver: (id) => call('POST', `/deliveries/${encodeURIComponent(id)}/redeliver`),
		deliver: (request = {}) => call('POST', '/deliveries', request),
		triggerDisabled: (request) => call('POST', '/events/trigger-disabled', request),
		triggerMessage: (request) => call('POST', '/events/trigger-message', request),
	};
}
