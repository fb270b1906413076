import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Composio signs every webhook delivery the Standard-Webhooks way, with one difference from Svix:
 * the HMAC key is the secret string's UTF-8 bytes as they are (no `whsec_` prefix handling, no
 * base64 decoding). Signed content: `<webhook-id>.<webhook-timestamp>.<raw body>`; digest
 * HMAC-SHA256, base64; header `webhook-signature: v1,<base64>`, possibly several space-separated
 * entries (valid when any `v1` entry matches). `webhook-timestamp` is Unix seconds.
 */
export const WEBHOOK_HEADERS = {
	id: 'webhook-id',
	timestamp: 'webhook-timestamp',
	signature: 'webhook-signature',
	version: 'x-composio-webhook-version',
	attempt: 'x-composio-delivery-attempt',
} as const;

/** Composio's SDK default: deliveries more than 5 minutes away from now are refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** More entries than this in one header are not considered (a header is not a place for lists). */
const MAX_SIGNATURES = 16;

export type SignatureFailure =
	| 'missing_id'
	| 'missing_timestamp'
	| 'missing_signature'
	| 'missing_secret'
	| 'empty_body'
	| 'malformed_timestamp'
	| 'stale'
	| 'future'
	| 'no_v1_signature'
	| 'mismatch';

export interface SignatureInput {
	/** `webhook-id` header. */
	id: string | undefined;
	/** `webhook-timestamp` header (Unix seconds). */
	timestamp: string | undefined;
	/** `webhook-signature` header. */
	signature: string | undefined;
	/** The exact bytes received: never re-serialised JSON. */
	body: Buffer | string | undefined;
	secret: string | undefined;
	/** Maximum |now − timestamp| in seconds; 0 turns the time check off. Default 300. */
	toleranceSeconds?: number;
	/** Default `Date.now()`. */
	nowMs?: number;
}

export type SignatureResult =
	| { valid: true; id: string; timestamp: number }
	| { valid: false; reason: SignatureFailure; message: string };

function fail(reason: SignatureFailure, message: string): SignatureResult {
	return { valid: false, reason, message };
}

function asBuffer(body: Buffer | string): Buffer {
	return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** The `v1` signature Composio would send for this delivery (base64, without the `v1,` prefix). */
export function computeWebhookSignature(
	secret: string,
	id: string,
	timestamp: string | number,
	body: Buffer | string,
): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${id}.${timestamp}.`, 'utf8')
		.update(asBuffer(body))
		.digest('base64');
}

/** The base64 values of the `v1` entries of a `webhook-signature` header. */
export function parseSignatureHeader(header: string): string[] {
	const values: string[] = [];
	for (const entry of header.trim().split(/\s+/).slice(0, MAX_SIGNATURES)) {
		const comma = entry.indexOf(',');
		if (comma <= 0) continue;
		const version = entry.slice(0, comma);
		const value = entry.slice(comma + 1);
		if (version === 'v1' && value !== '') values.push(value);
	}
	return values;
}

function constantTimeEquals(expected: string, provided: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(provided, 'utf8');
	// Lengths of a SHA-256 base64 digest are public (44); comparing them first leaks nothing.
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks one delivery. Order: headers present, timestamp within tolerance (both directions), then
 * the HMAC against every `v1` entry in constant time. Messages name what is wrong and never contain
 * the secret or the expected signature.
 */
export function verifyWebhookSignature(input: SignatureInput): SignatureResult {
	const id = input.id?.trim();
	const timestamp = input.timestamp?.trim();
	const signature = input.signature?.trim();
	if (!id) return fail('missing_id', 'The webhook-id header is missing');
	if (!timestamp) return fail('missing_timestamp', 'The webhook-timestamp header is missing');
	if (!signature) return fail('missing_signature', 'The webhook-signature header is missing');
	if (!input.secret) return fail('missing_secret', 'No signing secret is configured');
	if (input.body === undefined || input.body.length === 0)
		return fail('empty_body', 'The delivery has no body');
	if (!/^\d{1,12}$/.test(timestamp)) {
		return fail(
			'malformed_timestamp',
			'The webhook-timestamp header is not a Unix time in seconds',
		);
	}
	const seconds = Number(timestamp);
	const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (tolerance > 0) {
		const nowSeconds = (input.nowMs ?? Date.now()) / 1000;
		const age = nowSeconds - seconds;
		if (age > tolerance) {
			return fail(
				'stale',
				`The delivery is ${Math.round(age)} s old; at most ${tolerance} s are accepted`,
			);
		}
		if (-age > tolerance) {
			return fail(
				'future',
				`The delivery is dated ${Math.round(-age)} s in the future; at most ${tolerance} s are accepted`,
			);
		}
	}
	const provided = parseSignatureHeader(signature);
	if (!provided.length) {
		return fail('no_v1_signature', 'The webhook-signature header has no "v1,<signature>" entry');
	}
	const expected = computeWebhookSignature(input.secret, id, timestamp, input.body);
	let matched = false;
	// Every entry is compared (no early exit), so the time taken does not tell which one matched.
	for (const value of provided) {
		if (constantTimeEquals(expected, value)) matched = true;
	}
	if (!matched) {
		return fail(
			'mismatch',
			'The signature does not match: the secret is wrong or the body was changed',
		);
	}
	return { valid: true, id, timestamp: seconds };
}
