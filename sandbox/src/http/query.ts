import { badRequest, validationError } from './errors';

/**
 * Query string access built on the raw query (not Express's parser) so that every
 * encoding the clients use is understood: comma-joined lists (`statuses=ACTIVE,EXPIRED`,
 * what the official clients send), repeated keys (`statuses=ACTIVE&statuses=EXPIRED`),
 * `key[]=` forms and bracket maps (`toolkit_versions[gmail]=20251111_00`).
 */
export class Query {
	readonly raw: string;
	private readonly params: URLSearchParams;

	constructor(raw: string) {
		this.raw = raw;
		this.params = new URLSearchParams(raw);
	}

	static fromUrl(originalUrl: string): Query {
		const index = originalUrl.indexOf('?');
		return new Query(index === -1 ? '' : originalUrl.slice(index + 1));
	}

	/** All keys with all values, in order. */
	toRecord(): Record<string, string[]> {
		const out: Record<string, string[]> = {};
		for (const [key, value] of this.params) (out[key] ??= []).push(value);
		return out;
	}

	has(name: string): boolean {
		return this.params.has(name) || this.params.has(`${name}[]`);
	}

	/** Last non-empty value of a scalar parameter. */
	string(name: string): string | undefined {
		const values = this.params.getAll(name).filter((v) => v !== '');
		return values.length ? values[values.length - 1] : undefined;
	}

	/** Comma-joined and/or repeated list, trimmed, empty entries dropped; `undefined` when absent. */
	list(name: string): string[] | undefined {
		const raw = [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)];
		if (!raw.length) return undefined;
		const items = raw
			.flatMap((v) => v.split(','))
			.map((v) => v.trim())
			.filter((v) => v !== '');
		return items.length ? items : undefined;
	}

	enumList<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
		const items = this.list(name);
		if (!items) return undefined;
		const invalid = items.filter((v) => !(allowed as readonly string[]).includes(v));
		if (invalid.length) {
			throw validationError(
				invalid.map((v) => `${name}: invalid value '${v}', expected one of ${allowed.join(', ')}`),
				`Invalid value for query parameter '${name}'`,
			);
		}
		return items as T[];
	}

	enumValue<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
		const value = this.string(name);
		if (value === undefined) return fallback;
		if (!(allowed as readonly string[]).includes(value)) {
			throw validationError(
				[`${name}: invalid value '${value}', expected one of ${allowed.join(', ')}`],
				`Invalid value for query parameter '${name}'`,
			);
		}
		return value as T;
	}

	boolean(name: string): boolean | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		const lower = value.toLowerCase();
		if (lower === 'true' || lower === '1') return true;
		if (lower === 'false' || lower === '0') return false;
		throw validationError(
			[`${name}: expected a boolean, got '${value}'`],
			`Invalid value for query parameter '${name}'`,
		);
	}

	integer(name: string, min: number, max: number): number | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		const n = Number(value);
		if (!Number.isInteger(n)) {
			throw validationError(
				[`${name}: expected an integer, got '${value}'`],
				`Invalid value for query parameter '${name}'`,
			);
		}
		if (n < min || n > max) {
			throw validationError(
				[`${name}: must be between ${min} and ${max}, got ${n}`],
				`Invalid value for query parameter '${name}'`,
			);
		}
		return n;
	}

	/** Bracket map `name[key]=value` → `{ key: value }`; `undefined` when no such keys. */
	bracketMap(name: string): Record<string, string> | undefined {
		const out: Record<string, string> = {};
		const prefix = `${name}[`;
		let found = false;
		for (const [key, value] of this.params) {
			if (key.startsWith(prefix) && key.endsWith(']') && key.length > prefix.length + 1) {
				out[key.slice(prefix.length, -1)] = value;
				found = true;
			}
		}
		return found ? out : undefined;
	}
}

export function optionalString(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string')
		throw badRequest(`'${field}' must be a string`, { errors: [`${field}: expected string`] });
	return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
