/**
 * A stand-in for n8n's webhook server in the trigger tests: an express app on an ephemeral port
 * that reads the raw body as n8n does (`req.rawBody` Buffer, `req.body` parsed JSON) and hands
 * every request to one trigger node through the engine (n8n-core's WebhookContext), loading and
 * saving the workflow's static data around each request as n8n does with its database (saved
 * whole, and only when the request or its execution changed it).
 */
import express from 'express';
import type { IDataObject } from 'n8n-workflow';

import type { Engine, RunResult, WorkflowNode } from '../harness/engine';

export interface ReceivedCall {
	status: number;
	body: unknown;
	run: RunResult | undefined;
}

export interface Receiver {
	/** n8n's production webhook base for this receiver (`http://127.0.0.1:<port>/webhook`). */
	readonly base: string;
	/** The trigger's production URL: `<base>/<webhookId>/webhook`. */
	readonly url: string;
	readonly webhookId: string;
	/** The workflow's saved static data (between requests). */
	staticData: IDataObject;
	/** Every request handled so far, with the answer and the workflow run it started. */
	readonly calls: ReceivedCall[];
	/** The trigger node and the nodes after it. */
	node: WorkflowNode;
	downstream: WorkflowNode[];
	connections: Record<string, string | string[]>;
	/** Waits until every workflow started so far has finished. */
	idle(): Promise<void>;
	/** Runs that produced an execution. */
	runs(): RunResult[];
	close(): Promise<void>;
}

export async function startReceiver(
	engine: Engine,
	node: WorkflowNode,
	options: {
		downstream?: WorkflowNode[];
		connections?: Record<string, string | string[]>;
		webhookId?: string;
	} = {},
): Promise<Receiver> {
	const webhookId = options.webhookId ?? 'composio-test-hook';
	const pending = new Set<Promise<unknown>>();
	const app = express();
	app.use(express.raw({ type: () => true, limit: '5mb' }));

	// Filled in once the server listens (its URL depends on the port).
	const receiver = {} as Receiver;

	app.post('/{*path}', (req, res) => {
		const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
		req.rawBody = raw;
		try {
			req.body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
		} catch {
			req.body = {};
		}
		let answered: unknown;
		const json = res.json.bind(res);
		res.json = (body: unknown) => {
			answered = body;
			return json(body);
		};
		// Loaded per request and saved afterwards, as n8n does with the workflow's static data.
		const staticData = JSON.parse(JSON.stringify(receiver.staticData)) as IDataObject;
		const handling = engine
			.webhook(receiver.node, req, res, {
				staticData,
				downstream: receiver.downstream,
				connections: receiver.connections,
				webhookId,
				webhookBaseUrl: receiver.base,
			})
			.then(({ run }) => {
				// Saved only when something changed it, and then whole (last writer wins), as n8n does.
				if ((staticData as { __dataChanged?: boolean }).__dataChanged === true) {
					receiver.staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
				}
				receiver.calls.push({ status: res.statusCode, body: answered, run });
			})
			.catch((error: Error) => {
				if (!res.headersSent) res.status(500).json({ message: error.message });
				receiver.calls.push({ status: 500, body: { message: error.message }, run: undefined });
			});
		pending.add(handling);
		void handling.finally(() => pending.delete(handling));
	});

	const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const base = `http://127.0.0.1:${port}/webhook`;

	Object.assign(receiver, {
		base,
		url: `${base}/${webhookId}/webhook`,
		webhookId,
		staticData: {},
		calls: [],
		node,
		downstream: options.downstream ?? [],
		connections: options.connections ?? {},
		async idle() {
			while (pending.size) await Promise.allSettled([...pending]);
		},
		runs() {
			return receiver.calls.flatMap((c) => (c.run ? [c.run] : []));
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	} satisfies Receiver);
	return receiver;
}

/** The static data of one node (n8n keys it `node:<name>`). */
export function nodeStaticData(staticData: IDataObject, nodeName: string): IDataObject {
	return (staticData[`node:${nodeName}`] as IDataObject | undefined) ?? {};
}
