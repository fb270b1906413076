import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/** Shorter values are not treated as secrets (replacing them would mangle ordinary text). */
const MIN_SECRET_LENGTH = 8;

function usableSecrets(secrets: readonly unknown[]): string[] {
	const out: string[] = [];
	for (const secret of secrets) {
		if (typeof secret !== 'string') continue;
		for (const form of [secret, secret.trim()]) {
			if (form.length >= MIN_SECRET_LENGTH && !out.includes(form)) out.push(form);
		}
	}
	// Longest first, so a secret that contains another is replaced whole.
	return out.sort((a, b) => b.length - a.length);
}

function replaceIn(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	return out;
}

function deep(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return replaceIn(value, secrets);
	if (Array.isArray(value)) return value.map((v) => deep(v, secrets));
	if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			out[replaceIn(key, secrets)] = deep(v, secrets) as IDataObject[string];
		}
		return out;
	}
	return value;
}

/**
 * `value` with every occurrence of a secret (the API key) replaced by "[redacted]", in strings at
 * any depth, keys included. Composio never sends the key back, but a server that echoes requests
 * (a proxy error page listing the request headers, a debugging endpoint behind a wrong Base URL)
 * would: without this the key would land in output items, error messages and execution logs.
 * Returns `value` itself when no secret occurs in it.
 */
export function redactSecrets<T>(value: T, secrets: readonly unknown[]): T {
	const usable = usableSecrets(secrets);
	if (!usable.length || value === null || value === undefined) return value;
	if (typeof value === 'string') return replaceIn(value, usable) as T;
	if (typeof value !== 'object') return value;
	let text: string | undefined;
	try {
		text = JSON.stringify(value);
	} catch {
		text = undefined;
	}
	if (text !== undefined && !usable.some((secret) => text.includes(secret))) return value;
	return deep(value, usable) as T;
}
