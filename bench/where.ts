/**
 * Where the CPU per item goes (`npm run bench:where`): 1,000 Stripe line updates (invoice and line
 * from each item's data, as in the bulkLines scenario) in one n8n-core run against the bench mock
 * with no latency and no limit, one call per line (Send in Bulk off, so every item is sent).
 *
 * It prints, from the same run: the process CPU per item (the mock's share included: it runs in this
 * process); how often the node asked n8n-core for each parameter and what those reads cost (n8n-core's
 * parameter resolution, timed around its `_getNodeParameter`); and, apart from n8n, what our own
 * request building costs per item (`prepareRequest` on the same parameters, min of 40 rounds of 1,000).
 */
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { StripeInvoicingApi } from '../credentials/StripeInvoicingApi.credentials';
import { StripeInvoicing } from '../nodes/Stripe/StripeInvoicing.node';
import { updateInvoiceLineItem } from '../nodes/Stripe/endpoints/invoiceLineItem';
import { stripe } from '../nodes/Stripe/provider';
import { prepareRequest } from '../nodes/shared/execute';
import { runNode } from '../test/harness/n8n';
import { updateLine } from '../test/harness/stripe';
import { LINE_IDS_FROM_ITEM, lineUpdateItems } from '../test/harness/stripe-lines';
import { startBenchServer } from './server';

const ITEMS = 1000;
const INVOICES = 10;

type Reader = (this: unknown, name: string, ...rest: unknown[]) => unknown;

/** n8n-core's execution context, whose `_getNodeParameter` every parameter read of a node goes through. */
function nodeExecutionContext(): { prototype: { _getNodeParameter: Reader } } {
	const core = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const module = require(join(core, 'execution-engine', 'node-execution-context', 'node-execution-context.js'));
	return module.NodeExecutionContext;
}

const cpuNow = () => {
	const usage = process.cpuUsage();
	return usage.user + usage.system;
};

async function main() {
	const server = await startBenchServer({
		rate: 0,
		burst: 1,
		latencyMs: 0,
		lines: { invoices: INVOICES, linesPerInvoice: ITEMS / INVOICES },
	});
	const items = lineUpdateItems(ITEMS, INVOICES);
	const parameters = updateLine({ quantity: 2 }, { ...LINE_IDS_FROM_ITEM, options: { bulk: false, requestsPerSecond: 10000 } });
	const context = nodeExecutionContext().prototype;
	const original = context._getNodeParameter;
	const reads = new Map<string, { count: number; micros: number }>();
	context._getNodeParameter = function (name, ...rest) {
		const start = performance.now();
		try {
			return original.call(this, name, ...rest);
		} finally {
			const read = reads.get(name) ?? { count: 0, micros: 0 };
			read.count += 1;
			read.micros += (performance.now() - start) * 1000;
			reads.set(name, read);
		}
	};
	const cpuStart = cpuNow();
	const run = await runNode({
		node: new StripeInvoicing(),
		credentialTypes: [new StripeInvoicingApi()],
		credentials: { stripeInvoicingApi: { secretKey: 'sk_test_bench', baseUrl: server.url } },
		parameters,
		items,
		continueOnFail: true,
	});
	const cpuMicros = cpuNow() - cpuStart;
	context._getNodeParameter = original;
	await server.close();
	const failed = run.output.filter((output) => output.json.error !== undefined).length;
	if (run.error || failed || run.output.length !== ITEMS) {
		throw new Error(`the run did not update every line: ${run.error?.message ?? `${failed} failed, ${run.output.length} outputs`}`);
	}

	let best = Infinity;
	const ctx = { codec: stripe.codec, timeZone: 'UTC' };
	const prepared = items.map(({ invoice, line }) => ({
		ids: { invoice, line_item_id: line },
		required: {},
		updateFields: { quantity: 2 },
		clearFields: {},
		options: {},
	}));
	for (let round = 0; round < 40; round++) {
		const start = cpuNow();
		for (const itemParameters of prepared) prepareRequest(updateInvoiceLineItem, itemParameters, ctx);
		best = Math.min(best, cpuNow() - start);
	}

	const total = [...reads.values()].reduce((sum, read) => sum + read.micros, 0);
	console.log(
		`Where the CPU goes: ${ITEMS.toLocaleString('en')} Stripe line updates in one n8n-core run, no latency, no limit, one call per line`,
	);
	console.log(
		`  process CPU per item (n8n-core, our node, HTTP of both ends: the mock runs in this process)  ${Math.round(cpuMicros / ITEMS)} µs`,
	);
	console.log(
		`  n8n-core parameter reads: ${[...reads.values()].reduce((sum, read) => sum + read.count, 0)} for ${ITEMS} items, ${Math.round(total / ITEMS)} µs per item`,
	);
	for (const [name, read] of [...reads.entries()].sort((a, b) => b[1].micros - a[1].micros)) {
		console.log(
			`    ${name.padEnd(22)} ${String(read.count).padStart(6)} reads  ${(read.micros / read.count).toFixed(1).padStart(7)} µs each`,
		);
	}
	console.log(`  our request building (prepareRequest, min of 40 rounds)        ${(best / ITEMS).toFixed(1)} µs per item`);
}

// n8n-core's run leaves timers and sockets behind; the figures are printed, so end here.
main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(error.message);
		process.exit(1);
	},
);
