import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CONNECTED_ACCOUNTS_PATH } from '../../shared/connectedAccounts';
import { composioApiRequest } from '../../shared/transport';

export interface RevokeResponse {
	revoked_tokens?: string[];
	connected_account?: { id?: string; status?: string };
}

/**
 * `POST /connected_accounts/{id}/revoke`: revokes the credentials at the provider and marks the account
 * REVOKED. Repeating it is harmless (an already revoked account answers with no tokens), so it is retried
 * like a read. 400 = the toolkit cannot revoke, 409 = the account has nothing to revoke.
 */
export async function revokeAccount(
	this: IExecuteFunctions,
	id: string,
	itemIndex: number,
): Promise<RevokeResponse> {
	return (await composioApiRequest.call(this, {
		method: 'POST',
		path: `${CONNECTED_ACCOUNTS_PATH}/${encodeURIComponent(id)}/revoke`,
		retry: 'idempotent',
		itemIndex,
	})) as RevokeResponse;
}

/** The HTTP status of a Composio error raised by the transport, if it is one. */
export function composioStatus(error: unknown): number | undefined {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const composio = context?.composio as IDataObject | undefined;
	return typeof composio?.status === 'number' ? composio.status : undefined;
}

/** How many times the transport sent the request that failed with this Composio error (1 = once). */
export function composioAttempts(error: unknown): number {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	const composio = context?.composio as IDataObject | undefined;
	return typeof composio?.attempts === 'number' ? composio.attempts : 1;
}
