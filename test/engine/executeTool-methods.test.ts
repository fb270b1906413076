/**
 * Composio Execute Tool, editor methods with n8n-core's LoadOptionsContext against the sandbox:
 * tool search, the accounts and auth configs a choice can use, versions, toolkits, and the
 * resource-mapper fields generated from a tool's JSON schema (then used in a run).
 */
import type { IDataObject, ResourceMapperField, ResourceMapperValue } from 'n8n-workflow';

import { SEED_ACCOUNTS, SEED_AUTH_CONFIGS } from '../../sandbox/src';
import { editorToolNode as node, EXECUTE_TOOL as NODE, fromList } from '../harness/builders';
import { useSandboxSuite } from '../harness/sandboxSuite';

const A = SEED_ACCOUNTS;
const AC = SEED_AUTH_CONFIGS;

const suite = useSandboxSuite();

describe('Tool list', () => {
	it('searches tools by text and shows slug and name', async () => {
		const result = await suite.engine.listSearch(node(), 'searchTools', 'send');
		expect(result.results.map((r) => r.value)).toEqual([
			'GMAIL_SEND_EMAIL',
			'SLACK_CHAT_POST_MESSAGE',
			'SLACK_SEND_MESSAGE',
		]);
		expect(result.results[0]).toMatchObject({
			name: 'GMAIL_SEND_EMAIL · Send email',
			description: 'Sends an email from the connected Gmail account to the given recipients.',
		});
		expect(result.results[1].name).toBe(
			'SLACK_CHAT_POST_MESSAGE · Chat post message (deprecated) · deprecated',
		);
		const [request] = await suite.control.requests();
		expect(request.rawQuery).toBe('query=send&limit=50');
	});

	it('narrows to the Toolkit parameter', async () => {
		const result = await suite.engine.listSearch(node({ toolkit: 'github' }), 'searchTools');
		expect(result.results.map((r) => r.value)).toEqual([
			'GITHUB_CREATE_AN_ISSUE',
			'GITHUB_GET_THE_AUTHENTICATED_USER',
			'GITHUB_LIST_STARGAZERS',
		]);
		expect((await suite.control.requests())[0].rawQuery).toBe('toolkit_slug=github&limit=50');
	});
});

describe('Connected Account list (Specific Account)', () => {
	it('shows the user’s accounts of the tool’s toolkit with alias, status and creation date', async () => {
		const result = await suite.engine.listSearch(
			node({ tool: fromList('GMAIL_GET_PROFILE'), userId: 'user_alice' }),
			'searchToolAccounts',
		);
		expect(result.results).toEqual([
			{
				name: 'gmail · personal · ACTIVE · user_alice · created 2026-04-10',
				value: A.aliceGmailPersonal,
			},
			{
				name: 'gmail · work · ACTIVE · user_alice · created 2026-03-02',
				value: A.aliceGmailWork,
			},
		]);
		const list = (await suite.control.requests()).find(
			(r) => r.path === '/api/v3.1/connected_accounts',
		);
		expect(list?.query).toMatchObject({ user_ids: ['user_alice'], toolkit_slugs: ['gmail'] });
	});

	it('with the user ID as an expression, lists every user’s accounts of the toolkit', async () => {
		const result = await suite.engine.listSearch(
			node({ tool: fromList('SLACK_SEND_MESSAGE'), userId: '={{ $json.userId }}' }),
			'searchToolAccounts',
		);
		expect(result.results.map((r) => r.value).sort()).toEqual(
			[
				A.aliceSlackInactive,
				A.bobSlackAcme,
				A.bobSlackSide,
				A.carolSlackRevoked,
				A.daveSlackLegacy,
			].sort(),
		);
	});
});

describe('Auth Config for Connect Links list', () => {
	it('lists the auth configs of the tool’s toolkit', async () => {
		const result = await suite.engine.listSearch(
			node({ tool: fromList('GMAIL_SEND_EMAIL') }),
			'searchToolAuthConfigs',
		);
		expect(result.results.map((r) => r.value)).toEqual([AC.gmailCustom, AC.gmailManaged]);
		expect(result.results[1].name).toBe('Gmail (Composio managed) (gmail, Composio-managed)');
	});
});

describe('options', () => {
	it('Version lists "Newest Listed", "latest" and the tool’s versions, newest first', async () => {
		const options = await suite.engine.loadOptions(
			node({ tool: fromList('GITHUB_LIST_STARGAZERS') }),
			'getToolVersions',
		);
		expect(options.map((o) => [o.name, o.value])).toEqual([
			['Newest Listed (Now 20251111_00)', 'newest'],
			['Latest (Chosen by Composio)', 'latest'],
			['20251111_00', '20251111_00'],
			['20251027_00', '20251027_00'],
		]);
	});

	it('Version offers only the two symbolic choices before a tool is chosen', async () => {
		const options = await suite.engine.loadOptions(node(), 'getToolVersions');
		expect(options.map((o) => o.value)).toEqual(['newest', 'latest']);
		expect(await suite.control.requests()).toEqual([]);
	});

	it('Toolkit starts with "All Toolkits"', async () => {
		const options = await suite.engine.loadOptions(node(), 'getToolkitOptions');
		expect(options.map((o) => o.value)).toEqual(['', 'github', 'gmail', 'slack', 'tavily']);
	});
});

describe('Arguments resource mapper', () => {
	it('builds one field per schema property: types, required first, enums as options, defaults', async () => {
		const { fields } = await suite.engine.resourceMapping(
			node({ tool: fromList('TAVILY_SEARCH') }),
			'getToolArguments',
		);
		expect(fields).toEqual([
			{
				id: 'query',
				displayName: 'Query',
				required: true,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'string',
				removed: false,
			},
			{
				id: 'search_depth',
				displayName: 'Search Depth',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'options',
				removed: false,
				options: [
					{ name: 'basic', value: 'basic' },
					{ name: 'advanced', value: 'advanced' },
				],
				defaultValue: 'basic',
			},
			{
				id: 'max_results',
				displayName: 'Max Results',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'number',
				removed: false,
				defaultValue: 5,
			},
			{
				id: 'include_answer',
				displayName: 'Include Answer',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'boolean',
				removed: false,
				defaultValue: false,
			},
			{
				id: 'topic',
				displayName: 'Topic',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: 'options',
				removed: false,
				options: [
					{ name: 'general', value: 'general' },
					{ name: 'news', value: 'news' },
				],
				defaultValue: 'general',
			},
		]);
	});

	it('follows the chosen version (fields appear and disappear with the schema)', async () => {
		const ids = async (version: string) =>
			(
				await suite.engine.resourceMapping(
					node({ tool: fromList('GMAIL_SEND_EMAIL'), version }),
					'getToolArguments',
				)
			).fields.map((f) => `${f.id}:${f.type}${f.required ? '*' : ''}`);
		expect(await ids('newest')).toEqual([
			'recipient_email:string*',
			'body:string*',
			'subject:string',
			'cc:string',
			'bcc:string',
			'is_html:boolean',
			'extra_recipients:string',
			'user_id:string',
		]);
		expect(await ids('20250909_00')).toEqual([
			'recipient_email:string*',
			'body:string*',
			'subject:string',
			'cc:string',
			'bcc:string',
			'user_id:string',
		]);
		const reads = (await suite.control.requests()).filter(
			(r) => r.path === '/api/v3.1/tools/GMAIL_SEND_EMAIL',
		);
		expect(reads.map((r) => r.rawQuery)).toEqual(['', '', 'version=20250909_00']);
	});

	it('says when a tool takes no arguments, or no tool is chosen yet', async () => {
		expect(
			await suite.engine.resourceMapping(
				node({ tool: fromList('GITHUB_GET_THE_AUTHENTICATED_USER') }),
				'getToolArguments',
			),
		).toEqual({
			fields: [],
			emptyFieldsNotice: 'GITHUB_GET_THE_AUTHENTICATED_USER takes no arguments',
		});
		expect(await suite.engine.resourceMapping(node(), 'getToolArguments')).toEqual({
			fields: [],
			emptyFieldsNotice: 'Choose a tool first',
		});
	});

	it('the generated schema, saved with the values as the editor does, runs: n8n and the node convert the values', async () => {
		const { fields } = await suite.engine.resourceMapping(
			node({ tool: fromList('GMAIL_SEND_EMAIL') }),
			'getToolArguments',
		);
		const schema: ResourceMapperField[] = fields;
		const result = await suite.engine.runNode({
			name: 'Execute',
			type: NODE,
			parameters: {
				tool: fromList('GMAIL_SEND_EMAIL'),
				userId: 'user_carol',
				arguments: <ResourceMapperValue>{
					mappingMode: 'defineBelow',
					value: {
						recipient_email: 'ann@example.com',
						body: 'Hello',
						cc: '["bo@example.com"]',
						is_html: 'true',
						subject: null,
					},
					matchingColumns: [],
					schema,
					attemptToConvertTypes: false,
					convertFieldsToString: false,
				},
			},
		});
		expect(result.status).toBe('success');
		expect(result.json('Execute')[0].connected_account_id).toBe(A.carolGmailMain);
		const execute = (await suite.control.requests()).find((r) =>
			r.path.startsWith('/api/v3.1/tools/execute/'),
		);
		expect((execute?.body as IDataObject).arguments).toEqual({
			recipient_email: 'ann@example.com',
			body: 'Hello',
			cc: ['bo@example.com'],
			is_html: true,
		});
	});

	it('a required field left empty fails before the request, naming the field', async () => {
		const { fields } = await suite.engine.resourceMapping(
			node({ tool: fromList('GMAIL_SEND_EMAIL') }),
			'getToolArguments',
		);
		const result = await suite.engine.runNode({
			name: 'Execute',
			type: NODE,
			parameters: {
				tool: fromList('GMAIL_SEND_EMAIL'),
				userId: 'user_carol',
				arguments: <ResourceMapperValue>{
					mappingMode: 'defineBelow',
					value: { recipient_email: 'ann@example.com', body: null },
					matchingColumns: [],
					schema: fields,
					attemptToConvertTypes: false,
					convertFieldsToString: false,
				},
			},
		});
		expect(result.status).toBe('error');
		// With the schema saved, n8n's own resource-mapper validation catches it first.
		expect(result.error?.message).toBe("Invalid input for 'body' [item 0]");
		expect(result.error?.description).toBe('The value "body" is required but not set');
		expect(
			(await suite.control.requests()).some((r) => r.path.startsWith('/api/v3.1/tools/execute/')),
		).toBe(false);
	});
});
