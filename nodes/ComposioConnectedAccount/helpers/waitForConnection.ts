import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { ConnectedAccount } from '../../shared/api/types';
import { getConnectedAccount } from '../../shared/api/connectedAccounts';
import { requireInteger } from '../../shared/validation';

/** How a wait for a connection ended. */
export type ConnectionOutcome = 'active' | 'failed' | 'expired' | 'revoked' | 'timed_out';

/**
 * Statuses that end a wait, as `@composio/core` (0.21) treats them: ACTIVE is success, FAILED, EXPIRED
 * and REVOKED can never become ACTIVE. INITIALIZING, INITIATED and INACTIVE keep the wait going.
 */
export const TERMINAL_STATUSES: Readonly<Record<string, ConnectionOutcome>> = {
	ACTIVE: 'active',
	FAILED: 'failed',
	EXPIRED: 'expired',
	REVOKED: 'revoked',
};

/** Composio's hosted links (and so any pending connection) live 10 minutes: no wait can usefully be longer. */
export const LINK_LIFETIME_SECONDS = 600;
export const DEFAULT_WAIT_TIMEOUT_SECONDS = 60;
export const DEFAULT_POLL_INTERVAL_SECONDS = 1;
export const MAX_POLL_INTERVAL_SECONDS = 30;

export interface WaitSettings {
	timeoutMs: number;
	intervalMs: number;
}

/**
 * Validates a wait's timeout and poll interval (in seconds, as the user types them) before any request:
 * whole numbers, the timeout between 1 s and the 10-minute link lifetime, the interval between 1 and 30 s.
 */
export function readWaitSettings(
	this: IExecuteFunctions,
	itemIndex: number,
	raw: { timeout: unknown; interval: unknown },
	fields: { timeout: string; interval: string },
): WaitSettings {
	const node = this.getNode();
	const timeout = requireInteger(
		node,
		fields.timeout,
		raw.timeout ?? DEFAULT_WAIT_TIMEOUT_SECONDS,
		itemIndex,
		{ min: 1, max: LINK_LIFETIME_SECONDS },
	);
	const interval = requireInteger(
		node,
		fields.interval,
		raw.interval ?? DEFAULT_POLL_INTERVAL_SECONDS,
		itemIndex,
		{ min: 1, max: MAX_POLL_INTERVAL_SECONDS },
	);
	return { timeoutMs: timeout * 1000, intervalMs: interval * 1000 };
}

export interface WaitResult {
	connection: ConnectionOutcome;
	/** The account as last read (full object from GET one). */
	account: ConnectedAccount;
}

/**
 * Polls `GET /connected_accounts/{id}` until the account is ACTIVE or can no longer become ACTIVE
 * (FAILED, EXPIRED, REVOKED), or until the timeout. The first check happens at once. A missing account
 * (404) is an error, not an outcome. Stops when the execution is cancelled.
 */
export async function waitForConnection(
	this: IExecuteFunctions,
	id: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<WaitResult> {
	const deadline = Date.now() + settings.timeoutMs;
	const signal = this.getExecutionCancelSignal?.();
	for (;;) {
		const account = await getConnectedAccount.call(this, id, itemIndex);
		const outcome = TERMINAL_STATUSES[String(account.status)];
		if (outcome) return { connection: outcome, account };
		const remaining = deadline - Date.now();
		if (remaining <= 0) return { connection: 'timed_out', account };
		await sleep(Math.min(settings.intervalMs, remaining));
		if (signal?.aborted) {
			throw new NodeOperationError(
				this.getNode(),
				`The execution was cancelled while waiting for connected account ${id}`,
				{ itemIndex },
			);
		}
	}
}

/** The item error for "Fail If Not Connected": names the account, the outcome and Composio's reason. */
export function notConnectedError(
	this: IExecuteFunctions,
	result: WaitResult,
	itemIndex: number,
	timeoutMs: number,
): NodeOperationError {
	const id = String(result.account.id);
	const reason = result.account.status_reason ? ` (${String(result.account.status_reason)})` : '';
	const message =
		result.connection === 'timed_out'
			? `Connected account ${id} was still ${String(result.account.status)} after ${Math.round(timeoutMs / 1000)} s`
			: `Connected account ${id} did not connect: it is ${String(result.account.status)}${reason}`;
	const description =
		result.connection === 'timed_out'
			? 'The user has not finished connecting yet. Wait longer (up to 600 s, the lifetime of a Connect Link), or turn off "Fail If Not Connected" to branch on the "connection" field.'
			: 'This account can no longer become active. Create a new connection with the Connect operation.';
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}
