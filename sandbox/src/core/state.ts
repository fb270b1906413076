import { createToolCatalog, type ToolDef } from '../catalog/tools';
import { createToolkitCatalog, type ToolkitDef } from '../catalog/toolkits';
import { defaultIdentity, mintCredentials, STATUS_REASONS } from '../domain/accounts';
import type {
	ConnectionStatus,
	FaultInfo,
	FaultSpec,
	RequestLogEntry,
	SandboxConfig,
	SandboxCounters,
} from '../types';
import type { SandboxClock } from './clock';
import { SandboxEvents } from './events';
import type { AccountRecord, AuthConfigRecord, LinkRecord } from './model';
import { ALNUM_ALPHABET, Prng, URL_SAFE_ALPHABET } from './prng';

const ADJECTIVES = [
	'red',
	'blue',
	'green',
	'amber',
	'silver',
	'quiet',
	'brave',
	'swift',
	'calm',
	'bright',
	'misty',
	'golden',
];
const NOUNS = [
	'castle',
	'river',
	'falcon',
	'meadow',
	'harbor',
	'forest',
	'comet',
	'canyon',
	'lantern',
	'orchard',
	'summit',
	'willow',
];

export function emptyCounters(): SandboxCounters {
	return {
		requests: { total: 0, byRoute: {}, rateLimited: 0, unauthorized: 0, faultsTriggered: 0 },
		toolExecutions: { total: 0, bySlug: {}, byAccount: {}, failed: 0 },
		linksCreated: 0,
		linkVisits: 0,
		initiates: 0,
		refreshes: 0,
		revokes: 0,
		deletes: 0,
		statusUpdates: 0,
		patches: 0,
	};
}

export interface RateLimitResult {
	allowed: boolean;
	limit: number;
	remaining: number;
	windowSeconds: number;
	retryAfterSeconds: number;
}

interface CompiledFault {
	info: FaultInfo;
	method: string | null;
	pattern: RegExp;
}

function globToRegExp(glob: string): RegExp {
	let source = '';
	for (let i = 0; i < glob.length; i++) {
		const ch = glob[i];
		if (ch === '*') {
			if (glob[i + 1] === '*') {
				source += '.*';
				i++;
			} else {
				source += '[^/]*';
			}
		} else {
			source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
		}
	}
	return new RegExp(`^${source}/?$`);
}

export interface StateOptions {
	apiKey: string;
	config: SandboxConfig;
	clock: SandboxClock;
	randomSeed: string;
	requestLogSize: number;
}

/**
 * All mutable state of one sandbox instance (nothing is module-level, so several
 * sandboxes in one process are independent).
 */
export class SandboxState {
	readonly apiKey: string;
	readonly clock: SandboxClock;
	readonly events = new SandboxEvents();
	readonly toolkits: Map<string, ToolkitDef> = createToolkitCatalog();
	readonly tools: Map<string, ToolDef> = createToolCatalog();
	readonly initialConfig: SandboxConfig;
	readonly requestLogSize: number;
	/** Seed of the ids and secrets this sandbox makes (see `SandboxOptions.randomSeed`). */
	readonly randomSeed: string;

	config: SandboxConfig;
	seedName = 'default';
	/** `http://127.0.0.1:<port>`, known once the server listens; hosted links live under it. */
	publicUrl = '';
	ids!: Prng;
	requestIds!: Prng;
	authConfigs = new Map<string, AuthConfigRecord>();
	accounts = new Map<string, AccountRecord>();
	/** Insertion order (seq ascending). Deleted accounts stay here (soft delete). */
	accountList: AccountRecord[] = [];
	links = new Map<string, LinkRecord>();
	counters: SandboxCounters = emptyCounters();
	requestLog: RequestLogEntry[] = [];
	internalErrors: string[] = [];
	private requestSeq = 0;
	private accountSeq = 0;
	private faults: CompiledFault[] = [];
	private faultSeq = 0;
	private pending = new Set<string>();
	private version = 0;
	private sortedCache = new Map<string, { version: number; list: AccountRecord[] }>();
	private rateWindowStart = 0;
	private rateCount = 0;
	/** Per-repository issue numbers for the GitHub simulation. */
	issueCounters = new Map<string, number>();
	/** Executions per `<accountId>:<slug>` (drives per-account deterministic results). */
	executionSeq = new Map<string, number>();

	constructor(options: StateOptions) {
		this.apiKey = options.apiKey;
		this.clock = options.clock;
		this.initialConfig = { ...options.config };
		this.config = { ...options.config };
		this.randomSeed = options.randomSeed;
		this.requestLogSize = options.requestLogSize;
		this.resetData();
	}

	/** Clears every resource, counter, log and fault (not the config or the clock). */
	resetData(): void {
		this.ids = new Prng(`${this.randomSeed}:ids`);
		this.requestIds = new Prng(`${this.randomSeed}:requests`);
		this.authConfigs = new Map();
		this.accounts = new Map();
		this.accountList = [];
		this.links = new Map();
		this.counters = emptyCounters();
		this.requestLog = [];
		this.internalErrors = [];
		this.requestSeq = 0;
		this.accountSeq = 0;
		this.faults = [];
		this.faultSeq = 0;
		this.pending = new Set();
		this.issueCounters = new Map();
		this.executionSeq = new Map();
		this.rateWindowStart = 0;
		this.rateCount = 0;
		this.touch();
	}

	// ---------------------------------------------------------------- ids

	newId(prefix: string, length = 12): string {
		return `${prefix}_${this.ids.string(length, URL_SAFE_ALPHABET)}`;
	}

	/** A new `<prefix>_…` id that `taken` does not hold yet. */
	newUniqueId(prefix: string, taken: ReadonlyMap<string, unknown>): string {
		let id: string;
		do id = this.newId(prefix);
		while (taken.has(id));
		return id;
	}

	newAccountId(): string {
		return this.newUniqueId('ca', this.accounts);
	}

	newLinkToken(): string {
		return `ln_${this.ids.string(24, ALNUM_ALPHABET)}`;
	}

	newWordId(toolkit: string): string {
		return `${toolkit}_${this.ids.pick(ADJECTIVES)}-${this.ids.pick(NOUNS)}`;
	}

	linkUrl(token: string): string {
		return `${this.publicUrl}/link/${token}`;
	}

	newRequestId(): string {
		return this.requestIds.uuid();
	}

	/** Stable legacy UUID of a toolkit (`deprecated.toolkitId`). */
	toolkitUuid(slug: string): string {
		return new Prng(`toolkit:${slug}`).uuid();
	}

	// ---------------------------------------------------------------- accounts

	/** Marks the account list as changed (invalidates sorted views). */
	touch(): void {
		this.version++;
	}

	insertAccount(record: Omit<AccountRecord, 'seq'>): AccountRecord {
		const account: AccountRecord = { ...record, seq: ++this.accountSeq };
		this.accounts.set(account.id, account);
		this.accountList.push(account);
		if (account.pendingExpiresAt !== null) this.pending.add(account.id);
		this.touch();
		this.events.emit('account.created', { account });
		return account;
	}

	/** The account's credentials (minted ones are computed on demand). */
	credentialsOf(account: AccountRecord): Record<string, unknown> {
		if (account.credentials) return account.credentials;
		if (account.tokenGeneration === 0) return {};
		const authConfig = this.authConfigs.get(account.authConfigId);
		const toolkit = this.toolkits.get(account.toolkit);
		if (!authConfig || !toolkit) return {};
		return mintCredentials(account, toolkit, authConfig.scopes);
	}

	/** Materialises the credentials so they can be edited in place. */
	editableCredentials(account: AccountRecord): Record<string, unknown> {
		account.credentials = { ...this.credentialsOf(account) };
		return account.credentials;
	}

	identityOf(account: AccountRecord): Record<string, string> {
		return account.identity ?? defaultIdentity(account);
	}

	/** A live (not deleted) account, or undefined. */
	getAccount(id: string): AccountRecord | undefined {
		const account = this.accounts.get(id);
		return account && account.deletedAt === null ? account : undefined;
	}

	liveAccounts(): AccountRecord[] {
		return this.accountList.filter((a) => a.deletedAt === null);
	}

	/** Records a change made to the account (bumps updated_at unless told otherwise). */
	markUpdated(account: AccountRecord, at: number = this.clock.now()): void {
		account.updatedAt = at;
		this.touch();
		this.events.emit('account.updated', { account });
	}

	setPending(account: AccountRecord, expiresAt: number | null): void {
		account.pendingExpiresAt = expiresAt;
		if (expiresAt === null) this.pending.delete(account.id);
		else this.pending.add(account.id);
	}

	/**
	 * Moves an account to a new status. `details` replaces the status-specific `state.val`
	 * fields; the updated_at becomes `at` (default now).
	 */
	transition(
		account: AccountRecord,
		status: ConnectionStatus,
		reason: string | null,
		details: Record<string, unknown> = {},
		at: number = this.clock.now(),
	): void {
		const previous = account.status;
		account.status = status;
		account.statusReason = reason;
		account.statusDetails = details;
		account.isDisabled = status === 'INACTIVE';
		if (status !== 'INITIATED' && status !== 'INITIALIZING') {
			this.setPending(account, null);
			if (account.linkToken) {
				const link = this.links.get(account.linkToken);
				if (link && link.state === 'pending')
					link.state = status === 'EXPIRED' ? 'expired' : 'invalidated';
			}
		}
		this.markUpdated(account, at);
		if (previous !== status) {
			this.events.emit('account.status_changed', { account, previous, status, reason });
		}
	}

	softDelete(account: AccountRecord): void {
		account.deletedAt = this.clock.now();
		this.setPending(account, null);
		if (account.linkToken) {
			const link = this.links.get(account.linkToken);
			if (link && link.state === 'pending') link.state = 'invalidated';
		}
		this.touch();
		this.events.emit('account.deleted', { account });
	}

	/** Lazy expiry: pending connections whose link ran out become EXPIRED (as of their expiry time). */
	sweepExpired(): number {
		if (!this.pending.size) return 0;
		const now = this.clock.now();
		let expired = 0;
		for (const id of [...this.pending]) {
			const account = this.accounts.get(id);
			if (!account || account.pendingExpiresAt === null || account.deletedAt !== null) {
				this.pending.delete(id);
				continue;
			}
			if (now < account.pendingExpiresAt) continue;
			const at = account.pendingExpiresAt;
			const link = account.linkToken ? this.links.get(account.linkToken) : undefined;
			const ttl = link ? link.expiresAt - link.createdAt : this.config.linkTtlMs;
			this.transition(
				account,
				'EXPIRED',
				STATUS_REASONS.initiationTimeout(ttl),
				{ expired_at: this.clock.iso(at) },
				at,
			);
			if (link && link.state === 'pending') link.state = 'expired';
			expired++;
		}
		return expired;
	}

	/** Live accounts sorted for listing; cached until the next change. */
	sortedAccounts(orderBy: 'created_at' | 'updated_at', direction: 'asc' | 'desc'): AccountRecord[] {
		const key = `${orderBy}:${direction}`;
		const cached = this.sortedCache.get(key);
		if (cached && cached.version === this.version) return cached.list;
		const field = orderBy === 'created_at' ? 'createdAt' : 'updatedAt';
		const sign = direction === 'asc' ? 1 : -1;
		const list = this.liveAccounts().sort((a, b) => sign * (a[field] - b[field] || a.seq - b.seq));
		this.sortedCache.set(key, { version: this.version, list });
		return list;
	}

	aliasTaken(userId: string, toolkit: string, alias: string, exceptId?: string): boolean {
		for (const account of this.accountList) {
			if (
				account.deletedAt === null &&
				account.alias === alias &&
				account.userId === userId &&
				account.toolkit === toolkit &&
				account.id !== exceptId
			) {
				return true;
			}
		}
		return false;
	}

	countConnections(authConfigId: string): number {
		let n = 0;
		for (const account of this.accountList)
			if (account.deletedAt === null && account.authConfigId === authConfigId) n++;
		return n;
	}

	// ---------------------------------------------------------------- links

	createLink(
		account: AccountRecord,
		origin: LinkRecord['origin'],
		callbackUrl: string | null,
	): LinkRecord {
		if (account.linkToken) {
			const previous = this.links.get(account.linkToken);
			if (previous && previous.state === 'pending') previous.state = 'invalidated';
		}
		const now = this.clock.now();
		const link: LinkRecord = {
			token: this.newLinkToken(),
			accountId: account.id,
			createdAt: now,
			expiresAt: now + this.config.linkTtlMs,
			callbackUrl,
			state: 'pending',
			origin,
		};
		this.links.set(link.token, link);
		account.linkToken = link.token;
		account.callbackUrl = callbackUrl;
		this.setPending(account, link.expiresAt);
		this.counters.linksCreated++;
		return link;
	}

	// ---------------------------------------------------------------- rate limit

	/** Counts one request (when `consume`) against the fixed window and reports the header values. */
	rateLimit(consume: boolean): RateLimitResult | null {
		const config = this.config.rateLimit;
		if (!config) return null;
		const now = this.clock.now();
		const windowStart = Math.floor(now / config.windowMs) * config.windowMs;
		if (windowStart !== this.rateWindowStart) {
			this.rateWindowStart = windowStart;
			this.rateCount = 0;
		}
		let allowed = true;
		if (consume) {
			if (this.rateCount >= config.limit) allowed = false;
			else this.rateCount++;
		}
		return {
			allowed,
			limit: config.limit,
			remaining: Math.max(0, config.limit - this.rateCount),
			// Whole seconds as Composio writes them (`60s`); a window scaled below that keeps its fraction.
			windowSeconds: config.windowMs / 1000,
			retryAfterSeconds: Math.max(1, Math.ceil((windowStart + config.windowMs - now) / 1000)),
		};
	}

	resetRateWindow(): void {
		this.rateWindowStart = 0;
		this.rateCount = 0;
	}

	// ---------------------------------------------------------------- faults

	addFault(spec: FaultSpec): FaultInfo {
		const info: FaultInfo = {
			...spec,
			id: `fault_${++this.faultSeq}`,
			times: spec.times ?? 1,
			remaining: spec.times ?? 1,
			triggered: 0,
		};
		const method = spec.method && spec.method !== '*' ? spec.method.toUpperCase() : null;
		this.faults.push({ info, method, pattern: globToRegExp(spec.path) });
		return info;
	}

	listFaults(): FaultInfo[] {
		return this.faults.map((f) => ({ ...f.info }));
	}

	removeFault(id: string): boolean {
		const before = this.faults.length;
		this.faults = this.faults.filter((f) => f.info.id !== id);
		return this.faults.length !== before;
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** The first armed fault matching the request (one use is consumed). */
	takeFault(method: string, path: string): FaultInfo | null {
		for (const fault of this.faults) {
			if (fault.info.remaining <= 0) continue;
			if (fault.method && fault.method !== method.toUpperCase()) continue;
			if (!fault.pattern.test(path)) continue;
			fault.info.remaining--;
			fault.info.triggered++;
			this.counters.requests.faultsTriggered++;
			return { ...fault.info };
		}
		return null;
	}

	// ---------------------------------------------------------------- request log

	logRequest(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
		const full: RequestLogEntry = { ...entry, seq: ++this.requestSeq };
		this.requestLog.push(full);
		if (this.requestLog.length > this.requestLogSize)
			this.requestLog.splice(0, this.requestLog.length - this.requestLogSize);
		return full;
	}
}
