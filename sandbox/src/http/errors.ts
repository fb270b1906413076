/**
 * Composio's error envelope: `{ error: { message, code, slug, status, request_id, suggested_fix?, errors? } }`.
 *
 * Numeric codes known from the real service: 600 `ConnectedAccount_BadRequest`,
 * 606 `ConnectedAccount_ResourceNotFound`, 1803 "No connected account found".
 * The other codes/slugs below are the sandbox's own consistent choices (documented in the README).
 */

export interface ErrorDetails {
	suggestedFix?: string;
	errors?: string[];
	headers?: Record<string, string>;
}

export class ApiError extends Error {
	readonly status: number;
	readonly code: number;
	readonly slug: string;
	readonly suggestedFix?: string;
	readonly errors?: string[];
	readonly headers?: Record<string, string>;

	constructor(
		status: number,
		code: number,
		slug: string,
		message: string,
		details: ErrorDetails = {},
	) {
		super(message);
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		this.slug = slug;
		this.suggestedFix = details.suggestedFix;
		this.errors = details.errors;
		this.headers = details.headers;
	}
}

export interface ErrorEnvelope {
	error: {
		message: string;
		code: number;
		slug: string;
		status: number;
		request_id: string;
		suggested_fix?: string;
		errors?: string[];
	};
}

export function envelope(error: ApiError, requestId: string): ErrorEnvelope {
	const body: ErrorEnvelope = {
		error: {
			message: error.message,
			code: error.code,
			slug: error.slug,
			status: error.status,
			request_id: requestId,
		},
	};
	if (error.suggestedFix !== undefined) body.error.suggested_fix = error.suggestedFix;
	if (error.errors !== undefined) body.error.errors = error.errors;
	return body;
}

const GENERIC_SLUGS: Record<number, string> = {
	400: 'HTTP_BadRequest',
	401: 'HTTP_Unauthorized',
	403: 'HTTP_Forbidden',
	404: 'HTTP_NotFound',
	408: 'HTTP_RequestTimeout',
	409: 'HTTP_Conflict',
	410: 'HTTP_Gone',
	413: 'HTTP_PayloadTooLarge',
	422: 'HTTP_UnprocessableEntity',
	429: 'HTTP_TooManyRequests',
	500: 'HTTP_InternalServerError',
	501: 'HTTP_NotImplemented',
	502: 'HTTP_BadGateway',
	503: 'HTTP_ServiceUnavailable',
	504: 'HTTP_GatewayTimeout',
};

export function genericSlug(status: number): string {
	return GENERIC_SLUGS[status] ?? `HTTP_${status}`;
}

/** Generic HTTP-level errors use code `10000 + status` (as in Composio's older `error_code` 10400). */
export function httpError(status: number, message: string, details: ErrorDetails = {}): ApiError {
	return new ApiError(status, 10000 + status, genericSlug(status), message, details);
}

export const badRequest = (message: string, details: ErrorDetails = {}): ApiError =>
	httpError(400, message, details);

export function validationError(errors: string[], message = 'Request validation failed'): ApiError {
	return new ApiError(400, 10400, 'HTTP_BadRequest', message, { errors });
}

export const accountNotFound = (id: string): ApiError =>
	new ApiError(
		404,
		606,
		'ConnectedAccount_ResourceNotFound',
		`Connected account "${id}" not found`,
		{
			suggestedFix: 'Check the connected account id; deleted accounts are not returned.',
		},
	);

export const accountBadRequest = (message: string, details: ErrorDetails = {}): ApiError =>
	new ApiError(400, 600, 'ConnectedAccount_BadRequest', message, details);

export const authConfigNotFound = (id: string): ApiError =>
	new ApiError(404, 706, 'AuthConfig_ResourceNotFound', `Auth config "${id}" not found`, {
		suggestedFix: 'Check the auth config id (ac_...) in your project.',
	});

export const toolNotFound = (slug: string, version?: string): ApiError =>
	new ApiError(
		404,
		1404,
		'Tool_NotFound',
		version ? `Tool ${slug} not found for version ${version}` : `Tool ${slug} not found`,
	);

export const toolkitNotFound = (slug: string): ApiError =>
	new ApiError(404, 1304, 'Toolkit_NotFound', `Toolkit ${slug} not found`);
