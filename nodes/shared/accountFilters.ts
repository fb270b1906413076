import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { AccountStatus } from './api/connectedAccounts';
import { ACCOUNT_STATUSES } from './api/connectedAccounts';
import { truncate } from './transport/url';
import { inputError, parseList, requireFilterList, requireId } from './validation';
import { describeValue } from './values';

export interface AccountFilters {
	user_ids?: string[];
	statuses?: string[];
	toolkit_slugs?: string[];
	auth_config_ids?: string[];
	connected_account_ids?: string[];
}

/**
 * Reads the shared "Filters" collection (user IDs, statuses, toolkits, auth configs, account IDs)
 * into the list endpoint's query, validating each value before any request.
 */
export function readAccountFilters(
	this: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'filters',
): AccountFilters {
	const raw = this.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	return parseAccountFilters(this.getNode(), raw, itemIndex, parameterName);
}

/** Connected account statuses from a multi-select or an expression (any case); may be empty. */
export function parseStatuses(
	node: INode,
	field: string,
	value: unknown,
	itemIndex: number,
): AccountStatus[] {
	return checkStatuses(
		node,
		field,
		parseList(node, field, value, itemIndex).map((s) => s.toUpperCase()),
		itemIndex,
	);
}

function checkStatuses(
	node: INode,
	field: string,
	statuses: string[],
	itemIndex: number,
): AccountStatus[] {
	for (const status of statuses) {
		if (!(ACCOUNT_STATUSES as readonly string[]).includes(status)) {
			throw inputError(
				node,
				field,
				`"${status}" is not a connected account status`,
				itemIndex,
				`Use one or more of ${ACCOUNT_STATUSES.join(', ')}.`,
			);
		}
	}
	return statuses as AccountStatus[];
}

/** The filter fields: parameter name, name in messages, query key, and how one entry is checked. */
const FILTER_FIELDS: Array<{
	name: string;
	field: string;
	key: keyof AccountFilters;
	check: (node: INode, field: string, entries: string[], itemIndex: number) => string[];
}> = [
	{ name: 'userIds', field: 'Filters → User IDs', key: 'user_ids', check: (_n, _f, e) => e },
	{
		name: 'statuses',
		field: 'Filters → Statuses',
		key: 'statuses',
		check: (node, field, entries, itemIndex) =>
			checkStatuses(
				node,
				field,
				entries.map((s) => s.toUpperCase()),
				itemIndex,
			),
	},
	{
		name: 'toolkitSlugs',
		field: 'Filters → Toolkits',
		key: 'toolkit_slugs',
		check: (_n, _f, entries) => entries.map((s) => s.toLowerCase()),
	},
	{
		name: 'authConfigIds',
		field: 'Filters → Auth Configs',
		key: 'auth_config_ids',
		check: (node, field, entries, itemIndex) =>
			entries.map((id) => requireId(node, field, id, 'ac', itemIndex)),
	},
	{
		name: 'connectedAccountIds',
		field: 'Filters → Connected Account IDs',
		key: 'connected_account_ids',
		check: (node, field, entries, itemIndex) =>
			entries.map((id) => requireId(node, field, id, 'ca', itemIndex)),
	},
];

/**
 * The "Filters" collection's value (as any context reads it, e.g. a poll's `getNodeParameter`)
 * turned into the list endpoint's query, each value validated. A field counts as set when the
 * collection holds it (resolved, or in the node's own parameters); a set field that resolves to
 * nothing is an error, never "no filter" (see requireFilterList).
 */
export function parseAccountFilters(
	node: INode,
	raw: IDataObject,
	itemIndex = 0,
	parameterName = 'filters',
): AccountFilters {
	const stored = node.parameters?.[parameterName];
	const isSet = (name: string) =>
		Object.prototype.hasOwnProperty.call(raw ?? {}, name) ||
		(typeof stored === 'object' &&
			stored !== null &&
			Object.prototype.hasOwnProperty.call(stored, name));
	if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
		throw inputError(
			node,
			'Filters',
			`expected a collection of filters but got ${describeValue(raw)}`,
			itemIndex,
		);
	}
	const filters: AccountFilters = {};
	for (const { name, field, key, check } of FILTER_FIELDS) {
		if (!isSet(name)) continue;
		const entries = requireFilterList(node, field, raw?.[name], itemIndex);
		filters[key] = check(node, field, entries, itemIndex);
	}
	return filters;
}

/** The filters that name whose accounts these are; Statuses and Toolkits alone span the project. */
export const NARROWING_FILTERS: ReadonlyArray<keyof AccountFilters> = [
	'user_ids',
	'auth_config_ids',
	'connected_account_ids',
];

/** The filters as a short text for messages and hints, e.g. `user_ids: user_1; statuses: ACTIVE`. */
export function describeFilters(filters: AccountFilters): string {
	const parts = Object.entries(filters)
		.filter(([, values]) => Array.isArray(values) && values.length > 0)
		.map(([key, values]) => `${key}: ${truncate((values as string[]).join(', '), 120)}`);
	return parts.length ? parts.join('; ') : 'no filter';
}
