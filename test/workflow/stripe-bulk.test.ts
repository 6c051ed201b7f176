/**
 * Stripe bulk line calls (issue 17) in real n8n-core runs: items that change lines of the same
 * invoice go as one update_lines (add_lines, remove_lines) call, up to the Bulk Size; each item
 * still gets its own output, in input order, with its pairedItem. The server is a model of Stripe's
 * draft invoices (test/harness/stripe-lines.ts) that checks every body against the official schema
 * and counts how often each line was written.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest, Recorder } from '../harness/recorder';
import { recordingFor } from '../harness/recording';
import { runStripe } from '../harness/stripe';
import { draftInvoices, type DraftInvoices, type LinesReply } from '../harness/stripe-lines';

const recording = recordingFor();
let recorder: Recorder;
let stripe: DraftInvoices;

/** Two draft invoices of 15 lines each: an answer holds 10 of them, the rest are read from the list. */
function serve(wrap?: (request: RecordedRequest, reply: () => LinesReply) => LinesReply) {
	stripe = draftInvoices(2, 15);
	recorder.respond((request) => {
		const reply = () => stripe.handle(request);
		return wrap ? wrap(request, reply) : reply();
	});
}

beforeEach(() => {
	recorder = recording();
	serve();
});

const updateLines = (options: IDataObject = {}) =>
	({
		resource: 'invoiceLineItem',
		operation: 'update',
		invoice: '={{ $json.invoice }}',
		line_item_id: '={{ $json.line }}',
		updateFields: { quantity: '={{ $json.quantity }}' },
		options,
	}) as INodeParameters;

const item = (invoice: number, line: number | string, quantity: number) => ({
	invoice: `in_${invoice}`,
	line: `il_${invoice}_${line}`,
	quantity,
});

const sent = () => recorder.requests.map((request) => `${request.method} ${request.path.replace(/\/(in|il)_[^/]+/g, '/{$1}')}`);
const bulkBodies = () => recorder.requests.filter((request) => request.path.endsWith('/update_lines'));
const appliedOnce = (lines: string[]) =>
	expect(Object.fromEntries(stripe.applied)).toEqual(Object.fromEntries(lines.map((line) => [line, 1])));

describe('update_lines', () => {
	test('groups the items by invoice; outputs are the updated lines, in input order, paired, also those the answer leaves out', async () => {
		const items = [item(0, 0, 2), item(1, 0, 3), item(0, 12, 4), item(1, 14, 5), item(0, 1, 6)];
		const run = await runStripe(recorder, updateLines(), { items });
		expect(run.error).toBeUndefined();
		expect(stripe.badBodies).toEqual([]);
		// One bulk call per invoice; lines 12 and 14 are beyond the answer's first page: one list read each.
		expect(sent().sort()).toEqual([
			'GET /v1/invoices/{in}/lines',
			'GET /v1/invoices/{in}/lines',
			'POST /v1/invoices/{in}/update_lines',
			'POST /v1/invoices/{in}/update_lines',
		]);
		const bodies = Object.fromEntries(bulkBodies().map((request) => [request.path, decodeURIComponent(request.body)]));
		expect(bodies['/v1/invoices/in_0/update_lines']).toBe(
			'lines[0][id]=il_0_0&lines[0][quantity]=2&lines[1][id]=il_0_12&lines[1][quantity]=4&lines[2][id]=il_0_1&lines[2][quantity]=6',
		);
		expect(run.output.map(({ json, pairedItem }) => [json.id, json.quantity, pairedItem])).toEqual(
			items.map(({ line, quantity }, index) => [line, quantity, { item: index }]),
		);
		appliedOnce(items.map(({ line }) => line));
	});

	test('Bulk Size splits an invoice’s items into calls of that size; an item left alone takes the single line call', async () => {
		const items = [0, 1, 2, 3, 4].map((line) => item(0, line, line + 2));
		const run = await runStripe(recorder, updateLines({ batchSize: 2 }), { items });
		expect(run.error).toBeUndefined();
		expect(sent()).toEqual(expect.arrayContaining(['POST /v1/invoices/{in}/lines/{il}']));
		expect(Object.fromEntries(stripe.calls)).toEqual({ 'POST /v1/invoices/{in}/update_lines': 2, 'POST /v1/invoices/{in}/lines/{il}': 1 });
		expect(bulkBodies().map((request) => (request.body.match(/\[id\]/g) ?? []).length)).toEqual([2, 2]);
		expect(run.output.map(({ json, pairedItem }) => [json.id, pairedItem])).toEqual(
			items.map(({ line }, index) => [line, { item: index }]),
		);
		appliedOnce(items.map(({ line }) => line));
	});

	test('Send in Bulk off: one call per item, as without bulk calls', async () => {
		const items = [0, 1, 2].map((line) => item(0, line, 7));
		const run = await runStripe(recorder, updateLines({ bulk: false }), { items });
		expect(run.error).toBeUndefined();
		expect(sent()).toEqual(Array(3).fill('POST /v1/invoices/{in}/lines/{il}'));
		expect(run.output.map(({ json }) => json.id)).toEqual(items.map(({ line }) => line));
	});

	test('an item the bulk call cannot carry as the single update would send it (expand) goes alone', async () => {
		const items = [0, 1].map((line) => item(0, line, 3));
		const run = await runStripe(recorder, updateLines({ expand: ['discounts'] }), { items });
		expect(run.error).toBeUndefined();
		expect(sent()).toEqual(Array(2).fill('POST /v1/invoices/{in}/lines/{il}'));
	});

	test('a Bulk Size out of bounds stops the run before anything is sent', async () => {
		const run = await runStripe(recorder, updateLines({ batchSize: 251 }), { items: [item(0, 0, 1), item(0, 1, 1)] });
		expect(run.error?.message).toMatch(/^"Options → Bulk Size" must be a whole number between 1 and 250, got 251/);
		expect(recorder.requests).toHaveLength(0);
	});
});

describe('a bulk call Stripe refuses: exactly the bad item is reported, the others are written once', () => {
	const items = [item(0, 0, 2), item(0, 1, 3), item(0, 'missing', 4), item(0, 2, 5)];

	test('Continue On Fail: the bad item goes to the error output, the good ones to the output, each paired', async () => {
		const run = await runStripe(recorder, updateLines(), { items, continueOnFail: 'errorOutput' });
		expect(run.error).toBeUndefined();
		// The refused bulk call applied nothing; then each item alone, under its own key.
		expect(sent()).toEqual(['POST /v1/invoices/{in}/update_lines', ...Array(4).fill('POST /v1/invoices/{in}/lines/{il}')]);
		const keys = recorder.requests.map((request) => request.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(5);
		expect(run.output.map(({ json, pairedItem }) => [json.id, pairedItem])).toEqual([
			['il_0_0', { item: 0 }],
			['il_0_1', { item: 1 }],
			['il_0_2', { item: 3 }],
		]);
		expect(run.errorOutput).toEqual([
			{ json: expect.objectContaining({ error: "No such invoice line item: 'il_0_missing'" }), pairedItem: { item: 2 } },
		]);
		appliedOnce(['il_0_0', 'il_0_1', 'il_0_2']);
	});

	test('without Continue On Fail: the run stops with the bad item’s error; what went before it is written once, nothing after it', async () => {
		const run = await runStripe(recorder, updateLines(), { items });
		expect(run.error?.message).toBe("No such invoice line item: 'il_0_missing'");
		expect(run.error?.httpCode).toBe('404');
		appliedOnce(['il_0_0', 'il_0_1']);
	});
});

describe('a retried bulk call keeps its idempotency key and is applied once', () => {
	test('429, then an answer lost to a 500 after Stripe applied the call, then success', async () => {
		let bulkCalls = 0;
		serve((request, reply) => {
			if (!request.path.endsWith('/update_lines')) return reply();
			bulkCalls++;
			if (bulkCalls === 1) return { status: 429, body: { error: { type: 'rate_limit_error', message: 'Too many requests' } } };
			if (bulkCalls === 2) {
				reply();
				return { status: 500, body: { error: { type: 'api_error', message: 'Answer lost' } } };
			}
			return reply();
		});
		const items = [0, 1, 2].map((line) => item(0, line, 9));
		const run = await runStripe(recorder, updateLines({ maxRetries: 2 }), { items });
		expect(run.error).toBeUndefined();
		const keys = bulkBodies().map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(3);
		expect(new Set(keys).size).toBe(1);
		expect(stripe.replays).toBe(1);
		appliedOnce(items.map(({ line }) => line));
		expect(run.output.map(({ json, pairedItem }) => [json.id, json.quantity, pairedItem])).toEqual(
			items.map(({ line }, index) => [line, 9, { item: index }]),
		);
	});
});

describe('a bulk call whose outcome is not a refusal', () => {
	test('5xx after every retry: each item reports it, and none is sent again on its own (it may have been applied)', async () => {
		serve((request, reply) => (request.path.endsWith('/update_lines') ? { status: 500, body: { error: { type: 'api_error', message: 'Stripe is down' } } } : reply()));
		const run = await runStripe(recorder, updateLines({ maxRetries: 1 }), { items: [item(0, 0, 2), item(0, 1, 3)], continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(sent()).toEqual(Array(2).fill('POST /v1/invoices/{in}/update_lines'));
		expect(new Set(bulkBodies().map((request) => request.headers['idempotency-key'])).size).toBe(1);
		expect(run.output.map(({ json, pairedItem }) => [json.error, json.httpCode, pairedItem])).toEqual([
			['Stripe is down', '500', { item: 0 }],
			['Stripe is down', '500', { item: 1 }],
		]);
	});

	test('written, but neither the answer nor the line list holds the line: that item says so, the others have their line', async () => {
		serve((request, reply) => {
			const answer = reply();
			if (request.method !== 'GET') return answer;
			const page = answer.body as { data: Array<{ id: string }> };
			return { ...answer, body: { ...page, data: page.data.filter((line) => line.id !== 'il_0_12') } };
		});
		const run = await runStripe(recorder, updateLines(), { items: [item(0, 0, 2), item(0, 12, 3), item(0, 13, 4)], continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(run.output.map(({ json, pairedItem }) => [json.id ?? json.error, pairedItem])).toEqual([
			['il_0_0', { item: 0 }],
			['"il_0_12" was written, but Stripe did not return it', { item: 1 }],
			['il_0_13', { item: 2 }],
		]);
		appliedOnce(['il_0_0', 'il_0_12', 'il_0_13']);
	});
});

describe('add_lines and remove_lines', () => {
	test('Add: one add_lines call per invoice; each item’s output is the invoice, paired', async () => {
		const parameters = {
			resource: 'invoiceLineItem',
			operation: 'add',
			invoice: '={{ $json.invoice }}',
			updateFields: { amount: '={{ $json.amount }}', description: 'Extra' },
		} as INodeParameters;
		const items = [
			{ invoice: 'in_0', amount: 100 },
			{ invoice: 'in_1', amount: 200 },
			{ invoice: 'in_0', amount: 300 },
		];
		const run = await runStripe(recorder, parameters, { items });
		expect(run.error).toBeUndefined();
		expect(stripe.badBodies).toEqual([]);
		expect(sent()).toEqual(Array(2).fill('POST /v1/invoices/{in}/add_lines'));
		expect(run.output.map(({ json, pairedItem }) => [json.id, (json.lines as IDataObject).total_count, pairedItem])).toEqual([
			['in_0', 17, { item: 0 }],
			['in_1', 16, { item: 1 }],
			['in_0', 17, { item: 2 }],
		]);
		expect(
			stripe
				.linesOf('in_0')
				.slice(15)
				.map((line) => line.amount),
		).toEqual([100, 300]);
	});

	test('Remove: one remove_lines call for the invoice’s items, exactly as each would send it', async () => {
		const parameters = {
			resource: 'invoiceLineItem',
			operation: 'remove',
			invoice: 'in_1',
			id: '={{ $json.line }}',
			behavior: 'unassign',
		} as INodeParameters;
		const run = await runStripe(recorder, parameters, { items: [{ line: 'il_1_3' }, { line: 'il_1_4' }] });
		expect(run.error).toBeUndefined();
		expect(stripe.badBodies).toEqual([]);
		expect(recorder.requests.map((request) => [request.path, decodeURIComponent(request.body)])).toEqual([
			['/v1/invoices/in_1/remove_lines', 'lines[0][id]=il_1_3&lines[0][behavior]=unassign&lines[1][id]=il_1_4&lines[1][behavior]=unassign'],
		]);
		expect(run.output.map(({ pairedItem }) => pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		appliedOnce(['il_1_3', 'il_1_4']);
	});
});
