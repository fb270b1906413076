/**
 * What the tests that drive a running n8n share (templates.test.ts in one process, queue.test.ts
 * in queue mode): the templates by number, the status-watch workflow,
 * JSON over HTTP to its webhooks, and waiting for the sandbox's webhook subscription.
 */
import type { SandboxControl } from '../../sandbox/src/index';
import { webhookControl } from '../../sandbox/src/webhooks/control';
import { STATUS_TRIGGER } from '../harness/builders';
import { pollUntil } from '../harness/poll';
import type { JsonObject, WorkflowInput } from './real-n8n.helpers.cjs';
import type { RestClient, Template } from './templates.helpers.cjs';
import { CREDENTIAL } from './templates.helpers.cjs';

/** Template `number` of `templates` (examples/NN-*.json). */
export function templateNumbered(templates: Template[], number: number): Template {
	const found = templates.find((t) => t.number === number);
	if (!found) throw new Error(`examples/ has no template ${number}`);
	return found;
}

/** Composio Account Status Trigger alone, polling every minute, every event, no filter. */
export function statusWatch({
	id,
	name,
	nodeId,
}: {
	id: string;
	name: string;
	nodeId: string;
}): WorkflowInput {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: nodeId,
				name: 'Account status',
				type: STATUS_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: ['statusChanged', 'appeared', 'disappeared'],
					filters: {},
					options: {},
				},
				credentials: { composioApi: CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** The status trigger's items as `[event, account ID, previous status, status]`. */
export function changeRows(items: JsonObject[]): unknown[][] {
	return items.map((c) => [c.event, c.id, c.previous_status, c.status]);
}

/** How many times the sandbox was asked for the connected accounts list (the status trigger's poll). */
export async function accountListings(control: SandboxControl): Promise<number> {
	return (await control.requests()).filter(
		(r) => r.method === 'GET' && r.path === '/api/v3.1/connected_accounts',
	).length;
}

export interface JsonAnswer {
	status: number;
	body: JsonObject;
	location: string | null;
}

/** `url` fetched without following redirects; the body parsed as JSON, else `{ text }`. */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<JsonAnswer> {
	const response = await fetch(url, { redirect: 'manual', ...init });
	const text = await response.text();
	let body: JsonObject = {};
	// n8n's own refusals (e.g. a webhook's failed authentication) answer in plain text.
	try {
		if (text) body = JSON.parse(text) as JsonObject;
	} catch {
		body = { text };
	}
	return { status: response.status, body, location: response.headers.get('location') };
}

/** POSTs `body` (JSON; a string is sent as it is) with `headers`. */
export async function postJson(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<JsonAnswer> {
	return await fetchJson(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

/** The IDs of a workflow's executions so far (to wait for the next one). */
export async function executionIds(rest: RestClient, workflowId: string): Promise<string[]> {
	return (await rest.executions(workflowId)).map((e) => String(e.id));
}

/**
 * Waits until the sandbox project has a webhook subscription (`exists`) or has none. n8n 2.40
 * publishes and unpublishes in the background, so a trigger's hooks run after the REST call returns.
 */
export async function subscriptionOnceIt(
	sandboxUrl: string,
	exists: boolean,
	timeoutMs: number,
): Promise<{ current: Awaited<ReturnType<ReturnType<typeof webhookControl>['subscription']>> }> {
	const hooks = webhookControl(sandboxUrl);
	return await pollUntil(
		async () => {
			const current = await hooks.subscription();
			return (current !== null) === exists ? { current } : undefined;
		},
		{ timeoutMs, intervalMs: 250 },
	);
}
