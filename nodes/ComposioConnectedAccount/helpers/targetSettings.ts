import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, optionalBoolean, requireId, requireInteger } from '../../shared/validation';
import { describeValue } from '../../shared/values';
import { DEFAULT_BULK_CONCURRENCY, MAX_BULK_CONCURRENCY } from './target.description';

/** The connected account ID of the single-account locator, validated before any request. */
export function readAccountId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('connectedAccount', itemIndex, '', { extractValue: true });
	return requireId(this.getNode(), 'Connected Account', value, 'ca', itemIndex);
}

const OUTPUTS = ['eachAccount', 'summary'] as const;

/** The target's settings of one item, every one validated inside the item's error handling. */
export interface TargetSettings {
	target: 'single' | 'filter';
	concurrency: number;
	allowNoFilter: boolean;
	failWhenNothingMatches: boolean;
	output: (typeof OUTPUTS)[number];
	reportPreviousStatus: boolean;
}

/** The item's Options collection (an expression can make it anything). */
export function readOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as unknown;
	if (options === undefined || options === null) return {};
	if (typeof options !== 'object' || Array.isArray(options)) {
		throw inputError(
			this.getNode(),
			'Options',
			`expected a collection of options but got ${describeValue(options)}`,
			itemIndex,
		);
	}
	return options as IDataObject;
}

export function readTargetSettings(this: IExecuteFunctions, itemIndex: number): TargetSettings {
	const node = this.getNode();
	const target = this.getNodeParameter('target', itemIndex, 'single') as string;
	if (target !== 'single' && target !== 'filter') {
		throw inputError(
			node,
			'Target',
			`${describeValue(target)} is not one of single, filter`,
			itemIndex,
		);
	}
	const options = readOptions.call(this, itemIndex);
	const output = options.output ?? 'eachAccount';
	if (!(OUTPUTS as readonly unknown[]).includes(output)) {
		throw inputError(
			node,
			'Options → Output',
			`${describeValue(output)} is not one of ${OUTPUTS.join(', ')}`,
			itemIndex,
		);
	}
	return {
		target,
		concurrency: requireInteger(
			node,
			'Options → Concurrency',
			options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
			itemIndex,
			{ min: 1, max: MAX_BULK_CONCURRENCY },
		),
		allowNoFilter: optionalBoolean(
			node,
			'Options → Allow No Filter',
			options.allowNoFilter,
			false,
			itemIndex,
		),
		failWhenNothingMatches: optionalBoolean(
			node,
			'Options → Fail When Nothing Matches',
			options.failWhenNothingMatches,
			false,
			itemIndex,
		),
		output: output as TargetSettings['output'],
		reportPreviousStatus: optionalBoolean(
			node,
			'Options → Report Previous Status',
			options.reportPreviousStatus,
			false,
			itemIndex,
		),
	};
}

/**
 * How many input items run at the same time. Only One Account spreads items: with a filter the
 * concurrency applies to the matching accounts of each item instead (never both, which would
 * multiply them). Read once, from the first item, since it is a setting of the node's run; a value
 * that is not valid runs the items one by one, and each item then fails on it in its own error
 * handling (so "Continue" gives error items, never the input passed through).
 */
export function itemConcurrency(this: IExecuteFunctions): number {
	try {
		const settings = readTargetSettings.call(this, 0);
		const options = readOptions.call(this, 0);
		if (settings.target !== 'single' || options.concurrency === undefined) return 1;
		return settings.concurrency;
	} catch {
		return 1;
	}
}
