/**
 * The documentation links n8n shows for each node (codex `resources.primaryDocumentation` and
 * `credentialDocumentation`) must land somewhere: a link into this package's README must name a
 * heading the README has (GitHub's anchor rules), so restructuring the README cannot break them
 * unnoticed. Every node the package declares has a codex file.
 */
import { codexFiles, packageJson, readme } from '../harness/repository.cjs';

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function githubSlug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/<[^>]*>/g, '')
		.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** Every anchor the README's headings produce (repeated headings get -1, -2, … as on GitHub). */
function readmeAnchors(text: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let fenced = false;
	for (const line of text.split('\n')) {
		if (/^\s*```/.test(line)) fenced = !fenced;
		const match = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!match) continue;
		const slug = githubSlug(match[1]);
		const count = seen.get(slug) ?? 0;
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
		seen.set(slug, count + 1);
	}
	return anchors;
}

function links(codex: Record<string, unknown>): string[] {
	const resources = (codex.resources ?? {}) as Record<string, Array<{ url: string }>>;
	return Object.values(resources).flatMap((list) => list.map((entry) => entry.url));
}

const pkg = packageJson();
const repository = pkg.homepage.replace(/#.*$/, '');
const anchors = readmeAnchors(readme());
const codices = codexFiles();

describe('codex documentation links', () => {
	it('the anchor rules match GitHub’s for the kinds of headings the README has', () => {
		expect(githubSlug('The two commands: `npm start` and `npm test`')).toBe(
			'the-two-commands-npm-start-and-npm-test',
		);
		expect(githubSlug('Enable / Disable')).toBe('enable--disable');
		expect(githubSlug('1. Pause and resume a user’s accounts on subscription events')).toBe(
			'1-pause-and-resume-a-users-accounts-on-subscription-events',
		);
		expect(readmeAnchors('# A\n## B\n```\n# not a heading\n```\n## B\n')).toEqual(
			new Set(['a', 'b', 'b-1']),
		);
	});

	it('every declared node has a codex file with a primary and a credential documentation link', () => {
		const declared = pkg.n8n.nodes.map((file) =>
			file.replace(/^dist\//, '').replace(/\.js$/, '.json'),
		);
		expect(codices.map((c) => c.file).sort()).toEqual(declared.sort());
		for (const { file, codex } of codices) {
			const resources = codex.resources as Record<string, unknown[]>;
			expect({ file, primary: resources.primaryDocumentation?.length ?? 0 }).toEqual({
				file,
				primary: 1,
			});
			expect({ file, credential: resources.credentialDocumentation?.length ?? 0 }).toEqual({
				file,
				credential: 1,
			});
		}
	});

	it.each(codices.map(({ file, codex }) => [file, codex] as const))(
		'%s: every link is https, and a README link names an existing heading',
		(file, codex) => {
			for (const url of links(codex)) {
				expect({ file, url, https: url.startsWith('https://') }).toEqual({
					file,
					url,
					https: true,
				});
				if (!url.startsWith(repository)) continue;
				const { hash, pathname } = new URL(url);
				expect({ file, url, path: pathname }).toEqual({
					file,
					url,
					path: new URL(repository).pathname,
				});
				const anchor = decodeURIComponent(hash.slice(1));
				expect({ file, url, anchorExists: anchor === '' || anchors.has(anchor) }).toEqual({
					file,
					url,
					anchorExists: true,
				});
			}
		},
	);
});
