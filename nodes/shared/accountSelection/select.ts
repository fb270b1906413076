import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inputError, optionalHttpUrl, requireId, requireString } from '../validation';
import { isObject } from '../values';
import { runCache } from './cache';
import { notConnectedResult } from './connectLink';
import { noUsableAccountError } from './errors';
import type { AccountChoice, AccountMode, AccountRequest, AccountResolution } from './resolve';
import { resolveAccount } from './resolve';

const ACCOUNT_MODES: AccountMode[] = ['default', 'specific', 'alias'];

/** What to do when the user has no usable account: an error, or a Connect Link as the result. */
export interface ConnectLinkChoice {
	offer: boolean;
	/** From "Auth Config for Connect Links"; default: the toolkit's first enabled one. */
	authConfigId?: string;
	callbackUrl?: string;
}

/** Reads and checks the Account, Connected Account and Account Alias parameters of one item. */
export function readAccountChoice(this: IExecuteFunctions, itemIndex: number): AccountChoice {
	const node = this.getNode();
	const mode = this.getNodeParameter('accountSelection', itemIndex, 'default') as AccountMode;
	if (!ACCOUNT_MODES.includes(mode)) {
		throw inputError(node, 'Account', `unknown choice "${String(mode)}"`, itemIndex);
	}
	if (mode === 'specific') {
		const id = this.getNodeParameter('connectedAccount', itemIndex, '', { extractValue: true });
		return {
			mode,
			connectedAccountId: requireId(node, 'Connected Account', id, 'ca', itemIndex),
		};
	}
	if (mode === 'alias') {
		const alias = this.getNodeParameter('accountAlias', itemIndex, '');
		return { mode, alias: requireString(node, 'Account Alias', alias, itemIndex) };
	}
	return { mode };
}

/** A resource locator value from a collection option (`{mode, value}`) or a plain string. */
function locatorValue(value: unknown): unknown {
	return isObject(value) && 'value' in value ? value.value : value;
}

/** Reads and checks the Connect Link options (auth config, callback URL) of one item. */
export function readConnectLinkChoice(
	this: IExecuteFunctions,
	itemIndex: number,
	options: { offer: boolean; authConfig?: unknown; callbackUrl?: unknown },
): ConnectLinkChoice {
	const node = this.getNode();
	const callbackUrl = optionalHttpUrl(
		node,
		'Options → Connect Link Callback URL',
		options.callbackUrl,
		itemIndex,
	);
	const authConfig = locatorValue(options.authConfig);
	const authConfigId =
		authConfig === undefined || authConfig === ''
			? undefined
			: requireId(node, 'Options → Auth Config for Connect Links', authConfig, 'ac', itemIndex);
	return { offer: options.offer, authConfigId, callbackUrl };
}

export type AccountSelection =
	| Extract<AccountResolution, { kind: 'account' }>
	/** No usable account and a Connect Link was asked for: the result to return instead. */
	| { kind: 'connectLink'; result: IDataObject };

/** What choosing one item's account needs: whose, which, and what to do without a usable one. */
export interface AccountInput {
	userId: string;
	account: AccountChoice;
	connectLink: ConnectLinkChoice;
	/** User's Default: fail instead of picking when the user has several ACTIVE accounts. */
	failWhenSeveral: boolean;
}

/**
 * The account the item runs with (see resolveAccount). Without a usable one, the item fails, or —
 * when asked for and the user's account is not merely disabled — its result is a Connect Link.
 * `target` names the toolkit and, for messages, what needs the account (a tool slug, "Proxy Request").
 */
export async function selectAccount(
	this: IExecuteFunctions,
	input: AccountInput,
	target: { toolkit: string; tool: string; itemIndex: number },
): Promise<AccountSelection> {
	const cache = runCache(this);
	const request: AccountRequest = {
		...input.account,
		...target,
		userId: input.userId,
		requireSingle: input.failWhenSeveral,
	};
	const choice = await resolveAccount.call(this, cache, request);
	if (choice.kind === 'account') return choice;
	const paused = choice.alias === undefined && choice.accounts.some((a) => a.status === 'INACTIVE');
	if (!input.connectLink.offer || paused) {
		throw noUsableAccountError.call(this, request, choice.accounts, choice.alias, choice.account);
	}
	const result = await notConnectedResult.call(this, cache, {
		...target,
		userId: input.userId,
		alias: choice.alias,
		aliasHeldBy: choice.account,
		authConfigId: input.connectLink.authConfigId,
		callbackUrl: input.connectLink.callbackUrl,
	});
	return { kind: 'connectLink', result };
}
