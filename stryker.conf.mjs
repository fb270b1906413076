/**
 * Mutation testing (Stryker) of the modules that guard users: `npm run test:mutation` (all modules, one
 * Stryker run each) or `npm run test:mutation -- transport validation` (some). See docs/mutation-testing.md.
 *
 * MODULES is the one list to edit when files move: each module names the code to mutate (`path` or
 * `path:firstLine-lastLine` for part of a file) and the only test files run against its mutants (a
 * narrow list keeps a module's run to minutes on 2 cores; per-test coverage then runs just the tests
 * that reach each mutant). `npx stryker run stryker.conf.mjs` alone runs one module, chosen by the
 * environment variable MUTATION_MODULE (default: transport).
 */

import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MODULES = {
	transport: {
		mutate: [
			'nodes/shared/transport/retry.ts',
			'nodes/shared/transport/errors.ts',
			'nodes/shared/transport/redact.ts',
			'nodes/shared/transport/url.ts',
		],
		tests: [
			'test/unit/retry.test.ts',
			'test/unit/errors.test.ts',
			'test/unit/url.test.ts',
			'test/unit/mutation-transport.test.ts',
			'test/unit/mutation-transport-answers.test.ts',
		],
	},
	validation: {
		mutate: ['nodes/shared/validation.ts'],
		tests: ['test/unit/validation.test.ts', 'test/unit/mutation-validation.test.ts'],
	},
	items: {
		mutate: ['nodes/shared/items.ts'],
		tests: ['test/engine/mutation-items.test.ts', 'test/engine/foundation.test.ts'],
	},
	// The run half of the bulk engine (its UI half is target.description.ts).
	bulk: {
		mutate: [
			'nodes/ComposioConnectedAccount/helpers/targetSettings.ts',
			'nodes/ComposioConnectedAccount/helpers/accountOperation.ts',
			'nodes/ComposioConnectedAccount/helpers/target.ts',
			'nodes/ComposioConnectedAccount/helpers/targetFilter.ts',
		],
		tests: [
			'test/engine/mutation-bulk.test.ts',
			'test/engine/connectedAccount-lifecycle.test.ts',
			// Concurrency of One Account across input items (itemConcurrency).
			'test/engine/mutation-items.test.ts',
		],
	},
	accounts: {
		mutate: ['nodes/shared/accountSelection/resolve.ts', 'nodes/shared/accountSelection/select.ts'],
		// The functions on their own (fast); the engine suites run the same paths end to end.
		tests: ['test/unit/mutation-accounts.test.ts'],
	},
	// Verification and the delivery-id store: pure functions, unit tests only.
	signature: {
		mutate: [
			'nodes/ComposioTrigger/helpers/webhookSignature.ts',
			'nodes/ComposioTrigger/helpers/webhookEvents.ts',
		],
		tests: ['test/unit/signature.test.ts', 'test/unit/mutation-webhook.test.ts'],
	},
	// Receipt of a delivery by the trigger node, through n8n's WebhookContext.
	receipt: {
		mutate: ['nodes/ComposioTrigger/helpers/receive.ts'],
		tests: ['test/unit/mutation-receipt.test.ts', 'test/engine/mutation-webhook.test.ts'],
	},
	// The polling trigger's diff: state, snapshot comparison and the items it emits (not the paging).
	// Pure functions: the unit tests hold them (an engine file would be reloaded for every mutant).
	poll: {
		mutate: ['nodes/ComposioAccountStatusTrigger/helpers/snapshot.ts'],
		tests: ['test/unit/watch-diff.test.ts'],
	},
};

export const REPORT_DIR = 'reports/mutation';

/** Type-check-free TypeScript for jest: each file transpiled on its own (the typecheck script checks types). */
const transpileOnly = {
	module: 'commonjs',
	target: 'es2022',
	esModuleInterop: true,
	resolveJsonModule: true,
	useUnknownInCatchVariables: false,
	isolatedModules: true,
	sourceMap: false,
};

/** Stryker's options for one module of MODULES. */
export function strykerOptions(name) {
	const module = MODULES[name];
	if (!module) {
		throw new Error(`Unknown mutation module "${name}"; one of ${Object.keys(MODULES).join(', ')}`);
	}
	return {
		packageManager: 'npm',
		testRunner: 'jest',
		jest: {
			projectType: 'custom',
			enableFindRelatedTests: false,
			config: {
				// n8n-core and n8n-workflow loaded once per worker, not once per mutant (see the file).
				testEnvironment: './test/harness/mutation/environment.cjs',
				moduleNameMapper: {
					'^n8n-workflow$': '<rootDir>/test/harness/mutation/shared/n8n-workflow.cjs',
					'^n8n-core$': '<rootDir>/test/harness/mutation/shared/n8n-core.cjs',
					'^@n8n/di$': '<rootDir>/test/harness/mutation/shared/n8n-di.cjs',
				},
				roots: ['<rootDir>/test'],
				testMatch: module.tests.map((file) => `**/${file}`),
				transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: transpileOnly }] },
				// A loaded machine slows the engine suites; Stryker's own timeout catches endless mutants.
				testTimeout: 30000,
			},
		},
		mutate: module.mutate,
		coverageAnalysis: 'perTest',
		concurrency: 2,
		timeoutMS: 30000,
		timeoutFactor: 2,
		incremental: true,
		incrementalFile: `${REPORT_DIR}/${name}.incremental.json`,
		reporters: ['clear-text', 'progress', 'json', 'html'],
		jsonReporter: { fileName: `${REPORT_DIR}/${name}.json` },
		htmlReporter: { fileName: `${REPORT_DIR}/${name}.html` },
		clearTextReporter: { allowColor: false, logTests: false },
		thresholds: { high: 90, low: 80, break: null },
		// Outside the project tree, so a run that was cut short leaves no copies for lint and tsc to find.
		tempDirName: join(tmpdir(), 'stryker-n8n-nodes-composio'),
		cleanTempDir: true,
		ignorePatterns: ['dist', 'reports', 'bench', 'examples', 'test/e2e', 'test/browser'],
	};
}

export default strykerOptions(process.env.MUTATION_MODULE ?? 'transport');

/**
 * Mutants no test could ever tell apart from the code (same behaviour), counted out of the scores by
 * scripts/mutation.mjs: file, line, Stryker's mutator name, optionally the replacement, and why.
 */
export const EQUIVALENT_MUTANTS = [
	{
		file: 'nodes/ComposioConnectedAccount/helpers/target.ts',
		line: 45,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'composioStatusOf: a status that is not a number is returned as it is, and it is compared only with 400 and 404, which it never equals',
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/target.ts',
		line: 63,
		mutator: 'BlockStatement',
		reason:
			'runOneDirect: `account` is declared without a value, so setting it to undefined in the catch changes nothing',
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/target.ts',
		line: 43,
		mutator: 'OptionalChaining',
		replacement:
			'(error as { context?: { composio?: { status?: unknown; }; }; } | undefined).context',
		reason: 'composioStatusOf: the errors it is given are thrown by the transport, never undefined',
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/target.ts',
		line: 43,
		mutator: 'OptionalChaining',
		replacement:
			'(error as { context?: { composio?: { status?: unknown; }; }; } | undefined)?.context.composio',
		reason:
			'composioStatusOf: every error the transport throws is an n8n NodeApiError or NodeOperationError, whose `context` n8n always sets to an object',
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/targetSettings.ts',
		line: 108,
		mutator: 'BlockStatement',
		reason:
			'itemConcurrency: a catch that returns nothing gives undefined, which the router reads as 1 (`?? 1`), as the catch does',
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/targetSettings.ts',
		line: 9,
		mutator: 'StringLiteral',
		reason:
			"readAccountId: the fallback of getNodeParameter is never used: n8n fills in the parameter's default before the node reads it",
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/targetFilter.ts',
		line: 100,
		mutator: 'BooleanLiteral',
		reason:
			"runMany: the fallback of getNodeParameter('dryRun') is never used: n8n fills in the parameter's default before the node reads it",
	},
	{
		file: 'nodes/ComposioConnectedAccount/helpers/targetFilter.ts',
		line: 119,
		mutator: 'ObjectLiteral',
		reason:
			'runMany: the item number given to the listing only names the item in its errors, and the per-item runner names the item of every error that does not (toItemError)',
	},
	{
		file: 'nodes/shared/accountSelection/resolve.ts',
		line: 177,
		mutator: 'ArrayDeclaration',
		reason:
			'listedForUser: the stand-in list for a page without items holds a text, which has no `id`, so it never names the account either',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/receive.ts',
		line: 30,
		mutator: 'StringLiteral',
		reason:
			'pastedSecret: the fallback of Subscription is compared only with "existing", which neither "createIfNone" nor "" is',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/receive.ts',
		line: 44,
		mutator: 'StringLiteral',
		replacement: '"Stryker was here!"',
		reason:
			'verify: n8n always has the URL of the webhook a delivery arrived on, so the `?? ""` fallback is never used',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/receive.ts',
		line: 49,
		mutator: 'MethodExpression',
		reason:
			'verify: checking the first known secret a second time gives the same verdict, so looping over all of them instead of the rest changes nothing',
	},
	{
		file: 'nodes/shared/items.ts',
		line: 61,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'toItemError: a value that is not a node error has no `context` and no name "NodeApiError", so the node-error branch builds the same NodeOperationError with { itemIndex } as the last line',
	},
	{
		file: 'nodes/shared/items.ts',
		line: 65,
		mutator: 'ObjectLiteral',
		reason:
			"n8n-workflow's NodeOperationError constructor returns a NodeOperationError it is given unchanged, so the options are never read (line 61 has already set its itemIndex)",
	},
	{
		file: 'nodes/shared/items.ts',
		line: 86,
		mutator: 'ArrayDeclaration',
		reason:
			'failedEntry marks entries only in the arrays a filter run returns; a handler returning one object never returns a failed entry, so the list of entries to look up can be empty',
	},
	{
		file: 'nodes/shared/items.ts',
		line: 98,
		mutator: 'LogicalOperator',
		reason:
			'a failed entry always carries `error`, the message of the very error it is marked with (errorItemJson of the same cause), so `??` and `&&` give the same text',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 61,
		mutator: 'ConditionalExpression',
		reason:
			'asBuffer: a string given to Hmac.update is hashed as UTF-8 and Buffer.from(buffer) copies the bytes, so either branch hashes the same bytes',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 61,
		mutator: 'EqualityOperator',
		reason: 'as above: the string and the Buffer branch hash the same bytes',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 61,
		mutator: 'StringLiteral',
		reason: 'an encoding of "" is read as UTF-8 by Buffer.from and Hmac.update, as "utf8" is',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 71,
		mutator: 'StringLiteral',
		reason: 'an encoding of "" is read as UTF-8 by Buffer.from and Hmac.update, as "utf8" is',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 72,
		mutator: 'StringLiteral',
		reason: 'an encoding of "" is read as UTF-8 by Buffer.from and Hmac.update, as "utf8" is',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 91,
		mutator: 'StringLiteral',
		reason: 'an encoding of "" is read as UTF-8 by Buffer.from and Hmac.update, as "utf8" is',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 92,
		mutator: 'StringLiteral',
		reason: 'an encoding of "" is read as UTF-8 by Buffer.from and Hmac.update, as "utf8" is',
	},
	{
		file: 'nodes/ComposioTrigger/helpers/webhookSignature.ts',
		line: 82,
		mutator: 'EqualityOperator',
		replacement: 'comma < 0',
		reason:
			'an entry starting with "," has the version "", which is not "v1", so it is skipped either way',
	},
	{
		file: 'nodes/shared/transport/errors.ts',
		line: 77,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'rateLimitLines: `undefined > max` is false, so the `!== undefined` guard changes nothing',
	},
	{
		file: 'nodes/shared/transport/errors.ts',
		line: 160,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'KNOWN_CODE_HINTS.get(undefined) is undefined: the `code !== undefined` guard changes nothing',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 22,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'replaceIn: splitting and joining a text that does not contain the secret gives the same text',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 48,
		mutator: 'ConditionalExpression',
		reason:
			'redactSecrets: the early return for no secrets, null and undefined is a shortcut; without it those values reach the later returns unchanged',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 48,
		mutator: 'LogicalOperator',
		reason: 'the same shortcut combined differently: every value still comes back unchanged',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 50,
		mutator: 'ConditionalExpression',
		replacement: 'false',
		reason:
			'numbers and booleans then go through JSON.stringify and deep(), which return them unchanged',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 54,
		mutator: 'BlockStatement',
		reason:
			'`text` is declared without a value, so setting it to undefined in the catch changes nothing',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 90,
		mutator: 'ConditionalExpression',
		reason:
			'secretScanner.redact: the early return for no secrets, null and undefined is a shortcut; redactSecrets returns those values unchanged as well',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 90,
		mutator: 'LogicalOperator',
		reason: 'the same shortcut combined differently: every value still comes back unchanged',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 92,
		mutator: 'ConditionalExpression',
		replacement: 'false',
		reason:
			'secretScanner.redact: numbers and booleans then go to redactSecrets, which returns them unchanged',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 96,
		mutator: 'ConditionalExpression',
		replacement: 'false',
		reason:
			'redactHeaders without keys to look for: a header that is not text sends the headers to redactSecrets, which returns the very same object when there is no secret',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 100,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'redactHeaders: a header counted as a hit sends the headers to redactSecrets, which returns the very same object when no secret occurs in them (only the one-pass shortcut is lost)',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 102,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'as above: every header counted as a hit still comes back the same object when it holds no secret',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 102,
		mutator: 'EqualityOperator',
		reason:
			'as above: text headers counted as hits come back the same object when they hold no secret; other values are still hits',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 102,
		mutator: 'StringLiteral',
		reason:
			'`typeof text !== ""` is always true: every header is a hit, which changes nothing but speed (as above)',
	},
	{
		file: 'nodes/shared/transport/redact.ts',
		line: 104,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason: 'as above: redactSecrets of headers holding no secret returns the very same object',
	},
	{
		file: 'nodes/shared/transport/retry.ts',
		line: 61,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason: 'Set.has(undefined) is false: the `code !== undefined` guard changes nothing',
	},
	{
		file: 'nodes/shared/transport/retry.ts',
		line: 66,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason: 'Set.has(undefined) is false: the `code !== undefined` guard changes nothing',
	},
	{
		file: 'nodes/shared/validation.ts',
		line: 45,
		mutator: 'ConditionalExpression',
		replacement: 'true',
		reason:
			'`typeof value === "number"` → true: Number.isFinite is false for anything but a finite number, so only finite numbers are still turned into text',
	},
	{
		file: 'nodes/shared/validation.ts',
		line: 96,
		mutator: 'ConditionalExpression',
		replacement: 'false',
		reason:
			'parseList without the `value === ""` shortcut: "" is split into [""] and the blank entry is dropped, so the result is [] either way',
	},
	{
		file: 'nodes/shared/validation.ts',
		line: 96,
		mutator: 'StringLiteral',
		reason:
			'the same shortcut compared with another text: "" still ends as [] through split and the blank filter',
	},
	{
		file: 'nodes/shared/validation.ts',
		line: 244,
		mutator: 'ConditionalExpression',
		replacement: 'false',
		reason:
			'requireInteger: Number.isInteger(n) is true only for a finite number, so dropping the typeof or the isFinite test refuses exactly the same values',
	},
	{
		file: 'nodes/shared/validation.ts',
		line: 244,
		mutator: 'LogicalOperator',
		reason:
			'as above: `!Number.isInteger(n)` alone already refuses every non-number, NaN and ±Infinity',
	},
	{
		file: 'nodes/shared/validation.ts',
		line: 275,
		mutator: 'BlockStatement',
		reason:
			'optionalHttpUrl: `parsed` is declared without a value, so the catch block setting it to undefined changes nothing',
	},
];
