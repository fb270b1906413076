/**
 * Public types shared by the sandbox server and its control client.
 * This file has no runtime dependencies so that `control.ts` can be imported by tests
 * without pulling in the server.
 */

export const CONNECTION_STATUSES = [
	'INITIALIZING',
	'INITIATED',
	'ACTIVE',
	'FAILED',
	'EXPIRED',
	'INACTIVE',
	'REVOKED',
] as const;

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export type ApiVersion = 'v3' | 'v3.1';

export type SeedName = 'default' | 'empty';

export interface RateLimitConfig {
	/** Requests allowed per window (per sandbox = per "organization"). */
	limit: number;
	/** Fixed window length in milliseconds, measured on the sandbox clock. */
	windowMs: number;
}

export interface SandboxConfig {
	/** Extra delay added before every `/api/...` request is processed. */
	latencyMs: number;
	/** `null` disables rate limiting. */
	rateLimit: RateLimitConfig | null;
	/** How long a hosted link (Connect Link, OAuth initiate, refresh) stays valid. */
	linkTtlMs: number;
	/** Project setting `mask_secret_keys_in_connected_account`. */
	maskSecrets: boolean;
	/**
	 * Development switch: accept loopback and private webhook URLs (and plain http on them).
	 * Composio rejects them (changelog 2026-06-04); default false, as Composio.
	 */
	allowPrivateWebhookUrls: boolean;
	/**
	 * How connected accounts carry `user_id` (deprecated in `@composio/client`'s types: "will not be
	 * providing userId from this api anymore"): `present` (today), `null`, or `omitted`.
	 */
	accountUserId: AccountUserIdMode;
}

export type AccountUserIdMode = 'present' | 'null' | 'omitted';

export type SandboxConfigPatch = Partial<SandboxConfig>;

export type ClockMode = 'frozen' | 'real';

export interface ClockInfo {
	now: string;
	epochMs: number;
	mode: ClockMode;
}

/** What an injected fault does to a matching request. */
export type FaultAction =
	| {
			/** Answer with this HTTP status instead of processing the request. */
			kind: 'status';
			status: number;
			/** Seconds, sent as `Retry-After`. */
			retryAfter?: number;
			/** JSON value (or a raw string) for the body; default: an error envelope (flat `{message}` for 429). */
			body?: unknown;
			headers?: Record<string, string>;
	  }
	| {
			/** Destroy the socket before the request is processed (nothing changes server-side). */
			kind: 'drop_before';
	  }
	| {
			/** Process the request (state changes happen), then destroy the socket without answering. */
			kind: 'drop_after';
	  }
	| {
			/** Wait `delayMs` before processing the request normally. */
			kind: 'delay';
			delayMs: number;
	  }
	| {
			/** Answer 200 with a body that is not valid JSON (content-type still application/json). */
			kind: 'malformed';
			body?: string;
	  };

export type FaultSpec = FaultAction & {
	/** HTTP method to match (case-insensitive); omitted or `*` = any. */
	method?: string;
	/**
	 * Path pattern (no query string). A single star matches within one path segment, a double
	 * star matches anything (see the README for examples).
	 */
	path: string;
	/** How many matching requests are affected (default 1). */
	times?: number;
};

export type FaultInfo = FaultSpec & {
	id: string;
	remaining: number;
	triggered: number;
};

export interface RequestLogEntry {
	seq: number;
	method: string;
	/** Path without query string, e.g. `/api/v3.1/connected_accounts`. */
	path: string;
	/** The raw query string as received, without `?` (exact client encoding). */
	rawQuery: string;
	/** Decoded query: every key with all of its values in order. */
	query: Record<string, string[]>;
	/** Parsed JSON body (or `null`). */
	body: unknown;
	/** Request headers (lower-case names) except credentials: x-api-key, x-user-api-key, x-org-api-key, authorization, cookie. */
	headers: Record<string, string>;
	/** Names of credential headers that were present (values never recorded). */
	credentialHeaders: string[];
	apiVersion: ApiVersion | null;
	/** Route key such as `GET /connected_accounts/:nanoid` once a route handled it. */
	route: string | null;
	/** Response status, `null` when the connection was dropped or is still running. */
	status: number | null;
	requestId: string;
	/** Sandbox clock time (ISO) when the request arrived. */
	at: string;
}

export interface SandboxCounters {
	requests: {
		/** Every request to `/api/...` (including rejected ones). */
		total: number;
		/** Requests handled by a route, keyed by `METHOD /path/:param` (version-independent). */
		byRoute: Record<string, number>;
		rateLimited: number;
		unauthorized: number;
		faultsTriggered: number;
	};
	toolExecutions: {
		/** Executions that reached the (simulated) provider, successful or not. */
		total: number;
		bySlug: Record<string, number>;
		/** Keyed by connected account id (`none` when no account was used). */
		byAccount: Record<string, number>;
		failed: number;
	};
	linksCreated: number;
	linkVisits: number;
	/** Successful `POST /connected_accounts` (initiate / import). */
	initiates: number;
	refreshes: number;
	revokes: number;
	deletes: number;
	statusUpdates: number;
	patches: number;
}

export interface BulkCreateAccountsRequest {
	count: number;
	/** Single owner (default `bench_user`). */
	userId?: string;
	/** Owners assigned round-robin; wins over `userId`. */
	userIds?: string[];
	/** Toolkit slug; the first enabled auth config of the toolkit is used when `authConfigId` is omitted. Default `gmail`. */
	toolkit?: string;
	authConfigId?: string;
	/** Default ACTIVE. */
	status?: ConnectionStatus;
	statusReason?: string | null;
	/** When set, accounts get aliases `<prefix>-<n>` (n from 1). */
	aliasPrefix?: string;
	/** Milliseconds between consecutive `created_at` values, counting back from now (default 0: all equal, insertion order breaks ties). */
	createdAtStepMs?: number;
	/** Return every created id (default false: only first/last). */
	returnIds?: boolean;
}

export interface BulkCreateAccountsResult {
	created: number;
	firstId: string | null;
	lastId: string | null;
	ids?: string[];
}

export interface SetAccountStatusRequest {
	status: ConnectionStatus;
	statusReason?: string | null;
	/** Default: `status === 'INACTIVE'`. */
	isDisabled?: boolean;
	/**
	 * Leave `updated_at` as it was (default false): a background change that, as far as any
	 * Composio source says, may not move the timestamp.
	 */
	keepUpdatedAt?: boolean;
}

/** Internal (unmasked) view of an account returned by the control API. */
export interface ControlAccountView {
	id: string;
	userId: string;
	toolkit: string;
	authConfigId: string;
	authScheme: string;
	status: ConnectionStatus;
	statusReason: string | null;
	alias: string | null;
	isDisabled: boolean;
	deleted: boolean;
	createdAt: string;
	updatedAt: string;
	pendingExpiresAt: string | null;
	linkToken: string | null;
	/** Unmasked `state.val`. */
	val: Record<string, unknown>;
	/** Who the account "is" at the provider (mailbox, login, workspace...). */
	identity: Record<string, string>;
}

export interface LinkInfo {
	token: string;
	url: string;
	connectedAccountId: string;
	state: 'pending' | 'completed' | 'failed' | 'expired' | 'invalidated';
	createdAt: string;
	expiresAt: string;
	callbackUrl: string | null;
	origin: 'link' | 'initiate' | 'refresh';
}

export interface SeedDocument {
	apiKey: string;
	users: string[];
	authConfigs: Record<string, string>;
	accounts: Record<string, string>;
	toolkits: string[];
	tools: Record<string, string[]>;
}
