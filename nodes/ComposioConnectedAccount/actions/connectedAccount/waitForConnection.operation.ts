import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyAccount } from '../../../shared/api/connectedAccounts';
import { connectedAccountLocator, simplifyOption } from '../../../shared/descriptions';
import {
	DEFAULT_WAIT_TIMEOUT_SECONDS,
	LINK_LIFETIME_SECONDS,
	readWaitSettings,
} from '../../helpers/waitForConnection';
import { optionalBoolean, readBooleanParameter } from '../../../shared/validation';
import { readAccountId } from '../../helpers/targetSettings';
import {
	failIfNotConnectedOption,
	pollIntervalOption,
	waitAndCheck,
	waitTimeoutDescription,
} from '../../helpers/wait';

const properties: INodeProperties[] = [
	{
		...connectedAccountLocator,
		description:
			'The account to wait for, usually the "connected_account_id" returned by Connect (e.g. {{ $json.connected_account_id }})',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: LINK_LIFETIME_SECONDS },
		default: DEFAULT_WAIT_TIMEOUT_SECONDS,
		description: waitTimeoutDescription,
	},
	simplifyOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [failIfNotConnectedOption, pollIntervalOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connectedAccount'], operation: ['waitForConnection'] } },
	properties,
);

/**
 * Polls the account until it is ACTIVE, stops at once on FAILED, EXPIRED or REVOKED, and gives up after
 * the timeout. The outcome is the `connection` field: active, failed, expired, revoked or timed_out.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readAccountId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const settings = readWaitSettings.call(
		this,
		itemIndex,
		{
			timeout: this.getNodeParameter('timeout', itemIndex, DEFAULT_WAIT_TIMEOUT_SECONDS),
			interval: options.pollInterval,
		},
		{ timeout: 'Timeout', interval: 'Options → Poll Interval' },
	);
	const simplify = readBooleanParameter.call(this, 'simplify', 'Simplify', itemIndex, true);
	const result = await waitAndCheck.call(
		this,
		id,
		{
			settings,
			failIfNotConnected: optionalBoolean(
				this.getNode(),
				'Options → Fail If Not Connected',
				options.failIfNotConnected,
				false,
				itemIndex,
			),
		},
		itemIndex,
	);
	return {
		connection: result.connection,
		...(simplify ? simplifyAccount(result.account) : result.account),
	};
}
