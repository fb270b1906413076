/**
 * `POST /tools/execute/proxy` — Proxy Execute: an HTTP request to a toolkit's API, authenticated
 * with a connected account's credentials, which Composio injects on its side.
 *
 * Sources: `@composio/client` `tools.proxy` (request `{endpoint, method, connected_account_id,
 * parameters[{name, type, value}], body, binary_body}`, answer `{status, data, headers,
 * binary_data}`), Composio's API reference "Execute proxy request", the API changelog of
 * 2025-12-30 (binary bodies: `{url}` or `{base64, content_type}` up to 4 MB; binary answers as a
 * signed URL in `binary_data`) and of 2026-04-24 (same scheme and registrable domain as the
 * account's base URL, else 400 `OriginMismatch`; no account → 400 `MissingAuthContext`).
 *
 * The "provider" behind the proxy is simulated: it answers with an echo of what it received, so
 * tests can see where headers, query parameters, the body and the injected auth ended up. Paths
 * ending in `/__status/{code}` answer that status, paths ending in `/__binary` a binary file.
 */
import { createHash } from 'node:crypto';

import { Router, type Request, type Response } from 'express';

import type { ToolkitDef } from '../catalog/toolkits';
import type { AccountRecord } from '../core/model';
import type { SandboxState } from '../core/state';
import { maskString } from '../domain/masking';
import type { ApiResource, RouteContext } from '../http/context';
import { accountNotFound, ApiError, validationError } from '../http/errors';
import { isPlainObject } from '../http/query';

export const PROXY_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'] as const;

/** Largest decoded `binary_body.base64` (changelog 2025-12-30: "Supported up to 4MB"). */
export const MAX_BASE64_BYTES = 4 * 1024 * 1024;

/** Where the signed URLs of binary answers live (outside `/api`: they carry no API key). */
export const PROXY_FILES_PATH = '/_proxy_files';

/** How long a binary answer's URL stays valid (the sandbox's choice; Composio gives `expires_at`). */
export const PROXY_FILE_TTL_MS = 60 * 60 * 1000;

/** Public suffixes of more than one label that the sandbox knows (enough for its toolkits and tests). */
const MULTI_LABEL_SUFFIXES = new Set(['co.uk', 'com.au', 'co.jp', 'com.br', 'co.in', 'github.io']);

interface ProxyFile {
	bytes: Buffer;
	contentType: string;
	expiresAt: number;
}

/** Binary answers per sandbox (forgotten on reset). */
const filesOf = new WeakMap<SandboxState, Map<string, ProxyFile>>();

function files(state: SandboxState): Map<string, ProxyFile> {
	let map = filesOf.get(state);
	if (!map) {
		const created = new Map<string, ProxyFile>();
		state.events.on('reset', () => created.clear());
		filesOf.set(state, created);
		map = created;
	}
	return map;
}

/** eTLD+1 of a host name: the last two labels, or three under a known multi-label suffix. */
export function registrableDomain(host: string): string {
	const labels = host.toLowerCase().replace(/\.$/, '').split('.');
	if (labels.length <= 2) return labels.join('.');
	const lastTwo = labels.slice(-2).join('.');
	return MULTI_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

function originMismatch(message: string): ApiError {
	return new ApiError(400, 1830, 'OriginMismatch', message, {
		suggestedFix:
			'Use an endpoint relative to the connected account’s base URL (e.g. /users/me), or an absolute URL with the same scheme and registrable domain.',
	});
}

function missingAuthContext(message: string): ApiError {
	return new ApiError(400, 1831, 'MissingAuthContext', message, {
		suggestedFix: 'Pass the connected_account_id of an ACTIVE connected account.',
	});
}

/** The account's base URL: a `base_url` connection field, else the toolkit's. */
function baseUrlOf(account: AccountRecord, toolkit: ToolkitDef): string {
	const own = account.connectionFields.base_url;
	return typeof own === 'string' && /^https?:\/\//.test(own) ? own : toolkit.baseUrl;
}

/** The URL the provider is called at: relative endpoints resolve against the base URL. */
export function resolveEndpoint(endpoint: string, baseUrl: string): URL {
	const base = new URL(baseUrl);
	if (/^[a-z][a-z0-9+.-]*:/i.test(endpoint)) {
		let target: URL;
		try {
			target = new URL(endpoint);
		} catch {
			throw originMismatch(`endpoint "${endpoint}" is not a valid URL`);
		}
		if (
			target.protocol !== base.protocol ||
			registrableDomain(target.hostname) !== registrableDomain(base.hostname)
		) {
			throw originMismatch(
				`The endpoint ${target.origin} is not on the connected account's domain: it must share the scheme and registrable domain of ${base.origin}`,
			);
		}
		return target;
	}
	const basePath = base.pathname.replace(/\/+$/, '');
	const relative = endpoint.startsWith('/') ? endpoint : `/${endpoint}`;
	return new URL(`${base.origin}${basePath}${relative}`);
}

interface Injected {
	/** Where the credential went: `header` or `query`, and under which name. */
	in: 'header' | 'query';
	name: string;
	value: string;
}

/** The credential Composio adds for the account's auth scheme (the header names are the sandbox's choice). */
function injectedAuth(state: SandboxState, account: AccountRecord): Injected {
	const credentials = state.credentialsOf(account);
	const text = (name: string): string => {
		const value = credentials[name];
		if (typeof value !== 'string' || value === '') {
			throw missingAuthContext(
				`Connected account ${account.id} has no ${name} to authenticate the request with`,
			);
		}
		return value;
	};
	switch (account.authScheme) {
		case 'OAUTH2':
		case 'DCR_OAUTH':
		case 'S2S_OAUTH2':
			return { in: 'header', name: 'authorization', value: `Bearer ${text('access_token')}` };
		case 'BEARER_TOKEN':
			return { in: 'header', name: 'authorization', value: `Bearer ${text('token')}` };
		case 'API_KEY':
			return { in: 'header', name: 'x-api-key', value: text('generic_api_key') };
		case 'BASIC':
		case 'BASIC_WITH_JWT':
			return {
				in: 'header',
				name: 'authorization',
				value: `Basic ${Buffer.from(`${text('username')}:${text('password')}`).toString('base64')}`,
			};
		default:
			throw missingAuthContext(
				`Connected account ${account.id} uses ${account.authScheme}, which the sandbox cannot inject`,
			);
	}
}

function readAccount(state: SandboxState, id: unknown): AccountRecord {
	if (id === undefined || id === null || id === '') {
		throw missingAuthContext(
			'No auth context: pass connected_account_id (or custom_connection_data) to authenticate the request',
		);
	}
	if (typeof id !== 'string') throw validationError(['connected_account_id: expected a string']);
	const account = state.getAccount(id);
	if (!account) throw accountNotFound(id);
	if (account.status !== 'ACTIVE') {
		throw missingAuthContext(
			`Connected account ${id} is ${account.status}: it has no usable credentials to authenticate the request`,
		);
	}
	return account;
}

interface Parameter {
	name: string;
	type: 'header' | 'query';
	value: string;
}

function readParameters(raw: unknown): Parameter[] {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) throw validationError(['parameters: expected an array']);
	const errors: string[] = [];
	const out: Parameter[] = [];
	raw.forEach((entry, index) => {
		if (!isPlainObject(entry)) {
			errors.push(`parameters[${index}]: expected an object`);
			return;
		}
		const { name, type, value } = entry;
		if (typeof name !== 'string' || name === '')
			errors.push(`parameters[${index}].name: required string`);
		if (type !== 'header' && type !== 'query')
			errors.push(`parameters[${index}].type: expected 'header' or 'query'`);
		if (typeof value !== 'string') errors.push(`parameters[${index}].value: required string`);
		if (!errors.length)
			out.push({ name: name as string, type: type as Parameter['type'], value: value as string });
	});
	if (errors.length) throw validationError(errors, 'Invalid proxy parameters');
	return out;
}

interface BinaryBody {
	bytes?: Buffer;
	url?: string;
	contentType: string | null;
}

function readBinaryBody(raw: unknown): BinaryBody | undefined {
	if (raw === undefined || raw === null) return undefined;
	if (!isPlainObject(raw)) throw validationError(['binary_body: expected an object']);
	const contentType = typeof raw.content_type === 'string' ? raw.content_type : null;
	if (typeof raw.url === 'string' && raw.url !== '') return { url: raw.url, contentType };
	if (typeof raw.base64 === 'string' && raw.base64 !== '') {
		if (!/^[A-Za-z0-9+/]*={0,2}$/.test(raw.base64.replace(/\s+/g, ''))) {
			throw validationError(['binary_body.base64: not base64']);
		}
		const bytes = Buffer.from(raw.base64, 'base64');
		if (bytes.length > MAX_BASE64_BYTES) {
			throw new ApiError(
				413,
				10413,
				'HTTP_PayloadTooLarge',
				'binary_body.base64 is larger than 4 MB',
				{
					suggestedFix: 'Upload larger files with binary_body.url.',
				},
			);
		}
		return { bytes, contentType };
	}
	throw validationError(['binary_body: give either url or base64']);
}

const REASONS: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

/** A deterministic "file" for binary answers: a PNG signature followed by bytes derived from the path. */
function fileBytes(seed: string, size: number): Buffer {
	const out = Buffer.alloc(size);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(out);
	let block = createHash('sha256').update(seed).digest();
	for (let offset = 8; offset < size; offset += block.length) {
		block.copy(out, offset, 0, Math.min(block.length, size - offset));
		block = createHash('sha256').update(block).digest();
	}
	return out;
}

function proxy({ state, body, req }: RouteContext): unknown {
	const endpoint = body.endpoint;
	const method = body.method;
	const errors: string[] = [];
	if (typeof endpoint !== 'string' || endpoint.trim() === '')
		errors.push('endpoint: required non-empty string');
	if (typeof method !== 'string' || !(PROXY_METHODS as readonly string[]).includes(method))
		errors.push(`method: expected one of ${PROXY_METHODS.join(', ')}`);
	if (errors.length) throw validationError(errors, 'Invalid proxy request');
	const parameters = readParameters(body.parameters);
	const binary = readBinaryBody(body.binary_body);
	if (binary && body.body !== undefined && body.body !== null) {
		throw validationError(['Only one of body or binary_body may be given']);
	}

	const account = readAccount(state, body.connected_account_id);
	const toolkit = state.toolkits.get(account.toolkit);
	if (!toolkit) throw new Error(`Account ${account.id} has no toolkit`);
	const target = resolveEndpoint((endpoint as string).trim(), baseUrlOf(account, toolkit));
	const auth = injectedAuth(state, account);

	const headers: Record<string, string> = {};
	for (const p of parameters) {
		if (p.type === 'header') headers[p.name.toLowerCase()] = p.value;
		else target.searchParams.append(p.name, p.value);
	}
	if (auth.in === 'header') headers[auth.name] = auth.value;
	else target.searchParams.append(auth.name, auth.value);
	if (binary?.contentType) headers['content-type'] = binary.contentType;

	const query: Record<string, string[]> = {};
	for (const [key, value] of target.searchParams) (query[key] ??= []).push(value);

	const path = target.pathname;
	const statusMatch = /\/__status\/(\d{3})$/.exec(path);
	const providerHeaders: Record<string, string> = {
		'content-type': 'application/json; charset=utf-8',
		'x-sandbox-provider': toolkit.slug,
	};
	if (statusMatch) {
		const status = Number(statusMatch[1]);
		const message =
			target.searchParams.get('message') ??
			`Simulated ${toolkit.name} error: HTTP ${status} ${REASONS[status] ?? ''}`.trim();
		if (status === 429) providerHeaders['retry-after'] = '30';
		return {
			status,
			data: { error: { code: status, message, status: REASONS[status] ?? 'ERROR' } },
			headers: providerHeaders,
		};
	}
	if (/\/__binary$/.test(path)) {
		const contentType = target.searchParams.get('content_type') ?? 'image/png';
		const size = Number(target.searchParams.get('size') ?? 256);
		const bytes = fileBytes(
			`${toolkit.slug}:${target.href}`,
			Number.isFinite(size) ? Math.max(8, Math.min(size, 1 << 20)) : 256,
		);
		const id = state.newId('file', 24);
		const expiresAt = state.clock.now() + PROXY_FILE_TTL_MS;
		files(state).set(id, { bytes, contentType, expiresAt });
		return {
			status: 200,
			data: null,
			headers: { 'content-type': contentType, 'content-length': String(bytes.length) },
			binary_data: {
				url: `${req.protocol}://${req.get('host') ?? '127.0.0.1'}${PROXY_FILES_PATH}/${id}`,
				content_type: contentType,
				size: bytes.length,
				expires_at: new Date(expiresAt).toISOString(),
			},
		};
	}

	// What the provider received. The injected credential is shown masked (first 4 characters, as
	// Composio masks secrets) and named in `injected`, so a test sees where it went without the
	// echo carrying a live token into workflow data.
	const masked = auth.value.replace(
		/^((?:Bearer|Basic) )?(.*)$/,
		(_all, scheme: string | undefined, secret: string) => `${scheme ?? ''}${maskString(secret)}`,
	);
	const shownHeaders = { ...headers };
	if (auth.in === 'header') shownHeaders[auth.name] = masked;
	const shownQuery = { ...query };
	if (auth.in === 'query') shownQuery[auth.name] = [masked];
	let receivedBinary: unknown = null;
	if (binary?.bytes) {
		receivedBinary = {
			size: binary.bytes.length,
			sha256: createHash('sha256').update(binary.bytes).digest('hex'),
			content_type: binary.contentType,
		};
	} else if (binary?.url) {
		receivedBinary = { url: binary.url, content_type: binary.contentType };
	}
	return {
		status: method === 'POST' ? 201 : 200,
		data:
			method === 'HEAD'
				? null
				: {
						received: {
							method,
							url: `${target.origin}${target.pathname}`,
							path: target.pathname,
							query: shownQuery,
							headers: shownHeaders,
							injected: { in: auth.in, name: auth.name },
							body: body.body ?? null,
							binary_body: receivedBinary,
						},
						connected_account_id: account.id,
						toolkit: toolkit.slug,
					},
		headers: providerHeaders,
	};
}

export const proxyResource: ApiResource = {
	name: 'proxy',
	register(routes) {
		// Before `/tools`, whose `POST /execute/:tool_slug` would otherwise take "proxy" as a slug.
		routes('/tools').post('/execute/proxy', proxy);
	},
};

/** The signed download URLs of binary answers (no API key, as a storage URL; expired → 403). */
export function createProxyFilesRouter(state: SandboxState): Router {
	const router = Router();
	router.get(`${PROXY_FILES_PATH}/:id`, (req: Request, res: Response) => {
		const file = files(state).get(String(req.params.id));
		if (!file) {
			res.status(404).type('text/plain').send('Not found');
			return;
		}
		if (state.clock.now() > file.expiresAt) {
			res.status(403).type('text/plain').send('Request has expired');
			return;
		}
		res.status(200).type(file.contentType).send(file.bytes);
	});
	return router;
}
