export const EVENT_ACCOUNT_EXPIRED = 'composio.connected_account.expired';
export const EVENT_TRIGGER_DISABLED = 'composio.trigger.disabled';
export const EVENT_TRIGGER_MESSAGE = 'composio.trigger.message';

/** The event types Composio documents (all with V3 payloads). */
export const WEBHOOK_EVENTS = [
	{
		name: 'Connected Account Expired',
		value: EVENT_ACCOUNT_EXPIRED,
		description:
			"An end user's connected account expired (for example its refresh token stopped working); the user must reconnect",
	},
	{
		name: 'Trigger Disabled',
		value: EVENT_TRIGGER_DISABLED,
		description:
			'Composio disabled a trigger instance automatically (for example its account expired)',
	},
	{
		name: 'Trigger Message',
		value: EVENT_TRIGGER_MESSAGE,
		description: 'A Composio trigger instance fired (a new email, a new issue, …)',
	},
] as const;

/** Same URL for Composio's purposes: trailing slashes and letter case of the host do not matter. */
export function sameWebhookUrl(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	const normalise = (value: string) => {
		try {
			const url = new URL(value.trim());
			return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
		} catch {
			return value.trim().replace(/\/+$/, '');
		}
	};
	return normalise(a) === normalise(b);
}

export function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((event, i) => event === right[i]);
}

/** A secret as the v3 API shows it outside create and rotate (first 4 characters + `...`). */
export function isMaskedSecret(secret: string): boolean {
	return secret.endsWith('...') || secret.includes('*');
}
