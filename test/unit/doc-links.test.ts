/**
 * The documentation holds together: the README is a front page that links every page of docs/, and
 * every relative link in the package's Markdown pages (README, CHANGELOG, docs/, the READMEs of
 * sandbox/, bench/ and scripts/n8n/) lands on a file that exists and, for a page, on a heading it
 * has. Documentation states facts with their date and hardware, never about "this machine".
 */
import { exists as pathExists, markdownFiles, readText, readme } from '../harness/repository.cjs';
import { markdownAnchors, markdownLinks } from './markdown';

const pages = markdownFiles();

/** The repository path a relative link from `page` points at (`/` separated, no `..` left). */
function resolve(page: string, target: string): string {
	const parts = page.split('/').slice(0, -1);
	for (const part of target.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return parts.join('/');
}

/** Every relative link of a page as { target, file, anchor } (file '' for an anchor on the page). */
function relativeLinks(page: string) {
	return markdownLinks(readText(page))
		.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
		.map((target) => {
			const [pathPart, anchor = ''] = target.split('#');
			const file = pathPart === '' ? page : resolve(page, decodeURIComponent(pathPart));
			return { target, file, anchor: decodeURIComponent(anchor) };
		});
}

describe('documentation links', () => {
	it('the link reader finds links outside code and resolves relative paths', () => {
		expect(
			markdownLinks(
				'[a](x.md#h) `[b](not-a-link)` ![c](img.png)\n\n```\n[d](code)\n```\n[e](<y.md> "t")',
			),
		).toEqual(['x.md#h', 'img.png', 'y.md']);
		expect(resolve('docs/operations.md', '../sandbox/README.md')).toBe('sandbox/README.md');
		expect(resolve('README.md', 'docs/triggers.md')).toBe('docs/triggers.md');
	});

	it.each(pages)('%s: every relative link lands on a file and a heading that exist', (page) => {
		for (const { target, file, anchor } of relativeLinks(page)) {
			expect({ page, target, file, exists: pathExists(file) }).toEqual({
				page,
				target,
				file,
				exists: true,
			});
			if (anchor === '' || !file.endsWith('.md')) continue;
			const anchorExists = markdownAnchors(readText(file)).has(anchor);
			expect({ page, target, anchorExists }).toEqual({ page, target, anchorExists: true });
		}
	});

	it('the README links every page of docs/', () => {
		const linked = new Set(relativeLinks('README.md').map(({ file }) => file));
		const docs = pages.filter((page) => page.startsWith('docs/'));
		expect(docs.length).toBeGreaterThan(0);
		expect(docs.filter((page) => !linked.has(page))).toEqual([]);
	});

	it('the README is a front page: under 400 lines, the two set-up commands at the top of its development part', () => {
		const text = readme();
		expect(text.split('\n').length).toBeLessThan(400);
		const development = text.slice(text.indexOf('\n## Development\n'));
		expect(development.indexOf('\n## Development\n')).toBe(0);
		const firstCommands = /```sh\n([\s\S]*?)```[\s\S]*?```sh\n([\s\S]*?)```/.exec(development);
		expect(firstCommands?.slice(1)).toEqual(['npm ci\nnpm start\n', 'npm test\n']);
	});

	it.each(pages)(
		'%s: no sentence about "this machine" or what a registry "here" can do',
		(page) => {
			const local = readText(page)
				.split('\n')
				.filter((line) =>
					/this machine|this box|here can|(registry|network|reachable|installs from the registry) here\b/i.test(
						line,
					),
				);
			expect({ page, local }).toEqual({ page, local: [] });
		},
	);
});
