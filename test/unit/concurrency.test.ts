import { mapWithConcurrency, settleWithConcurrency } from '../../nodes/shared/concurrency';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

describe('mapWithConcurrency', () => {
	it('keeps input order and never exceeds the limit', async () => {
		let inFlight = 0;
		let peak = 0;
		const gates = Array.from({ length: 6 }, deferred);
		const run = mapWithConcurrency([0, 1, 2, 3, 4, 5], 2, async (n) => {
			inFlight++;
			peak = Math.max(peak, inFlight);
			await gates[n].promise;
			inFlight--;
			return n * 10;
		});
		// Release in reverse order: results must still come back in input order.
		for (const gate of [...gates].reverse()) {
			gate.resolve();
			await Promise.resolve();
		}
		expect(await run).toEqual([0, 10, 20, 30, 40, 50]);
		expect(peak).toBe(2);
	});

	it('starts nothing new after the first failure and raises it', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency([0, 1, 2, 3, 4], 1, async (n) => {
				started.push(n);
				if (n === 1) throw new Error('boom at 1');
				return n;
			}),
		).rejects.toThrow('boom at 1');
		expect(started).toEqual([0, 1]);
	});

	it('handles an empty input and a silly limit', async () => {
		expect(await mapWithConcurrency([], 5, async () => 1)).toEqual([]);
		expect(await mapWithConcurrency([1, 2], 0, async (n) => n)).toEqual([1, 2]);
	});
});

describe('settleWithConcurrency', () => {
	it('settles every call and reports each in input order', async () => {
		const result = await settleWithConcurrency([1, 2, 3], 2, async (n) => {
			if (n === 2) throw new Error('two');
			return n * 10;
		});
		expect(result).toEqual([
			{ status: 'fulfilled', value: 10 },
			{ status: 'rejected', reason: new Error('two') },
			{ status: 'fulfilled', value: 30 },
		]);
	});

	it('with stopAfterFailure, starts nothing new after a failure but lets the calls in flight finish', async () => {
		const gates = Array.from({ length: 5 }, deferred);
		const started: number[] = [];
		const run = settleWithConcurrency(
			[0, 1, 2, 3, 4],
			2,
			async (n) => {
				started.push(n);
				await gates[n].promise;
				if (n === 0) throw new Error('zero');
				return n;
			},
			{ stopAfterFailure: true },
		);
		await Promise.resolve();
		gates[0].resolve(); // fails while 1 is still in flight
		for (let i = 0; i < 5; i++) await Promise.resolve();
		gates[1].resolve();
		const result = await run;
		expect(started).toEqual([0, 1]);
		expect(result).toEqual([
			{ status: 'rejected', reason: new Error('zero') },
			{ status: 'fulfilled', value: 1 },
			{ status: 'notStarted' },
			{ status: 'notStarted' },
			{ status: 'notStarted' },
		]);
	});
});
