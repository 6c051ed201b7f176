/**
 * Contract tests: every request the Rebilly node makes, in a matrix of updates (Merge and Replace,
 * API key and JWT), goes through Prism serving Rebilly's official OpenAPI document, which checks
 * path, query, headers (security) and body. Each request must pass with no sl-violations, and each
 * PUT body must be exactly the object it has to carry.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { ContractRequest } from '../harness/prism';
import { contractFor } from '../harness/recording';
import {
	ORGANIZATION,
	READ_ONLY,
	TEST_API_KEY,
	TEST_JWT,
	getItem,
	getMany,
	mergeUpdate,
	replaceUpdate,
	runRebilly,
	type Auth,
	type RebillyRunOptions,
} from '../harness/rebilly';

const BASE_PATH = `/organizations/${ORGANIZATION}`;
const ITEM = `${BASE_PATH}/invoices/in-1/items/ii-1`;

const prism = contractFor('rebilly', BASE_PATH);

/** The server root: the node adds /organizations/<id> from the credential itself. */
const root = () => prism.url.slice(0, -BASE_PATH.length);

/** The writable fields of the item Prism's mock returns (built from the spec's examples). */
const PRISM_CURRENT = {
	type: 'debit',
	description: 'string',
	unitPrice: -1.7976931348623157e308,
	quantity: 0,
	productId: 'prod_0YV7DES3WPC5J8JD8QTVNZBZNZ',
	periodStartTime: '2019-08-24T14:15:22Z',
	periodEndTime: '2019-08-24T14:15:22Z',
	periodNumber: 0,
};

interface Scenario {
	name: string;
	parameters: INodeParameters;
	/** The exact PUT body, in order. */
	body: IDataObject;
	run?: RebillyRunOptions;
	/** Answer the GET of the current item with this object instead of Prism's example. */
	current?: IDataObject;
}

const merge = (name: string, fields: IDataObject, changed: IDataObject, clearFields?: IDataObject): Scenario => ({
	name: `Merge: ${name}`,
	parameters: mergeUpdate(fields, clearFields ? { clearFields } : {}),
	body: { ...PRISM_CURRENT, ...changed },
});

const replace = (
	name: string,
	required: { type: string; unitPrice: unknown },
	fields: IDataObject,
	body: IDataObject,
	extra: IDataObject = {},
	run?: RebillyRunOptions,
): Scenario => ({ name: `Replace: ${name}`, parameters: replaceUpdate(required, fields, extra), body, run });

const ALL_FIELDS = {
	description: 'Seats, January (10 × 12.50 €)',
	quantity: 10,
	productId: 'prod_0YV7DES3WPC5J8JD8QTVNZBZNZ',
	periodStartTime: '2026-01-01T00:00:00Z',
	periodEndTime: '2026-01-31T23:59:59+00:00',
	periodNumber: 1,
};
const ALL_FIELDS_WIRE = {
	description: 'Seats, January (10 × 12.50 €)',
	quantity: 10,
	productId: 'prod_0YV7DES3WPC5J8JD8QTVNZBZNZ',
	periodStartTime: '2026-01-01T00:00:00.000Z',
	periodEndTime: '2026-01-31T23:59:59.000Z',
	periodNumber: 1,
};

const SCENARIOS: Scenario[] = [
	merge('description only', { description: 'Seats, February' }, { description: 'Seats, February' }),
	merge('type', { type: 'credit' }, { type: 'credit' }),
	merge('unit price', { unitPrice: 19.99 }, { unitPrice: 19.99 }),
	merge('unit price from text', { unitPrice: '={{ "0.5" }}' }, { unitPrice: 0.5 }),
	merge('quantity', { quantity: 3 }, { quantity: 3 }),
	merge('product', { productId: 'prod-2' }, { productId: 'prod-2' }),
	merge('period end, with an offset', { periodEndTime: '2026-01-31T23:59:59+02:00' }, { periodEndTime: '2026-01-31T21:59:59.000Z' }),
	merge('period start, unix seconds', { periodStartTime: 1564617600 }, { periodStartTime: '2019-08-01T00:00:00.000Z' }),
	merge('period number', { periodNumber: 5 }, { periodNumber: 5 }),
	merge('clear the product', {}, { productId: null }, { productId: true }),
	merge(
		'clear the whole service period',
		{},
		{ periodStartTime: null, periodEndTime: null, periodNumber: null },
		{ periodStartTime: true, periodEndTime: true, periodNumber: true },
	),
	merge('change the price and clear the product', { unitPrice: 100, quantity: 1 }, { unitPrice: 100, quantity: 1, productId: null }, { productId: true }),
	merge(
		'every field at once',
		{ type: 'credit', unitPrice: 12.5, ...ALL_FIELDS },
		{ type: 'credit', unitPrice: 12.5, ...ALL_FIELDS_WIRE },
	),
	{
		name: 'Merge: a current item with nulls keeps them (sent as null)',
		parameters: mergeUpdate({ quantity: 2 }),
		current: {
			id: 'ii-1',
			type: 'credit',
			unitPrice: 3,
			price: 3,
			productId: null,
			planId: null,
			subscriptionId: null,
			periodStartTime: null,
			periodEndTime: null,
			periodNumber: null,
			tax: null,
			createdTime: '2026-01-01T00:00:00Z',
			_links: [{ href: 'x', rel: 'self' }],
		},
		body: { type: 'credit', unitPrice: 3, quantity: 2, productId: null, periodStartTime: null, periodEndTime: null, periodNumber: null },
	},
	{
		name: 'Merge: a current item without optional fields gains only what is set',
		parameters: mergeUpdate({ description: 'New text' }),
		current: { id: 'ii-1', type: 'debit', unitPrice: 9, price: 9 },
		body: { type: 'debit', description: 'New text', unitPrice: 9 },
	},
	replace('type and unit price only', { type: 'debit', unitPrice: 10 }, {}, { type: 'debit', unitPrice: 10 }),
	replace('a credit with a negative price', { type: 'credit', unitPrice: -5.75 }, { description: 'Refund' }, { type: 'credit', description: 'Refund', unitPrice: -5.75 }),
	replace('every field', { type: 'debit', unitPrice: 12.5 }, ALL_FIELDS, {
		type: 'debit',
		description: 'Seats, January (10 × 12.50 €)',
		unitPrice: 12.5,
		quantity: 10,
		productId: 'prod_0YV7DES3WPC5J8JD8QTVNZBZNZ',
		periodStartTime: '2026-01-01T00:00:00.000Z',
		periodEndTime: '2026-01-31T23:59:59.000Z',
		periodNumber: 1,
	}),
	replace(
		'clear every nullable field',
		{ type: 'debit', unitPrice: 1 },
		{ quantity: 1 },
		{ type: 'debit', unitPrice: 1, quantity: 1, productId: null, periodStartTime: null, periodEndTime: null, periodNumber: null },
		{ clearFields: { productId: true, periodStartTime: true, periodEndTime: true, periodNumber: true } },
	),
	replace(
		'set the period, clear the product',
		{ type: 'debit', unitPrice: 2 },
		{ periodStartTime: '2026-02-01', periodEndTime: '2026-02-28T23:59:59Z' },
		{ type: 'debit', unitPrice: 2, productId: null, periodStartTime: '2026-02-01T00:00:00.000Z', periodEndTime: '2026-02-28T23:59:59.000Z' },
		{ clearFields: { productId: true } },
	),
	replace(
		'times without offset in the workflow time zone (Asia/Tokyo)',
		{ type: 'debit', unitPrice: 3 },
		{ periodStartTime: '2026-03-01T00:00:00', periodEndTime: '2026-03-31 23:59:59' },
		{ type: 'debit', unitPrice: 3, periodStartTime: '2026-02-28T15:00:00.000Z', periodEndTime: '2026-03-31T14:59:59.000Z' },
		{},
		{ timezone: 'Asia/Tokyo' },
	),
	replace(
		'values from expressions',
		{ type: '={{ "credit" }}', unitPrice: '={{ "7.25" }}' },
		{ quantity: '={{ "4" }}', periodNumber: '={{ 2 }}' },
		{ type: 'credit', unitPrice: 7.25, quantity: 4, periodNumber: 2 },
	),
	replace('ids with every allowed character', { type: 'debit', unitPrice: 1 }, {}, { type: 'debit', unitPrice: 1 }, {
		invoiceId: 'in_A-1.b~c@d',
		itemId: 'ii_Z-9.y~x@w',
	}),
];

const AUTHS: Auth[] = ['apiKey', 'jwt'];

const expectAuth = (request: ContractRequest, auth: Auth) => {
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

describe.each(AUTHS)('Rebilly contract (%s)', (auth) => {
	test.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
		if (scenario.current) {
			const current = scenario.current;
			prism.override((request) => (request.method === 'GET' ? { body: current } : undefined));
		}
		const result = await runRebilly(root(), scenario.parameters, { auth, ...scenario.run });

		expect(result.error).toBeUndefined();
		const isMerge = scenario.parameters.updateMode !== 'replace';
		expect(prism.requests.map((request) => request.method)).toEqual(isMerge ? ['GET', 'PUT'] : ['PUT']);
		for (const request of prism.requests) {
			expectAuth(request, auth);
			// An overridden GET never reached Prism; every other request did.
			if (!(scenario.current && request.method === 'GET')) expectConforming(request);
		}
		const put = prism.requests.find((request) => request.method === 'PUT')!;
		expect(put.body).toBe(JSON.stringify(scenario.body));
		for (const field of READ_ONLY) expect(JSON.parse(put.body)).not.toHaveProperty(field);
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json.id).toBe('ii_0YVFDEQS2KCFTBN9HXWJFY55GV');
	});

	test('the matrix covers every writable field, set and (where nullable) cleared, in both modes', () => {
		const bodies = SCENARIOS.map((scenario) => scenario.body);
		for (const field of Object.keys(PRISM_CURRENT)) {
			expect(SCENARIOS.some((s) => s.parameters.updateMode === 'replace' && s.body[field] !== undefined && s.body[field] !== null)).toBe(true);
		}
		for (const field of ['productId', 'periodStartTime', 'periodEndTime', 'periodNumber']) {
			expect(bodies.some((body) => body[field] === null)).toBe(true);
		}
		expect(SCENARIOS.length).toBeGreaterThanOrEqual(20);
	});

	test('Get reads one item, conforming', async () => {
		const result = await runRebilly(root(), getItem(), { auth });
		expect(result.error).toBeUndefined();
		expect(prism.requests.map((request) => request.path)).toEqual([ITEM]);
		expectAuth(prism.requests[0], auth);
		expectConforming(prism.requests[0]);
		expect(result.output[0].json).toMatchObject({ id: 'ii_0YVFDEQS2KCFTBN9HXWJFY55GV', type: 'debit' });
	});

	test.each<[string, IDataObject, string]>([
		['Return All', { returnAll: true }, `${BASE_PATH}/invoices/in-1/items?limit=1000`],
		['a limit', { returnAll: false, limit: 5 }, `${BASE_PATH}/invoices/in-1/items?limit=5`],
		['a limit above a page, with expand', { returnAll: false, limit: 1001, options: { expand: 'product' } }, `${BASE_PATH}/invoices/in-1/items?expand=product&limit=1000`],
	])('Get Many with %s: limit/offset query, conforming', async (_name, extra, url) => {
		const result = await runRebilly(root(), getMany(extra), { auth });
		expect(result.error).toBeUndefined();
		// Prism's example list has one entry: a short page, so one request.
		expect(prism.requests.map((request) => request.url)).toEqual([url]);
		expectAuth(prism.requests[0], auth);
		expectConforming(prism.requests[0]);
		expect(result.output.map((item) => item.json.id)).toEqual(['ii_0YVFDEQS2KCFTBN9HXWJFY55GV']);
	});

	test('Get Many follows offsets while pages are full; offset 1000 still conforms', async () => {
		// A full first page is answered here (Prism's example list has one entry); the next comes from Prism.
		prism.override((request) =>
			new URLSearchParams(request.query).has('offset')
				? undefined
				: { body: Array.from({ length: 1000 }, (_, index) => ({ id: `ii-${index}`, type: 'debit', unitPrice: 1 })) },
		);
		const result = await runRebilly(root(), getMany({ returnAll: false, limit: 1001 }), { auth });
		expect(result.error).toBeUndefined();
		expect(prism.requests.map((request) => request.url)).toEqual([
			`${BASE_PATH}/invoices/in-1/items?limit=1000`,
			`${BASE_PATH}/invoices/in-1/items?limit=1&offset=1000`,
		]);
		expectAuth(prism.requests[1], auth);
		expectConforming(prism.requests[1]);
		expect(result.output).toHaveLength(1001);
		expect(result.output[1000].json.id).toBe('ii_0YVFDEQS2KCFTBN9HXWJFY55GV');
	});

	test('a 422 problem in the spec’s shape maps every invalid field into the description', async () => {
		prism.override((request) =>
			request.method === 'PUT'
				? {
						status: 422,
						headers: { 'Content-Type': 'application/problem+json' },
						body: {
							status: 422,
							type: 'https://api.rebilly.com/errors/validation',
							title: 'Invalid data sent',
							detail: 'Check the invalid fields',
							invalidFields: [
								{ field: 'unitPrice', message: 'must be positive for debits' },
								{ field: 'periodEndTime', message: 'is after the invoice period' },
							],
						},
					}
				: undefined,
		);
		const result = await runRebilly(root(), mergeUpdate({ unitPrice: -1 }), { auth });
		expect(result.error?.httpCode).toBe('422');
		expect(result.error?.message).toBe('Check the invalid fields');
		expect(result.error?.description).toBe(
			'Invalid fields:\n• unitPrice: must be positive for debits\n• periodEndTime: is after the invoice period',
		);
		// The GET before it went to Prism and conformed.
		expectConforming(prism.requests[0]);
	});
});
