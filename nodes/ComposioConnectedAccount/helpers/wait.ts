import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WaitResult, WaitSettings } from './waitForConnection';
import { optionalBoolean, optionalHttpUrl } from '../../shared/validation';
import {
	DEFAULT_POLL_INTERVAL_SECONDS,
	DEFAULT_WAIT_TIMEOUT_SECONDS,
	LINK_LIFETIME_SECONDS,
	MAX_POLL_INTERVAL_SECONDS,
	notConnectedError,
	readWaitSettings,
	waitForConnection,
} from './waitForConnection';

export const failIfNotConnectedOption: INodeProperties = {
	displayName: 'Fail If Not Connected',
	name: 'failIfNotConnected',
	type: 'boolean',
	default: false,
	description: 'Whether to fail the item when the account does not become active',
	hint: 'Failed, expired, revoked or timed out. Off: the item is returned with that "connection" outcome.',
};

export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_POLL_INTERVAL_SECONDS },
	default: DEFAULT_POLL_INTERVAL_SECONDS,
	description: `Seconds between two checks of the account's status (1–${MAX_POLL_INTERVAL_SECONDS})`,
};

export const waitTimeoutDescription = `How long to wait for the user to finish connecting, in seconds (1–${LINK_LIFETIME_SECONDS}; a Connect Link lives ${LINK_LIFETIME_SECONDS / 60} minutes)`;

/** Where Connect and Refresh send the user after signing in. */
export const callbackUrlOption: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/connected',
	description:
		'Where the user is sent after signing in; Composio adds status=success or status=failed',
	hint: 'To continue this workflow there, use {{ $execution.resumeUrl }} with a Wait node set to "On Webhook Call".',
};

/** Options that let Connect and Refresh wait for the connection in the same step. */
export const waitInStepOptions: INodeProperties[] = [
	{
		...failIfNotConnectedOption,
		displayOptions: { show: { waitForConnection: [true] } },
	},
	{
		...pollIntervalOption,
		displayOptions: { show: { waitForConnection: [true] } },
	},
	{
		displayName: 'Wait for Connection',
		name: 'waitForConnection',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait in this step until the account is active (or failed, expired, revoked, or timed out)',
		hint: 'The output appears only when the wait ends, so the user must get the link some other way (e.g. your app already shows it); otherwise use Wait for Connection as a separate step after sending the link.',
	},
	{
		displayName: 'Wait Timeout',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: LINK_LIFETIME_SECONDS },
		default: DEFAULT_WAIT_TIMEOUT_SECONDS,
		description: waitTimeoutDescription,
		displayOptions: { show: { waitForConnection: [true] } },
	},
];

export interface InStepWait {
	settings: WaitSettings;
	failIfNotConnected: boolean;
}

/** Reads (and validates, before any request) the in-step wait options; undefined when not waiting. */
export function readInStepWait(
	this: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): InStepWait | undefined {
	const node = this.getNode();
	const waiting = optionalBoolean(
		node,
		'Options → Wait for Connection',
		options.waitForConnection,
		false,
		itemIndex,
	);
	if (!waiting) return undefined;
	return {
		settings: readWaitSettings.call(
			this,
			itemIndex,
			{ timeout: options.waitTimeout, interval: options.pollInterval },
			{ timeout: 'Options → Wait Timeout', interval: 'Options → Poll Interval' },
		),
		failIfNotConnected: optionalBoolean(
			node,
			'Options → Fail If Not Connected',
			options.failIfNotConnected,
			false,
			itemIndex,
		),
	};
}

/** Waits for `id`, applies "Fail If Not Connected", and returns the result. */
export async function waitAndCheck(
	this: IExecuteFunctions,
	id: string,
	wait: InStepWait,
	itemIndex: number,
): Promise<WaitResult> {
	const result = await waitForConnection.call(this, id, wait.settings, itemIndex);
	if (wait.failIfNotConnected && result.connection !== 'active') {
		throw notConnectedError.call(this, result, itemIndex, wait.settings.timeoutMs);
	}
	return result;
}

/**
 * Connect's and Refresh's answer: as it is without an in-step wait; with one, after the wait, with
 * its `connection` outcome and the account's status as it is then.
 */
export async function withConnectionWait(
	this: IExecuteFunctions,
	result: IDataObject,
	id: string,
	wait: InStepWait | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	if (!wait) return result;
	const waited = await waitAndCheck.call(this, id, wait, itemIndex);
	return {
		...result,
		connection: waited.connection,
		status: waited.account.status,
		status_reason: waited.account.status_reason ?? null,
	};
}

/** Options → Callback URL of Connect and Refresh: an absolute http(s) URL, or undefined. */
export function readCallbackUrl(
	this: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): string | undefined {
	return optionalHttpUrl(this.getNode(), 'Options → Callback URL', options.callbackUrl, itemIndex);
}
