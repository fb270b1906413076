import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listConnectedAccounts, simplifyAccount } from '../../../shared/api/connectedAccounts';
import { readAccountFilters } from '../../../shared/accountFilters';
import { accountFilters, returnAllOrLimit, simplifyOption } from '../../../shared/descriptions';
import { readOptions } from '../../helpers/targetSettings';
import { inputError, readBooleanParameter, requireInteger } from '../../../shared/validation';

const SORT_FIELDS = ['created_at', 'updated_at'];
const SORT_DIRECTIONS = ['desc', 'asc'];

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	accountFilters,
	simplifyOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				default: 'created_at',
				description: 'Which timestamp to order the accounts by',
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = readBooleanParameter.call(this, 'returnAll', 'Return All', itemIndex, false);
	const limit = returnAll
		? undefined
		: requireInteger(node, 'Limit', this.getNodeParameter('limit', itemIndex, 50), itemIndex, {
				min: 1,
				max: 1_000_000,
			});
	const filters = readAccountFilters.call(this, itemIndex);
	const options = readOptions.call(this, itemIndex);
	const sortBy = (options.sortBy as string | undefined) ?? 'created_at';
	const sortDirection = (options.sortDirection as string | undefined) ?? 'desc';
	if (!SORT_FIELDS.includes(sortBy)) {
		throw inputError(
			node,
			'Options → Sort By',
			`"${sortBy}" is not one of ${SORT_FIELDS.join(', ')}`,
			itemIndex,
		);
	}
	if (!SORT_DIRECTIONS.includes(sortDirection)) {
		throw inputError(
			node,
			'Options → Sort Direction',
			`"${sortDirection}" is not one of ${SORT_DIRECTIONS.join(', ')}`,
			itemIndex,
		);
	}
	const simplify = readBooleanParameter.call(this, 'simplify', 'Simplify', itemIndex, true);

	const accounts = await listConnectedAccounts.call(
		this,
		{ ...filters, order_by: sortBy, order_direction: sortDirection },
		{ max: limit, itemIndex },
	);
	return simplify ? accounts.map(simplifyAccount) : accounts;
}
