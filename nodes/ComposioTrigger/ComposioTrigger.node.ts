import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../shared/methods/credentialTest';
import { CARRIED_DELIVERIES_KEY, recordDeliveries } from './helpers/webhookEvents';
import { DEFAULT_TOLERANCE_SECONDS } from './helpers/webhookSignature';
import { EVENT_ACCOUNT_EXPIRED, WEBHOOK_EVENTS } from './helpers/webhookSubscriptions';
import { receiveDelivery } from './helpers/receive';
import {
	checkAttached,
	createOwnSubscription,
	deleteOwnSubscription,
	ownSubscriptionIsCurrent,
	readMode,
} from './helpers/subscription';

export class ComposioTrigger implements INodeType {
	description: INodeTypeDescription = {
		// n8n's node creator drops "Trigger" from a trigger with events: this shows as "Composio Webhook".
		displayName: 'Composio Webhook Trigger',
		name: 'composioTrigger',
		icon: {
			light: 'file:../../icons/composio.svg',
			dark: 'file:../../icons/composio.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Composio webhook: " + ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when Composio sends a signed webhook event: a connected account expired, a trigger was disabled or a trigger fired',
		defaults: { name: 'Composio Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'composioApi', required: true, testedBy: 'composioApiTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty on purpose: n8n then answers {"message":"Workflow was started"} at once, instead
				// of the literal "firstEntryJson" it sends when this is left undefined.
				responseData: '',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for Composio to send an event',
		activationMessage:
			'Composio now sends the selected events to this workflow; unsigned or forged deliveries are refused.',
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [...WEBHOOK_EVENTS],
				default: [EVENT_ACCOUNT_EXPIRED],
				description: 'The Composio events that start this workflow',
			},
			{
				displayName: 'Subscription',
				name: 'subscription',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Create If None Exists',
						value: 'createIfNone',
						description:
							'Create the project’s webhook subscription (to this node) on activation, delete it on deactivation; one sending elsewhere is refused',
					},
					{
						name: 'Use Existing Subscription',
						value: 'existing',
						description:
							'The project already has a subscription that sends to this node’s URL. The node reads its signing secret from Composio and changes nothing there.',
					},
				],
				default: 'createIfNone',
				description:
					'Composio allows one webhook subscription per project; this node never changes or deletes one it did not create',
			},
			{
				displayName:
					'Composio allows one webhook subscription per project. On activation this node creates it only if the project has none (or reuses the one sending to this node’s URL) and deletes it on deactivation. If the project has one sending elsewhere, use "Use Existing Subscription".',
				name: 'createNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { subscription: ['createIfNone'] } },
			},
			{
				displayName: 'Signing Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Leave empty: the node reads the secret from Composio. Paste it only if Composio does not show it (deliveries signed with either are accepted).',
				displayOptions: { show: { subscription: ['existing'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allow Another Subscription URL',
						name: 'allowOtherUrl',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept a subscription that sends to another URL, for example a proxy that forwards deliveries to this node unchanged',
						displayOptions: { show: { '/subscription': ['existing'] } },
					},
					{
						displayName: 'Timestamp Tolerance (Seconds)',
						name: 'toleranceSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							'Refuse deliveries whose webhook-timestamp is further than this from now (replay protection). 0 turns the check off (not recommended).',
					},
				],
			},
		],
	};

	methods = { credentialTest };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (readMode.call(this) === 'existing') {
					// Nothing to create: validate the pasted secret and the project's subscription.
					await checkAttached.call(this);
					return true;
				}
				return await ownSubscriptionIsCurrent.call(this, this.getWorkflowStaticData('node'));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (readMode.call(this) === 'existing') return true;
				await createOwnSubscription.call(this, this.getWorkflowStaticData('node'));
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (readMode.call(this) === 'existing') return true;
				await deleteOwnSubscription.call(this, this.getWorkflowStaticData('node'));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}

	/**
	 * Runs inside the execution a delivery starts and passes its item on. It records the delivery
	 * id (webhook() only reads): n8n saves the static data an execution changed when the execution
	 * ends (n8n 2.40 drops what webhook() changed when it prepares the execution). It writes only
	 * the id store and only when an id is new, so it never writes back anything else it read when the
	 * delivery arrived (n8n saves static data last-writer-wins). The ids webhook() read travel in the
	 * item and are merged here: n8n 2.40.7's queue-mode worker runs this without the workflow's
	 * static data and saves what it leaves, which would otherwise keep only this delivery's id.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const carried: IDataObject = {};
		const ids: string[] = [];
		const output = items.map((item, index) => {
			const { [CARRIED_DELIVERIES_KEY]: seen, ...json } = item.json;
			if (seen && typeof seen === 'object' && !Array.isArray(seen)) {
				Object.assign(carried, seen);
			}
			if (typeof json.webhook_id === 'string' && json.webhook_id !== '') ids.push(json.webhook_id);
			return { json, pairedItem: { item: index } };
		});
		if (ids.length) {
			recordDeliveries(
				this.getWorkflowStaticData('node'),
				ids,
				Math.floor(Date.now() / 1000),
				carried,
			);
		}
		return [output];
	}
}
