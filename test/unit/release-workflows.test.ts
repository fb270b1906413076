/**
 * The release path as files: the two GitHub Actions workflows parse as YAML and do what docs/development.md →
 * Releases says (CI runs `.ci/run` on pushes and pull requests; a version tag publishes
 * with an npm provenance statement after lint, build and tests), the laptop guards are in package.json,
 * and CHANGELOG.md has the current version.
 */
import { exists, packageJson, readText, readYaml, workflowFiles } from '../harness/repository.cjs';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}

interface Job {
	name?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	steps: Step[];
}

interface Workflow {
	name: string;
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const ci = readYaml('.github/workflows/ci.yml') as Workflow;
const publish = readYaml('.github/workflows/publish.yml') as Workflow;
const pkg = packageJson();

/** Index of the first step matching `test` in `job`, -1 when none. */
function stepIndex(job: Job, test: (step: Step) => boolean): number {
	return job.steps.findIndex(test);
}

const runs = (command: RegExp) => (step: Step) =>
	typeof step.run === 'string' && command.test(step.run);
const uses = (action: string) => (step: Step) =>
	typeof step.uses === 'string' && step.uses.split('@')[0] === action;

/** The job that runs `npm run release`. */
function publishingJob(): [string, Job] {
	const found = Object.entries(publish.jobs).filter(([, job]) =>
		job.steps.some(runs(/^npm run release$/m)),
	);
	expect(found).toHaveLength(1);
	return found[0];
}

describe('.github/workflows', () => {
	it('holds ci.yml and publish.yml, each valid YAML (strict: no duplicate keys)', () => {
		expect(workflowFiles()).toEqual(['ci.yml', 'publish.yml']);
		for (const workflow of [ci, publish]) {
			expect(typeof workflow.name).toBe('string');
			expect(Object.keys(workflow.jobs).length).toBeGreaterThan(0);
			for (const job of Object.values(workflow.jobs)) {
				expect(Array.isArray(job.steps)).toBe(true);
				for (const step of job.steps) {
					// every step does exactly one thing: an action or a command
					expect([step.uses, step.run].filter((part) => part !== undefined)).toHaveLength(1);
				}
			}
		}
	});

	it('ci.yml runs .ci/run on every push and pull request, after checkout and Node', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		// no branch or path filter: every push and every pull request
		expect(ci.on.push ?? null).toBeNull();
		expect(ci.on.pull_request ?? null).toBeNull();
		expect(ci.permissions).toEqual({ contents: 'read' });
		const [job] = Object.values(ci.jobs);
		const checkout = stepIndex(job, uses('actions/checkout'));
		const node = stepIndex(job, uses('actions/setup-node'));
		const run = stepIndex(job, runs(/^bash \.ci\/run$/m));
		expect(checkout).toBeGreaterThanOrEqual(0);
		expect(node).toBeGreaterThan(checkout);
		expect(run).toBeGreaterThan(node);
		expect(String(job.steps[node].with?.['node-version'])).toMatch(/^20/);
	});

	it('.ci/run is lint, build and the full test command', () => {
		const script = readText('.ci/run');
		const order = ['npm ci', 'npm run lint', 'npm run build', 'npm test'].map((command) =>
			script.indexOf(`\n${command}\n`),
		);
		expect(order.every((index) => index > 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('publish.yml runs on version tags only (v1.2.3), never on branches or pull requests', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		const push = publish.on.push as Record<string, unknown>;
		expect(push).toEqual({ tags: ['v*.*.*'] });
	});

	it('publish.yml: only the publishing job may mint an OIDC token (id-token: write, contents: read)', () => {
		expect(publish.permissions).toEqual({ contents: 'read' });
		const [name, job] = publishingJob();
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		for (const [other, otherJob] of Object.entries(publish.jobs)) {
			if (other !== name) expect(otherJob.permissions?.['id-token']).toBeUndefined();
		}
	});

	it('publish.yml: lint, build and tests pass before anything is published', () => {
		const [, job] = publishingJob();
		const needs = ([] as string[]).concat(job.needs ?? []);
		expect(needs.length).toBeGreaterThan(0);
		const checks = needs.map((need) => publish.jobs[need]);
		expect(checks.some((check) => check.steps.some(runs(/^bash \.ci\/run$/m)))).toBe(true);
	});

	it('publish.yml: checkout → Node with the npm registry → tag matches version → npm ci → npm run release', () => {
		const [, job] = publishingJob();
		const checkout = stepIndex(job, uses('actions/checkout'));
		const node = stepIndex(job, uses('actions/setup-node'));
		const tag = stepIndex(job, runs(/GITHUB_REF_NAME/));
		const install = stepIndex(job, runs(/^npm ci$/m));
		const release = stepIndex(job, runs(/^npm run release$/m));
		expect([checkout, node, tag, install, release].every((index) => index >= 0)).toBe(true);
		expect([checkout, node, tag, install, release]).toEqual(
			[checkout, node, tag, install, release].sort((a, b) => a - b),
		);
		// setup-node writes the .npmrc that npm's trusted publishing (OIDC) authenticates through
		expect(job.steps[node].with?.['registry-url']).toBe('https://registry.npmjs.org');
		// npm >= 11.5.1 (trusted publishing) ships with Node 24
		expect(
			Number(String(job.steps[node].with?.['node-version']).split('.')[0]),
		).toBeGreaterThanOrEqual(24);
		// the tag check compares against package.json and CHANGELOG.md
		expect(job.steps[tag].run).toContain("require('./package.json').version");
		expect(job.steps[tag].run).toContain('CHANGELOG.md');
		// no long-lived npm token: trusted publishing only
		expect(JSON.stringify(publish)).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
	});
});

describe('package.json: release scripts and the laptop guards', () => {
	it('`npm run release` is n8n-node release, which in GitHub Actions lints, builds and publishes with provenance', () => {
		expect(pkg.scripts.release).toBe('n8n-node release');
	});

	it('prepublishOnly is n8n-node prerelease (refuses unless RELEASE_MODE is set, as the n8n-node starter does)', () => {
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
	});

	it('publishConfig asks for provenance and public access, so a laptop `npm publish` is refused even with ignore-scripts', () => {
		expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
		expect(readText('.npmrc')).toMatch(/^ignore-scripts=true$/m);
	});

	it('`npm test` installs the registry tools before Jest runs', () => {
		expect(pkg.scripts['registry:install']).toBe('node scripts/registry/install.mjs');
		expect(pkg.scripts.test).toMatch(/npm run registry:install && jest$/);
		expect(exists('scripts/registry/install.mjs')).toBe(true);
	});
});

describe('CHANGELOG.md', () => {
	const changelog = readText('CHANGELOG.md');
	const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map(
		(match) => ({ version: match[1], date: match[2] }),
	);

	it('starts with Unreleased, then every version newest first, each dated', () => {
		expect(headings[0]).toEqual({ version: 'Unreleased', date: undefined });
		const versions = headings.slice(1);
		expect(versions.length).toBeGreaterThan(0);
		for (const { version, date } of versions) {
			expect(version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
			expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		const dates = versions.map(({ date }) => date as string);
		expect([...dates].sort().reverse()).toEqual(dates);
	});

	it('has an entry for the version in package.json (publish.yml refuses a tag without one)', () => {
		expect(headings.map(({ version }) => version)).toContain(pkg.version);
	});

	it('the README points to it', () => {
		expect(readText('README.md')).toContain('[CHANGELOG.md](CHANGELOG.md)');
	});
});
