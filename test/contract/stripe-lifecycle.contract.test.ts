/**
 * Contract tests of the Stripe node's Invoice Item Create and Delete and Invoice Line Item Add and
 * Remove (issue 17): each run goes through n8n-core against a recording server; every recorded
 * form body is decoded as Stripe decodes it (qs) and checked with ajv against the official request
 * schema (test/fixtures/stripe.lifecycle.requests.json, cut from stripe.lifecycle.openapi.json),
 * and must be exactly the object it has to carry.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startRecorder, type Recorder } from '../harness/recorder';
import { TEST_KEY, runStripe } from '../harness/stripe';
import { everything } from '../harness/n8n';
import {
	ADD_LINES,
	INVOICE_ITEM_CREATE,
	INVOICE_ITEM_DELETE,
	REMOVE_LINES,
	checkFormBody,
	checkPath,
	type LifecycleOperation,
} from './stripe-form';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());

const INVOICE = { id: 'in_123', object: 'invoice', status: 'draft', lines: { object: 'list', data: [], has_more: false } };

beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond((request) => {
		if (request.method === 'DELETE') return { body: { id: request.path.split('/').pop(), object: 'invoiceitem', deleted: true } };
		if (request.path === '/v1/invoiceitems') return { body: { id: 'ii_new', object: 'invoiceitem' } };
		return { body: INVOICE };
	});
});

// Shapes of the n8n UI (see nodes/shared/properties.ts).
const object = (values: IDataObject) => ({ values });
const list = (...entries: IDataObject[]) => ({ values: entries });
const pairs = (map: Record<string, string>) => ({ pairs: Object.entries(map).map(([key, value]) => ({ key, value })) });

const createItem = (additionalFields: IDataObject) =>
	({ resource: 'invoiceItem', operation: 'create', updateFields: additionalFields }) as INodeParameters;
const deleteItem = (invoiceitem = 'ii_123') => ({ resource: 'invoiceItem', operation: 'delete', invoiceitem }) as INodeParameters;
const addLine = (additionalFields: IDataObject, extra: IDataObject = {}) =>
	({ resource: 'invoiceLineItem', operation: 'add', invoice: 'in_123', updateFields: additionalFields, ...extra }) as INodeParameters;
const removeLine = (behavior: string, extra: IDataObject = {}) =>
	({ resource: 'invoiceLineItem', operation: 'remove', invoice: 'in_123', id: 'il_456', behavior, ...extra }) as INodeParameters;

/** The one request of a run: its path matches the operation, its body passes the official schema. */
function sentBody(operation: LifecycleOperation, path: string): Record<string, unknown> {
	expect(recorder.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`${operation.split(' ')[0]} ${path}`]);
	const [request] = recorder.requests;
	checkPath(operation, request.path);
	expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
	const { decoded, errors } = checkFormBody(operation, request.body);
	expect(errors).toEqual([]);
	return decoded;
}

describe('Invoice Item → Create: POST /v1/invoiceitems', () => {
	test('a charge onto a chosen draft invoice', async () => {
		const run = await runStripe(recorder, createItem({ customer: 'cus_1', invoice: 'in_123', amount: '1250', currency: 'eur', description: 'Setup fee' }));
		expect(run.error).toBeUndefined();
		expect(sentBody(INVOICE_ITEM_CREATE, '/v1/invoiceitems')).toEqual({
			amount: '1250',
			currency: 'eur',
			customer: 'cus_1',
			description: 'Setup fee',
			invoice: 'in_123',
		});
		expect(run.output).toEqual([{ json: { id: 'ii_new', object: 'invoiceitem' }, pairedItem: { item: 0 } }]);
	});

	test('pending (no invoice), for a customer account, with every kind of field', async () => {
		const run = await runStripe(
			recorder,
			createItem({
				customer_account: 'acct_1',
				discountable: true,
				discounts: list({ optionalFields: { coupon: 'co_1' } }, { optionalFields: { promotion_code: 'promo_1' } }),
				metadata: pairs({ order: 'A-1' }),
				period: object({ start: '2026-01-01T00:00:00Z', end: 1769817600 }),
				price_data: object({ product: 'prod_1', currency: 'usd', optionalFields: { unit_amount_decimal: '12.5', tax_behavior: 'exclusive' } }),
				quantity_decimal: '1.5',
				subscription: 'sub_1',
				tax_behavior: 'exclusive',
				tax_code: 'txcd_10000000',
				tax_rates: ['txr_1', 'txr_2'],
			}),
		);
		expect(run.error).toBeUndefined();
		expect(sentBody(INVOICE_ITEM_CREATE, '/v1/invoiceitems')).toEqual({
			customer_account: 'acct_1',
			discountable: 'true',
			discounts: [{ coupon: 'co_1' }, { promotion_code: 'promo_1' }],
			metadata: { order: 'A-1' },
			period: { start: '1767225600', end: '1769817600' },
			price_data: { product: 'prod_1', currency: 'usd', tax_behavior: 'exclusive', unit_amount_decimal: '12.5' },
			quantity_decimal: '1.5',
			subscription: 'sub_1',
			tax_behavior: 'exclusive',
			tax_code: 'txcd_10000000',
			tax_rates: ['txr_1', 'txr_2'],
		});
	});

	test.each([
		['no customer nor customer account', { amount: '100', currency: 'usd' }, /Customer ID.*Customer Account ID|customer.*customer_account/i],
		['both a customer and a customer account', { customer: 'cus_1', customer_account: 'acct_1', amount: '100' }, /Customer/],
		['an amount and a price', { customer: 'cus_1', amount: '100', pricing: object({ price: 'price_1' }) }, /Amount|Pricing/],
		['an amount in major units', { customer: 'cus_1', amount: '12.50' }, /smallest currency unit/],
	])('bad input (%s): refused naming the item, nothing sent', async (_name, fields, message) => {
		const run = await runStripe(recorder, createItem(fields));
		expect(run.error?.message).toMatch(message);
		expect(run.error?.message).toMatch(/\[item 0\]$/);
		expect(recorder.requests).toHaveLength(0);
	});
});

describe('Invoice Item → Delete: DELETE /v1/invoiceitems/{invoiceitem}', () => {
	test('no body; outputs Stripe’s deleted_invoiceitem', async () => {
		const run = await runStripe(recorder, deleteItem());
		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => [request.method, request.path, request.body])).toEqual([['DELETE', '/v1/invoiceitems/ii_123', '']]);
		expect(checkPath(INVOICE_ITEM_DELETE, recorder.requests[0].path)).toEqual({ invoiceitem: 'ii_123' });
		expect(run.output).toEqual([{ json: { id: 'ii_123', object: 'invoiceitem', deleted: true }, pairedItem: { item: 0 } }]);
	});

	test('an item already gone: said clearly; with Continue On Fail the next item is still deleted', async () => {
		recorder.respond((request) =>
			request.path.endsWith('/ii_gone')
				? { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such invoiceitem: 'ii_gone'", param: 'id' } } }
				: { body: { id: 'ii_123', object: 'invoiceitem', deleted: true } },
		);
		const run = await runStripe(recorder, deleteItem('={{ $json.id }}'), { items: [{ id: 'ii_gone' }, { id: 'ii_123' }], continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.output[0].json.error).toBe(
			'The invoice item is already gone (or never existed): Stripe found no such invoice item, so nothing was deleted.',
		);
		expect(run.output[0].json.description).toMatch(/No such invoiceitem: 'ii_gone'|Stripe found no such object/);
		expect(run.output[1].json).toEqual({ id: 'ii_123', object: 'invoiceitem', deleted: true });
		expect(everything(run)).not.toContain(TEST_KEY);
	});
});

describe('Invoice Line Item → Add: POST /v1/invoices/{invoice}/add_lines', () => {
	test('the line goes in lines[0]; invoice metadata and expand stay beside it; outputs the invoice', async () => {
		const run = await runStripe(
			recorder,
			addLine({
				description: 'Extra seat',
				price_data: object({ currency: 'usd', optionalFields: { product_data: object({ name: 'Seat' }), unit_amount: '500' } }),
				quantity: '2',
				tax_amounts: list({ amount: '100', taxable_amount: '1000', tax_rate_data: object({ display_name: 'VAT', inclusive: false, percentage: '10' }) }),
				invoice_metadata: pairs({ batch: '7' }),
				metadata: pairs({ line: 'x' }),
			}, { options: { expand: ['lines'] } }),
		);
		expect(run.error).toBeUndefined();
		expect(sentBody(ADD_LINES, '/v1/invoices/in_123/add_lines')).toEqual({
			lines: [
				{
					description: 'Extra seat',
					metadata: { line: 'x' },
					price_data: { currency: 'usd', unit_amount: '500', product_data: { name: 'Seat' } },
					quantity: '2',
					tax_amounts: [{ amount: '100', taxable_amount: '1000', tax_rate_data: { display_name: 'VAT', inclusive: 'false', percentage: '10' } }],
				},
			],
			expand: ['lines'],
			invoice_metadata: { batch: '7' },
		});
		expect(run.output).toEqual([{ json: INVOICE, pairedItem: { item: 0 } }]);
	});

	test('a pending invoice item put on the invoice', async () => {
		const run = await runStripe(recorder, addLine({ invoice_item: 'ii_9' }));
		expect(run.error).toBeUndefined();
		expect(sentBody(ADD_LINES, '/v1/invoices/in_123/add_lines')).toEqual({ lines: [{ invoice_item: 'ii_9' }] });
	});

	test('two input items for one invoice: one add_lines call, their lines in input order, each item’s output the invoice', async () => {
		const run = await runStripe(recorder, addLine({ invoice_item: '={{ $json.item }}' }), { items: [{ item: 'ii_1' }, { item: 'ii_2' }] });
		expect(run.error).toBeUndefined();
		expect(sentBody(ADD_LINES, '/v1/invoices/in_123/add_lines')).toEqual({ lines: [{ invoice_item: 'ii_1' }, { invoice_item: 'ii_2' }] });
		expect(run.output).toEqual([
			{ json: INVOICE, pairedItem: { item: 0 } },
			{ json: INVOICE, pairedItem: { item: 1 } },
		]);
	});

	test('items whose invoice metadata differ do not share a call (it is one value per call); Send in Bulk off: a call each', async () => {
		const metadata = addLine({ invoice_item: '={{ $json.item }}', invoice_metadata: pairs({ batch: '={{ $json.batch }}' }) });
		const items = [
			{ item: 'ii_1', batch: '1' },
			{ item: 'ii_2', batch: '2' },
			{ item: 'ii_3', batch: '1' },
		];
		await runStripe(recorder, metadata, { items });
		const decoded = () =>
			recorder.requests.map((request) => checkFormBody(ADD_LINES, request.body)).map(({ decoded: body, errors }) => ({ body, errors }));
		expect(decoded().sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
			{ body: { lines: [{ invoice_item: 'ii_1' }, { invoice_item: 'ii_3' }], invoice_metadata: { batch: '1' } }, errors: [] },
			{ body: { lines: [{ invoice_item: 'ii_2' }], invoice_metadata: { batch: '2' } }, errors: [] },
		]);
		recorder.requests.length = 0;
		await runStripe(recorder, addLine({ invoice_item: '={{ $json.item }}' }, { options: { bulk: false } }), { items });
		expect(decoded().map(({ body }) => (body.lines as unknown[]).length)).toEqual([1, 1, 1]);
	});
});

describe('Invoice Line Item → Remove: POST /v1/invoices/{invoice}/remove_lines', () => {
	test.each(['delete', 'unassign'])('behavior %s: the line id and behavior in lines[0]; outputs the invoice', async (behavior) => {
		const run = await runStripe(recorder, removeLine(behavior));
		expect(run.error).toBeUndefined();
		expect(sentBody(REMOVE_LINES, '/v1/invoices/in_123/remove_lines')).toEqual({ lines: [{ id: 'il_456', behavior }] });
		expect(run.output).toEqual([{ json: INVOICE, pairedItem: { item: 0 } }]);
	});

	test('a line id with form syntax in it stays one value of the one line (it cannot add lines)', async () => {
		const run = await runStripe(recorder, removeLine('delete', { id: 'il_1&lines[1][id]=il_2' }));
		expect(run.error).toBeUndefined();
		expect(sentBody(REMOVE_LINES, '/v1/invoices/in_123/remove_lines')).toEqual({
			lines: [{ id: 'il_1&lines[1][id]=il_2', behavior: 'delete' }],
		});
	});

	test('two lines of one invoice: one remove_lines call with both, each as it would be sent alone', async () => {
		const run = await runStripe(recorder, removeLine('={{ $json.behavior }}', { id: '={{ $json.line }}' }), {
			items: [
				{ line: 'il_1', behavior: 'delete' },
				{ line: 'il_2', behavior: 'unassign' },
			],
		});
		expect(run.error).toBeUndefined();
		expect(sentBody(REMOVE_LINES, '/v1/invoices/in_123/remove_lines')).toEqual({
			lines: [
				{ id: 'il_1', behavior: 'delete' },
				{ id: 'il_2', behavior: 'unassign' },
			],
		});
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a line id with a slash is refused before sending, naming the field', async () => {
		const run = await runStripe(recorder, removeLine('delete', { id: 'il_1/../x' }));
		expect(run.error?.message).toMatch(/^"Line Item ID" must not contain/);
		expect(run.error?.message).toMatch(/\[item 0\]$/);
		expect(recorder.requests).toHaveLength(0);
	});
});
