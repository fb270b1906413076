import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeAccount } from '../../shared/accountSelection/errors';
import type { ToolExecution } from '../../shared/api/tools';
import type { ConnectedAccount } from '../../shared/api/types';
import { isObject } from '../../shared/values';
import type { ExecuteInput } from './input';
import type { ResolvedTool } from './tools';

const severalHinted = new WeakMap<object, Set<string>>();

/**
 * User's Default picked the newest of several ACTIVE accounts (Composio's rule): said on every such
 * run as an execution hint, once per user and toolkit.
 */
export function severalAccountsHint(
	this: IExecuteFunctions,
	userId: string,
	toolkit: string,
	used: ConnectedAccount,
	others: ConnectedAccount[],
): void {
	const key = `${userId}\u0000${toolkit}`;
	let hinted = severalHinted.get(this);
	if (!hinted) {
		hinted = new Set();
		severalHinted.set(this, hinted);
	}
	if (hinted.has(key)) return;
	hinted.add(key);
	const count = others.length;
	this.addExecutionHints({
		message: `User's Default for user "${userId}" used ${describeAccount(used)}, the most recently connected of ${count + 1} ACTIVE ${toolkit} accounts; ${count} other${count === 1 ? '' : 's'} matched (${others.map((a) => String(a.id)).join(', ')}). Choose one By Alias or as Specific Account, or turn on "Fail When Several Accounts Match".`,
		type: 'info',
		location: 'outputPane',
	});
}

/**
 * The item for a tool's result: the whole record (data, successful, error, log ID, and what ran), or
 * with Simplify only the tool's data. An unsuccessful result is an error unless the option says not.
 */
export function toolResult(
	this: IExecuteFunctions,
	input: ExecuteInput,
	resolved: ResolvedTool,
	accountId: string | undefined,
	result: ToolExecution,
	itemIndex: number,
): IDataObject {
	const { slug, userId, options } = input;
	const { version, toolkit } = resolved;
	const successful = result.successful === true;
	const error = typeof result.error === 'string' && result.error !== '' ? result.error : null;
	if (!successful && options.failOnUnsuccessful) {
		throw new NodeOperationError(
			this.getNode(),
			`${slug} was not successful: ${error ?? 'Composio gave no reason'}`,
			{
				itemIndex,
				description: [
					`Composio ran the tool (version ${version}${accountId ? `, connected account ${accountId}` : ''}) and it reported a failure${result.log_id ? `; log ID ${result.log_id}` : ''}.`,
					'Turn off "Fail on Unsuccessful Result" to receive such results as data instead.',
				].join(' '),
			},
		);
	}
	if (options.simplify) {
		const data = result.data;
		const simplified = isObject(data) ? data : { data: data as IDataObject[string] };
		// Handed over wrapped as `{json}`: n8n's returnJsonArray takes an object that has a `json` key
		// as a whole item, so a tool result with its own top-level `json` field would lose the rest.
		return { json: simplified };
	}
	return {
		data: (result.data ?? {}) as IDataObject,
		successful,
		error,
		log_id: result.log_id ?? null,
		tool: slug,
		version,
		toolkit,
		user_id: userId,
		connected_account_id: accountId ?? null,
	};
}
