/**
 * `/webhook_subscriptions` — one subscription per project (a second create answers 409), publicly
 * reachable URLs only (unless the development switch allows private ones), the signing secret in
 * every v3.1 answer (on v3 only in create and rotate, masked to its first 4 characters otherwise),
 * and the event type catalogue.
 */
import type { ApiVersion } from '../types';
import type { SandboxState } from '../core/state';
import { maskString } from '../domain/masking';
import type { ApiResource, RouteContext } from '../http/context';
import { ApiError, validationError } from '../http/errors';
import { paginate, readPageRequest } from '../http/pagination';
import type { SubscriptionRecord } from '../webhooks/store';
import { webhooksOf } from '../webhooks/store';
import { WEBHOOK_EVENT_TYPES, type WebhookVersion } from '../webhooks/types';
import { checkWebhookUrl } from '../webhooks/urlPolicy';

const VERSIONS: readonly WebhookVersion[] = ['V1', 'V2', 'V3'];

const notFound = (id: string) =>
	new ApiError(
		404,
		1904,
		'WebhookSubscription_NotFound',
		`Webhook subscription "${id}" not found`,
		{
			suggestedFix: 'List the project’s subscriptions to find its id.',
		},
	);

/**
 * v3.1 answers carry the whole secret everywhere (v3.1 get reference: "Signing secret for HMAC
 * verification"; `@composio/core` 0.21 `Webhooks.ts`: "every response includes the signing
 * secret"); v3 masks it except on create and rotate (v3 get reference: "Masked signing secret
 * (full secret only on create/rotate)").
 */
function render(
	state: SandboxState,
	sub: SubscriptionRecord,
	version: ApiVersion,
	created = false,
) {
	const view = webhooksOf(state).view(sub);
	return created || version === 'v3.1' ? view : { ...view, secret: maskString(view.secret) };
}

function find(state: SandboxState, id: string): SubscriptionRecord {
	const sub = webhooksOf(state).subscription;
	if (!sub || sub.id !== id) throw notFound(id);
	return sub;
}

function readUrl(state: SandboxState, value: unknown, errors: string[]): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') {
		errors.push('webhook_url: must be a non-empty string');
		return undefined;
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		errors.push(`webhook_url: '${value}' is not a valid URL`);
		return undefined;
	}
	const verdict = checkWebhookUrl(url, state.config.allowPrivateWebhookUrls);
	if (!verdict.ok) {
		errors.push(`webhook_url: ${verdict.reason}`);
		return undefined;
	}
	return value;
}

function readEvents(value: unknown, errors: string[]): string[] | undefined {
	if (!Array.isArray(value) || value.length === 0) {
		errors.push('enabled_events: must be a non-empty array of event types');
		return undefined;
	}
	const known: readonly string[] = WEBHOOK_EVENT_TYPES.map((e) => e.event_type);
	const out: string[] = [];
	for (const event of value) {
		if (typeof event !== 'string' || !known.includes(event)) {
			errors.push(`enabled_events: '${String(event)}' is not one of ${known.join(', ')}`);
			continue;
		}
		if (!out.includes(event)) out.push(event);
	}
	return out;
}

function readVersion(value: unknown, errors: string[]): WebhookVersion | undefined {
	if (typeof value !== 'string' || !(VERSIONS as readonly string[]).includes(value)) {
		errors.push(`version: must be one of ${VERSIONS.join(', ')}`);
		return undefined;
	}
	return value as WebhookVersion;
}

/** Events that only exist with V3 payloads cannot be combined with V1/V2. */
function checkVersionSupport(events: string[], version: WebhookVersion, errors: string[]): void {
	for (const event of events) {
		const type = WEBHOOK_EVENT_TYPES.find((e) => e.event_type === event);
		if (type && !type.supported_versions.includes(version)) {
			errors.push(`enabled_events: '${event}' is only delivered with version V3`);
		}
	}
}

function create(ctx: RouteContext) {
	const store = webhooksOf(ctx.state);
	const errors: string[] = [];
	const webhookUrl = readUrl(ctx.state, ctx.body.webhook_url, errors);
	const events = readEvents(ctx.body.enabled_events, errors);
	const version = ctx.body.version === undefined ? 'V3' : readVersion(ctx.body.version, errors);
	if (events && version) checkVersionSupport(events, version, errors);
	if (errors.length || !webhookUrl || !events || !version) throw validationError(errors);
	if (store.subscription) {
		throw new ApiError(
			409,
			1909,
			'WebhookSubscription_AlreadyExists',
			'A webhook subscription already exists for this project; only one is allowed',
			{ suggestedFix: 'Update the existing subscription or delete it first.' },
		);
	}
	const now = ctx.state.clock.now();
	store.subscription = {
		id: store.newSubscriptionId(),
		webhookUrl,
		version,
		enabledEvents: events,
		secret: store.newSecret(),
		createdAt: now,
		updatedAt: now,
	};
	ctx.res.status(201);
	return render(ctx.state, store.subscription, ctx.version, true);
}

function update(ctx: RouteContext) {
	const sub = find(ctx.state, ctx.params.id);
	const errors: string[] = [];
	const { webhook_url, enabled_events, version } = ctx.body;
	if (webhook_url === undefined && enabled_events === undefined && version === undefined) {
		throw validationError(
			['at least one of webhook_url, enabled_events, version must be given'],
			'Nothing to update',
		);
	}
	const nextUrl =
		webhook_url === undefined ? sub.webhookUrl : readUrl(ctx.state, webhook_url, errors);
	const nextEvents =
		enabled_events === undefined ? sub.enabledEvents : readEvents(enabled_events, errors);
	const nextVersion = version === undefined ? sub.version : readVersion(version, errors);
	if (nextEvents && nextVersion) checkVersionSupport(nextEvents, nextVersion, errors);
	if (errors.length || !nextUrl || !nextEvents || !nextVersion) throw validationError(errors);
	sub.webhookUrl = nextUrl;
	sub.enabledEvents = nextEvents;
	sub.version = nextVersion;
	sub.updatedAt = ctx.state.clock.now();
	return render(ctx.state, sub, ctx.version);
}

export const webhookSubscriptionsResource: ApiResource = {
	name: 'webhook_subscriptions',
	register(routes, state) {
		// Created now so that expiries are delivered as soon as a subscription exists.
		webhooksOf(state);
		routes('/webhook_subscriptions')
			.get('/event_types', () => ({ items: WEBHOOK_EVENT_TYPES.map((e) => ({ ...e })) }))
			.post('', create)
			.get('', (ctx) => {
				const sub = webhooksOf(ctx.state).subscription;
				const max = ctx.version === 'v3' ? 1000 : 50;
				return paginate(sub ? [sub] : [], readPageRequest(ctx.query, 20, max), (s) =>
					render(ctx.state, s, ctx.version),
				);
			})
			.get('/:id', (ctx) => render(ctx.state, find(ctx.state, ctx.params.id), ctx.version))
			.patch('/:id', update)
			.delete('/:id', (ctx) => {
				find(ctx.state, ctx.params.id);
				webhooksOf(ctx.state).subscription = null;
				return { success: true };
			})
			.post('/:id/rotate_secret', (ctx) => {
				const sub = find(ctx.state, ctx.params.id);
				const store = webhooksOf(ctx.state);
				sub.secret = store.newSecret();
				sub.updatedAt = ctx.state.clock.now();
				return { id: sub.id, secret: sub.secret };
			});
	},
};
