/**
 * Look-ups shared by the items of one node run (the tool, a user's accounts): loaded once, also
 * when items run concurrently. A failed load is forgotten so the next item tries again.
 */
export class RunCache {
	private readonly entries = new Map<string, Promise<unknown>>();

	async get<T>(key: string, load: () => Promise<T>): Promise<T> {
		let pending = this.entries.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = load();
			this.entries.set(key, pending);
			pending.catch(() => this.entries.delete(key));
		}
		return await pending;
	}
}

const caches = new WeakMap<object, RunCache>();

/** The cache of one execution context: one node run in a workflow, one call when used as a tool. */
export function runCache(context: object): RunCache {
	let cache = caches.get(context);
	if (!cache) {
		cache = new RunCache();
		caches.set(context, cache);
	}
	return cache;
}
