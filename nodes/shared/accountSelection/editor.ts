import type { ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * A sibling parameter as the editor currently has it. Unresolvable expressions (e.g. a user ID
 * taken from `$json`, which does not exist while editing) count as "not set".
 */
export function currentParameter(this: ILoadOptionsFunctions, name: string): string | undefined {
	let value: unknown;
	try {
		value = this.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		value = undefined;
	}
	if (value === undefined) {
		try {
			value = this.getNodeParameter(name, undefined, { extractValue: true });
		} catch {
			value = undefined;
		}
	}
	if (typeof value === 'number') value = String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (text === '' || text.startsWith('=')) return undefined;
	return text;
}
