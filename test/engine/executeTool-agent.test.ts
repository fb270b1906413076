/**
 * Composio Execute Tool in its AI-tool form, run the way n8n runs a tool node for an AI Agent:
 * n8n's loader turns every `usableAsTool` node into `<name>Tool` (replicated below from n8n's
 * `convertNodeToAiTool`, which lives in the CLI); an agent node asks n8n-core for its `ai_tool`
 * inputs (`getInputConnectionData`), gets the LangChain tool n8n-core builds from the node
 * (`createNodeAsTool`: schema from the `$fromAI()` calls, description from Tool Description), and
 * invokes it with arguments as a model would. Only the model is scripted; everything between the
 * tool call and the Composio request is n8n-core's and the node's real code, against the sandbox.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ComposioExecuteTool } from '../../nodes/ComposioExecuteTool/ComposioExecuteTool.node';
import { SEED_ACCOUNTS } from '../../sandbox/src';
import { fromAI, useAgentSuite } from '../harness/agentTool';

const A = SEED_ACCOUNTS;

const suite = useAgentSuite(new ComposioExecuteTool(), 'Send Gmail');
const { runAgent } = suite;

const sendEmailTool: INodeParameters = {
	toolDescription: 'Sends an email from the user’s Gmail account',
	tool: { __rl: true, mode: 'list', value: 'GMAIL_SEND_EMAIL' },
	// The user comes from the conversation (here: the agent's input item), never from the model.
	userId: '={{ $json.userId }}',
	version: '20251111_00',
	arguments: {
		mappingMode: 'defineBelow',
		value: {
			recipient_email: fromAI('recipient_email', 'Email address to send to'),
			subject: fromAI('subject', 'Subject line'),
			body: fromAI('body', 'Plain-text body'),
		},
		matchingColumns: [],
		schema: [],
	},
	options: { failOnUnsuccessful: false, returnConnectLink: true, simplify: false },
};

describe('as an AI Agent tool', () => {
	it('the model’s arguments fill the $fromAI() fields; the tool runs with the session user’s account', async () => {
		const result = await runAgent(sendEmailTool, [
			{
				json: {
					userId: 'user_alice',
					calls: [
						{
							tool: 'Send_Gmail',
							args: { recipient_email: 'ann@example.com', subject: 'Hi', body: 'See you at 5' },
						},
					],
				},
			},
		]);
		expect(result.status).toBe('success');
		const [call] = result.json('Agent');
		expect(call.tool).toBe('Send_Gmail');
		expect(call.description).toBe('Sends an email from the user’s Gmail account');
		expect(call.parameters).toEqual(['body', 'recipient_email', 'subject']);
		const [answer] = call.answer as IDataObject[];
		expect(answer).toMatchObject({
			successful: true,
			tool: 'GMAIL_SEND_EMAIL',
			version: '20251111_00',
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
		});
		const execute = (await suite.control.requests()).find((r) =>
			r.path.startsWith('/api/v3.1/tools/execute/'),
		);
		expect(execute?.body).toEqual({
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
			version: '20251111_00',
			arguments: { recipient_email: 'ann@example.com', subject: 'Hi', body: 'See you at 5' },
		});
		// n8n records the tool's run under its node, with the model's arguments as input.
		const toolRun = result.run.data.resultData.runData['Send Gmail'][0];
		expect(toolRun.inputOverride?.[NodeConnectionTypes.AiTool]?.[0]?.[0]?.json).toEqual({
			recipient_email: 'ann@example.com',
			subject: 'Hi',
			body: 'See you at 5',
		});
	});

	it('a user who is not connected gets connected:false and a link the agent can pass on; after connecting the call succeeds', async () => {
		const call = {
			tool: 'Send_Gmail',
			args: { recipient_email: 'ann@example.com', subject: 'Hi', body: 'Hello' },
		};
		const first = await runAgent(sendEmailTool, [{ json: { userId: 'user_erin', calls: [call] } }]);
		const [notConnected] = first.json('Agent')[0].answer as IDataObject[];
		expect(notConnected).toMatchObject({
			connected: false,
			toolkit: 'gmail',
			user_id: 'user_erin',
		});
		expect(notConnected.message).toContain('Ask them to open connect_url');
		expect((await suite.control.counters()).toolExecutions.total).toBe(0);

		await suite.control.visitLink(notConnected.connect_url as string, {
			identity: 'erin@example.com',
		});
		const second = await runAgent(sendEmailTool, [
			{ json: { userId: 'user_erin', calls: [call] } },
		]);
		const [sent] = second.json('Agent')[0].answer as IDataObject[];
		expect(sent).toMatchObject({
			successful: true,
			connected_account_id: notConnected.connected_account_id,
		});
	});

	it('a provider failure reaches the model as data; an invalid argument as a tool error naming it', async () => {
		const result = await runAgent(sendEmailTool, [
			{
				json: {
					userId: 'user_alice',
					calls: [
						{
							tool: 'Send_Gmail',
							args: { recipient_email: 'x@invalid.example', subject: 'Hi', body: 'Hello' },
						},
						{
							tool: 'Send_Gmail',
							args: { recipient_email: 'ann@example.com', subject: 'Hi', body: '' },
						},
					],
				},
			},
		]);
		const [failed, invalid] = result.json('Agent');
		expect((failed.answer as IDataObject[])[0]).toMatchObject({
			successful: false,
			error: expect.stringContaining('Invalid To header'),
		});
		expect(invalid.thrown).toContain(
			'Arguments → body: is required by GMAIL_SEND_EMAIL but not set',
		);
		expect((await suite.control.counters()).toolExecutions.total).toBe(1);
	});

	it('Using JSON with one $fromAI() object lets the model give every argument at once', async () => {
		const result = await runAgent(
			{
				...sendEmailTool,
				tool: { __rl: true, mode: 'id', value: 'TAVILY_SEARCH' },
				version: 'newest',
				argumentsMode: 'json',
				argumentsJson: fromAI(
					'tool_arguments',
					'TAVILY_SEARCH arguments: query (required), max_results',
					'json',
				),
				options: { simplify: true },
			},
			[
				{
					json: {
						userId: 'user_alice',
						calls: [
							{ tool: 'Send_Gmail', args: { tool_arguments: { query: 'n8n', max_results: 1 } } },
						],
					},
				},
			],
		);
		const [call] = result.json('Agent');
		// n8n refuses reserved words such as "arguments" as $fromAI() keys.
		expect(call.parameters).toEqual(['tool_arguments']);
		expect(call.thrown).toBeUndefined();
		const [data] = call.answer as IDataObject[];
		expect(data.query).toBe('n8n');
		expect(data.results).toHaveLength(1);
	});
});
