/**
 * The package in real n8n queue mode (scripts/queue-mode.js): Redis, a throwaway PostgreSQL, one n8n
 * main and two `n8n worker` processes, each with the package linked as a community package.
 *
 * One Stripe credential (test key: 25 requests/s per process by default) points at the benchmark's
 * mock provider (bench/server.ts: a token bucket of 25/s, 429 + Retry-After over that, and a count
 * of how often each item's update was applied; a repeated Idempotency-Key is applied once). Several
 * webhook executions of Webhook → Split Out → Stripe Invoicing (Invoice Item → Update, On Error →
 * Continue) are fired at once. Each worker takes at most two at a time, so both get work while
 * sharing the credential, and the mock's limit is what both workers together may use.
 *
 * Checked: every item updated exactly once at the mock, nothing failed, every answer item is its
 * input's update in order, every output item paired with its input item in the stored execution,
 * and both workers ran the node (their own log lines "Worker started/finished execution N").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	SPLIT_NODE,
	WEBHOOK_PATH,
	itemIds,
	loadQueueMode,
	stripeCredential,
	updateOutput,
	updateWorkflow,
	webhookBody,
	type Cluster,
	type ClusterExecution,
	type WebhookAnswer,
} from '../../bench/queue-workflow';
import { startBenchServer, type BenchServer } from '../../bench/server';
import { REPO_ROOT, registerGroup, runtime, unregisterGroup } from './n8n-cli';

const WORKERS = 2;
const CONCURRENCY = 2;
const EXECUTIONS = 6;
const ITEMS = 20;
const SETUP_TIMEOUT = 5 * 60_000;

let mock: BenchServer;
let cluster: Cluster | undefined;
let answers: WebhookAnswer[] = [];
let batches: string[][] = [];
let fresh: ClusterExecution[] = [];

beforeAll(async () => {
	const problem = runtime.runtimeProblem();
	if (problem) throw new Error(`n8n runtime: ${problem}. Run \`npm run test:e2e\` (it installs n8n ${runtime.N8N_VERSION} once).`);
	mock = await startBenchServer({ rate: 25, burst: 10, latencyMs: 20 });
	const started = Date.now();
	const runDir = process.env.E2E_RUN_DIR;
	cluster = await loadQueueMode(REPO_ROOT).startCluster({
		mode: 'queue',
		workers: WORKERS,
		concurrency: CONCURRENCY,
		credentials: [stripeCredential(mock.url)],
		workflows: [updateWorkflow()],
		dir: runDir ? join(runDir, 'queue') : join(REPO_ROOT, '.tmp', `e2e-queue-${process.pid}-${Date.now()}`),
		keep: Boolean(process.env.E2E_KEEP),
		// scripts/e2e.js kills every listed process group when jest ends, however it ends.
		onSpawn: registerGroup,
		onExit: unregisterGroup,
		handleSignals: false,
	});
	const setupMs = Date.now() - started;

	batches = Array.from({ length: EXECUTIONS }, (_, n) => itemIds(`q${n}`, ITEMS));
	const fired = Date.now();
	answers = await Promise.all(batches.map((ids) => cluster!.webhook(WEBHOOK_PATH, webhookBody(ids), { timeoutMs: 180_000 })));
	const runMs = Date.now() - fired;

	// The workers log "finished" just after main has answered: poll for it, with a deadline.
	const deadline = Date.now() + 30_000;
	for (;;) {
		fresh = await cluster.executions();
		const attribution = cluster.attribution();
		const settled = fresh.length >= EXECUTIONS && fresh.every((execution) => attribution.get(execution.id)?.finished);
		if (settled || Date.now() > deadline) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const stats = mock.stats();
	process.stdout.write(
		`[e2e] queue mode: cluster ${(setupMs / 1000).toFixed(1)} s (${cluster.timings.map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(' · ')}); ` +
			`${EXECUTIONS} executions × ${ITEMS} items in ${(runMs / 1000).toFixed(1)} s, ${stats.requests} requests, ${stats.rateLimited} answered 429\n`,
	);
}, SETUP_TIMEOUT);

afterAll(async () => {
	await cluster?.stop({ graceMs: 3_000 });
	await mock?.close();
}, 60_000);

const logOf = (worker: { logFile: string }) => readFileSync(worker.logFile, 'utf8');

test('every webhook execution answers with one successful update per posted item, in order', () => {
	expect(answers.map((answer) => answer.status)).toEqual(batches.map(() => 200));
	answers.forEach((answer, index) => {
		const outputs = answer.body as Array<Record<string, unknown>>;
		expect(Array.isArray(outputs)).toBe(true);
		expect(outputs.filter((output) => output.error !== undefined)).toEqual([]);
		expect(outputs.map((output) => output.id)).toEqual(batches[index]);
	});
});

test('the mock applied every item exactly once, and nothing else', () => {
	const applied = mock.stats().applied;
	const expected = Object.fromEntries(batches.flat().map((id) => [id, 1]));
	expect(applied).toEqual(expected);
});

test('both workers ran executions of the node; main ran none', () => {
	expect(fresh).toHaveLength(EXECUTIONS);
	expect(fresh.map((execution) => execution.status)).toEqual(fresh.map(() => 'success'));
	const attribution = cluster!.attribution();
	for (const execution of fresh) {
		const ran = attribution.get(execution.id);
		expect(ran).toMatchObject({ started: true, finished: true });
		expect(ran?.alsoOn).toBeUndefined();
	}
	const workers = new Set(fresh.map((execution) => execution.worker));
	expect([...workers].sort()).toEqual(cluster!.workers.map((worker) => worker.name).sort());
	// Each worker could only run its executions because it loaded the package itself.
	for (const worker of cluster!.workers) expect(logOf(worker)).not.toMatch(/Unrecognized node type|is not known/);
	expect(readFileSync(cluster!.main.logFile, 'utf8')).not.toMatch(/Worker started execution/);
});

test('in every stored execution, each output item of the node is paired with its input item', async () => {
	for (const execution of fresh) {
		const data = await cluster!.execution(execution.id);
		const inputs = data.data.resultData.runData[SPLIT_NODE]?.[0]?.data?.main?.[0] ?? [];
		const outputs = updateOutput(data);
		expect(outputs).toHaveLength(ITEMS);
		expect(inputs).toHaveLength(ITEMS);
		outputs.forEach((output, position) => {
			expect(output.pairedItem).toEqual({ item: position });
			expect(output.json.id).toBe(inputs[position].json.id);
		});
		// The execution holds one posted batch, whole.
		expect(batches).toContainEqual(outputs.map((output) => output.json.id));
	}
});
