/**
 * A local, Composio-compatible REST API for tests, demos and benchmarks.
 *
 *   const sandbox = await startSandbox();          // ephemeral port, default seed
 *   new Composio({ apiKey: sandbox.apiKey, baseURL: sandbox.url });
 *   await sandbox.close();
 */
import { SandboxClock, type ClockOptions } from './core/clock';
import type { SandboxEvents } from './core/events';
import { SandboxState } from './core/state';
import type { ApiResource } from './http/context';
import { API_RESOURCES } from './routes/registry';
import {
	applySeed,
	DEFAULT_API_KEY,
	SEED,
	SEED_ACCOUNTS,
	SEED_AUTH_CONFIGS,
	SEED_USERS,
} from './seed';
import { createApp } from './server';
import type {
	AccountUserIdMode,
	RateLimitConfig,
	SandboxConfig,
	SeedDocument,
	SeedName,
} from './types';

export interface SandboxOptions {
	/** 0 (default) = any free port. The CLI defaults to 4010. */
	port?: number;
	/** Only loopback is supported. */
	host?: '127.0.0.1';
	/** Project API key expected in `x-api-key` (default `ak_sandbox_local_dev_key`). */
	apiKey?: string;
	/** Initial data: `default` (the seed document) or `empty` (auth configs, no accounts). */
	seed?: SeedName;
	/** Hosted link validity (default 600000 = 10 minutes). */
	linkTtlMs?: number;
	/** Default 10000 requests per 60000 ms; `null` disables rate limiting. */
	rateLimit?: RateLimitConfig | null;
	/** Added delay before each API request (default 0). */
	latencyMs?: number;
	/** Project flag `mask_secret_keys_in_connected_account` (default true). */
	maskSecrets?: boolean;
	/** Accept loopback/private webhook URLs (development switch; default false, as Composio). */
	allowPrivateWebhookUrls?: boolean;
	/** `user_id` on connected accounts: 'present' (default), 'null' or 'omitted'. */
	accountUserId?: AccountUserIdMode;
	/** Default: frozen at 2026-06-01T09:00:00Z. */
	clock?: ClockOptions;
	/** Seed of the pseudo-random generator for ids/tokens (default `composio-sandbox`). */
	randomSeed?: string;
	/** How many requests the request log keeps (default 1000). */
	requestLogSize?: number;
	/** Extra API resources mounted under both prefixes (e.g. webhook subscriptions). */
	resources?: readonly ApiResource[];
}

export interface RunningSandbox {
	/** `http://127.0.0.1:<port>` — pass as `baseURL`. */
	url: string;
	port: number;
	apiKey: string;
	/** Stops listening, ends keep-alive sockets and resolves when the port is free. */
	close(): Promise<void>;
	/** State change notifications (for add-ons such as webhook delivery). */
	events: SandboxEvents;
	/** The live state (advanced use; tests should prefer the control API). */
	state: SandboxState;
}

export const DEFAULT_LINK_TTL_MS = 600_000;
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 10_000, windowMs: 60_000 };

export function seedDocument(apiKey: string = DEFAULT_API_KEY): SeedDocument {
	const tools: Record<string, string[]> = {};
	return {
		apiKey,
		users: [...SEED_USERS],
		authConfigs: { ...SEED_AUTH_CONFIGS },
		accounts: { ...SEED_ACCOUNTS },
		toolkits: ['gmail', 'github', 'slack', 'tavily'],
		tools,
	};
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const apiKey = options.apiKey ?? DEFAULT_API_KEY;
	const config: SandboxConfig = {
		latencyMs: options.latencyMs ?? 0,
		rateLimit: options.rateLimit === undefined ? { ...DEFAULT_RATE_LIMIT } : options.rateLimit,
		linkTtlMs: options.linkTtlMs ?? DEFAULT_LINK_TTL_MS,
		maskSecrets: options.maskSecrets ?? true,
		allowPrivateWebhookUrls: options.allowPrivateWebhookUrls ?? false,
		accountUserId: options.accountUserId ?? 'present',
	};
	const clock = new SandboxClock(options.clock);
	const state = new SandboxState({
		apiKey,
		config,
		clock,
		randomSeed: options.randomSeed ?? 'composio-sandbox',
		requestLogSize: options.requestLogSize ?? 1000,
	});
	let initialSeed: SeedName = options.seed ?? 'default';

	const document = (): SeedDocument => {
		const doc = seedDocument(apiKey);
		for (const tool of state.tools.values()) {
			const toolkit = state.toolkits.get(tool.toolkit);
			doc.tools[tool.slug] = toolkit
				? toolkit.versions.filter(
						(v) => tool.introducedIn === '00000000_00' || v >= tool.introducedIn,
					)
				: [];
		}
		return doc;
	};

	const app = createApp({
		state,
		resources: [...API_RESOURCES, ...(options.resources ?? [])],
		controlHooks: {
			reset(seed, { keepConfig, keepClock }) {
				if (!keepConfig) state.config = { ...state.initialConfig };
				if (!keepClock) clock.reset();
				state.resetData();
				initialSeed = seed;
				applySeed(state, seed);
				state.events.emit('reset', { seed });
			},
			seedDocument: document,
		},
	});

	const host = options.host ?? '127.0.0.1';
	const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
		const s = app.listen(options.port ?? 0, host, (error?: Error) =>
			error ? reject(error) : resolve(s),
		);
	});
	server.keepAliveTimeout = 5000;
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
	const url = `http://${host}:${port}`;
	state.publicUrl = url;
	applySeed(state, initialSeed);

	let closing: Promise<void> | null = null;
	const close = (): Promise<void> => {
		closing ??= new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
		return closing;
	};

	return { url, port, apiKey, close, events: state.events, state };
}

export { SEED, SEED_ACCOUNTS, SEED_AUTH_CONFIGS, SEED_USERS, DEFAULT_API_KEY };
export { sandboxControl } from './control';
export type { SandboxControl } from './control';
export type { ApiResource, RouteContext, RouteHandler } from './http/context';
export { ResourceRoutes } from './http/context';
export { ApiError } from './http/errors';
export type { SandboxEventMap, SandboxEventName } from './core/events';
export type { ClockOptions } from './core/clock';
export * from './types';
export { webhookControl } from './webhooks/control';
export type { WebhookControl } from './webhooks/control';
export * from './webhooks/types';
