import type { IDataObject } from 'n8n-workflow';

/**
 * Composio masks secrets in connected-account responses as the first 4 characters followed by `...`
 * (since 2025-12-10; shorter secrets show fewer characters); older responses used the literal `REDACTED`.
 */
const MASKED = /^[\s\S]{0,4}\.\.\.$/;

/** Fields Composio always masks for accounts on Composio-managed auth configs (since 2026-04-22). */
const ALWAYS_MASKED_WHEN_MANAGED = new Set(['access_token', 'refresh_token', 'authorization']);

export type MaskedReason = 'composio_managed_auth_config' | 'project_masking_setting';

export function isMaskedValue(value: unknown): boolean {
	return typeof value === 'string' && (value === 'REDACTED' || MASKED.test(value));
}

/** Dotted paths of every masked string in `value` (objects and arrays are searched). */
export function maskedPaths(value: unknown, prefix = ''): string[] {
	if (isMaskedValue(value)) return [prefix];
	const out: string[] = [];
	if (Array.isArray(value)) {
		value.forEach((entry, i) => out.push(...maskedPaths(entry, `${prefix}[${i}]`)));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			out.push(...maskedPaths(entry, prefix ? `${prefix}.${key}` : key));
		}
	}
	return out;
}

function lastSegment(path: string): string {
	const parts = path.replace(/\[\d+\]/g, '').split('.');
	return parts[parts.length - 1].toLowerCase();
}

const NOTES: Record<MaskedReason, string> = {
	composio_managed_auth_config:
		'Composio always masks the access and refresh tokens of accounts on Composio-managed auth configs; they cannot be read through the API. Tools run by Composio still use the real values.',
	project_masking_setting:
		'Composio masked these values (first 4 characters followed by "..."): the project setting "Mask Connected Account Secrets" is on. Masked values are not usable as credentials.',
};

/**
 * The credential view of a connected account: its auth scheme, the fields of `state.val` (without the
 * status), and whether Composio masked any of them and why, so nobody mistakes `abcd...` for a token.
 */
export function credentialsOf(account: IDataObject): IDataObject {
	const state = (account.state as IDataObject | undefined) ?? {};
	const val =
		(state.val as IDataObject | undefined) ?? (account.data as IDataObject | undefined) ?? {};
	const fields: IDataObject = {};
	for (const [key, value] of Object.entries(val)) {
		if (key !== 'status') fields[key] = value;
	}
	const authConfig = (account.auth_config as IDataObject | undefined) ?? {};
	const maskedFields = maskedPaths(fields);
	let maskedReason: MaskedReason | null = null;
	if (maskedFields.length) {
		const managedOnly =
			authConfig.is_composio_managed === true &&
			maskedFields.every((path) => ALWAYS_MASKED_WHEN_MANAGED.has(lastSegment(path)));
		maskedReason = managedOnly ? 'composio_managed_auth_config' : 'project_masking_setting';
	}
	const out: IDataObject = {
		id: account.id,
		user_id: account.user_id ?? null,
		toolkit: (account.toolkit as IDataObject | undefined)?.slug ?? null,
		status: account.status,
		authScheme: state.authScheme ?? authConfig.auth_scheme ?? null,
		fields,
		masked: maskedFields.length > 0,
		maskedReason,
		maskedFields,
	};
	if (maskedReason) out.note = NOTES[maskedReason];
	return out;
}
