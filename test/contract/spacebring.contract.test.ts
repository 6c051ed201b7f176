/**
 * Contract tests: the Spacebring node runs in n8n-core against Prism, which mocks Spacebring from its
 * official OpenAPI document (test/fixtures/spacebring.openapi.json) and validates every request: path,
 * query, headers (the network ID is a UUID), security (PATCH is OAuth2 only) and the JSON body.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun } from '../harness/n8n';
import type { ContractRequest } from '../harness/prism';
import { contractFor } from '../harness/recording';
import {
	ACCESS_TOKEN,
	BASIC_HEADER,
	INVOICE_ID,
	ITEM_ID,
	NETWORK_ID,
	getInvoiceItems,
	getItem,
	getManyItems,
	product,
	runSpacebring,
	updateItem,
	type SpacebringAuth,
} from '../harness/spacebring';

const prism = contractFor('spacebring');

const ITEM_PATH = `/billing/invoices/v1/items/${ITEM_ID}`;
const LIST_PATH = '/billing/invoices/v1/items';
const CUSTOMER = '0f8fad5b-d9cb-469f-a165-70867728950e';
const LOCATION = '67082fca-0af2-45de-b706-989d775452e2';

interface Scenario {
	name: string;
	auth: SpacebringAuth;
	parameters: INodeParameters;
	/** `METHOD url` of every request, in order. */
	requests: string[];
	/** The PATCH body, exactly. */
	body?: IDataObject;
	/** What the node must output. */
	check: (run: NodeRun) => void;
}

/** Prism answers a GET of an item with its schema's example: the node outputs the item itself. */
const outputsOneItem = (run: NodeRun) => {
	expect(run.output).toHaveLength(1);
	expect(run.output[0].pairedItem).toEqual({ item: 0 });
	expect(run.output[0].json).toHaveProperty('baseAmounts');
	expect(run.output[0].json).toHaveProperty('product');
	expect(run.output[0].json).not.toHaveProperty('invoiceItem');
};
const outputsUpdated = (run: NodeRun) => expect(run.output).toEqual([{ json: { id: ITEM_ID, updated: true }, pairedItem: { item: 0 } }]);
const outputsItems = (count: number) => (run: NodeRun) => {
	expect(run.output).toHaveLength(count);
	for (const item of run.output) expect(item.json).toHaveProperty('baseAmounts');
};

const update = (name: string, fields: IDataObject, body: IDataObject): Scenario => ({
	name,
	auth: 'oAuth2',
	parameters: updateItem(fields),
	requests: [`PATCH ${ITEM_PATH}`, `GET ${ITEM_PATH}`],
	body: { invoiceItem: body },
	check: outputsOneItem,
});

const allFilters = {
	customerRef: CUSTOMER,
	locationRef: LOCATION,
	type: 'custom,order',
	status: 'draft,issued,paid,voided',
	createDate: { values: { optionalFields: { gte: '2026-01-01T00:00:00Z', lte: '2026-03-31T23:59:59Z' } } },
	issueDate: { values: { optionalFields: { gte: 1767225600 } } },
};
const allFiltersQuery =
	`customerRef=${CUSTOMER}&locationRef=${LOCATION}&type=custom%2Corder&status=draft%2Cissued%2Cpaid%2Cvoided` +
	'&createDate[gte]=2026-01-01T00%3A00%3A00.000Z&createDate[lte]=2026-03-31T23%3A59%3A59.000Z' +
	'&issueDate[gte]=2026-01-01T00%3A00%3A00.000Z';

const scenarios: Scenario[] = [
	update('quantity (then the 204 is followed by a read-back)', { quantity: 3 }, { quantity: 3 }),
	update('the largest quantity the API accepts (2^53 − 1)', { quantity: Number.MAX_SAFE_INTEGER }, { quantity: Number.MAX_SAFE_INTEGER }),
	update('unit amount 0', { unitAmount: 0 }, { unitAmount: 0 }),
	update('unit amount in major units with cents', { unitAmount: '19.99' }, { unitAmount: 19.99 }),
	update('product title', product('Hot desk, March'), { product: { title: 'Hot desk, March' } }),
	update('a one-character product title', product('X'), { product: { title: 'X' } }),
	update('every field', { ...product('Meeting room'), quantity: 2, unitAmount: 45.5 }, { product: { title: 'Meeting room' }, quantity: 2, unitAmount: 45.5 }),
	{
		name: 'every field, without the read-back',
		auth: 'oAuth2',
		parameters: updateItem({ ...product('Office'), quantity: 1, unitAmount: 900 }, { options: { readBack: false } }),
		requests: [`PATCH ${ITEM_PATH}`],
		body: { invoiceItem: { product: { title: 'Office' }, quantity: 1, unitAmount: 900 } },
		check: outputsUpdated,
	},
	...(['oAuth2', 'basicAuth'] as const).flatMap((auth): Scenario[] => [
		{ name: 'get one item', auth, parameters: getItem(), requests: [`GET ${ITEM_PATH}`], check: outputsOneItem },
		{
			name: 'get many without filters',
			auth,
			parameters: getManyItems({ limit: 1 }),
			requests: [`GET ${LIST_PATH}?limit=1`],
			check: outputsItems(1),
		},
		{
			name: 'get many with every filter',
			auth,
			parameters: getManyItems({ limit: 1, options: allFilters }),
			requests: [`GET ${LIST_PATH}?${allFiltersQuery}&limit=1`],
			check: outputsItems(1),
		},
		{
			name: 'get many of one invoice, the whole list in one answer',
			auth,
			parameters: getInvoiceItems({ returnAll: true }),
			requests: [`GET /billing/invoices/v1/${INVOICE_ID}/items`],
			check: outputsItems(1),
		},
		{
			// Prism's example page has one item and always the same nextPageToken: the node follows it once,
			// asking only for what is still missing, and stops when the token comes back unchanged.
			name: 'get many follows nextPageToken',
			auth,
			parameters: getManyItems({ limit: 3, options: { status: 'draft' } }),
			requests: [`GET ${LIST_PATH}?status=draft&limit=3`, `GET ${LIST_PATH}?status=draft&limit=2&nextPageToken=string`],
			check: outputsItems(2),
		},
		{
			name: 'get many asks for at most 100 a page',
			auth,
			parameters: getManyItems({ limit: 250, options: { type: 'booking' } }),
			requests: [`GET ${LIST_PATH}?type=booking&limit=100`, `GET ${LIST_PATH}?type=booking&limit=100&nextPageToken=string`],
			check: outputsItems(2),
		},
	]),
];

/** Every request in the contract, with the credential's own headers. */
function expectConforming(requests: ContractRequest[], auth: SpacebringAuth) {
	for (const request of requests) {
		expect({ url: request.url, violations: request.violations }).toEqual({ url: request.url, violations: [] });
		expect(request.status).toBeLessThan(300);
		if (auth === 'oAuth2') {
			expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
			expect(request.headers['spacebring-network-id']).toBe(NETWORK_ID);
		} else {
			expect(request.headers.authorization).toBe(BASIC_HEADER);
			expect(request.headers['spacebring-network-id']).toBeUndefined();
		}
	}
}

describe('every request the Spacebring node sends conforms to the official OpenAPI document', () => {
	test('the matrix covers both credential types and at least 15 scenarios', () => {
		expect(scenarios.length).toBeGreaterThanOrEqual(15);
		expect(new Set(scenarios.map((scenario) => scenario.auth))).toEqual(new Set(['oAuth2', 'basicAuth']));
	});

	test.each(scenarios.map((scenario) => [`${scenario.name} (${scenario.auth})`, scenario] as const))(
		'%s',
		async (_name, scenario) => {
			const run = await runSpacebring(prism.url, scenario.parameters, { auth: scenario.auth });
			expect(run.error).toBeUndefined();
			const sent = prism.requests.map((request) => `${request.method} ${request.url}`);
			expect(sent).toEqual(scenario.requests);
			expectConforming(prism.requests, scenario.auth);
			const patch = prism.requests.find((request) => request.method === 'PATCH');
			if (scenario.body) {
				expect(patch?.status).toBe(204);
				expect(patch?.headers['content-type']).toBe('application/json');
				expect(JSON.parse(patch!.body)).toEqual(scenario.body);
			} else {
				expect(patch).toBeUndefined();
			}
			scenario.check(run);
		},
	);
});

describe('what the contract refuses, the node reports', () => {
	test('an update with Basic Auth: the spec lists only OAuth2 for the PATCH, so nothing is sent and the error says so', async () => {
		const run = await runSpacebring(prism.url, updateItem({ quantity: 2 }), { auth: 'basicAuth' });
		expect(prism.requests).toHaveLength(0);
		expect(run.error?.message).toMatch(/^"Authentication" must be OAuth2 to update an invoice item.* \[item 0\]$/s);
	});

	test('Spacebring’s { message, type } error (answered by the test through the contract proxy)', async () => {
		prism.override((request) =>
			request.method === 'PATCH' ? { status: 400, body: { message: 'Only draft invoices can change', type: 'BadRequest' } } : undefined,
		);
		const run = await runSpacebring(prism.url, updateItem({ quantity: 2 }), { continueOnFail: true });
		expect(run.output).toEqual([
			{
				json: {
					error: 'Only draft invoices can change',
					description: 'Type: BadRequest',
					httpCode: '400',
					type: 'BadRequest',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('429 from Spacebring’s rate limit', async () => {
		prism.override(() => ({ status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Rate limit exceeded' } }));
		const run = await runSpacebring(prism.url, getItem(), { auth: 'basicAuth' });
		expect(run.error?.message).toBe('Rate limit exceeded');
		expect(run.error?.description).toContain('10 requests per second');
	});
});

describe('the contract server catches what the node must never send (so the matrix above can fail)', () => {
	const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
		fetch(`${prism.url}${path}`, {
			method,
			headers: { 'Content-Type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	const bearer = { Authorization: `Bearer ${ACCESS_TOKEN}`, 'spacebring-network-id': NETWORK_ID };

	test.each([
		['quantity 0', { invoiceItem: { quantity: 0 } }, 'request.body.invoiceItem.quantity'],
		['a negative unit amount', { invoiceItem: { unitAmount: -1 } }, 'request.body.invoiceItem.unitAmount'],
		['an empty product title', { invoiceItem: { product: { title: '' } } }, 'request.body.invoiceItem.product.title'],
		['fields outside the envelope', { quantity: 2 }, 'request.body'],
	])('a PATCH with %s', async (_case, body, location) => {
		await send('PATCH', ITEM_PATH, bearer, body);
		expect(prism.requests[0].violations.map((violation) => violation.location.join('.'))).toContain(location);
	});

	test('a network ID that is not a UUID, an item ID that is not a UUID, a page limit above 100', async () => {
		await send('GET', ITEM_PATH, { ...bearer, 'spacebring-network-id': 'my-network' });
		await send('GET', '/billing/invoices/v1/items/item-1', bearer);
		await send('GET', `${LIST_PATH}?limit=101`, bearer);
		expect(prism.requests.map((request) => request.violations.map((violation) => violation.location.join('.')))).toEqual([
			['request.header.spacebring-network-id'],
			['request.path.id'],
			['request.query.limit'],
		]);
	});

	test('a PATCH without a bearer token is not authorised', async () => {
		const response = await send('PATCH', ITEM_PATH, { Authorization: BASIC_HEADER }, { invoiceItem: { quantity: 2 } });
		expect(response.status).toBe(401);
	});
});
