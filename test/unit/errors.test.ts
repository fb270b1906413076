import { describeComposioError } from '../../nodes/shared/transport/errors';

describe('describeComposioError', () => {
	it('reads the v3.1 envelope: message, suggested fix, validation errors and request ID', () => {
		const details = describeComposioError(400, {
			error: {
				message: 'Invalid request',
				code: 10400,
				slug: 'ToolExecute_BadRequest',
				status: 400,
				request_id: 'req_123',
				suggested_fix: 'Send either text or arguments',
				errors: ["Only one of 'text' or 'arguments' must be provided"],
			},
		});
		expect(details.message).toBe('Invalid request');
		expect(details.requestId).toBe('req_123');
		expect(details.description).toBe(
			[
				'Suggested fix: Send either text or arguments',
				"Details: Only one of 'text' or 'arguments' must be provided",
				'Composio error ToolExecute_BadRequest, code 10400, HTTP 400, request ID req_123',
			].join('\n'),
		);
	});

	it('explains code 1803 (account not found: usually another project’s API key)', () => {
		const details = describeComposioError(404, {
			error: { message: 'Connected account not found', code: 1803, status: 404, request_id: 'r1' },
		});
		expect(details.message).toBe('Connected account not found');
		expect(details.description).toContain('API key belongs to another Composio project');
		expect(details.description).toContain('code 1803, HTTP 404, request ID r1');
	});

	it('reads the flat 429 body and the Retry-After header', () => {
		const details = describeComposioError(
			429,
			{ message: 'Rate limit exceeded. Limit: 2000 requests per 60s' },
			{ 'Retry-After': '7', 'x-request-id': 'req_429' },
		);
		expect(details.message).toBe('Rate limit exceeded. Limit: 2000 requests per 60s');
		expect(details.description).toContain('Composio asked to wait 7 s (Retry-After).');
		expect(details.description).toContain('HTTP 429, request ID req_429');
	});

	it('points managed OAuth initiate refusals at Connect Link', () => {
		const details = describeComposioError(400, {
			error: {
				message:
					'Creating connected accounts for Composio-managed auth configs is no longer supported. Use /api/v3/connected_accounts/link',
				code: 400,
				status: 400,
			},
		});
		expect(details.description).toContain('Connect Link');
	});

	it('says what came back when the body is not JSON (e.g. a proxy page)', () => {
		const details = describeComposioError(502, '<html><body>Bad Gateway</body></html>');
		expect(details.message).toBe(
			'Composio (or the provider behind it) returned a bad gateway error (the reply was not JSON: "<html><body>Bad Gateway</body></html>")',
		);
		expect(details.httpCode).toBe('502');
	});

	it('falls back to a message per status', () => {
		expect(describeComposioError(401, {}).message).toBe('Composio rejected the API key');
		expect(describeComposioError(401, {}).description).toContain('Check the API key');
		expect(describeComposioError(418, null).message).toBe('Composio answered HTTP 418');
	});
});
