import type { INodeProperties } from 'n8n-workflow';

import { accountFilters, connectedAccountLocator } from '../../shared/descriptions';

/** The parameters of "One Account or Accounts Matching a Filter" (Enable, Disable, Delete, Revoke). */

export const DEFAULT_BULK_CONCURRENCY = 5;
export const MAX_BULK_CONCURRENCY = 20;

const DRY_RUN_DESCRIPTION =
	'Whether to only report which accounts would change, without changing any (each account gets "dryRun": true and "wouldChange")';

/** Dry Run for reversible operations (Enable, Disable): off by default. */
const dryRunOff: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description: DRY_RUN_DESCRIPTION,
	displayOptions: { show: { target: ['filter'] } },
};

/** Dry Run for irreversible operations (Delete, Revoke): on by default, turned off on purpose. */
const dryRunOn: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: true,
	description: DRY_RUN_DESCRIPTION,
	displayOptions: { show: { target: ['filter'] } },
};

/** The "Target" selector plus the single-account locator and the filter fields, for one operation. */
export function targetProperties(options: {
	/** Plural noun phrase for descriptions, e.g. "accounts to disable". */
	what: string;
	dryRunDefault: boolean;
}): INodeProperties[] {
	return [
		{
			displayName: 'Target',
			name: 'target',
			type: 'options',
			options: [
				{
					name: 'One Account',
					value: 'single',
					description: 'A single connected account picked from the list, by ID or by URL',
				},
				{
					name: 'Accounts Matching a Filter',
					value: 'filter',
					description: `Every account matching the filters below (the ${options.what})`,
				},
			],
			default: 'single',
			description: `Whether to act on one connected account or on all ${options.what} that match a filter`,
		},
		{
			...connectedAccountLocator,
			displayOptions: { show: { target: ['single'] } },
		},
		{
			...accountFilters,
			displayName: 'Filters',
			type: 'collection',
			default: {},
			placeholder: 'Add Filter',
			description:
				'Which accounts to act on. User IDs, Auth Configs or Connected Account IDs are required unless "Allow No Filter" is on; a filter that resolves to nothing is an error.',
			displayOptions: { show: { target: ['filter'] } },
		},
		options.dryRunDefault ? dryRunOn : dryRunOff,
	];
}

/** Bulk-only options, to be placed in an operation's "Options" collection (names sorted by the caller). */
export const bulkOptions: INodeProperties[] = [
	{
		displayName: 'Allow No Filter',
		name: 'allowNoFilter',
		type: 'boolean',
		default: false,
		description:
			'Whether to act on every account of the project (or of the chosen Statuses and Toolkits) when no ID filter is set',
		hint: 'ID filters: User IDs, Auth Configs, Connected Account IDs.',
		displayOptions: { show: { '/target': ['filter'] } },
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BULK_CONCURRENCY },
		default: DEFAULT_BULK_CONCURRENCY,
		description: `How many accounts to change at the same time (1–${MAX_BULK_CONCURRENCY}): the matching accounts of a filter, or the input items with One Account (not set: ${DEFAULT_BULK_CONCURRENCY} for a filter, one item after the other for One Account). Composio's rate limit is shared by the whole organization.`,
	},
	{
		displayName: 'Fail When Nothing Matches',
		name: 'failWhenNothingMatches',
		type: 'boolean',
		default: false,
		description:
			'Whether an input item whose filters match no account fails (off: it gives no account items, or a summary with "matched": 0, and the node shows a hint)',
		displayOptions: { show: { '/target': ['filter'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Each Account',
				value: 'eachAccount',
				description: 'One item per matching account',
			},
			{
				name: 'Summary',
				value: 'summary',
				description:
					'One item per input item: how many accounts matched, changed, were unchanged, skipped or failed, and the accounts',
			},
		],
		default: 'eachAccount',
		description: 'What the node outputs for the accounts of a filter',
		displayOptions: { show: { '/target': ['filter'] } },
	},
];

/** Enable/Disable only: read the account before changing it, to report what it was. */
export const reportPreviousStatusOption: INodeProperties = {
	displayName: 'Report Previous Status',
	name: 'reportPreviousStatus',
	type: 'boolean',
	default: false,
	description:
		'Whether to read the account first, to report "previousStatus", "changed", user, toolkit and alias',
	hint: 'Two requests instead of one; an account already in the wanted status is then not sent a change.',
	displayOptions: { show: { '/target': ['single'] } },
};

/** An Options collection holding the target's options and `extra` ones, sorted by display name. */
export function optionsWith(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...bulkOptions, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The Options collection of an operation whose only options are those of its target. */
export const targetOptions: INodeProperties = optionsWith();

/** Enable's and Disable's parameters: the target, and Report Previous Status among the options. */
export function statusTargetProperties(what: string): INodeProperties[] {
	return [
		...targetProperties({ what, dryRunDefault: false }),
		optionsWith([reportPreviousStatusOption]),
	];
}
