import type { INodeProperties } from 'n8n-workflow';

import { authConfigListAndIdModes, connectedAccountLocator } from '../descriptions';

/** How a node's account parameters read: what the account does, and whose toolkit it is of. */
export interface AccountTexts {
	/** e.g. "runs the tool", "makes the request". */
	does: string;
	/** e.g. "the tool’s toolkit", "the toolkit". */
	toolkit: string;
	/** The list search of the user's accounts of that toolkit. */
	accountSearch: string;
}

/** Account (User's Default, Specific Account, By Alias) and the parameter each choice needs. */
export function accountSelectionProperties(texts: AccountTexts): INodeProperties[] {
	return [
		{
			displayName: 'Account',
			name: 'accountSelection',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'User’s Default',
					value: 'default',
					description: `The user’s most recent ACTIVE account of ${texts.toolkit}`,
				},
				{
					name: 'Specific Account',
					value: 'specific',
					description: 'One connected account, by ID or from the user’s accounts',
				},
				{
					name: 'By Alias',
					value: 'alias',
					description: `The user’s account of ${texts.toolkit} with this alias (e.g. work)`,
				},
			],
			default: 'default',
			description: `Which of the user’s connected accounts ${texts.does}`,
			hint: `A chosen account is checked first: it must exist, belong to the user, be of ${texts.toolkit} and be ACTIVE`,
		},
		{
			...connectedAccountLocator,
			description: `The account that ${texts.does}`,
			displayOptions: { show: { accountSelection: ['specific'] } },
			// The list shows only the user's accounts of the toolkit; no URL mode here.
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select an account...',
					typeOptions: { searchListMethod: texts.accountSearch, searchable: true },
				},
				...(connectedAccountLocator.modes ?? []).filter((mode) => mode.name === 'id'),
			],
		},
		{
			displayName: 'Account Alias',
			name: 'accountAlias',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. work',
			description: 'The alias of the user’s account to use, matched ignoring case',
			hint: 'An exact match wins. No match, or several, is an error that says so.',
			displayOptions: { show: { accountSelection: ['alias'] } },
		},
	];
}

/** The Options entries about accounts and Connect Links, each placed in its node's sorted list. */
export function accountOptions(
	texts: Pick<AccountTexts, 'toolkit'> & { authConfigSearch: string },
): Record<'authConfig' | 'callbackUrl' | 'failWhenSeveral' | 'returnConnectLink', INodeProperties> {
	return {
		authConfig: {
			displayName: 'Auth Config for Connect Links',
			name: 'authConfig',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description: `The auth config a Connect Link connects the user with. Default: the first enabled auth config of ${texts.toolkit}.`,
			modes: authConfigListAndIdModes(texts.authConfigSearch),
		},
		callbackUrl: {
			displayName: 'Connect Link Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://app.example.com/connected',
			description:
				'Where Composio sends the user after they connect through a returned Connect Link',
		},
		failWhenSeveral: {
			displayName: 'Fail When Several Accounts Match',
			name: 'failWhenSeveral',
			type: 'boolean',
			default: false,
			description:
				'Whether "User’s Default" fails when the user has more than one ACTIVE account of the toolkit, instead of using the most recent one',
		},
		returnConnectLink: {
			displayName: 'Return Connect Link When Not Connected',
			name: 'returnConnectLink',
			type: 'boolean',
			default: false,
			description:
				'Whether a user without a usable account gets a result with connected: false and a fresh Connect Link (connect_url) instead of an error',
			hint: 'For AI agents, which can ask the user to connect. Not offered when the user’s account is disabled (INACTIVE).',
		},
	};
}
