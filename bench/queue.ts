/**
 * `npm run bench:queue`: the Stripe node in real n8n 2.8.4, in queue mode (issue 12).
 *
 * A mock provider (bench/server.ts, in this process, 127.0.0.1) with a token bucket of 25 requests/s,
 * burst 10, 429 + Retry-After over that, 50 ms per answer; it counts how often each item's update was
 * applied (a repeated Idempotency-Key is applied once). One Stripe credential with a test key (so the
 * node's default rate is 25/s) points at it. The workflow (bench/queue-workflow.ts) is
 * Webhook → Split Out → Stripe Invoicing (Invoice Item → Update, On Error → Continue).
 *
 *   (a) queue mode, 2 workers (--concurrency 4): 4 concurrent webhook executions × 250 items
 *   (b) the same cluster: 1 execution × 1,000 items
 *   (c) regular mode (one n8n process): 4 concurrent executions × 250 items
 *
 * Each cluster is started (scripts/queue-mode.js) and warmed with small executions before anything
 * is timed; its setup time is printed separately. Elapsed = from firing the webhooks to the last
 * answer. Writes bench/results/queue.json and docs/bench-queue.svg. Every figure is measured in this
 * run and compared with its target as it is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { renderChart } from './chart';
import { ROOT } from './root';
import {
	WEBHOOK_PATH,
	itemIds,
	loadQueueMode,
	stripeCredential,
	updateOutput,
	updateWorkflow,
	webhookBody,
	type Cluster,
	type WebhookAnswer,
} from './queue-workflow';
import { startBenchServer, type BenchServer, type ServerStats } from './server';

const RATE = 25;
const BURST = 10;
const LATENCY_MS = 50;
const WORKERS = 2;
const CONCURRENCY = 4;
const WEBHOOK_TIMEOUT_MS = 300_000;

interface Target {
	label: string;
	met: boolean;
}

interface PerWorker {
	worker: string;
	executions: number;
	items: number;
	/** When its last execution ended, seconds after the webhooks were fired. */
	lastEndedS: number | null;
}

interface RunResult {
	name: string;
	label: string;
	mode: 'queue' | 'regular';
	workers: number;
	executions: number;
	items: number;
	limitPerSecond: number;
	elapsedS: number;
	limitBoundS: number;
	ratio: number;
	failed: number;
	duplicates: number;
	rateLimited: number;
	/** When the mock answered 429, in seconds after the webhooks were fired. */
	rateLimitedAtS: number[];
	requests: number;
	perWorker: PerWorker[];
	/** Reported as updated, but the mock never applied it. */
	reportedButNotApplied: number;
	/** Output items whose position or pairedItem does not match their input item. */
	unpaired: number;
	maxServedPerSecond: number;
	failureReasons: Record<string, number>;
	targets: Target[];
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Fires `batches` webhooks at once and measures what came back and what the mock saw. */
async function measure(
	cluster: Cluster,
	mock: BenchServer,
	name: string,
	label: string,
	batches: string[][],
	targetsOf: (run: Omit<RunResult, 'targets'>) => Target[],
): Promise<RunResult> {
	process.stdout.write(`  ${label} … `);
	const knownIds = new Set((await cluster.executions()).map((execution) => execution.id));
	const before: ServerStats = mock.stats();
	const fired = Date.now();
	const answers = await Promise.all(
		batches.map((ids) =>
			cluster.webhook(WEBHOOK_PATH, webhookBody(ids), { timeoutMs: WEBHOOK_TIMEOUT_MS }).catch(
				(error: Error): WebhookAnswer => ({ status: 0, text: error.message, body: undefined, ms: Date.now() - fired, endedAt: Date.now() }),
			),
		),
	);
	const elapsedS = (Math.max(...answers.map((answer) => answer.endedAt)) - fired) / 1000;
	const after = mock.stats();

	const items = batches.reduce((sum, ids) => sum + ids.length, 0);
	let failed = 0;
	let reportedButNotApplied = 0;
	const failureReasons: Record<string, number> = {};
	const reason = (text: string, count = 1) => {
		const key = text.slice(0, 140);
		if (key in failureReasons || Object.keys(failureReasons).length < 6) failureReasons[key] = (failureReasons[key] ?? 0) + count;
	};
	batches.forEach((ids, index) => {
		const answer = answers[index];
		const outputs = Array.isArray(answer.body) ? (answer.body as Array<Record<string, unknown>>) : undefined;
		if (answer.status !== 200 || !outputs) {
			failed += ids.length;
			reason(`webhook answered ${answer.status}: ${answer.text}`, ids.length);
			return;
		}
		ids.forEach((id, position) => {
			const output = outputs[position];
			if (!output) {
				failed++;
				reason('no output item');
			} else if (output.error !== undefined) {
				failed++;
				reason(String(output.error));
			} else if (output.id !== id) {
				failed++;
				reason(`output ${position} is ${String(output.id)}, not ${id}`);
			} else if (!after.applied[id]) {
				reportedButNotApplied++;
			}
		});
	});
	const duplicates = batches.flat().reduce((sum, id) => sum + Math.max(0, (after.applied[id] ?? 0) - 1), 0);

	// Which process ran which execution (queue mode: the workers' "Worker started execution N" lines),
	// and how many items each put out, paired with its input.
	const fresh = (await cluster.executions()).filter((execution) => !knownIds.has(execution.id));
	const names = cluster.mode === 'queue' ? cluster.workers.map((worker) => worker.name) : ['main'];
	const perWorker = new Map<string, PerWorker>(names.map((worker) => [worker, { worker, executions: 0, items: 0, lastEndedS: null }]));
	let unpaired = 0;
	for (const execution of fresh) {
		const worker = execution.worker ?? 'unknown';
		const entry = perWorker.get(worker) ?? { worker, executions: 0, items: 0, lastEndedS: null };
		const data = await cluster.execution(execution.id);
		const output = updateOutput(data);
		unpaired += output.filter((item, position) => (item.pairedItem as { item?: number } | undefined)?.item !== position).length;
		entry.executions++;
		entry.items += output.length;
		if (execution.stoppedAt) entry.lastEndedS = Math.max(entry.lastEndedS ?? 0, (execution.stoppedAt - fired) / 1000);
		perWorker.set(worker, entry);
	}

	const limitBoundS = items / RATE;
	const result: Omit<RunResult, 'targets'> = {
		name,
		label,
		mode: cluster.mode,
		workers: cluster.mode === 'queue' ? cluster.workers.length : 1,
		executions: batches.length,
		items,
		limitPerSecond: RATE,
		elapsedS,
		limitBoundS,
		ratio: elapsedS / limitBoundS,
		failed,
		duplicates,
		rateLimited: after.rateLimited - before.rateLimited,
		rateLimitedAtS: after.rateLimitedAtEpochMs.filter((at) => at >= fired).map((at) => Math.round(at - fired) / 1000),
		requests: after.requests - before.requests,
		perWorker: [...perWorker.values()],
		reportedButNotApplied,
		unpaired,
		// Over the whole mock's life: the runs are one after the other, so this is the busiest second seen so far.
		maxServedPerSecond: after.maxServedPerSecond,
		failureReasons,
	};
	say(`${fmt(elapsedS, 1)} s`);
	return { ...result, targets: targetsOf(result) };
}

/** A small execution per process before anything is timed: loads node types, opens connections. */
async function warm(cluster: Cluster, tag: string) {
	const count = cluster.mode === 'queue' ? cluster.workers.length : 1;
	const answers = await Promise.all(
		Array.from({ length: count }, (_, n) => cluster.webhook(WEBHOOK_PATH, webhookBody(itemIds(`${tag}${n}`, 5)), { timeoutMs: 120_000 })),
	);
	const bad = answers.find((answer) => answer.status !== 200);
	if (bad) throw new Error(`warm-up execution answered ${bad.status}: ${bad.text.slice(0, 300)}`);
	const ran = new Set((await cluster.executions()).map((execution) => execution.worker));
	return [...ran].filter(Boolean).join(', ');
}

async function startWarm(mode: 'queue' | 'regular', mock: BenchServer) {
	const started = Date.now();
	const queueMode = loadQueueMode(ROOT);
	const cluster = await queueMode.startCluster({
		mode,
		workers: WORKERS,
		concurrency: CONCURRENCY,
		credentials: [stripeCredential(mock.url)],
		workflows: [updateWorkflow()],
		dir: join(ROOT, '.tmp', `bench-queue-${mode}-${process.pid}`),
		log: (line) => say(`    ${line}`),
	});
	let warmedOn: string;
	try {
		warmedOn = await warm(cluster, `warm${mode[0]}`);
	} catch (error) {
		await cluster.stop({ graceMs: 2_000 });
		throw error;
	}
	const setupS = (Date.now() - started) / 1000;
	say(
		`    setup ${fmt(setupS, 1)} s (not timed): ${cluster.timings.map(([step, ms]) => `${step} ${fmt(ms / 1000, 1)} s`).join(' · ')}; warm-up ran on ${warmedOn}`,
	);
	return { cluster, setupS, timings: cluster.timings };
}

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

async function main() {
	const started = Date.now();
	const loadBefore = loadavg();
	say(`Queue-mode benchmark: Stripe invoice item updates through real n8n, mock limit ${RATE}/s (burst ${BURST}, 429 + Retry-After), ${LATENCY_MS} ms latency`);
	say(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadBefore.map((load) => load.toFixed(2)).join(' ')}`);

	const mock = await startBenchServer({ rate: RATE, burst: BURST, latencyMs: LATENCY_MS });
	const runs: RunResult[] = [];
	const setups: Record<string, { setupS: number; timings: Array<[string, number]> }> = {};
	let cluster: Cluster | undefined;
	const queueTargets = (run: Omit<RunResult, 'targets'>): Target[] => [
		{ label: `ratio ${fmt(run.ratio, 3)} (≤ 1.10)`, met: run.ratio <= 1.1 },
		{ label: `429s ${int(run.rateLimited)} of ${int(run.requests)} requests (≤ 1 %)`, met: run.rateLimited <= 0.01 * run.requests },
		{ label: `failed ${run.failed} (must be 0)`, met: run.failed === 0 },
		{ label: `duplicates ${run.duplicates} (must be 0)`, met: run.duplicates === 0 },
	];
	try {
		say('');
		say(`Queue mode: ${WORKERS} workers, --concurrency ${CONCURRENCY}`);
		const queue = await startWarm('queue', mock);
		cluster = queue.cluster;
		setups.queue = { setupS: queue.setupS, timings: queue.timings };
		runs.push(
			await measure(cluster, mock, 'a', `(a) queue, ${WORKERS} workers, 4 × 250`, [0, 1, 2, 3].map((n) => itemIds(`a${n}`, 250)), queueTargets),
		);
		runs.push(
			await measure(cluster, mock, 'b', `(b) queue, ${WORKERS} workers, 1 × 1,000`, [itemIds('b0', 1000)], (run) => [
				{ label: `ratio ${fmt(run.ratio, 3)} (≤ 1.10)`, met: run.ratio <= 1.1 },
			]),
		);
		if (cluster.crashed) throw new Error(cluster.crashed);
		await cluster.stop();
		cluster = undefined;

		say('');
		say('Regular mode: one n8n process');
		const regular = await startWarm('regular', mock);
		cluster = regular.cluster;
		setups.regular = { setupS: regular.setupS, timings: regular.timings };
		runs.push(
			await measure(cluster, mock, 'c', '(c) regular, 1 process, 4 × 250', [0, 1, 2, 3].map((n) => itemIds(`c${n}`, 250)), (run) => [
				{ label: `ratio ${fmt(run.ratio, 3)} (≤ 1.05)`, met: run.ratio <= 1.05 },
			]),
		);
		await cluster.stop();
		cluster = undefined;
	} finally {
		await cluster?.stop({ graceMs: 2_000 });
		await mock.close();
	}

	// Table.
	const header = ['run', 'elapsed', '× limit-bound', 'failed', 'dupl.', '429s / requests', 'per worker (executions, items, last end)', 'targets'];
	const rows = runs.map((run) => [
		run.label,
		`${fmt(run.elapsedS, 1)} s`,
		fmt(run.ratio, 3),
		`${run.failed} of ${int(run.items)}`,
		String(run.duplicates),
		`${int(run.rateLimited)} / ${int(run.requests)} (${fmt((100 * run.rateLimited) / Math.max(1, run.requests), 1)} %)`,
		run.perWorker.map((entry) => `${entry.worker}: ${entry.executions}, ${entry.items}, ${entry.lastEndedS === null ? '–' : `${fmt(entry.lastEndedS, 1)} s`}`).join('; '),
		run.targets.every((target) => target.met) ? 'met' : 'MISSED',
	]);
	const widths = header.map((_, column) => Math.max(header[column].length, ...rows.map((row) => row[column].length)));
	say('');
	say(`Limit-bound time: 1,000 / ${RATE} per s = ${fmt(1000 / RATE, 1)} s. Setup (not timed): queue ${fmt(setups.queue?.setupS ?? 0, 1)} s, regular ${fmt(setups.regular?.setupS ?? 0, 1)} s.`);
	say(header.map((cell, column) => pad(cell, widths[column])).join('  '));
	for (const row of rows) say(row.map((cell, column) => pad(cell, widths[column])).join('  '));
	say('');
	for (const run of runs) {
		for (const target of run.targets) say(`  ${run.name}: ${pad(target.label, 40)} ${target.met ? 'met' : 'MISSED'}`);
		if (Object.keys(run.failureReasons).length) say(`     failures: ${JSON.stringify(run.failureReasons)}`);
		if (run.unpaired || run.reportedButNotApplied) say(`     unpaired outputs ${run.unpaired}, reported but not applied ${run.reportedButNotApplied}`);
	}

	// Files.
	const generatedAt = new Date().toISOString();
	const resultsFile = join(ROOT, 'bench', 'results', 'queue.json');
	mkdirSync(dirname(resultsFile), { recursive: true });
	writeFileSync(
		resultsFile,
		`${JSON.stringify(
			{
				generatedAt,
				command: 'npm run bench:queue',
				machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
				config: { rate: RATE, burst: BURST, latencyMs: LATENCY_MS, workers: WORKERS, concurrency: CONCURRENCY, nodeOptions: 'defaults (Stripe test key: 25/s per process)' },
				setup: setups,
				runs,
				elapsedTotalS: (Date.now() - started) / 1000,
			},
			null,
			2,
		)}\n`,
	);
	const chartFile = join(ROOT, 'docs', 'bench-queue.svg');
	const colors: Record<string, string> = { a: '#1f883d', b: '#0969da', c: '#8c959f' };
	const svg = renderChart({
		title: `1,000 Stripe invoice item updates through real n8n at a ${RATE}/s limit`,
		subtitle: `Mock: token bucket ${RATE}/s (burst ${BURST}), 429 + Retry-After, ${LATENCY_MS} ms · n8n 2.8.4, queue mode vs one process · ${generatedAt.slice(0, 10)}`,
		limitBoundS: 1000 / RATE,
		limitLabel: `limit-bound ${fmt(1000 / RATE, 0)} s`,
		senders: runs.map((run) => ({
			label: run.label,
			elapsedS: run.elapsedS,
			note: `${run.failed} failed · ${run.duplicates} dup. · ${int(run.rateLimited)} × 429`,
			color: colors[run.name] ?? '#8c959f',
			bad: run.failed > 0 || run.duplicates > 0,
		})),
		rows: runs.flatMap((run) => run.targets.map((target): [string, string, string] => [run.label, target.label, target.met ? 'met' : 'missed'])),
		footer: `npm run bench:queue · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version} · setup not timed: queue ${fmt(setups.queue?.setupS ?? 0, 0)} s, regular ${fmt(setups.regular?.setupS ?? 0, 0)} s · load avg ${loadBefore[0].toFixed(1)}`,
	});
	mkdirSync(dirname(chartFile), { recursive: true });
	writeFileSync(chartFile, svg);
	say('');
	say(`Wrote ${relative(ROOT, resultsFile)} and ${relative(ROOT, chartFile)} (${fmt((Date.now() - started) / 1000, 1)} s in all)`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
