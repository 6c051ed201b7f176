/**
 * The Rebilly node's pickers (list searches and option lists), called through n8n-core's
 * LoadOptionsContext the way n8n's editor backend calls them:
 * - contract: every list call goes through Prism serving Rebilly's official OpenAPI document and
 *   passes its validation (query, path, security headers) with both credential types;
 * - behaviour: paging to Rebilly's farthest offset, labels and option lists against a recording server;
 * - the By URL mode in real runs: a Rebilly URL reaches the right path, any other URL is refused.
 * Paging, typed search, the invoice given each way and refusals, as every provider does them, are
 * asserted once for all in test/conformance/pickers.test.ts.
 */
import type { INodeParameterResourceLocator, INodeParameters } from 'n8n-workflow';

import { RebillyApi } from '../../credentials/RebillyApi.credentials';
import { RebillyJwtApi } from '../../credentials/RebillyJwtApi.credentials';
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { listSearch, loadOptions } from '../harness/n8n';
import { startContract, type ContractRequest, type ContractServer } from '../harness/prism';
import { startRecorder, type RecordedRequest, type Recorder } from '../harness/recorder';
import { CURRENT_ITEM, ORGANIZATION, TEST_API_KEY, TEST_JWT, getItem, replaceUpdate, runRebilly, type Auth } from '../harness/rebilly';

const BASE_PATH = `/organizations/${ORGANIZATION}`;
const DRAFTS = `${BASE_PATH}/invoices?filter=status%3Adraft&sort=-createdTime`;
const AUTHS: Auth[] = ['apiKey', 'jwt'];

const rl = (mode: 'list' | 'id' | 'url', value: string): INodeParameterResourceLocator => ({ __rl: true, mode, value });

interface Call {
	auth?: Auth;
	/** The node's other parameters as the editor holds them (e.g. the invoice chosen). */
	parameters?: INodeParameters;
	filter?: string;
	/** A paginationToken from an earlier page, as the editor hands it back. */
	token?: unknown;
}

/** The list call options for a server root (without /organizations/…): both credentials, the editor's parameters. */
function listOptions(root: string, method: string, call: Call) {
	const common = { environment: 'custom', baseUrl: root, organizationId: ORGANIZATION };
	return {
		node: new Rebilly(),
		credentialTypes: [new RebillyApi(), new RebillyJwtApi()],
		credentials: { rebillyApi: { apiKey: TEST_API_KEY, ...common }, rebillyJwtApi: { token: TEST_JWT, ...common } },
		// The editor sends every parameter, defaults included: Authentication is always there.
		parameters: { authentication: call.auth ?? 'apiKey', resource: 'invoiceItem', operation: 'update', ...call.parameters },
		method,
		filter: call.filter,
		paginationToken: call.token as string | undefined,
	};
}

const search = (root: string, method: string, call: Call = {}) => listSearch(listOptions(root, method, call));
const options = (root: string, method: string, call: Call = {}) => loadOptions(listOptions(root, method, call));

const queryOf = (request: { query: string }) => new URLSearchParams(request.query);

const expectAuth = (request: ContractRequest | RecordedRequest, auth: Auth) => {
	if (auth === 'apiKey') {
		expect(request.headers['reb-apikey']).toBe(TEST_API_KEY);
		expect(request.headers.authorization).toBeUndefined();
	} else {
		expect(request.headers.authorization).toBe(`Bearer ${TEST_JWT}`);
		expect(request.headers['reb-apikey']).toBeUndefined();
	}
};

/** Prism saw the request, found nothing wrong and answered 2xx. */
const expectConforming = (request: ContractRequest) => {
	expect({ url: request.url, violations: request.violations }).toEqual({ url: request.url, violations: [] });
	expect(request.status).toBeGreaterThanOrEqual(200);
	expect(request.status).toBeLessThan(300);
};

const invoices = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => ({ id: `in-${from + index}`, invoiceNumber: from + index, amount: 1, currency: 'USD' }));
const items = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => ({ id: `ii-${from + index}`, type: 'debit', description: `Line ${from + index}`, unitPrice: 1 }));


let prism: ContractServer;
let recorder: Recorder;
beforeAll(async () => {
	[prism, recorder] = await Promise.all([startContract('rebilly', BASE_PATH), startRecorder()]);
}, 90_000);
afterAll(async () => {
	await Promise.all([prism?.close(), recorder?.close()]);
});
beforeEach(() => {
	prism.requests.length = 0;
	prism.override(undefined);
	recorder.requests.length = 0;
	recorder.respond(() => ({ body: [] }));
});

/** The Prism server's root: the credential adds /organizations/<id> itself. */
const root = () => prism.url.slice(0, -BASE_PATH.length);
const offsetOf = (request: RecordedRequest) => Number(queryOf(request).get('offset') ?? 0);

describe('contract: every list call conforms to Rebilly’s OpenAPI document', () => {
	describe.each(AUTHS)('with %s', (auth) => {
		test('draft invoices, first page: status filter, newest first, a page of 50', async () => {
			const result = await search(root(), 'searchDraftInvoices', { auth });
			expect(prism.requests.map((request) => request.url)).toEqual([`${DRAFTS}&limit=50`]);
			expectAuth(prism.requests[0], auth);
			expectConforming(prism.requests[0]);
			// Prism answers the spec's example: one invoice, a short page, so no next page.
			expect(result.results).toHaveLength(1);
			expect(result.results[0].value).toBe('in_0YVF9605RKC62BP14NE2R7V2XT');
			expect(result.results[0].name).toMatch(/^#0 · Rebilly · .+ USD · 2019-08-24$/);
			expect(result.paginationToken).toBeUndefined();
		});

		test('draft invoices, a typed search: the text goes to q, trimmed', async () => {
			await search(root(), 'searchDraftInvoices', { auth, filter: '  Acme GmbH & Co ' });
			expect(prism.requests.map((request) => request.url)).toEqual([`${DRAFTS}&q=Acme%20GmbH%20%26%20Co&limit=50`]);
			expectAuth(prism.requests[0], auth);
			expectConforming(prism.requests[0]);
		});

		test('items of the chosen invoice, a page of 100', async () => {
			const result = await search(root(), 'searchInvoiceItems', { auth, parameters: { invoiceId: rl('list', 'in-1') } });
			expect(prism.requests.map((request) => request.url)).toEqual([`${BASE_PATH}/invoices/in-1/items?limit=100`]);
			expectAuth(prism.requests[0], auth);
			expectConforming(prism.requests[0]);
			expect(result.results.map((entry) => entry.value)).toEqual(['ii_0YVFDEQS2KCFTBN9HXWJFY55GV']);
		});

		test('products option list: sorted by name, up to 500', async () => {
			const result = await options(root(), 'listProducts', { auth });
			expect(prism.requests.map((request) => request.url)).toEqual([`${BASE_PATH}/products?sort=name&limit=500`]);
			expectAuth(prism.requests[0], auth);
			expectConforming(prism.requests[0]);
			expect(result).toEqual([
				{ name: 'Premium membership · unit · prod_0YV7DES3WPC5J8JD8QTVNZBZNZ', value: 'prod_0YV7DES3WPC5J8JD8QTVNZBZNZ' },
			]);
		});
	});

	test('the node has exactly the list methods this file covers', () => {
		const { methods } = new Rebilly();
		expect(Object.keys(methods.listSearch ?? {}).sort()).toEqual(['searchDraftInvoices', 'searchInvoiceItems', 'searchInvoices']);
		expect(Object.keys(methods.loadOptions ?? {})).toEqual(['listProducts']);
	});

	test('all invoices (the picker of Get and Get Many): newest first, no status filter; search in q', async () => {
		const parameters = { operation: 'getAll' };
		const result = await search(root(), 'searchInvoices', { auth: 'jwt', parameters });
		await search(root(), 'searchInvoices', { auth: 'jwt', parameters, filter: 'Acme' });
		expect(prism.requests.map((request) => request.url)).toEqual([
			`${BASE_PATH}/invoices?sort=-createdTime&limit=50`,
			`${BASE_PATH}/invoices?sort=-createdTime&q=Acme&limit=50`,
		]);
		for (const request of prism.requests) {
			expectAuth(request, 'jwt');
			expectConforming(request);
		}
		expect(result.results[0].value).toBe('in_0YVF9605RKC62BP14NE2R7V2XT');
		// Any status can be listed here, so the label says which.
		expect(result.results[0].name).toMatch(/^#0 · Rebilly · .+ USD · 2019-08-24 · draft$/);
	});

	test('draft invoices, next page: the token asks for offset 50', async () => {
		prism.override((request) => (queryOf(request).has('offset') ? undefined : { body: invoices(0, 50) }));
		const first = await search(root(), 'searchDraftInvoices');
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search(root(), 'searchDraftInvoices', { token: first.paginationToken });
		expect(prism.requests.map((request) => request.url)).toEqual([`${DRAFTS}&limit=50`, `${DRAFTS}&limit=50&offset=50`]);
		expectConforming(prism.requests[1]);
		expect(second.results.map((entry) => entry.value)).toEqual(['in_0YVF9605RKC62BP14NE2R7V2XT']);
		expect(second.paginationToken).toBeUndefined();
	});

	test('items, next page: the token asks for offset 100', async () => {
		prism.override((request) => (queryOf(request).has('offset') ? undefined : { body: items(0, 100) }));
		const parameters = { invoiceId: rl('list', 'in-1') };
		const first = await search(root(), 'searchInvoiceItems', { auth: 'jwt', parameters });
		await search(root(), 'searchInvoiceItems', { auth: 'jwt', parameters, token: first.paginationToken });
		expect(prism.requests.map((request) => request.url)).toEqual([
			`${BASE_PATH}/invoices/in-1/items?limit=100`,
			`${BASE_PATH}/invoices/in-1/items?limit=100&offset=100`,
		]);
		expectAuth(prism.requests[1], 'jwt');
		expectConforming(prism.requests[1]);
	});

	test('items paged to the farthest offset: full pages up to 1000, then no token and no error; offset 1000 conforms', async () => {
		// The recording server answers full pages of 100, always.
		recorder.respond((request) => ({ body: items(offsetOf(request), 100) }));
		const parameters = { invoiceId: rl('list', 'in-1') };
		const tokens: unknown[] = [];
		let page = await search(recorder.url, 'searchInvoiceItems', { parameters });
		const seen = [...page.results];
		while (page.paginationToken && recorder.requests.length < 20) {
			tokens.push(page.paginationToken);
			page = await search(recorder.url, 'searchInvoiceItems', { parameters, token: page.paginationToken });
			seen.push(...page.results);
		}
		expect(recorder.requests.map(offsetOf)).toEqual(Array.from({ length: 11 }, (_, index) => index * 100));
		expect(recorder.requests.every((request) => queryOf(request).get('limit') === '100')).toBe(true);
		// The page at 1000 is shown, and the list ends there instead of asking for an offset Rebilly refuses.
		expect(page.paginationToken).toBeUndefined();
		expect(seen).toHaveLength(1100);
		expect(seen[1099].value).toBe('ii-1099');

		// The farthest page's request, asked of Prism: offset 1000 is within the spec's maximum.
		await search(root(), 'searchInvoiceItems', { parameters, token: tokens[tokens.length - 1] });
		expect(prism.requests.map((request) => request.url)).toEqual([`${BASE_PATH}/invoices/in-1/items?limit=100&offset=1000`]);
		expectConforming(prism.requests[0]);
	});
});

describe('behaviour against a recording server', () => {
	test('draft invoice labels: number or Draft, customer, amount with currency, created day', async () => {
		recorder.respond(() => ({
			body: [
				{
					id: 'in-a',
					invoiceNumber: 1042,
					customerId: 'cus-1',
					billingAddress: { organization: 'Acme GmbH', firstName: 'Ada', lastName: 'Lovelace' },
					amount: 1234.5,
					currency: 'EUR',
					createdTime: '2026-01-15T10:00:00Z',
				},
				{
					id: 'in-b',
					customerId: 'cus-2',
					billingAddress: { firstName: 'Ada', lastName: 'Lovelace' },
					amount: 0,
					currency: 'usd',
					createdTime: '2026-02-01T23:59:59+02:00',
				},
				{ id: 'in-c', invoiceNumber: null, customerId: 'cus-3', amount: 99.999, currency: 'KWD' },
				{ id: 'in-d', invoiceNumber: 0, billingAddress: { lastName: 'Curie' }, customerId: 'cus-4', amount: '12', currency: 'CHF' },
			],
		}));
		const result = await search(recorder.url, 'searchDraftInvoices');
		expect(result.results).toEqual([
			{ name: '#1042 · Acme GmbH · 1234.50 EUR · 2026-01-15', value: 'in-a' },
			{ name: 'Draft · Ada Lovelace · 0.00 USD · 2026-02-01', value: 'in-b' },
			{ name: 'Draft · cus-3 · 99.999 KWD', value: 'in-c' },
			{ name: '#0 · Curie · 12.00 CHF', value: 'in-d' },
		]);
	});

	test('all invoices: the same labels, with the status at the end', async () => {
		recorder.respond(() => ({
			body: [
				{ id: 'in-p', invoiceNumber: 7, customerId: 'cus-1', amount: 10, currency: 'EUR', createdTime: '2026-01-15T10:00:00Z', status: 'paid' },
				{ id: 'in-d', customerId: 'cus-2', status: 'draft' },
			],
		}));
		const result = await search(recorder.url, 'searchInvoices', { parameters: { operation: 'get' } });
		expect(recorder.requests.map((request) => request.url)).toEqual([`${BASE_PATH}/invoices?sort=-createdTime&limit=50`]);
		expect(result.results).toEqual([
			{ name: '#7 · cus-1 · 10.00 EUR · 2026-01-15 · paid', value: 'in-p' },
			{ name: 'Draft · cus-2 · draft', value: 'in-d' },
		]);
	});

	test('item labels: description, credit, quantity as × n, amount; the id when nothing else is known', async () => {
		recorder.respond(() => ({
			body: [
				{ id: 'ii-1', type: 'debit', description: 'Seats, January', quantity: 4, unitPrice: 12.5, price: 50 },
				{ id: 'ii-2', type: 'credit', description: 'Refund', quantity: 1, unitPrice: -5.75 },
				{ id: 'ii-3', type: 'debit' },
			],
		}));
		const result = await search(recorder.url, 'searchInvoiceItems', { parameters: { invoiceId: rl('id', 'in_A-1.b~c@d') } });
		expect(recorder.requests.map((request) => request.url)).toEqual([`${BASE_PATH}/invoices/in_A-1.b~c%40d/items?limit=100`]);
		expect(result).toEqual({
			results: [
				{ name: 'Seats, January · × 4 · 50.00', value: 'ii-1' },
				{ name: 'Refund · credit · × 1 · -5.75', value: 'ii-2' },
				{ name: 'ii-3', value: 'ii-3' },
			],
			paginationToken: undefined,
		});
	});
});

describe('By URL in real runs', () => {
	beforeEach(() => {
		recorder.respond(() => ({ body: CURRENT_ITEM }));
	});

	const BY_URL = {
		invoiceId: rl('url', 'https://app.rebilly.com/org-1/invoices/in-1'),
		itemId: rl('url', 'https://api.rebilly.com/organizations/org-1/invoices/in-1/items/ii-1'),
	};
	const ITEM = `${BASE_PATH}/invoices/in-1/items/ii-1`;

	test('Get with both IDs as URLs reads the item they name', async () => {
		const result = await runRebilly(recorder.url, getItem(BY_URL));
		expect(result.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${ITEM}`]);
	});

	test('Update (Replace) with sandbox app URLs', async () => {
		const result = await runRebilly(
			recorder.url,
			replaceUpdate({ type: 'debit', unitPrice: 1 }, {}, {
				invoiceId: rl('url', 'https://app-sandbox.rebilly.com/invoices/in-1#summary'),
				itemId: rl('url', 'https://app-sandbox.rebilly.com/invoices/in-1/items/ii-1?tab=details'),
			}),
		);
		expect(result.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`PUT ${ITEM}`]);
	});
});
