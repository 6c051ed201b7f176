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
import { TEST_KEY, runStripe, updateItem as stripeUpdate } from '../harness/stripe';
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
	byUrl: {
		parameters: stripeLine,
		good: { invoice: 'https://dashboard.stripe.com/invoices/in_9', line_item_id: 'https://api.stripe.com/v1/invoices/in_9/lines/il_1' },
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
	byUrl: {
		parameters: (ids) => mergeUpdate({ quantity: 5 }, ids),
		good: { invoiceId: 'https://app.rebilly.com/org-1/invoices/in-1', itemId: 'https://api.rebilly.com/organizations/org-1/invoices/in-1/items/ii-1' },
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
	byUrl: {
		parameters: (ids) => merge({ quantity: 3 }, ids),
		good: { invoice: `https://dashboard.sequencehq.com/invoices/${INVOICE}`, id: `https://eu.sequencehq.com/api/invoices/${INVOICE}/line-items/${LINE}` },
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
	byUrl: {
		parameters: (ids) => spacebringUpdate({ quantity: 3 }, ids),
		good: { id: `https://api.spacebring.com/billing/invoices/v1/items/${OTHER_ITEM}` },
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
