/**
 * The two trigger nodes' descriptions as n8n reads them: triggers (no inputs, not AI tools), the
 * webhook trigger's endpoint and complete lifecycle, the polling trigger's `polling` flag, the
 * documented event types, displayOptions that refer to existing parameters, and the defaults n8n
 * fills in for a new node.
 */
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { ComposioAccountStatusTrigger } from '../../nodes/ComposioAccountStatusTrigger/ComposioAccountStatusTrigger.node';
import { ComposioTrigger } from '../../nodes/ComposioTrigger/ComposioTrigger.node';
import { checkDisplayOptions, resolvedParameters } from '../harness/description';

const webhookTrigger = new ComposioTrigger();
const pollTrigger = new ComposioAccountStatusTrigger();

function defaults(description: INodeTypeDescription, values: INodeParameters = {}) {
	return resolvedParameters(description.properties, values);
}

describe.each([
	['Composio Webhook Trigger', webhookTrigger.description],
	['Composio Account Status Trigger', pollTrigger.description],
])('%s', (displayName, description) => {
	it('says what it does in the node creator, which drops "Trigger" from a trigger with events', () => {
		// n8n 2.40's node creator: displayName.replace('Trigger', '') when the node has event actions.
		const shown = description.displayName.replace('Trigger', '').trim();
		expect(shown).not.toBe('Composio');
		expect(shown.split(' ').length).toBeGreaterThan(1);
		expect(description.properties.some((p) => p.name === 'events')).toBe(true);
	});

	it('is a trigger: name ends with Trigger, no inputs, one main output, not an AI tool', () => {
		expect(description.displayName).toBe(displayName);
		expect(description.name).toMatch(/Trigger$/);
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([
			{ name: 'composioApi', required: true, testedBy: 'composioApiTest' },
		]);
	});

	it('displayOptions only refer to parameters that exist', () => {
		checkDisplayOptions(description.properties);
	});
});

describe('Composio Trigger description', () => {
	const { description } = webhookTrigger;

	it('declares one POST webhook answered at once and the full lifecycle', () => {
		expect(description.webhooks).toEqual([
			expect.objectContaining({
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			}),
		]);
		expect(Object.keys(webhookTrigger.webhookMethods.default).sort()).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
		expect(description.eventTriggerDescription).toEqual(expect.any(String));
		expect(description.activationMessage).toEqual(expect.any(String));
	});

	it('offers the three documented events and defaults to the expiry, creating a subscription only if none exists', () => {
		const events = description.properties.find((p) => p.name === 'events');
		expect((events?.options ?? []).map((o) => (o as { value: string }).value)).toEqual([
			'composio.connected_account.expired',
			'composio.trigger.disabled',
			'composio.trigger.message',
		]);
		expect(defaults(description)).toEqual({
			events: ['composio.connected_account.expired'],
			subscription: 'createIfNone',
			createNotice: '',
			options: {},
		});
		expect(defaults(description, { subscription: 'existing' })).toEqual({
			events: ['composio.connected_account.expired'],
			subscription: 'existing',
			secret: '',
			options: {},
		});
	});

	it('keeps the pasted secret in a password field', () => {
		const secret = description.properties.find((p) => p.name === 'secret');
		expect(secret?.typeOptions?.password).toBe(true);
	});
});

describe('Composio Account Status Trigger description', () => {
	const { description } = pollTrigger;

	it('is a polling trigger watching status changes by default, with filters but no status filter', () => {
		expect(description.polling).toBe(true);
		expect(defaults(description)).toEqual({
			events: ['statusChanged'],
			filters: {},
			options: {},
		});
		const filters = description.properties.find((p) => p.name === 'filters');
		expect((filters?.options ?? []).map((o) => (o as INodeProperties).name)).toEqual([
			'authConfigIds',
			'connectedAccountIds',
			'toolkitSlugs',
			'userIds',
		]);
		expect(Object.keys(pollTrigger.methods.loadOptions).sort()).toEqual([
			'getAuthConfigs',
			'getToolkits',
		]);
	});
});
