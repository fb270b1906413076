import type { ClockInfo, ClockMode } from '../types';

export const DEFAULT_CLOCK_START = '2026-06-01T09:00:00.000Z';

export interface ClockOptions {
	/**
	 * `frozen` (default for `startSandbox`): time only moves when advanced or set.
	 * `real`: time follows the wall clock (plus any advance/offset).
	 */
	mode?: ClockMode;
	/** Start time (ISO string or epoch ms). Default: 2026-06-01T09:00:00Z for `frozen`, now for `real`. */
	start?: string | number;
}

function toEpoch(value: string | number): number {
	const ms = typeof value === 'number' ? value : Date.parse(value);
	if (!Number.isFinite(ms)) throw new Error(`Invalid time: ${String(value)}`);
	return ms;
}

/** The sandbox's notion of "now": injectable, advanceable, never backed by timers. */
export class SandboxClock {
	readonly mode: ClockMode;
	private readonly startMs: number;
	private frozenAt = 0;
	private offset = 0;

	constructor(options: ClockOptions = {}) {
		this.mode = options.mode ?? 'frozen';
		if (options.start !== undefined) this.startMs = toEpoch(options.start);
		else this.startMs = this.mode === 'frozen' ? toEpoch(DEFAULT_CLOCK_START) : Date.now();
		this.reset();
	}

	/** Back to the configured start time. */
	reset(): void {
		this.frozenAt = this.startMs;
		this.offset = this.startMs - Date.now();
	}

	now(): number {
		return this.mode === 'frozen' ? this.frozenAt : Date.now() + this.offset;
	}

	iso(ms: number = this.now()): string {
		return new Date(ms).toISOString();
	}

	advance(ms: number): number {
		if (!Number.isFinite(ms)) throw new Error('advance needs a finite number of milliseconds');
		if (this.mode === 'frozen') this.frozenAt += ms;
		else this.offset += ms;
		return this.now();
	}

	set(value: string | number): number {
		const target = toEpoch(value);
		if (this.mode === 'frozen') this.frozenAt = target;
		else this.offset = target - Date.now();
		return this.now();
	}

	info(): ClockInfo {
		const now = this.now();
		return { now: this.iso(now), epochMs: now, mode: this.mode };
	}
}
