import type { AuthScheme } from '../catalog/toolkits';
import type { ConnectionStatus } from '../types';

export interface AuthConfigRecord {
	id: string;
	uuid: string;
	type: 'default' | 'custom';
	toolkit: string;
	name: string;
	authScheme: AuthScheme;
	isComposioManaged: boolean;
	status: 'ENABLED' | 'DISABLED';
	createdBy: string;
	createdAt: number;
	lastUpdatedAt: number;
	/** Raw credentials of the auth config (client id/secret...), shown masked/redacted. */
	credentials: Record<string, unknown>;
	scopes: string[];
	isEnabledForToolRouter: boolean;
}

export interface AccountRecord {
	id: string;
	seq: number;
	userId: string;
	toolkit: string;
	authConfigId: string;
	authScheme: AuthScheme;
	status: ConnectionStatus;
	statusReason: string | null;
	alias: string | null;
	wordId: string | null;
	isDisabled: boolean;
	/**
	 * Credential fields shown in `state.val` while ACTIVE/INACTIVE. `null` = the tokens the
	 * sandbox mints for (id, tokenGeneration), computed on demand (keeps bulk accounts small).
	 */
	credentials: Record<string, unknown> | null;
	/** Non-secret connection fields (subdomain, region...) shown in every state. */
	connectionFields: Record<string, unknown>;
	/** Status-specific fields: redirectUrl/callback_url (INITIATED), error (FAILED), expired_at, revoked_at. */
	statusDetails: Record<string, unknown>;
	/** Who the account is at the provider (mailbox, login, workspace); drives tool results. `null` = default identity. */
	identity: Record<string, string> | null;
	requestedScopes: string[] | null;
	createdAt: number;
	updatedAt: number;
	deletedAt: number | null;
	/** INITIATED/INITIALIZING accounts expire at this time unless completed. */
	pendingExpiresAt: number | null;
	linkToken: string | null;
	callbackUrl: string | null;
	/** Incremented each time new tokens are minted (link completion, refresh). */
	tokenGeneration: number;
}

export type LinkState = 'pending' | 'completed' | 'failed' | 'expired' | 'invalidated';

export interface LinkRecord {
	token: string;
	accountId: string;
	createdAt: number;
	expiresAt: number;
	callbackUrl: string | null;
	state: LinkState;
	origin: 'link' | 'initiate' | 'refresh';
}
