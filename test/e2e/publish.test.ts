/**
 * Publishing the built package to a real npm registry (Verdaccio 6.8.0 on loopback, installed in the
 * cache by `npm run registry:install`) and n8n's scanner on what the registry serves.
 *
 * - `npm publish` as a laptop would run it is refused: by npm itself (publishConfig.provenance, no CI
 *   provider to sign), and with install scripts on by `prepublishOnly` (n8n-node prerelease, no
 *   RELEASE_MODE). Only `RELEASE_MODE=true … --provenance=false` publishes here: provenance can only be
 *   signed in GitHub Actions.
 * - The registry serves exactly the files `npm pack` lists.
 * - @n8n/scan-community-package 0.32.0: its CLI reads only registry.npmjs.org and lints the GitHub
 *   commit a provenance statement names, so scripts/registry/scan.mjs runs the same two
 *   `analyzePackage` legs (this repository as the source, the registry's tarball as the package) —
 *   both must pass, and a tampered tarball must fail (the check can fail). Its provenance check on the
 *   local registry's document reports the one thing only GitHub Actions can add.
 *
 * Needs `npm run build`.
 */
import { requireBuiltPackage } from './real-n8n.helpers.cjs';
import type { LocalRegistry, ScanReport } from './registry.helpers.cjs';
import {
	PACKAGE_ROOT,
	cleanupTemp,
	fetchPublished,
	listFiles,
	requireTool,
	runScanner,
	startRegistry,
	tamperedCopy,
} from './registry.helpers.cjs';
import { packDryRun } from '../harness/repository.cjs';

const SETUP_TIMEOUT_MS = 3 * 60 * 1000;
const SCAN_TIMEOUT_MS = 3 * 60 * 1000;
const RELEASE = { env: { RELEASE_MODE: 'true' }, args: ['--provenance=false'] };

describe('publishing to a local npm registry', () => {
	let registry: LocalRegistry | undefined;
	let pkg: { dir: string; name: string; version: string };
	let fetched: { dir: string; tarball: string };
	let report: ScanReport;

	beforeAll(async () => {
		pkg = requireBuiltPackage();
		requireTool('scan-community-package');
		registry = await startRegistry();
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await registry?.stop();
		cleanupTemp();
	}, 60000);

	it(
		'a laptop `npm publish` is refused by npm: publishConfig asks for provenance, which only a CI provider can sign',
		async () => {
			const result = await registry!.npm(['publish'], { cwd: PACKAGE_ROOT });
			expect(result.code).not.toBe(0);
			expect(result.stderr).toContain(
				'Automatic provenance generation not supported for provider: null',
			);
			expect(await registry!.has(pkg.name)).toBe(false);
		},
		SETUP_TIMEOUT_MS,
	);

	it(
		'with install scripts on, prepublishOnly (n8n-node prerelease) refuses it too unless RELEASE_MODE is set',
		async () => {
			const result = await registry!.npm(
				['publish', '--provenance=false', '--ignore-scripts=false'],
				{
					cwd: PACKAGE_ROOT,
				},
			);
			expect(result.code).not.toBe(0);
			expect(`${result.stdout}\n${result.stderr}`).toContain(
				'Run `npm run release` to publish the package',
			);
			expect(await registry!.has(pkg.name)).toBe(false);
		},
		SETUP_TIMEOUT_MS,
	);

	it(
		'publishes with RELEASE_MODE=true (prepublishOnly passes) and without provenance',
		async () => {
			await registry!.publish(PACKAGE_ROOT, {
				env: RELEASE.env,
				args: [...RELEASE.args, '--ignore-scripts=false'],
			});
			const packument = await registry!.packument(pkg.name);
			expect(packument['dist-tags']).toEqual({ latest: pkg.version });
			expect(Object.keys(packument.versions)).toEqual([pkg.version]);
			const published = packument.versions[pkg.version];
			expect(published.dist.attestations).toBeUndefined();
			expect(published.dependencies ?? {}).toEqual({});
			expect(published.peerDependencies).toEqual({ 'n8n-workflow': '*' });
			expect(published.keywords).toContain('n8n-community-node-package');
		},
		SETUP_TIMEOUT_MS,
	);

	it(
		'serves exactly the files `npm pack` lists',
		async () => {
			fetched = fetchPublished(registry!.url, pkg.name, pkg.version);
			expect(listFiles(fetched.dir)).toEqual(
				packDryRun()
					.files.map((file) => file.path)
					.sort(),
			);
		},
		SETUP_TIMEOUT_MS,
	);

	it(
		"n8n's scanner (@n8n/scan-community-package) passes on the source and on the published tarball",
		async () => {
			report = await runScanner({
				packageDir: fetched.dir,
				sourceDir: PACKAGE_ROOT,
				metadata: await registry!.packument(pkg.name),
				version: pkg.version,
			});
			expect(report.scanner).toBe('0.32.0');
			expect(report.patterns.source).toEqual([
				'package.json',
				'{nodes,credentials}/**/*.{js,ts,json}',
			]);
			// the details are ESLint's report: shown in full when a rule fails
			expect(report.source).toEqual({ passed: true });
			expect(report.tarball).toEqual({ passed: true });
		},
		SCAN_TIMEOUT_MS,
	);

	it("the scanner's provenance check reports only the missing provenance (signed in GitHub Actions only)", () => {
		expect(report.provenance).toEqual({
			passed: false,
			message: expect.stringMatching(/^Package was not published with npm provenance\./),
		});
	});

	it(
		'the scanner fails a tarball whose code breaks its rules (a console.log in a node)',
		async () => {
			const node = 'dist/nodes/ComposioConnectedAccount/ComposioConnectedAccount.node.js';
			const tampered = tamperedCopy(fetched.dir, node, "\nconsole.log('scanner self-check');\n");
			const result = await runScanner({ packageDir: tampered, sourceDir: PACKAGE_ROOT });
			expect(result.source).toEqual({ passed: true });
			expect(result.tarball.passed).toBe(false);
			expect(result.tarball.message).toBe('ESLint violations found');
			expect(result.tarball.details).toContain('no-console');
			expect(result.tarball.details).toContain('ComposioConnectedAccount.node.js');
		},
		SCAN_TIMEOUT_MS,
	);
});
