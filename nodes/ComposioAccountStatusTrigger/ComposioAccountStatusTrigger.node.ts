import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountFilters, accountStatusOptions } from '../shared/descriptions';
import { getAuthConfigs, getToolkits } from '../shared/methods/loadOptions';
import { credentialTest } from '../shared/methods/credentialTest';
import {
	DEFAULT_FULL_CHECK_MINUTES,
	DEFAULT_MAX_ACCOUNTS,
	MAX_ACCOUNTS_LIMIT,
	MAX_FULL_CHECK_MINUTES,
	pollAccountStatuses,
} from './helpers/watch';

/** Users, toolkits, auth configs and account IDs (a status filter would make changes look like deletions). */
const filters: INodeProperties = {
	...accountFilters,
	description: 'Only watch the accounts that match all of these',
	options: (accountFilters.options ?? []).filter((option) => option.name !== 'statuses'),
};

export class ComposioAccountStatusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Composio Account Status Trigger',
		name: 'composioAccountStatusTrigger',
		icon: {
			light: 'file:../../icons/composio.svg',
			dark: 'file:../../icons/composio.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			"Starts the workflow when an end user's Composio connected account changes status, appears or is deleted (polled, for the changes Composio does not push)",
		defaults: { name: 'Composio Account Status Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'composioApi', required: true, testedBy: 'composioApiTest' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Appeared',
						value: 'appeared',
						description: 'A new account matches (for example one created by a Connect Link)',
					},
					{
						name: 'Disappeared',
						value: 'disappeared',
						description:
							'An account was deleted. Every matching account is listed on each poll to notice it.',
					},
					{
						name: 'Status Changed',
						value: 'statusChanged',
						description:
							'An account changed status, for example ACTIVE → EXPIRED, INITIATED → ACTIVE or ACTIVE → INACTIVE',
					},
				],
				default: ['statusChanged'],
				description: 'Which changes start the workflow (one item per account and change)',
			},
			filters,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing Accounts on First Poll',
						name: 'emitOnFirstPoll',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll emits every matching account instead of only recording them',
						hint: 'Emitted as "appeared", whatever the Events. Later polls report changes either way.',
					},
					{
						displayName: 'Full Check Every (Minutes)',
						name: 'fullCheckMinutes',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_FULL_CHECK_MINUTES },
						default: DEFAULT_FULL_CHECK_MINUTES,
						description: 'How often a poll reads every matching account (0: every poll)',
						hint: 'Between full checks a poll reads only the accounts whose updated_at moved; a full check catches a status change whatever updated_at did.',
					},
					{
						displayName: 'Max Tracked Accounts',
						name: 'maxAccounts',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_ACCOUNTS_LIMIT },
						default: DEFAULT_MAX_ACCOUNTS,
						description:
							'How many accounts the trigger remembers between polls (about 80 bytes each in static data)',
						hint: 'Beyond it the least recently updated are forgotten and not reported; "Disappeared" refuses to run with more matching accounts.',
					},
					{
						displayName: 'Only New Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: accountStatusOptions,
						default: [],
						description:
							'Only report changes to these statuses (for example EXPIRED and FAILED). Empty: every status.',
					},
				],
			},
		],
	};

	methods = { credentialTest, loadOptions: { getAuthConfigs, getToolkits } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAccountStatuses.call(this);
	}
}
