/**
 * The Stripe node's pickers, called the way n8n's editor backend calls them (n8n-core's
 * LoadOptionsContext, the node's parameters as the editor holds them) against a recording server
 * that pages like Stripe (`limit`, `starting_after`, `has_more`).
 *
 * Every GET recorded here is checked against the query and path parameters Stripe's official
 * OpenAPI document allows for that call (cut into test/fixtures/stripe.lists.json by
 * scripts/generate-fixtures.js, so this also runs in a clone without ../shared/specs).
 * Paging, narrowing by typed text, the lookup of a whole id, the invoice given each way and a
 * refused key on every picker, as every provider does them, are asserted once for all in
 * test/conformance/pickers.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ValidateFunction } from 'ajv';
import { WorkflowHasIssuesError } from 'n8n-core';
import { NodeHelpers, type ICredentialDataDecryptedObject, type IDataObject, type INodeParameters, type INodeProperties } from 'n8n-workflow';
import * as qs from 'qs';

import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import { REFRESH_ADVICE } from '../../nodes/shared/listing';
import { LINE_ITEM_UPDATE, INVOICE_ITEM_UPDATE, checkFormBody, checkPath } from '../contract/stripe-form';
import { errorText, failure, listSearch, loadOptions } from '../harness/n8n';
import { startRecorder, type Recorder, type RecordedRequest, type Responder } from '../harness/recorder';
import { INVOICES, LINES, NOV_21, TEST_KEY, numbered, runStripe } from '../harness/stripe';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-fixtures') as {
	SPEC: string;
	LISTS_OUT: string;
	LIST_OPERATIONS: string[];
	renderListFixtures: (document: unknown) => string;
};

// ---------------------------------------------------------------------------------------------
// Stripe's official parameters for the GET calls the pickers make

interface QueryParameter {
	schema: object;
	required: boolean;
	style: string;
	explode: boolean;
}
interface ListContract {
	pathParameters: Record<string, object>;
	queryParameters: Record<string, QueryParameter>;
}

const LISTS_FIXTURE = join(__dirname, '..', 'fixtures', 'stripe.lists.json');
const contracts = JSON.parse(readFileSync(LISTS_FIXTURE, 'utf8')) as Record<string, ListContract>;

const ajv = new Ajv({ coerceTypes: true, allErrors: true, strict: false, logger: false });
const validators = new Map<string, ValidateFunction>();
const compiled = (key: string, schema: object) => {
	let validate = validators.get(key);
	if (!validate) validators.set(key, (validate = ajv.compile(schema)));
	return validate;
};

const templateMatch = (template: string, path: string) => {
	const names: string[] = [];
	const source = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	const match = new RegExp(`^${source}$`).exec(path);
	return match ? Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])])) : undefined;
};

/** Everything about a recorded GET that Stripe's spec does not allow; empty when it is a valid call. */
function specProblems(request: Pick<RecordedRequest, 'method' | 'path' | 'query'>): string[] {
	const found = Object.entries(contracts).find(([operation]) => {
		const [method, template] = operation.split(' ');
		return method === request.method && templateMatch(template, request.path) !== undefined;
	});
	if (!found) return [`${request.method} ${request.path} is none of the spec's list calls`];
	const [operation, contract] = found;
	const problems: string[] = [];
	const ids = templateMatch(operation.split(' ')[1], request.path)!;
	for (const [name, value] of Object.entries(ids)) {
		const validate = compiled(`${operation} path ${name}`, contract.pathParameters[name]);
		if (!validate(value)) problems.push(`path ${name}: ${ajv.errorsText(validate.errors)}`);
	}
	const pairs = request.query.split('&').filter((pair) => pair !== '');
	const keys = pairs.map((pair) => decodeURIComponent(pair.split('=')[0]));
	const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
	if (repeated.length) problems.push(`sent more than once: ${repeated.join(', ')}`);
	const malformed = pairs.filter((pair) => !pair.includes('='));
	if (malformed.length) problems.push(`without "=": ${malformed.join(', ')}`);
	const schema = {
		type: 'object',
		properties: Object.fromEntries(Object.entries(contract.queryParameters).map(([name, parameter]) => [name, parameter.schema])),
		required: Object.entries(contract.queryParameters)
			.filter(([, parameter]) => parameter.required)
			.map(([name]) => name),
		additionalProperties: false,
	};
	const decoded = qs.parse(request.query, { depth: 10, arrayLimit: 100 });
	const validate = compiled(`${operation} query`, schema);
	if (!validate(decoded)) problems.push(`${operation} query: ${ajv.errorsText(validate.errors)}`);
	return problems;
}

const decoded = (request: RecordedRequest) => qs.parse(request.query);

// ---------------------------------------------------------------------------------------------
// A Stripe-like list server

type Entries = IDataObject[];

/** Answers list calls from `lists` (by path) the way Stripe pages them, single reads from `objects`. */
function fakeStripe(lists: Record<string, Entries>, objects: Record<string, IDataObject> = {}): Responder {
	return (request) => {
		if (objects[request.path]) return { body: objects[request.path] };
		const all = lists[request.path];
		if (!all) return { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (GET: ${request.path})` } } };
		const query = qs.parse(request.query) as Record<string, string>;
		const limit = Number(query.limit ?? 10);
		const start = query.starting_after ? all.findIndex((entry) => entry.id === query.starting_after) + 1 : 0;
		const data = all.slice(start, start + limit);
		return { body: { object: 'list', url: request.path, data, has_more: start + limit < all.length } };
	};
}


const ITEMS: Entries = [
	{ id: 'ii_1', object: 'invoiceitem', description: 'Seats', quantity: 3, amount: 3000, currency: 'usd', customer: 'cus_1', date: NOV_21 },
	{ id: 'ii_2', object: 'invoiceitem', description: 'Setup fee', quantity: 1, amount: 120000, currency: 'jpy', customer: 'cus_2', date: NOV_21 },
];

const CUSTOMERS: Entries = [
	{ id: 'cus_1', object: 'customer', name: 'Acme', email: 'billing@acme.com' },
	{ id: 'cus_2', object: 'customer', name: null, email: 'bob@example.com' },
	{ id: 'cus_3', object: 'customer', name: null, email: null },
];

// ---------------------------------------------------------------------------------------------
// Calling the node's list methods like the editor does

const node = new StripeInvoicing();
let recorder: Recorder;

const call = (
	kind: 'listSearch' | 'loadOptions',
	method: string,
	parameters: IDataObject = {},
	{ filter, paginationToken, credentials, baseUrl }: { filter?: string; paginationToken?: string; credentials?: ICredentialDataDecryptedObject; baseUrl?: string } = {},
) =>
	(kind === 'listSearch' ? listSearch : loadOptions)({
		node,
		credentialTypes: [new StripeInvoicingApi()],
		credentials: { stripeInvoicingApi: { secretKey: TEST_KEY, baseUrl: baseUrl ?? recorder.url, ...credentials } },
		parameters: parameters as INodeParameters,
		method,
		filter,
		paginationToken,
	});

const search = (method: string, parameters: IDataObject = {}, filter?: string, paginationToken?: unknown) =>
	call('listSearch', method, parameters, { filter, paginationToken: paginationToken as string | undefined }) as ReturnType<typeof listSearch>;

const options = (method: string) => call('loadOptions', method, itemScope()) as ReturnType<typeof loadOptions>;

const rl = (mode: 'list' | 'url' | 'id', value: string) => ({ __rl: true, mode, value });

/** A parameter value as the editor stores it: a plain id, or a resource locator. */
type Value = IDataObject[string];

const line = (invoice: Value) => ({ resource: 'invoiceLineItem', operation: 'update', invoice });
const itemScope = (scope: IDataObject = {}) => ({ resource: 'invoiceItem', operation: 'update', ...scope });

beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond(
		fakeStripe(
			{
				'/v1/invoices': INVOICES,
				'/v1/invoices/in_9/lines': LINES,
				'/v1/invoiceitems': ITEMS,
				'/v1/customers': CUSTOMERS,
			},
			{
				'/v1/invoiceitems/ii_x5': { ...ITEMS[0], id: 'ii_x5' },
			},
		),
	);
});
// Whatever a test made the node send: every GET must be a call Stripe's spec allows.
afterEach(() => {
	const problems = recorder.requests
		.filter((request) => request.method === 'GET')
		.flatMap((request) => specProblems(request).map((problem) => `${request.url}: ${problem}`));
	expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------------------------

describe('the node serves every list its fields name', () => {
	/** Every searchListMethod and loadOptionsMethod the node's UI refers to, however deep. */
	function referenced(properties: INodeProperties[], found = { listSearch: new Set<string>(), loadOptions: new Set<string>() }) {
		for (const property of properties) {
			if (property.typeOptions?.loadOptionsMethod) found.loadOptions.add(property.typeOptions.loadOptionsMethod);
			for (const mode of property.modes ?? []) {
				if (mode.typeOptions?.searchListMethod) found.listSearch.add(mode.typeOptions.searchListMethod);
			}
			const children = (property.options ?? []) as Array<INodeProperties | { values?: INodeProperties[] }>;
			for (const child of children) {
				if ('values' in child && Array.isArray(child.values)) referenced(child.values, found);
				else if ('type' in child && 'name' in child) referenced([child as INodeProperties], found);
			}
		}
		return found;
	}

	test('the methods are exactly the ones the fields refer to (and each is tested below)', () => {
		const found = referenced(node.description.properties);
		expect([...found.listSearch].sort()).toEqual(Object.keys(node.methods.listSearch).sort());
		expect([...found.loadOptions].sort()).toEqual(Object.keys(node.methods.loadOptions).sort());
		expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchCustomers', 'searchDraftInvoices', 'searchInvoiceItems', 'searchInvoiceLines', 'searchInvoices']);
		expect(Object.keys(node.methods.loadOptions).sort()).toEqual(['listCoupons', 'listPrices', 'listProducts', 'listTaxRates', 'searchCustomers', 'searchDraftInvoices']);
	});
});

describe('all invoices, for reads (searchInvoices)', () => {
	test('Get Many lists the lines of any invoice: no status filter, and the label says the status', async () => {
		recorder.respond(
			fakeStripe({ '/v1/invoices': [{ ...INVOICES[1], status: 'paid' }, { ...INVOICES[0], status: 'draft' }] }),
		);
		const result = await search('searchInvoices', { resource: 'invoiceLineItem', operation: 'getAll' });
		expect(recorder.requests.map((request) => [request.path, request.query])).toEqual([['/v1/invoices', 'limit=50']]);
		expect(result.results).toEqual([
			{ name: 'INV-0002 · bob@example.com · 5000 JPY · 2025-11-22 · paid', value: 'in_2' },
			{ name: 'Draft · Acme · 12.50 USD · 2025-11-21 · draft', value: 'in_1' },
		]);
	});

	test('the Get Many invoice picker uses it, the Update picker the drafts', () => {
		const methodOf = (operation: string) =>
			node.description.properties
				.find((property) => property.name === 'invoice' && property.displayOptions?.show?.operation?.includes(operation))
				?.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod;
		expect([methodOf('getAll'), methodOf('update')]).toEqual(['searchInvoices', 'searchDraftInvoices']);
	});
});

describe('draft invoices (searchDraftInvoices)', () => {
	test('first page: status=draft, 50 a page; labels say number or Draft, customer, total in main units, day', async () => {
		recorder.respond(fakeStripe({ '/v1/invoices': [...INVOICES, { id: 'in_4', total: 1, currency: 'usd' }] }));
		const result = await search('searchDraftInvoices', line(''));

		expect(recorder.requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['GET', '/v1/invoices', 'status=draft&limit=50'],
		]);
		expect(recorder.requests[0].headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(result).toEqual({
			results: [
				{ name: 'Draft · Acme · 12.50 USD · 2025-11-21', value: 'in_1' },
				// jpy has no minor unit, kwd three decimals
				{ name: 'INV-0002 · bob@example.com · 5000 JPY · 2025-11-22', value: 'in_2' },
				{ name: 'Draft · cus_3 · -1.234 KWD · 2025-11-23', value: 'in_3' },
				{ name: 'Draft · 0.01 USD', value: 'in_4' },
			],
			paginationToken: undefined,
		});
	});

	test('an empty page ends the list even if has_more says otherwise', async () => {
		recorder.respond(() => ({ body: { object: 'list', data: [], has_more: true } }));
		expect(await search('searchDraftInvoices', line(''))).toEqual({ results: [], paginationToken: undefined });
	});

	test('a customer id is searched with Stripe’s customer filter, on every page, and not narrowed again', async () => {
		recorder.respond(() => ({ body: { object: 'list', data: [INVOICES[0]], has_more: true } }));

		const first = await search('searchDraftInvoices', line(''), ' cus_ABC ');
		// "Acme"'s label does not contain the id: the server's answer is shown as it is.
		expect(first).toEqual({
			results: [{ name: 'Draft · Acme · 12.50 USD · 2025-11-21', value: 'in_1' }],
			paginationToken: JSON.stringify({ starting_after: 'in_1' }),
		});
		await search('searchDraftInvoices', line(''), 'cus_ABC', first.paginationToken);

		expect(recorder.requests.map((request) => [request.path, request.query])).toEqual([
			['/v1/invoices', 'status=draft&customer=cus_ABC&limit=50'],
			['/v1/invoices', 'status=draft&customer=cus_ABC&limit=50&starting_after=in_1'],
		]);
	});
});

describe('lines of the chosen invoice (searchInvoiceLines)', () => {
	test('pages through the lines with starting_after', async () => {
		recorder.respond(fakeStripe({ '/v1/invoices/in_9/lines': numbered('il', 60, () => ({ description: 'Seat', amount: 100, currency: 'usd' })) }));
		const first = await search('searchInvoiceLines', line(rl('list', 'in_9')));
		const second = await search('searchInvoiceLines', line(rl('list', 'in_9')), undefined, first.paginationToken);
		expect(first.paginationToken).toBe(JSON.stringify({ starting_after: 'il_0050' }));
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		expect(recorder.requests.map((request) => request.url)).toEqual([
			'/v1/invoices/in_9/lines?limit=50',
			'/v1/invoices/in_9/lines?limit=50&starting_after=il_0050',
		]);
	});
});

describe('invoice items (searchInvoiceItems)', () => {
	test.each([
		['no scope: all pending items', {}, 'pending=true&limit=50'],
		['items of a draft invoice (plain id)', { itemsOfInvoice: 'in_9' }, 'invoice=in_9&limit=50'],
		['items of a draft invoice (By URL)', { itemsOfInvoice: rl('url', 'https://dashboard.stripe.com/test/invoices/in_9') }, 'invoice=in_9&limit=50'],
		['pending items of a customer (From List)', { itemsOfCustomer: rl('list', 'cus_7') }, 'customer=cus_7&pending=true&limit=50'],
		['pending items of a customer (By URL)', { itemsOfCustomer: rl('url', 'https://dashboard.stripe.com/acct_9/customers/cus_7') }, 'customer=cus_7&pending=true&limit=50'],
		['an empty scope counts as none', { itemsOfInvoice: rl('list', ''), itemsOfCustomer: rl('id', '') }, 'pending=true&limit=50'],
		['the invoice wins over the customer', { itemsOfInvoice: rl('id', 'in_9'), itemsOfCustomer: rl('list', 'cus_7') }, 'invoice=in_9&limit=50'],
	])('%s', async (_name, scope, query) => {
		const result = await search('searchInvoiceItems', itemScope(scope));
		expect(recorder.requests.map((request) => [request.path, request.query])).toEqual([['/v1/invoiceitems', query]]);
		expect(result).toEqual({
			results: [
				{ name: 'Seats · × 3 · 30.00 USD · cus_1 · 2025-11-21', value: 'ii_1' },
				{ name: 'Setup fee · × 1 · 120000 JPY · cus_2 · 2025-11-21', value: 'ii_2' },
			],
			paginationToken: undefined,
		});
	});

	test('pages within the scope: the next page keeps invoice=… and adds starting_after', async () => {
		recorder.respond(fakeStripe({ '/v1/invoiceitems': numbered('ii', 51) }));
		const first = await search('searchInvoiceItems', itemScope({ itemsOfInvoice: 'in_9' }));
		const second = await search('searchInvoiceItems', itemScope({ itemsOfInvoice: 'in_9' }), undefined, first.paginationToken);
		expect(second).toEqual({ results: [{ name: 'ii_0051', value: 'ii_0051' }], paginationToken: undefined });
		expect(recorder.requests.map((request) => request.query)).toEqual([
			'invoice=in_9&limit=50',
			'invoice=in_9&limit=50&starting_after=ii_0050',
		]);
	});

	test('a whole item id is read directly (GET /v1/invoiceitems/ii_…)', async () => {
		const result = await search('searchInvoiceItems', itemScope({ itemsOfInvoice: 'in_9' }), 'ii_x5');
		expect(recorder.requests.map((request) => request.url)).toEqual(['/v1/invoiceitems/ii_x5']);
		expect(result).toEqual({ results: [{ name: 'Seats · × 3 · 30.00 USD · cus_1 · 2025-11-21', value: 'ii_x5' }] });
	});

	test('text narrows the page read, in one request', async () => {
		const result = await search('searchInvoiceItems', itemScope(), 'setup');
		expect(result.results).toEqual([{ name: 'Setup fee · × 1 · 120000 JPY · cus_2 · 2025-11-21', value: 'ii_2' }]);
		expect(recorder.requests.map((request) => request.query)).toEqual(['pending=true&limit=50']);
	});

	test.each([
		['a foreign customer URL', { itemsOfCustomer: rl('url', 'https://evil.example.com/customers/cus_7') }, /^"Pick Pending Items of Customer" must be a Stripe dashboard customer URL/],
		['an invoice given by expression', { itemsOfInvoice: rl('id', '={{ $json.invoice }}') }, /^"Pick Items of Invoice" is an expression/],
		['an invoice id with a slash', { itemsOfInvoice: rl('id', 'in_1/x') }, /^"Pick Items of Invoice" must not contain \//],
	])('refuses %s before sending anything', async (_name, scope, message) => {
		const error = await failure(search('searchInvoiceItems', itemScope(scope)));
		expect(error.message).toMatch(message);
		expect(recorder.requests).toHaveLength(0);
	});
});

describe('customers (searchCustomers)', () => {
	test('first page, 50 a page, labelled by name, email and id', async () => {
		const result = await search('searchCustomers', itemScope());
		expect(recorder.requests.map((request) => request.url)).toEqual(['/v1/customers?limit=50']);
		expect(result).toEqual({
			results: [
				{ name: 'Acme · billing@acme.com · cus_1', value: 'cus_1' },
				{ name: 'bob@example.com · cus_2', value: 'cus_2' },
				{ name: 'cus_3', value: 'cus_3' },
			],
			paginationToken: undefined,
		});
	});

	test('text with @ is Stripe’s email filter; the answer is shown as is', async () => {
		recorder.respond(() => ({ body: { object: 'list', data: [{ id: 'cus_8', name: 'Robert' }], has_more: false } }));
		const result = await search('searchCustomers', itemScope(), 'bob+billing@example.com');
		expect(recorder.requests).toHaveLength(1);
		expect(recorder.requests[0].path).toBe('/v1/customers');
		expect(recorder.requests[0].query).toBe('email=bob%2Bbilling%40example.com&limit=50');
		expect(decoded(recorder.requests[0])).toEqual({ email: 'bob+billing@example.com', limit: '50' });
		expect(result).toEqual({ results: [{ name: 'Robert · cus_8', value: 'cus_8' }], paginationToken: undefined });
	});

	test('other text narrows the page read, in one request without a filter', async () => {
		const result = await search('searchCustomers', itemScope(), 'acme');
		expect(result.results).toEqual([{ name: 'Acme · billing@acme.com · cus_1', value: 'cus_1' }]);
		expect(recorder.requests.map((request) => request.url)).toEqual(['/v1/customers?limit=50']);
	});
});

describe('option lists (loadOptions)', () => {
	const OPTION_LISTS: Array<[string, string, string, Entries, Array<{ name: string; value: string }>]> = [
		[
			'listTaxRates',
			'/v1/tax_rates',
			'active=true',
			[
				{ id: 'txr_1', display_name: 'VAT', percentage: 19, inclusive: false, jurisdiction: 'DE', country: 'DE' },
				{ id: 'txr_2', display_name: 'GST', percentage: 10, inclusive: true, jurisdiction: null, country: 'AU' },
				{ id: 'txr_3', display_name: 'Zero', percentage: 0, inclusive: false, jurisdiction: null, country: null },
			],
			[
				{ name: 'VAT · 19 % · exclusive · DE', value: 'txr_1' },
				{ name: 'GST · 10 % · inclusive · AU', value: 'txr_2' },
				{ name: 'Zero · 0 % · exclusive', value: 'txr_3' },
			],
		],
		[
			'listPrices',
			'/v1/prices',
			'active=true',
			[
				{ id: 'price_1', nickname: 'Monthly', unit_amount: 1500, currency: 'eur', recurring: { interval: 'month' }, product: 'prod_1' },
				{ id: 'price_2', nickname: null, lookup_key: 'seat', unit_amount: 500, currency: 'jpy', recurring: null, product: 'prod_2' },
				{ id: 'price_3', nickname: null, lookup_key: null, unit_amount: null, currency: 'usd', recurring: { interval: 'year' }, product: 'prod_3' },
			],
			[
				{ name: 'Monthly · 15.00 EUR / month · prod_1 · price_1', value: 'price_1' },
				{ name: 'seat · 500 JPY · prod_2 · price_2', value: 'price_2' },
				{ name: 'prod_3 · price_3', value: 'price_3' },
			],
		],
		[
			'listProducts',
			'/v1/products',
			'active=true',
			[
				{ id: 'prod_1', name: 'Seats' },
				{ id: 'prod_2', name: 'Setup' },
				{ id: 'prod_3', name: null },
			],
			[
				{ name: 'Seats · prod_1', value: 'prod_1' },
				{ name: 'Setup · prod_2', value: 'prod_2' },
				{ name: 'prod_3', value: 'prod_3' },
			],
		],
		[
			'listCoupons',
			'/v1/coupons',
			'',
			[
				{ id: 'co_1', name: 'Spring', percent_off: 25, amount_off: null, currency: null, duration: 'once', valid: true },
				{ id: 'FIVE', name: null, percent_off: null, amount_off: 500, currency: 'usd', duration: 'forever', valid: false },
				{ id: 'YEN', name: 'Yen off', percent_off: null, amount_off: 300, currency: 'jpy', duration: 'repeating', valid: true },
			],
			[
				{ name: 'Spring · 25 % off · once', value: 'co_1' },
				{ name: 'FIVE · 5.00 USD off · forever · no longer valid', value: 'FIVE' },
				{ name: 'Yen off · 300 JPY off · repeating', value: 'YEN' },
			],
		],
	];

	test.each(OPTION_LISTS)('%s reads %s?%s across pages and returns {name, value}', async (method, path, filter, entries, expected) => {
		// Two entries on the first page, the third on the second.
		recorder.respond((request) => {
			const query = qs.parse(request.query) as Record<string, string>;
			return query.starting_after
				? { body: { object: 'list', data: entries.slice(2), has_more: false } }
				: { body: { object: 'list', data: entries.slice(0, 2), has_more: true } };
		});
		expect(await options(method)).toEqual(expected);
		const prefix = filter ? `${filter}&` : '';
		expect(recorder.requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['GET', path, `${prefix}limit=100`],
			['GET', path, `${prefix}limit=100&starting_after=${entries[1].id}`],
		]);
	});

	test('a server that answers smaller pages is followed, and the last page asks only for what is missing', async () => {
		const all = numbered('txr', 700);
		recorder.respond((request) => {
			const query = qs.parse(request.query) as Record<string, string>;
			const start = query.starting_after ? all.findIndex((entry) => entry.id === query.starting_after) + 1 : 0;
			const data = all.slice(start, start + Math.min(60, Number(query.limit)));
			return { body: { object: 'list', data, has_more: start + data.length < all.length } };
		});
		const result = await options('listTaxRates');
		expect(result.map((entry) => entry.value)).toEqual(all.slice(0, 500).map((entry) => entry.id));
		const limits = recorder.requests.map((request) => (qs.parse(request.query) as Record<string, string>).limit);
		// 7 × 60 = 420 read, 80 missing; then 480 read, 20 missing.
		expect(limits).toEqual([...Array(7).fill('100'), '80', '20']);
	});
});

describe('errors in lists', () => {
	// Only an option list stays in its error state in n8n's editor until it is refreshed.
	const advice = (kind: string) => (kind === 'loadOptions' ? REFRESH_ADVICE : '');
	const EVERY_LIST: Array<['listSearch' | 'loadOptions', string, string, IDataObject]> = [
		['listSearch', 'searchDraftInvoices', 'draft invoices', line('')],
		['listSearch', 'searchInvoiceLines', 'lines of the invoice', line(rl('list', 'in_9'))],
		['listSearch', 'searchInvoiceItems', 'invoice items', itemScope()],
		['listSearch', 'searchCustomers', 'customers', itemScope()],
		['loadOptions', 'listTaxRates', 'active tax rates', itemScope()],
		['loadOptions', 'listPrices', 'active prices', itemScope()],
		['loadOptions', 'listProducts', 'active products', itemScope()],
		['loadOptions', 'listCoupons', 'coupons', itemScope()],
	];

	test('a 401 without a body still says the key was refused', async () => {
		recorder.respond(() => ({ status: 401, body: '' }));
		const error = await failure(call('listSearch', 'searchCustomers', itemScope()));
		expect(error.message).toBe('Could not list customers from Stripe: Stripe did not accept the API key. Check the key in the credential (secret sk_… or restricted rk_… key).');
	});

	test.each(EVERY_LIST)('%s %s: a publishable key is refused before anything is sent', async (kind, method, what, parameters) => {
		const error = await failure(call(kind, method, parameters, { credentials: { secretKey: 'pk_test_51PublishableKey000' } }));
		expect(error.message).toBe(
			`Could not list ${what} from Stripe: The Stripe credential holds a publishable key (pk_…). Use a secret key (sk_…) or a restricted key (rk_…).${advice(kind)}`,
		);
		expect(errorText(error)).not.toContain('pk_test_51PublishableKey000');
		expect(recorder.requests).toHaveLength(0);
	});

	test('a server error is tried once more, then reported', async () => {
		recorder.respond(() => ({ status: 500, body: { error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } } }));
		const error = await failure(call('loadOptions', 'listCoupons', itemScope()));
		expect(error.message).toBe(`Could not list coupons from Stripe: Something went wrong on Stripe’s end.${REFRESH_ADVICE}`);
		expect(recorder.requests).toHaveLength(2);
	});
});

describe('runs with resource locator values', () => {
	beforeEach(() => {
		recorder.respond((request) => ({ body: { id: request.path.split('/').pop(), object: 'line_item' } }));
	});

	const updateLineWith = (invoice: Value, lineItem: Value = rl('list', 'il_1')) =>
		({ resource: 'invoiceLineItem', operation: 'update', invoice, line_item_id: lineItem, updateFields: { quantity: 2 } }) as INodeParameters;

	test.each([
		['a dashboard URL of a connected account in test mode', rl('url', 'https://dashboard.stripe.com/acct_1Abc/test/invoices/in_9#x'), rl('list', 'il_1')],
		['From List', rl('list', 'in_9'), rl('id', 'il_1')],
		['By ID, with the line by API URL', rl('id', 'in_9'), rl('url', 'https://api.stripe.com/v1/invoices/in_9/lines/il_1?expand=x')],
	])('updates the line of the invoice given %s', async (_name, invoice, lineItem) => {
		const run = await runStripe(recorder, updateLineWith(invoice, lineItem));
		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => [request.method, request.path, request.body])).toEqual([
			['POST', '/v1/invoices/in_9/lines/il_1', 'quantity=2'],
		]);
		expect(checkPath(LINE_ITEM_UPDATE, recorder.requests[0].path)).toEqual({ invoice: 'in_9', line_item_id: 'il_1' });
		expect(checkFormBody(LINE_ITEM_UPDATE, recorder.requests[0].body).errors).toEqual([]);
	});

	/** What n8n's own parameter check (run before any node executes, and in the editor) says about the invoice. */
	const invoiceIssues = (invoice: Value) => {
		const parameters = updateLineWith(invoice);
		const issues = NodeHelpers.getNodeParametersIssues(
			node.description.properties,
			{ id: 'n', name: 'Stripe Invoicing', type: 'n8n-nodes-invoice-items.stripeInvoicing', typeVersion: 1, position: [0, 0], parameters },
			node.description,
		);
		return issues?.parameters?.invoice;
	};

	const FOREIGN = [
		['https://evil.example.com/invoices/in_9'],
		['https://dashboard.stripe.com.evil.com/invoices/in_9'],
		['https://evil.example.com/?https://dashboard.stripe.com/invoices/in_9'],
		['http://dashboard.stripe.com/invoices/in_9'],
		['https://dashboard.stripe.com/invoices/in_9%2F..'],
	];

	// That n8n then refuses to run the workflow is asserted for every provider (test/conformance).
	test.each(FOREIGN)('typed in By URL, %s is refused by n8n’s own parameter check in Stripe’s words', (url) => {
		expect(invoiceIssues(rl('url', url))).toEqual(['Not a Stripe dashboard invoice URL']);
	});

	test('the parameter check passes the dashboard URLs and ids the node takes', () => {
		expect(invoiceIssues(rl('url', 'https://dashboard.stripe.com/acct_1Abc/test/invoices/in_9#x'))).toBeUndefined();
		expect(invoiceIssues(rl('id', 'in_9'))).toBeUndefined();
		expect(invoiceIssues(rl('url', '={{ $json.url }}'))).toBeUndefined();
	});

	test('an id with a slash is refused in By ID mode: by n8n’s check when typed, by the node when given by expression', async () => {
		expect(invoiceIssues(rl('id', 'in_1/x'))).toEqual(['Not a valid ID: it must not contain / ? # % \\ or spaces']);
		await expect(runStripe(recorder, updateLineWith(rl('id', 'in_1/x')))).rejects.toThrow(WorkflowHasIssuesError);

		const run = await runStripe(recorder, updateLineWith(rl('id', '={{ $json.id }}')), { items: [{ id: 'in_1/x' }] });
		expect(run.error?.message).toBe('"Invoice ID" must not contain / ? # % \\ or whitespace, got "in_1/x" [item 0]');
		expect(recorder.requests).toHaveLength(0);
	});

	test('each item is checked on its own: a bad URL fails its item only (Continue On Fail)', async () => {
		const run = await runStripe(recorder, updateLineWith(rl('url', '={{ $json.url }}')), {
			items: [{ url: 'https://dashboard.stripe.com.evil.com/invoices/in_1' }, { url: 'https://dashboard.stripe.com/invoices/in_2' }],
			continueOnFail: true,
		});
		expect(recorder.requests.map((request) => request.path)).toEqual(['/v1/invoices/in_2/lines/il_1']);
		expect(run.output.map((item) => item.json.error ?? item.json.id)).toEqual([
			'"Invoice ID" must be a Stripe dashboard invoice URL, e.g. https://dashboard.stripe.com/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv [item 0]',
			'il_1',
		]);
	});

	test('the scope pickers of the invoice item are not sent; the item may be given by dashboard URL', async () => {
		recorder.respond((request) => ({ body: { id: request.path.split('/').pop(), object: 'invoiceitem' } }));
		const run = await runStripe(recorder, {
			resource: 'invoiceItem',
			operation: 'update',
			itemsOfInvoice: rl('list', 'in_9'),
			itemsOfCustomer: rl('url', 'https://dashboard.stripe.com/customers/cus_7'),
			invoiceitem: rl('url', 'https://dashboard.stripe.com/test/invoiceitems/ii_5'),
			updateFields: { quantity: 2 },
		});
		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => [request.method, request.url, request.body])).toEqual([
			['POST', '/v1/invoiceitems/ii_5', 'quantity=2'],
		]);
		expect(checkFormBody(INVOICE_ITEM_UPDATE, recorder.requests[0].body).errors).toEqual([]);
	});

	test('Get Many lines reads the invoice given by URL, with queries the spec allows', async () => {
		recorder.respond(fakeStripe({ '/v1/invoices/in_9/lines': LINES }));
		const run = await runStripe(recorder, {
			resource: 'invoiceLineItem',
			operation: 'getAll',
			invoice: rl('url', 'https://dashboard.stripe.com/invoices/in_9'),
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.output.map((item) => item.json.id)).toEqual(['il_1', 'il_2', 'il_3']);
		expect(recorder.requests.map((request) => [request.method, request.path])).toEqual([['GET', '/v1/invoices/in_9/lines']]);
	});
});

// ---------------------------------------------------------------------------------------------

describe('the spec check itself', () => {
	test.each([
		['an unknown parameter', { method: 'GET', path: '/v1/invoices', query: 'status=draft&q=acme' }, /must NOT have additional properties/],
		['a status Stripe does not have', { method: 'GET', path: '/v1/invoices', query: 'status=drafts' }, /status must be equal to one of the allowed values/],
		['a limit that is not a number', { method: 'GET', path: '/v1/customers', query: 'limit=ten' }, /limit must be integer/],
		['pending that is not a boolean', { method: 'GET', path: '/v1/invoiceitems', query: 'pending=yes' }, /pending must be boolean/],
		['status on the lines call', { method: 'GET', path: '/v1/invoices/in_9/lines', query: 'status=draft' }, /must NOT have additional properties/],
		['active on coupons', { method: 'GET', path: '/v1/coupons', query: 'active=true' }, /must NOT have additional properties/],
		['an email longer than 512', { method: 'GET', path: '/v1/customers', query: `email=${'a'.repeat(513)}` }, /email must NOT have more than 512 characters/],
		['a parameter twice', { method: 'GET', path: '/v1/products', query: 'active=true&active=false' }, /sent more than once: active/],
		['a path the spec does not list', { method: 'GET', path: '/v1/invoices/in_9/items', query: '' }, /none of the spec's list calls/],
		['a POST', { method: 'POST', path: '/v1/invoices', query: '' }, /none of the spec's list calls/],
	])('rejects %s', (_name, request, problem) => {
		expect(specProblems(request).join('\n')).toMatch(problem);
	});

	test('accepts what the pickers send, and covers every list call the generator cuts', () => {
		expect(Object.keys(contracts).sort()).toEqual([...generator.LIST_OPERATIONS].sort());
		expect(specProblems({ method: 'GET', path: '/v1/invoiceitems', query: 'customer=cus_7&pending=true&limit=50&starting_after=ii_1' })).toEqual([]);
		expect(specProblems({ method: 'GET', path: '/v1/invoices/in_9', query: '' })).toEqual([]);
	});

	const specFound = existsSync(generator.SPEC);
	(specFound ? test : test.skip)('test/fixtures/stripe.lists.json is what the official spec generates (run `npm run fixtures`)', () => {
		const fresh = generator.renderListFixtures(JSON.parse(readFileSync(generator.SPEC, 'utf8')));
		if (fresh !== readFileSync(LISTS_FIXTURE, 'utf8')) {
			throw new Error(`${LISTS_FIXTURE} is stale: the spec at ${generator.SPEC} now generates something else. Run \`npm run fixtures\`.`);
		}
	});
});
