/**
 * Composio Proxy Request in its AI-tool form, run the way n8n runs a tool node for an AI Agent (the
 * scaffolding is the one of executeTool-agent.test.ts: n8n's `convertNodeToAiTool` replicated, an
 * agent without a model that invokes the tool n8n-core builds from `$fromAI()`): the model chooses
 * the endpoint and query, the user comes from the session, and provider errors reach the model.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ComposioProxyRequest } from '../../nodes/ComposioProxyRequest/ComposioProxyRequest.node';
import { SEED_ACCOUNTS } from '../../sandbox/src';
import { declaredNodeTypes } from '../e2e/templates.helpers.cjs';
import { fromAI, useAgentSuite } from '../harness/agentTool';
import { PACKAGE } from '../harness/engine';

const A = SEED_ACCOUNTS;

const suite = useAgentSuite(new ComposioProxyRequest(), 'Gmail API');
const { runAgent } = suite;

const gmailApiTool: INodeParameters = {
	toolDescription: 'Calls the Gmail REST API as the user’s Gmail account',
	toolkit: 'gmail',
	// The user comes from the conversation (here: the agent's input item), never from the model.
	userId: '={{ $json.userId }}',
	method: 'GET',
	endpoint: fromAI('endpoint', 'Gmail API path, e.g. /gmail/v1/users/me/messages'),
	sendQuery: true,
	specifyQuery: 'json',
	jsonQuery: fromAI('query', 'Query parameters as a JSON object', 'json'),
	options: { returnConnectLink: true },
};

describe('as an AI Agent tool', () => {
	it('is declared in package.json (n8n.nodes) and usable as a tool', () => {
		expect(declaredNodeTypes()).toContain(`${PACKAGE}.composioProxyRequest`);
		const { description } = new ComposioProxyRequest();
		expect(description).toMatchObject({ name: 'composioProxyRequest', usableAsTool: true });
		expect(description.credentials).toEqual([
			{ name: 'composioApi', required: true, testedBy: 'composioApiTest' },
		]);
	});

	it('the model’s endpoint and query fill the $fromAI() fields; the request runs as the session user’s account', async () => {
		const result = await runAgent(gmailApiTool, [
			{
				json: {
					userId: 'user_alice',
					calls: [
						{
							tool: 'Gmail_API',
							args: {
								endpoint: '/gmail/v1/users/me/messages',
								query: { q: 'is:unread', maxResults: 3 },
							},
						},
					],
				},
			},
		]);
		expect(result.status).toBe('success');
		const [call] = result.json('Agent');
		expect(call.tool).toBe('Gmail_API');
		expect(call.description).toBe('Calls the Gmail REST API as the user’s Gmail account');
		expect(call.parameters).toEqual(['endpoint', 'query']);
		const [answer] = call.answer as IDataObject[];
		expect(answer).toMatchObject({
			status: 200,
			user_id: 'user_alice',
			connected_account_id: A.aliceGmailPersonal,
			data: {
				received: {
					url: 'https://gmail.googleapis.com/gmail/v1/users/me/messages',
					query: { q: ['is:unread'], maxResults: ['3'] },
				},
			},
		});
	});

	it('a user who is not connected gets a Connect Link; a provider error and a foreign domain reach the model as tool errors', async () => {
		const erin = await runAgent(gmailApiTool, [
			{
				json: {
					userId: 'user_erin',
					calls: [
						{
							tool: 'Gmail_API',
							args: { endpoint: '/gmail/v1/users/me/profile', query: { maxResults: 1 } },
						},
					],
				},
			},
		]);
		expect((erin.json('Agent')[0].answer as IDataObject[])[0]).toMatchObject({
			connected: false,
			toolkit: 'gmail',
			user_id: 'user_erin',
		});
		const alice = await runAgent(gmailApiTool, [
			{
				json: {
					userId: 'user_alice',
					calls: [
						{
							tool: 'Gmail_API',
							args: { endpoint: '/gmail/v1/nope/__status/404', query: { maxResults: 1 } },
						},
						{
							tool: 'Gmail_API',
							args: { endpoint: 'https://attacker.example/x', query: { maxResults: 1 } },
						},
					],
				},
			},
		]);
		const [notFound, foreign] = alice.json('Agent');
		expect(notFound.thrown).toContain('The gmail API answered HTTP 404');
		expect(foreign.thrown).toContain('OriginMismatch');
		// Both went to Composio's proxy, which refused the foreign domain; nothing else was sent.
		const proxied = (await suite.control.requests()).filter(
			(r) => r.path === '/api/v3.1/tools/execute/proxy',
		);
		expect(proxied).toHaveLength(2);
	});
});
