/**
 * The Execute Tool node's description as n8n reads it: usable as an AI tool, the subtitle n8n
 * evaluates from the Tool parameter, displayOptions that refer to existing parameters, and the
 * parameters each account and arguments choice resolves to.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { ComposioExecuteTool } from '../../nodes/ComposioExecuteTool/ComposioExecuteTool.node';
import { bareNode, EXECUTE_TOOL } from '../harness/builders';
import { checkDisplayOptions, resolvedParameters } from '../harness/description';
import { Engine } from '../harness/engine';

const { description } = new ComposioExecuteTool();
const properties = description.properties;

function parametersFor(values: INodeParameters): INodeParameters {
	return resolvedParameters(properties, values);
}

function subtitle(parameters: INodeParameters): unknown {
	const engine = new Engine({ credentials: { apiKey: 'ak_x', baseUrl: 'http://127.0.0.1:1' } });
	const node = bareNode('Execute', EXECUTE_TOOL, parameters);
	return engine
		.workflow([node])
		.expression.getSimpleParameterValue(node, description.subtitle as string, 'internal', {});
}

describe('Execute Tool description', () => {
	it('is a regular node usable as an AI tool, described for a model', () => {
		expect(description).toMatchObject({
			displayName: 'Composio Execute Tool',
			name: 'composioExecuteTool',
			usableAsTool: true,
		});
		expect(description.description).toContain('for one end user');
		expect(properties.some((p) => p.name === 'resource' || p.name === 'operation')).toBe(false);
	});

	it('the subtitle shows the tool', () => {
		expect(subtitle({ tool: { __rl: true, mode: 'list', value: 'GMAIL_SEND_EMAIL' } })).toBe(
			'GMAIL_SEND_EMAIL',
		);
		expect(subtitle({ tool: { __rl: true, mode: 'list', value: '' } })).toBe('Execute a tool');
	});

	it('displayOptions only refer to parameters that exist', () => {
		checkDisplayOptions(properties);
		const options = properties.find((p) => p.name === 'options') as INodeProperties;
		const optionNames = (options.options as INodeProperties[]).map((o) => o.displayName);
		expect(optionNames).toEqual([...optionNames].sort((a, b) => a.localeCompare(b)));
	});

	it('each choice resolves to its own parameters and the documented defaults', () => {
		expect(parametersFor({})).toMatchObject({
			toolkit: '',
			userId: '',
			accountSelection: 'default',
			version: 'newest',
			argumentsMode: 'defineBelow',
			arguments: { mappingMode: 'defineBelow', value: null },
			options: {},
		});
		expect(parametersFor({})).not.toHaveProperty('connectedAccount');
		expect(parametersFor({})).not.toHaveProperty('argumentsJson');
		expect(parametersFor({ accountSelection: 'specific' })).toHaveProperty('connectedAccount', {
			__rl: true,
			mode: 'list',
			value: '',
		});
		expect(parametersFor({ accountSelection: 'alias' })).toHaveProperty('accountAlias', '');
		const json = parametersFor({ argumentsMode: 'json' });
		expect(json).toHaveProperty('argumentsJson', '{}');
		expect(json).not.toHaveProperty('arguments');
	});
});
