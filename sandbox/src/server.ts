/**
 * The Express application: per-request bookkeeping, fault injection, latency, auth,
 * rate limiting, the API resources under both version prefixes, hosted pages and the
 * control API.
 */
import express, {
	Router,
	type Express,
	type NextFunction,
	type Request,
	type Response,
} from 'express';
import { sleep } from 'n8n-workflow';
import type { SandboxState } from './core/state';
import { describeDuration } from './domain/accounts';
import { ResourceRoutes, type ApiResource, type RequestMeta, requestMeta } from './http/context';
import { ApiError, envelope, httpError } from './http/errors';
import { Query } from './http/query';
import { createControlRouter, type ControlHooks } from './routes/control';
import { createHostedRouter } from './routes/hosted';
import { createProxyFilesRouter } from './routes/proxy';
import type { ApiVersion, FaultInfo } from './types';
import { createWebhookControlRouter } from './webhooks/controlRoutes';

const CREDENTIAL_HEADERS = new Set([
	'x-api-key',
	'x-user-api-key',
	'x-org-api-key',
	'authorization',
	'cookie',
	'proxy-authorization',
]);
const API_VERSIONS: readonly ApiVersion[] = ['v3.1', 'v3'];

export interface AppOptions {
	state: SandboxState;
	resources: readonly ApiResource[];
	controlHooks: ControlHooks;
}

function recordableHeaders(req: Request): {
	headers: Record<string, string>;
	credentialHeaders: string[];
} {
	const headers: Record<string, string> = {};
	const credentialHeaders: string[] = [];
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		if (CREDENTIAL_HEADERS.has(name)) credentialHeaders.push(name);
		else headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return { headers, credentialHeaders };
}

/** Request id, lazy expiry sweep, request log entry and counters. */
function prelude(state: SandboxState) {
	return (req: Request, res: Response, next: NextFunction): void => {
		const incoming = req.get('x-request-id');
		const requestId = incoming && incoming.length <= 200 ? incoming : state.newRequestId();
		res.setHeader('x-request-id', requestId);
		state.sweepExpired();
		const isControl = req.path === '/_sandbox' || req.path.startsWith('/_sandbox/');
		const meta: RequestMeta = {
			requestId,
			query: Query.fromUrl(req.originalUrl),
			log: null,
			apiVersion: null,
		};
		res.locals.sandbox = meta;
		if (!isControl) {
			if (req.path.startsWith('/api/')) state.counters.requests.total++;
			const { headers, credentialHeaders } = recordableHeaders(req);
			const entry = state.logRequest({
				method: req.method,
				path: req.path,
				rawQuery: meta.query.raw,
				query: meta.query.toRecord(),
				body: null,
				headers,
				credentialHeaders,
				apiVersion: null,
				route: null,
				status: null,
				requestId,
				at: state.clock.iso(),
			});
			meta.log = entry;
			res.on('finish', () => {
				entry.status = res.statusCode;
			});
		}
		next();
	};
}

function captureBody(req: Request, res: Response, next: NextFunction): void {
	const meta = requestMeta(res);
	if (meta.log) meta.log.body = req.body === undefined ? null : (req.body as unknown);
	next();
}

function rateLimitMessage(state: SandboxState): string {
	const rl = state.config.rateLimit;
	return rl
		? `Rate limit exceeded. Limit: ${rl.limit} requests per ${describeDuration(rl.windowMs)}`
		: 'Rate limit exceeded';
}

function sendFault(
	state: SandboxState,
	fault: FaultInfo,
	req: Request,
	res: Response,
	next: NextFunction,
): void {
	switch (fault.kind) {
		case 'drop_before':
			req.socket.destroy();
			return;
		case 'drop_after': {
			const socket = req.socket;
			// Let the request run to completion (state changes happen), then hang up instead of answering.
			res.end = (() => {
				socket.destroy();
				return res;
			}) as Response['end'];
			next();
			return;
		}
		case 'delay':
			void sleep(fault.delayMs).then(() => next());
			return;
		case 'malformed':
			res
				.status(200)
				.type('application/json')
				.send(fault.body ?? '{"items": [{"id": "ca_');
			return;
		case 'status': {
			if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
			for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
			res.status(fault.status);
			if (typeof fault.body === 'string') {
				res.type('text/plain').send(fault.body);
			} else if (fault.body !== undefined) {
				res.json(fault.body);
			} else if (fault.status === 429) {
				res.json({ message: rateLimitMessage(state) });
			} else {
				res.json(
					envelope(
						httpError(fault.status, `Injected fault: HTTP ${fault.status}`),
						requestMeta(res).requestId,
					),
				);
			}
			return;
		}
	}
}

function faults(state: SandboxState) {
	return (req: Request, res: Response, next: NextFunction): void => {
		const fault = state.takeFault(req.method, req.path);
		if (!fault) return next();
		sendFault(state, fault, req, res, next);
	};
}

function authenticate(state: SandboxState, req: Request): ApiError | null {
	const apiKey = req.get('x-api-key');
	const userKey = req.get('x-user-api-key');
	const orgKey = req.get('x-org-api-key');
	const provided = [apiKey, userKey, orgKey].filter((v) => v !== undefined).length;
	if (provided > 1) {
		return httpError(
			401,
			'Multiple authentication modes were provided. Provide exactly one authentication mode per request (x-api-key, x-user-api-key or x-org-api-key).',
		);
	}
	if (apiKey === undefined || apiKey === '') {
		if (userKey !== undefined || orgKey !== undefined) {
			return httpError(
				401,
				'This endpoint needs a project API key in the x-api-key header; user and organization keys are not accepted by the sandbox',
			);
		}
		const bearer = req.get('authorization')
			? ' (Authorization: Bearer is not used by the Composio API)'
			: '';
		return httpError(
			401,
			`Missing API key: send your project API key in the x-api-key header${bearer}`,
			{
				suggestedFix: 'Add the header x-api-key: <your project API key>.',
			},
		);
	}
	if (apiKey !== state.apiKey) {
		return httpError(401, 'Invalid API key', {
			suggestedFix: 'Check the project API key (the sandbox prints it at start-up).',
		});
	}
	return null;
}

function apiGate(state: SandboxState, version: ApiVersion) {
	return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
		const meta = requestMeta(res);
		meta.apiVersion = version;
		if (meta.log) meta.log.apiVersion = version;
		if (state.config.latencyMs > 0) await sleep(state.config.latencyMs);
		const authError = authenticate(state, req);
		const rl = state.rateLimit(authError === null);
		if (rl) {
			res.setHeader('X-RateLimit', String(rl.limit));
			res.setHeader('X-RateLimit-Remaining', String(rl.remaining));
			res.setHeader('X-RateLimit-Window-Size', `${rl.windowSeconds}s`);
		}
		if (authError) {
			state.counters.requests.unauthorized++;
			return next(authError);
		}
		if (rl && !rl.allowed) {
			state.counters.requests.rateLimited++;
			res.setHeader('Retry-After', String(rl.retryAfterSeconds));
			res.status(429).json({ message: rateLimitMessage(state) });
			return;
		}
		next();
	};
}

function buildApiRouter(state: SandboxState, resources: readonly ApiResource[]): Router {
	const router = Router();
	for (const resource of resources) {
		resource.register((mount) => new ResourceRoutes(router, state, mount), state);
	}
	router.use((req: Request, _res: Response, next: NextFunction) => {
		next(
			new ApiError(
				404,
				10404,
				'HTTP_NotFound',
				`Route not found: ${req.method} ${req.originalUrl.split('?')[0]}`,
			),
		);
	});
	return router;
}

function errorHandler(state: SandboxState) {
	return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
		const meta = res.locals.sandbox as RequestMeta | undefined;
		const requestId = meta?.requestId ?? state.newRequestId();
		let error: ApiError;
		if (err instanceof ApiError) {
			error = err;
		} else {
			const e = err as { type?: string; status?: number; message?: string };
			if (e.type === 'entity.parse.failed')
				error = httpError(400, 'Malformed JSON in request body');
			else if (e.type === 'entity.too.large') error = httpError(413, 'Request body too large');
			else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
				error = httpError(e.status, e.message ?? 'Bad request');
			else {
				state.internalErrors.push(
					`${req.method} ${req.originalUrl}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
				);
				error = httpError(500, 'Internal sandbox error');
			}
		}
		// Too late for an error body: Express's final handler closes the connection.
		if (res.headersSent) return next(err);
		for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
		res.status(error.status).json(envelope(error, requestId));
	};
}

export function createApp(options: AppOptions): Express {
	const { state } = options;
	const app = express();
	app.disable('x-powered-by');
	app.set('etag', false);
	app.use(prelude(state));
	// Proxy Execute takes files of up to 4 MB as base64 (about 5.6 MB of JSON).
	app.use(express.json({ limit: '8mb' }));
	app.use(captureBody);
	app.use('/_sandbox/webhooks', createWebhookControlRouter(state));
	app.use('/_sandbox', createControlRouter(state, options.controlHooks));
	app.use(faults(state));
	app.use(createHostedRouter(state));
	app.use(createProxyFilesRouter(state));
	const apiRouter = buildApiRouter(state, options.resources);
	for (const version of API_VERSIONS) {
		app.use(`/api/${version}`, apiGate(state, version), apiRouter);
	}
	app.use((req: Request, _res: Response, next: NextFunction) => {
		next(new ApiError(404, 10404, 'HTTP_NotFound', `Route not found: ${req.method} ${req.path}`));
	});
	app.use(errorHandler(state));
	return app;
}
