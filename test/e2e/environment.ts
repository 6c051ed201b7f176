/**
 * Everything one e2e run in one n8n version needs, set up once and torn down once:
 *
 * - contract servers on 127.0.0.1: Prism for Rebilly (under /organizations/<id>), Sequence and
 *   Spacebring behind the recording proxy of test/harness/prism.ts (sl-violations per request), and
 *   the checking Stripe of ./stripe-server.ts (qs + ajv);
 * - a fresh N8N_USER_FOLDER with this package, packed as npm publishes it, installed where and as n8n
 *   installs community packages (`.n8n/nodes/node_modules/n8n-nodes-invoice-items`, no node_modules
 *   of its own, so the nodes use that n8n's own n8n-workflow), node types named
 *   `n8n-nodes-invoice-items.<node>` exactly as users get them;
 * - credentials imported with `n8n import:credentials` (fixed N8N_ENCRYPTION_KEY), pointing at the
 *   servers, under the ids and names the example workflows reference;
 * - every workflow of examples/ and test/e2e/workflows/ imported with `n8n import:workflow`;
 * - one `n8n start` (under the Node that version needs), which runs those with a Manual Trigger one
 *   after the other through its REST API, as the editor does (each run with the execution n8n stored
 *   and the requests every server saw while it ran), and publishes those with an MCP Server Trigger.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startContract, type ContractRequest, type ContractServer } from '../harness/prism';
import {
	REPO_ROOT,
	assertOk,
	killAll,
	n8nCli,
	n8nContext,
	runtime,
	startN8n,
	type ExecutionRun,
	type N8nServer,
} from './n8n-cli';
import { startStripe, type StripeRequest, type StripeServer } from './stripe-server';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** Workflows that exist for the tests: bad input that must stop a run, Continue On Fail. */
export const TEST_WORKFLOWS_DIR = join(__dirname, 'workflows');
export const PACKAGE = runtime.PACKAGE_NAME;

/** Secrets of the imported credentials: none may ever show up in anything n8n prints. */
export const SECRETS = {
	stripeKey: 'sk_test_e2eStripeKeyThatMustNeverLeak000001',
	rebillyKey: 'sk_sandbox_e2eRebillyKeyThatMustNeverLeak01',
	rebillyJwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJlMmUifQ.e2eJwtSignatureThatMustNeverLeak',
	sequenceClientId: 'seq-client-e2e-5d1a',
	sequenceSecret: 'seq-secret-e2eValueThatMustNeverLeak-001',
	spacebringClientId: 'sb-client-e2e-77aa',
	spacebringSecret: 'sb_secret_e2eValueThatMustNeverLeak_01',
	spacebringAccessToken: 'sb_access_e2eTokenThatMustNeverLeak_01',
	spacebringRefreshToken: 'sb_refresh_e2eTokenThatMustNeverLeak_1',
	/** What MCP clients send to the MCP Server Trigger of examples/mcp-invoice-item-tools.json. */
	mcpBearerToken: 'mcp_e2eBearerTokenThatMustNeverLeak_0001',
};
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
/** Secrets as they travel: Basic credentials are base64 of id:secret. */
export const SECRET_VALUES = [
	...Object.entries(SECRETS)
		.filter(([name]) => !name.endsWith('ClientId'))
		.map(([, value]) => value),
	basic(SECRETS.sequenceClientId, SECRETS.sequenceSecret),
	basic(SECRETS.spacebringClientId, SECRETS.spacebringSecret),
];

/** The organization the Rebilly credentials act on: requests go to /organizations/<this>/…. */
export const REBILLY_ORGANIZATION = 'org_0YVDM8RC7GDADADSBSMW124JA8';
export const REBILLY_BASE_PATH = `/organizations/${REBILLY_ORGANIZATION}`;
export const SPACEBRING_NETWORK = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{
		name: string;
		type: string;
		typeVersion: number;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	}>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface WorkflowFile {
	file: string;
	workflow: WorkflowJson;
	/** A user-facing example of examples/; otherwise a test workflow of test/e2e/workflows/. */
	example: boolean;
}

export interface Servers {
	stripe: StripeServer;
	rebilly: ContractServer;
	sequence: ContractServer;
	spacebring: ContractServer;
}

export type Provider = keyof Servers;

export const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
export const MCP_TRIGGER = '@n8n/n8n-nodes-langchain.mcpTrigger';
const startsWith = (trigger: string) => (entry: WorkflowFile) => entry.workflow.nodes.some((node) => node.type === trigger);
export const PROVIDERS: Provider[] = ['stripe', 'rebilly', 'sequence', 'spacebring'];

export interface WorkflowRun extends WorkflowFile {
	/** The execution n8n stored (on success and on failure). */
	execution?: ExecutionRun;
	/** Why there is no execution: n8n refused to start it, or it did not end in time. */
	problem?: string;
	ms: number;
	/** What n8n logged while it ran. */
	log: string;
	/** What each server saw while this workflow ran (runs are one after the other). */
	requests: { stripe: StripeRequest[]; rebilly: ContractRequest[]; sequence: ContractRequest[]; spacebring: ContractRequest[] };
}

export function loadWorkflows(): WorkflowFile[] {
	const read = (dir: string, example: boolean) =>
		readdirSync(dir)
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => {
				const file = join(dir, name);
				return { file, workflow: JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson, example };
			});
	return [...read(EXAMPLES_DIR, true), ...read(TEST_WORKFLOWS_DIR, false)];
}

/** Credential data per type, pointing at the local servers (as a user would fill the forms). */
export function credentialData(type: string, servers: Servers): Record<string, unknown> {
	const rebillyRoot = servers.rebilly.url.slice(0, -REBILLY_BASE_PATH.length);
	const rebilly = { environment: 'custom', baseUrl: rebillyRoot, organizationId: REBILLY_ORGANIZATION };
	switch (type) {
		case 'stripeInvoicingApi':
			return { secretKey: SECRETS.stripeKey, baseUrl: servers.stripe.url };
		case 'rebillyApi':
			return { apiKey: SECRETS.rebillyKey, ...rebilly };
		case 'rebillyJwtApi':
			return { token: SECRETS.rebillyJwt, ...rebilly };
		case 'sequenceApi':
			return { clientId: SECRETS.sequenceClientId, clientSecret: SECRETS.sequenceSecret, region: 'custom', baseUrl: servers.sequence.url };
		case 'spacebringApi':
			return { clientId: SECRETS.spacebringClientId, clientSecret: SECRETS.spacebringSecret, baseUrl: servers.spacebring.url };
		case 'spacebringOAuth2Api':
			// What n8n stores once "Connect my account" has succeeded: the app, and the token it got.
			return {
				clientId: SECRETS.spacebringClientId,
				clientSecret: SECRETS.spacebringSecret,
				networkId: SPACEBRING_NETWORK,
				baseUrl: servers.spacebring.url,
				// Never Spacebring's real token URL in a test: a refresh must stay local.
				accessTokenUrl: `${servers.spacebring.url}/oauth2/token`,
				oauthTokenData: {
					access_token: SECRETS.spacebringAccessToken,
					refresh_token: SECRETS.spacebringRefreshToken,
					token_type: 'Bearer',
					expires_in: 3600,
					scope: 'invoices',
				},
			};
		case 'httpBearerAuth':
			return { token: SECRETS.mcpBearerToken };
		default:
			throw new Error(`no e2e credential data for credential type ${type}; add it to test/e2e/environment.ts`);
	}
}

/** Every credential the workflows reference, by id, with the data that points at the servers. */
function credentialsFor(workflows: WorkflowFile[], servers: Servers) {
	const byId = new Map<string, { id: string; name: string; type: string; data: Record<string, unknown> }>();
	for (const { file, workflow } of workflows) {
		for (const node of workflow.nodes) {
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				const known = byId.get(reference.id);
				if (known && (known.type !== type || known.name !== reference.name)) {
					throw new Error(`${file}: credential id ${reference.id} is used for ${known.type} "${known.name}" elsewhere`);
				}
				byId.set(reference.id, { id: reference.id, name: reference.name, type, data: credentialData(type, servers) });
			}
		}
	}
	return [...byId.values()];
}

/** The id the Spacebring stand-in gives an item it creates. */
export const SPACEBRING_CREATED_ITEM = '5b1f0c3e-8d2a-4f6b-9c7e-1a2b3c4d5e6f';

/** The four stand-in providers, on 127.0.0.1 free ports; if one cannot start, none is left running. */
export async function startServers(): Promise<Servers> {
	const started = await Promise.allSettled([
		startStripe(SECRETS.stripeKey),
		startContract('rebilly', REBILLY_BASE_PATH),
		startContract('sequence'),
		startContract('spacebring'),
	]);
	const failed = started.find((result) => result.status === 'rejected');
	if (failed) {
		await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
		throw (failed as PromiseRejectedResult).reason;
	}
	const [stripe, rebilly, sequence, spacebring] = started.map((result) => (result as PromiseFulfilledResult<unknown>).value);
	// Spacebring's document gives a created item's `id` no format or example, so Prism answers "string";
	// Spacebring's own ids are UUIDs, and the next node of a chain takes this one.
	(spacebring as ContractServer).amend((request, body) => {
		if (request.method !== 'POST' || request.path !== '/billing/invoices/v1/items') return body;
		const created = body as { invoiceItem?: Record<string, unknown> };
		return { ...created, invoiceItem: { ...created.invoiceItem, id: SPACEBRING_CREATED_ITEM } };
	});
	return { stripe, rebilly, sequence, spacebring } as Servers;
}

let tarball: string | undefined;
/** This package as npm would publish it, packed once per run. */
function packedPackage(runDir: string) {
	tarball ??= runtime.packPackage(join(runDir, 'pack'));
	return tarball;
}

/** The built package must be there (scripts/e2e.js builds it when sources are newer). */
function assertBuilt() {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((rel: string) => !existsSync(join(REPO_ROOT, rel)));
	if (missing.length) {
		throw new Error(`The package is not built (${missing.join(', ')} missing). Run \`npm run test:e2e\` or \`npm run build\` first.`);
	}
}

export interface Environment {
	version: string;
	/** The started n8n, logged in as its owner. */
	server: N8nServer;
	servers: Servers;
	workflows: WorkflowFile[];
	runs: Map<string, WorkflowRun>;
	/** Timings of the steps, for the summary. */
	timings: Array<[string, number]>;
	close(): Promise<void>;
}

/**
 * Sets up one n8n version: its own servers and user folder, the imports, one started n8n, and every
 * workflow run in it. `close()` stops all of it (and checks nothing: the tests do).
 */
export async function setUp(version: string): Promise<Environment> {
	assertBuilt();
	const timings: Array<[string, number]> = [];
	const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await step();
		} finally {
			timings.push([label, Date.now() - started]);
		}
	};

	// scripts/e2e.js hands over a folder it removes (and whose processes it kills) when jest ends.
	const runDir = process.env.E2E_RUN_DIR ?? join(REPO_ROOT, '.tmp', `e2e-${process.pid}`);
	const userFolder = join(runDir, `n8n-${version}`);
	const ctx = n8nContext(version, userFolder);
	let servers: Servers | undefined;
	let server: N8nServer | undefined;
	const close = async () => {
		await server?.stop();
		server = undefined;
		killAll();
		if (servers) await Promise.allSettled(Object.values(servers).map((each) => each.close()));
		servers = undefined;
		if (!process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
	};

	try {
		const workflows = loadWorkflows();
		servers = await timed('start Prism ×3 and the Stripe server', startServers);

		mkdirSync(userFolder, { recursive: true });
		await timed('npm pack, install in n8n', async () => runtime.installPackage(userFolder, packedPackage(runDir)));

		const credentialsFile = join(userFolder, 'e2e-credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(credentialsFor(workflows, servers), null, 2));
		const workflowDir = join(userFolder, 'e2e-workflows');
		mkdirSync(workflowDir);
		const ids = new Set<string>();
		for (const { file, workflow } of workflows) {
			if (!workflow.id || ids.has(workflow.id)) throw new Error(`${file}: every workflow needs its own id`);
			ids.add(workflow.id);
			writeFileSync(join(workflowDir, `${workflow.id}.json`), JSON.stringify(workflow));
		}
		// The first command of a fresh folder also creates the database (≈200 migrations).
		await timed('n8n import:credentials', async () =>
			assertOk(await n8nCli(ctx, ['import:credentials', `--input=${credentialsFile}`], 300_000)),
		);
		await timed('n8n import:workflow', async () =>
			assertOk(await n8nCli(ctx, ['import:workflow', '--separate', `--input=${workflowDir}`], 300_000)),
		);
		const started = await timed('n8n start', () => startN8n(ctx));
		server = started;

		const runs = new Map<string, WorkflowRun>();
		const live = servers;
		const manual = workflows.filter(startsWith(MANUAL_TRIGGER));
		await timed(`${manual.length} runs`, async () => {
			for (const entry of manual) {
				const before = {
					stripe: live.stripe.requests.length,
					rebilly: live.rebilly.requests.length,
					sequence: live.sequence.requests.length,
					spacebring: live.spacebring.requests.length,
				};
				const logBefore = started.output().length;
				const runStarted = Date.now();
				const outcome = await started.runWorkflow(entry.workflow.id).then(
					(run) => ({ execution: run.execution }),
					(error: Error) => ({ problem: error.message }),
				);
				runs.set(entry.workflow.id, {
					...entry,
					...outcome,
					ms: Date.now() - runStarted,
					log: started.output().slice(logBefore),
					requests: {
						stripe: live.stripe.requests.slice(before.stripe),
						rebilly: live.rebilly.requests.slice(before.rebilly),
						sequence: live.sequence.requests.slice(before.sequence),
						spacebring: live.spacebring.requests.slice(before.spacebring),
					},
				});
			}
		});
		// The MCP Server Trigger serves its tools only at the production URL of a published workflow.
		const listening = workflows.filter(startsWith(MCP_TRIGGER));
		await timed(`${listening.length} activated`, async () => {
			for (const entry of listening) {
				const trigger = entry.workflow.nodes.find((node) => node.type === MCP_TRIGGER)!;
				await started.activate(entry.workflow.id, `/mcp/${String(trigger.parameters.path)}`);
			}
		});
		return { version, server: started, servers, workflows, runs, timings, close };
	} catch (error) {
		await close();
		throw error;
	}
}
