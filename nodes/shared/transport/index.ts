/**
 * The one transport every node talks to Composio through: requests with retries, pacing and
 * redaction (request.ts), cursor paging (pages.ts), and the pieces they are built from.
 */
export { describeComposioError, rateLimitLines } from './errors';
export type { RateLimitReport } from './errors';
export { composioPages, composioApiRequestAllItems } from './pages';
export type { PageOptions } from './pages';
export { REDACTED, redactSecrets } from './redact';
export { RateLimitPacer, readRateLimit } from './pacing';
export type { PacerTicket, RateLimitReading } from './pacing';
export { composioApiRequest, composioRequest } from './request';
export { DEFAULT_RETRY_POLICY, retryDelayMs, serverRetryDelayMs, shouldRetry } from './retry';
export type { RetryMode, RetryPolicy } from './retry';
export { CREDENTIAL_TYPE } from './types';
export type { ComposioContext, ComposioRequest, ComposioResponse } from './types';
export { API_PREFIX, DEFAULT_BASE_URL, normalizeBaseUrl, serializeQuery } from './url';
