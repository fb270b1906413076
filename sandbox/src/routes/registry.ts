/**
 * The API resources mounted under `/api/v3` and `/api/v3.1`. A new resource (for example
 * `webhook_subscriptions`) is one file exporting an `ApiResource` plus one line here,
 * or can be passed at start-up through `startSandbox({ resources: [...] })`.
 */
import type { ApiResource } from '../http/context';
import { authConfigsResource } from './authConfigs';
import { connectedAccountsResource } from './connectedAccounts';
import { proxyResource } from './proxy';
import { toolkitsResource } from './toolkits';
import { toolsResource } from './tools';
import { webhookSubscriptionsResource } from './webhookSubscriptions';

export const API_RESOURCES: readonly ApiResource[] = [
	connectedAccountsResource,
	authConfigsResource,
	toolkitsResource,
	// Before `toolsResource`: its `POST /tools/execute/:tool_slug` would take "proxy" as a slug.
	proxyResource,
	toolsResource,
	webhookSubscriptionsResource,
];
