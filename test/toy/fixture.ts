/** The toy provider's one fixture: what its answers, ids and words look like. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ConformanceFixture, PickerCall } from '../conformance/fixture';
import { listSearch, loadOptions, runNode } from '../harness/n8n';
import type { RecordedRequest } from '../harness/recorder';
import { ToyApi } from './ToyApi.credentials';
import { Toy } from './Toy.node';

export const TOY_KEY = 'toy_key_ThatMustNeverLeak_8d1f';

const credentials = (baseUrl: string) => ({ toyApi: { apiKey: TOY_KEY, baseUrl } });
const update = (ids: INodeParameters = {}): INodeParameters => ({
	resource: 'item',
	operation: 'update',
	invoice: 'inv-1',
	item: 'it-1',
	updateFields: { quantity: 2 },
	...ids,
});
const rename = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'item',
	operation: 'rename',
	invoice: 'inv-1',
	item: 'it-1',
	description: 'Seats',
	...extra,
});
const merge = (updateFields: IDataObject, extra: IDataObject = {}) =>
	({
		resource: 'item',
		operation: 'replace',
		invoice: 'inv-1',
		item: 'it-1',
		updateFields,
		...extra,
	}) as INodeParameters;
const replace = (updateFields: IDataObject, extra: IDataObject = {}): INodeParameters => ({
	...merge(updateFields, extra),
	updateMode: 'replace',
	quantity: 1,
});
const CURRENT = { id: 'it-1', quantity: 2, description: 'Seats', unitPrice: 5, amount: 10, createdAt: '2026-01-01T00:00:00Z' };
const ITEM = 'PUT /invoices/inv-1/items/it-1';
const getMany = (extra: INodeParameters): INodeParameters => ({ resource: 'item', operation: 'getAll', invoice: 'inv-1', ...extra });
/** A toy list answered page by page: `page` is where a page starts, `next` where the following one does. */
const tokenPages = (entries: IDataObject[]) => (request: RecordedRequest) => {
	const query = new URLSearchParams(request.query);
	const start = Number(query.get('page') ?? 0);
	const end = start + Number(query.get('limit'));
	return { body: { data: entries.slice(start, end), ...(end < entries.length ? { next: String(end) } : {}) } };
};
const products = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `prod-${index}`, name: `Product ${index}` }));
const INVOICES: PickerCall = { kind: 'listSearch', method: 'searchInvoices', what: 'invoices' };
const TOY_INVOICES = Array.from({ length: 45 }, (_, index) => ({ id: `inv-${index}`, title: `Invoice ${index}` }));
const invoiceLabels = (from: number, to: number) =>
	TOY_INVOICES.slice(from, to).map((invoice) => ({ name: invoice.title, value: invoice.id }));
const TOY_ITEMS = Array.from({ length: 250 }, (_, index) => ({ id: `it-${index}`, quantity: 1 }));
const QUANTITY = 'Field "quantity" of PATCH /invoices/{invoice}/items/{item}. Nothing was sent for this item.';
const LABELS: Record<string, string> = { invoice: 'Invoice ID', item: 'Item ID' };
const URLS: Record<string, string> = {
	invoice: 'a Toy URL of the invoice (…/invoices/<id>), e.g. https://app.toy.example/invoices/inv-1',
	item: 'a Toy URL of the item (…/items/<id>), e.g. https://app.toy.example/invoices/inv-1/items/it-1',
};

export const TOY: ConformanceFixture = {
	provider: 'Toy',
	secrets: [TOY_KEY],
	run: (url, parameters, options = {}) =>
		runNode({ node: new Toy(), credentialTypes: [new ToyApi()], credentials: credentials(url), parameters, ...options }),
	list: (url, call, { filter, paginationToken } = {}) =>
		(call.kind === 'listSearch' ? listSearch : loadOptions)({
			node: new Toy(),
			credentialTypes: [new ToyApi()],
			credentials: credentials(url),
			parameters: { resource: 'item', operation: 'update', ...call.parameters },
			method: call.method,
			filter,
			paginationToken,
		}),
	dependentList: {
		method: 'searchItems',
		what: 'items of the invoice',
		parameter: 'invoice',
		label: 'Invoice ID',
		parameters: {},
		id: 'inv-404',
		url: (id) => `/invoices/${id}/items?limit=50`,
		notFound: { status: 404, body: { error: 'No such invoice' } },
		refused: [['a URL of another site', { __rl: true, mode: 'url', value: 'https://evil.example/invoices/inv-1' }, `"Invoice ID" must be ${URLS.invoice}`]],
	},
	notAList: {
		call: { kind: 'listSearch', method: 'searchInvoices', what: 'invoices' },
		answer: { body: { invoices: [] } },
		message: 'Could not list invoices from Toy: Toy answered without a list in "data"',
	},
	unreachable: [
		{
			call: { kind: 'listSearch', method: 'searchInvoices', what: 'invoices' },
			message: 'Could not list invoices from Toy: Could not reach Toy: The service refused the connection - perhaps it is offline',
		},
	],
	pickers: {
		// `next` names the following page, 20 invoices at a time.
		paging: {
			call: INVOICES,
			serve: tokenPages(TOY_INVOICES),
			urls: ['/invoices?limit=20', '/invoices?limit=20&page=20', '/invoices?limit=20&page=40'],
			pages: [
				{ results: invoiceLabels(0, 20), paginationToken: expect.any(String) },
				{ results: invoiceLabels(20, 40), paginationToken: expect.any(String) },
				{ results: invoiceLabels(40, 45), paginationToken: undefined },
			],
		},
		// The toy has no search: the page read is narrowed, by label or id, ignoring case; its token stays.
		search: {
			call: INVOICES,
			serve: () => ({
				body: { data: [{ id: 'inv-1', title: 'March rent' }, { id: 'inv-2', title: 'April rent' }, { id: 'inv-3' }], next: '3' },
			}),
			searches: [
				{ filter: 'MARCH', result: { results: [{ name: 'March rent', value: 'inv-1' }], paginationToken: expect.any(String) } },
				{ filter: 'v-3', result: { results: [{ name: 'inv-3', value: 'inv-3' }], paginationToken: expect.any(String) } },
				{ filter: 'nobody', result: { results: [], paginationToken: expect.any(String) } },
			],
			urls: ['/invoices?limit=20', '/invoices?limit=20', '/invoices?limit=20'],
		},
		lookup: {
			call: INVOICES,
			typed: [['inv-7', '/invoices/inv-7']],
			answer: { body: { id: 'inv-7', title: 'July' } },
			result: { results: [{ name: 'July', value: 'inv-7' }] },
			notFound: { status: 404, body: { error: 'No such invoice' } },
			fails: { answer: { status: 403, body: { error: 'Not allowed' } }, message: 'Could not list invoices from Toy: Not allowed' },
		},
		optionList: {
			call: { kind: 'loadOptions', method: 'listProducts', what: 'products', parameters: { operation: 'replace' } },
			long: {
				serve: tokenPages(products(700)),
				urls: [
					'/products?limit=100',
					'/products?limit=100&page=100',
					'/products?limit=100&page=200',
					'/products?limit=100&page=300',
					'/products?limit=100&page=400',
				],
				first: { name: 'Product 0', value: 'prod-0' },
				last: { name: 'Product 499', value: 'prod-499' },
			},
			short: {
				serve: tokenPages([{ id: 'prod-x' }, ...products(149)]),
				urls: ['/products?limit=100', '/products?limit=100&page=100'],
				count: 150,
				first: [
					{ name: 'prod-x', value: 'prod-x' },
					{ name: 'Product 0', value: 'prod-0' },
				],
			},
		},
		parentGiven: {
			forms: [
				['a plain ID', 'inv-1'],
				['From List', { __rl: true, mode: 'list', value: 'inv-1' }],
				['By ID', { __rl: true, mode: 'id', value: 'inv-1' }],
				['By URL', { __rl: true, mode: 'url', value: 'https://app.toy.example/invoices/inv-1?tab=items' }],
			],
			answer: { body: { data: [{ id: 'it-1', description: 'Seats' }, { id: 'it-2' }] } },
			url: '/invoices/inv-1/items?limit=50',
			result: {
				results: [
					{ name: 'Seats', value: 'it-1' },
					{ name: 'it-2', value: 'it-2' },
				],
				paginationToken: undefined,
			},
		},
		refused: () => [
			{
				case: '401 on the invoices',
				call: INVOICES,
				answer: (request) => ({ status: 401, body: { error: `Unknown key ${String(request.headers['x-toy-key'])}` } }),
				message: 'Could not list invoices from Toy: Unknown key [redacted]',
				httpCode: '401',
			},
			{
				case: '403 on the items of an invoice',
				call: { kind: 'listSearch', method: 'searchItems', what: 'items of the invoice', parameters: { invoice: 'inv-1' } },
				answer: (request) => ({ status: 403, body: { error: `Key ${String(request.headers['x-toy-key'])} may not read items` } }),
				message: 'Could not list items of the invoice from Toy: Key [redacted] may not read items',
				httpCode: '403',
			},
		],
	},
	byUrl: {
		parameters: update,
		good: { invoice: 'https://app.toy.example/invoices/inv-1', item: 'https://app.toy.example/invoices/inv-1/items/it-1?tab=x' },
		requests: ['PATCH /invoices/inv-1/items/it-1'],
		foreign: [
			['another host', 'invoice', 'https://evil.example/invoices/inv-1'],
			['a look-alike host', 'invoice', 'https://app.toy.example.evil.example/invoices/inv-1'],
			['plain http', 'item', 'http://app.toy.example/invoices/inv-1/items/it-1'],
			['an invoice URL where the item goes', 'item', 'https://app.toy.example/invoices/inv-1'],
		],
		message: (pathId) => `"${LABELS[pathId]}" must be ${URLS[pathId]}`,
		request: 'PATCH /invoices/{invoice}/items/{item}',
	},
	pathIds: {
		calls: [
			{ parameters: (item) => update({ item }), message: /^"Item ID" must not contain/ },
			{ parameters: (invoice) => ({ resource: 'item', operation: 'get', invoice, item: 'it-1' }), message: /^"Invoice ID" must not contain/ },
		],
		encoded: { parameters: update({ item: 'it-ü' }), path: '/invoices/inv-1/items/it-%C3%BC' },
	},
	validRun: update(),
	respond: (request) => ({ body: { id: request.path.split('/').pop(), quantity: 2 } }),
	// The toy's token: `next` names the following page.
	paging: {
		entries: TOY_ITEMS,
		serve: tokenPages(TOY_ITEMS),
		returnAll: {
			parameters: getMany({ returnAll: true }),
			urls: ['/invoices/inv-1/items?limit=100', '/invoices/inv-1/items?limit=100&page=100', '/invoices/inv-1/items?limit=100&page=200'],
		},
		limit: {
			parameters: getMany({ returnAll: false, limit: 130 }),
			urls: ['/invoices/inv-1/items?limit=100', '/invoices/inv-1/items?limit=30&page=100'],
			count: 130,
		},
	},
	// Rename answers 204 without a body; Get reads the item.
	readBack: {
		parameters: rename(),
		serve: (request) => (request.method === 'PUT' ? { status: 204, body: '' } : { body: { id: 'it-1', quantity: 2, description: 'Seats' } }),
		requests: ['PUT /invoices/inv-1/items/it-1/description', 'GET /invoices/inv-1/items/it-1'],
		output: { id: 'it-1', quantity: 2, description: 'Seats' },
		skipped: { parameters: rename({ options: { readBack: false } }), output: { invoice: 'inv-1', item: 'it-1', updated: true } },
		readFails: { answer: { status: 404, body: { error: 'No such item' } }, message: 'No such item', httpCode: '404' },
	},
	// Replace writes the whole item with a PUT; Merge reads it with Get first. JSON, with null for a cleared field.
	replaces: {
		merge,
		replace,
		current: CURRENT,
		serve: (current) => (request) =>
			request.method === 'PUT' ? { body: { ...current, ...JSON.parse(request.body), amount: 99 } } : { body: current },
		reads: ['GET /invoices/inv-1/items/it-1'],
		write: ITEM,
		contentType: 'application/json',
		readOnly: ['id', 'amount', 'createdAt'],
		change: {
			updateFields: { quantity: 3 },
			body: '{"quantity":3,"description":"Seats","unitPrice":5}',
			output: { ...CURRENT, quantity: 3, amount: 99 },
		},
		cleared: { clearFields: { description: true }, body: { quantity: 2, description: null, unitPrice: 5 } },
		empties: {
			current: { id: 'it-1', quantity: 2, description: null, unitPrice: null, amount: 0 },
			updateFields: { quantity: 3 },
			body: '{"quantity":3,"description":null}',
		},
		missing: {
			current: { id: 'it-1', description: 'broken' },
			updateFields: { description: 'fixed' },
			message: '"Quantity" is missing from the current item and must be set [item 0]',
			given: { quantity: 2 },
			body: { quantity: 2, description: 'fixed' },
		},
		perItem: {
			parameters: merge({ quantity: '={{ $json.q }}' }, { item: '={{ $json.item }}' }),
			items: [
				{ item: 'it-1', q: 5 },
				{ item: 'it-2', q: 7 },
			],
			requests: ['GET /invoices/inv-1/items/it-1', 'GET /invoices/inv-1/items/it-2', ITEM, 'PUT /invoices/inv-1/items/it-2'],
			readBeforeWrite: [
				['GET /invoices/inv-1/items/it-1', ITEM],
				['GET /invoices/inv-1/items/it-2', 'PUT /invoices/inv-1/items/it-2'],
			],
			written: (request) => [request.path, JSON.parse(request.body).quantity],
			sent: [
				['/invoices/inv-1/items/it-1', 5],
				['/invoices/inv-1/items/it-2', 7],
			],
			output: [{ quantity: 5 }, { quantity: 7 }],
		},
		readFails: { answer: { status: 404, body: { error: 'No such item' } }, message: 'No such item', httpCode: '404' },
		replaced: { updateFields: { description: 'Seats' }, body: '{"quantity":1,"description":"Seats"}' },
		replacedCleared: {
			updateFields: { unitPrice: 2 },
			clearFields: { description: true },
			body: { quantity: 1, description: null, unitPrice: 2 },
		},
		givesNothing: {
			parameters: replace({ description: '={{ $json.note }}' }),
			items: [{ note: 'Seats' }, {}],
			message: '"Description" is empty: its expression gave nothing [item 1]',
			description:
				'Give it a value, or remove it (to clear it, use Clear Fields → Description). Field "description" of PUT /invoices/{invoice}/items/{item}. Nothing was sent for this item.',
		},
	},
	items: {
		continueOnFail: {
			parameters: update({ updateFields: { quantity: '={{ $json.quantity }}' } }),
			items: [{ quantity: 1 }, { quantity: 0 }, { quantity: 13 }, { quantity: 4 }],
			respond: (request) =>
				JSON.parse(request.body).quantity === 13 ? { status: 409, body: { error: 'The invoice is locked' } } : { body: { id: 'it-1', ...JSON.parse(request.body) } },
			written: (requests) => requests.map((request) => JSON.parse(request.body).quantity),
			sent: [1, 13, 4],
			output: [
				{ id: 'it-1', quantity: 1 },
				{ error: '"Quantity" must be at least 1 [item 1]', description: QUANTITY },
				expect.objectContaining({ error: 'The invoice is locked', httpCode: '409' }),
				{ id: 'it-1', quantity: 4 },
			],
		},
		badFields: [
			{
				case: 'a whole-number quantity',
				parameters: update({ updateFields: { quantity: '={{ $json.q }}' } }),
				items: [{ q: 1 }, { q: 'lots' }, { q: 2 }],
				respond: (request) => ({ body: { id: 'it-1', ...JSON.parse(request.body) } }),
				written: (requests) => requests.map((request) => JSON.parse(request.body).quantity),
				sent: [1, 2],
				error: '"Quantity" must be a whole number, got "lots" [item 1]',
				description: QUANTITY,
			},
		],
		nothingToUpdate: [
			['no field', update({ updateFields: {} })],
			['only options', update({ updateFields: {}, options: { timeout: 1000 } })],
			['Merge, before the item is read', merge({})],
		],
		stops: {
			parameters: update({ updateFields: { quantity: '={{ $json.quantity }}' } }),
			items: [{ quantity: 1 }, { quantity: 2 }, { quantity: 'three' }],
			message: '"Quantity" must be a whole number, got "three" [item 2]',
			description: QUANTITY,
		},
	},
	echoes: [
		{
			case: 'Toy echoes the key',
			parameters: update(),
			answer: (request) => ({ status: 401, body: { error: `Unknown key ${String(request.headers['x-toy-key'])}` } }),
			failed: { message: 'Unknown key [redacted]', httpCode: '401' },
			reported: { error: 'Unknown key [redacted]', httpCode: '401' },
			kept: 'Unknown key',
		},
	],
};
