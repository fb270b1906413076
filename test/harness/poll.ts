import { sleep } from 'n8n-workflow';

/**
 * Calls `probe` until it returns a value other than undefined (e.g. until a link exists), for tests
 * that act while a node is running. Fails after `timeoutMs`.
 */
export async function pollUntil<T>(
	probe: () => Promise<T | undefined>,
	{ timeoutMs = 10000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`pollUntil: nothing after ${timeoutMs} ms`);
		await sleep(intervalMs);
	}
}
