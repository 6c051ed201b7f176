/**
 * The Spacebring pickers, called the way n8n's editor backend calls them (n8n-core's LoadOptionsContext),
 * with both credential types:
 * - against Prism (Spacebring's official OpenAPI document): every request a picker sends conforms;
 * - against a recording server: the end of its paging tokens and the labels of invoice items;
 * - real runs with an item given By URL.
 * Paging, narrowing by typed text, the lookup of a whole UUID, the invoice given each way and
 * refusals, as every provider does them, are asserted once for all in test/conformance/pickers.test.ts.
 */
import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import { SpacebringApi } from '../../credentials/SpacebringApi.credentials';
import { SpacebringOAuth2Api } from '../../credentials/SpacebringOAuth2Api.credentials';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { listSearch } from '../harness/n8n';
import { contractFor } from '../harness/recording';
import { startRecorder, type Recorder } from '../harness/recorder';
import {
	ACCESS_TOKEN,
	BASIC_HEADER,
	CLIENT_ID,
	CLIENT_SECRET,
	INVOICE_ID,
	NETWORK_ID,
	getItem,
	oauth2Data,
	runSpacebring,
	sampleItem,
	updateItem,
	type SpacebringAuth,
} from '../harness/spacebring';

const AUTHS: SpacebringAuth[] = ['oAuth2', 'basicAuth'];
const INVOICES = '/billing/invoices/v1';
const OTHER_ITEM = 'b1e5c0de-7d2a-4c11-9f3e-5a6b7c8d9e0f';

const node = new Spacebring();

/** Calls a Spacebring list search with both credentials configured and the node's parameters as the editor holds them. */
function search(
	baseUrl: string,
	auth: SpacebringAuth,
	method: 'searchDraftInvoices' | 'searchInvoiceItems',
	parameters: INodeParameters = {},
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return listSearch({
		node,
		credentialTypes: [new SpacebringOAuth2Api(), new SpacebringApi()],
		credentials: {
			spacebringOAuth2Api: oauth2Data(baseUrl) as never,
			spacebringApi: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl },
		},
		parameters: { authentication: auth, resource: 'invoiceItem', operation: 'update', ...parameters },
		method,
		filter,
		paginationToken,
	});
}

/** The parameters of the update operation with the invoice to pick items of. */
const itemsOf = (itemsOfInvoice: unknown): INodeParameters => ({ itemsOfInvoice } as INodeParameters);

/** The ways the editor holds the invoice whose items are listed. */
const INVOICE_FORMS: Array<[string, unknown]> = [
	['a plain id (older workflows)', INVOICE_ID],
	['From List', { __rl: true, mode: 'list', value: INVOICE_ID, cachedResultName: 'March · Acme' }],
	['By ID', { __rl: true, mode: 'id', value: INVOICE_ID }],
	['By URL', { __rl: true, mode: 'url', value: `https://api.spacebring.com/billing/invoices/v1/${INVOICE_ID}?tab=items#top` }],
];

function expectAuthenticated(headers: IDataObject, auth: SpacebringAuth) {
	if (auth === 'oAuth2') {
		expect(headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expect(headers['spacebring-network-id']).toBe(NETWORK_ID);
	} else {
		expect(headers.authorization).toBe(BASIC_HEADER);
		expect(headers['spacebring-network-id']).toBeUndefined();
	}
}

describe('against Prism: every request the pickers send conforms to Spacebring’s OpenAPI document', () => {
	const prism = contractFor('spacebring');

	const conforming = (auth: SpacebringAuth) => {
		for (const request of prism.requests) {
			expect({ url: request.url, violations: request.violations, status: request.status }).toEqual({
				url: request.url,
				violations: [],
				status: 200,
			});
			expectAuthenticated(request.headers as IDataObject, auth);
		}
	};

	test.each(AUTHS)('draft invoices: the first page, then the page its token points to (%s)', async (auth) => {
		const first = await search(prism.url, auth, 'searchDraftInvoices');
		expect(first.results.length).toBeGreaterThan(0);
		for (const result of first.results) expect(typeof result.value).toBe('string');
		// Prism's example page always carries nextPageToken "string".
		expect(first.paginationToken).toBe(JSON.stringify({ nextPageToken: 'string' }));
		const second = await search(prism.url, auth, 'searchDraftInvoices', {}, undefined, first.paginationToken as string);
		expect(second.results.length).toBeGreaterThan(0);
		expect(prism.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${INVOICES}?status=draft&limit=50`,
			`GET ${INVOICES}?status=draft&limit=50&nextPageToken=string`,
		]);
		conforming(auth);
	});

	test.each(AUTHS)('draft invoices: a typed invoice UUID is read with one GET (%s)', async (auth) => {
		const found = await search(prism.url, auth, 'searchDraftInvoices', {}, ` ${INVOICE_ID} `);
		expect(found.results).toHaveLength(1);
		expect(found.paginationToken).toBeUndefined();
		expect(prism.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${INVOICES}/${INVOICE_ID}`]);
		conforming(auth);
	});

	test.each(AUTHS.flatMap((auth) => INVOICE_FORMS.map(([form, value]) => [form, auth, value] as const)))(
		'items of the invoice given as %s (%s)',
		async (_form, auth, value) => {
			const items = await search(prism.url, auth, 'searchInvoiceItems', itemsOf(value));
			expect(items.results.length).toBeGreaterThan(0);
			// The whole list comes in one answer: no next page.
			expect(items.paginationToken).toBeUndefined();
			expect(prism.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${INVOICES}/${INVOICE_ID}/items`]);
			conforming(auth);
		},
	);

	test('Prism would catch a non-conforming picker request (so the checks above can fail)', async () => {
		await fetch(`${prism.url}${INVOICES}?status=draft&limit=500`, { headers: { Authorization: BASIC_HEADER } });
		await fetch(`${prism.url}${INVOICES}/not-a-uuid/items`, { headers: { Authorization: BASIC_HEADER } });
		expect(prism.requests.map((request) => request.violations.map((violation) => violation.location.join('.')))).toEqual([
			['request.query.limit'],
			// Prism names the path parameter in lower case.
			['request.path.invoiceid'],
		]);
	});
});

describe('against a recording server', () => {
	let recorder: Recorder;
	beforeAll(async () => {
		recorder = await startRecorder();
	});
	afterAll(() => recorder.close());
	beforeEach(() => {
		recorder.requests.length = 0;
	});

	const invoice = (id: string, fields: IDataObject): IDataObject => ({ id, status: 'draft', ...fields });
	const INV = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
	const PAGE_TWO = [invoice(INV(4), { title: 'April rent', customerName: 'Acme GmbH', totalAmount: 99.999, currencyCode: 'CHF', createDate: '2026-04-01T00:00:00Z' })];

	describe.each(AUTHS)('with %s', (auth) => {
		test('an empty token is the end of the list', async () => {
			recorder.respond(() => ({ body: { invoices: PAGE_TWO, nextPageToken: '' } }));
			expect((await search(recorder.url, auth, 'searchDraftInvoices')).paginationToken).toBeUndefined();
		});

		test('items: description, × quantity and amount with currency, the whole list in one request', async () => {
			recorder.respond(() => ({
				body: {
					invoiceItems: [
						sampleItem(),
						sampleItem({ id: OTHER_ITEM, description: 'Hot desk', quantity: 1, totalAmount: undefined, amount: 300, currencyCode: 'gbp' }),
						{ id: INV(77) },
					],
				},
			}));
			const items = await search(recorder.url, auth, 'searchInvoiceItems', itemsOf(INVOICE_ID));
			expect(items).toEqual({
				results: [
					{ name: 'Meeting room · × 2 · 25.00 EUR', value: sampleItem().id },
					{ name: 'Hot desk · × 1 · 300.00 GBP', value: OTHER_ITEM },
					{ name: INV(77), value: INV(77) },
				],
				paginationToken: undefined,
			});
			const narrowed = await search(recorder.url, auth, 'searchInvoiceItems', itemsOf(INVOICE_ID), 'DESK');
			expect(narrowed.results.map((result) => result.value)).toEqual([OTHER_ITEM]);
			expect(recorder.requests.map((request) => request.url)).toEqual(Array(2).fill(`${INVOICES}/${INVOICE_ID}/items`));
		});
	});

	describe('real runs with the item given By URL', () => {
		const itemUrl = (tail = '') => ({ __rl: true, mode: 'url', value: `https://api.spacebring.com/billing/invoices/v1/items/${OTHER_ITEM}${tail}` });

		test('an update reaches PATCH and the read-back GET of the id in the URL (OAuth2: updates take no other credential)', async () => {
			recorder.respond((request) => (request.method === 'PATCH' ? { status: 204, body: '' } : { body: { invoiceItem: sampleItem({ id: OTHER_ITEM }) } }));
			const run = await runSpacebring(recorder.url, updateItem({ quantity: 3 }, { id: itemUrl('?view=full#x') }), { auth: 'oAuth2' });
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
				`PATCH ${INVOICES}/items/${OTHER_ITEM}`,
				`GET ${INVOICES}/items/${OTHER_ITEM}`,
			]);
			expect(JSON.parse(recorder.requests[0].body)).toEqual({ invoiceItem: { quantity: 3 } });
			expect(run.output.map((item) => item.json.id)).toEqual([OTHER_ITEM]);
		});

		test.each(AUTHS)('a get reaches GET of the id in the URL (%s)', async (auth) => {
			recorder.respond(() => ({ body: { invoiceItem: sampleItem({ id: OTHER_ITEM }) } }));
			const run = await runSpacebring(recorder.url, getItem({ id: itemUrl('/') }), { auth });
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${INVOICES}/items/${OTHER_ITEM}`]);
		});

		test('the same expression with good URLs reaches each item', async () => {
			recorder.respond(() => ({ status: 204, body: '' }));
			const run = await runSpacebring(
				recorder.url,
				updateItem({ quantity: 3 }, { id: { __rl: true, mode: 'url', value: '={{ $json.url }}' }, options: { readBack: false } }),
				{ items: [{ url: `https://api.spacebring.com/billing/invoices/v1/items/${OTHER_ITEM}` }, { url: `https://app.spacebring.com/x/items/${INVOICE_ID}?a=1` }] },
			);
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
				`PATCH ${INVOICES}/items/${OTHER_ITEM}`,
				`PATCH ${INVOICES}/items/${INVOICE_ID}`,
			]);
		});
	});
});
