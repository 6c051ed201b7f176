/**
 * `npm run bench`: bulk updates at the provider's rate limit (issue 7).
 *
 * Each scenario runs in a fresh child process (bench/client.ts) against a fresh mock provider in
 * another child process (bench/server.ts, 127.0.0.1 only):
 *   1. our Stripe node, N updates at the mock's limit (default 1,000 at 100/s, 50 ms latency);
 *   1b. the same while the sending process blocks its own event loop for 200 ms once a second;
 *   2. the same with Max Concurrent Requests 1: one item at a time;
 *   3. n8n's own HTTP Request node (n8n-nodes-base from the n8n install `npm run dev` uses);
 *   4. CPU time per item, our node vs a raw node:http loop, with no latency and no limit;
 *   5. peak memory for 10,000 items through our node;
 *   6. our Stripe node updating N lines spread over 10 draft invoices through update_lines, against a
 *      mock of Stripe's line calls that checks every body against the official schema and counts
 *      applications per line (target: ≤ 0.10 × the per-line limit-bound time, 0 failed, 0 duplicates).
 * Prints a table, writes bench/results/latest.json and docs/bench.svg. Every figure is measured in
 * this run. Settings: BENCH_ITEMS, BENCH_RATE, BENCH_BURST, BENCH_LATENCY_MS, BENCH_CPU_ITEMS,
 * BENCH_MEMORY_ITEMS, BENCH_MEMORY_RATE, BENCH_ONLY.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';

import { renderChart } from './chart';
import { ROOT } from './root';
import type { ClientSettings, SenderResult } from './client';
import type { ServerConfig, ServerStats } from './server';

const number = (name: string, fallback: number) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};
const CONFIG = {
	items: number('BENCH_ITEMS', 1000),
	rate: number('BENCH_RATE', 100),
	burst: number('BENCH_BURST', 10),
	latencyMs: number('BENCH_LATENCY_MS', 50),
	cpuItems: number('BENCH_CPU_ITEMS', 2000),
	cpuRounds: 3,
	memoryItems: number('BENCH_MEMORY_ITEMS', 10000),
	memoryRate: number('BENCH_MEMORY_RATE', 5000),
};
/** BENCH_ONLY=ours,oursWithStalls runs only those scenarios (for a quick look; the full run is the record). */
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const TARGET_RATIO = 1.05;
const STALL_TARGET_RATIO = 1.15;
const STALLS = { stallMs: 200, stallPeriodMs: 1000 };
const BULK = { invoices: 10, targetRatio: 0.1 };
/** The scenarios together stay under about 3.5 minutes; installing n8n the first time is not counted. */
const DEADLINE_MS = 200_000;
let started = performance.now();
const children = new Set<ChildProcess>();

// Only 127.0.0.1 is ever contacted: never through a proxy from the environment.
const NO_PROXY = ['127.0.0.1', 'localhost', process.env.NO_PROXY ?? process.env.no_proxy].filter(Boolean).join(',');
const ENV = { ...process.env, NO_PROXY, no_proxy: NO_PROXY };

function start(script: string, args: string[], env: Record<string, string>, execArgv: string[] = []): ChildProcess {
	const child = fork(join(__dirname, script), args, { env: { ...ENV, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	children.add(child);
	child.on('exit', () => children.delete(child));
	return child;
}

function stopAll() {
	for (const child of children) child.kill('SIGKILL');
}
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** The next message of the given type, or an error if the child exits or time runs out first. */
function nextMessage<T>(child: ChildProcess, types: string[], timeoutMs: number, what: string): Promise<T> {
	return new Promise((resolvePromise, reject) => {
		const done = () => {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		const onMessage = (message: { type: string; message?: string }) => {
			if (!types.includes(message.type)) return;
			done();
			if (message.type === 'error') reject(new Error(`${what} failed: ${message.message}`));
			else resolvePromise(message as T);
		};
		const onExit = (code: number | null) => {
			done();
			reject(new Error(`${what} exited (${code}) before answering`));
		};
		const timer = setTimeout(() => {
			done();
			reject(new Error(`${what} did not finish within ${Math.round(timeoutMs / 1000)} s`));
		}, Math.max(1, timeoutMs));
		child.on('message', onMessage);
		child.on('exit', onExit);
	});
}

const remaining = () => DEADLINE_MS - (performance.now() - started);

interface ScenarioRun<T> {
	result?: T;
	stats?: ServerStats;
	error?: string;
}

async function scenario<T>(
	name: string,
	server: ServerConfig,
	settings: Omit<ClientSettings, 'url'>,
	capMs: number,
	execArgv: string[] = [],
): Promise<ScenarioRun<T>> {
	process.stdout.write(`  ${name} … `);
	if (ONLY.length && !ONLY.includes(name)) {
		process.stdout.write('skipped (BENCH_ONLY)\n');
		return { error: 'skipped (BENCH_ONLY)' };
	}
	if (remaining() < 1_000) {
		process.stdout.write('skipped: the time budget is used up\n');
		return { error: 'skipped: the time budget is used up' };
	}
	const begun = performance.now();
	const serverProcess = start('server.js', [], { BENCH_SERVER: JSON.stringify(server) });
	let client: ChildProcess | undefined;
	const outcome: ScenarioRun<T> = {};
	try {
		const { url } = await nextMessage<{ url: string }>(serverProcess, ['ready'], 10_000, 'mock server');
		client = start('client.js', [name], { BENCH_CLIENT: JSON.stringify({ ...settings, url }) }, execArgv);
		const timeout = Math.min(capMs, remaining());
		outcome.result = (await nextMessage<{ result: T }>(client, ['result', 'error'], timeout, name)).result;
	} catch (error) {
		outcome.error = (error as Error).message;
	}
	client?.kill('SIGKILL');
	try {
		if (serverProcess.connected) {
			serverProcess.send({ type: 'stats' });
			outcome.stats = (await nextMessage<{ stats: ServerStats }>(serverProcess, ['stats'], 5_000, 'mock server')).stats;
			serverProcess.send({ type: 'close' });
		}
	} catch (error) {
		outcome.error ??= (error as Error).message;
	}
	setTimeout(() => serverProcess.kill('SIGKILL'), 2_000).unref();
	process.stdout.write(`${outcome.error ? 'FAILED' : 'done'} (${((performance.now() - begun) / 1000).toFixed(1)} s)\n`);
	return outcome;
}

/** Elapsed time against the limit-bound time, failures, and duplicates (extra applications beyond the first). */
const timeAndOutcome = (result: SenderResult, appliedCounts: number[], limitBoundS: number) => ({
	elapsedS: result.elapsedMs / 1000,
	ratioToLimitBound: result.elapsedMs / 1000 / limitBoundS,
	failures: result.failures,
	failureReasons: result.failureReasons,
	duplicates: appliedCounts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
});

/** What the server saw, joined with what the node reported, per sender. */
function senderFigures(run: ScenarioRun<SenderResult>, items: number, limitBoundS: number) {
	if (!run.result || !run.stats) return { error: run.error ?? 'no result' };
	const { result, stats } = run;
	const applied = stats.applied;
	const counts = Object.values(applied);
	const succeeded = new Set(result.succeededIds);
	const allIds = Array.from({ length: items }, (_, n) => `ii_${n}`);
	return {
		...timeAndOutcome(result, counts, limitBoundS),
		itemsAppliedTwiceOrMore: counts.filter((count) => count > 1).length,
		itemsApplied: counts.filter((count) => count > 0).length,
		/** Reported as updated, but the server never applied it. */
		reportedButNotApplied: [...succeeded].filter((id) => !applied[id]).length,
		/** Reported as failed, yet applied: the user cannot tell. */
		failedButApplied: allIds.filter((id) => !succeeded.has(id) && applied[id]).length,
		rateLimited429s: stats.rateLimited,
		requests: stats.requests,
		idempotentReplays: stats.replays,
		maxServedPerSecond: stats.maxServedPerSecond,
		maxInFlightAtServer: stats.maxInFlight,
		connections: stats.connections,
		rateLimitedAtMs: stats.rateLimitedAtMs,
		pairingKept: result.pairingKept,
		nodeError: result.nodeError,
		cpuSeconds: result.cpuMicros / 1e6,
	};
}

/** The bulk line scenario: what the mock applied per line, against the target. */
function bulkFigures(run: ScenarioRun<SenderResult>, items: number, limitBoundS: number) {
	if (!run.result || !run.stats) return { error: run.error ?? 'no result' };
	const { result, stats } = run;
	const counts = Object.values(stats.applied);
	const figures = {
		...timeAndOutcome(result, counts, limitBoundS),
		linesApplied: counts.filter((count) => count > 0).length,
		badBodies: stats.badBodies ?? [],
		calls: stats.calls ?? {},
		requests: stats.requests,
		rateLimited429s: stats.rateLimited,
		outputsAreTheLinesInOrder: result.pairingKept,
		nodeError: result.nodeError,
		cpuSeconds: result.cpuMicros / 1e6,
	};
	const met =
		figures.ratioToLimitBound <= BULK.targetRatio &&
		figures.failures === 0 &&
		figures.duplicates === 0 &&
		figures.badBodies.length === 0 &&
		figures.linesApplied === items &&
		figures.outputsAreTheLinesInOrder;
	return { ...figures, targetRatio: BULK.targetRatio, met };
}

type Figures = ReturnType<typeof senderFigures>;
const ok = (figures: Figures): figures is Exclude<Figures, { error: string }> => !('error' in figures);

/** A sender's figures against its targets: the ratio to the limit-bound time, 0 failed, 0 duplicates (and 0 × 429). */
function targetsOf(figures: Figures, ratio: number, also: { rateLimited429s?: boolean } = {}) {
	if (!ok(figures)) return undefined;
	const zero = (value: number) => ({ target: '0', value, met: value === 0 });
	return {
		ratio: { target: `<= ${ratio}`, value: figures.ratioToLimitBound, met: figures.ratioToLimitBound <= ratio },
		...(also.rateLimited429s ? { rateLimited429s: zero(figures.rateLimited429s) } : {}),
		failures: zero(figures.failures),
		duplicates: zero(figures.duplicates),
	};
}

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 0)} MB`;
const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padStart = (text: string, width: number) => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

function versionOf(packageJson: string): string | undefined {
	try {
		return JSON.parse(readFileSync(packageJson, 'utf8')).version as string;
	} catch {
		return undefined;
	}
}

async function main() {
	// n8n's HTTP Request node comes from the n8n install that `npm run dev` uses (scripts/n8n-runtime.js).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const runtime = require(join(ROOT, 'scripts', 'n8n-runtime.js')) as { runtimeDir: () => string; ensureRuntime: (options?: object) => string };
	const nodesBase = join(runtime.runtimeDir(), 'node_modules', 'n8n-nodes-base');
	const httpNodePath = join(nodesBase, 'dist', 'nodes', 'HttpRequest', 'V3', 'HttpRequestV3.node.js');
	if (!existsSync(httpNodePath)) {
		console.log('n8n is not installed in the dev runtime yet: installing it once (not part of the timed bench) …');
		try {
			runtime.ensureRuntime();
		} catch (error) {
			console.log(`  could not install n8n: ${(error as Error).message}`);
		}
		started = performance.now();
	}

	const { items, rate, burst, latencyMs } = CONFIG;
	const limitBoundS = items / rate;
	const limited: ServerConfig = { rate, burst, latencyMs };
	const unlimited: ServerConfig = { rate: 0, burst: 1, latencyMs: 0 };
	const loadBefore = loadavg();
	console.log(`Bulk update benchmark: ${int(items)} Stripe invoice item updates; mock limit ${rate}/s (burst ${burst}, 429 + Retry-After), ${latencyMs} ms latency`);
	console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadBefore.map((load) => load.toFixed(2)).join(' ')}`);

	const ours = await scenario<SenderResult>('ours', limited, { items }, 60_000);
	const oursWithStalls = await scenario<SenderResult & { stalls: number }>('oursWithStalls', limited, { items, ...STALLS }, 60_000);
	const oneAtATime = await scenario<SenderResult>('oneAtATime', limited, { items }, 100_000);
	const httpNode = await scenario<SenderResult & { typeVersion: number }>('httpNode', limited, { items, httpNodePath }, 40_000);
	const bulkServer: ServerConfig = { ...limited, lines: { invoices: BULK.invoices, linesPerInvoice: Math.ceil(items / BULK.invoices) } };
	const bulkLines = await scenario<SenderResult>('bulkLines', bulkServer, { items, invoices: BULK.invoices }, 30_000);
	const cpu = await scenario<{
		items: number;
		rounds: number;
		concurrency: number;
		oursMicrosPerItem: number;
		rawMicrosPerItem: number;
		ratio: number;
		overheadMicrosPerItem: number;
	}>('cpu', unlimited, { items: 0, cpuItems: CONFIG.cpuItems, cpuRounds: CONFIG.cpuRounds }, 40_000);
	const memory = await scenario<{
		items: number;
		requestsPerSecond: number;
		peak: { rss: number; heapUsed: number; heapTotal: number; external: number };
		baseline: { rss: number; heapUsed: number };
		afterRunAndGc?: { rss: number; heapUsed: number };
		samples: number;
		elapsedMs: number;
		failures: number;
		succeededIds: string[];
	}>('memory', unlimited, { items: CONFIG.memoryItems, requestsPerSecond: CONFIG.memoryRate, sampleMs: 20 }, 45_000, ['--expose-gc']);

	const senders = {
		ours: senderFigures(ours, items, limitBoundS),
		oursWithStalls: senderFigures(oursWithStalls, items, limitBoundS),
		oneAtATime: senderFigures(oneAtATime, items, limitBoundS),
		httpNode: senderFigures(httpNode, items, limitBoundS),
	};
	const bulk = bulkFigures(bulkLines, items, limitBoundS);
	const targets = targetsOf(senders.ours, TARGET_RATIO);
	const stallTargets = targetsOf(senders.oursWithStalls, STALL_TARGET_RATIO, { rateLimited429s: true });
	const memoryFigures = memory.result
		? {
				items: memory.result.items,
				requestsPerSecond: memory.result.requestsPerSecond,
				peakRssBytes: memory.result.peak.rss,
				peakHeapUsedBytes: memory.result.peak.heapUsed,
				peakHeapTotalBytes: memory.result.peak.heapTotal,
				baselineRssBytes: memory.result.baseline.rss,
				baselineHeapUsedBytes: memory.result.baseline.heapUsed,
				afterRunAndGc: memory.result.afterRunAndGc,
				samples: memory.result.samples,
				elapsedS: memory.result.elapsedMs / 1000,
				failures: memory.result.failures,
				duplicates: memory.stats ? Object.values(memory.stats.applied).reduce((sum, count) => sum + Math.max(0, count - 1), 0) : undefined,
				itemsApplied: memory.stats ? Object.keys(memory.stats.applied).filter((id) => id.startsWith('ii_')).length : undefined,
			}
		: undefined;
	const loadAfter = loadavg();
	const report = {
		generatedAt: new Date().toISOString(),
		command: 'npm run bench',
		machine: {
			cpus: cpus().length,
			cpuModel: cpus()[0]?.model,
			totalMemoryBytes: totalmem(),
			node: process.version,
			platform: process.platform,
			loadAverageBefore: loadBefore,
			loadAverageAfter: loadAfter,
		},
		versions: {
			'n8n-core': versionOf(join(ROOT, 'node_modules', 'n8n-core', 'package.json')),
			'n8n-workflow': versionOf(join(ROOT, 'node_modules', 'n8n-workflow', 'package.json')),
			'n8n-nodes-base': versionOf(join(nodesBase, 'package.json')),
		},
		config: { ...CONFIG, limitBoundS, targetRatio: TARGET_RATIO, retryAfter: 'whole seconds, rounded up' },
		senders: {
			ours: { description: 'our Stripe node, default options (16 concurrent, 100/s from the sk_live_ key, 3 retries)', ...senders.ours },
			oursWithStalls: {
				description: `the same, while the sending process blocks its own event loop for ${STALLS.stallMs} ms every ${STALLS.stallPeriodMs} ms`,
				stalls: oursWithStalls.result?.stalls,
				...senders.oursWithStalls,
			},
			oneAtATime: { description: 'our Stripe node with Max Concurrent Requests 1', ...senders.oneAtATime },
			httpNode: {
				description:
					"n8n's HTTP Request node (n8n-nodes-base HttpRequestV3), POST with a form body per item, Continue On Fail. " +
					'The harness runs every node as typeVersion 1; for a form POST that is not redirected, V3 takes the same path as 4.4.',
				typeVersion: httpNode.result?.typeVersion,
				...senders.httpNode,
			},
		},
		bulkLines: {
			description: `our Stripe node, ${int(items)} line updates over ${BULK.invoices} draft invoices, default options (Send in Bulk on): update_lines`,
			...bulk,
		},
		targets,
		stallTargets,
		cpu: cpu.result ? { ...cpu.result, note: 'process CPU time (user+system) per item, median of rounds; server in another process' } : { error: cpu.error },
		memory: memoryFigures ?? { error: memory.error },
		elapsedTotalS: (performance.now() - started) / 1000,
	};

	// Stdout.
	const rows: string[][] = [['sender', 'elapsed', '× limit-bound', 'failed', 'duplicates', '429s', 'requests', 'max/s at server']];
	const labels: Record<keyof typeof senders, string> = {
		ours: 'our node (16 concurrent)',
		oursWithStalls: 'our node, 200 ms stall every 1 s',
		oneAtATime: 'our node, one at a time',
		httpNode: "n8n's HTTP Request node",
	};
	for (const key of Object.keys(senders) as Array<keyof typeof senders>) {
		const figures = senders[key];
		if (!ok(figures)) {
			rows.push([labels[key], `not measured: ${figures.error}`]);
			continue;
		}
		rows.push([
			labels[key],
			`${fmt(figures.elapsedS, 2)} s`,
			fmt(figures.ratioToLimitBound, 3),
			`${int(figures.failures)} of ${int(items)}`,
			int(figures.duplicates),
			int(figures.rateLimited429s),
			int(figures.requests),
			int(figures.maxServedPerSecond),
		]);
	}
	const widths = rows[0].map((_, column) => Math.max(...rows.filter((row) => row.length > 2).map((row) => row[column].length)));
	console.log('');
	console.log(`Limit-bound time: ${int(items)} / ${rate} per s = ${fmt(limitBoundS, 1)} s`);
	for (const row of rows) {
		console.log(
			'  ' +
				row.map((cell, column) => (column === 0 || row.length === 2 ? pad(cell, widths[column]) : padStart(cell, widths[column]))).join('   '),
		);
	}
	for (const key of Object.keys(senders) as Array<keyof typeof senders>) {
		const figures = senders[key];
		if (ok(figures) && figures.failures > 0) {
			console.log(`  ${labels[key]} failures: ${Object.entries(figures.failureReasons).map(([reason, count]) => `${count} × "${reason}"`).join('; ')}`);
		}
		if (ok(figures) && (figures.reportedButNotApplied || figures.failedButApplied)) {
			console.log(`  ${labels[key]}: ${figures.reportedButNotApplied} reported updated but not applied, ${figures.failedButApplied} reported failed but applied`);
		}
	}
	console.log('');
	if (targets) {
		const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
		console.log('Targets for our node:');
		console.log(`  elapsed / limit-bound ${fmt(targets.ratio.value, 3)} (target ≤ ${TARGET_RATIO}): ${verdict(targets.ratio.met)}`);
		console.log(`  failures ${targets.failures.value} (target 0): ${verdict(targets.failures.met)}`);
		console.log(`  duplicates ${targets.duplicates.value} (target 0): ${verdict(targets.duplicates.met)}`);
	} else {
		console.log('Targets for our node: NOT MEASURED');
	}
	if (stallTargets) {
		const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
		console.log('Targets with stalls (no sender can start requests during a stall; about 1.11 is the best possible):');
		console.log(`  elapsed / limit-bound ${fmt(stallTargets.ratio.value, 3)} (target ≤ ${STALL_TARGET_RATIO}): ${verdict(stallTargets.ratio.met)}`);
		console.log(`  429s ${stallTargets.rateLimited429s?.value} (target 0): ${verdict(stallTargets.rateLimited429s?.met ?? false)}`);
		console.log(`  failures ${stallTargets.failures.value}, duplicates ${stallTargets.duplicates.value} (targets 0, 0): ${verdict(stallTargets.failures.met && stallTargets.duplicates.met)}`);
	} else {
		console.log('Targets with stalls: NOT MEASURED');
	}
	if ('error' in bulk) {
		console.log(`Stripe line updates through update_lines: NOT MEASURED (${bulk.error})`);
	} else {
		const calls = Object.entries(bulk.calls).map(([call, count]) => `${count} × ${call}`).join(', ');
		console.log(
			`Stripe line updates through update_lines (${int(items)} lines over ${BULK.invoices} draft invoices, same mock limit): ${fmt(bulk.elapsedS, 2)} s = ` +
				`${fmt(bulk.ratioToLimitBound, 3)} × limit-bound (target ≤ ${BULK.targetRatio}): ${bulk.met ? 'met' : 'MISSED'}`,
		);
		console.log(
			`  failed ${bulk.failures}, duplicates ${bulk.duplicates}, bodies refused by the schema ${bulk.badBodies.length}, lines applied ${int(bulk.linesApplied)} of ${int(items)}, ` +
				`outputs the lines in input order ${bulk.outputsAreTheLinesInOrder ? 'yes' : 'NO'}; ${int(bulk.requests)} requests (${calls}), ${bulk.rateLimited429s} × 429; client CPU ${fmt(bulk.cpuSeconds, 2)} s`,
		);
		if (bulk.failures) console.log(`  failures: ${Object.entries(bulk.failureReasons).map(([reason, count]) => `${count} × "${reason}"`).join('; ')}`);
		if (bulk.badBodies.length) console.log(`  refused bodies: ${bulk.badBodies.slice(0, 3).join(' | ')}`);
	}
	if (cpu.result) {
		const { oursMicrosPerItem, rawMicrosPerItem, ratio, items: cpuItems, rounds, concurrency } = cpu.result;
		console.log(
			`Engine CPU per item (no latency, no limit; ${int(cpuItems)} items × ${rounds} rounds, ${concurrency} concurrent, median): ` +
				`our node ${int(oursMicrosPerItem)} µs, raw node:http loop ${int(rawMicrosPerItem)} µs → ratio ${fmt(ratio, 2)} (+${int(oursMicrosPerItem - rawMicrosPerItem)} µs per item)`,
		);
	} else {
		console.log(`Engine CPU per item: not measured (${cpu.error})`);
	}
	if (memoryFigures) {
		console.log(
			`Memory, ${int(memoryFigures.items)} items at ${int(memoryFigures.requestsPerSecond)}/s: peak RSS ${mb(memoryFigures.peakRssBytes)} (before ${mb(memoryFigures.baselineRssBytes)}), ` +
				`peak heap used ${mb(memoryFigures.peakHeapUsedBytes)} (before ${mb(memoryFigures.baselineHeapUsedBytes)})` +
				(memoryFigures.afterRunAndGc ? `, after the run + GC ${mb(memoryFigures.afterRunAndGc.heapUsed)} heap` : '') +
				`; ${fmt(memoryFigures.elapsedS, 1)} s, ${memoryFigures.failures} failed, ${memoryFigures.duplicates ?? '?'} duplicates, ${memoryFigures.samples} samples`,
		);
	} else {
		console.log(`Memory: not measured (${memory.error})`);
	}
	console.log(`Load average before ${loadBefore.map((load) => load.toFixed(2)).join(' ')}, after ${loadAfter.map((load) => load.toFixed(2)).join(' ')} (other processes on this machine share its ${cpus().length} cores)`);

	// JSON and chart.
	const resultsFile = join(ROOT, 'bench', 'results', 'latest.json');
	mkdirSync(dirname(resultsFile), { recursive: true });
	writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
	const chartFile = join(ROOT, 'docs', 'bench.svg');
	mkdirSync(dirname(chartFile), { recursive: true });
	const senderNote = (figures: Figures) =>
		ok(figures)
			? `${figures.failures ? `${int(figures.failures)} of ${int(items)} failed` : '0 failed'} · ${int(figures.duplicates)} dup · ${int(figures.rateLimited429s)} × 429`
			: `not measured: ${figures.error}`;
	const chartRows: Array<[string, string, string]> = [];
	if (targets) {
		chartRows.push(
			['Our node: elapsed ÷ limit-bound time (target ≤ 1.05)', fmt(targets.ratio.value, 3), targets.ratio.met ? 'met' : 'missed'],
			['Our node: failed / duplicated updates (target 0 / 0)', `${targets.failures.value} / ${targets.duplicates.value}`, targets.failures.met && targets.duplicates.met ? 'met' : 'missed'],
		);
	}
	if (stallTargets) {
		const allMet = Object.values(stallTargets).every((target) => target.met);
		chartRows.push([
			`With stalls: ÷ limit-bound (≤ ${STALL_TARGET_RATIO}) · 429s · failed · dup (0)`,
			`${fmt(stallTargets.ratio.value, 3)} · ${stallTargets.rateLimited429s?.value} · ${stallTargets.failures.value} · ${stallTargets.duplicates.value}`,
			allMet ? 'met' : 'missed',
		]);
	}
	chartRows.push(
		'error' in bulk
			? ['Line updates through update_lines', 'not measured', '']
			: [
					`${int(items)} line updates over ${BULK.invoices} invoices via update_lines: ÷ limit-bound (≤ ${BULK.targetRatio}) · failed · dup`,
					`${fmt(bulk.ratioToLimitBound, 3)} · ${bulk.failures} · ${bulk.duplicates}`,
					bulk.met ? 'met' : 'missed',
				],
		cpu.result
			? ['Engine CPU per item vs a raw node:http loop', `${int(cpu.result.oursMicrosPerItem)} µs vs ${int(cpu.result.rawMicrosPerItem)} µs (${fmt(cpu.result.ratio, 1)}×)`, '']
			: ['Engine CPU per item', 'not measured', ''],
		memoryFigures
			? [`Peak memory, ${int(memoryFigures.items)} items`, `RSS ${mb(memoryFigures.peakRssBytes)} · heap ${mb(memoryFigures.peakHeapUsedBytes)}`, '']
			: ['Peak memory', 'not measured', ''],
	);
	const elapsedOf = (figures: Figures) => (ok(figures) ? figures.elapsedS : undefined);
	const svg = renderChart({
		title: `${int(items)} Stripe invoice item updates at a ${rate}/s limit`,
		subtitle: `Mock provider: token bucket ${rate}/s (burst ${burst}), 429 + Retry-After, ${latencyMs} ms latency · real n8n-core executions · ${report.generatedAt.slice(0, 10)}`,
		limitBoundS,
		limitLabel: `limit-bound ${fmt(limitBoundS, 0)} s`,
		senders: [
			{ label: 'Our node (16 concurrent)', elapsedS: elapsedOf(senders.ours), note: senderNote(senders.ours), color: '#1f883d', bad: !targets || !targets.failures.met || !targets.duplicates.met },
			{
				label: 'Our node, stalled 200 ms/s',
				elapsedS: elapsedOf(senders.oursWithStalls),
				note: senderNote(senders.oursWithStalls),
				color: '#4c9a5f',
				bad: !stallTargets || !stallTargets.failures.met || !stallTargets.duplicates.met,
			},
			{ label: 'Our node, one at a time', elapsedS: elapsedOf(senders.oneAtATime), note: senderNote(senders.oneAtATime), color: '#8c959f', bad: ok(senders.oneAtATime) ? senders.oneAtATime.failures > 0 : true },
			{ label: "n8n's HTTP Request node", elapsedS: elapsedOf(senders.httpNode), note: senderNote(senders.httpNode), color: '#bc4c00', bad: ok(senders.httpNode) ? senders.httpNode.failures > 0 : true },
		],
		rows: chartRows,
		footer: `npm run bench · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, n8n-core ${report.versions['n8n-core']}, n8n-nodes-base ${report.versions['n8n-nodes-base'] ?? '?'} · load avg ${loadBefore[0].toFixed(1)}`,
	});
	// A quick look at a few scenarios never replaces the chart of a full run.
	if (!ONLY.length) writeFileSync(chartFile, svg);
	console.log('');
	console.log(`Wrote ${relative(ROOT, resultsFile)}${ONLY.length ? '' : ` and ${relative(ROOT, chartFile)}`} (${fmt((performance.now() - started) / 1000, 1)} s)`);
	const failed = [ours, oursWithStalls, oneAtATime, httpNode, bulkLines, cpu, memory].some((run) => run.error && !run.error.includes('BENCH_ONLY'));
	process.exitCode = failed ? 1 : 0;
}

main()
	.catch((error: Error) => {
		console.error(error.stack ?? error.message);
		process.exitCode = 1;
	})
	.finally(stopAll);
