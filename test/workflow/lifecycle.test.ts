/**
 * Create and Delete (issue 17) in real n8n-core runs against a recording server: Continue On Fail
 * with both outputs keeps every item paired, the error output gets n8n's `{ error, message }`,
 * no id changes the endpoint, and every new operation is offered as an AI tool action.
 */
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import type { Recorder } from '../harness/recorder';
import { recordingFor } from '../harness/recording';
import { ORGANIZATION, runRebilly } from '../harness/rebilly';
import { INVOICE, runSequence } from '../harness/sequence';
import { runSpacebring } from '../harness/spacebring';

const recording = recordingFor();
let recorder: Recorder;
beforeEach(() => {
	recorder = recording();
});

const ITEMS = `/organizations/${ORGANIZATION}/invoices/in-1/items`;

const rebillyCreate = (unitPrice: string) =>
	({ resource: 'invoiceItem', operation: 'create', invoiceId: 'in-1', type: 'debit', unitPrice, updateFields: {} }) as INodeParameters;

describe('Continue On Fail', () => {
	test('Create: the bad item goes to the error output with n8n’s shape, the good ones are sent and stay paired', async () => {
		recorder.respond((request) =>
			request.method === 'GET' ? { body: [] } : { status: 201, body: { id: `ii-${JSON.parse(request.body).unitPrice}`, ...JSON.parse(request.body) } },
		);
		const run = await runRebilly(recorder.url, rebillyCreate('={{ $json.price }}'), {
			items: [{ price: '10' }, { price: 'ten' }, { price: '30' }],
			continueOnFail: 'errorOutput',
		});
		expect(run.error).toBeUndefined();
		// The invoice's items are read once, before its first create (to tell later what this run made).
		expect(recorder.requests.map((request) => [request.method, request.path, request.body]).sort()).toEqual([
			['GET', ITEMS, ''],
			['POST', ITEMS, JSON.stringify({ type: 'debit', unitPrice: 10 })],
			['POST', ITEMS, JSON.stringify({ type: 'debit', unitPrice: 30 })],
		]);
		expect(run.output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['ii-10', { item: 0 }],
			['ii-30', { item: 2 }],
		]);
		expect(run.errorOutput).toEqual([
			{
				json: {
					error: expect.stringMatching(/^"Unit Price" .*\[item 1\]$/),
					message: 'Field "unitPrice" of POST /invoices/{invoiceId}/items. Nothing was sent for this item.',
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	test('Delete: an item already gone goes to the error output with the clear words; the next one is deleted', async () => {
		recorder.respond((request) =>
			request.path.endsWith('/ii-gone') ? { status: 404, body: { title: 'Not Found', detail: 'InvoiceItem not found' } } : { status: 204 },
		);
		const parameters = { resource: 'invoiceItem', operation: 'delete', invoiceId: 'in-1', itemId: '={{ $json.itemId }}' } as INodeParameters;
		const run = await runRebilly(recorder.url, parameters, { items: [{ itemId: 'ii-gone' }, { itemId: 'ii-2' }], continueOnFail: 'errorOutput' });
		expect(run.error).toBeUndefined();
		expect(run.output).toEqual([{ json: { invoiceId: 'in-1', itemId: 'ii-2', deleted: true }, pairedItem: { item: 1 } }]);
		expect(run.errorOutput).toHaveLength(1);
		expect(run.errorOutput[0].pairedItem).toEqual({ item: 0 });
		expect(run.errorOutput[0].json.error).toMatch(/^The invoice item is already gone/);
		expect(run.errorOutput[0].json.message).toMatch(/InvoiceItem not found/);
	});

	test('Delete without Continue On Fail: the already-gone item stops the run; the message says nothing was deleted', async () => {
		recorder.respond(() => ({ status: 404, body: { message: 'Not found' } }));
		const run = await runSpacebring(recorder.url, { resource: 'invoiceItem', operation: 'delete', id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' });
		expect(run.error?.message).toBe(
			'The invoice item is already gone (or never existed): Spacebring found no such item, so nothing was deleted.',
		);
		expect(run.error?.httpCode).toBe('404');
	});
});

describe('no id changes which endpoint is called', () => {
	test.each([
		['a path separator', '../in-2/items/x'],
		['a query', 'x?y=1'],
		['a fragment', 'x#y'],
		['an encoded slash', 'x%2Fy'],
		['dot-dot', '..'],
	])('Sequence Delete with %s in the line id: refused, nothing sent', async (_name, id) => {
		const run = await runSequence(recorder.url, { resource: 'invoiceLineItem', operation: 'delete', invoice: INVOICE, id } as INodeParameters);
		expect(run.error?.message).toMatch(/^"Line Item ID" .*\[item 0\]$/);
		expect(recorder.requests).toHaveLength(0);
	});

	test('Spacebring Create: an invoice id that is not a UUID is refused, nothing sent', async () => {
		const run = await runSpacebring(recorder.url, {
			resource: 'invoiceItem',
			operation: 'create',
			quantity: '1',
			unitAmount: '1',
			updateFields: { invoiceRef: '../items' },
		} as INodeParameters);
		expect(run.error?.message).toMatch(/^"Invoice ID" must be a UUID/);
		expect(recorder.requests).toHaveLength(0);
	});
});

describe('every new operation is an AI tool action', () => {
	const NEW: Array<[string, string, string[], INodeType]> = [
		['Stripe Invoicing', 'invoiceItem', ['create', 'delete'], new StripeInvoicing()],
		['Stripe Invoicing', 'invoiceLineItem', ['add', 'remove'], new StripeInvoicing()],
		['Rebilly', 'invoiceItem', ['create', 'delete'], new Rebilly()],
		['Sequence Billing', 'invoiceLineItem', ['create', 'delete'], new SequenceBilling()],
		['Spacebring', 'invoiceItem', ['create', 'delete'], new Spacebring()],
	];

	test.each(NEW)('%s %s: %j', (_name, resource, operations, node) => {
		expect(node.description.usableAsTool).toBe(true);
		const picker = node.description.properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
		)!;
		const options = picker.options as Array<{ value: string; action?: string; description?: string }>;
		for (const operation of operations) {
			const option = options.find((candidate) => candidate.value === operation);
			expect(option).toEqual(
				expect.objectContaining({ value: operation, action: expect.stringMatching(/^[A-Z][\w ]+: [a-z]/), description: expect.stringMatching(/^[A-Z]/) }),
			);
		}
	});
});
