/**
 * Whether Composio can deliver to n8n's webhook URL. Composio accepts only publicly reachable
 * webhook URLs and rejects internal and loopback ones (API changelog 2026-06-04), so a trigger on
 * `http://localhost:5678` cannot work with Composio's own servers. The check reads the host as
 * written (no DNS lookup): it catches the common mistake, and Composio stays the judge of the rest.
 */

export type HostKind = 'loopback' | 'private' | 'internal name' | 'public';

const INTERNAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

function ipv4(host: string): number[] | null {
	const parts = host.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
	const numbers = parts.map(Number);
	return numbers.every((n) => n <= 255) ? numbers : null;
}

function ipv4Kind([a, b]: number[]): HostKind {
	if (a === 127 || a === 0) return 'loopback';
	if (
		a === 10 ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 169 && b === 254) ||
		(a === 100 && b >= 64 && b <= 127)
	) {
		return 'private';
	}
	return 'public';
}

function ipv6Kind(host: string): HostKind {
	const ip = host.replace(/^\[|\]$/g, '').toLowerCase();
	if (ip === '::1' || ip === '::') return 'loopback';
	// IPv4-mapped addresses, which the URL parser writes as ::ffff:xxxx:xxxx.
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
	if (mapped) {
		const high = parseInt(mapped[1], 16);
		const low = parseInt(mapped[2], 16);
		return ipv4Kind([high >> 8, high & 255, low >> 8, low & 255]);
	}
	const first = parseInt(ip.split(':')[0] || '0', 16);
	// fc00::/7 unique local, fe80::/10 link-local.
	if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80) return 'private';
	return 'public';
}

/** What kind of host a URL's hostname (as `new URL()` gives it) is. */
export function hostKind(hostname: string): HostKind {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host.startsWith('[') || host.includes(':')) return ipv6Kind(host);
	const v4 = ipv4(host);
	if (v4) return ipv4Kind(v4);
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	if (!host.includes('.') || INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
		return 'internal name';
	}
	return 'public';
}

function kindOf(url: string | undefined): HostKind | undefined {
	if (!url) return undefined;
	try {
		return hostKind(new URL(url).hostname);
	} catch {
		return undefined;
	}
}

export interface UnreachableWebhookUrl {
	message: string;
	description: string;
}

/** The fix, in the words an n8n user needs (also appended to Composio's own 400). */
export const WEBHOOK_URL_FIX =
	'Composio delivers only to publicly reachable URLs. Set n8n’s WEBHOOK_URL environment variable to the public https address of this n8n (for example a tunnel such as Cloudflare Tunnel or ngrok that forwards to it) and restart n8n; the trigger then registers that address.';

/**
 * Why Composio at `composioBaseUrl` cannot reach `webhookUrl`, or undefined when it can (as far as
 * the host shows). A Composio-compatible server on this machine (Base URL on loopback, such as the
 * package's sandbox) reaches whatever this machine reaches, so nothing is refused then.
 */
export function unreachableWebhookUrl(
	webhookUrl: string,
	composioBaseUrl: string | undefined,
): UnreachableWebhookUrl | undefined {
	if (kindOf(composioBaseUrl) === 'loopback') return undefined;
	const kind = kindOf(webhookUrl);
	if (!kind || kind === 'public') return undefined;
	const what =
		kind === 'loopback'
			? 'a loopback address'
			: kind === 'private'
				? 'a private network address'
				: 'a name that only resolves inside a network';
	return {
		message: `Composio cannot reach this trigger’s webhook URL ${webhookUrl}: it is ${what}`,
		description: WEBHOOK_URL_FIX,
	};
}

/** Whether a URL's host is not public (used to explain Composio's own refusal). */
export function isNonPublicUrl(url: string): boolean {
	const kind = kindOf(url);
	return kind !== undefined && kind !== 'public';
}
