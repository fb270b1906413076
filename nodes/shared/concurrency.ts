/**
 * Maps `fn` over `inputs` with at most `limit` calls in flight, results in input order.
 * After the first rejection no new call starts (work that may not be idempotent stops at once),
 * and the first error is the one raised.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	fn: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	let next = 0;
	let failed = false;
	let firstError: unknown;
	const worker = async () => {
		while (!failed && next < inputs.length) {
			const index = next++;
			try {
				results[index] = await fn(inputs[index], index);
			} catch (error) {
				if (!failed) {
					failed = true;
					firstError = error;
				}
			}
		}
	};
	await Promise.all(Array.from({ length: workers }, worker));
	if (failed) throw firstError;
	return results;
}

export type Settled<R> =
	| { status: 'fulfilled'; value: R }
	| { status: 'rejected'; reason: unknown }
	| { status: 'notStarted' };

/**
 * Like mapWithConcurrency, but every call settles and is reported, in input order. With
 * `stopAfterFailure`, no new call starts once one has failed; the calls already in flight still
 * finish, and the inputs never started are reported as `notStarted`.
 */
export async function settleWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	fn: (input: T, index: number) => Promise<R>,
	options: { stopAfterFailure?: boolean } = {},
): Promise<Array<Settled<R>>> {
	const results: Array<Settled<R>> = inputs.map(() => ({ status: 'notStarted' }));
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (!(failed && options.stopAfterFailure) && next < inputs.length) {
			const index = next++;
			try {
				results[index] = { status: 'fulfilled', value: await fn(inputs[index], index) };
			} catch (reason) {
				failed = true;
				results[index] = { status: 'rejected', reason };
			}
		}
	};
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
