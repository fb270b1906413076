/**
 * The control API for tests, demos and benchmarks, under `/_sandbox` (loopback only, no API key).
 * It is never reachable through `/api/...`.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AccountRecord } from '../core/model';
import type { SandboxState } from '../core/state';
import { emptyCounters } from '../core/state';
import { renderVal, STATUS_REASONS } from '../domain/accounts';
import { createAccount, startHostedFlow } from '../domain/lifecycle';
import { ApiError, badRequest, httpError } from '../http/errors';
import { isPlainObject } from '../http/query';
import type {
	BulkCreateAccountsResult,
	ConnectionStatus,
	ControlAccountView,
	FaultSpec,
	LinkInfo,
	AccountUserIdMode,
	SandboxConfig,
	SeedName,
} from '../types';
import { CONNECTION_STATUSES } from '../types';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const FAULT_KINDS = ['status', 'drop_before', 'drop_after', 'delay', 'malformed'];

export interface ControlHooks {
	/** Full reset: data + optional reseed, config, clock. */
	reset(seed: SeedName, options: { keepConfig: boolean; keepClock: boolean }): void;
	seedDocument(): unknown;
}

function body(req: Request): Record<string, unknown> {
	const raw: unknown = req.body;
	if (raw === undefined || raw === null) return {};
	if (!isPlainObject(raw)) throw badRequest('Control request body must be a JSON object');
	return raw;
}

function viewAccount(state: SandboxState, account: AccountRecord): ControlAccountView {
	return {
		id: account.id,
		userId: account.userId,
		toolkit: account.toolkit,
		authConfigId: account.authConfigId,
		authScheme: account.authScheme,
		status: account.status,
		statusReason: account.statusReason,
		alias: account.alias,
		isDisabled: account.isDisabled,
		deleted: account.deletedAt !== null,
		createdAt: state.clock.iso(account.createdAt),
		updatedAt: state.clock.iso(account.updatedAt),
		pendingExpiresAt:
			account.pendingExpiresAt === null ? null : state.clock.iso(account.pendingExpiresAt),
		linkToken: account.linkToken,
		val: renderVal(account, state.credentialsOf(account)),
		identity: { ...state.identityOf(account) },
	};
}

function viewLink(state: SandboxState, token: string): LinkInfo | null {
	const link = state.links.get(token);
	if (!link) return null;
	return {
		token: link.token,
		url: state.linkUrl(link.token),
		connectedAccountId: link.accountId,
		state: link.state,
		createdAt: state.clock.iso(link.createdAt),
		expiresAt: state.clock.iso(link.expiresAt),
		callbackUrl: link.callbackUrl,
		origin: link.origin,
	};
}

function parseStatus(value: unknown, fallback?: ConnectionStatus): ConnectionStatus {
	if (value === undefined && fallback) return fallback;
	if (typeof value !== 'string' || !(CONNECTION_STATUSES as readonly string[]).includes(value)) {
		throw badRequest(`status must be one of ${CONNECTION_STATUSES.join(', ')}`);
	}
	return value as ConnectionStatus;
}

function defaultReason(status: ConnectionStatus): string | null {
	switch (status) {
		case 'EXPIRED':
			return STATUS_REASONS.refreshFailed;
		case 'INACTIVE':
			return STATUS_REASONS.updatedByUser;
		case 'REVOKED':
			return STATUS_REASONS.revokedByAdmin;
		case 'FAILED':
			return STATUS_REASONS.callbackFailed;
		default:
			return null;
	}
}

function detailsFor(
	state: SandboxState,
	status: ConnectionStatus,
	reason: string | null,
): Record<string, unknown> {
	switch (status) {
		case 'EXPIRED':
			return { expired_at: state.clock.iso() };
		case 'REVOKED':
			return { revoked_at: state.clock.iso() };
		case 'FAILED':
			return {
				error: 'sandbox_forced_failure',
				error_description: reason ?? 'Failure set through the sandbox control API',
			};
		default:
			return {};
	}
}

/** Moves an account to any status (INITIATED gets a fresh hosted link). */
function forceStatus(
	state: SandboxState,
	account: AccountRecord,
	status: ConnectionStatus,
	reasonInput: unknown,
	isDisabled: unknown,
	keepUpdatedAt = false,
): void {
	const updatedAt = account.updatedAt;
	const reason = reasonInput === undefined ? defaultReason(status) : (reasonInput as string | null);
	if (status === 'INITIATED') {
		startHostedFlow(state, account, 'link', account.callbackUrl);
		account.statusReason = reason;
	} else {
		if (
			(status === 'ACTIVE' || status === 'INACTIVE') &&
			!Object.keys(state.credentialsOf(account)).length
		) {
			account.tokenGeneration++;
			account.credentials = null;
		}
		state.transition(account, status, reason, detailsFor(state, status, reason));
		if (status === 'INITIALIZING')
			state.setPending(account, state.clock.now() + state.config.linkTtlMs);
	}
	if (typeof isDisabled === 'boolean') account.isDisabled = isDisabled;
	if (keepUpdatedAt) account.updatedAt = updatedAt;
}

const ACCOUNT_USER_ID_MODES: AccountUserIdMode[] = ['present', 'null', 'omitted'];

function validateConfigPatch(input: Record<string, unknown>): Partial<SandboxConfig> {
	const patch: Partial<SandboxConfig> = {};
	if (input.latencyMs !== undefined) {
		if (typeof input.latencyMs !== 'number' || input.latencyMs < 0)
			throw badRequest('latencyMs must be a number >= 0');
		patch.latencyMs = input.latencyMs;
	}
	if (input.linkTtlMs !== undefined) {
		if (typeof input.linkTtlMs !== 'number' || input.linkTtlMs <= 0)
			throw badRequest('linkTtlMs must be a number > 0');
		patch.linkTtlMs = input.linkTtlMs;
	}
	if (input.maskSecrets !== undefined) {
		if (typeof input.maskSecrets !== 'boolean') throw badRequest('maskSecrets must be a boolean');
		patch.maskSecrets = input.maskSecrets;
	}
	if (input.allowPrivateWebhookUrls !== undefined) {
		if (typeof input.allowPrivateWebhookUrls !== 'boolean')
			throw badRequest('allowPrivateWebhookUrls must be a boolean');
		patch.allowPrivateWebhookUrls = input.allowPrivateWebhookUrls;
	}
	if (input.accountUserId !== undefined) {
		if (!ACCOUNT_USER_ID_MODES.includes(input.accountUserId as AccountUserIdMode))
			throw badRequest(`accountUserId must be one of ${ACCOUNT_USER_ID_MODES.join(', ')}`);
		patch.accountUserId = input.accountUserId as AccountUserIdMode;
	}
	if (input.rateLimit !== undefined) {
		const rl = input.rateLimit;
		if (rl === null) patch.rateLimit = null;
		else if (
			isPlainObject(rl) &&
			typeof rl.limit === 'number' &&
			rl.limit >= 0 &&
			typeof rl.windowMs === 'number' &&
			rl.windowMs > 0
		) {
			patch.rateLimit = { limit: rl.limit, windowMs: rl.windowMs };
		} else {
			throw badRequest('rateLimit must be null or { limit: number >= 0, windowMs: number > 0 }');
		}
	}
	return patch;
}

function validateFault(input: Record<string, unknown>): FaultSpec {
	if (typeof input.path !== 'string' || !input.path.startsWith('/'))
		throw badRequest('fault.path must be a path pattern starting with /');
	if (typeof input.kind !== 'string' || !FAULT_KINDS.includes(input.kind)) {
		throw badRequest(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
	}
	if (
		input.times !== undefined &&
		(typeof input.times !== 'number' || !Number.isInteger(input.times) || input.times < 1)
	) {
		throw badRequest('fault.times must be an integer >= 1');
	}
	if (input.method !== undefined && typeof input.method !== 'string')
		throw badRequest('fault.method must be a string');
	if (
		input.kind === 'status' &&
		(typeof input.status !== 'number' || input.status < 100 || input.status > 599)
	) {
		throw badRequest('fault.status must be an HTTP status code');
	}
	if (input.kind === 'delay' && (typeof input.delayMs !== 'number' || input.delayMs < 0)) {
		throw badRequest('fault.delayMs must be a number >= 0');
	}
	if (input.retryAfter !== undefined && typeof input.retryAfter !== 'number')
		throw badRequest('fault.retryAfter must be a number (seconds)');
	if (input.headers !== undefined && !isPlainObject(input.headers))
		throw badRequest('fault.headers must be an object');
	if (input.kind === 'malformed' && input.body !== undefined && typeof input.body !== 'string') {
		throw badRequest('fault.body of a malformed fault must be a string');
	}
	return input as unknown as FaultSpec;
}

function bulkCreate(state: SandboxState, input: Record<string, unknown>): BulkCreateAccountsResult {
	const count = input.count;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000_000) {
		throw badRequest('count must be an integer between 1 and 1000000');
	}
	const userIds = Array.isArray(input.userIds)
		? input.userIds.filter((u): u is string => typeof u === 'string' && u !== '')
		: [typeof input.userId === 'string' && input.userId ? input.userId : 'bench_user'];
	if (!userIds.length) throw badRequest('userIds must contain at least one user id');
	const status = parseStatus(input.status, 'ACTIVE');
	let authConfig =
		typeof input.authConfigId === 'string' ? state.authConfigs.get(input.authConfigId) : undefined;
	if (typeof input.authConfigId === 'string' && !authConfig)
		throw httpError(404, `Auth config ${input.authConfigId} not found`);
	if (!authConfig) {
		const toolkit = typeof input.toolkit === 'string' ? input.toolkit.toLowerCase() : 'gmail';
		authConfig = [...state.authConfigs.values()].find(
			(ac) => ac.toolkit === toolkit && ac.status === 'ENABLED',
		);
		if (!authConfig) throw httpError(404, `No enabled auth config for toolkit ${toolkit}`);
	}
	const aliasPrefix =
		typeof input.aliasPrefix === 'string' && input.aliasPrefix ? input.aliasPrefix : null;
	const step = typeof input.createdAtStepMs === 'number' ? input.createdAtStepMs : 0;
	const reason =
		input.statusReason === undefined
			? defaultReason(status)
			: (input.statusReason as string | null);
	const now = state.clock.now();
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const createdAt = now - (count - 1 - i) * step;
		const pending = status === 'INITIATED' || status === 'INITIALIZING';
		const account = createAccount(state, {
			userId: userIds[i % userIds.length],
			authConfig,
			status: pending ? 'INITIALIZING' : status,
			alias: aliasPrefix ? `${aliasPrefix}-${i + 1}` : null,
			statusReason: reason,
			statusDetails: pending ? {} : detailsFor(state, status, reason),
			createdAt,
		});
		if (status === 'INITIATED') startHostedFlow(state, account, 'link', null);
		else if (status === 'INITIALIZING') state.setPending(account, now + state.config.linkTtlMs);
		account.updatedAt = createdAt;
		ids.push(account.id);
	}
	state.touch();
	const result: BulkCreateAccountsResult = {
		created: count,
		firstId: ids[0] ?? null,
		lastId: ids[ids.length - 1] ?? null,
	};
	if (input.returnIds === true) result.ids = ids;
	return result;
}

export function createControlRouter(state: SandboxState, hooks: ControlHooks): Router {
	const router = Router();
	router.use((req: Request, _res: Response, next: NextFunction) => {
		const address = req.socket.remoteAddress ?? '';
		if (!LOOPBACK.has(address))
			return next(httpError(403, 'The sandbox control API is only reachable from loopback'));
		next();
	});
	const json =
		(handler: (req: Request, res: Response) => unknown) => (req: Request, res: Response) => {
			const result = handler(req, res);
			if (!res.headersSent) res.json(result ?? { ok: true });
		};

	router.get(
		'/health',
		json(() => ({ ok: true })),
	);
	router.get(
		'/seed',
		json(() => hooks.seedDocument()),
	);

	router.post(
		'/reset',
		json((req) => {
			const input = body(req);
			const seed = input.seed ?? 'default';
			if (seed !== 'default' && seed !== 'empty')
				throw badRequest("seed must be 'default' or 'empty'");
			hooks.reset(seed, {
				keepConfig: input.keepConfig === true,
				keepClock: input.keepClock === true,
			});
			return { ok: true, seed, clock: state.clock.info(), config: state.config };
		}),
	);

	router.get(
		'/config',
		json(() => state.config),
	);
	const patchConfig = json((req) => {
		const patch = validateConfigPatch(body(req));
		state.config = { ...state.config, ...patch };
		if (patch.rateLimit !== undefined) state.resetRateWindow();
		return state.config;
	});
	router.patch('/config', patchConfig);
	router.post('/config', patchConfig);

	router.get(
		'/clock',
		json(() => state.clock.info()),
	);
	router.post(
		'/clock',
		json((req) => {
			const input = body(req);
			if (input.set !== undefined) {
				if (typeof input.set !== 'string' && typeof input.set !== 'number')
					throw badRequest('set must be an ISO string or epoch ms');
				try {
					state.clock.set(input.set);
				} catch (error) {
					throw badRequest(error instanceof Error ? error.message : 'invalid time');
				}
			}
			if (input.advanceMs !== undefined) {
				if (typeof input.advanceMs !== 'number' || !Number.isFinite(input.advanceMs))
					throw badRequest('advanceMs must be a number');
				state.clock.advance(input.advanceMs);
			}
			state.sweepExpired();
			return state.clock.info();
		}),
	);

	router.post(
		'/accounts/bulk',
		json((req) => bulkCreate(state, body(req))),
	);
	router.get(
		'/accounts/:id',
		json((req) => {
			const account = state.accounts.get(req.params.id as string);
			if (!account) throw httpError(404, `Account ${String(req.params.id)} not found`);
			return viewAccount(state, account);
		}),
	);
	router.post(
		'/accounts/:id/status',
		json((req) => {
			const account = state.getAccount(req.params.id as string);
			if (!account) throw httpError(404, `Account ${String(req.params.id)} not found`);
			const input = body(req);
			if (
				input.statusReason !== undefined &&
				input.statusReason !== null &&
				typeof input.statusReason !== 'string'
			) {
				throw badRequest('statusReason must be a string or null');
			}
			if (input.keepUpdatedAt !== undefined && typeof input.keepUpdatedAt !== 'boolean')
				throw badRequest('keepUpdatedAt must be a boolean');
			forceStatus(
				state,
				account,
				parseStatus(input.status),
				input.statusReason,
				input.isDisabled,
				input.keepUpdatedAt === true,
			);
			return viewAccount(state, account);
		}),
	);

	router.get(
		'/links',
		json(() => [...state.links.keys()].map((t) => viewLink(state, t))),
	);
	router.get(
		'/links/:token',
		json((req) => {
			const link = viewLink(state, req.params.token as string);
			if (!link) throw httpError(404, `Link ${String(req.params.token)} not found`);
			return link;
		}),
	);

	router.get(
		'/faults',
		json(() => state.listFaults()),
	);
	router.post(
		'/faults',
		json((req, res) => {
			res.status(201);
			return state.addFault(validateFault(body(req)));
		}),
	);
	router.delete(
		'/faults',
		json(() => {
			state.clearFaults();
			return { ok: true };
		}),
	);
	router.delete(
		'/faults/:id',
		json((req) => {
			if (!state.removeFault(req.params.id as string))
				throw httpError(404, `Fault ${String(req.params.id)} not found`);
			return { ok: true };
		}),
	);

	router.get(
		'/counters',
		json(() => state.counters),
	);
	router.delete(
		'/counters',
		json(() => {
			state.counters = emptyCounters();
			return state.counters;
		}),
	);

	router.get(
		'/requests',
		json((req) => {
			const raw = typeof req.query.limit === 'string' ? Number(req.query.limit) : undefined;
			const limit =
				raw !== undefined && Number.isInteger(raw) && raw > 0 ? raw : state.requestLog.length;
			return state.requestLog.slice(-limit);
		}),
	);
	router.delete(
		'/requests',
		json(() => {
			state.requestLog = [];
			return { ok: true };
		}),
	);

	router.use((req: Request, _res: Response, next: NextFunction) => {
		next(
			new ApiError(
				404,
				10404,
				'HTTP_NotFound',
				`Unknown control route: ${req.method} /_sandbox${req.path}`,
			),
		);
	});
	return router;
}
