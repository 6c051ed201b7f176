/**
 * One benchmark scenario, run in a fresh child process of bench/run.ts (so that throttles, memory
 * and CPU time of one scenario never leak into another). The scenario name is argv[2], its settings
 * are in BENCH_CLIENT (JSON); the result goes back as `{ type: 'result', result }`.
 *
 * Every node runs inside a real n8n-core execution through the repository's harness
 * (test/harness/n8n.ts `runNode`).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { StripeInvoicingApi } from '../credentials/StripeInvoicingApi.credentials';
import { StripeInvoicing } from '../nodes/Stripe/StripeInvoicing.node';
import { TRANSPORT_LIMITS } from '../nodes/shared/engineParameters';
import { DEFAULT_TRANSPORT } from '../nodes/shared/request';
import { runNode } from '../test/harness/n8n';
import { updateItem, updateLine } from '../test/harness/stripe';
import { LINE_IDS_FROM_ITEM, lineUpdateItems } from '../test/harness/stripe-lines';

export interface ClientSettings {
	url: string;
	items: number;
	/** Path of n8n-nodes-base's HttpRequestV3.node.js (httpNode scenario). */
	httpNodePath?: string;
	/** cpu scenario: items per measured round, warm-up items, rounds. */
	cpuItems?: number;
	cpuWarmup?: number;
	cpuRounds?: number;
	/** oursWithStalls: how long the event loop is blocked, and how often (ms). */
	stallMs?: number;
	stallPeriodMs?: number;
	/** memory scenario: the rate limit to set, and how often to sample (ms). */
	requestsPerSecond?: number;
	sampleMs?: number;
	/** bulkLines: the draft invoices the items' lines are spread over. */
	invoices?: number;
}

/**
 * A live-mode key, so the node's default rate is Stripe's live limit (100/s). It is built here so
 * that no `sk_live_…` literal sits in the repository for secret scanners to flag; it is not a key.
 */
export const LIVE_KEY = ['sk', 'live', 'benchmarkNotARealKey'].join('_');
const API_VERSION = '2026-09-30.endive';

/** Outcome of one sender's run, from the client's side. */
export interface SenderResult {
	elapsedMs: number;
	outputs: number;
	/** Output items that carry an error (Continue On Fail), or every item if the node itself failed. */
	failures: number;
	/** The first few distinct failure messages, with how often each occurred. */
	failureReasons: Record<string, number>;
	/** Items whose output reports success. */
	succeededIds: string[];
	/** Output order and pairedItem equal the input's. */
	pairingKept: boolean;
	nodeError?: string;
	cpuMicros: number;
}

const ids = (count: number, prefix = 'ii_') => Array.from({ length: count }, (_, n) => `${prefix}${n}`);

function summarize(
	itemIds: string[],
	output: INodeExecutionData[],
	error: Error | undefined,
	elapsedMs: number,
	cpuMicros: number,
): SenderResult {
	const failureReasons: Record<string, number> = {};
	const succeededIds: string[] = [];
	let failures = 0;
	output.forEach((item, index) => {
		const json = item.json as IDataObject;
		if (json.error !== undefined) {
			failures++;
			const reason = String(json.error).slice(0, 120);
			if (reason in failureReasons || Object.keys(failureReasons).length < 5) {
				failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
			}
		} else {
			succeededIds.push(itemIds[index]);
		}
	});
	if (error) {
		failures = itemIds.length - succeededIds.length;
		failureReasons[error.message.slice(0, 120)] = failures;
	}
	const pairingKept =
		output.length === itemIds.length &&
		output.every((item, index) => (item.pairedItem as { item: number } | undefined)?.item === index);
	return { elapsedMs, outputs: output.length, failures, failureReasons, succeededIds, pairingKept, nodeError: error?.message, cpuMicros };
}

const cpuNow = () => {
	const usage = process.cpuUsage();
	return usage.user + usage.system;
};

/** Our Stripe node: updates items ii_0 … ii_{count-1} (or another prefix), quantity 2, with these node options. */
async function runOurs(settings: ClientSettings, count: number, options: IDataObject, prefix?: string): Promise<SenderResult> {
	const itemIds = ids(count, prefix);
	const items = itemIds.map((id) => ({ id }));
	const { run, elapsedMs, cpuMicros } = await runStripeNode(settings, updateItem({ quantity: 2 }, { invoiceitem: '={{ $json.id }}', options }), items);
	return summarize(itemIds, run.output, run.error, elapsedMs, cpuMicros);
}

/** Our Stripe node in one n8n-core run, Continue On Fail, with its time and this process's CPU time. */
async function runStripeNode(settings: ClientSettings, parameters: INodeParameters, items: IDataObject[]) {
	const cpuStart = cpuNow();
	const start = performance.now();
	const run = await runNode({
		node: new StripeInvoicing(),
		credentialTypes: [new StripeInvoicingApi()],
		credentials: { stripeInvoicingApi: { secretKey: LIVE_KEY, baseUrl: settings.url, apiVersion: API_VERSION } },
		parameters,
		items,
		continueOnFail: true,
		// The harness turns retries off unless told; the benchmark runs the node's default.
		retries: DEFAULT_TRANSPORT.retries,
	});
	return { run, elapsedMs: performance.now() - start, cpuMicros: cpuNow() - cpuStart };
}

/**
 * Our Stripe node updating `count` lines spread over `invoices` draft invoices (item n: invoice
 * in_{n mod invoices}), quantity 2, with the default options: Send in Bulk is on.
 */
async function runBulkLines(settings: ClientSettings): Promise<SenderResult> {
	const items = lineUpdateItems(settings.items, settings.invoices ?? 10);
	const parameters = updateLine({ quantity: 2 }, LINE_IDS_FROM_ITEM);
	const { run, elapsedMs, cpuMicros } = await runStripeNode(settings, parameters, items);
	const result = summarize(items.map((item) => item.line), run.output, run.error, elapsedMs, cpuMicros);
	// An output counts as the item's update only if it is that line, as written.
	const wrong = run.output.filter((output, index) => output.json.id !== items[index].line || output.json.quantity !== 2).length;
	return { ...result, pairingKept: result.pairingKept && wrong === 0 };
}

/** n8n's own HTTP Request node (n8n-nodes-base), as a user would set it up for the same updates. */
async function runHttpNode(settings: ClientSettings): Promise<SenderResult & { typeVersion: number }> {
	if (!settings.httpNodePath || !existsSync(settings.httpNodePath)) {
		throw new Error(`n8n's HTTP Request node is not installed at ${settings.httpNodePath}`);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequestV3 } = require(settings.httpNodePath) as { HttpRequestV3: new (base: IDataObject) => INodeType };
	// The base description n8n-nodes-base's versioned HttpRequest node passes to V3.
	const node = new HttpRequestV3({
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		subtitle: '={{$parameter["requestMethod"] + ": " + $parameter["url"]}}',
		description: 'Makes an HTTP request and returns the response data',
		defaultVersion: 4.4,
	});
	const itemIds = ids(settings.items);
	const cpuStart = cpuNow();
	const start = performance.now();
	const run = await runNode({
		node,
		credentialTypes: [],
		credentials: {},
		parameters: {
			method: 'POST',
			url: `=${settings.url}/v1/invoiceitems/{{ $json.id }}`,
			authentication: 'none',
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: {
				parameters: [
					{ name: 'Authorization', value: `Bearer ${LIVE_KEY}` },
					{ name: 'Stripe-Version', value: API_VERSION },
				],
			},
			sendBody: true,
			contentType: 'form-urlencoded',
			specifyBody: 'keypair',
			bodyParameters: { parameters: [{ name: 'quantity', value: '2' }] },
			options: {},
		},
		items: itemIds.map((id) => ({ id })),
		continueOnFail: true,
	});
	const elapsedMs = performance.now() - start;
	// test/harness/n8n.ts gives every node typeVersion 1.
	return { ...summarize(itemIds, run.output, run.error, elapsedMs, cpuNow() - cpuStart), typeVersion: 1 };
}

/**
 * The same requests as the node sends, from a plain loop on node:http: a new connection per request
 * (no keep-alive, as n8n-core's own agent per request), `concurrency` in flight, JSON answers parsed.
 */
async function rawLoop(url: string, count: number, concurrency: number, keyPrefix: string): Promise<number> {
	const target = new URL(url);
	let next = 0;
	let failures = 0;
	const one = (index: number) =>
		new Promise<void>((resolve) => {
			const body = 'quantity=2';
			const request = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: 'POST',
					path: `/v1/invoiceitems/ii_${index}`,
					agent: false,
					headers: {
						Accept: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
						'Content-Type': 'application/x-www-form-urlencoded',
						'Content-Length': Buffer.byteLength(body),
						Authorization: `Bearer ${LIVE_KEY}`,
						'Stripe-Version': API_VERSION,
						'Idempotency-Key': `${keyPrefix}-${index}`,
					},
				},
				(response: IncomingMessage) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						try {
							JSON.parse(Buffer.concat(chunks).toString('utf8'));
							if ((response.statusCode ?? 500) >= 400) failures++;
						} catch {
							failures++;
						}
						resolve();
					});
				},
			);
			request.on('error', () => {
				failures++;
				resolve();
			});
			request.end(body);
		});
	const worker = async () => {
		while (next < count) await one(next++);
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return failures;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** CPU time per item: our node vs the raw loop, same server (no latency, no limit), same concurrency. */
async function runCpu(settings: ClientSettings) {
	const count = settings.cpuItems ?? 2000;
	const rounds = settings.cpuRounds ?? 3;
	const concurrency = 16;
	// The highest rate the node accepts: above it the node refuses the run, and nothing would be measured.
	const options = { requestsPerSecond: TRANSPORT_LIMITS.requestsPerSecond.max, maxConcurrency: concurrency };
	// Warm-up: JIT, n8n-core's lazily built singletons, the expression engine.
	await runOurs(settings, settings.cpuWarmup ?? 600, options, 'warm_');
	await rawLoop(settings.url, settings.cpuWarmup ?? 600, concurrency, 'warm');
	const ours: Array<{ cpuMicros: number; elapsedMs: number; failures: number }> = [];
	const raw: Array<{ cpuMicros: number; elapsedMs: number; failures: number }> = [];
	for (let round = 0; round < rounds; round++) {
		const result = await runOurs(settings, count, options);
		if (result.succeededIds.length !== count) {
			throw new Error(`our node updated ${result.succeededIds.length} of ${count} items: ${result.nodeError ?? JSON.stringify(result.failureReasons)}`);
		}
		ours.push({ cpuMicros: result.cpuMicros, elapsedMs: result.elapsedMs, failures: result.failures });
		const cpuStart = cpuNow();
		const start = performance.now();
		const failures = await rawLoop(settings.url, count, concurrency, `raw-${round}`);
		raw.push({ cpuMicros: cpuNow() - cpuStart, elapsedMs: performance.now() - start, failures });
	}
	const oursPerItem = median(ours.map((round) => round.cpuMicros)) / count;
	const rawPerItem = median(raw.map((round) => round.cpuMicros)) / count;
	return {
		items: count,
		rounds,
		concurrency,
		oursMicrosPerItem: oursPerItem,
		rawMicrosPerItem: rawPerItem,
		ratio: oursPerItem / rawPerItem,
		overheadMicrosPerItem: oursPerItem - rawPerItem,
		oursRounds: ours,
		rawRounds: raw,
	};
}

/** Peak memory while our node updates `items` items (sampled; a forced GC before the baseline). */
async function runMemory(settings: ClientSettings) {
	const gc = (globalThis as { gc?: () => void }).gc;
	// Load everything first, so the baseline is the loaded process, not an empty one.
	await runOurs(settings, 10, { requestsPerSecond: settings.requestsPerSecond ?? 5000 }, 'warm_');
	gc?.();
	const baseline = process.memoryUsage();
	const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed, heapTotal: baseline.heapTotal, external: baseline.external };
	let samples = 0;
	const sample = () => {
		const now = process.memoryUsage();
		samples++;
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
		peak.heapTotal = Math.max(peak.heapTotal, now.heapTotal);
		peak.external = Math.max(peak.external, now.external);
	};
	const timer = setInterval(sample, settings.sampleMs ?? 20);
	const result = await runOurs(settings, settings.items, { requestsPerSecond: settings.requestsPerSecond ?? 5000 });
	sample();
	clearInterval(timer);
	// What is left once the run is over and garbage collected: a leak would show here.
	gc?.();
	const retained = process.memoryUsage();
	return {
		items: settings.items,
		requestsPerSecond: settings.requestsPerSecond ?? 5000,
		gcBeforeBaseline: gc !== undefined,
		samples,
		baseline: { rss: baseline.rss, heapUsed: baseline.heapUsed },
		peak,
		afterRunAndGc: gc ? { rss: retained.rss, heapUsed: retained.heapUsed } : undefined,
		elapsedMs: result.elapsedMs,
		failures: result.failures,
		failureReasons: result.failureReasons,
		succeededIds: result.succeededIds,
	};
}

/**
 * Blocks this process's event loop for `blockMs` once every `periodMs`, as other executions' CPU
 * work in the same n8n process does. Returns the function that stops it and says how often it blocked.
 */
function stallEvery(periodMs: number, blockMs: number): () => number {
	let stalls = 0;
	const timer = setInterval(() => {
		stalls++;
		const until = performance.now() + blockMs;
		while (performance.now() < until) {
			// busy: nothing else runs in this process meanwhile
		}
	}, periodMs);
	return () => {
		clearInterval(timer);
		return stalls;
	};
}

async function main() {
	const scenario = process.argv[2];
	const settings = JSON.parse(process.env.BENCH_CLIENT ?? '{}') as ClientSettings;
	let result: unknown;
	switch (scenario) {
		case 'ours':
			result = await runOurs(settings, settings.items, {});
			break;
		case 'oursWithStalls': {
			const stop = stallEvery(settings.stallPeriodMs ?? 1000, settings.stallMs ?? 200);
			const run = await runOurs(settings, settings.items, {});
			result = { ...run, stalls: stop() };
			break;
		}
		case 'oneAtATime':
			result = await runOurs(settings, settings.items, { maxConcurrency: 1 });
			break;
		case 'bulkLines':
			result = await runBulkLines(settings);
			break;
		case 'httpNode':
			result = await runHttpNode(settings);
			break;
		case 'cpu':
			result = await runCpu(settings);
			break;
		case 'memory':
			result = await runMemory(settings);
			break;
		default:
			throw new Error(`unknown scenario ${scenario}`);
	}
	process.send!({ type: 'result', result }, undefined, {}, () => process.exit(0));
}

if (require.main === module) {
	process.on('disconnect', () => process.exit(1));
	main().catch((error: Error) => {
		process.send?.({ type: 'error', message: error.stack ?? error.message }, undefined, {}, () => process.exit(1));
	});
}
