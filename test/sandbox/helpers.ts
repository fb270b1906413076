/**
 * Shared helpers for the sandbox tests: a sandbox per test file on an ephemeral port, a small
 * HTTP client over global fetch and the wire shapes the tests read.
 */
import {
	sandboxControl,
	startSandbox,
	type RunningSandbox,
	type SandboxControl,
	type SandboxOptions,
} from '../../sandbox/src';

export interface PageWire<T> {
	items: T[];
	next_cursor: string | null;
	total_pages: number;
	current_page: number;
	total_items: number;
}

export interface AccountWire {
	id: string;
	alias: string | null;
	word_id: string | null;
	user_id: string;
	toolkit: { slug: string };
	auth_config: {
		id: string;
		auth_scheme: string;
		is_composio_managed: boolean;
		is_disabled: boolean;
	};
	status: string;
	status_reason: string | null;
	is_disabled: boolean;
	state: { authScheme: string; val: Record<string, unknown> };
	data: Record<string, unknown>;
	params?: Record<string, unknown>;
	requested_scopes?: string[];
	created_at: string;
	updated_at: string;
	test_request_endpoint?: string;
}

export interface ErrorWire {
	error: {
		message: string;
		code: number;
		slug: string;
		status: number;
		request_id: string;
		suggested_fix?: string;
		errors?: string[];
	};
}

export interface ToolWire {
	slug: string;
	name: string;
	description: string;
	toolkit: { slug: string; name: string; logo: string };
	input_parameters: {
		type: string;
		properties: Record<string, Record<string, unknown>>;
		required: string[];
	};
	output_parameters: { type: string; properties: Record<string, Record<string, unknown>> };
	no_auth: boolean;
	available_versions: string[];
	version: string;
	scopes: string[];
	tags: string[];
	is_deprecated: boolean;
	deprecated: {
		displayName: string;
		version: string;
		available_versions: string[];
		is_deprecated: boolean;
		toolkit: { logo: string };
	};
}

export interface ExecuteWire {
	data: Record<string, unknown>;
	error: string | null;
	successful: boolean;
	log_id: string;
	session_info: unknown;
}

export interface ApiResponse<T> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export interface RequestOptions {
	method?: string;
	body?: unknown;
	/** Raw body string (sent as JSON content type). */
	rawBody?: string;
	headers?: Record<string, string>;
	/** `null` sends no x-api-key. */
	apiKey?: string | null;
	version?: 'v3' | 'v3.1';
}

export interface SandboxHarness {
	readonly sandbox: RunningSandbox;
	readonly control: SandboxControl;
	readonly url: string;
	/** Calls `/api/<version><path>` (or an absolute URL / `/link/...` path as is). */
	request<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
	get<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
	post<T = unknown>(
		path: string,
		body?: unknown,
		options?: RequestOptions,
	): Promise<ApiResponse<T>>;
	patch<T = unknown>(
		path: string,
		body?: unknown,
		options?: RequestOptions,
	): Promise<ApiResponse<T>>;
	del<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
}

/** Starts one sandbox for the enclosing describe/file; resets it before each test. */
export function useSandbox(options: SandboxOptions = {}, resetBeforeEach = true): SandboxHarness {
	let sandbox: RunningSandbox | undefined;
	let control: SandboxControl | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox(options);
		control = sandboxControl(sandbox.url);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	if (resetBeforeEach) {
		beforeEach(async () => {
			await control?.reset();
		});
	}

	const running = (): RunningSandbox => {
		if (!sandbox) throw new Error('sandbox not started');
		return sandbox;
	};

	async function request<T>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
		const sb = running();
		const url = path.startsWith('http')
			? path
			: path.startsWith('/link/') || path.startsWith('/api/') || path.startsWith('/_sandbox')
				? `${sb.url}${path}`
				: `${sb.url}/api/${opts.version ?? 'v3.1'}${path}`;
		const headers: Record<string, string> = { ...(opts.headers ?? {}) };
		if (opts.apiKey !== null) headers['x-api-key'] = opts.apiKey ?? sb.apiKey;
		let body: string | undefined;
		if (opts.rawBody !== undefined) body = opts.rawBody;
		else if (opts.body !== undefined) body = JSON.stringify(opts.body);
		if (body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(url, {
			method: opts.method ?? 'GET',
			headers,
			body,
			redirect: 'manual',
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch {
			parsed = text;
		}
		return { status: response.status, headers: response.headers, body: parsed as T, text };
	}

	return {
		get sandbox() {
			return running();
		},
		get control() {
			if (!control) throw new Error('sandbox not started');
			return control;
		},
		get url() {
			return running().url;
		},
		request,
		get: (path, opts) => request(path, { ...opts, method: 'GET' }),
		post: (path, body, opts) => request(path, { ...opts, method: 'POST', body }),
		patch: (path, body, opts) => request(path, { ...opts, method: 'PATCH', body }),
		del: (path, opts) => request(path, { ...opts, method: 'DELETE' }),
	};
}

/** Follows `next_cursor` until the end and returns every item. */
export async function collectAll<T>(
	h: SandboxHarness,
	path: string,
	limit: number,
): Promise<{ items: T[]; pages: PageWire<T>[] }> {
	const pages: PageWire<T>[] = [];
	const items: T[] = [];
	let cursor: string | null = null;
	const sep = path.includes('?') ? '&' : '?';
	do {
		const url: string = `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const response: ApiResponse<PageWire<T>> = await h.get<PageWire<T>>(url);
		if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.text}`);
		pages.push(response.body);
		items.push(...response.body.items);
		cursor = response.body.next_cursor;
	} while (cursor);
	return { items, pages };
}
