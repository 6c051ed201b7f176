/**
 * What only Rebilly's update does: its fields, one at a time, its period rule checked against the
 * current item, its two credentials, its offset paging and organization prefix. What every update of
 * the whole object does in Merge and Replace mode is asserted once for all in test/conformance/modes.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { startRecorder, type Recorder } from '../harness/recorder';
import {
	CURRENT_ITEM,
	CURRENT_WRITABLE,
	ITEMS_PATH,
	ITEM_PATH,
	TEST_API_KEY,
	TEST_JWT,
	getItem,
	getMany,
	itemServer,
	mergeUpdate,
	replaceUpdate,
	runRebilly,
} from '../harness/rebilly';

let recorder: Recorder;
let current: IDataObject;

beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	current = { ...CURRENT_ITEM };
	recorder.respond((request) => itemServer(current)(request));
});

const run = (...args: Parameters<typeof runRebilly> extends [string, ...infer Rest] ? Rest : never) =>
	runRebilly(recorder.url, ...args);
const puts = () => recorder.requests.filter((request) => request.method === 'PUT');
const putBody = () => JSON.parse(puts()[0].body) as IDataObject;

describe('Rebilly Update, Merge with current item (the default)', () => {
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

	test('clears the service period and changes the price in one update', async () => {
		await run(
			mergeUpdate({ unitPrice: 10 }, { clearFields: { periodStartTime: true, periodEndTime: true } }),
		);
		expect(putBody()).toEqual({ ...CURRENT_WRITABLE, unitPrice: 10, periodStartTime: null, periodEndTime: null });
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
});

describe('Rebilly Update, Replace', () => {
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
