/**
 * The seed document: deterministic users, auth configs and connected accounts.
 * Keep `sandbox/README.md` ("Seed document") in sync with this file.
 */
import type { AuthScheme } from './catalog/toolkits';
import type { AccountRecord, AuthConfigRecord } from './core/model';
import { derivedString, Prng } from './core/prng';
import type { SandboxState } from './core/state';
import { STATUS_REASONS } from './domain/accounts';
import type { ConnectionStatus, SeedName } from './types';

export const DEFAULT_API_KEY = 'ak_sandbox_local_dev_key';

export const SEED_USERS = [
	'user_alice',
	'user_bob',
	'user_carol',
	'user_dave',
	'user_erin',
] as const;

export const SEED_AUTH_CONFIGS = {
	gmailManaged: 'ac_O9hFAiOh29oB',
	gmailCustom: 'ac_93c0F6UJ5Ytu',
	githubCustom: 'ac_ALNUEJMUUqAs',
	slackManaged: 'ac_ab3w5xU7Tu1b',
	slackLegacyDisabled: 'ac_wfKWCuvQxqTh',
	tavilyApiKey: 'ac_D8VIVHpwhl1n',
} as const;

export const SEED_ACCOUNTS = {
	aliceGmailWork: 'ca_jnVTfBjp90XM',
	aliceGmailPersonal: 'ca_vMWirTLXXWCM',
	aliceGithub: 'ca_51KNC3gpz-xl',
	aliceSlackInactive: 'ca_CaoPJ2WfkYsa',
	aliceTavily: 'ca_AqFBNQrPWD49',
	bobGmailExpired: 'ca_AbElRKN_PEqk',
	bobGmailInitiated: 'ca_vJl17Sbu8uBd',
	bobGithub: 'ca_w6mwML1Dd_vj',
	bobSlackAcme: 'ca_wFASeSbTFudu',
	bobSlackSide: 'ca_CrQrhqnbcNca',
	carolGmailFailed: 'ca_9naoS5Xd1jzo',
	carolGmailMain: 'ca_Rw0CT6EZYtNT',
	carolSlackRevoked: 'ca_BWiED31Ygca_',
	carolGithubInitializing: 'ca_zAQYK5G3Zwuc',
	carolTavilyInactive: 'ca_amYHRuEfB6dm',
	carolGithubDeleted: 'ca_wiUHPm3i-__T',
	daveSlackLegacy: 'ca_lvaSF3NXdXwc',
	daveGmail: 'ca_TBVuSHTRVwKE',
} as const;

export type SeedAccountKey = keyof typeof SEED_ACCOUNTS;
export type SeedAuthConfigKey = keyof typeof SEED_AUTH_CONFIGS;

interface AuthConfigSeed {
	key: SeedAuthConfigKey;
	toolkit: string;
	name: string;
	type: 'default' | 'custom';
	scheme: AuthScheme;
	managed: boolean;
	status: 'ENABLED' | 'DISABLED';
	createdAt: string;
	scopes: string[];
	clientId?: string;
}

const AUTH_CONFIG_SEEDS: AuthConfigSeed[] = [
	{
		key: 'gmailManaged',
		toolkit: 'gmail',
		name: 'Gmail (Composio managed)',
		type: 'default',
		scheme: 'OAUTH2',
		managed: true,
		status: 'ENABLED',
		createdAt: '2026-02-10T09:00:00.000Z',
		scopes: [
			'https://www.googleapis.com/auth/gmail.modify',
			'https://www.googleapis.com/auth/userinfo.email',
		],
	},
	{
		key: 'gmailCustom',
		toolkit: 'gmail',
		name: 'Gmail (Acme OAuth app)',
		type: 'custom',
		scheme: 'OAUTH2',
		managed: false,
		status: 'ENABLED',
		createdAt: '2026-02-11T09:00:00.000Z',
		scopes: [
			'https://www.googleapis.com/auth/gmail.readonly',
			'https://www.googleapis.com/auth/gmail.send',
		],
		clientId: 'acme-mail.apps.googleusercontent.com',
	},
	{
		key: 'githubCustom',
		toolkit: 'github',
		name: 'GitHub (Acme OAuth app)',
		type: 'custom',
		scheme: 'OAUTH2',
		managed: false,
		status: 'ENABLED',
		createdAt: '2026-02-12T09:00:00.000Z',
		scopes: ['repo', 'read:user', 'user:email'],
		clientId: 'Iv1.acme-github-app',
	},
	{
		key: 'slackManaged',
		toolkit: 'slack',
		name: 'Slack (Composio managed)',
		type: 'default',
		scheme: 'OAUTH2',
		managed: true,
		status: 'ENABLED',
		createdAt: '2026-02-13T09:00:00.000Z',
		scopes: ['chat:write', 'channels:read', 'users:read'],
	},
	{
		key: 'slackLegacyDisabled',
		toolkit: 'slack',
		name: 'Slack legacy bot (disabled)',
		type: 'custom',
		scheme: 'OAUTH2',
		managed: false,
		status: 'DISABLED',
		createdAt: '2026-01-20T09:00:00.000Z',
		scopes: ['chat:write'],
		clientId: 'acme-legacy-slack-bot',
	},
	{
		key: 'tavilyApiKey',
		toolkit: 'tavily',
		name: 'Tavily API key',
		type: 'custom',
		scheme: 'API_KEY',
		managed: false,
		status: 'ENABLED',
		createdAt: '2026-02-14T09:00:00.000Z',
		scopes: [],
	},
];

interface AccountSeed {
	key: SeedAccountKey;
	user: string;
	authConfig: SeedAuthConfigKey;
	status: ConnectionStatus;
	alias?: string;
	/** ISO; omitted for pending connections (created at reset time). */
	createdAt?: string;
	updatedAt?: string;
	reason?: string;
	identity: Record<string, string>;
	deletedAt?: string;
}

const ACCOUNT_SEEDS: AccountSeed[] = [
	{
		key: 'aliceGmailWork',
		user: 'user_alice',
		authConfig: 'gmailManaged',
		status: 'ACTIVE',
		alias: 'work',
		createdAt: '2026-03-02T10:15:00.000Z',
		identity: { email: 'alice.work@example.com', name: 'Alice Anders' },
	},
	{
		key: 'aliceGithub',
		user: 'user_alice',
		authConfig: 'githubCustom',
		status: 'ACTIVE',
		createdAt: '2026-03-05T08:30:00.000Z',
		identity: { login: 'alice-dev', name: 'Alice Anders', email: 'alice.work@example.com' },
	},
	{
		key: 'bobGithub',
		user: 'user_bob',
		authConfig: 'githubCustom',
		status: 'ACTIVE',
		createdAt: '2026-03-09T14:00:00.000Z',
		identity: { login: 'bob-builds', name: 'Bob Baker', email: 'bob@example.com' },
	},
	{
		key: 'bobGmailExpired',
		user: 'user_bob',
		authConfig: 'gmailManaged',
		status: 'EXPIRED',
		createdAt: '2026-03-12T09:45:00.000Z',
		updatedAt: '2026-05-20T06:00:00.000Z',
		reason: STATUS_REASONS.refreshFailed,
		identity: { email: 'bob@example.com', name: 'Bob Baker' },
	},
	{
		key: 'aliceTavily',
		user: 'user_alice',
		authConfig: 'tavilyApiKey',
		status: 'ACTIVE',
		createdAt: '2026-03-18T16:20:00.000Z',
		identity: { name: 'Alice Anders' },
	},
	{
		key: 'bobSlackAcme',
		user: 'user_bob',
		authConfig: 'slackManaged',
		status: 'ACTIVE',
		alias: 'acme',
		createdAt: '2026-03-23T11:00:00.000Z',
		identity: { team: 'Acme Corp', teamId: 'T0ACME001', userId: 'U0BOB0001', name: 'Bob Baker' },
	},
	{
		key: 'carolGithubDeleted',
		user: 'user_carol',
		authConfig: 'githubCustom',
		status: 'ACTIVE',
		createdAt: '2026-03-27T13:30:00.000Z',
		deletedAt: '2026-05-30T10:00:00.000Z',
		identity: { login: 'carol-codes', name: 'Carol Chen' },
	},
	{
		key: 'carolSlackRevoked',
		user: 'user_carol',
		authConfig: 'slackManaged',
		status: 'REVOKED',
		createdAt: '2026-04-01T09:00:00.000Z',
		updatedAt: '2026-05-28T15:00:00.000Z',
		reason: STATUS_REASONS.revokedByUser,
		identity: { team: 'Carol Co', teamId: 'T0CAROL01', userId: 'U0CAROL01', name: 'Carol Chen' },
	},
	{
		key: 'aliceSlackInactive',
		user: 'user_alice',
		authConfig: 'slackManaged',
		status: 'INACTIVE',
		createdAt: '2026-04-03T12:00:00.000Z',
		updatedAt: '2026-05-15T08:00:00.000Z',
		reason: STATUS_REASONS.updatedByUser,
		identity: {
			team: 'Alice Studio',
			teamId: 'T0ALICE01',
			userId: 'U0ALICE01',
			name: 'Alice Anders',
		},
	},
	{
		key: 'carolGmailMain',
		user: 'user_carol',
		authConfig: 'gmailCustom',
		status: 'ACTIVE',
		alias: 'main',
		createdAt: '2026-04-07T10:00:00.000Z',
		identity: { email: 'carol.main@example.com', name: 'Carol Chen' },
	},
	{
		key: 'aliceGmailPersonal',
		user: 'user_alice',
		authConfig: 'gmailManaged',
		status: 'ACTIVE',
		alias: 'personal',
		createdAt: '2026-04-10T19:30:00.000Z',
		identity: { email: 'alice.personal@example.com', name: 'Alice Anders' },
	},
	{
		key: 'daveSlackLegacy',
		user: 'user_dave',
		authConfig: 'slackLegacyDisabled',
		status: 'INACTIVE',
		createdAt: '2026-04-14T09:00:00.000Z',
		updatedAt: '2026-05-02T09:00:00.000Z',
		reason: STATUS_REASONS.authConfigDisabled,
		identity: { team: 'Dave Legacy', teamId: 'T0DAVE001', userId: 'U0DAVE001', name: 'Dave Diaz' },
	},
	{
		key: 'daveGmail',
		user: 'user_dave',
		authConfig: 'gmailManaged',
		status: 'ACTIVE',
		createdAt: '2026-04-20T07:45:00.000Z',
		identity: { email: 'dave@example.com', name: 'Dave Diaz' },
	},
	{
		key: 'bobSlackSide',
		user: 'user_bob',
		authConfig: 'slackManaged',
		status: 'ACTIVE',
		alias: 'side-project',
		createdAt: '2026-04-28T18:00:00.000Z',
		identity: { team: 'Side Project', teamId: 'T0SIDE001', userId: 'U0BOB0002', name: 'Bob Baker' },
	},
	{
		key: 'carolTavilyInactive',
		user: 'user_carol',
		authConfig: 'tavilyApiKey',
		status: 'INACTIVE',
		createdAt: '2026-05-04T08:00:00.000Z',
		updatedAt: '2026-05-25T08:00:00.000Z',
		reason: STATUS_REASONS.updatedByUser,
		identity: { name: 'Carol Chen' },
	},
	{
		key: 'carolGmailFailed',
		user: 'user_carol',
		authConfig: 'gmailManaged',
		status: 'FAILED',
		createdAt: '2026-05-12T14:10:00.000Z',
		updatedAt: '2026-05-12T14:12:00.000Z',
		reason: STATUS_REASONS.callbackFailed,
		identity: {},
	},
	{
		key: 'bobGmailInitiated',
		user: 'user_bob',
		authConfig: 'gmailManaged',
		status: 'INITIATED',
		identity: {},
	},
	{
		key: 'carolGithubInitializing',
		user: 'user_carol',
		authConfig: 'githubCustom',
		status: 'INITIALIZING',
		identity: {},
	},
];

function seedAuthConfigs(state: SandboxState): void {
	for (const seed of AUTH_CONFIG_SEEDS) {
		const id = SEED_AUTH_CONFIGS[seed.key];
		const createdAt = Date.parse(seed.createdAt);
		const credentials: Record<string, unknown> = {};
		if (!seed.managed && seed.clientId) {
			credentials.client_id = seed.clientId;
			credentials.client_secret = `sec-${derivedString(`${id}:client`, 28)}`;
		}
		if (seed.scopes.length) credentials.scopes = seed.scopes.join(',');
		const record: AuthConfigRecord = {
			id,
			uuid: new Prng(`auth-config:${id}`).uuid(),
			type: seed.type,
			toolkit: seed.toolkit,
			name: seed.name,
			authScheme: seed.scheme,
			isComposioManaged: seed.managed,
			status: seed.status,
			createdBy: 'owner@acme.example',
			createdAt,
			lastUpdatedAt:
				seed.status === 'DISABLED' ? Date.parse('2026-05-02T09:00:00.000Z') : createdAt,
			credentials,
			scopes: seed.scopes,
			isEnabledForToolRouter: seed.status === 'ENABLED',
		};
		state.authConfigs.set(id, record);
	}
}

function seedAccounts(state: SandboxState): void {
	const now = state.clock.now();
	for (const seed of ACCOUNT_SEEDS) {
		const id = SEED_ACCOUNTS[seed.key];
		const authConfig = state.authConfigs.get(SEED_AUTH_CONFIGS[seed.authConfig]);
		const toolkit = authConfig ? state.toolkits.get(authConfig.toolkit) : undefined;
		if (!authConfig || !toolkit)
			throw new Error(`Seed account ${seed.key} has no auth config/toolkit`);
		const pending = seed.status === 'INITIATED' || seed.status === 'INITIALIZING';
		const createdAt = seed.createdAt ? Date.parse(seed.createdAt) : now;
		const updatedAt = seed.updatedAt ? Date.parse(seed.updatedAt) : createdAt;
		const isOauth = authConfig.authScheme === 'OAUTH2';
		const base: Omit<AccountRecord, 'seq'> = {
			id,
			userId: seed.user,
			toolkit: toolkit.slug,
			authConfigId: authConfig.id,
			authScheme: authConfig.authScheme,
			status: seed.status,
			statusReason: seed.reason ?? null,
			alias: seed.alias ?? null,
			wordId: state.newWordId(toolkit.slug),
			isDisabled: seed.status === 'INACTIVE',
			credentials: null,
			connectionFields: {},
			statusDetails: {},
			identity: Object.keys(seed.identity).length ? seed.identity : null,
			requestedScopes: isOauth ? [...authConfig.scopes] : null,
			createdAt,
			updatedAt,
			deletedAt: seed.deletedAt ? Date.parse(seed.deletedAt) : null,
			pendingExpiresAt: pending ? now + state.config.linkTtlMs : null,
			linkToken: null,
			callbackUrl: null,
			// Tokens are minted on demand from (id, generation); FAILED/pending accounts have none.
			tokenGeneration: pending || seed.status === 'FAILED' ? 0 : 1,
		};
		if (seed.status === 'EXPIRED') base.statusDetails = { expired_at: seed.updatedAt };
		if (seed.status === 'REVOKED') base.statusDetails = { revoked_at: seed.updatedAt };
		if (seed.status === 'FAILED') {
			base.statusDetails = {
				error: 'access_denied',
				error_description: 'The user denied the authorization request',
			};
		}
		const account = state.insertAccount(base);
		if (seed.status === 'INITIATED') {
			const link = state.createLink(account, 'link', null);
			account.statusDetails = { redirectUrl: state.linkUrl(link.token) };
			state.counters.linksCreated = 0;
		}
	}
}

/** Applies a named seed to an already cleared state. */
export function applySeed(state: SandboxState, seed: SeedName): void {
	state.seedName = seed;
	// Auth configs are project configuration: both seeds have them; `empty` has no accounts.
	seedAuthConfigs(state);
	if (seed === 'empty') return;
	seedAccounts(state);
}

export interface SeedSummary {
	apiKey: string;
	users: readonly string[];
	authConfigs: typeof SEED_AUTH_CONFIGS;
	accounts: typeof SEED_ACCOUNTS;
}

export const SEED: SeedSummary = {
	apiKey: DEFAULT_API_KEY,
	users: SEED_USERS,
	authConfigs: SEED_AUTH_CONFIGS,
	accounts: SEED_ACCOUNTS,
};
