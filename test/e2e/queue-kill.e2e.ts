/**
 * A worker dies in the middle of creating invoice items, and the workflow is run again with a
 * Deduplication Key: nothing is created twice.
 *
 * Real n8n queue mode (scripts/queue-mode.js): Redis, a throwaway PostgreSQL, one main and two
 * workers. The workflow (bench/queue-workflow.ts, createWorkflow) is Webhook → Split Out → Stripe
 * Invoicing, Invoice Item → Create (description `{{ $json.description }}`, 12.50 USD for one customer),
 * Options → Deduplication Key `{{ $json.n }}`, On Error → Continue. The Stripe stand-in is the bench
 * mock (bench/server.ts with test/harness/stripe-items.ts): it creates an object for each create it
 * receives, counts creations per description, and answers a repeated Idempotency-Key with the first
 * answer and `Idempotent-Replayed: true`, as Stripe does.
 *
 * 1. 200 items are posted. Once the stand-in has created 50 of them, the worker running that
 *    execution is killed (SIGKILL to its process group: no shutdown, like a machine that dies).
 * 2. The same 200 items are posted again at once. We do not wait for n8n to give up on the first
 *    execution (n8n 2.8.4 does not run a job of a dead worker again and marks it failed only 83–113 s
 *    later): that takes time and changes nothing here, since the dead worker can send nothing more.
 *    What reached the stand-in before the kill is all that exists (the stand-in has no connection
 *    left open when the rerun starts).
 * 3. The rerun runs on the surviving worker. Checked: at the stand-in every one of the 200 items
 *    exists exactly once; the rerun's output has one item per posted item, in order, each the object
 *    the stand-in holds for it; the items that existed before the rerun say `alreadyCreated: true`
 *    (and their `deduplicationKey`), the others do not, and found + created = 200 with found = what existed before the rerun.
 */
import { join } from 'node:path';

import {
	CREATE_NODE,
	CREATE_WEBHOOK_PATH,
	SPLIT_NODE,
	createBody,
	createItems,
	createWorkflow,
	loadQueueMode,
	nodeOutput,
	stripeCredential,
	type Cluster,
	type ClusterExecutionData,
	type WebhookAnswer,
} from '../../bench/queue-workflow';
import { startBenchServer, type BenchServer, type ServerStats } from '../../bench/server';
import type { InvoiceItem } from '../harness/stripe-items';
import { REPO_ROOT, registerGroup, runtime, unregisterGroup } from './n8n-cli';

const WORKERS = 2;
const CONCURRENCY = 2;
const ITEMS = 200;
/** Creates the stand-in has made when the worker is killed (the node sends 25/s: about 2 s in). */
const KILL_AFTER = 50;
const SETUP_TIMEOUT = 8 * 60_000;

const items = createItems('kill', ITEMS);

let mock: BenchServer;
let cluster: Cluster | undefined;
/** The first webhook call: it never gets its answer (its worker dies); settled only when main stops. */
let firstCall: Promise<unknown> | undefined;
let killedWorker = '';
let firstExecutionId = '';
/** The stand-in just before the rerun was posted. */
let before: ServerStats;
let createdAtKill = 0;
let rerun: WebhookAnswer;
let rerunExecution: ClusterExecutionData;
let after: ServerStats;

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

/** Polls `check` every `everyMs` until it holds; fails after `budgetMs`, saying what it waited for. */
async function until(what: string, check: () => boolean | Promise<boolean>, budgetMs: number, everyMs = 100): Promise<void> {
	const deadline = Date.now() + budgetMs;
	for (;;) {
		if (await check()) return;
		if (cluster?.crashed) throw new Error(`while waiting for ${what}: ${cluster.crashed}`);
		if (Date.now() > deadline) throw new Error(`${what}: not within ${budgetMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

beforeAll(async () => {
	const problem = runtime.runtimeProblem();
	if (problem) throw new Error(`n8n runtime: ${problem}. Run \`npm run test:e2e\` (it installs n8n ${runtime.N8N_VERSION} once).`);
	// No rate limit at the stand-in (the node keeps to 25/s by itself); each answer takes 40 ms.
	mock = await startBenchServer({ rate: 0, burst: 0, latencyMs: 40 });
	const started = Date.now();
	const runDir = process.env.E2E_RUN_DIR;
	cluster = await loadQueueMode(REPO_ROOT).startCluster({
		mode: 'queue',
		workers: WORKERS,
		concurrency: CONCURRENCY,
		credentials: [stripeCredential(mock.url)],
		workflows: [createWorkflow({ deduplicationKey: '={{ $json.n }}' })],
		dir: runDir ? join(runDir, 'queue-kill') : join(REPO_ROOT, '.tmp', `e2e-queue-kill-${process.pid}-${Date.now()}`),
		keep: Boolean(process.env.E2E_KEEP),
		// scripts/e2e.js kills every listed process group when jest ends, however it ends.
		onSpawn: registerGroup,
		onExit: unregisterGroup,
		handleSignals: false,
	});
	const setupMs = Date.now() - started;

	// 1. The first run, killed mid-way.
	let firstSettled = false;
	const firstPosted = Date.now();
	firstCall = cluster.webhook(CREATE_WEBHOOK_PATH, createBody(items), { timeoutMs: 10 * 60_000 }).then(
		(answer) => ((firstSettled = true), answer),
		(error: Error) => ((firstSettled = true), error),
	);
	await until(`the stand-in to create ${KILL_AFTER} items`, () => firstSettled || total(mock.stats().created) >= KILL_AFTER, 120_000, 10);
	if (firstSettled) throw new Error(`the first run ended before ${KILL_AFTER} items were created: ${JSON.stringify(await firstCall).slice(0, 500)}`);
	const reachedMs = Date.now() - firstPosted;
	const running = [...cluster.attribution()].filter(([, ran]) => ran.started && !ran.finished);
	if (running.length !== 1) throw new Error(`expected one execution running on a worker, found ${JSON.stringify(running)}`);
	[[firstExecutionId, { worker: killedWorker }]] = running;
	const kill = await cluster.killWorker(killedWorker, 'SIGKILL');
	createdAtKill = total(mock.stats().created);
	// Whatever the dead worker had sent is in once its connections are closed.
	const drainStarted = Date.now();
	await until('the stand-in to have no connection open', () => mock.stats().openConnections === 0, 30_000, 10);
	const drainMs = Date.now() - drainStarted;
	before = mock.stats();

	// 2. The rerun, with the same items, at once.
	const rerunPosted = Date.now();
	rerun = await cluster.webhook(CREATE_WEBHOOK_PATH, createBody(items), { timeoutMs: 5 * 60_000 });
	const rerunMs = Date.now() - rerunPosted;
	// Its worker logs "finished" just after main has answered.
	let rerunId = '';
	await until(
		'the rerun to be logged finished',
		() => {
			const finished = [...cluster!.attribution()].filter(([id, ran]) => id !== firstExecutionId && ran.finished);
			rerunId = finished[0]?.[0] ?? '';
			return finished.length > 0;
		},
		30_000,
		250,
	);
	rerunExecution = await cluster.execution(rerunId);
	after = mock.stats();

	const outputs = nodeOutput(rerunExecution, CREATE_NODE);
	const found = outputs.filter((output) => output.json.alreadyCreated === true).length;
	const created = total(after.created) - total(before.created);
	const duplicates = Object.values(after.created).reduce((sum, count) => sum + Math.max(0, count - 1), 0);
	const firstStatus = (await cluster.executions()).find((execution) => execution.id === firstExecutionId)?.status;
	process.stdout.write(
		`[e2e] queue kill + rerun: cluster ${(setupMs / 1000).toFixed(1)} s; run 1 (execution ${firstExecutionId} on ${killedWorker}) ` +
			`reached ${KILL_AFTER} creates in ${(reachedMs / 1000).toFixed(1)} s; SIGKILL took ${kill.ms} ms, ${createdAtKill} created at the kill, ` +
			`${total(before.created)} before the rerun (connections drained in ${drainMs} ms); first execution still "${firstStatus}"; ` +
			`rerun (execution ${rerunId} on ${rerunExecution.worker}) ${(rerunMs / 1000).toFixed(1)} s: ${outputs.length} output items, ` +
			`${found} say alreadyCreated, ${created} created by the rerun, ${after.createReplays} replayed by the stand-in, ` +
			`${duplicates} duplicates, ${after.createKeyConflicts} key conflicts; ${Object.keys(after.created).length}/${ITEMS} items exist\n`,
	);
}, SETUP_TIMEOUT);

afterAll(async () => {
	await cluster?.stop({ graceMs: 3_000 });
	// Stopping main ends the first call (it was never answered).
	await firstCall;
	await mock?.close();
}, 60_000);

/** The object the stand-in holds for each posted item, by description. */
const objectsByDescription = (objects: InvoiceItem[]) => new Map(objects.map((object) => [String(object.description), object]));

test('the worker running the first execution was killed mid-run', () => {
	expect(cluster!.workers.find((worker) => worker.name === killedWorker)?.killed).toBe(true);
	expect(cluster!.attribution().get(firstExecutionId)).toMatchObject({ started: true, finished: false });
	expect(createdAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
	expect(total(before.created)).toBeLessThan(ITEMS);
});

test('at the stand-in every one of the items exists exactly once, and nothing else', () => {
	expect(after.badCreateBodies).toEqual([]);
	expect(after.createKeyConflicts).toBe(0);
	// Short answers first: which items were created more than once, which not at all.
	expect(Object.entries(after.created).filter(([, count]) => count !== 1)).toEqual([]);
	expect(items.filter((item) => after.created[item.description] === undefined).map((item) => item.description)).toEqual([]);
	expect(after.created).toEqual(Object.fromEntries(items.map((item) => [item.description, 1])));
	expect(after.createdObjects).toHaveLength(ITEMS);
});

test('the rerun ran on the surviving worker and answered one item per posted item, in order, paired', () => {
	expect(rerun.status).toBe(200);
	expect(rerunExecution.status).toBe('success');
	expect(rerunExecution.worker).toBeDefined();
	expect(rerunExecution.worker).not.toBe(killedWorker);
	const answered = rerun.body as Array<Record<string, unknown>>;
	expect(Array.isArray(answered)).toBe(true);
	expect(answered.filter((output) => output.error !== undefined)).toEqual([]);
	expect(answered.map((output) => output.description)).toEqual(items.map((item) => item.description));
	const inputs = rerunExecution.data.resultData.runData[SPLIT_NODE]?.[0]?.data?.main?.[0] ?? [];
	const outputs = nodeOutput(rerunExecution, CREATE_NODE);
	expect(inputs).toHaveLength(ITEMS);
	expect(outputs).toHaveLength(ITEMS);
	outputs.forEach((output, position) => expect(output.pairedItem).toEqual({ item: position }));
});

test("the rerun's output says which items it found and which it created: found = what existed before it", () => {
	const existing = objectsByDescription(before.createdObjects);
	const now = objectsByDescription(after.createdObjects);
	const outputs = nodeOutput(rerunExecution, CREATE_NODE).map((output) => output.json);
	// Each output item is the object the stand-in holds for its input item.
	expect(outputs.map((output) => output.id)).toEqual(items.map((item) => now.get(item.description)?.id));
	const says = outputs.map((output) => (output.alreadyCreated === true ? 'found' : 'created'));
	const truth = items.map((item) => (existing.has(item.description) ? 'found' : 'created'));
	// The items whose output says otherwise than the stand-in, first (a short answer), then all.
	const mismatches = items.flatMap((item, position) =>
		says[position] === truth[position] ? [] : [`${item.description}: output says ${says[position]}, the stand-in had it ${truth[position] === 'found' ? 'before' : 'not before'} the rerun`],
	);
	expect(mismatches).toEqual([]);
	expect(says).toEqual(truth);
	// Each found item names the key it was found by.
	outputs.forEach((output, position) => {
		if (says[position] === 'found') expect({ position, key: output.deduplicationKey }).toEqual({ position, key: String(items[position].n) });
	});
	const found = says.filter((verdict) => verdict === 'found').length;
	expect(found).toBe(existing.size);
	expect(found + says.filter((verdict) => verdict === 'created').length).toBe(ITEMS);
	// The stand-in's own view: each found item was a replay of its first create.
	expect(after.createReplays - before.createReplays).toBe(existing.size);
});
