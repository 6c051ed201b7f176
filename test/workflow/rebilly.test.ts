import type { IDataObject } from 'n8n-workflow';

import { startRecorder, type RecordedRequest, type Recorder } from '../harness/recorder';
import {
	CURRENT_ITEM,
	CURRENT_WRITABLE,
	ITEMS_PATH,
	ITEM_PATH,
	READ_ONLY,
	TEST_API_KEY,
	TEST_JWT,
	getItem,
	getMany,
	mergeUpdate,
	replaceUpdate,
	runRebilly,
} from '../harness/rebilly';

let recorder: Recorder;
let current: IDataObject;

/** A small Rebilly: GET answers the current item, PUT stores the body and answers the new item. */
const fakeRebilly = (request: RecordedRequest) => {
	if (request.method === 'PUT') {
		const body = JSON.parse(request.body) as IDataObject;
		return { body: { ...current, ...body, price: 1, updatedTime: '2026-02-01T00:00:00Z' } };
	}
	return { body: current };
};

beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	current = { ...CURRENT_ITEM };
	recorder.respond(fakeRebilly);
});

const run = (...args: Parameters<typeof runRebilly> extends [string, ...infer Rest] ? Rest : never) =>
	runRebilly(recorder.url, ...args);
const puts = () => recorder.requests.filter((request) => request.method === 'PUT');
const putBody = () => JSON.parse(puts()[0].body) as IDataObject;

describe('Rebilly Update, Merge with current item (the default)', () => {
	test('reads the item, then PUTs it back whole with only the changed field different', async () => {
		const result = await run(mergeUpdate({ description: 'Seats, February' }));

		expect(result.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${ITEM_PATH}`,
			`PUT ${ITEM_PATH}`,
		]);
		const [get, put] = recorder.requests;
		expect(get.body).toBe('');
		// Exact text: the writable fields in schema order, untouched ones with their current values.
		expect(put.body).toBe(JSON.stringify({ ...CURRENT_WRITABLE, description: 'Seats, February' }));
		expect(put.headers['content-type']).toBe('application/json');
		expect(result.output).toEqual([
			{
				json: { ...CURRENT_ITEM, ...CURRENT_WRITABLE, description: 'Seats, February', price: 1, updatedTime: '2026-02-01T00:00:00Z' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('never sends a read-only field, whatever the current item carries', async () => {
		current = { ...CURRENT_ITEM, somethingNew: 'added by a later API version' };
		await run(mergeUpdate({ quantity: 5 }));
		const body = putBody();
		for (const field of [...READ_ONLY, 'somethingNew']) expect(body).not.toHaveProperty(field);
		expect(Object.keys(body)).toEqual(Object.keys(CURRENT_WRITABLE));
	});

	// One change at a time: every other writable field must keep its current value.
	test.each<[string, IDataObject, IDataObject]>([
		['type', { type: 'credit' }, { type: 'credit' }],
		['description', { description: 'Onboarding' }, { description: 'Onboarding' }],
		['unitPrice', { unitPrice: 19.99 }, { unitPrice: 19.99 }],
		['unitPrice given as text', { unitPrice: '-5.25' }, { unitPrice: -5.25 }],
		['quantity', { quantity: 12 }, { quantity: 12 }],
		['productId', { productId: 'prod-8' }, { productId: 'prod-8' }],
		['periodStartTime', { periodStartTime: '2026-01-15T00:00:00Z' }, { periodStartTime: '2026-01-15T00:00:00.000Z' }],
		['periodEndTime', { periodEndTime: '2026-02-28T23:59:59+01:00' }, { periodEndTime: '2026-02-28T22:59:59.000Z' }],
		['periodNumber', { periodNumber: 3 }, { periodNumber: 3 }],
	])('changing only %s keeps every other field', async (_name, updateFields, changed) => {
		const result = await run(mergeUpdate(updateFields));
		expect(result.error).toBeUndefined();
		expect(putBody()).toEqual({ ...CURRENT_WRITABLE, ...changed });
	});

	test('clears nullable fields explicitly (null) and keeps the rest', async () => {
		await run(mergeUpdate({}, { clearFields: { productId: true, periodNumber: true } }));
		expect(putBody()).toEqual({ ...CURRENT_WRITABLE, productId: null, periodNumber: null });
	});

	test('clears the service period and changes the price in one update', async () => {
		await run(
			mergeUpdate({ unitPrice: 10 }, { clearFields: { periodStartTime: true, periodEndTime: true } }),
		);
		expect(putBody()).toEqual({ ...CURRENT_WRITABLE, unitPrice: 10, periodStartTime: null, periodEndTime: null });
	});

	test('current nulls travel back as null; fields the item lacks are left out', async () => {
		current = {
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
		};
		await run(mergeUpdate({ quantity: 1 }));
		expect(puts()[0].body).toBe(
			JSON.stringify({
				type: 'credit',
				unitPrice: 3,
				quantity: 1,
				productId: null,
				periodStartTime: null,
				periodEndTime: null,
				periodNumber: null,
			}),
		);
	});

	test('with the JWT credential: Authorization Bearer on the read and the write, no API key header', async () => {
		const result = await run(mergeUpdate({ quantity: 2 }), { auth: 'jwt' });
		expect(result.error).toBeUndefined();
		expect(recorder.requests).toHaveLength(2);
		for (const request of recorder.requests) {
			expect(request.headers.authorization).toBe(`Bearer ${TEST_JWT}`);
			expect(request.headers['reb-apikey']).toBeUndefined();
		}
	});

	test('with the API key credential (the default): REB-APIKEY on every request, no Authorization', async () => {
		await run(mergeUpdate({ quantity: 2 }));
		for (const request of recorder.requests) {
			expect(request.headers['reb-apikey']).toBe(TEST_API_KEY);
			expect(request.headers.authorization).toBeUndefined();
		}
	});

	test('the merged item is checked as a whole: a new end before the current start is refused, saying that start; no PUT', async () => {
		const result = await run(mergeUpdate({ periodEndTime: '2025-12-31T00:00:00Z' }));
		expect(result.error?.message).toBe(
			'"Period End Time" (2025-12-31T00:00:00.000Z) must not be before the current "Period Start Time" (2026-01-01T00:00:00Z) [item 0]',
		);
		expect(result.error?.description).toBe(
			'Field "periodEndTime" of PUT /invoices/{invoiceId}/items/{itemId}. The current item was read; nothing was written.',
		);
		expect(recorder.requests.map((request) => request.method)).toEqual(['GET']);
	});

	test('a new start after the current end is refused, naming the start and saying the current end; no PUT', async () => {
		const result = await run(mergeUpdate({ periodStartTime: '2026-02-01T00:00:00Z' }));
		expect(result.error?.message).toBe(
			'"Period Start Time" (2026-02-01T00:00:00.000Z) must not be after the current "Period End Time" (2026-01-31T23:59:59Z) [item 0]',
		);
		expect(recorder.requests.map((request) => request.method)).toEqual(['GET']);
	});

	test('a current item whose own period is reversed is refused with both current values, whatever else changes', async () => {
		current = { ...CURRENT_ITEM, periodStartTime: '2026-03-01T00:00:00Z' };
		const result = await run(mergeUpdate({ quantity: 2 }));
		expect(result.error?.message).toBe(
			'"Period End Time" (currently 2026-01-31T23:59:59Z) must not be before the current "Period Start Time" (2026-03-01T00:00:00Z) [item 0]',
		);
		expect(recorder.requests.map((request) => request.method)).toEqual(['GET']);
	});

	test('an item without the required type and unit price cannot be merged; nothing is written', async () => {
		current = { id: 'ii-1', description: 'broken' };
		const result = await run(mergeUpdate({ quantity: 2 }));
		expect(result.error?.message).toBe('"Type" is missing from the current item and must be set [item 0]');
		expect(puts()).toHaveLength(0);

		recorder.requests.length = 0;
		const fixed = await run(mergeUpdate({ type: 'debit', unitPrice: 4, quantity: 2 }));
		expect(fixed.error).toBeUndefined();
		expect(putBody()).toEqual({ type: 'debit', description: 'broken', unitPrice: 4, quantity: 2 });
	});

	test('each input item is read and written on its own, with values from expressions', async () => {
		const result = await run(mergeUpdate({ quantity: '={{ $json.seats }}' }, { itemId: '={{ $json.item }}' }), {
			items: [
				{ item: 'ii-1', seats: 5 },
				{ item: 'ii-2', seats: 7 },
			],
		});
		expect(result.error).toBeUndefined();
		// Items run side by side: each item's own read comes before its own write.
		const seen = recorder.requests.map((request) => `${request.method} ${request.path}`);
		expect([...seen].sort()).toEqual([
			`GET ${ITEMS_PATH}/ii-1`,
			`GET ${ITEMS_PATH}/ii-2`,
			`PUT ${ITEMS_PATH}/ii-1`,
			`PUT ${ITEMS_PATH}/ii-2`,
		]);
		for (const id of ['ii-1', 'ii-2']) {
			expect(seen.indexOf(`GET ${ITEMS_PATH}/${id}`)).toBeLessThan(seen.indexOf(`PUT ${ITEMS_PATH}/${id}`));
		}
		const quantityOf = (id: string) =>
			(JSON.parse(puts().find((request) => request.path.endsWith(`/${id}`))!.body) as IDataObject).quantity;
		expect([quantityOf('ii-1'), quantityOf('ii-2')]).toEqual([5, 7]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Rebilly Update, Replace', () => {
	test('sends exactly what the user set, without reading the item first', async () => {
		const result = await run(replaceUpdate({ type: 'credit', unitPrice: 7.5 }, { description: 'Goodwill credit' }));
		expect(result.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`PUT ${ITEM_PATH}`]);
		expect(recorder.requests[0].body).toBe(JSON.stringify({ type: 'credit', description: 'Goodwill credit', unitPrice: 7.5 }));
	});

	test('every writable field, and clears sent as null', async () => {
		await run(
			replaceUpdate(
				{ type: 'debit', unitPrice: '={{ "19.99" }}' },
				{
					description: 'Seats',
					quantity: 3,
					periodStartTime: '2026-03-01T00:00:00',
					periodEndTime: '2026-03-31T23:59:59',
					periodNumber: 4,
				},
				{ clearFields: { productId: true } },
			),
			{ timezone: 'America/New_York' },
		);
		expect(putBody()).toEqual({
			type: 'debit',
			description: 'Seats',
			unitPrice: 19.99,
			quantity: 3,
			productId: null,
			// Times without an offset are the workflow's (New York: UTC−5 in March before DST, −4 after).
			periodStartTime: '2026-03-01T05:00:00.000Z',
			periodEndTime: '2026-04-01T03:59:59.000Z',
			periodNumber: 4,
		});
	});

	test('dates as unix seconds are sent as RFC 3339 date-times', async () => {
		await run(replaceUpdate({ type: 'debit', unitPrice: 1 }, { periodStartTime: 1767225600 }));
		expect(putBody().periodStartTime).toBe('2026-01-01T00:00:00.000Z');
	});
});

describe('Rebilly Get and Get Many', () => {
	test('Get reads one item and outputs it as Rebilly returns it', async () => {
		const result = await run(getItem(), { auth: 'jwt' });
		expect(result.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${ITEM_PATH}`]);
		expect(recorder.requests[0].headers.authorization).toBe(`Bearer ${TEST_JWT}`);
		expect(result.output).toEqual([{ json: CURRENT_ITEM, pairedItem: { item: 0 } }]);
	});

	describe('Get Many pages with limit and offset (the body is the list)', () => {
		const items = Array.from({ length: 1500 }, (_, index) => ({ id: `ii-${index}`, type: 'debit', unitPrice: index }));
		beforeEach(() =>
			recorder.respond((request) => {
				const query = new URLSearchParams(request.query);
				const offset = Number(query.get('offset') ?? 0);
				return { body: items.slice(offset, offset + Number(query.get('limit'))) };
			}),
		);

		test('a list longer than Rebilly’s offset range (≤ 1000) stops with a clear error, never offset=2000', async () => {
			const many = Array.from({ length: 2500 }, (_, index) => ({ id: `ii-${index}`, type: 'debit', unitPrice: 1 }));
			recorder.respond((request) => {
				const query = new URLSearchParams(request.query);
				const offset = Number(query.get('offset') ?? 0);
				return { body: many.slice(offset, offset + Number(query.get('limit'))) };
			});
			const result = await run(getMany({ returnAll: true }));
			expect(recorder.requests.map((request) => request.url)).toEqual([
				`${ITEMS_PATH}?limit=1000`,
				`${ITEMS_PATH}?limit=1000&offset=1000`,
			]);
			expect(result.error?.message).toBe('Rebilly pages only up to offset 1000, and this list has more than 2000 entries');
		});

		test('a small invoice takes one request', async () => {
			recorder.respond(() => ({ body: items.slice(0, 3) }));
			const result = await run(getMany({ returnAll: true }));
			expect(recorder.requests.map((request) => request.url)).toEqual([`${ITEMS_PATH}?limit=1000`]);
			expect(result.output).toHaveLength(3);
		});

		test('an answer that is not a list is an error, not an empty result', async () => {
			recorder.respond(() => ({ body: { items: [] } }));
			const result = await run(getMany({ returnAll: true }));
			expect(result.error?.message).toBe('Rebilly answered without a list');
		});
	});
});

describe('Rebilly base URL: organization prefix', () => {
	test('without an organization ID, requests go to the root (the key’s default organization)', async () => {
		await run(getItem(), { credentials: { organizationId: '' } });
		expect(recorder.requests[0].path).toBe('/invoices/in-1/items/ii-1');
	});

	test('the organization ID is trimmed and its allowed characters are kept safe', async () => {
		await run(getItem(), { credentials: { organizationId: ' org_A-1.b~c@d ' } });
		expect(recorder.requests[0].path).toBe('/organizations/org_A-1.b~c%40d/invoices/in-1/items/ii-1');
	});

	test('a custom base URL with a trailing slash', async () => {
		await run(getItem(), { credentials: { baseUrl: `${recorder.url}/` } });
		expect(recorder.requests[0].path).toBe(ITEM_PATH);
	});
});
