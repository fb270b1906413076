import { normalizeBaseUrl, serializeQuery } from '../../nodes/shared/transport/url';

describe('normalizeBaseUrl', () => {
	it.each([
		['https://backend.composio.dev', 'https://backend.composio.dev'],
		['https://backend.composio.dev/', 'https://backend.composio.dev'],
		['  https://backend.composio.dev//  ', 'https://backend.composio.dev'],
		['https://backend.composio.dev/api/v3.1', 'https://backend.composio.dev'],
		['https://backend.composio.dev/api/v3.1/', 'https://backend.composio.dev'],
		['https://backend.composio.dev/api/v3', 'https://backend.composio.dev'],
		['HTTP://127.0.0.1:4010/API/V3.1', 'http://127.0.0.1:4010'],
		['https://proxy.example.com/composio', 'https://proxy.example.com/composio'],
		['https://proxy.example.com/composio/api/v3.1', 'https://proxy.example.com/composio'],
	])('accepts %s as %s', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toEqual({ ok: true, baseUrl: expected });
	});

	it.each([
		['', 'The Base URL is empty'],
		[undefined, 'The Base URL is empty'],
		[
			'backend.composio.dev',
			'The Base URL must start with http:// or https:// (got "backend.composio.dev")',
		],
		[
			'ftp://backend.composio.dev',
			'The Base URL must start with http:// or https:// (got "ftp://backend.composio.dev")',
		],
		['https://', 'The Base URL is not a valid URL (got "https://")'],
		[
			'https://backend.composio.dev?x=1',
			'The Base URL must not contain a query string or fragment (got "https://backend.composio.dev?x=1")',
		],
	])('refuses %p', (raw, reason) => {
		expect(normalizeBaseUrl(raw)).toEqual({ ok: false, reason });
	});
});

describe('serializeQuery', () => {
	it('comma-joins arrays as the official clients do and drops empty values', () => {
		expect(
			serializeQuery({
				statuses: ['ACTIVE', 'EXPIRED'],
				user_ids: ['u1'],
				toolkit_slugs: [],
				cursor: undefined,
				alias: null,
				search: '',
				limit: 100,
				revoke_on_delete: false,
			}),
		).toEqual({ statuses: 'ACTIVE,EXPIRED', user_ids: 'u1', limit: 100, revoke_on_delete: false });
	});

	it('returns undefined for no query', () => {
		expect(serializeQuery(undefined)).toBeUndefined();
	});
});
