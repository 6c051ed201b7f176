/**
 * Contract tests of the Spacebring node's Create and Delete (issue 17) against Prism serving
 * Spacebring's official documents (test/fixtures/spacebring.openapi.json, lifecycle paths merged
 * in): POST /billing/invoices/v1/items (OAuth2 only, `{ invoiceItem }`, 201) and
 * DELETE /billing/invoices/v1/items/{id} (OAuth2 only, 204). Every request passes with no
 * sl-violations and each body is exactly the object it must carry.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { writesAfterListing, type ContractRequest } from '../harness/prism';
import { onTheNode } from '../harness/properties';
import { contractFor } from '../harness/recording';
import { ACCESS_TOKEN, CLIENT_SECRET, INVOICE_ID, ITEM_ID, NETWORK_ID, everything, runSpacebring } from '../harness/spacebring';

const ITEMS = '/billing/invoices/v1/items';
const COMPANY = '0f8fad5b-d9cb-469f-a165-70867728950e';
const OPTION = '67082fca-0af2-45de-b706-989d775452e2';
const COUPON = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const GONE = '00000000-0000-4000-8000-000000000000';

const prism = contractFor('spacebring');

const create = (required: IDataObject, updateFields: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'create', ...required, updateFields }) as INodeParameters;
const remove = (id: string = ITEM_ID) => ({ resource: 'invoiceItem', operation: 'delete', id }) as INodeParameters;

const expectConforming = (request: ContractRequest) => {
	expect({ url: request.url, violations: request.violations }).toEqual({ url: request.url, violations: [] });
	expect(request.status).toBeGreaterThanOrEqual(200);
	expect(request.status).toBeLessThan(300);
	expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
	expect(request.headers['spacebring-network-id']).toBe(NETWORK_ID);
};

describe('Create: POST /billing/invoices/v1/items', () => {
	test('quantity and unit amount alone, inside `invoiceItem`; outputs the created item (not its envelope)', async () => {
		const run = await runSpacebring(prism.url, create({ quantity: '2', unitAmount: '12.5' }));
		expect(run.error).toBeUndefined();
		expect(prism.requests.map((request) => [request.method, request.url])).toEqual([['POST', ITEMS]]);
		expectConforming(prism.requests[0]);
		expect(prism.requests[0].body).toBe(JSON.stringify({ invoiceItem: { quantity: 2, unitAmount: 12.5 } }));
		expect(run.output).toHaveLength(1);
		expect(run.output[0].pairedItem).toEqual({ item: 0 });
		expect(run.output[0].json).toHaveProperty('baseAmounts');
		expect(run.output[0].json).not.toHaveProperty('invoiceItem');
	});

	test('every writable field: product and tax nested, discounts as a list, onto the chosen invoice', async () => {
		const run = await runSpacebring(
			prism.url,
			create(
				{ quantity: '3', unitAmount: '0' },
				{
					title: 'Meeting room',
					optionRef: OPTION,
					invoiceRef: INVOICE_ID,
					companyRef: COMPANY,
					membershipRef: COMPANY,
					subscriptionRef: COMPANY,
					rate: '0.2',
					discounts: { values: [{ couponRef: COUPON }] },
					type: 'custom',
					description: 'Room A',
				},
			),
		);
		expect(run.error).toBeUndefined();
		// On an invoice, the invoice's items are read first; without one (above) nothing can be.
		const [written] = writesAfterListing(prism.requests, `/billing/invoices/v1/${INVOICE_ID}/items`);
		expectConforming(written);
		expect(JSON.parse(written.body)).toEqual({
			invoiceItem: {
				quantity: 3,
				unitAmount: 0,
				product: { title: 'Meeting room', optionRef: OPTION },
				invoiceRef: INVOICE_ID,
				companyRef: COMPANY,
				membershipRef: COMPANY,
				subscriptionRef: COMPANY,
				tax: { rate: 0.2 },
				discounts: [{ couponRef: COUPON }],
				type: 'custom',
				description: 'Room A',
			},
		});
	});

	test.each([
		['a quantity of 0', { quantity: '0', unitAmount: '1' }, {}, /"Quantity" must be at least 1/],
		['a fractional quantity', { quantity: '1.5', unitAmount: '1' }, {}, /"Quantity"/],
		['a negative unit amount', { quantity: '1', unitAmount: '-1' }, {}, /"Unit Amount" must be at least 0/],
		['an invoice id that is not a UUID', { quantity: '1', unitAmount: '1' }, { invoiceRef: 'inv-1' }, /"Invoice ID" must be a UUID/],
	])('bad input (%s): refused naming the item and the field, nothing sent', async (_name, required, fields, message) => {
		const run = await runSpacebring(prism.url, create(required, fields));
		expect(run.error?.message).toMatch(message);
		expect(run.error?.message).toMatch(/\[item 0\]$/);
		expect(prism.requests).toHaveLength(0);
	});

	test('Basic Auth: refused before sending, naming Authentication (the spec allows OAuth2 only)', async () => {
		const run = await runSpacebring(prism.url, create({ quantity: '1', unitAmount: '1' }), { auth: 'basicAuth' });
		expect(run.error?.message).toBe('"Authentication" must be OAuth2 to create an invoice item [item 0]');
		expect(prism.requests).toHaveLength(0);
	});
});

describe('Delete: DELETE /billing/invoices/v1/items/{id}', () => {
	test('asks for nothing but the item; Spacebring answers 204, the output says what was deleted', async () => {
		const run = await runSpacebring(prism.url, remove());
		expect(run.error).toBeUndefined();
		expect(prism.requests.map((request) => [request.method, request.url, request.body])).toEqual([['DELETE', `${ITEMS}/${ITEM_ID}`, '']]);
		expectConforming(prism.requests[0]);
		expect(run.output).toEqual([{ json: { id: ITEM_ID, deleted: true }, pairedItem: { item: 0 } }]);
	});

	test('the node shows nothing for Delete but the item (and the invoice that only narrows its list) and Options', () => {
		const shown = new Spacebring().description.properties
			.filter((property) => property.displayOptions?.show?.operation?.includes('delete') && property.type !== 'notice' && onTheNode(property))
			.map((property) => property.name);
		expect(shown).toEqual(['itemsOfInvoice', 'id', 'options']);
	});

	test('an item already gone: said clearly; with Continue On Fail the next item is still deleted', async () => {
		prism.override((request) => (request.path === `${ITEMS}/${GONE}` ? { status: 404, body: { message: 'Invoice item not found' } } : undefined));
		const run = await runSpacebring(prism.url, remove('={{ $json.id }}'), { items: [{ id: GONE }, { id: ITEM_ID }], continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.output[0].json.error).toBe(
			'The invoice item is already gone (or never existed): Spacebring found no such item, so nothing was deleted.',
		);
		expect(run.output[0].json.description).toMatch(/^Invoice item not found/);
		expect(run.output[1].json).toEqual({ id: ITEM_ID, deleted: true });
		expect(everything(run)).not.toContain(CLIENT_SECRET);
		expect(everything(run)).not.toContain(ACCESS_TOKEN);
	});

	test('Basic Auth: refused before sending', async () => {
		const run = await runSpacebring(prism.url, remove(), { auth: 'basicAuth' });
		expect(run.error?.message).toBe('"Authentication" must be OAuth2 to delete an invoice item [item 0]');
		expect(prism.requests).toHaveLength(0);
	});
});
