/**
 * Which webhook URLs the sandbox accepts. Composio: "Webhook URLs must be publicly reachable"
 * (API changelog 2026-06-04), and the create reference asks for an HTTPS URL. How Composio
 * decides is not documented; the sandbox looks at the URL's host as written (no DNS lookup):
 * loopback, private, link-local, carrier-grade NAT, unique-local and unspecified addresses, and
 * names that only resolve inside a network (`localhost`, `*.localhost`, `.local`, `.internal`,
 * `.lan`, `.home.arpa`, single-label names) are not publicly reachable.
 */

export type UrlVerdict = { ok: true } | { ok: false; reason: string };

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet'];

function ipv4Parts(host: string): number[] | null {
	const parts = host.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
	const numbers = parts.map(Number);
	return numbers.every((n) => n <= 255) ? numbers : null;
}

function privateIpv4([a, b]: number[]): boolean {
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

function privateIpv6(host: string): boolean {
	const ip = host.replace(/^\[|\]$/g, '').toLowerCase();
	if (ip === '::' || ip === '::1') return true;
	// IPv4-mapped (::ffff:a.b.c.d, which WHATWG URL writes as ::ffff:xxxx:xxxx).
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
	if (mapped) {
		const high = parseInt(mapped[1], 16);
		const low = parseInt(mapped[2], 16);
		return privateIpv4([high >> 8, high & 255, low >> 8, low & 255]);
	}
	const first = parseInt(ip.split(':')[0] || '0', 16);
	// fc00::/7 unique local, fe80::/10 link-local.
	return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** Whether a parsed URL's host is one Composio cannot reach from the internet. */
export function isPrivateHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	if (host.startsWith('[') || host.includes(':')) return privateIpv6(host);
	const v4 = ipv4Parts(host);
	if (v4) return privateIpv4(v4);
	if (host === 'localhost' || !host.includes('.')) return true;
	return LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/**
 * Checks a `webhook_url`. With the development switch on, loopback and private hosts are accepted,
 * over http as well (so a local n8n can receive); public hosts still need https.
 */
export function checkWebhookUrl(url: URL, allowPrivate: boolean): UrlVerdict {
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { ok: false, reason: 'must be an https URL' };
	}
	const local = isPrivateHost(url.hostname);
	if (local && !allowPrivate) {
		return {
			ok: false,
			reason: `must be publicly reachable; ${url.hostname} is a loopback, private or internal address`,
		};
	}
	if (url.protocol === 'http:' && !local) return { ok: false, reason: 'must be an https URL' };
	return { ok: true };
}
