/**
 * What the documentation tests need to know about Markdown as GitHub renders it: the anchor each
 * heading gets, and the links a page makes (outside code).
 */

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/<[^>]*>/g, '')
		.replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** The page's lines outside fenced code blocks (fence lines included as blank lines). */
function proseLines(text: string): string[] {
	let fenced = false;
	return text.split('\n').map((line) => {
		if (/^\s*```/.test(line)) {
			fenced = !fenced;
			return '';
		}
		return fenced ? '' : line;
	});
}

/** Every anchor the page's headings produce (repeated headings get -1, -2, … as on GitHub). */
export function markdownAnchors(text: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const line of proseLines(text)) {
		const match = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!match) continue;
		const slug = githubSlug(match[1]);
		const count = seen.get(slug) ?? 0;
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
		seen.set(slug, count + 1);
	}
	return anchors;
}

/**
 * The targets of the page's inline links and images (`[text](target)`, `![alt](target)`), outside
 * fenced code and code spans. A code span cannot cross a blank line, so spans are removed paragraph
 * by paragraph.
 */
export function markdownLinks(text: string): string[] {
	const paragraphs = proseLines(text)
		.join('\n')
		.split(/\n\s*\n/);
	const targets: string[] = [];
	for (const paragraph of paragraphs) {
		const prose = paragraph.replace(/(`+)[\s\S]*?\1/g, '');
		for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			targets.push(match[1]);
		}
	}
	return targets;
}
