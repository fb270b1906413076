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
 *
 * Other clients of the organization (another n8n process, a queue-mode worker) show only as a
 * count that drops faster than this process's own requests explain. Where a window is small
 * against what a process has in flight (under 10 times), every process would otherwise spend the
 * whole window at its start; so the pacer keeps what the others took in the last windows for them
 * (`othersOutstanding`): the processes settle on shares that add up to the limit. A share the
 * others leave untaken a quarter into the window is freed.
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
	/** This process's requests answered (not 429) in this window. */
	ownAccepted: number;
	/**
	 * Requests other clients spent in this window, at least (see `settle`): what the readings took
	 * away beyond this process's own requests.
	 */
	othersSeen: number;
	/** When this process first knew of the window (see `othersOutstanding`). */
	openedAt: number;
}

function openWindow(
	id: number,
	endsAfter: number,
	endsBy: number,
	remaining: number,
	openedAt = Number.POSITIVE_INFINITY,
): Window {
	return {
		openedAt,
		id,
		remaining,
		remainingSentAt: Number.NEGATIVE_INFINITY,
		endsAfter,
		endsBy,
		ownAccepted: 0,
		othersSeen: 0,
	};
}

/** A request that passed the pacer: handed back with its answer to `settle`. */
export interface PacerTicket {
	/** How long to wait before sending (ms). */
	waitMs: number;
	/** The window whose pacing the wait follows. */
	plannedIn: number;
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
	private current: Window = openWindow(
		0,
		Number.NEGATIVE_INFINITY,
		Number.POSITIVE_INFINITY,
		Number.POSITIVE_INFINITY,
	);
	/**
	 * What other clients of the same organization (other n8n processes, queue-mode workers) are
	 * expected to take from a window: the part of it left to them. Without it every process takes the
	 * whole window at its start, and with a window as small as the processes' concurrency most of
	 * what the second sends is answered 429 (10 per second, two processes at Concurrency 10: 37 %).
	 */
	private othersPerWindow = 0;
	/** What others took in the last window this process closed. */
	private othersLastSeen = 0;
	/** Requests handed a ticket and not sent yet, and sent and not answered yet: both count against the budget. */
	private waiting = 0;
	private sending = 0;
	/** The most requests this process had in flight at once. */
	private peakSending = 0;
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
		this.close(w, passed > 1);
		// Until the server's first reading of the new window, its budget is assumed full.
		this.current = openWindow(
			w.id + 1,
			w.endsAfter + passed * this.windowMs,
			w.endsBy + passed * this.windowMs,
			Number.POSITIVE_INFINITY,
			now,
		);
		this.assumedFull = true;
		this.nextSlotAt = 0;
		return this.current;
	}

	/**
	 * A window ends: what others spent in it is what they are expected to take from the next one. A
	 * window this process did not read (it sent nothing, or windows passed unseen) halves the
	 * expectation, so a share others no longer use comes back.
	 */
	private close(w: Window, skipped: boolean): void {
		// The lowest reading less all of this process's accepted requests: exact when the window was
		// read spent, at least what others took otherwise.
		const seen = Number.isFinite(w.remaining)
			? Math.max(w.othersSeen, this.limit - w.remaining - w.ownAccepted)
			: this.othersLastSeen / 2;
		const last = Math.floor(skipped ? seen / 2 : seen);
		// What others took after this process's last reading is not seen; the process that read last
		// changes from window to window, so the larger of the last two windows is expected.
		this.othersPerWindow = Math.max(last, this.othersLastSeen);
		this.othersLastSeen = last;
		this.starving = w.ownAccepted === 0 && this.waiting > 0;
	}

	/** The window's count as last read (the limit while a new window is assumed full). */
	private known(w: Window): number {
		return this.assumedFull && !Number.isFinite(w.remaining) ? this.limit : w.remaining;
	}

	/** Whether other clients were seen spending this organization's count (lately). */
	private sharing(w: Window): boolean {
		return this.othersPerWindow > 0 || w.othersSeen > 0;
	}

	/**
	 * What other clients are expected to take from this window and have not taken yet. One request
	 * of the window is always this process's own: its answer reads the count, so the share is
	 * learnt again every window (a process that left its share to others would otherwise never see
	 * them stop).
	 */
	private othersOutstanding(w: Window, now: number): number {
		// With a window many times what this process has in flight, the readings come back long
		// before the window is spent and pace every process (a share would only leave requests unused).
		if (this.limit >= 10 * Math.max(1, this.peakSending)) return 0;
		// Others who took less than half their share a quarter into the window have stopped or
		// slowed down: what they left is free, once a request sent since then has read the count
		// (one goes to read it).
		const lapse = w.openedAt + this.windowMs / 4;
		if (now > lapse && w.othersSeen < this.othersPerWindow / 2) {
			const known = this.known(w);
			return w.remainingSentAt >= lapse || !Number.isFinite(known) ? 0 : Math.max(0, known - 1);
		}
		// Others first seen in this window are expected to take as much as this process (two sharing).
		const expected =
			this.othersPerWindow > 0 || w.othersSeen === 0
				? this.othersPerWindow
				: Math.floor(this.limit / 2);
		return Math.max(0, Math.min(expected, this.limit - 1) - w.othersSeen);
	}

	/** Asks to send one request at `now`; the caller waits `waitMs`, then asks `ready`. */
	acquire(now: number): PacerTicket {
		const w = this.roll(now);
		let waitMs = 0;
		if (this.active && this.turnUnread(w)) {
			waitMs = this.pollMs(w, now);
		} else if (this.active) {
			const outstanding = this.othersOutstanding(w, now);
			const budget = this.known(w) - this.inFlight - outstanding;
			if (budget <= 0 && outstanding > 0 && budget + outstanding > 0) {
				// What is left is expected to go to other clients: ask again after a round trip (a share
				// others do not take lapses, see `othersOutstanding`).
				waitMs = this.pollMs(w, now);
			} else if (budget <= 0) {
				// Nothing left in this window: go when it has surely ended.
				waitMs = Number.isFinite(w.endsBy) ? Math.max(0, w.endsBy - now) : 0;
			} else if (budget <= this.reserve) {
				waitMs = this.slot(w, now, budget);
			}
		}
		this.waiting++;
		return {
			waitMs,
			plannedIn: w.id,
			windowId: w.id,
			sentAt: now,
			remainingAtSend: w.remaining,
			remainingSentAt: w.remainingSentAt,
			left: false,
			settled: false,
		};
	}

	/**
	 * The last requests of the window go one round trip apart, so each reads the count that other
	 * clients left; while the window's end is not pinned down they are spread over the time it may
	 * end in, so that one of them sees the next window begin. Returns the wait for the next slot.
	 */
	private slot(w: Window, now: number, budget: number): number {
		let from = Math.max(now, this.nextSlotAt);
		let gap = this.roundTripMs;
		const width = w.endsBy - w.endsAfter;
		if (Number.isFinite(w.endsBy) && !(width <= Math.max(4 * gap, this.windowMs / 20))) {
			from = Math.max(from, w.endsAfter);
			gap = Math.max(gap, (w.endsBy - from) / budget);
		}
		this.nextSlotAt = from + gap;
		return Math.max(0, from - now);
	}

	/**
	 * A probe into a spent window is answered 429 when it is early: worth it only where one 429 is at
	 * most 1 % of a window's requests. With a smaller limit the held requests wait for the window's
	 * sure end, and the spread last requests of each window (`slot`) pin the end down instead;
	 * except for a process that got nothing in the last window (others took it all): its probes are
	 * how it gets a request in, so that the others see it and leave it a share.
	 */
	private get probesPay(): boolean {
		return this.limit >= 100 || this.starving;
	}
	/** The last window ended with none of this process's requests accepted while some were held. */
	private starving = false;

	/**
	 * While other clients share the count, the end of a window is inferred from readings they also
	 * move, and can be wrong: the first request of a window the clock started goes alone, and the
	 * others follow once its answer has read the new window (or its 429 said it has not begun).
	 */
	private turnUnread(w: Window): boolean {
		return this.sharing(w) && this.assumedFull && !Number.isFinite(w.remaining) && this.sending > 0;
	}

	/** Asks again after a round trip (or at the window's end, if sooner). */
	private pollMs(w: Window, now: number): number {
		const until = Number.isFinite(w.endsBy) && w.endsBy > now ? w.endsBy : now + this.windowMs;
		return Math.max(1, Math.min(until - now, Math.max(20, this.roundTripMs)));
	}

	private spent(w: Window): boolean {
		return Number.isFinite(w.remaining) && w.remaining - this.sending <= 0;
	}

	/** What a held request may still take from the window now. */
	private available(w: Window, now: number): number {
		return this.known(w) - this.sending - this.othersOutstanding(w, now);
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
		if (!force && this.active && this.turnUnread(w)) return this.pollMs(w, now);
		if (!force && this.active && !this.spent(w) && this.available(w, now) <= 0) {
			// The count is not spent, but what is left is expected to go to other clients (or to this
			// process's requests in flight): ask again after a round trip, when readings may have come.
			return this.pollMs(w, now);
		}
		if (!force && this.active && !this.spent(w) && ticket.plannedIn !== w.id && this.sharing(w)) {
			// Held over from an earlier window while other clients share the count: paced in this one
			// as a new request would be, so the held requests do not all leave at its start.
			ticket.plannedIn = w.id;
			const available = this.available(w, now);
			if (available <= this.reserve) {
				const wait = this.slot(w, now, available);
				if (wait > 0) return wait;
			}
		}
		if (!force && this.active && this.spent(w)) {
			const precise = w.endsBy - w.endsAfter <= Math.max(4 * this.roundTripMs, this.windowMs / 20);
			const probeAt = (w.endsAfter + w.endsBy) / 2;
			if (
				!precise &&
				this.probesPay &&
				Number.isFinite(probeAt) &&
				this.probeWindow !== w.id &&
				now >= probeAt
			) {
				this.probeWindow = w.id;
			} else if (Number.isFinite(w.endsBy) && now < w.endsBy) {
				const until =
					!precise && this.probesPay && this.probeWindow !== w.id && probeAt > now
						? probeAt
						: w.endsBy;
				return Math.max(1, Math.min(until - now, Math.max(20, this.roundTripMs)));
			}
		}
		this.waiting = Math.max(0, this.waiting - 1);
		this.sending++;
		if (this.sending > this.peakSending) this.peakSending = this.sending;
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
		if (!Number.isFinite(w.openedAt)) w.openedAt = ticket.sentAt;

		if (status === 429) {
			if (ticket.windowId !== w.id) return reading;
			// The window is spent. Retry-After (whole seconds, rounded up) says when it ends.
			w.remaining = 0;
			w.remainingSentAt = ticket.sentAt;
			this.assumedFull = false;
			this.sawOthers(w, 0);
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
				this.close(w, false);
				this.current = openWindow(
					w.id + 1,
					Number.NEGATIVE_INFINITY,
					Number.POSITIVE_INFINITY,
					remaining,
					ticket.sentAt,
				);
				this.current.remainingSentAt = ticket.sentAt;
				this.current.ownAccepted = 1;
				this.sawOthers(this.current, remaining);
				this.assumedFull = false;
				this.nextSlotAt = 0;
				this.narrow(this.current, w.endsAfter + W, w.endsBy + W, false);
				this.narrow(this.current, ticket.remainingSentAt + W, now + W, true);
				return reading;
			}
			w.ownAccepted++;
			const othersBefore = w.othersSeen;
			this.sawOthers(w, remaining);
			if (Number.isFinite(ticket.remainingAtSend) && w.othersSeen === othersBefore) {
				// Counted in this window: the window ends after the request was sent. (Not when the
				// count fell by more than this process spent: other clients may have spent a new
				// window below the last reading, and the turn would go unseen.)
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
			w.ownAccepted++;
			this.sawOthers(w, remaining);
			this.assumedFull = false;
		}
		return reading;
	}

	/**
	 * A reading of the window's count: what it took away beyond this process's answered requests and
	 * those still in flight (which may have been counted) was spent by other clients, at least.
	 */
	private sawOthers(w: Window, remaining: number): void {
		const others = this.limit - remaining - w.ownAccepted - this.sending;
		if (others > w.othersSeen) w.othersSeen = others;
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
