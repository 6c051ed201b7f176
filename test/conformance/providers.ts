/** The four providers' conformance fixtures: what their answers, ids and words look like. */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters, INodeParameterResourceLocator } from 'n8n-workflow';

import { RebillyApi } from '../../credentials/RebillyApi.credentials';
import { RebillyJwtApi } from '../../credentials/RebillyJwtApi.credentials';
import { SequenceApi } from '../../credentials/SequenceApi.credentials';
import { SpacebringApi } from '../../credentials/SpacebringApi.credentials';
import { SpacebringOAuth2Api } from '../../credentials/SpacebringOAuth2Api.credentials';
import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import { REFRESH_ADVICE } from '../../nodes/shared/listing';
import { listSearch, loadOptions, type ListMethodOptions } from '../harness/n8n';
import type { RecordedRequest, Recorder } from '../harness/recorder';
import {
	CURRENT_ITEM,
	CURRENT_WRITABLE,
	ITEMS_PATH,
	ITEM_PATH,
	ORGANIZATION,
	READ_ONLY,
	TEST_API_KEY,
	TEST_JWT,
	getItem as rebillyGet,
	getMany as rebillyGetMany,
	itemServer,
	mergeUpdate,
	problem,
	replaceUpdate,
	runRebilly,
	type Auth,
} from '../harness/rebilly';
import {
	BASIC,
	CLIENT_ID as SEQUENCE_CLIENT,
	CLIENT_SECRET as SEQUENCE_SECRET,
	INVOICE,
	LINE,
	REQUIRED,
	cursorAt,
	getMany,
	invoiceServer,
	lineItem,
	merge,
	others,
	replace,
	runSequence,
	servicePeriod,
	writable,
} from '../harness/sequence';
import {
	ACCESS_TOKEN,
	BASIC_HEADER,
	CLIENT_ID as SPACEBRING_CLIENT,
	CLIENT_SECRET as SPACEBRING_SECRET,
	INVOICE_ID,
	ITEM_ID,
	NETWORK_ID,
	REFRESH_TOKEN,
	getItem,
	getManyItems,
	oauth2Data,
	runSpacebring,
	sampleItem,
	updateItem as spacebringUpdate,
	type SpacebringAuth,
} from '../harness/spacebring';
import {
	INVOICES as STRIPE_INVOICES,
	LINES as STRIPE_LINE_ENTRIES,
	TEST_KEY,
	numbered,
	runStripe,
	updateItem as stripeUpdate,
} from '../harness/stripe';
import { TOY } from '../toy/fixture';
import type { ConformanceFixture, PickerCall } from './fixture';

const rl = (mode: 'list' | 'id' | 'url', value: string): INodeParameterResourceLocator => ({ __rl: true, mode, value });

/** Calls a picker with the node's credentials, as the editor does. */
const picker = (options: Omit<ListMethodOptions, 'method' | 'parameters'>, call: PickerCall, parameters: INodeParameters, filter?: string, paginationToken?: string) =>
	(call.kind === 'listSearch' ? listSearch : loadOptions)({ ...options, method: call.method, parameters: { ...parameters, ...call.parameters }, filter, paginationToken });

const STRIPE_INVOICE_URL = '"Invoice ID" must be a Stripe dashboard invoice URL, e.g. https://dashboard.stripe.com/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv';
const stripeLines = (extra: INodeParameters): INodeParameters => ({ resource: 'invoiceLineItem', operation: 'getAll', invoice: 'in_1', ...extra });
const STRIPE_LINES = Array.from({ length: 250 }, (_, index) => ({ id: `il_${index}`, object: 'line_item' }));
const STRIPE_QUANTITY = 'Field "quantity" of POST /v1/invoiceitems/{invoiceitem}. Nothing was sent for this item.';
const stripeLine = (ids: Record<string, INodeParameterResourceLocator | string>) =>
	({ resource: 'invoiceLineItem', operation: 'update', invoice: 'in_9', line_item_id: rl('list', 'il_1'), ...ids, updateFields: { quantity: 2 } }) as INodeParameters;

const STRIPE_DRAFTS: PickerCall = {
	kind: 'listSearch',
	method: 'searchDraftInvoices',
	what: 'draft invoices',
	parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: '' },
};
/** A Stripe list answered page by page: `limit`, `starting_after` the last id seen, `has_more`. */
const stripePages = (entries: IDataObject[]) => (request: RecordedRequest) => {
	const query = new URLSearchParams(request.query);
	const after = query.get('starting_after');
	const start = after ? entries.findIndex((entry) => entry.id === after) + 1 : 0;
	const end = start + Number(query.get('limit'));
	return { body: { object: 'list', data: entries.slice(start, end), has_more: end < entries.length } };
};
const STRIPE_NUMBERED = numbered('in', 120, (index) => ({ number: `N-${index}`, total: 100, currency: 'eur' }));
const stripeNumbered = (from: number, to: number) =>
	STRIPE_NUMBERED.slice(from, to).map((invoice, index) => ({ name: `N-${from + index + 1} · 1.00 EUR`, value: invoice.id }));
const STRIPE_ITEM_SCOPE = { resource: 'invoiceItem', operation: 'update' };
/** Every picker of the node, with the parameters the editor holds for it. */
const STRIPE_PICKERS: PickerCall[] = [
	STRIPE_DRAFTS,
	{
		kind: 'listSearch',
		method: 'searchInvoiceLines',
		what: 'lines of the invoice',
		parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: rl('list', 'in_9') },
	},
	{ kind: 'listSearch', method: 'searchInvoiceItems', what: 'invoice items', parameters: STRIPE_ITEM_SCOPE },
	{ kind: 'listSearch', method: 'searchCustomers', what: 'customers', parameters: STRIPE_ITEM_SCOPE },
	{ kind: 'loadOptions', method: 'listTaxRates', what: 'active tax rates', parameters: STRIPE_ITEM_SCOPE },
	{ kind: 'loadOptions', method: 'listPrices', what: 'active prices', parameters: STRIPE_ITEM_SCOPE },
	{ kind: 'loadOptions', method: 'listProducts', what: 'active products', parameters: STRIPE_ITEM_SCOPE },
	{ kind: 'loadOptions', method: 'listCoupons', what: 'coupons', parameters: STRIPE_ITEM_SCOPE },
];
const STRIPE_ACME = { name: 'Draft · Acme · 12.50 USD · 2025-11-21', value: 'in_1' };
const STRIPE_INV_2 = { name: 'INV-0002 · bob@example.com · 5000 JPY · 2025-11-22', value: 'in_2' };
const STRIPE_NEXT = JSON.stringify({ starting_after: 'in_3' });

const stripe: ConformanceFixture = {
	provider: 'Stripe',
	secrets: [TEST_KEY],
	run: (url, parameters, options) => runStripe({ url } as Recorder, parameters, options),
	list: (url, call, { filter, paginationToken } = {}) =>
		picker(
			{ node: new StripeInvoicing(), credentialTypes: [new StripeInvoicingApi()], credentials: { stripeInvoicingApi: { secretKey: TEST_KEY, baseUrl: url } } },
			call,
			{},
			filter,
			paginationToken,
		),
	dependentList: {
		method: 'searchInvoiceLines',
		what: 'lines of the invoice',
		parameter: 'invoice',
		label: 'Invoice ID',
		parameters: { resource: 'invoiceLineItem', operation: 'update' },
		id: 'in_gone',
		url: (id) => `/v1/invoices/${id}/lines?limit=50`,
		notFound: {
			status: 404,
			body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'invoice', message: "No such invoice: 'in_gone'" } },
		},
		refused: [
			['a foreign host', rl('url', 'https://evil.example.com/invoices/in_9'), /^"Invoice ID" must be a Stripe dashboard invoice URL, e\.g\. https:\/\/dashboard\.stripe\.com\/invoices\//],
			['a look-alike host', rl('url', 'https://dashboard.stripe.com.evil.com/invoices/in_9'), /^"Invoice ID" must be a Stripe dashboard invoice URL/],
			['plain http', rl('url', 'http://dashboard.stripe.com/invoices/in_9'), /^"Invoice ID" must be a Stripe dashboard invoice URL/],
			['another object’s URL', rl('url', 'https://dashboard.stripe.com/customers/cus_1'), /^"Invoice ID" must be a Stripe dashboard invoice URL/],
			['an id with a slash', rl('id', 'in_1/x'), /^"Invoice ID" must not contain \/ \? # % \\ or whitespace, got "in_1\/x"/],
		],
	},
	notAList: {
		call: { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices', parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: '' } },
		answer: { body: { object: 'invoice', id: 'in_1' } },
		message: 'Could not list draft invoices from Stripe: Stripe answered without a list in "data"',
	},
	// One path for every list (send → listingError); one list search and one option list show it.
	unreachable: [
		{
			call: { kind: 'listSearch', method: 'searchInvoiceLines', what: 'lines of the invoice', parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: rl('list', 'in_9') } },
			message: 'Could not list lines of the invoice from Stripe: Could not reach Stripe: The service refused the connection - perhaps it is offline',
		},
		{
			call: { kind: 'loadOptions', method: 'listTaxRates', what: 'active tax rates', parameters: { resource: 'invoiceItem', operation: 'update' } },
			// Only an option list stays in its error state in n8n's editor until it is refreshed.
			message: `Could not list active tax rates from Stripe: Could not reach Stripe: The service refused the connection - perhaps it is offline${REFRESH_ADVICE}`,
		},
	],
	pickers: {
		// has_more and the last id as the cursor, 50 a page.
		paging: {
			call: STRIPE_DRAFTS,
			serve: stripePages(STRIPE_NUMBERED),
			urls: [
				'/v1/invoices?status=draft&limit=50',
				'/v1/invoices?status=draft&limit=50&starting_after=in_0050',
				'/v1/invoices?status=draft&limit=50&starting_after=in_0100',
			],
			pages: [
				{ results: stripeNumbered(0, 50), paginationToken: JSON.stringify({ starting_after: 'in_0050' }) },
				{ results: stripeNumbered(50, 100), paginationToken: JSON.stringify({ starting_after: 'in_0100' }) },
				{ results: stripeNumbered(100, 120), paginationToken: undefined },
			],
		},
		// Stripe cannot search invoices by text: the page read is narrowed (one request, label or id, any case); paging goes on.
		search: {
			call: STRIPE_DRAFTS,
			serve: () => ({ body: { object: 'list', data: STRIPE_INVOICES, has_more: true } }),
			searches: [
				{ filter: 'ACME', result: { results: [STRIPE_ACME], paginationToken: STRIPE_NEXT } },
				{ filter: '0002', result: { results: [STRIPE_INV_2], paginationToken: STRIPE_NEXT } },
				{ filter: 'nobody', result: { results: [], paginationToken: STRIPE_NEXT } },
			],
			urls: Array(3).fill('/v1/invoices?status=draft&limit=50'),
		},
		lookup: {
			call: STRIPE_DRAFTS,
			typed: [[' in_x9 ', '/v1/invoices/in_x9']],
			answer: { body: { ...STRIPE_INVOICES[1], id: 'in_x9' } },
			result: { results: [{ ...STRIPE_INV_2, value: 'in_x9' }] },
			notFound: {
				status: 404,
				body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'invoice', message: "No such invoice: 'in_x9'" } },
			},
			fails: {
				answer: {
					status: 403,
					body: { error: { type: 'invalid_request_error', message: 'This key lacks the permission rak_invoice_read' } },
				},
				message: 'Could not list draft invoices from Stripe: This key lacks the permission rak_invoice_read',
			},
		},
		// 100 a page, the last id as the cursor.
		optionList: {
			call: STRIPE_PICKERS[6],
			long: {
				serve: stripePages(numbered('prod', 1000, (index) => ({ name: `P${index}` }))),
				urls: [
					'/v1/products?active=true&limit=100',
					...[100, 200, 300, 400].map((after) => `/v1/products?active=true&limit=100&starting_after=prod_0${after}`),
				],
				first: { name: 'P1 · prod_0001', value: 'prod_0001' },
				last: { name: 'P500 · prod_0500', value: 'prod_0500' },
			},
			short: {
				serve: stripePages(numbered('prod', 150)),
				urls: ['/v1/products?active=true&limit=100', '/v1/products?active=true&limit=100&starting_after=prod_0100'],
				count: 150,
				first: [{ name: 'prod_0001', value: 'prod_0001' }],
			},
		},
		parentGiven: {
			forms: [
				['a plain id (older workflows, expressions)', 'in_9'],
				['From List', rl('list', 'in_9')],
				['By ID', rl('id', 'in_9')],
				['By URL, test mode', rl('url', 'https://dashboard.stripe.com/test/invoices/in_9')],
				[
					'By URL, connected account, query and fragment',
					rl('url', 'https://dashboard.stripe.com/acct_1Abc/test/invoices/in_9?tab=lines#x'),
				],
				['By URL, live mode with a trailing slash', rl('url', ' https://dashboard.stripe.com/invoices/in_9/ ')],
			],
			answer: { body: { object: 'list', data: STRIPE_LINE_ENTRIES, has_more: false } },
			url: '/v1/invoices/in_9/lines?limit=50',
			result: {
				results: [
					{ name: 'Seats · × 3 · 30.00 USD', value: 'il_1' },
					{ name: 'Refund · -5.00 EUR', value: 'il_2' },
					// Nothing to show but the id.
					{ name: 'il_3', value: 'il_3' },
				],
				paginationToken: undefined,
			},
		},
		// Stripe answers with the key masked: not even that is shown.
		refused: () =>
			STRIPE_PICKERS.map((call) => ({
				case: `401 on ${call.method}`,
				call,
				answer: () => ({
					status: 401,
					headers: { 'request-id': 'req_123' },
					body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****0000' } },
				}),
				message: `Could not list ${call.what} from Stripe: Invalid API Key provided: sk_test_[redacted]${call.kind === 'loadOptions' ? REFRESH_ADVICE : ''}`,
				httpCode: '401',
				also: ['sk_test_****0000', '****0000'],
			})),
	},
	byUrl: {
		parameters: stripeLine,
		good: { invoice: 'https://dashboard.stripe.com/invoices/in_9', line_item_id: 'https://api.stripe.com/v1/invoices/in_9/lines/il_1' },
		requests: ['POST /v1/invoices/in_9/lines/il_1'],
		foreign: [
			['a foreign host', 'invoice', 'https://evil.example.com/invoices/in_9'],
			['a look-alike host', 'invoice', 'https://dashboard.stripe.com.evil.com/invoices/in_9'],
			['a dashboard URL in the query of another site', 'invoice', 'https://evil.example.com/?https://dashboard.stripe.com/invoices/in_9'],
			['plain http', 'invoice', 'http://dashboard.stripe.com/invoices/in_9'],
			['an encoded slash in the id', 'invoice', 'https://dashboard.stripe.com/invoices/in_9%2F..'],
		],
		message: () => STRIPE_INVOICE_URL,
		request: 'POST /v1/invoices/{invoice}/lines/{line_item_id}',
	},
	pathIds: {
		calls: [{ parameters: (invoiceitem) => stripeUpdate({ quantity: 1 }, { invoiceitem }), message: /^"Invoice Item ID" must not contain.* \[item 0\]$/s }],
		more: ['../invoices/in_1', 'ii_1/lines', 'ii_1?expand=x', 'ii_1#x', 'ii_%2e%2e', 'ii 1', 'ii\\1'],
		encoded: { parameters: stripeUpdate({ quantity: 1 }, { invoiceitem: 'ii_ünï' }), path: '/v1/invoiceitems/ii_%C3%BCn%C3%AF' },
	},
	validRun: stripeUpdate({ quantity: 1 }),
	respond: (request) => ({ body: { id: request.path.split('/').pop(), object: 'line_item' } }),
	paging: {
		entries: STRIPE_LINES,
		serve: (request) => {
			const query = new URLSearchParams(request.query);
			const limit = Number(query.get('limit'));
			const after = query.get('starting_after');
			const start = after ? STRIPE_LINES.findIndex((line) => line.id === after) + 1 : 0;
			const data = STRIPE_LINES.slice(start, start + limit);
			return { body: { object: 'list', data, has_more: start + limit < STRIPE_LINES.length, url: request.path } };
		},
		// 100 at a time, cursor = last id.
		returnAll: {
			parameters: stripeLines({ returnAll: true }),
			urls: ['/v1/invoices/in_1/lines?limit=100', '/v1/invoices/in_1/lines?limit=100&starting_after=il_99', '/v1/invoices/in_1/lines?limit=100&starting_after=il_199'],
		},
		limit: {
			parameters: stripeLines({ returnAll: false, limit: 130 }),
			urls: ['/v1/invoices/in_1/lines?limit=100', '/v1/invoices/in_1/lines?limit=30&starting_after=il_99'],
			count: 130,
		},
	},
	items: {
		continueOnFail: {
			parameters: stripeUpdate({ quantity: '={{ $json.quantity }}' }),
			items: [{ quantity: 1 }, { quantity: -2 }, { quantity: 13 }, { quantity: 4 }],
			respond: (request) =>
				request.body.includes('quantity=13')
					? { status: 400, body: { error: { message: 'This invoice is finalized', code: 'invoice_not_editable' } } }
					: { body: { id: 'ii_123', echo: request.body } },
			written: (requests) => requests.map((request) => request.body),
			sent: ['quantity=1', 'quantity=13', 'quantity=4'],
			output: [
				{ id: 'ii_123', echo: 'quantity=1' },
				{ error: '"Quantity" must be at least 0 [item 1]', description: STRIPE_QUANTITY },
				expect.objectContaining({ error: 'This invoice is finalized', httpCode: '400', code: 'invoice_not_editable' }),
				{ id: 'ii_123', echo: 'quantity=4' },
			],
		},
		badFields: [
			{
				case: 'a decimal quantity',
				parameters: stripeUpdate({ quantity_decimal: '={{ $json.q }}' }),
				items: [{ q: '1.5' }, { q: 'lots' }, { q: '2.5' }],
				respond: () => ({ body: { id: 'ii_1', object: 'invoiceitem' } }),
				written: (requests) => requests.map((request) => request.body),
				sent: ['quantity_decimal=1.5', 'quantity_decimal=2.5'],
				error: '"Quantity Decimal" must be a decimal number such as 12.5, got "lots" [item 1]',
				description: 'Field "quantity_decimal" of POST /v1/invoiceitems/{invoiceitem}. Nothing was sent for this item.',
			},
		],
		nothingToUpdate: [
			['no field', stripeUpdate({})],
			['only options', stripeUpdate({}, { options: { expand: ['discounts'] } })],
		],
		stops: {
			parameters: stripeUpdate({ quantity: '={{ $json.quantity }}' }),
			items: [{ quantity: 1 }, { quantity: 2 }, { quantity: 'three' }],
			message: '"Quantity" must be a whole number, got "three" [item 2]',
			description: STRIPE_QUANTITY,
		},
	},
	echoes: [
		{
			case: 'Stripe echoes the key',
			parameters: stripeUpdate({ quantity: 1 }),
			answer: () => ({
				status: 401,
				body: { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${TEST_KEY} (also sk_test_****************0000)` } },
			}),
			failed: { message: expect.stringContaining('Invalid API Key provided') },
			reported: { error: expect.stringContaining('Invalid API Key provided') },
			also: ['0000'],
		},
	],
};

const REBILLY_ITEMS = Array.from({ length: 1500 }, (_, index) => ({ id: `ii-${index}`, type: 'debit', unitPrice: index }));
const REBILLY_QUANTITY = 'Field "quantity" of PUT /invoices/{invoiceId}/items/{itemId}. Nothing was sent for this item.';
const REBILLY_LABELS: Record<string, string> = { invoiceId: 'Invoice ID', itemId: 'Item ID' };
const rebillyCredentials = (baseUrl: string): Record<string, ICredentialDataDecryptedObject> => {
	const common = { environment: 'custom', baseUrl, organizationId: ORGANIZATION };
	return { rebillyApi: { apiKey: TEST_API_KEY, ...common }, rebillyJwtApi: { token: TEST_JWT, ...common } };
};

const REBILLY_DRAFTS = `/organizations/${ORGANIZATION}/invoices?filter=status%3Adraft&sort=-createdTime`;
const REBILLY_DRAFT_CALL: PickerCall = { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' };
const rebillyInvoices = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => ({ id: `in-${from + index}`, invoiceNumber: from + index, amount: 1, currency: 'USD' }));
const rebillyLabels = (from: number, count: number) =>
	rebillyInvoices(from, count).map((invoice) => ({ name: `#${invoice.invoiceNumber} · 1.00 USD`, value: invoice.id }));
const REBILLY_FORBIDDEN = 'The API key or token is not allowed to do this. It needs access to invoices of this organization.';
const offsetOf = (request: RecordedRequest) => Number(new URLSearchParams(request.query).get('offset') ?? 0);
/** A problem document that echoes the credential in use, as a careless server or proxy might. */
const rebillyEcho = (status: number, title: string) => (request: RecordedRequest) =>
	problem(status, {
		title,
		detail: request.headers['reb-apikey']
			? `Rejected REB-APIKEY ${String(request.headers['reb-apikey'])}`
			: `Rejected ${String(request.headers.authorization)}`,
	});

const rebilly: ConformanceFixture = {
	provider: 'Rebilly',
	secrets: [TEST_API_KEY, TEST_JWT],
	run: (url, parameters, { authentication, ...options } = {}) => runRebilly(url, parameters, { ...options, auth: authentication as Auth | undefined }),
	authentications: ['apiKey', 'jwt'],
	list: (url, call, { authentication, filter, paginationToken } = {}) =>
		picker(
			{ node: new Rebilly(), credentialTypes: [new RebillyApi(), new RebillyJwtApi()], credentials: rebillyCredentials(url) },
			call,
			// The editor sends every parameter, defaults included: Authentication is always there.
			{ authentication: authentication ?? 'apiKey', resource: 'invoiceItem', operation: 'update' },
			filter,
			paginationToken,
		),
	dependentList: {
		method: 'searchInvoiceItems',
		what: 'items of the invoice',
		parameter: 'invoiceId',
		label: 'Invoice ID',
		parameters: {},
		id: 'in-404',
		url: (id) => `/organizations/${ORGANIZATION}/invoices/${id}/items?limit=100`,
		notFound: {
			status: 404,
			headers: { 'Content-Type': 'application/problem+json' },
			body: { status: 404, type: 'about:blank', title: 'Not Found', detail: 'Invoice not found' },
		},
		refused: [['a foreign URL', rl('url', 'https://app.rebilly.com.evil.example/org-1/invoices/in-1'), /^"Invoice ID" must be a Rebilly app or API URL of the invoice/]],
	},
	notAList: {
		call: { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' },
		answer: { body: { id: 'in-1', note: 'a single object' } },
		message: 'Could not list draft invoices from Rebilly: Rebilly answered without a list',
	},
	unreachable: [
		{
			call: { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' },
			message: /^Could not list draft invoices from Rebilly: Could not reach Rebilly: The service refused the connection/,
		},
	],
	pickers: {
		// Limit and offset, 50 a page while pages are full; a short page is the last.
		paging: {
			call: REBILLY_DRAFT_CALL,
			serve: (request) => ({ body: rebillyInvoices(offsetOf(request), offsetOf(request) < 100 ? 50 : 7) }),
			urls: [`${REBILLY_DRAFTS}&limit=50`, `${REBILLY_DRAFTS}&limit=50&offset=50`, `${REBILLY_DRAFTS}&limit=50&offset=100`],
			pages: [
				{ results: rebillyLabels(0, 50), paginationToken: expect.any(String) },
				{ results: rebillyLabels(50, 50), paginationToken: expect.any(String) },
				{ results: rebillyLabels(100, 7), paginationToken: undefined },
			],
		},
		// Rebilly's own search (q) decides what matches (e.g. the customer's name): nothing is narrowed.
		search: {
			call: REBILLY_DRAFT_CALL,
			serve: (request) => ({ body: rebillyInvoices(offsetOf(request), offsetOf(request) === 0 ? 50 : 1) }),
			searches: [{ filter: '1042', result: { results: rebillyLabels(0, 50), paginationToken: expect.any(String) }, next: true }],
			urls: [`${REBILLY_DRAFTS}&q=1042&limit=50`, `${REBILLY_DRAFTS}&q=1042&limit=50&offset=50`],
		},
		// One page of up to 500: Rebilly's list takes that many.
		optionList: {
			call: { kind: 'loadOptions', method: 'listProducts', what: 'products' },
			long: {
				serve: (request) => ({
					body: Array.from({ length: Number(new URLSearchParams(request.query).get('limit')) }, (_, index) => ({
						id: `prod-${index}`,
						name: `Product ${index}`,
						unitLabel: 'seat',
					})),
				}),
				urls: [`/organizations/${ORGANIZATION}/products?sort=name&limit=500`],
				first: { name: 'Product 0 · seat · prod-0', value: 'prod-0' },
				last: { name: 'Product 499 · seat · prod-499', value: 'prod-499' },
			},
			short: {
				serve: () => ({ body: [{ id: 'prod-1', name: 'Seat' }, { id: 'prod-2' }] }),
				urls: [`/organizations/${ORGANIZATION}/products?sort=name&limit=500`],
				count: 2,
				first: [
					{ name: 'Seat · prod-1', value: 'prod-1' },
					{ name: 'prod-2', value: 'prod-2' },
				],
			},
		},
		parentGiven: {
			forms: [
				['a plain ID (older workflows)', 'in-1'],
				['From List', rl('list', 'in-1')],
				['By ID', rl('id', 'in-1')],
				['By URL, the app address', rl('url', 'https://app.rebilly.com/org-1/invoices/in-1')],
				[
					'By URL, a sandbox API address going on past the id',
					rl('url', 'https://api-sandbox.rebilly.com/organizations/org-1/invoices/in-1/items?limit=5'),
				],
			],
			answer: { body: [{ id: 'ii-1', type: 'debit', description: 'Seats, January', quantity: 4, unitPrice: 12.5, price: 50 }] },
			url: `${ITEMS_PATH}?limit=100`,
			result: { results: [{ name: 'Seats, January · × 4 · 50.00', value: 'ii-1' }], paginationToken: undefined },
		},
		refused: (authentication) => [
			{
				case: '401 on the draft invoices',
				call: REBILLY_DRAFT_CALL,
				answer: rebillyEcho(401, 'Unauthorized'),
				message:
					'Could not list draft invoices from Rebilly: Rebilly did not accept the credentials. Check the API key or token, that it was made in the chosen environment (sandbox or live), and the organization ID.',
				description: `Rebilly says: Unauthorized: Rejected ${authentication === 'jwt' ? 'Bearer' : 'REB-APIKEY'} [redacted]`,
				httpCode: '401',
			},
			{
				case: '403 on the items of an invoice',
				call: { kind: 'listSearch', method: 'searchInvoiceItems', what: 'items of the invoice', parameters: { invoiceId: 'in-1' } },
				answer: rebillyEcho(403, 'Forbidden'),
				message: `Could not list items of the invoice from Rebilly: ${REBILLY_FORBIDDEN}`,
			},
			{
				case: '403 on the products option list',
				call: { kind: 'loadOptions', method: 'listProducts', what: 'products' },
				answer: rebillyEcho(403, 'Forbidden'),
				message: `Could not list products from Rebilly: ${REBILLY_FORBIDDEN}${REFRESH_ADVICE}`,
			},
		],
	},
	byUrl: {
		parameters: (ids) => mergeUpdate({ quantity: 5 }, ids),
		good: { invoiceId: 'https://app.rebilly.com/org-1/invoices/in-1', itemId: 'https://api.rebilly.com/organizations/org-1/invoices/in-1/items/ii-1' },
		requests: [`GET ${ITEM_PATH}`, `PUT ${ITEM_PATH}`],
		foreign: [
			['another host', 'invoiceId', 'https://evil.example/org-1/invoices/in-1'],
			['a look-alike host', 'invoiceId', 'https://app.rebilly.com.evil.example/org-1/invoices/in-1'],
			['a host hidden after user info', 'invoiceId', 'https://app.rebilly.com@evil.example/invoices/in-1'],
			['plain http', 'invoiceId', 'http://app.rebilly.com/org-1/invoices/in-1'],
			['an invoice URL where the item goes', 'itemId', 'https://app.rebilly.com/org-1/invoices/in-1'],
			['a look-alike host for the item', 'itemId', 'https://api.rebilly.com.evil.example/invoices/in-1/items/ii-1'],
		],
		message: (pathId) => new RegExp(`^"${REBILLY_LABELS[pathId]}" must be a Rebilly (app or API )?URL`),
		request: 'PUT /invoices/{invoiceId}/items/{itemId}',
	},
	pathIds: {
		calls: [
			{ parameters: (itemId) => replaceUpdate({ type: 'debit', unitPrice: 1 }, {}, { itemId }), message: /^"Item ID" must not contain/ },
			{ parameters: (invoiceId) => replaceUpdate({ type: 'debit', unitPrice: 1 }, {}, { invoiceId }), message: /^"Invoice ID" must not contain/ },
		],
	},
	validRun: rebillyGet(),
	respond: () => ({ body: CURRENT_ITEM }),
	// Limit and offset, the body is the list: 1000 a page (Rebilly's maximum) until a short page.
	paging: {
		entries: REBILLY_ITEMS,
		serve: (request) => {
			const query = new URLSearchParams(request.query);
			const offset = Number(query.get('offset') ?? 0);
			return { body: REBILLY_ITEMS.slice(offset, offset + Number(query.get('limit'))) };
		},
		returnAll: { parameters: rebillyGetMany({ returnAll: true }), urls: [`${ITEMS_PATH}?limit=1000`, `${ITEMS_PATH}?limit=1000&offset=1000`] },
		limit: {
			parameters: rebillyGetMany({ returnAll: false, limit: 1200, options: { expand: 'product,plan' } }),
			urls: [`${ITEMS_PATH}?expand=product%2Cplan&limit=1000`, `${ITEMS_PATH}?expand=product%2Cplan&limit=200&offset=1000`],
			count: 1200,
		},
	},
	// PUT replaces the whole item; Merge reads it with a GET. Rebilly takes null for a cleared field.
	replaces: {
		merge: mergeUpdate,
		replace: (updateFields, extra) => replaceUpdate({ type: 'credit', unitPrice: 7.5 }, updateFields, extra),
		current: CURRENT_ITEM,
		serve: itemServer,
		reads: [`GET ${ITEM_PATH}`],
		write: `PUT ${ITEM_PATH}`,
		contentType: 'application/json',
		readOnly: READ_ONLY,
		change: {
			updateFields: { description: 'Seats, February' },
			body: JSON.stringify({ ...CURRENT_WRITABLE, description: 'Seats, February' }),
			output: { ...CURRENT_ITEM, ...CURRENT_WRITABLE, description: 'Seats, February', price: 1, updatedTime: '2026-02-01T00:00:00Z' },
		},
		cleared: { clearFields: { productId: true, periodNumber: true }, body: { ...CURRENT_WRITABLE, productId: null, periodNumber: null } },
		empties: {
			current: {
				id: 'ii-1',
				type: 'credit',
				unitPrice: 3,
				price: 3,
				productId: null,
				planId: null,
				periodStartTime: null,
				periodEndTime: null,
				periodNumber: null,
				tax: null,
			},
			updateFields: { quantity: 1 },
			body: JSON.stringify({
				type: 'credit',
				unitPrice: 3,
				quantity: 1,
				productId: null,
				periodStartTime: null,
				periodEndTime: null,
				periodNumber: null,
			}),
		},
		missing: {
			current: { id: 'ii-1', description: 'broken' },
			updateFields: { quantity: 2 },
			message: '"Type" is missing from the current item and must be set [item 0]',
			given: { type: 'debit', unitPrice: 4 },
			body: { type: 'debit', description: 'broken', unitPrice: 4, quantity: 2 },
		},
		perItem: {
			parameters: mergeUpdate({ quantity: '={{ $json.seats }}' }, { itemId: '={{ $json.item }}' }),
			items: [
				{ item: 'ii-1', seats: 5 },
				{ item: 'ii-2', seats: 7 },
			],
			requests: [`GET ${ITEMS_PATH}/ii-1`, `GET ${ITEMS_PATH}/ii-2`, `PUT ${ITEMS_PATH}/ii-1`, `PUT ${ITEMS_PATH}/ii-2`],
			readBeforeWrite: [
				[`GET ${ITEMS_PATH}/ii-1`, `PUT ${ITEMS_PATH}/ii-1`],
				[`GET ${ITEMS_PATH}/ii-2`, `PUT ${ITEMS_PATH}/ii-2`],
			],
			written: (request) => [request.path.split('/').pop(), (JSON.parse(request.body) as IDataObject).quantity],
			sent: [
				['ii-1', 5],
				['ii-2', 7],
			],
			output: [{ quantity: 5 }, { quantity: 7 }],
		},
		readFails: {
			answer: problem(404, { detail: 'Invoice item not found' }),
			message: 'Rebilly found no such invoice or invoice item. Check the IDs, the environment (sandbox or live) and the organization ID.',
			httpCode: '404',
		},
		replaced: {
			updateFields: { description: 'Goodwill credit' },
			body: JSON.stringify({ type: 'credit', description: 'Goodwill credit', unitPrice: 7.5 }),
		},
		replacedCleared: {
			updateFields: { description: 'Seats' },
			clearFields: { productId: true },
			body: { type: 'credit', description: 'Seats', unitPrice: 7.5, productId: null },
		},
		givesNothing: {
			parameters: replaceUpdate({ type: 'debit', unitPrice: 3 }, { description: '={{ $json.note }}' }),
			items: [{ note: 'Seats' }, {}],
			message: '"Description" is empty: its expression gave nothing [item 1]',
			description:
				'Give it a value, or remove it. Field "description" of PUT /invoices/{invoiceId}/items/{itemId}. Nothing was sent for this item.',
		},
	},
	items: {
		continueOnFail: {
			parameters: replaceUpdate({ type: 'debit', unitPrice: 2 }, { quantity: '={{ $json.quantity }}' }),
			items: [{ quantity: 1 }, { quantity: 1.5 }, { quantity: 13 }, { quantity: 4 }],
			respond: (request) => {
				const body = request.body ? (JSON.parse(request.body) as IDataObject) : {};
				if (body.quantity === 13) {
					return problem(422, { title: 'Invalid data sent', invalidFields: [{ field: 'quantity', message: 'unlucky' }] });
				}
				return { body: { ...CURRENT_ITEM, ...body } };
			},
			written: (requests) => requests.map((request) => (JSON.parse(request.body) as IDataObject).quantity),
			sent: [1, 13, 4],
			output: [
				expect.objectContaining({ quantity: 1 }),
				{ error: '"Quantity" must be a whole number, got 1.5 [item 1]', description: REBILLY_QUANTITY },
				expect.objectContaining({ httpCode: '422', description: 'Invalid fields:\n• quantity: unlucky' }),
				expect.objectContaining({ quantity: 4 }),
			],
		},
		badFields: [
			{
				case: 'a unit price in Replace mode',
				parameters: replaceUpdate({ type: 'debit', unitPrice: '={{ $json.value }}' }),
				items: [{ value: 3 }, { value: '3,50' }, { value: 4 }],
				respond: () => ({ body: { id: 'ii-1', type: 'debit', unitPrice: 3, quantity: 1 } }),
				written: (requests) => requests.map((request) => (JSON.parse(request.body) as IDataObject).unitPrice),
				sent: [3, 4],
				error: '"Unit Price" must be a finite number, got "3,50" [item 1]',
				description: 'Field "unitPrice" of PUT /invoices/{invoiceId}/items/{itemId}. Nothing was sent for this item.',
			},
		],
		nothingToUpdate: [['Merge, before the item is read', mergeUpdate({})]],
		stops: {
			parameters: mergeUpdate({ quantity: '={{ $json.q }}' }),
			items: [{ q: 1 }, { q: 2 }, { q: 'many' }],
			message: '"Quantity" must be a whole number, got "many" [item 2]',
			description: REBILLY_QUANTITY,
		},
	},
	echoes: (
		[
			['apiKey', TEST_API_KEY],
			['jwt', TEST_JWT],
		] as const
	).map(([authentication, secret]) => ({
		case: `Rebilly echoes the secret (${authentication})`,
		authentication,
		parameters: mergeUpdate({ quantity: 1 }),
		answer: () =>
			problem(401, { title: 'Unauthorized', detail: `Credentials ${secret} are not valid`, invalidFields: [{ field: 'auth', message: `bad ${secret}` }] }),
		failed: { description: expect.stringContaining('[redacted]') },
		reported: { httpCode: '401' },
	})),
};

const SEQUENCE_LIST = `/invoices/${INVOICE}/line-items`;
const SEQUENCE_LINES = others(250, 'li');
const SEQUENCE_LABELS: Record<string, string> = { invoice: 'Invoice ID', id: 'Line Item ID' };

const SEQUENCE_DRAFTS = '/invoices?invoiceStatus=DRAFT';
const SEQUENCE_DRAFT_CALL: PickerCall = { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' };
const sequenceInvoice = (index: number) => ({ id: `inv-${index}`, invoiceNumber: `INV-${index}`, grossTotal: '1', currency: 'EUR' });
const sequenceLabels = (from: number, to: number) =>
	Array.from({ length: to - from }, (_, index) => ({ name: `INV-${from + index} · 1.00 EUR`, value: `inv-${from + index}` }));
/** Pages of `size` entries (invoices unless told), with cursors c1, c2 … until `pages` pages were served; Sequence may answer fewer than asked and still have more. */
const cursorPaged =
	(pages: number, size: number, entry: (index: number) => IDataObject = sequenceInvoice) =>
	(request: RecordedRequest) => {
		const after = new URLSearchParams(request.query).get('after');
		const page = after ? Number(after.replace('c', '')) : 0;
		const items = Array.from({ length: size }, (_, index) => entry(page * size + index));
		return {
			body: {
				items,
				pagination: page + 1 < pages ? { after: `c${page + 1}`, totalResultSize: pages * size } : { totalResultSize: pages * size },
			},
		};
	};
const SEQUENCE_REFUSED =
	'Could not list draft invoices from Sequence: Sequence did not accept the client ID and secret. Check them in the credential, and that its region is the one the API client was created in (sandbox or production).';
/** Sequence's error body, echoing the credentials as a careless server or proxy might. */
const sequenceEcho = (status: number, type: string) => () => ({
	status,
	body: { error: { type, message: `Rejected ${BASIC} for ${SEQUENCE_CLIENT}:${SEQUENCE_SECRET}` } },
});

const sequence: ConformanceFixture = {
	provider: 'Sequence',
	secrets: [SEQUENCE_SECRET, BASIC.slice('Basic '.length)],
	run: (url, parameters, options) => runSequence(url, parameters, options),
	list: (url, call, { filter, paginationToken } = {}) =>
		picker(
			{
				node: new SequenceBilling(),
				credentialTypes: [new SequenceApi()],
				credentials: { sequenceApi: { clientId: SEQUENCE_CLIENT, clientSecret: SEQUENCE_SECRET, region: 'custom', baseUrl: url } },
			},
			call,
			{ resource: 'invoiceLineItem', operation: 'update' },
			filter,
			paginationToken,
		),
	dependentList: {
		method: 'searchLineItems',
		what: 'line items of the invoice',
		parameter: 'invoice',
		label: 'Invoice ID',
		parameters: {},
		id: INVOICE,
		url: (id) => `/invoices/${id}/line-items?limit=100`,
		notFound: { status: 404, body: { error: { type: 'NotFound', message: 'Invoice not found' } } },
		refused: [
			['a look-alike URL', rl('url', `https://dashboard.sequencehq.com.evil.example/invoices/${INVOICE}`), /^"Invoice ID" must be a Sequence URL of the invoice/],
			['an ID with a slash', rl('id', `${INVOICE}/line-items`), /^"Invoice ID" must not contain \/ \? # % \\ or whitespace/],
		],
	},
	notAList: {
		call: { kind: 'loadOptions', method: 'listPrices', what: 'prices' },
		answer: { body: { data: [] } },
		message: `Could not list prices from Sequence: Sequence answered without a list in "items"${REFRESH_ADVICE}`,
	},
	unreachable: [
		{
			call: { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' },
			message: /^Could not list draft invoices from Sequence: Could not reach Sequence: The service refused the connection/,
		},
	],
	pickers: {
		// Only the cursor (pagination.after) decides whether there is more.
		paging: {
			call: SEQUENCE_DRAFT_CALL,
			serve: cursorPaged(3, 20),
			urls: [`${SEQUENCE_DRAFTS}&limit=50`, `${SEQUENCE_DRAFTS}&limit=50&after=c1`, `${SEQUENCE_DRAFTS}&limit=50&after=c2`],
			pages: [
				{ results: sequenceLabels(0, 20), paginationToken: expect.any(String) },
				{ results: sequenceLabels(20, 40), paginationToken: expect.any(String) },
				{ results: sequenceLabels(40, 60), paginationToken: undefined },
			],
		},
		// Sequence's own search decides what matches: nothing is narrowed.
		search: {
			call: SEQUENCE_DRAFT_CALL,
			serve: cursorPaged(2, 3),
			searches: [{ filter: 'INV-1', result: { results: sequenceLabels(0, 3), paginationToken: expect.any(String) }, next: true }],
			urls: [`${SEQUENCE_DRAFTS}&search=INV-1&limit=50`, `${SEQUENCE_DRAFTS}&search=INV-1&limit=50&after=c1`],
		},
		lookup: {
			call: SEQUENCE_DRAFT_CALL,
			typed: [
				[INVOICE, `/invoices/${INVOICE}`],
				[INVOICE.toUpperCase(), `/invoices/${INVOICE.toUpperCase()}`],
			],
			answer: {
				body: {
					id: INVOICE,
					status: 'DRAFT',
					invoiceNumber: null,
					customerLegalCompanyName: 'Acme Ltd',
					grossTotal: '12.5',
					currency: 'USD',
					createdAt: '2026-04-01T09:00:00Z',
				},
			},
			result: { results: [{ name: 'Draft · Acme Ltd · 12.50 USD · 2026-04-01', value: INVOICE }] },
			notFound: { status: 404, body: { error: { type: 'NotFound', message: 'Invoice not found' } } },
			fails: { answer: sequenceEcho(401, 'Unauthorized')(), message: SEQUENCE_REFUSED },
		},
		optionList: {
			call: { kind: 'loadOptions', method: 'listPrices', what: 'prices' },
			long: {
				serve: cursorPaged(9, 100, (index) => ({
					id: `price-${index}`,
					name: `Price ${index}`,
					currency: 'EUR',
					billingFrequency: 'MONTHLY',
				})),
				urls: [
					'/prices?limit=100',
					'/prices?limit=100&after=c1',
					'/prices?limit=100&after=c2',
					'/prices?limit=100&after=c3',
					'/prices?limit=100&after=c4',
				],
				first: { name: 'Price 0 · EUR · MONTHLY · price-0', value: 'price-0' },
				last: { name: 'Price 499 · EUR · MONTHLY · price-499', value: 'price-499' },
			},
			short: {
				serve: cursorPaged(2, 100, (index) => ({ id: `price-${index}`, ...(index % 2 ? { name: `Price ${index}` } : {}) })),
				urls: ['/prices?limit=100', '/prices?limit=100&after=c1'],
				count: 200,
				first: [
					{ name: 'price-0', value: 'price-0' },
					{ name: 'Price 1 · price-1', value: 'price-1' },
				],
			},
		},
		parentGiven: {
			forms: [
				['a plain ID (older workflows)', INVOICE],
				['From List', rl('list', INVOICE)],
				['By ID', rl('id', INVOICE)],
				['By URL, the dashboard address', rl('url', `https://dashboard.sequencehq.com/invoices/${INVOICE}`)],
				[
					'By URL, an API address of one of its line items',
					rl('url', `https://eu.sequencehq.com/api/invoices/${INVOICE}/line-items/${LINE}?x=1`),
				],
			],
			answer: { body: { items: [lineItem(LINE)], pagination: {} } },
			url: `${SEQUENCE_LIST}?limit=100`,
			result: { results: [{ name: 'Ferraris · × 2 · 101.23', value: LINE }], paginationToken: undefined },
		},
		refused: () => [
			{
				case: '401 on the draft invoices',
				call: SEQUENCE_DRAFT_CALL,
				answer: sequenceEcho(401, 'Unauthorized'),
				message: SEQUENCE_REFUSED,
				description: /^Type: Unauthorized · Sequence says: Rejected Basic \[redacted\]/,
				httpCode: '401',
			},
			{
				case: '403 on the line items of an invoice',
				call: { kind: 'listSearch', method: 'searchLineItems', what: 'line items of the invoice', parameters: { invoice: INVOICE } },
				answer: sequenceEcho(403, 'Forbidden'),
				message: 'Could not list line items of the invoice from Sequence: The Sequence API client is not allowed to do this',
			},
			{
				case: '403 on the prices option list',
				call: { kind: 'loadOptions', method: 'listPrices', what: 'prices' },
				answer: sequenceEcho(403, 'Forbidden'),
				message: `Could not list prices from Sequence: The Sequence API client is not allowed to do this${REFRESH_ADVICE}`,
			},
		],
	},
	byUrl: {
		parameters: (ids) => merge({ quantity: 3 }, ids),
		good: { invoice: `https://dashboard.sequencehq.com/invoices/${INVOICE}`, id: `https://eu.sequencehq.com/api/invoices/${INVOICE}/line-items/${LINE}` },
		requests: [`GET ${SEQUENCE_LIST}?limit=100`, `PUT ${SEQUENCE_LIST}/${LINE}`],
		foreign: [
			['another host', 'invoice', `https://evil.example/invoices/${INVOICE}`],
			['a look-alike host', 'invoice', `https://dashboard.sequencehq.com.evil.example/invoices/${INVOICE}`],
			['a host that only ends like Sequence’s', 'invoice', `https://notsequencehq.com/invoices/${INVOICE}`],
			['a host hidden after user info', 'invoice', `https://dashboard.sequencehq.com@evil.example/invoices/${INVOICE}`],
			['plain http', 'invoice', `http://dashboard.sequencehq.com/invoices/${INVOICE}`],
			['an invoice URL where the line item goes', 'id', `https://dashboard.sequencehq.com/invoices/${INVOICE}`],
			['a look-alike host for the line item', 'id', `https://eu.sequencehq.com.evil.example/api/invoices/${INVOICE}/line-items/${LINE}`],
			['a line item URL without a UUID', 'id', `https://eu.sequencehq.com/api/invoices/${INVOICE}/line-items/line-1`],
		],
		message: (pathId) => new RegExp(`^"${SEQUENCE_LABELS[pathId]}" must be a Sequence URL of the`),
		request: 'PUT /invoices/{invoice}/line-items/{id}',
	},
	pathIds: {
		calls: [
			{ parameters: (id) => merge({ title: 'x' }, { id }), message: /^"Line Item ID" must not contain/ },
			{ parameters: (invoice) => getMany({ invoice }), message: /^"Invoice ID" must not contain/ },
		],
		more: ['../line-items', `${LINE}/x`, `${LINE}?x=1`, `${LINE}#x`, 'li%2F1', 'li 1', 'li\\1', 'li\n1'],
		encoded: { parameters: replace(REQUIRED, {}, { id: 'lï-ü' }), path: `/invoices/${INVOICE}/line-items/l%C3%AF-%C3%BC` },
	},
	validRun: replace(REQUIRED),
	respond: (request) =>
		request.method === 'PUT' ? { body: { ...lineItem(LINE), ...JSON.parse(request.body) } } : { body: { items: [lineItem(LINE)], pagination: {} } },
	// Sequence's cursor, pagination.after, 100 a page, until there is no cursor.
	paging: {
		entries: SEQUENCE_LINES,
		serve: invoiceServer(SEQUENCE_LINES),
		returnAll: {
			parameters: getMany({ returnAll: true }),
			urls: [
				`${SEQUENCE_LIST}?limit=100`,
				`${SEQUENCE_LIST}?limit=100&after=${encodeURIComponent(cursorAt(100))}`,
				`${SEQUENCE_LIST}?limit=100&after=${encodeURIComponent(cursorAt(200))}`,
			],
		},
		// With the sort order.
		limit: {
			parameters: getMany({ returnAll: false, limit: 130, options: { sortOrder: 'ASC' } }),
			urls: [`${SEQUENCE_LIST}?sortOrder=ASC&limit=100`, `${SEQUENCE_LIST}?sortOrder=ASC&limit=30&after=${encodeURIComponent(cursorAt(100))}`],
			count: 130,
		},
	},
	// PUT replaces the whole line item; Merge finds it in the invoice's list. Sequence takes no nulls: a cleared field is left out.
	replaces: {
		merge,
		replace: (updateFields, extra) => replace(REQUIRED, updateFields, extra),
		current: lineItem(LINE),
		serve: (current) => invoiceServer([current]),
		reads: [`GET ${SEQUENCE_LIST}?limit=100`],
		write: `PUT ${SEQUENCE_LIST}/${LINE}`,
		contentType: 'application/json',
		readOnly: ['id', 'invoiceId', 'index', 'netTotal', 'totalTax', 'grossTotal', 'productId'],
		change: {
			updateFields: { quantity: 3, description: 'Blue' },
			body: JSON.stringify({ ...writable(lineItem(LINE)), quantity: '3', description: 'Blue' }),
			output: { ...lineItem(LINE), quantity: '3', description: 'Blue' },
		},
		cleared: {
			clearFields: { description: true, priceId: true },
			body: Object.fromEntries(Object.entries(writable(lineItem(LINE))).filter(([key]) => key !== 'description' && key !== 'priceId')),
		},
		empties: {
			current: lineItem(LINE, {
				description: null,
				servicePeriod: null,
				servicePeriodStart: null,
				servicePeriodEnd: null,
				groupId: null,
				externalIds: [],
			}),
			updateFields: { rate: '99.90' },
			body: JSON.stringify({
				title: 'Ferraris',
				quantity: '2',
				rate: '99.90',
				taxRate: '0.2',
				priceId: 'fe2fcd0b-4c53-45c7-b2ae-b6c1a7d21e95',
				rateDisplay: 'ABSOLUTE',
				externalIds: [],
				revenueClassification: 'EARNED',
				creditGrantId: 'fe2fcd0b-4c53-45c7-b2ae-b6c1a7d21e95',
				revenueRecognitionMethod: 'USAGE',
			}),
		},
		missing: {
			current: lineItem(LINE, { taxRate: null }),
			updateFields: { title: 'x' },
			message: '"Tax Rate" is missing from the current item and must be set [item 0]',
			given: { taxRate: '0' },
			body: { ...writable(lineItem(LINE)), title: 'x', taxRate: '0' },
		},
		perItem: {
			parameters: merge({ quantity: '={{ $json.seats }}', title: '={{ $json.title }}' }),
			items: [
				{ seats: 5, title: 'Seats (A)' },
				{ seats: '7.5', title: 'Seats (B)' },
			],
			requests: [`GET ${SEQUENCE_LIST}`, `GET ${SEQUENCE_LIST}`, `PUT ${SEQUENCE_LIST}/${LINE}`, `PUT ${SEQUENCE_LIST}/${LINE}`],
			readBeforeWrite: [[`GET ${SEQUENCE_LIST}`, `PUT ${SEQUENCE_LIST}/${LINE}`]],
			written: (request) => {
				const body = JSON.parse(request.body) as IDataObject;
				return [body.quantity, body.title];
			},
			sent: [
				['5', 'Seats (A)'],
				['7.5', 'Seats (B)'],
			],
			output: [
				{ quantity: '5', title: 'Seats (A)' },
				{ quantity: '7.5', title: 'Seats (B)' },
			],
		},
		readFails: {
			answer: { status: 401, headers: { 'Content-Type': 'application/json' }, body: { error: { message: 'Invalid credentials' } } },
			message:
				'Sequence did not accept the client ID and secret. Check them in the credential, and that its region is the one the API client was created in (sandbox or production).',
			httpCode: '401',
		},
		replaced: {
			updateFields: { description: 'Monthly', rateDisplay: 'ABSOLUTE', servicePeriod: servicePeriod('2026-01-01', '2026-01-31') },
			body: JSON.stringify({
				title: 'Platform fee',
				description: 'Monthly',
				quantity: '1',
				rate: '100.00',
				taxRate: '0.2',
				servicePeriodStart: '2026-01-01T00:00:00Z',
				servicePeriodEnd: '2026-01-31T00:00:00Z',
				servicePeriod: { startDate: '2026-01-01', endDate: '2026-01-31' },
				rateDisplay: 'ABSOLUTE',
				externalIds: [{ key: 'Xero', value: 'XERO-1' }],
			}),
		},
		replacedCleared: {
			updateFields: { description: 'x' },
			clearFields: { groupId: true },
			body: {
				title: 'Platform fee',
				description: 'x',
				quantity: '1',
				rate: '100.00',
				taxRate: '0.2',
				externalIds: [{ key: 'Xero', value: 'XERO-1' }],
			},
		},
		givesNothing: {
			parameters: replace(REQUIRED, { description: '={{ $json.note }}' }),
			items: [{}],
			message: '"Description" is empty: its expression gave nothing [item 0]',
			description:
				'Give it a value, or remove it (to clear it, use Clear Fields → Description). Field "description" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
		},
	},
	items: {
		continueOnFail: {
			parameters: merge({ quantity: '={{ $json.quantity }}' }),
			items: [{ quantity: 1 }, { quantity: '1,5' }, { quantity: 13 }, { quantity: '4.25' }],
			respond: (request) => {
				if (request.method === 'GET') return { body: { items: [lineItem(LINE)], pagination: { totalResultSize: 1 } } };
				return JSON.parse(request.body).quantity === '13'
					? { status: 400, body: { error: { type: 'ValidationError', message: 'Invoice is finalised' } } }
					: { body: { id: LINE, echo: JSON.parse(request.body).quantity } };
			},
			written: (requests) => requests.filter((request) => request.method === 'PUT').map((request) => JSON.parse(request.body).quantity),
			sent: ['1', '13', '4.25'],
			output: [
				{ id: LINE, echo: '1' },
				{
					error: '"Quantity" must be a decimal number such as 12.5, got "1,5" [item 1]',
					description: 'Field "quantity" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
				},
				expect.objectContaining({ error: 'Sequence refused the request: Invoice is finalised', httpCode: '400', type: 'ValidationError' }),
				{ id: LINE, echo: '4.25' },
			],
		},
		badFields: [
			{
				case: 'a rate in Replace mode',
				parameters: replace({ ...REQUIRED, rate: '={{ $json.value }}' }),
				items: [{ value: '100.00' }, { value: '1,5' }, { value: '120.00' }],
				respond: () => ({ body: lineItem(LINE) }),
				written: (requests) => requests.map((request) => JSON.parse(request.body).rate),
				sent: ['100.00', '120.00'],
				error: '"Rate" must be a decimal number such as 12.5, got "1,5" [item 1]',
				description: 'Field "rate" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
			},
			{
				// The field is named by its path in the body.
				case: 'a date of the service period in Merge mode',
				parameters: merge({ servicePeriod: servicePeriod('={{ $json.from }}', '={{ $json.to }}') }),
				items: [
					{ from: '2026-01-01', to: '2026-01-31' },
					{ from: '2026-03-01', to: '31.03.2026' },
					{ from: '2026-02-01', to: '2026-02-28' },
				],
				respond: () => ({ body: { items: [lineItem(LINE)], pagination: {} } }),
				written: (requests) => requests.filter((request) => request.method === 'PUT').map((request) => JSON.parse(request.body).servicePeriod),
				sent: [
					{ startDate: '2026-01-01', endDate: '2026-01-31' },
					{ startDate: '2026-02-01', endDate: '2026-02-28' },
				],
				error: '"Service Period → End Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31 [item 1]',
				description: 'Field "servicePeriod.endDate" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
			},
		],
		nothingToUpdate: [['Merge, before the line item is read', merge({})]],
		stops: {
			parameters: merge({ rate: '={{ $json.rate }}' }),
			items: [{ rate: '10' }, { rate: 20 }, { rate: 'twenty' }],
			message: '"Rate" must be a decimal number such as 12.5, got "twenty" [item 2]',
			description: 'Field "rate" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
		},
	},
	echoes: [
		{
			case: 'Sequence echoes the secret or the Basic token',
			parameters: replace(REQUIRED),
			answer: () => ({
				status: 401,
				headers: { 'Content-Type': 'application/json' },
				body: { error: { type: 'Unauthorized', message: `Bad credentials ${SEQUENCE_SECRET} in ${BASIC} (${BASIC.replace('Basic ', 'basic  ')})` } },
			}),
			failed: { description: expect.stringContaining('Bad credentials') },
			reported: { error: expect.stringMatching(/^Sequence did not accept/) },
			kept: 'Bad credentials',
		},
	],
};

const SPACEBRING_ITEMS = Array.from({ length: 250 }, (_, index) => sampleItem({ id: `item-${index}` }));
const SPACEBRING_FILTERS =
	`customerRef=${NETWORK_ID}&type=custom%2Corder&status=draft%2Cissued` +
	'&createDate[gte]=2026-01-01T00%3A00%3A00.000Z&createDate[lte]=2026-01-31T23%3A59%3A59.000Z';
const SPACEBRING_FIELD = (field: string) => `Field "${field}" of PATCH /billing/invoices/v1/items/{id}. Nothing was sent for this item.`;
const OTHER_ITEM = 'b1e5c0de-7d2a-4c11-9f3e-5a6b7c8d9e0f';
const SPACEBRING_ID_RULE = /^"Invoice Item ID" must (not contain|be a UUID)/s;

const SPACEBRING_INVOICES = '/billing/invoices/v1';
const SPACEBRING_DRAFT_CALL: PickerCall = { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' };
const INV = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SPACEBRING_PAGE_ONE = [
	{
		id: INV(1),
		status: 'draft',
		title: 'March rent',
		customerName: 'Acme GmbH',
		totalAmount: 120.5,
		currencyCode: 'eur',
		createDate: '2026-03-01T09:30:00.000Z',
	},
	{
		id: INV(2),
		status: 'draft',
		number: 'INV-0007',
		customer: { id: INV(90), type: 'user', title: 'Jane Roe' },
		totalAmount: 0,
		currencyCode: 'USD',
		createDate: '2026-03-02T00:00:00Z',
	},
	{ id: INV(3), status: 'draft' },
];
const SPACEBRING_MARCH = { name: 'March rent · Acme GmbH · 120.50 EUR · 2026-03-01', value: INV(1) };
const SPACEBRING_JANE = { name: 'INV-0007 · Jane Roe · 0.00 USD · 2026-03-02', value: INV(2) };
const SPACEBRING_MORE = JSON.stringify({ nextPageToken: 'more' });

const spacebring: ConformanceFixture = {
	provider: 'Spacebring',
	secrets: [ACCESS_TOKEN, REFRESH_TOKEN, SPACEBRING_SECRET, BASIC_HEADER.slice('Basic '.length)],
	run: (url, parameters, { authentication, ...options } = {}) =>
		runSpacebring(url, parameters, { ...options, auth: authentication as SpacebringAuth | undefined }),
	authentications: ['oAuth2', 'basicAuth'] satisfies SpacebringAuth[],
	list: (url, call, { authentication, filter, paginationToken } = {}) =>
		picker(
			{
				node: new Spacebring(),
				credentialTypes: [new SpacebringOAuth2Api(), new SpacebringApi()],
				credentials: {
					spacebringOAuth2Api: oauth2Data(url) as ICredentialDataDecryptedObject,
					spacebringApi: { clientId: SPACEBRING_CLIENT, clientSecret: SPACEBRING_SECRET, baseUrl: url },
				},
			},
			call,
			{ authentication: authentication ?? 'oAuth2', resource: 'invoiceItem', operation: 'update' },
			filter,
			paginationToken,
		),
	dependentList: {
		method: 'searchInvoiceItems',
		what: 'items of the invoice',
		parameter: 'itemsOfInvoice',
		label: 'Pick Items of Invoice',
		parameters: {},
		id: OTHER_ITEM,
		url: (id) => `/billing/invoices/v1/${id}/items`,
		notFound: { status: 404, body: { message: 'Not found' } },
		refused: [
			['not a UUID', 'in_123', '"Pick Items of Invoice" must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6'],
			['a path', `${INVOICE_ID}/../x`, `"Pick Items of Invoice" must not contain / ? # % \\ or whitespace, got "${INVOICE_ID}/../x"`],
			[
				'a URL of another site',
				rl('url', `https://evil.example/billing/invoices/v1/${INVOICE_ID}`),
				'"Pick Items of Invoice" must be a Spacebring URL of the invoice (…/invoices/<id>), e.g. https://api.spacebring.com/billing/invoices/v1/3fa85f64-5717-4562-b3fc-2c963f66afa6',
			],
		],
	},
	notAList: {
		call: { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' },
		answer: { body: { items: [] } },
		message: 'Could not list draft invoices from Spacebring: Spacebring answered without a list in "invoices"',
	},
	unreachable: [
		{
			call: { kind: 'listSearch', method: 'searchDraftInvoices', what: 'draft invoices' },
			message: 'Could not list draft invoices from Spacebring: Could not reach Spacebring: The service refused the connection - perhaps it is offline',
		},
	],
	pickers: {
		// nextPageToken, sent back as Spacebring gave it.
		paging: {
			call: SPACEBRING_DRAFT_CALL,
			serve: (request) =>
				request.query.includes('nextPageToken=')
					? {
							body: {
								invoices: [
									{
										id: INV(4),
										status: 'draft',
										title: 'April rent',
										customerName: 'Acme GmbH',
										totalAmount: 99.999,
										currencyCode: 'CHF',
										createDate: '2026-04-01T00:00:00Z',
									},
								],
							},
						}
					: { body: { invoices: SPACEBRING_PAGE_ONE, nextPageToken: 'tok/2+=' } },
			urls: [`${SPACEBRING_INVOICES}?status=draft&limit=50`, `${SPACEBRING_INVOICES}?status=draft&limit=50&nextPageToken=tok%2F2%2B%3D`],
			pages: [
				{
					results: [SPACEBRING_MARCH, SPACEBRING_JANE, { name: 'Draft', value: INV(3) }],
					paginationToken: JSON.stringify({ nextPageToken: 'tok/2+=' }),
				},
				{ results: [{ name: 'April rent · Acme GmbH · 99.999 CHF · 2026-04-01', value: INV(4) }], paginationToken: undefined },
			],
		},
		// Spacebring's q needs a customer or location: the text is never sent, the page read is narrowed (label or id, any case).
		search: {
			call: SPACEBRING_DRAFT_CALL,
			serve: () => ({ body: { invoices: SPACEBRING_PAGE_ONE, nextPageToken: 'more' } }),
			searches: [
				// The rest of the list may hold more matches: the editor can ask for them.
				{ filter: 'jane', result: { results: [SPACEBRING_JANE], paginationToken: SPACEBRING_MORE } },
				{ filter: '000000000003', result: { results: [{ name: 'Draft', value: INV(3) }], paginationToken: SPACEBRING_MORE } },
				{ filter: 'nobody', result: { results: [], paginationToken: SPACEBRING_MORE } },
			],
			urls: Array(3).fill(`${SPACEBRING_INVOICES}?status=draft&limit=50`),
		},
		lookup: {
			call: SPACEBRING_DRAFT_CALL,
			typed: [[INV(1).toUpperCase(), `${SPACEBRING_INVOICES}/${INV(1).toUpperCase()}`]],
			answer: { body: { invoice: SPACEBRING_PAGE_ONE[0] } },
			result: { results: [SPACEBRING_MARCH] },
			notFound: { status: 404, body: { message: 'Not found' } },
			fails: {
				answer: { status: 403, body: { message: 'Not allowed', type: 'Forbidden' } },
				message: 'Could not list draft invoices from Spacebring: Not allowed',
			},
		},
		parentGiven: {
			forms: [
				['a plain id (older workflows)', INVOICE_ID],
				['From List', { __rl: true, mode: 'list', value: INVOICE_ID, cachedResultName: 'March · Acme' }],
				['By ID', rl('id', INVOICE_ID)],
				['By URL', rl('url', `https://api.spacebring.com/billing/invoices/v1/${INVOICE_ID}?tab=items#top`)],
			],
			answer: { body: { invoiceItems: [sampleItem()] } },
			url: `${SPACEBRING_INVOICES}/${INVOICE_ID}/items`,
			result: { results: [{ name: 'Meeting room · × 2 · 25.00 EUR', value: ITEM_ID }], paginationToken: undefined },
		},
		// The server echoes what it got, as some do: the Authorization value and the credential. The advice is the credential's in use.
		refused: (authentication) => [
			...(
				[
					[401, 'Spacebring did not accept the credentials'],
					[403, 'Spacebring does not allow these credentials to do this'],
				] as const
			).flatMap(([status, words]) =>
				[
					SPACEBRING_DRAFT_CALL,
					{
						kind: 'listSearch',
						method: 'searchInvoiceItems',
						what: 'items of the invoice',
						parameters: { itemsOfInvoice: INVOICE_ID },
					} as PickerCall,
				].map((call) => ({
					case: `${status} on ${call.method}`,
					call,
					answer: (request: RecordedRequest) => ({
						status,
						body: {
							error: `rejected ${request.headers.authorization} for ${SPACEBRING_CLIENT}:${SPACEBRING_SECRET}`,
							refresh: REFRESH_TOKEN,
						},
					}),
					message: `Could not list ${call.what} from Spacebring: ${words}`,
					description: authentication === 'basicAuth' ? /Network Settings → Developers/ : /"invoices" scope/,
					// With OAuth2, a 401 has n8n refresh the token, and the list is asked for once more.
					requests: status === 401 && authentication === 'oAuth2' ? 3 : 1,
				})),
			),
			{
				case: 'Spacebring’s own message, with the secret in it removed',
				call: SPACEBRING_DRAFT_CALL,
				answer: (request) => ({ status: 403, body: { message: `Token ${request.headers.authorization} lacks scope`, type: 'Forbidden' } }),
				message: `Could not list draft invoices from Spacebring: Token ${authentication === 'basicAuth' ? 'Basic' : 'Bearer'} [redacted] lacks scope`,
			},
		],
	},
	byUrl: {
		parameters: (ids) => spacebringUpdate({ quantity: 3 }, ids),
		good: { id: `https://api.spacebring.com/billing/invoices/v1/items/${OTHER_ITEM}` },
		requests: [`PATCH ${SPACEBRING_INVOICES}/items/${OTHER_ITEM}`, `GET ${SPACEBRING_INVOICES}/items/${OTHER_ITEM}`],
		foreign: [
			['another site', 'id', `https://evil.example/billing/invoices/v1/items/${OTHER_ITEM}`],
			['a look-alike host', 'id', `https://spacebring.com.evil.example/billing/invoices/v1/items/${OTHER_ITEM}`],
			['plain http', 'id', `http://api.spacebring.com/billing/invoices/v1/items/${OTHER_ITEM}`],
			['an invoice URL', 'id', `https://api.spacebring.com/billing/invoices/v1/${INVOICE_ID}`],
		],
		message: () =>
			'"Invoice Item ID" must be a Spacebring URL of the invoice item (…/items/<id>), e.g. https://api.spacebring.com/billing/invoices/v1/items/3fa85f64-5717-4562-b3fc-2c963f66afa6',
		request: 'PATCH /billing/invoices/v1/items/{id}',
	},
	pathIds: {
		calls: [
			{ parameters: (id) => spacebringUpdate({ quantity: 1 }, { id }), message: SPACEBRING_ID_RULE },
			{ parameters: (id) => getItem({ id }), message: SPACEBRING_ID_RULE },
		],
		more: ['../invoices/x', `${ITEM_ID}/x`, `${ITEM_ID}?x=1`, `${ITEM_ID}#x`, `${ITEM_ID} `, 'item-1'],
	},
	validRun: spacebringUpdate({ quantity: 1 }),
	respond: (request) => (request.method === 'PATCH' ? { status: 204, body: '' } : { body: { invoiceItem: sampleItem({ id: OTHER_ITEM }) } }),
	// Spacebring's nextPageToken, 100 at a time; the filters stay on every page.
	paging: {
		entries: SPACEBRING_ITEMS,
		serve: (request) => {
			const query = new URLSearchParams(request.query);
			const limit = Number(query.get('limit'));
			const start = Number(query.get('nextPageToken')?.replace('page-', '') ?? 0);
			const page = SPACEBRING_ITEMS.slice(start, start + limit);
			const next = start + limit < SPACEBRING_ITEMS.length ? { nextPageToken: `page-${start + limit}` } : {};
			return { body: { invoiceItems: page, ...next } };
		},
		returnAll: {
			parameters: getManyItems({
				returnAll: true,
				options: {
					customerRef: NETWORK_ID,
					status: 'draft,issued',
					type: 'custom,order',
					createDate: { values: { optionalFields: { gte: '2026-01-01T00:00:00Z', lte: '2026-01-31T23:59:59Z' } } },
				},
			}),
			urls: [
				`/billing/invoices/v1/items?${SPACEBRING_FILTERS}&limit=100`,
				`/billing/invoices/v1/items?${SPACEBRING_FILTERS}&limit=100&nextPageToken=page-100`,
				`/billing/invoices/v1/items?${SPACEBRING_FILTERS}&limit=100&nextPageToken=page-200`,
			],
		},
		limit: {
			parameters: getManyItems({ authentication: 'basicAuth', returnAll: false, limit: 130 }),
			urls: ['/billing/invoices/v1/items?limit=100', '/billing/invoices/v1/items?limit=30&nextPageToken=page-100'],
			count: 130,
		},
	},
	// PATCH answers 204; the GET's `{ invoiceItem: {...} }` is unwrapped: the output is the item itself.
	readBack: {
		parameters: spacebringUpdate({ quantity: 3 }),
		serve: (request) =>
			request.method === 'PATCH' ? { status: 204, body: '' } : { body: { invoiceItem: sampleItem({ id: request.path.split('/').pop() }) } },
		requests: [`PATCH /billing/invoices/v1/items/${ITEM_ID}`, `GET /billing/invoices/v1/items/${ITEM_ID}`],
		output: sampleItem(),
		skipped: { parameters: spacebringUpdate({ quantity: 1 }, { options: { readBack: false } }), output: { id: ITEM_ID, updated: true } },
		readFails: { answer: { status: 404, body: { message: 'Not found' } }, message: 'Not found', httpCode: '404' },
	},
	items: {
		continueOnFail: {
			parameters: spacebringUpdate({ quantity: '={{ $json.quantity }}' }, { options: { readBack: false } }),
			items: [{ quantity: 1 }, { quantity: 0 }, { quantity: 13 }, { quantity: 4 }],
			respond: (request) =>
				request.body.includes('"quantity":13')
					? { status: 400, body: { message: 'Invoice is not a draft', type: 'ValidationError' } }
					: { status: 204, body: '' },
			written: (requests) => requests.map((request) => JSON.parse(request.body).invoiceItem.quantity),
			sent: [1, 13, 4],
			output: [
				{ id: ITEM_ID, updated: true },
				{ error: '"Quantity" must be at least 1 [item 1]', description: SPACEBRING_FIELD('quantity') },
				expect.objectContaining({ error: 'Invoice is not a draft', httpCode: '400', type: 'ValidationError' }),
				{ id: ITEM_ID, updated: true },
			],
		},
		badFields: [
			{
				case: 'a whole-number quantity',
				parameters: spacebringUpdate({ quantity: '={{ $json.q }}' }, { options: { readBack: false } }),
				items: [{ q: 1 }, { q: 'lots' }, { q: 2 }],
				respond: () => ({ status: 204, body: '' }),
				written: (requests) => requests.map((request) => request.body),
				sent: ['{"invoiceItem":{"quantity":1}}', '{"invoiceItem":{"quantity":2}}'],
				error: '"Quantity" must be a whole number, got "lots" [item 1]',
				description: SPACEBRING_FIELD('quantity'),
			},
		],
		nothingToUpdate: [
			['no field', spacebringUpdate({})],
			['only options', spacebringUpdate({}, { options: { readBack: false } })],
		],
		stops: {
			parameters: spacebringUpdate({ unitAmount: '={{ $json.price }}' }),
			items: [{ price: 10 }, { price: 12.5 }, { price: -1 }],
			message: '"Unit Amount" must be at least 0 [item 2]',
			description: SPACEBRING_FIELD('unitAmount'),
		},
	},
	echoes: [
		...(['oAuth2', 'basicAuth'] as const).map((authentication) => ({
			case: `Spacebring echoes the Authorization header (${authentication})`,
			authentication,
			parameters: getItem(),
			answer: (request: RecordedRequest) => ({
				status: 401,
				body: { message: `Rejected authorization: ${request.headers.authorization}`, type: `auth ${request.headers.authorization}` },
			}),
			// The NodeApiError keeps Spacebring's raw error body (`errorResponse`, `messages`): the provider
			// names the secrets that are not top-level fields (`secretValues`) so they are scrubbed there too.
			failed: {
				message: expect.stringMatching(/^Rejected authorization: (Bearer|Basic) \[redacted\]$/),
				description: expect.stringMatching(/^Type: auth (Bearer|Basic) \[redacted\] · /),
				httpCode: '401',
			},
			reported: { error: expect.stringMatching(/^Rejected authorization: (Bearer|Basic) \[redacted\]$/) },
		})),
		{
			case: 'Spacebring echoes the client secret',
			authentication: 'basicAuth',
			parameters: getItem(),
			answer: () => ({ status: 400, body: { message: `bad client_secret ${SPACEBRING_SECRET}` } }),
			failed: { message: 'bad client_secret [redacted]', httpCode: '400' },
			reported: { error: 'bad client_secret [redacted]' },
		},
	],
};

/** [name, fixture], ready for describe.each. */
export const PROVIDERS: Array<[string, ConformanceFixture]> = [
	['Stripe', stripe],
	['Rebilly', rebilly],
	['Sequence', sequence],
	['Spacebring', spacebring],
];

/** The four providers and the toy provider of test/toy: what the conformance suite runs over. */
export const FIXTURES: Array<[string, ConformanceFixture]> = [...PROVIDERS, ['Toy', TOY]];
