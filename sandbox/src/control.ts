/**
 * A tiny typed client for the sandbox control API (`/_sandbox/...`), for tests and benchmarks.
 *
 *   const sb = sandboxControl(sandbox.url);
 *   await sb.reset();
 *   await sb.injectFault({ method: 'GET', path: '/api/v3.1/connected_accounts', kind: 'status', status: 503 });
 *   const counters = await sb.counters();
 */
import type {
	BulkCreateAccountsRequest,
	BulkCreateAccountsResult,
	ClockInfo,
	ControlAccountView,
	FaultInfo,
	FaultSpec,
	LinkInfo,
	RequestLogEntry,
	SandboxConfig,
	SandboxConfigPatch,
	SandboxCounters,
	SeedDocument,
	SeedName,
	SetAccountStatusRequest,
} from './types';

export interface ResetOptions {
	seed?: SeedName;
	/** Keep the current config instead of going back to the start-up config. */
	keepConfig?: boolean;
	/** Keep the current clock instead of going back to the start time. */
	keepClock?: boolean;
}

export interface LinkVisitOptions {
	/** `fail` makes the connection FAILED. */
	outcome?: 'success' | 'fail';
	/** Provider-side identity to connect (mailbox, GitHub login, Slack workspace). */
	identity?: string;
	/** API key typed on the hosted form (API-key toolkits). */
	apiKey?: string;
	/** OAuth error code when `outcome` is `fail`. */
	error?: string;
}

export interface LinkVisitResult {
	status: number;
	/** `Location` header of a callback redirect, or null. */
	location: string | null;
	/** Query of the callback redirect (`status`, `connected_account_id`), when there is one. */
	callbackParams: Record<string, string> | null;
	body: string;
}

export class SandboxControlError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(`Sandbox control request failed with HTTP ${status}: ${JSON.stringify(body)}`);
		this.name = 'SandboxControlError';
	}
}

export interface SandboxControl {
	readonly baseUrl: string;
	health(): Promise<{ ok: boolean }>;
	reset(
		options?: ResetOptions,
	): Promise<{ ok: boolean; seed: SeedName; clock: ClockInfo; config: SandboxConfig }>;
	config(): Promise<SandboxConfig>;
	setConfig(patch: SandboxConfigPatch): Promise<SandboxConfig>;
	clock(): Promise<ClockInfo>;
	advanceClock(ms: number): Promise<ClockInfo>;
	setClock(time: string | number): Promise<ClockInfo>;
	bulkCreateAccounts(request: BulkCreateAccountsRequest): Promise<BulkCreateAccountsResult>;
	account(id: string): Promise<ControlAccountView>;
	setAccountStatus(id: string, request: SetAccountStatusRequest): Promise<ControlAccountView>;
	links(): Promise<LinkInfo[]>;
	link(token: string): Promise<LinkInfo>;
	/** Opens a hosted link URL (as a browser would, without following the callback redirect). */
	visitLink(url: string, options?: LinkVisitOptions): Promise<LinkVisitResult>;
	injectFault(fault: FaultSpec): Promise<FaultInfo>;
	faults(): Promise<FaultInfo[]>;
	removeFault(id: string): Promise<void>;
	clearFaults(): Promise<void>;
	counters(): Promise<SandboxCounters>;
	resetCounters(): Promise<SandboxCounters>;
	requests(limit?: number): Promise<RequestLogEntry[]>;
	clearRequests(): Promise<void>;
	seed(): Promise<SeedDocument>;
}

export function sandboxControl(url: string): SandboxControl {
	const baseUrl = url.replace(/\/+$/, '');

	async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${baseUrl}/_sandbox${path}`, {
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
		baseUrl,
		health: () => call('GET', '/health'),
		reset: (options = {}) => call('POST', '/reset', options),
		config: () => call('GET', '/config'),
		setConfig: (patch) => call('PATCH', '/config', patch),
		clock: () => call('GET', '/clock'),
		advanceClock: (ms) => call('POST', '/clock', { advanceMs: ms }),
		setClock: (time) => call('POST', '/clock', { set: time }),
		bulkCreateAccounts: (request) => call('POST', '/accounts/bulk', request),
		account: (id) => call('GET', `/accounts/${encodeURIComponent(id)}`),
		setAccountStatus: (id, request) =>
			call('POST', `/accounts/${encodeURIComponent(id)}/status`, request),
		links: () => call('GET', '/links'),
		link: (token) => call('GET', `/links/${encodeURIComponent(token)}`),
		async visitLink(linkUrl, options = {}) {
			const target = new URL(linkUrl);
			if (options.outcome === 'fail') target.searchParams.set('outcome', 'fail');
			if (options.identity) target.searchParams.set('identity', options.identity);
			if (options.apiKey) target.searchParams.set('api_key', options.apiKey);
			if (options.error) target.searchParams.set('error', options.error);
			const response = await fetch(target, { redirect: 'manual' });
			const location = response.headers.get('location');
			let callbackParams: Record<string, string> | null = null;
			if (location) {
				callbackParams = {};
				for (const [key, value] of new URL(location).searchParams) callbackParams[key] = value;
			}
			return { status: response.status, location, callbackParams, body: await response.text() };
		},
		injectFault: (fault) => call('POST', '/faults', fault),
		faults: () => call('GET', '/faults'),
		removeFault: async (id) => {
			await call('DELETE', `/faults/${encodeURIComponent(id)}`);
		},
		clearFaults: async () => {
			await call('DELETE', '/faults');
		},
		counters: () => call('GET', '/counters'),
		resetCounters: () => call('DELETE', '/counters'),
		requests: (limit) => call('GET', limit ? `/requests?limit=${limit}` : '/requests'),
		clearRequests: async () => {
			await call('DELETE', '/requests');
		},
		seed: () => call('GET', '/seed'),
	};
}
