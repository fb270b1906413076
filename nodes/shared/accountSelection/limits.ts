import type { INodeProperties } from 'n8n-workflow';

/** Items run at the same time by the nodes that act with a chosen account (Execute Tool, Proxy Request). */
export const DEFAULT_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 10;

/** Seconds one tool run or proxied request may take before it is reported as timed out. */
export const DEFAULT_TIMEOUT_S = 60;
export const MAX_TIMEOUT_S = 600;

/** Options → Concurrency of the nodes that act with a chosen account. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description: `How many items run at the same time (1–${MAX_CONCURRENCY})`,
	hint: '1 runs them one after the other, in order, which is gentlest on rate limits',
};

/** Options → Timeout of the nodes that act with a chosen account; `description` says what is awaited. */
export function timeoutOption(description: string): INodeProperties {
	return {
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
		default: DEFAULT_TIMEOUT_S,
		description,
	};
}
