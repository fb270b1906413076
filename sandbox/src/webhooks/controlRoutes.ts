/**
 * Control routes for webhooks, mounted at `/_sandbox/webhooks` (loopback only, no API key):
 * inspect the subscription and deliveries, wait for deliveries to settle, redeliver one, send a
 * custom (possibly broken) delivery, and simulate the events the sandbox has no domain for
 * (trigger disabled, trigger message).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';

import type { SandboxState } from '../core/state';
import { ApiError, badRequest, httpError } from '../http/errors';
import { isPlainObject } from '../http/query';
import {
	TRIGGER_DISABLED_EVENT,
	TRIGGER_MESSAGE_EVENT,
	webhooksOf,
	type WebhookStore,
} from './store';
import type {
	CustomDeliveryRequest,
	EventResult,
	TriggerDisabledRequest,
	TriggerMessageRequest,
	WebhookDelivery,
} from './types';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function body(req: Request): Record<string, unknown> {
	const raw: unknown = req.body;
	if (raw === undefined || raw === null) return {};
	if (!isPlainObject(raw)) throw badRequest('Control request body must be a JSON object');
	return raw;
}

function optionalString(input: Record<string, unknown>, field: string): string | undefined {
	const value = input[field];
	if (value === undefined) return undefined;
	if (typeof value !== 'string' || value === '') throw badRequest(`${field} must be a string`);
	return value;
}

function optionalObject(
	input: Record<string, unknown>,
	field: string,
): Record<string, unknown> | undefined {
	const value = input[field];
	if (value === undefined) return undefined;
	if (!isPlainObject(value)) throw badRequest(`${field} must be an object`);
	return value;
}

function validateCustom(input: Record<string, unknown>): CustomDeliveryRequest {
	for (const field of [
		'url',
		'id',
		'type',
		'timestamp',
		'rawBody',
		'webhookId',
		'secret',
		'signature',
	])
		optionalString(input, field);
	for (const field of ['metadata', 'data', 'headers']) optionalObject(input, field);
	const ts = input.webhookTimestamp;
	if (ts !== undefined && typeof ts !== 'number' && typeof ts !== 'string')
		throw badRequest('webhookTimestamp must be a number or a string');
	if (input.omitHeaders !== undefined && !Array.isArray(input.omitHeaders))
		throw badRequest('omitHeaders must be an array of header names');
	if (input.tamperBody !== undefined && typeof input.tamperBody !== 'boolean')
		throw badRequest('tamperBody must be a boolean');
	return input as CustomDeliveryRequest;
}

async function publishOrRecord(
	store: WebhookStore,
	message: EventResult['message'],
): Promise<EventResult> {
	const pending = store.publish(message);
	return { message, delivery: pending ? await pending : null };
}

function accountContext(state: SandboxState, id: unknown) {
	if (typeof id !== 'string' || !id) throw badRequest('connectedAccountId is required');
	const account = state.accounts.get(id);
	if (!account) throw httpError(404, `Account ${id} not found`);
	return account;
}

export function createWebhookControlRouter(state: SandboxState): Router {
	const router = Router();
	const store = () => webhooksOf(state);
	router.use((req: Request, _res: Response, next: NextFunction) => {
		if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
			return next(httpError(403, 'The sandbox control API is only reachable from loopback'));
		next();
	});
	const json =
		(handler: (req: Request, res: Response) => unknown) => async (req: Request, res: Response) => {
			const result = await handler(req, res);
			if (!res.headersSent) res.json(result === undefined ? { ok: true } : result);
		};

	router.get(
		'/subscription',
		json(() => {
			const sub = store().subscription;
			return sub ? store().view(sub) : null;
		}),
	);
	router.get(
		'/settings',
		json(() => store().settings),
	);
	router.patch(
		'/settings',
		json((req) => {
			const input = body(req);
			const next = { ...store().settings };
			if (input.autoDeliver !== undefined) {
				if (typeof input.autoDeliver !== 'boolean')
					throw badRequest('autoDeliver must be a boolean');
				next.autoDeliver = input.autoDeliver;
			}
			if (input.timeoutMs !== undefined) {
				if (typeof input.timeoutMs !== 'number' || input.timeoutMs <= 0)
					throw badRequest('timeoutMs must be a number > 0');
				next.timeoutMs = input.timeoutMs;
			}
			store().settings = next;
			return next;
		}),
	);
	router.get(
		'/deliveries',
		json(() => store().deliveries),
	);
	router.delete(
		'/deliveries',
		json(() => {
			store().deliveries = [];
			return { ok: true };
		}),
	);
	router.post(
		'/settle',
		json(async () => await store().settle()),
	);
	router.post(
		'/deliveries',
		json(async (req, res) => {
			const request = validateCustom(body(req));
			if (!request.url && !store().subscription)
				throw badRequest('No webhook subscription exists; give a url');
			res.status(201);
			return await store().custom(request);
		}),
	);
	router.post(
		'/deliveries/:id/redeliver',
		json(async (req, res): Promise<WebhookDelivery> => {
			const pending = store().redeliver(req.params.id as string);
			if (!pending) throw httpError(404, `Delivery ${String(req.params.id)} not found`);
			res.status(201);
			return await pending;
		}),
	);
	router.post(
		'/events/trigger-disabled',
		json(async (req) => {
			const input = body(req) as Partial<TriggerDisabledRequest>;
			const account = accountContext(state, input.connectedAccountId);
			const s = store();
			const message = s.message(
				TRIGGER_DISABLED_EVENT,
				{
					id: input.triggerId ?? s.newTriggerId(),
					connected_account_id: account.id,
					trigger_name: input.triggerName ?? `${account.toolkit.toUpperCase()}_NEW_EVENT_TRIGGER`,
					user_id: account.userId,
					trigger_config: input.triggerConfig ?? {},
					disabled_at: state.clock.iso(),
					disabled_reason: input.reason ?? 'Connected account expired',
				},
				{ project_id: s.projectId },
			);
			return await publishOrRecord(s, message);
		}),
	);
	router.post(
		'/events/trigger-message',
		json(async (req) => {
			const input = body(req) as Partial<TriggerMessageRequest>;
			const account = accountContext(state, input.connectedAccountId);
			if (typeof input.triggerSlug !== 'string' || !input.triggerSlug)
				throw badRequest('triggerSlug is required');
			const s = store();
			const message = s.message(TRIGGER_MESSAGE_EVENT, input.payload ?? {}, {
				log_id: `log_${s.newTriggerId().slice(3)}`,
				trigger_slug: input.triggerSlug,
				trigger_id: input.triggerId ?? s.newTriggerId(),
				connected_account_id: account.id,
				auth_config_id: account.authConfigId,
				user_id: account.userId,
			});
			return await publishOrRecord(s, message);
		}),
	);
	router.use((req: Request, _res: Response, next: NextFunction) => {
		next(
			new ApiError(
				404,
				10404,
				'HTTP_NotFound',
				`Unknown control route: ${req.method} /_sandbox/webhooks${req.path}`,
			),
		);
	});
	return router;
}
