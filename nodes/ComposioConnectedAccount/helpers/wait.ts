import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WaitResult, WaitSettings } from './waitForConnection';
import { optionalBoolean } from '../../shared/validation';
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
	description:
		'Whether to fail the item when the account does not become active (failed, expired, revoked or timed out) instead of returning it with that "connection" outcome',
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
			'Whether to wait in this step until the account is active (or failed, expired, revoked, or the timeout passed). The output appears only when the wait ends, so the user must get the link some other way (e.g. your app already shows it); otherwise use Wait for Connection as a separate step after sending the link.',
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
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): InStepWait | undefined {
	const node = ctx.getNode();
	const waiting = optionalBoolean(
		node,
		'Options → Wait for Connection',
		options.waitForConnection,
		false,
		itemIndex,
	);
	if (!waiting) return undefined;
	return {
		settings: readWaitSettings(
			ctx,
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
	ctx: IExecuteFunctions,
	id: string,
	wait: InStepWait,
	itemIndex: number,
): Promise<WaitResult> {
	const result = await waitForConnection.call(ctx, id, wait.settings, itemIndex);
	if (wait.failIfNotConnected && result.connection !== 'active') {
		throw notConnectedError(ctx, result, itemIndex, wait.settings.timeoutMs);
	}
	return result;
}
