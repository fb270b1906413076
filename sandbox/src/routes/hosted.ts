/**
 * The hosted connection page (`/link/<token>`), standing in for connect.composio.dev and the
 * providers' consent screens. Visiting it (GET) completes the connection; `?outcome=fail`
 * makes it fail. Options: `identity=<mailbox/login/workspace>`, `api_key=<key>` (API-key
 * toolkits), `error=<code>` with `outcome=fail`.
 */
import { Router, type Request, type Response } from 'express';
import type { SandboxState } from '../core/state';
import { completeConnection, failConnection } from '../domain/lifecycle';
import { requestMeta } from '../http/context';

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(res: Response, status: number, title: string, message: string): void {
	res
		.status(status)
		.type('html')
		.send(
			`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
				`<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><small>Composio sandbox</small></p></body></html>`,
		);
}

function callbackTarget(
	callbackUrl: string,
	status: 'success' | 'failed',
	accountId: string,
): string | null {
	try {
		const url = new URL(callbackUrl);
		url.searchParams.set('status', status);
		url.searchParams.set('connected_account_id', accountId);
		return url.toString();
	} catch {
		return null;
	}
}

export function createHostedRouter(state: SandboxState): Router {
	const router = Router();
	router.get('/link/:token', (req: Request, res: Response) => {
		const meta = requestMeta(res);
		if (meta.log) meta.log.route = 'GET /link/:token';
		const link = state.links.get(req.params.token as string);
		if (!link) return page(res, 404, 'Link not found', 'This connection link does not exist.');
		state.counters.linkVisits++;
		const account = state.accounts.get(link.accountId);
		if (!account || account.deletedAt !== null) {
			return page(
				res,
				404,
				'Connection not found',
				'The connected account of this link no longer exists.',
			);
		}
		if (
			link.state === 'expired' ||
			(link.state === 'pending' && state.clock.now() >= link.expiresAt)
		) {
			return page(
				res,
				410,
				'Link expired',
				'This connection link has expired. Ask for a new link.',
			);
		}
		if (link.state === 'invalidated') {
			return page(
				res,
				410,
				'Link no longer valid',
				'This connection link was replaced or cancelled.',
			);
		}
		if (link.state !== 'pending') {
			return page(
				res,
				409,
				'Link already used',
				`This connection link was already used (${link.state}).`,
			);
		}
		const query = meta.query;
		const failed = query.string('outcome') === 'fail';
		if (failed) {
			link.state = 'failed';
			failConnection(
				state,
				account,
				query.string('error') ?? 'access_denied',
				query.string('error_description') ?? 'The user denied the authorization request',
			);
		} else {
			link.state = 'completed';
			completeConnection(state, account, {
				identity: query.string('identity'),
				apiKey: query.string('api_key'),
			});
		}
		const target = link.callbackUrl
			? callbackTarget(link.callbackUrl, failed ? 'failed' : 'success', account.id)
			: null;
		if (target) return res.redirect(302, target);
		return failed
			? page(
					res,
					200,
					'Connection failed',
					`The connection ${account.id} failed. You can close this window.`,
				)
			: page(
					res,
					200,
					'Connected',
					`Your ${account.toolkit} account is connected (${account.id}). You can close this window.`,
				);
	});
	return router;
}
