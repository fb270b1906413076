/**
 * Get Credentials' redaction detection: Composio's placeholder is not documented (first 4 characters +
 * "..." since 2025-12-10, "REDACTED" before), so a secret value counts as real only when it cannot be a
 * placeholder; the output says what was detected.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	credentialsOf,
	placeholderKind,
} from '../../nodes/ComposioConnectedAccount/helpers/credentials';

function account(val: IDataObject, extra: IDataObject = {}): IDataObject {
	return {
		id: 'ca_test',
		user_id: 'u',
		toolkit: { slug: 'gmail' },
		status: 'ACTIVE',
		state: { authScheme: 'OAUTH2', val: { status: 'ACTIVE', ...val } },
		auth_config: { id: 'ac_1', auth_scheme: 'OAUTH2', is_composio_managed: false },
		...extra,
	};
}

describe('placeholder detection under a secret key', () => {
	it.each([
		['REDACTED', 'REDACTED'],
		['[redacted]', 'redacted'],
		['<REDACTED>', 'REDACTED'],
		['abcd...', '"..."'],
		['ya29...', '"..."'],
		['...', '"..."'],
		['gho_1234567890…', '"..."'],
		['***', 'asterisks'],
		['sk-****************abcd', 'asterisks'],
		['••••••••', 'asterisks'],
		['', 'empty'],
		['   ', 'empty'],
		['xxxxxxxxxxxxxxxx', 'repeated'],
		['0000000000', 'repeated'],
		['abc', 'too short'],
	])('%p is masked (%s)', (value, words) => {
		const kind = placeholderKind(value, true);
		expect(kind).toEqual(expect.any(String));
		expect(kind).toContain(words);
		const out = credentialsOf(account({ access_token: value }));
		expect(out.masked).toBe(true);
		expect(out.maskedFields).toEqual(['access_token']);
		expect((out.maskDetected as IDataObject).access_token).toBe(kind);
	});

	it.each(['ya29.a0AfH6SMBx9_long-real-looking-token', 'tvly-0123456789abcdefABCDEF0123456789'])(
		'%p looks like a real secret: masked false',
		(value) => {
			expect(placeholderKind(value, true)).toBeUndefined();
			const out = credentialsOf(account({ access_token: value }));
			expect(out).toMatchObject({ masked: false, maskedFields: [], maskDetected: {} });
		},
	);

	it('nested secrets (Slack authed_user.access_token, headers.Authorization) are checked too', () => {
		const out = credentialsOf(
			account({
				authed_user: { access_token: 'xoxp...', scope: 'users:read' },
				headers: { Authorization: 'Bear...' },
				refresh_token: 'a-real-looking-refresh-token-value',
			}),
		);
		expect((out.maskedFields as string[]).sort()).toEqual(
			['authed_user.access_token', 'headers.Authorization'].sort(),
		);
	});
});

describe('non-secret fields', () => {
	it('an empty or short value is not "masked"; only unmistakable placeholders are', () => {
		const out = credentialsOf(
			account({
				subdomain: '',
				region: 'eu',
				base_url: 'https://api.example.com',
				note: 'REDACTED',
			}),
		);
		expect(out.maskedFields).toEqual(['note']);
	});

	it('keeps the useful facts: scheme, scopes, subdomain, base URL, expiry', () => {
		const out = credentialsOf(
			account({
				access_token: 'ya29...',
				scope: 'a b,c',
				subdomain: 'acme',
				base_url: 'https://acme.example.com/api',
				expires_in: 3599,
				expires_at: '2026-12-01T10:00:00.000Z',
			}),
		);
		expect(out).toMatchObject({
			authScheme: 'OAUTH2',
			scopes: ['a', 'b', 'c'],
			subdomain: 'acme',
			baseUrl: 'https://acme.example.com/api',
			expiresIn: 3599,
			expiresAt: '2026-12-01T10:00:00.000Z',
			masked: true,
		});
		expect(out.fields).not.toHaveProperty('status');
		expect(out.note).toContain('Composio Proxy Request node');
		expect(String(out.note)).not.toMatch(/mask connected account secrets/i);
	});

	it('an account without any value reports nothing masked and still points to Proxy Request', () => {
		const out = credentialsOf({ id: 'ca_x', status: 'INITIATED', state: { authScheme: 'OAUTH2' } });
		expect(out).toMatchObject({ masked: false, maskedFields: [], scopes: null, expiresIn: null });
		expect(out.note).toContain('Proxy Request');
	});
});
