/**
 * The published files (dist/, what `npm publish` ships) hold no secret: no Composio API key, no
 * canary of the secret-leak scan (secret-leak.test.ts), no private key, bearer token or
 * secret-looking assignment. Needs `npm run build`; the full run builds first, the quick loop
 * leaves this file out.
 */
import { distFiles } from '../harness/repository.cjs';

const MARKER = /leakcanary/i;

it('the published files hold no secret', () => {
	const files = distFiles();
	if (files === null) throw new Error('dist/ is missing: run `npm run build` first');
	expect(files.length).toBeGreaterThan(0);
	const patterns: Array<[string, RegExp]> = [
		['a Composio API key', /\bak_[A-Za-z0-9_-]{8,}/],
		['a canary', MARKER],
		['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
		['a bearer token', /Bearer\s+[A-Za-z0-9._~+/-]{20,}=*/],
		['an x-api-key value', /["']x-api-key["']\s*:\s*["'][^"'{$=][^"']*["']/i],
		[
			'a secret-looking assignment',
			/(secret|password|token)["']?\s*[:=]\s*["'][A-Za-z0-9+/_-]{24,}["']/i,
		],
	];
	const found: string[] = [];
	for (const file of files) {
		for (const [what, pattern] of patterns) {
			const match = pattern.exec(file.text);
			if (match) found.push(`${file.path}: ${what} (${match[0].slice(0, 40)})`);
		}
	}
	expect(found).toEqual([]);
});
