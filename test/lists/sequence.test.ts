/**
 * The Sequence Billing node's pickers (list searches and option lists), called through n8n-core's
 * LoadOptionsContext the way n8n's editor backend calls them:
 * - contract: every list call goes through Prism serving Sequence's official OpenAPI document and
 *   passes its validation (query, path, the Authorization and Sequence-Version headers);
 * - behaviour: Sequence's cursors, typed invoice IDs, labels and option lists against a recording server;
 * - the By URL mode in real runs: a Sequence URL reaches the right path, any other URL is refused.
 * Paging, typed search, the lookup of a whole ID, the invoice given each way and refusals, as every
 * provider does them, are asserted once for all in test/conformance/pickers.test.ts.
 */
import type { INodeParameterResourceLocator, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { SequenceApi } from '../../credentials/SequenceApi.credentials';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { listSearch, loadOptions } from '../harness/n8n';
import { startContract, type ContractRequest, type ContractServer } from '../harness/prism';
import { startRecorder, type RecordedRequest, type Recorder } from '../harness/recorder';
import { BASIC, CLIENT_ID, CLIENT_SECRET, INVOICE, LINE, getOne, lineItem, runSequence } from '../harness/sequence';

const DRAFTS = '/invoices?invoiceStatus=DRAFT';
const LINES = `/invoices/${INVOICE}/line-items`;
/** The `after` cursor in Sequence's own examples (what Prism answers with). */
const SPEC_CURSOR = 'MDE4NDUyNjYtNmQ2NC03N2M4LTlhZGYtNDQ4N2Q5NGQxNDU3';

const rl = (mode: 'list' | 'id' | 'url', value: string): INodeParameterResourceLocator => ({ __rl: true, mode, value });

interface Call {
	/** The node's other parameters as the editor holds them (e.g. the invoice chosen). */
	parameters?: INodeParameters;
	filter?: string;
	/** A paginationToken from an earlier page, as the editor hands it back. */
	token?: unknown;
}

function listOptions(url: string, method: string, call: Call) {
	return {
		node: new SequenceBilling(),
		credentialTypes: [new SequenceApi()],
		credentials: { sequenceApi: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, region: 'custom', baseUrl: url } },
		parameters: { resource: 'invoiceLineItem', operation: 'update', ...call.parameters },
		method,
		filter: call.filter,
		paginationToken: call.token as string | undefined,
	};
}

const search = (url: string, method: string, call: Call = {}) => listSearch(listOptions(url, method, call));
const options = (url: string, method: string, call: Call = {}) => loadOptions(listOptions(url, method, call));

const queryOf = (request: { query: string }) => new URLSearchParams(request.query);

const expectAuth = (request: ContractRequest | RecordedRequest) => {
	expect(request.headers.authorization).toBe(BASIC);
	expect(request.headers['sequence-version']).toBe('2024-07-30');
};

/** Prism saw the request, found nothing wrong and answered 2xx; it carried Sequence's headers. */
const expectConforming = (request: ContractRequest) => {
	expect({ url: request.url, violations: request.violations }).toEqual({ url: request.url, violations: [] });
	expect(request.status).toBeGreaterThanOrEqual(200);
	expect(request.status).toBeLessThan(300);
	expectAuth(request);
};


let prism: ContractServer;
let recorder: Recorder;
beforeAll(async () => {
	[prism, recorder] = await Promise.all([startContract('sequence'), startRecorder()]);
}, 90_000);
afterAll(async () => {
	await Promise.all([prism?.close(), recorder?.close()]);
});
beforeEach(() => {
	prism.requests.length = 0;
	prism.override(undefined);
	recorder.requests.length = 0;
	recorder.respond(() => ({ body: { items: [], pagination: {} } }));
});

describe('contract: every list call conforms to Sequence’s OpenAPI document', () => {
	test('the node has exactly the list methods this file covers', () => {
		const { methods } = new SequenceBilling();
		expect(Object.keys(methods.listSearch ?? {}).sort()).toEqual(['searchDraftInvoices', 'searchInvoices', 'searchLineItems']);
		expect(Object.keys(methods.loadOptions ?? {}).sort()).toEqual(['listLineItemGroups', 'listPrices']);
	});

	test('draft invoices, first page: status DRAFT, a page of 50', async () => {
		const result = await search(prism.url, 'searchDraftInvoices');
		expect(prism.requests.map((request) => request.url)).toEqual([`${DRAFTS}&limit=50`]);
		expectConforming(prism.requests[0]);
		expect(result.results).toEqual([{ name: 'INV2 · Facebook · 10.00 GBP · 2022-10-30', value: 'ba37a392-7054-4dae-ab37-6fee9e23fe06' }]);
		// The spec's example carries a cursor: there is a next page.
		expect(result.paginationToken).toEqual(expect.any(String));
	});

	test('all invoices (the picker of Get and Get Many): no status filter, the same search and lookup', async () => {
		const parameters = { operation: 'getAll' };
		const result = await search(prism.url, 'searchInvoices', { parameters });
		await search(prism.url, 'searchInvoices', { parameters, filter: 'INV2' });
		await search(prism.url, 'searchInvoices', { parameters, filter: INVOICE });
		expect(prism.requests.map((request) => request.url)).toEqual(['/invoices?limit=50', '/invoices?search=INV2&limit=50', `/invoices/${INVOICE}`]);
		prism.requests.forEach(expectConforming);
		// Any status can be listed here, so the label says which.
		expect(result.results).toEqual([
			{ name: 'INV2 · Facebook · 10.00 GBP · 2022-10-30 · DRAFT', value: 'ba37a392-7054-4dae-ab37-6fee9e23fe06' },
		]);
	});

	test('draft invoices, next page: the token asks for after=<cursor>', async () => {
		const first = await search(prism.url, 'searchDraftInvoices');
		await search(prism.url, 'searchDraftInvoices', { token: first.paginationToken });
		expect(prism.requests.map((request) => request.url)).toEqual([`${DRAFTS}&limit=50`, `${DRAFTS}&limit=50&after=${SPEC_CURSOR}`]);
		expectConforming(prism.requests[1]);
	});

	test('draft invoices, a typed search: the text goes to search, trimmed', async () => {
		const first = await search(prism.url, 'searchDraftInvoices', { filter: ' INV 2 & Co ' });
		await search(prism.url, 'searchDraftInvoices', { filter: ' INV 2 & Co ', token: first.paginationToken });
		expect(prism.requests.map((request) => request.url)).toEqual([
			`${DRAFTS}&search=INV%202%20%26%20Co&limit=50`,
			`${DRAFTS}&search=INV%202%20%26%20Co&limit=50&after=${SPEC_CURSOR}`,
		]);
		prism.requests.forEach(expectConforming);
	});

	test('a typed invoice ID is read directly: GET /invoices/<id>', async () => {
		const result = await search(prism.url, 'searchDraftInvoices', { filter: ` ${INVOICE} ` });
		expect(prism.requests.map((request) => request.url)).toEqual([`/invoices/${INVOICE}`]);
		expectConforming(prism.requests[0]);
		expect(result).toEqual({
			results: [{ name: 'INV00001 · Facebook · 101.23 GBP · 2022-09-15', value: '6cedbb5e-4f77-4217-b8d4-020e7e4d33c9' }],
		});
	});

	test('line items, next page: the token asks for after=<cursor>', async () => {
		const parameters = { invoice: rl('list', INVOICE) };
		const first = await search(prism.url, 'searchLineItems', { parameters });
		await search(prism.url, 'searchLineItems', { parameters, token: first.paginationToken });
		expect(prism.requests.map((request) => request.url)).toEqual([`${LINES}?limit=100`, `${LINES}?limit=100&after=${SPEC_CURSOR}`]);
		expectConforming(prism.requests[1]);
	});

	test('prices option list: pages of 100 following the cursor', async () => {
		const result = await options(prism.url, 'listPrices');
		// Prism hands out the same cursor again: the list stops there instead of reading forever.
		expect(prism.requests.map((request) => request.url)).toEqual(['/prices?limit=100', `/prices?limit=100&after=${SPEC_CURSOR}`]);
		prism.requests.forEach(expectConforming);
		expect(result[0]).toEqual({
			name: 'Demo Product · GBP · MONTHLY · bc61d4b8-e9d6-4f4a-9bcf-f5dae874c730',
			value: 'bc61d4b8-e9d6-4f4a-9bcf-f5dae874c730',
		});
	});
});

describe('behaviour against a recording server', () => {
	const invoice = (index: number) => ({ id: `inv-${index}`, invoiceNumber: `INV-${index}`, grossTotal: '1', currency: 'EUR' });

	test.each<[string, NodeParameterValueType | undefined]>([
		['null', { after: null }],
		['empty', { after: '' }],
		['no pagination at all', undefined],
	])('draft invoices: an after that is %s ends the list', async (_name, pagination) => {
		recorder.respond(() => ({ body: { items: [invoice(1)], pagination } }));
		const result = await search(recorder.url, 'searchDraftInvoices');
		expect(result.paginationToken).toBeUndefined();
		expect(result.results).toHaveLength(1);
	});

	test('a cursor with URL characters goes back exactly as Sequence gave it', async () => {
		const cursor = 'a+b/c=d&e f';
		recorder.respond((request) => ({ body: { items: [invoice(1)], pagination: queryOf(request).has('after') ? {} : { after: cursor } } }));
		const first = await search(recorder.url, 'searchLineItems', { parameters: { invoice: INVOICE } });
		await search(recorder.url, 'searchLineItems', { parameters: { invoice: INVOICE }, token: first.paginationToken });
		expect(queryOf(recorder.requests[1]).get('after')).toBe(cursor);
		expect(recorder.requests[1].url).toBe(`${LINES}?limit=100&after=a%2Bb%2Fc%3Dd%26e%20f`);
	});

	test('a typed ID of an invoice that is no longer a draft is shown with its status, so it is not taken for one', async () => {
		recorder.respond(() => ({ body: { id: INVOICE, status: 'FINAL', invoiceNumber: 'INV9', currency: 'EUR', grossTotal: '10.00' } }));
		const result = await search(recorder.url, 'searchDraftInvoices', { filter: INVOICE });
		expect(result.results).toEqual([{ name: 'INV9 · 10.00 EUR · FINAL', value: INVOICE }]);
	});

	test('an invoice ID of only spaces counts as not chosen', async () => {
		const error = (await search(recorder.url, 'searchLineItems', { parameters: { invoice: rl('id', '   ') } }).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toBe('"Invoice ID" must be chosen first: this list shows the line items of the invoice');
		expect(recorder.requests).toHaveLength(0);
	});

	test('all invoices: the same labels, with the status at the end', async () => {
		recorder.respond(() => ({
			body: {
				items: [
					{ id: 'inv-p', invoiceNumber: 'INV-9', customerLegalCompanyName: 'Acme Ltd', grossTotal: '5', currency: 'EUR', issueDate: '2026-03-01', status: 'FINAL' },
					{ id: 'inv-d', invoiceNumber: '', status: 'DRAFT' },
				],
				pagination: {},
			},
		}));
		const result = await search(recorder.url, 'searchInvoices', { parameters: { operation: 'get' } });
		expect(recorder.requests.map((request) => request.url)).toEqual(['/invoices?limit=50']);
		expect(result.results).toEqual([
			{ name: 'INV-9 · Acme Ltd · 5.00 EUR · 2026-03-01 · FINAL', value: 'inv-p' },
			{ name: 'Draft · DRAFT', value: 'inv-d' },
		]);
	});

	test('a part of an invoice ID is searched, not read', async () => {
		await search(recorder.url, 'searchDraftInvoices', { filter: INVOICE.slice(0, 8) });
		expect(recorder.requests.map((request) => request.url)).toEqual([`${DRAFTS}&search=${INVOICE.slice(0, 8)}&limit=50`]);
	});

	test('draft invoice labels: number or Draft, customer, gross total with currency, issue or created day', async () => {
		recorder.respond(() => ({
			body: {
				items: [
					{
						id: 'inv-a',
						invoiceNumber: 'INV-7',
						customerLegalCompanyName: 'Acme Ltd',
						grossTotal: '1234.5',
						currency: 'EUR',
						issueDate: '2026-03-01',
						createdAt: '2026-02-20T10:00:00Z',
					},
					{ id: 'inv-b', invoiceNumber: null, customerLegalCompanyName: 'Beta GmbH', grossTotal: '0', currency: 'gbp', createdAt: '2026-02-20T10:00:00Z' },
					{ id: 'inv-c', grossTotal: '20000.105', currency: 'USD', issueDate: null, createdAt: '2026-01-01T00:00:00Z' },
				],
				pagination: {},
			},
		}));
		const result = await search(recorder.url, 'searchDraftInvoices');
		expect(result.results).toEqual([
			{ name: 'INV-7 · Acme Ltd · 1234.50 EUR · 2026-03-01', value: 'inv-a' },
			{ name: 'Draft · Beta GmbH · 0.00 GBP · 2026-02-20', value: 'inv-b' },
			{ name: 'Draft · 20000.105 USD · 2026-01-01', value: 'inv-c' },
		]);
	});

	test('line item labels: title (or description), quantity as × n, amount; the id when nothing else is known', async () => {
		recorder.respond(() => ({
			body: {
				items: [
					lineItem(LINE),
					{ id: 'line-2', description: 'Only a description', quantity: '1.5', netTotal: '10' },
					{ id: 'line-3' },
				],
				pagination: {},
			},
		}));
		const result = await search(recorder.url, 'searchLineItems', { parameters: { invoice: rl('url', `https://sandbox.sequencehq.com/invoices/${INVOICE}`) } });
		expect(recorder.requests.map((request) => request.url)).toEqual([`${LINES}?limit=100`]);
		expect(result).toEqual({
			results: [
				{ name: 'Ferraris · × 2 · 101.23', value: LINE },
				{ name: 'Only a description · × 1.5 · 10.00', value: 'line-2' },
				{ name: 'line-3', value: 'line-3' },
			],
			paginationToken: undefined,
		});
	});
});

describe('By URL in real runs', () => {
	beforeEach(() => {
		recorder.respond((request) =>
			request.method === 'PUT'
				? { body: { ...lineItem(LINE), ...JSON.parse(request.body) } }
				: { body: { items: [lineItem(LINE)], pagination: {} } },
		);
	});

	const BY_URL = {
		invoice: rl('url', `https://dashboard.sequencehq.com/invoices/${INVOICE}`),
		id: rl('url', `https://eu.sequencehq.com/api/invoices/${INVOICE}/line-items/${LINE}`),
	};

	test('Get with both IDs as URLs finds the line item they name', async () => {
		const result = await runSequence(recorder.url, getOne(LINE, BY_URL));
		expect(result.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${LINES}?limit=100`]);
		expect(result.output.map((item) => item.json.id)).toEqual([LINE]);
	});
});
