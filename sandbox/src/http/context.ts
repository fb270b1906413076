import type { Request, Response, Router } from 'express';
import type { SandboxState } from '../core/state';
import type { ApiVersion, RequestLogEntry } from '../types';
import { badRequest } from './errors';
import { isPlainObject, Query } from './query';

/** Per-request data the sandbox middleware stores in `res.locals.sandbox`. */
export interface RequestMeta {
	requestId: string;
	query: Query;
	log: RequestLogEntry | null;
	apiVersion: ApiVersion | null;
}

export function requestMeta(res: Response): RequestMeta {
	const meta = res.locals.sandbox as RequestMeta | undefined;
	if (!meta) throw new Error('sandbox request metadata missing');
	return meta;
}

export interface RouteContext {
	state: SandboxState;
	req: Request;
	res: Response;
	query: Query;
	version: ApiVersion;
	requestId: string;
	/** The JSON body as an object (`{}` when absent). */
	body: Record<string, unknown>;
	params: Record<string, string>;
}

/** A handler returns the JSON body; set `ctx.res.status(...)` first for non-200 answers. */
export type RouteHandler = (ctx: RouteContext) => unknown;

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * Registers routes of one resource on a router and keeps per-route counters
 * (`GET /connected_accounts/:nanoid`, independent of the API version prefix).
 */
export class ResourceRoutes {
	constructor(
		private readonly router: Router,
		private readonly state: SandboxState,
		private readonly mount: string,
	) {}

	get(path: string, handler: RouteHandler): this {
		return this.add('get', path, handler);
	}

	post(path: string, handler: RouteHandler): this {
		return this.add('post', path, handler);
	}

	patch(path: string, handler: RouteHandler): this {
		return this.add('patch', path, handler);
	}

	put(path: string, handler: RouteHandler): this {
		return this.add('put', path, handler);
	}

	delete(path: string, handler: RouteHandler): this {
		return this.add('delete', path, handler);
	}

	private add(method: Method, path: string, handler: RouteHandler): this {
		const fullPath = `${this.mount}${path}`;
		const key = `${method.toUpperCase()} ${fullPath}`;
		const state = this.state;
		this.router[method](fullPath, async (req: Request, res: Response) => {
			const meta = requestMeta(res);
			state.counters.requests.byRoute[key] = (state.counters.requests.byRoute[key] ?? 0) + 1;
			if (meta.log) meta.log.route = key;
			const raw: unknown = req.body;
			if (raw !== undefined && raw !== null && !isPlainObject(raw))
				throw badRequest('Request body must be a JSON object');
			const result = await handler({
				state,
				req,
				res,
				query: meta.query,
				version: meta.apiVersion ?? 'v3.1',
				requestId: meta.requestId,
				body: (raw as Record<string, unknown> | undefined) ?? {},
				params: req.params as Record<string, string>,
			});
			if (!res.headersSent) res.json(result ?? {});
		});
		return this;
	}
}

/** One API resource: a set of routes under `/api/<version>`. */
export interface ApiResource {
	name: string;
	register(routes: (mount: string) => ResourceRoutes, state: SandboxState): void;
}
