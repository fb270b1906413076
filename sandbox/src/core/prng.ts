/**
 * Small deterministic pseudo-random generator (sfc32 seeded through cyrb128).
 * Not cryptographic: it only has to make ids, tokens and sample data repeatable.
 */

export const URL_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const ALNUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

function cyrb128(input: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < input.length; i++) {
		const k = input.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Prng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: string) {
		[this.a, this.b, this.c, this.d] = cyrb128(seed);
		// Warm up so that similar seeds diverge.
		for (let i = 0; i < 12; i++) this.nextUint32();
	}

	nextUint32(): number {
		this.a >>>= 0;
		this.b >>>= 0;
		this.c >>>= 0;
		this.d >>>= 0;
		let t = (this.a + this.b) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.d = (this.d + 1) | 0;
		t = (t + this.d) | 0;
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** Float in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Integer in [min, max]. */
	range(min: number, max: number): number {
		return min + this.int(max - min + 1);
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	string(length: number, alphabet: string = URL_SAFE_ALPHABET): string {
		// Built from an array so the result is a flat string (repeated += leaves a rope of
		// one-character nodes, which costs a lot of memory when 100k accounts are created).
		const chars = new Array<string>(length);
		for (let i = 0; i < length; i++) chars[i] = alphabet[this.int(alphabet.length)];
		return chars.join('');
	}

	/** A UUID v4-shaped string. */
	uuid(): string {
		const hex = this.string(32, HEX);
		const variant = HEX[8 + this.int(4)];
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
	}
}

/** A value derived only from `key` (independent of any generator's position). */
export function derivedString(
	key: string,
	length: number,
	alphabet: string = ALNUM_ALPHABET,
): string {
	return new Prng(key).string(length, alphabet);
}

export function derivedInt(key: string, min: number, max: number): number {
	return new Prng(key).range(min, max);
}
