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
	// Looked for as JSON writes it: a key with `"`, `\` or a control character is escaped in `text`.
	const written = usable.map((secret) => JSON.stringify(secret).slice(1, -1));
	if (text !== undefined && !written.some((secret) => text.includes(secret))) return value;
	return deep(value, usable) as T;
}

/** A secret that JSON writes as itself: printable ASCII without `"`, `\` or `/` (which may be escaped). */
function writtenAsItself(secret: string): boolean {
	return /^[\x20-\x7e]*$/.test(secret) && !/["\\/]/.test(secret);
}

/**
 * `redactSecrets` for one set of secrets (the API key of a connection), prepared once: the transport
 * uses it for every answer.
 */
export interface SecretScanner {
	/** `value` with every secret replaced (`value` itself when none occurs). */
	redact<T>(value: T): T;
	/** Response headers (a flat object of strings or string lists), checked without serialising them. */
	redactHeaders(headers: IDataObject): IDataObject;
	/**
	 * Whether the value parsed from the JSON text `text` may contain a secret. False only when no
	 * secret occurs in the text as written and nothing in it is escaped in a way that could spell
	 * one (`\u` escapes; secrets with characters JSON may escape are always looked for in full).
	 */
	mayHide(text: string): boolean;
}

export function secretScanner(secrets: readonly unknown[]): SecretScanner {
	const usable = usableSecrets(secrets);
	const plain = usable.every(writtenAsItself);
	return {
		redact<T>(value: T): T {
			if (!usable.length || value === null || value === undefined) return value;
			if (typeof value === 'string') return replaceIn(value, usable) as T;
			if (typeof value !== 'object') return value;
			return redactSecrets(value, usable);
		},
		redactHeaders(headers: IDataObject): IDataObject {
			if (!usable.length) return headers;
			for (const [key, value] of Object.entries(headers)) {
				const texts = Array.isArray(value) ? value : [value];
				const hit =
					usable.some((secret) => key.includes(secret)) ||
					texts.some(
						(text) => typeof text !== 'string' || usable.some((secret) => text.includes(secret)),
					);
				if (hit) return redactSecrets(headers, usable);
			}
			return headers;
		},
		mayHide(text: string): boolean {
			if (!usable.length) return false;
			if (!plain || text.includes('\\u')) return true;
			for (const secret of usable) if (text.includes(secret)) return true;
			return false;
		},
	};
}
