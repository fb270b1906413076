/**
 * The credential's Test button in real n8n (2.40.7 on Node 24, 2.8.4 on Node 20): the editor's
 * request, POST /rest/credentials/test, against `n8n start` with the built package installed as a
 * community package. n8n's CredentialsTester finds no declarative `test` on the credential and calls
 * the nodes' `testedBy` function; every Base URL or key problem comes back in words, never as a bare
 * code ("ECONNREFUSED", "ERR_INVALID_URL").
 *
 * Needs `npm run build` and `npm run n8n:install`.
 */
import { startSandbox } from '../../sandbox/src/index';
import type { N8nInstance } from './real-n8n.helpers.cjs';
import { createInstance, requireBuiltPackage, requireN8n } from './real-n8n.helpers.cjs';
import type { RunningN8n } from './templates.helpers.cjs';
import { CREDENTIAL, composioCredential, restClient, startServer } from './templates.helpers.cjs';
import type { CredentialTestPlaces, Server, TestResult } from '../harness/credentialTest';
import { CREDENTIAL_TEST_CASES, closedUrl, servePage } from '../harness/credentialTest';

const SETUP_TIMEOUT_MS = 15 * 60 * 1000;

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe.each(['2.40.7', '2.8.4'])('the credential Test in n8n %s', (version) => {
	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	let server: RunningN8n | undefined;
	let page: Server | undefined;
	let places: CredentialTestPlaces;
	let rest: ReturnType<typeof restClient>;

	beforeAll(async () => {
		const runtime = requireN8n(version);
		const pkg = requireBuiltPackage();
		sandbox = await startSandbox({ port: 0 });
		page = await servePage();
		places = { apiKey: sandbox.apiKey, closedUrl: await closedUrl(), pageUrl: page.url };
		// The first CLI command creates n8n's database (hundreds of migrations): minutes on a busy machine.
		n8n = await createInstance(runtime, { timeoutMs: 10 * 60 * 1000 });
		n8n.installPackage(pkg.dir);
		await n8n.importCredentials([
			composioCredential({ apiKey: sandbox.apiKey, baseUrl: sandbox.url }),
		]);
		server = await startServer(runtime, { userFolder: n8n.userFolder });
		rest = restClient(server.url, runtime);
		await rest.ensureOwner();
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await server?.stop();
		n8n?.cleanup();
		await page?.close();
		await sandbox?.close();
	}, 60000);

	/** What the editor sends when the user clicks Test in the credential modal. */
	async function testCredential(data: { apiKey?: string; baseUrl?: string }): Promise<TestResult> {
		return (await rest.request('POST', '/credentials/test', {
			credentials: {
				id: CREDENTIAL.id,
				name: CREDENTIAL.name,
				type: 'composioApi',
				data: { apiKey: sandbox!.apiKey, baseUrl: sandbox!.url, ...data },
			},
		})) as TestResult;
	}

	it.each(CREDENTIAL_TEST_CASES.map((testCase) => [testCase.name, testCase] as const))(
		'%s',
		async (_name, testCase) => {
			testCase.check(await testCredential(testCase.data(places)), places);
		},
	);
});
