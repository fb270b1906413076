/**
 * The Connected Account node's description as n8n reads it: every operation has an agent-readable
 * action, displayOptions only refer to parameters that exist, and n8n resolves each operation's
 * parameters (several operations share names such as "options" or "dryRun") to the intended defaults.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ComposioConnectedAccount } from '../../nodes/ComposioConnectedAccount/ComposioConnectedAccount.node';
import { checkDisplayOptions, resolvedParameters } from '../harness/description';

const { description } = new ComposioConnectedAccount();
const properties = description.properties;
const operation = properties.find((p) => p.name === 'operation') as INodeProperties;
const operations = (operation.options ?? []) as INodePropertyOptions[];

function parametersFor(values: INodeParameters): INodeParameters {
	return resolvedParameters(properties, { resource: 'connectedAccount', ...values });
}

describe('Connected Account description', () => {
	it('is usable as an AI tool and every operation has an action sentence', () => {
		expect(description.displayName).toBe('Composio Connected Account');
		expect(description.usableAsTool).toBe(true);
		expect(operations.map((o) => o.name)).toEqual([
			'Connect',
			'Delete',
			'Disable',
			'Enable',
			'Get',
			'Get Credentials',
			'Get Many',
			'Refresh',
			'Revoke',
			'Update',
			'Wait for Connection',
		]);
		for (const option of operations) {
			expect(option.action).toMatch(/^[A-Z][a-z]+ .+[a-z]$/);
			expect(option.description).toEqual(expect.any(String));
		}
	});

	it('displayOptions only refer to parameters that exist', () => {
		checkDisplayOptions(properties);
	});

	it('every operation resolves to its own parameters and defaults', () => {
		expect(parametersFor({ operation: 'delete', target: 'filter' })).toMatchObject({
			target: 'filter',
			dryRun: true,
			filters: {},
			options: {},
		});
		expect(parametersFor({ operation: 'revoke', target: 'filter' }).dryRun).toBe(true);
		expect(parametersFor({ operation: 'disable', target: 'filter' }).dryRun).toBe(false);
		expect(parametersFor({ operation: 'enable', target: 'filter' }).dryRun).toBe(false);

		const single = parametersFor({ operation: 'disable' });
		expect(single.target).toBe('single');
		expect(single).toHaveProperty('connectedAccount');
		expect(single).not.toHaveProperty('dryRun');
		expect(single).not.toHaveProperty('filters');

		expect(parametersFor({ operation: 'connect' })).toMatchObject({
			userId: '',
			method: 'link',
			options: {},
		});
		expect(parametersFor({ operation: 'connect' })).not.toHaveProperty('apiKey');
		expect(
			parametersFor({ operation: 'connect', method: 'initiate', authScheme: 'BASIC' }),
		).toMatchObject({ username: '', password: '' });
		expect(parametersFor({ operation: 'waitForConnection' })).toMatchObject({
			timeout: 60,
			simplify: true,
		});
	});

	it('Target lists One Account (the default) first; filter runs offer Output and Fail When Nothing Matches', () => {
		for (const op of ['enable', 'disable', 'delete', 'revoke']) {
			const targets = properties.filter(
				(p) => p.name === 'target' && p.displayOptions?.show?.operation?.includes(op),
			);
			expect(targets).toHaveLength(1);
			expect(targets[0].default).toBe('single');
			expect((targets[0].options as INodePropertyOptions[]).map((o) => o.value)).toEqual([
				'single',
				'filter',
			]);
			const options = properties.find(
				(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes(op),
			);
			const names = ((options?.options ?? []) as INodeProperties[]).map((o) => o.name);
			expect(names).toEqual(expect.arrayContaining(['output', 'failWhenNothingMatches']));
			const output = (options?.options as INodeProperties[]).find((o) => o.name === 'output');
			expect(output?.default).toBe('eachAccount');
			expect((output?.options as INodePropertyOptions[]).map((o) => [o.name, o.value])).toEqual([
				['Each Account', 'eachAccount'],
				['Summary', 'summary'],
			]);
			expect(names.includes('reportPreviousStatus')).toBe(op === 'enable' || op === 'disable');
		}
	});
});
