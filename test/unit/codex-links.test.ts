/**
 * The documentation links n8n shows for each node (codex `resources.primaryDocumentation` and
 * `credentialDocumentation`) must land somewhere: a link into this package's repository must name
 * a Markdown page the repository has — the README (the repository's home page) or a page on the
 * default branch (`/blob/main/<path>`) — and a heading of that page (GitHub's anchor rules), so
 * moving or restructuring the documentation cannot break them unnoticed. Every node the package
 * declares has a codex file.
 */
import { codexFiles, exists as pathExists, packageJson, readText } from '../harness/repository.cjs';
import { githubSlug, markdownAnchors } from './markdown';

function links(codex: Record<string, unknown>): string[] {
	const resources = (codex.resources ?? {}) as Record<string, Array<{ url: string }>>;
	return Object.values(resources).flatMap((list) => list.map((entry) => entry.url));
}

const pkg = packageJson();
const repository = pkg.homepage.replace(/#.*$/, '');
const repositoryPath = new URL(repository).pathname;
const codices = codexFiles();

/** The repository file a link into the repository shows, or an explanation of why it shows none. */
function linkedFile(url: URL): string {
	if (url.pathname === repositoryPath || url.pathname === `${repositoryPath}/`) return 'README.md';
	const page = new RegExp(`^${repositoryPath}/blob/main/(.+\\.md)$`).exec(url.pathname);
	if (!page) return `not a Markdown page on main: ${url.pathname}`;
	const file = decodeURIComponent(page[1]);
	return pathExists(file) ? file : `no such file: ${file}`;
}

describe('codex documentation links', () => {
	it('the anchor rules match GitHub’s for the kinds of headings the documentation has', () => {
		expect(githubSlug('The two commands: `npm start` and `npm test`')).toBe(
			'the-two-commands-npm-start-and-npm-test',
		);
		expect(githubSlug('Enable / Disable')).toBe('enable--disable');
		expect(githubSlug('1. Pause and resume a user’s accounts on subscription events')).toBe(
			'1-pause-and-resume-a-users-accounts-on-subscription-events',
		);
		expect(markdownAnchors('# A\n## B\n```\n# not a heading\n```\n## B\n')).toEqual(
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

	it('the check refuses what it must refuse', () => {
		expect(linkedFile(new URL(`${repository}#x`))).toBe('README.md');
		expect(linkedFile(new URL(`${repository}/blob/main/docs/operations.md#x`))).toBe(
			'docs/operations.md',
		);
		expect(linkedFile(new URL(`${repository}/blob/main/docs/missing.md`))).toBe(
			'no such file: docs/missing.md',
		);
		expect(linkedFile(new URL(`${repository}/tree/main/docs`))).toMatch(/^not a Markdown page/);
	});

	it.each(codices.map(({ file, codex }) => [file, codex] as const))(
		'%s: every link is https, and a link into the repository names a page and a heading it has',
		(file, codex) => {
			for (const link of links(codex)) {
				expect({ file, link, https: link.startsWith('https://') }).toEqual({
					file,
					link,
					https: true,
				});
				if (!link.startsWith(repository)) continue;
				const url = new URL(link);
				const page = linkedFile(url);
				expect({ file, link, page, exists: pathExists(page) }).toEqual({
					file,
					link,
					page,
					exists: true,
				});
				const anchor = decodeURIComponent(url.hash.slice(1));
				const anchors = markdownAnchors(readText(page));
				expect({ file, link, page, anchorExists: anchor === '' || anchors.has(anchor) }).toEqual({
					file,
					link,
					page,
					anchorExists: true,
				});
			}
		},
	);
});
