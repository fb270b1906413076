/**
 * A throw-away HTTP server on 127.0.0.1 for the tests that need something other than the sandbox at
 * a Base URL or a proxied URL: a web page, a proxy's error page, a server that echoes the key back.
 */
import express from 'express';

export interface Server {
	url: string;
	close(): Promise<void>;
}

/** An HTTP server on a free 127.0.0.1 port answering every request with `handler`. */
export async function serve(
	handler: (req: express.Request, res: express.Response) => void,
): Promise<Server> {
	const app = express();
	app.use((req, res) => handler(req, res));
	const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		// Kept-alive connections would hold close() open.
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
