/**
 * Contract tests of the Sequence node's Create and Delete (issue 17): every request goes through
 * Prism serving Sequence's official documents (the update document with the lifecycle one merged
 * in, test/fixtures/sequence.openapi.json) and must pass with no sl-violations; each body must be
 * exactly the object it has to carry. Also the line-item group picker, and a Delete of a line
 * that is already gone.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SequenceApi } from '../../credentials/SequenceApi.credentials';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { loadOptions } from '../harness/n8n';
import { writesAfterListing, type ContractRequest } from '../harness/prism';
import { onTheNode } from '../harness/properties';
import { contractFor } from '../harness/recording';
import {
	BASIC,
	CLIENT_ID,
	CLIENT_SECRET,
	INVOICE,
	LINE,
	REQUIRED,
	everything,
	externalIds,
	runSequence,
	servicePeriod,
} from '../harness/sequence';

const LINES = `/invoices/${INVOICE}/line-items`;
const GROUP = '941272d1-f840-4e16-b698-0cd455c81e0e';
const PRICE = 'fe2fcd0b-4c53-45c7-b2ae-b6c1a7d21e95';

const prism = contractFor('sequence');

const create = (required: IDataObject, additionalFields: IDataObject = {}) =>
	({ resource: 'invoiceLineItem', operation: 'create', invoice: INVOICE, ...required, updateFields: additionalFields }) as INodeParameters;

const remove = (id = LINE) => ({ resource: 'invoiceLineItem', operation: 'delete', invoice: INVOICE, id }) as INodeParameters;

/** Prism saw the request, found nothing wrong and answered 2xx; it carried Sequence's headers. */
const expectConforming = (request: ContractRequest) => {
	expect({ url: request.url, violations: request.violations }).toEqual({ url: request.url, violations: [] });
	expect(request.status).toBeGreaterThanOrEqual(200);
	expect(request.status).toBeLessThan(300);
	expect(request.headers.authorization).toBe(BASIC);
	expect(request.headers['sequence-version']).toBe('2024-07-30');
};

const bodyOf = (request: ContractRequest) => JSON.parse(request.body) as IDataObject;

describe('Create: POST /invoices/{invoice}/line-items', () => {
	test('the required fields alone: decimal strings exactly as typed, External IDs as a list', async () => {
		const run = await runSequence(prism.url, create({ ...REQUIRED, quantity: '1.50', rate: '0.10' }));
		expect(run.error).toBeUndefined();
		const writes = writesAfterListing(prism.requests, LINES);
		expect(writes.map((request) => [request.method, request.url])).toEqual([['POST', LINES]]);
		expectConforming(writes[0]);
		expect(writes[0].body).toBe(
			JSON.stringify({ title: 'Platform fee', quantity: '1.50', rate: '0.10', taxRate: '0.2', externalIds: [{ key: 'Xero', value: 'XERO-1' }] }),
		);
		// The output is the created line as Sequence answers it (201).
		expect(run.output).toHaveLength(1);
		expect(run.output[0].json).toMatchObject({ id: expect.any(String), title: expect.any(String) });
		expect(run.output[0].pairedItem).toEqual({ item: 0 });
	});

	test('no External IDs: sent as an empty list (the schema requires the key)', async () => {
		const run = await runSequence(prism.url, create({ ...REQUIRED, externalIds: {} }));
		expect(run.error).toBeUndefined();
		const [written] = writesAfterListing(prism.requests, LINES);
		expectConforming(written);
		expect(bodyOf(written).externalIds).toEqual([]);
	});

	test('every writable field, in the schema’s order; the service period in both shapes', async () => {
		const run = await runSequence(
			prism.url,
			create(REQUIRED, {
				description: 'Seats, January',
				servicePeriod: servicePeriod('2026-01-01', '2026-01-31'),
				groupId: GROUP,
				priceId: PRICE,
				rateDisplay: 'PERCENTAGE',
				revenueClassification: 'PREPAYMENT',
				creditGrantId: PRICE,
				revenueRecognitionMethod: 'STRAIGHT_LINE',
			}),
		);
		expect(run.error).toBeUndefined();
		const [written] = writesAfterListing(prism.requests, LINES);
		expectConforming(written);
		expect(bodyOf(written)).toEqual({
			title: 'Platform fee',
			description: 'Seats, January',
			quantity: '1',
			rate: '100.00',
			taxRate: '0.2',
			servicePeriodStart: '2026-01-01T00:00:00Z',
			servicePeriodEnd: '2026-01-31T00:00:00Z',
			servicePeriod: { startDate: '2026-01-01', endDate: '2026-01-31' },
			groupId: GROUP,
			priceId: PRICE,
			rateDisplay: 'PERCENTAGE',
			externalIds: [{ key: 'Xero', value: 'XERO-1' }],
			revenueClassification: 'PREPAYMENT',
			creditGrantId: PRICE,
			revenueRecognitionMethod: 'STRAIGHT_LINE',
		});
	});

	test.each([
		['a title that is empty text', { ...REQUIRED, title: '={{ "" }}' }, /"Title" is required/],
		['a tax rate typed as a percentage', { ...REQUIRED, taxRate: '20' }, /"Tax Rate" must be a fraction/],
		['a rate that is not a number', { ...REQUIRED, rate: '12,50' }, /"Rate"/],
	])('bad input (%s): refused naming the item and the field, nothing sent', async (_name, required, message) => {
		const run = await runSequence(prism.url, create(required));
		expect(run.error?.message).toMatch(message);
		expect(run.error?.message).toMatch(/\[item 0\]$/);
		expect(prism.requests).toHaveLength(0);
	});

	test('an expression that resolves to nothing is refused for a required field, never sent empty', async () => {
		const run = await runSequence(prism.url, create({ ...REQUIRED, rate: '={{ $json.missing }}' }), { items: [{}] });
		expect(run.error?.message).toMatch(/"Rate" is required \[item 0\]/);
		expect(prism.requests).toHaveLength(0);
	});
});

describe('Delete: DELETE /invoices/{invoice}/line-items/{id}', () => {
	test('asks for nothing but the ids; outputs the deleted line Sequence answers with', async () => {
		const run = await runSequence(prism.url, remove());
		expect(run.error).toBeUndefined();
		expect(prism.requests.map((request) => [request.method, request.url, request.body])).toEqual([['DELETE', `${LINES}/${LINE}`, '']]);
		expectConforming(prism.requests[0]);
		expect(run.output.map((item) => [item.json.id, item.pairedItem])).toEqual([[LINE, { item: 0 }]]);
	});

	test('the node shows nothing for Delete but the invoice, the line and Options', () => {
		const shown = new SequenceBilling().description.properties
			.filter((property) => property.displayOptions?.show?.operation?.includes('delete') && onTheNode(property))
			.map((property) => property.name);
		expect(shown).toEqual(['invoice', 'id', 'options']);
	});

	test('a line that is already gone: said clearly; with Continue On Fail the other items still go', async () => {
		const gone = `${LINES}/00000000-0000-4000-8000-000000000000`;
		prism.override((request) =>
			request.path === gone ? { status: 404, body: { message: 'Line item not found' } } : undefined,
		);
		const items = [{ id: '00000000-0000-4000-8000-000000000000' }, { id: LINE }];
		const run = await runSequence(prism.url, remove('={{ $json.id }}'), { items, continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.output[0].json.error).toBe(
			'The line item is already gone (or never was on this invoice): Sequence found no such line item, so nothing was deleted.',
		);
		expect(run.output[0].json.httpCode).toBe('404');
		expect(run.output[1].json.id).toBe(LINE);
		expectConforming(prism.requests.find((request) => request.path === `${LINES}/${LINE}`)!);
		expect(everything(run)).not.toContain(CLIENT_SECRET);
	});

	test('without Continue On Fail, the already-gone line stops the run with the same words', async () => {
		prism.override(() => ({ status: 404, body: { message: 'Line item not found' } }));
		const run = await runSequence(prism.url, remove());
		expect(run.error?.message).toMatch(/^The line item is already gone/);
		expect(run.error?.description).toMatch(/Line item not found/);
	});
});

describe('the line-item group picker (Group ID of Create and Update)', () => {
	const groups = (operation: string, invoice = INVOICE) =>
		loadOptions({
			node: new SequenceBilling(),
			credentialTypes: [new SequenceApi()],
			credentials: { sequenceApi: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, region: 'custom', baseUrl: prism.url } },
			parameters: { resource: 'invoiceLineItem', operation, invoice },
			method: 'listLineItemGroups',
		});

	test.each(['create', 'update'])('%s: lists the groups of the chosen invoice, conforming', async (operation) => {
		// Prism's example always carries a next cursor: answer the first page as the last one.
		prism.amend((_request, body) => ({ ...(body as IDataObject), pagination: {} }));
		const options = await groups(operation);
		expect(prism.requests.map((request) => request.url)).toEqual([`/invoices/${INVOICE}/line-item-groups?limit=100`]);
		expectConforming(prism.requests[0]);
		expect(options).toEqual([{ name: expect.stringContaining('Cars'), value: GROUP }]);
	});

	test('the list waits for the invoice: chosen first, then listed', async () => {
		await expect(groups('create', '')).rejects.toThrow(/"Invoice ID" must be chosen first/);
		expect(prism.requests).toHaveLength(0);
		const property = new SequenceBilling().description.properties.find(
			(candidate) => candidate.name === 'updateFields' && candidate.displayOptions?.show?.operation?.includes('create'),
		)!;
		const group = (property.options as Array<{ name: string; typeOptions?: IDataObject }>).find((option) => option.name === 'groupId')!;
		expect(group.typeOptions).toEqual({ loadOptionsMethod: 'listLineItemGroups', loadOptionsDependsOn: ['invoice'] });
	});
});

test('External IDs helper shape matches the node’s fixedCollection (guards the fixtures above)', () => {
	expect(externalIds(['Xero', 'X'])).toEqual({ values: [{ key: 'Xero', value: 'X' }] });
});
