import type { IDataObject, INode } from 'n8n-workflow';

import { optionalBoolean, optionalHttpUrl, requireInteger } from '../../shared/validation';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_TIMEOUT_S,
	MAX_CONCURRENCY,
	MAX_TIMEOUT_S,
} from '../../shared/accountSelection/limits';

/** The node's Options collection, every value checked (options can be filled by expressions). */
export interface ExecuteOptions {
	authConfig?: unknown;
	callbackUrl?: string;
	concurrency: number;
	customAuthBaseUrl?: unknown;
	customAuthParameters?: { parameter?: Array<{ name?: string; in?: string; value?: unknown }> };
	failOnUnsuccessful: boolean;
	failWhenSeveral: boolean;
	returnConnectLink: boolean;
	simplify: boolean;
	timeoutS: number;
}

/** Reads and validates the Options collection of one item (inside its error handling). */
export function readOptions(node: INode, raw: IDataObject, itemIndex: number): ExecuteOptions {
	const flag = (name: string, label: string, fallback: boolean) =>
		optionalBoolean(node, `Options → ${label}`, raw[name], fallback, itemIndex);
	return {
		authConfig: raw.authConfig,
		callbackUrl: optionalHttpUrl(
			node,
			'Options → Connect Link Callback URL',
			raw.callbackUrl,
			itemIndex,
		),
		concurrency: requireInteger(
			node,
			'Options → Concurrency',
			raw.concurrency ?? DEFAULT_CONCURRENCY,
			itemIndex,
			{ min: 1, max: MAX_CONCURRENCY },
		),
		customAuthBaseUrl: raw.customAuthBaseUrl,
		customAuthParameters: raw.customAuthParameters as ExecuteOptions['customAuthParameters'],
		failOnUnsuccessful: flag('failOnUnsuccessful', 'Fail on Unsuccessful Result', true),
		failWhenSeveral: flag('failWhenSeveral', 'Fail When Several Accounts Match', false),
		returnConnectLink: flag('returnConnectLink', 'Return Connect Link When Not Connected', false),
		simplify: flag('simplify', 'Simplify', false),
		timeoutS: requireInteger(
			node,
			'Options → Timeout',
			raw.timeout ?? DEFAULT_TIMEOUT_S,
			itemIndex,
			{
				min: 1,
				max: MAX_TIMEOUT_S,
			},
		),
	};
}

/**
 * The concurrency to run the items with, read once before they run. An invalid value is not an
 * error here: each item validates the option again inside its own error handling, so "Continue"
 * turns it into error items (never into input items passed through by n8n).
 */
export function runConcurrency(node: INode, read: () => unknown): number {
	try {
		return requireInteger(node, 'Options → Concurrency', read() ?? DEFAULT_CONCURRENCY, 0, {
			min: 1,
			max: MAX_CONCURRENCY,
		});
	} catch {
		return 1;
	}
}
