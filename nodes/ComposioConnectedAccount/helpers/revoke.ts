import type { IDataObject } from 'n8n-workflow';

/**
 * What Composio's revoke can do for an account, decided from its status before any request:
 * - `revocable`: ACTIVE.
 * - `revoked`: already REVOKED (nothing left to revoke).
 * - `disabled`: INACTIVE. Its tokens are still live at the provider, but Composio refuses to revoke
 *   it until it is enabled again.
 * - `pending`: INITIATED or INITIALIZING. The user has not finished connecting, so no tokens exist yet.
 * - `notRevocable`: EXPIRED, FAILED or any status Composio may add. Composio refuses (409) and the node
 *   cannot tell whether a token (e.g. the refresh token of an EXPIRED account) is still live.
 */
export type Revocability =
	| { kind: 'revocable' }
	| { kind: 'revoked' }
	| { kind: 'disabled' }
	| { kind: 'pending'; reason: string }
	| { kind: 'notRevocable'; reason: string; hint: string };

export function revocabilityOf(account: IDataObject): Revocability {
	const id = String(account.id);
	const status = String(account.status);
	switch (status) {
		case 'ACTIVE':
			return { kind: 'revocable' };
		case 'REVOKED':
			return { kind: 'revoked' };
		case 'INACTIVE':
			return { kind: 'disabled' };
		case 'INITIATED':
		case 'INITIALIZING':
			return {
				kind: 'pending',
				reason: `Connected account ${id} is ${status}: the user has not finished connecting, so there are no tokens to revoke yet`,
			};
		case 'EXPIRED':
			return {
				kind: 'notRevocable',
				reason: `Connected account ${id} is EXPIRED and Composio revokes only ACTIVE accounts, so its tokens cannot be revoked through Composio`,
				hint: 'Its refresh token may still be valid at the provider: remove the app’s access in the provider’s account settings. To delete the account without revoking, turn on "Delete Even If Revoke Fails".',
			};
		default:
			return {
				kind: 'notRevocable',
				reason: `Connected account ${id} is ${status} and Composio revokes only ACTIVE accounts, so it cannot be revoked through Composio`,
				hint: 'If it ever held tokens, remove the app’s access in the provider’s account settings. To delete the account without revoking, turn on "Delete Even If Revoke Fails".',
			};
	}
}

/** The HTTP status of a Composio error raised by the transport, if it is one. */
export function composioStatus(error: unknown): number | undefined {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const composio = context?.composio as IDataObject | undefined;
	return typeof composio?.status === 'number' ? composio.status : undefined;
}

/**
 * Composio refused to revoke: 400 (the toolkit cannot revoke) or 409 (not in a revokable state). Never
 * "nothing to revoke": the tokens may still be live at the provider.
 */
export function isRevokeRefusal(error: unknown): boolean {
	const status = composioStatus(error);
	return status === 400 || status === 409;
}

/** How many times the transport sent the request that failed with this Composio error (1 = once). */
export function composioAttempts(error: unknown): number {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const composio = context?.composio as IDataObject | undefined;
	return typeof composio?.attempts === 'number' ? composio.attempts : 1;
}
