import type { ConnectionStatus } from '../types';
import type { AccountRecord } from './model';

/**
 * In-process events, so that later features (webhook subscriptions, event delivery)
 * can react to state changes from their own file without touching the resources.
 */
export interface SandboxEventMap {
	'account.created': { account: AccountRecord };
	'account.status_changed': {
		account: AccountRecord;
		previous: ConnectionStatus;
		status: ConnectionStatus;
		reason: string | null;
	};
	'account.updated': { account: AccountRecord };
	'account.deleted': { account: AccountRecord };
	'tool.executed': { slug: string; accountId: string | null; successful: boolean };
	reset: { seed: string };
}

export type SandboxEventName = keyof SandboxEventMap;
type Listener<K extends SandboxEventName> = (payload: SandboxEventMap[K]) => void;

export class SandboxEvents {
	private readonly listeners = new Map<SandboxEventName, Set<Listener<SandboxEventName>>>();
	/** Errors thrown by listeners (they never break the request that caused the event). */
	readonly listenerErrors: Array<{ event: SandboxEventName; message: string }> = [];

	on<K extends SandboxEventName>(event: K, listener: Listener<K>): () => void {
		let set = this.listeners.get(event);
		if (!set) {
			set = new Set();
			this.listeners.set(event, set);
		}
		set.add(listener as Listener<SandboxEventName>);
		return () => set.delete(listener as Listener<SandboxEventName>);
	}

	emit<K extends SandboxEventName>(event: K, payload: SandboxEventMap[K]): void {
		const set = this.listeners.get(event);
		if (!set) return;
		for (const listener of set) {
			try {
				listener(payload);
			} catch (error) {
				this.listenerErrors.push({
					event,
					message: error instanceof Error ? error.message : String(error),
				});
			}
		}
	}
}
