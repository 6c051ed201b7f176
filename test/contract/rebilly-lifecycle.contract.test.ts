/**
 * Contract tests of the Rebilly node's Create and Delete (issue 17) against Prism serving Rebilly's
 * official document (test/fixtures/rebilly.openapi.json): POST /invoices/{id}/items (201) and
 * DELETE /invoices/{id}/items/{itemId} (204), with the API key and with a JWT. Every request
 * passes with no sl-violations and each body is exactly the object it must carry.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { writesAfterListing, type ContractRequest } from '../harness/prism';
import { onTheNode } from '../harness/properties';
import { contractFor } from '../harness/recording';
import { ORGANIZATION, READ_ONLY, TEST_API_KEY, TEST_JWT, everything, runRebilly, type Auth } from '../harness/rebilly';

const BASE_PATH = `/organizations/${ORGANIZATION}`;
const ITEMS = `${BASE_PATH}/invoices/in-1/items`;

const prism = contractFor('rebilly', BASE_PATH);

/** The server root: the node adds /organizations/<id> from the credential itself. */
const root = () => prism.url.slice(0, -BASE_PATH.length);

const create = (required: IDataObject, updateFields: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'create', invoiceId: 'in-1', ...required, updateFields }) as INodeParameters;
const remove = (itemId: string = 'ii-1') => ({ resource: 'invoiceItem', operation: 'delete', invoiceId: 'in-1', itemId }) as INodeParameters;

const expectConforming = (request: ContractRequest, auth: Auth) => {
	expect({ url: request.url, violations: request.violations }).toEqual({ url: request.url, violations: [] });
	expect(request.status).toBeGreaterThanOrEqual(200);
	expect(request.status).toBeLessThan(300);
	if (auth === 'apiKey') expect(request.headers['reb-apikey']).toBe(TEST_API_KEY);
	else expect(request.headers.authorization).toBe(`Bearer ${TEST_JWT}`);
};

describe.each<Auth>(['apiKey', 'jwt'])('with %s', (auth) => {
	test('Create: type and unit price alone; outputs the created item', async () => {
		const run = await runRebilly(root(), create({ type: 'debit', unitPrice: '19.99' }), { auth });
		expect(run.error).toBeUndefined();
		const writes = writesAfterListing(prism.requests, ITEMS);
		expect(writes.map((request) => [request.method, request.url])).toEqual([['POST', ITEMS]]);
		expectConforming(writes[0], auth);
		expect(writes[0].body).toBe(JSON.stringify({ type: 'debit', unitPrice: 19.99 }));
		expect(run.output).toHaveLength(1);
		expect(run.output[0].pairedItem).toEqual({ item: 0 });
		expect(run.output[0].json).toHaveProperty('id');
	});

	test('Create: every writable field, in the schema’s order, none of the read-only ones', async () => {
		const run = await runRebilly(
			root(),
			create(
				{ type: 'credit', unitPrice: '12.5' },
				{
					periodNumber: '1',
					periodEndTime: '2026-01-31T23:59:59+00:00',
					periodStartTime: '2026-01-01T00:00:00Z',
					productId: 'prod-7',
					quantity: '10',
					description: 'Seats, January',
				},
			),
			{ auth },
		);
		expect(run.error).toBeUndefined();
		const [written] = writesAfterListing(prism.requests, ITEMS);
		expectConforming(written, auth);
		expect(written.body).toBe(
			JSON.stringify({
				type: 'credit',
				description: 'Seats, January',
				unitPrice: 12.5,
				quantity: 10,
				productId: 'prod-7',
				periodStartTime: '2026-01-01T00:00:00.000Z',
				periodEndTime: '2026-01-31T23:59:59.000Z',
				periodNumber: 1,
			}),
		);
		for (const key of READ_ONLY) expect(JSON.parse(written.body)).not.toHaveProperty(key);
	});

	test('Delete: no body; Rebilly answers 204, the output names what was deleted', async () => {
		const run = await runRebilly(root(), remove(), { auth });
		expect(run.error).toBeUndefined();
		expect(prism.requests.map((request) => [request.method, request.url, request.body])).toEqual([['DELETE', `${ITEMS}/ii-1`, '']]);
		expectConforming(prism.requests[0], auth);
		expect(run.output).toEqual([{ json: { invoiceId: 'in-1', itemId: 'ii-1', deleted: true }, pairedItem: { item: 0 } }]);
	});
});

describe('refused before sending, naming the item and the field', () => {
	test.each([
		['a period that ends before it starts', { periodStartTime: '2026-02-01T00:00:00Z', periodEndTime: '2026-01-01T00:00:00Z' }, /Period End Time/],
		['a fractional quantity', { quantity: '1.5' }, /"Quantity"/],
	])('%s', async (_name, fields, message) => {
		const run = await runRebilly(root(), create({ type: 'debit', unitPrice: '1' }, fields));
		expect(run.error?.message).toMatch(message);
		expect(run.error?.message).toMatch(/\[item 0\]$/);
		expect(prism.requests).toHaveLength(0);
	});

	test('a unit price from an expression that resolves to nothing is refused, never sent', async () => {
		const run = await runRebilly(root(), create({ type: 'debit', unitPrice: '={{ $json.missing }}' }), { items: [{}] });
		expect(run.error?.message).toBe('"Unit Price" is required [item 0]');
		expect(prism.requests).toHaveLength(0);
	});
});

test('Delete shows nothing but the invoice, the item and Options', () => {
	const shown = new Rebilly().description.properties
		.filter((property) => property.displayOptions?.show?.operation?.includes('delete') && onTheNode(property))
		.map((property) => property.name);
	expect(shown).toEqual(['invoiceId', 'itemId', 'options']);
});

test('Delete of an item already gone: said clearly; with Continue On Fail the next item still goes', async () => {
	prism.override((request) =>
		request.path === `${ITEMS}/ii-gone`
			? { status: 404, body: { type: 'https://api.rebilly.com/problems/not-found', title: 'Not Found', detail: 'InvoiceItem not found' } }
			: undefined,
	);
	const run = await runRebilly(root(), remove('={{ $json.itemId }}'), { items: [{ itemId: 'ii-gone' }, { itemId: 'ii-1' }], continueOnFail: true });
	expect(run.error).toBeUndefined();
	expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(run.output[0].json.error).toBe(
		'The invoice item is already gone (or never was on this invoice): Rebilly found no such item, so nothing was deleted.',
	);
	expect(run.output[0].json.description).toMatch(/^Rebilly found no such invoice or invoice item\..* · Rebilly says: Not Found: InvoiceItem not found$/);
	expect(run.output[1].json).toEqual({ invoiceId: 'in-1', itemId: 'ii-1', deleted: true });
	expect(everything(run)).not.toContain(TEST_API_KEY);
});
