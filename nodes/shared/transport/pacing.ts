import type { IDataObject } from 'n8n-workflow';

/**
 * Pacing to Composio's rate limit, from the headers Composio sends on every API answer
 * (docs.composio.dev/reference/rate-limits): `X-RateLimit` (requests allowed per window),
 * `X-RateLimit-Remaining` (left in the current window) and `X-RateLimit-Window-Size` (e.g. `60s`),
 * and on a 429 `Retry-After` (seconds until the window resets). The limit is per organization over
 * a fixed window, shared by every client of the organization: the remaining count is the server's,
 * so several n8n processes pacing from it share one budget.
 *
 * Composio sends no reset time, so the pacer works out where the window ends:
 * - the window ends after every answer counted in it was processed (after the request was sent)
 *   and at most one window length after any of them (before the answer was received);
 * - a `Remaining` higher than one read before the request was sent can only come from a new
 *   window (within one window the count only goes down): the window ended in between;
 * - a 429's `Retry-After` bounds the end from above (and, rounded up to seconds, from below);
 * - fixed windows follow each other, so each end is the previous one plus the window length.
 *
 * While the budget is large, requests go at once. The last `reserve` requests of a window are
 * spread over the time the window may end in (so that one of them sees the new window and pins
 * the end down); with no budget left a request waits for the end of the window. A 429 stays the
 * backstop (another process may have spent the same requests): the transport retries it when the
 * window ends, never later than its Retry-After.
 */

export interface RateLimitReading {
	limit: number;
	remaining: number;
	windowMs: number;
	/** Retry-After of a 429, in ms. */
	retryAfterMs?: number;
}

function headerText(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	// n8n hands over header names in lower case; other spellings are looked for only when that misses.
	let value = headers[name];
	if (value === undefined) {
		const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
		value = key === undefined ? undefined : headers[key];
	}
	if (Array.isArray(value)) value = value[0];
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
}

/** Composio's three rate-limit headers, or undefined when any is missing or not a number. */
export function readRateLimit(
	headers: IDataObject | undefined,
	status?: number,
): RateLimitReading | undefined {
	const limit = headerText(headers, 'x-ratelimit');
	const remaining = headerText(headers, 'x-ratelimit-remaining');
	const window = headerText(headers, 'x-ratelimit-window-size');
	if (limit === undefined || remaining === undefined || window === undefined) return undefined;
	if (!/^\d+$/.test(limit) || !/^\d+$/.test(remaining)) return undefined;
	const size = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(window);
	if (!size) return undefined;
	const unit = (size[2] ?? 's').toLowerCase();
	const windowMs = Number(size[1]) * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1000);
	const reading: RateLimitReading = {
		limit: Number(limit),
		remaining: Number(remaining),
		windowMs,
	};
	if (!(reading.limit > 0) || !(windowMs > 0)) return undefined;
	if (status === 429) {
		const after = headerText(headers, 'retry-after');
		if (after !== undefined && /^\d+$/.test(after)) reading.retryAfterMs = Number(after) * 1000;
	}
	return reading;
}

/** One window of the server's count, as far as this process knows it. */
interface Window {
	id: number;
	/** The lowest `Remaining` read in this window (Infinity before the first reading). */
	remaining: number;
	/** When the request that read `remaining` was sent. */
	remainingSentAt: number;
	/** The window ends after `endsAfter` and at the latest at `endsBy` (epoch ms). */
	endsAfter: number;
	endsBy: number;
}

/** A request that passed the pacer: handed back with its answer to `settle`. */
export interface PacerTicket {
	/** How long to wait before sending (ms). */
	waitMs: number;
	windowId: number;
	sentAt: number;
	/** The window's lowest reading when the request was sent (Infinity: none yet). */
	remainingAtSend: number;
	remainingSentAt: number;
	left: boolean;
	settled: boolean;
}

export class RateLimitPacer {
	private limit = 0;
	private windowMs = 0;
	private current: Window = {
		id: 0,
		remaining: Number.POSITIVE_INFINITY,
		remainingSentAt: Number.NEGATIVE_INFINITY,
		endsAfter: Number.NEGATIVE_INFINITY,
		endsBy: Number.POSITIVE_INFINITY,
	};
	/** Requests handed a ticket and not sent yet, and sent and not answered yet: both count against the budget. */
	private waiting = 0;
	private sending = 0;
	/** The window a probe was sent in (see `ready`). */
	private probeWindow = -1;

	private get inFlight(): number {
		return this.waiting + this.sending;
	}
	/** The next free moment for a request from the reserve. */
	private nextSlotAt = 0;
	/** How long an answer takes (moving average; 50 ms until measured). */
	private roundTripMs = 50;
	private roundTrips = 0;

	/** Whether the server's rate-limit headers have been seen (before that, nothing is paced). */
	get active(): boolean {
		return this.limit > 0;
	}

	/** The last requests of a window, sent one round trip apart (5 % of the limit). */
	get reserve(): number {
		return Math.max(2, Math.ceil(this.limit / 20));
	}

	/** Set when a window was started by the clock, before the server's first reading of it. */
	private assumedFull = false;

	/** The window as far as is known at `now`: a window whose end has surely passed is followed by a fresh one. */
	private roll(now: number): Window {
		const w = this.current;
		if (!this.active || now < w.endsBy || !Number.isFinite(w.endsBy)) return w;
		const passed = Math.floor((now - w.endsBy) / this.windowMs) + 1;
		// Until the server's first reading of the new window, its budget is assumed full.
		this.current = {
			id: w.id + 1,
			remaining: Number.POSITIVE_INFINITY,
			remainingSentAt: Number.NEGATIVE_INFINITY,
			endsAfter: w.endsAfter + passed * this.windowMs,
			endsBy: w.endsBy + passed * this.windowMs,
		};
		this.assumedFull = true;
		this.nextSlotAt = 0;
		return this.current;
	}

	private budget(w: Window): number {
		const known = this.assumedFull && !Number.isFinite(w.remaining) ? this.limit : w.remaining;
		return known - this.inFlight;
	}

	/** Asks to send one request at `now`; the caller waits `waitMs`, then asks `ready`. */
	acquire(now: number): PacerTicket {
		const w = this.roll(now);
		let waitMs = 0;
		if (this.active) {
			const budget = this.budget(w);
			if (budget <= 0) {
				// Nothing left in this window: go when it has surely ended.
				waitMs = Number.isFinite(w.endsBy) ? Math.max(0, w.endsBy - now) : 0;
			} else if (budget <= this.reserve) {
				// The last requests of the window go one round trip apart, so each reads the count that
				// other clients left; while the window's end is not pinned down they are spread over the
				// time it may end in, so that one of them sees the next window begin.
				let from = Math.max(now, this.nextSlotAt);
				let gap = this.roundTripMs;
				const width = w.endsBy - w.endsAfter;
				if (Number.isFinite(w.endsBy) && !(width <= Math.max(4 * gap, this.windowMs / 20))) {
					from = Math.max(from, w.endsAfter);
					gap = Math.max(gap, (w.endsBy - from) / budget);
				}
				this.nextSlotAt = from + gap;
				waitMs = Math.max(0, from - now);
			}
		}
		this.waiting++;
		return {
			waitMs,
			windowId: w.id,
			sentAt: now,
			remainingAtSend: w.remaining,
			remainingSentAt: w.remainingSentAt,
			left: false,
			settled: false,
		};
	}

	/**
	 * Called when the ticket's wait is over: returns 0 when the request may leave now (it then belongs
	 * to the window current at this moment), or how long to wait before asking again. A request held
	 * for a spent window leaves as soon as the window is known to have turned; while its end is not
	 * pinned down, one request per window goes early as a probe (a 429 at worst, which narrows the end).
	 */
	ready(ticket: PacerTicket, now: number, force = false): number {
		const w = this.roll(now);
		if (ticket.left) return 0;
		if (!force && this.active && Number.isFinite(w.remaining) && w.remaining - this.sending <= 0) {
			const precise = w.endsBy - w.endsAfter <= Math.max(4 * this.roundTripMs, this.windowMs / 20);
			const probeAt = (w.endsAfter + w.endsBy) / 2;
			if (!precise && Number.isFinite(probeAt) && this.probeWindow !== w.id && now >= probeAt) {
				this.probeWindow = w.id;
			} else if (Number.isFinite(w.endsBy) && now < w.endsBy) {
				const until = !precise && this.probeWindow !== w.id && probeAt > now ? probeAt : w.endsBy;
				return Math.max(1, Math.min(until - now, Math.max(20, this.roundTripMs)));
			}
		}
		this.waiting = Math.max(0, this.waiting - 1);
		this.sending++;
		ticket.left = true;
		ticket.sentAt = now;
		ticket.windowId = w.id;
		ticket.remainingAtSend = w.remaining;
		ticket.remainingSentAt = w.remainingSentAt;
		return 0;
	}

	/**
	 * The answer arrived at `now` (`status` undefined: no answer, e.g. a network error). Returns the
	 * reading when the answer carried Composio's rate-limit headers.
	 */
	settle(
		ticket: PacerTicket,
		now: number,
		status?: number,
		headers?: IDataObject,
	): RateLimitReading | undefined {
		if (ticket.settled) return undefined;
		ticket.settled = true;
		if (ticket.left) this.sending = Math.max(0, this.sending - 1);
		else this.waiting = Math.max(0, this.waiting - 1);
		if (status === undefined) return undefined;
		const took = now - ticket.sentAt;
		if (took >= 0) {
			this.roundTripMs = this.roundTrips === 0 ? took : this.roundTripMs * 0.9 + took * 0.1;
			this.roundTrips++;
		}
		const reading = readRateLimit(headers, status);
		if (!reading) return undefined;
		this.limit = reading.limit;
		this.windowMs = reading.windowMs;
		const w = this.roll(now);
		const W = reading.windowMs;

		if (status === 429) {
			if (ticket.windowId !== w.id) return reading;
			// The window is spent. Retry-After (whole seconds, rounded up) says when it ends.
			w.remaining = 0;
			w.remainingSentAt = ticket.sentAt;
			this.assumedFull = false;
			if (reading.retryAfterMs !== undefined) {
				this.narrow(
					w,
					ticket.sentAt + reading.retryAfterMs - 1000,
					now + reading.retryAfterMs,
					true,
				);
			}
			return reading;
		}

		const { remaining } = reading;
		if (ticket.windowId === w.id) {
			if (remaining > ticket.remainingAtSend) {
				// A higher count than one read before this request left: a new window began after that
				// reading's request was sent and before this answer arrived.
				this.current = {
					id: w.id + 1,
					remaining,
					remainingSentAt: ticket.sentAt,
					endsAfter: Number.NEGATIVE_INFINITY,
					endsBy: Number.POSITIVE_INFINITY,
				};
				this.assumedFull = false;
				this.nextSlotAt = 0;
				this.narrow(this.current, w.endsAfter + W, w.endsBy + W, false);
				this.narrow(this.current, ticket.remainingSentAt + W, now + W, true);
				return reading;
			}
			if (Number.isFinite(ticket.remainingAtSend)) {
				// Counted in this window: the window ends after the request was sent.
				this.narrow(w, ticket.sentAt, Number.POSITIVE_INFINITY, false);
			}
			this.narrow(w, Number.NEGATIVE_INFINITY, now + W, false);
			if (remaining < w.remaining || !Number.isFinite(w.remaining)) {
				w.remaining = remaining;
				w.remainingSentAt = ticket.sentAt;
			}
			this.assumedFull = false;
			return reading;
		}
		if (
			ticket.windowId === w.id - 1 &&
			Number.isFinite(ticket.remainingAtSend) &&
			remaining > ticket.remainingAtSend
		) {
			// Sent in the previous window, counted in this one: the current window began before this
			// answer arrived, and after the previous reading's request was sent.
			this.narrow(w, ticket.remainingSentAt + W, now + W, false);
			if (remaining < w.remaining || !Number.isFinite(w.remaining)) {
				w.remaining = remaining;
				w.remainingSentAt = ticket.sentAt;
			}
			this.assumedFull = false;
		}
		return reading;
	}

	/**
	 * Narrows where window `w` ends to (after, by]. Bounds that contradict what is known (the
	 * server's windows are not what the pacer assumed) replace it when `trusted`, else are ignored.
	 */
	private narrow(w: Window, after: number, by: number, trusted: boolean): void {
		const endsAfter = Math.max(w.endsAfter, after);
		const endsBy = Math.min(w.endsBy, by);
		if (endsAfter < endsBy) {
			w.endsAfter = endsAfter;
			w.endsBy = endsBy;
		} else if (trusted && after < by) {
			w.endsAfter = after;
			w.endsBy = by;
		}
	}
}

/** One pacer per Composio organization as seen from this process: per base URL and API key. */
const pacers = new Map<string, RateLimitPacer>();
const MAX_PACERS = 100;

/** A short fingerprint of the API key (FNV-1a): the map never holds the key itself. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return `${text.length}:${(hash >>> 0).toString(36)}`;
}

export function pacerFor(baseUrl: string, apiKey: unknown): RateLimitPacer {
	const key = `${baseUrl} ${typeof apiKey === 'string' ? fingerprint(apiKey) : ''}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		if (pacers.size >= MAX_PACERS) pacers.delete(pacers.keys().next().value as string);
		pacer = new RateLimitPacer();
		pacers.set(key, pacer);
	}
	return pacer;
}
