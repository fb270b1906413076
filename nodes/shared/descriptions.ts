import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { ACCOUNT_STATUSES } from './api/connectedAccounts';

const STATUS_DESCRIPTIONS: Record<string, string> = {
	INITIALIZING: 'Being created',
	INITIATED: 'Waiting for the user to finish connecting (e.g. an open Connect Link)',
	ACTIVE: 'Connected and usable',
	FAILED: 'The connection attempt failed',
	EXPIRED: 'Credentials expired; the user must reconnect',
	INACTIVE: 'Disabled (paused); enable to use it again',
	REVOKED: 'Tokens revoked at the provider',
};

export const accountStatusOptions = ACCOUNT_STATUSES.map((status) => ({
	name: status.charAt(0) + status.slice(1).toLowerCase(),
	value: status,
	description: STATUS_DESCRIPTIONS[status],
}));

/** A single connected account: from a searchable list, by ID, or by a URL that contains the ID. */
export const connectedAccountLocator: INodeProperties = {
	displayName: 'Connected Account',
	name: 'connectedAccount',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The connected account to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a connected account...',
			hint: 'Search by user ID, part of an account ID, alias or toolkit. A full user ID or account ID is looked up directly; other text looks through the 2,000 newest accounts.',
			typeOptions: {
				searchListMethod: 'searchConnectedAccounts',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ca_5KdA-e2C4ZMd',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*ca_[A-Za-z0-9_-]{4,64}\\s*$',
						errorMessage: 'Not a connected account ID (they start with ca_)',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://platform.composio.dev/.../connected-accounts/ca_5KdA-e2C4ZMd',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^https?://.*/(ca_[A-Za-z0-9_-]{4,64})',
						errorMessage: 'Not a URL containing a connected account ID (ca_…)',
					},
				},
			],
			extractValue: {
				type: 'regex',
				regex: '^https?://.*/(ca_[A-Za-z0-9_-]{4,64})',
			},
		},
	],
};

/** A single auth config (`ac_…`). */
export const authConfigLocator: INodeProperties = {
	displayName: 'Auth Config',
	name: 'authConfig',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The auth config (how a toolkit is authenticated) to connect the account with',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an auth config...',
			typeOptions: { searchListMethod: 'searchAuthConfigs', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ac_1a2B3c4D5e6F',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*ac_[A-Za-z0-9_-]{4,64}\\s*$',
						errorMessage: 'Not an auth config ID (they start with ac_)',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://platform.composio.dev/.../auth-configs/ac_1a2B3c4D5e6F',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^https?://.*/(ac_[A-Za-z0-9_-]{4,64})',
						errorMessage: 'Not a URL containing an auth config ID (ac_…)',
					},
				},
			],
			extractValue: {
				type: 'regex',
				regex: '^https?://.*/(ac_[A-Za-z0-9_-]{4,64})',
			},
		},
	],
};

/** Filters shared by Get Many, the bulk operations and the polling trigger. */
export const accountFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Auth Config Names or IDs',
			name: 'authConfigIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getAuthConfigs' },
			default: [],
			description:
				'Only accounts of these auth configs. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Connected Account IDs',
			name: 'connectedAccountIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. ca_5KdA-e2C4ZMd, ca_uQvmu9uZOhQo',
			description: 'Only these accounts (comma-separated, or a list from an expression)',
		},
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: accountStatusOptions,
			default: [],
			description: 'Only accounts in one of these statuses',
		},
		{
			displayName: 'Toolkit Names or IDs',
			name: 'toolkitSlugs',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getToolkits' },
			default: [],
			description:
				'Only accounts of these toolkits (e.g. gmail). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'User IDs',
			name: 'userIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. user_123, user_456',
			description:
				'Only accounts of these end users: your own user IDs, comma-separated or a list from an expression',
		},
	],
};

export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
	hint: 'Simplified: ID, user, toolkit, alias, status, status reason, disabled, auth config, created and updated times.',
};

/**
 * The auth config locator's "From List" and "By ID" modes, for a picker whose list comes from another
 * search method (no "By URL": its value is read as a plain ID).
 */
export function authConfigListAndIdModes(searchListMethod: string): INodePropertyMode[] {
	return (authConfigLocator.modes ?? [])
		.filter((mode) => mode.name !== 'url')
		.map((mode) =>
			mode.name === 'list'
				? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod } }
				: mode,
		);
}
