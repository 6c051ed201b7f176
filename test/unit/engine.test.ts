/**
 * The engine's pieces on their own, over a toy descriptor: prepareRequest (ids, body, modes),
 * readFields (n8n's values → wire values), encodeForm (form bodies and queries) and readPage
 * (one page of each paging strategy, `send` replaced by the answers under test).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { jsonCodec } from '../../nodes/shared/codec';
import type { Endpoint, Field, Paging } from '../../nodes/shared/descriptor';
import { encodeForm } from '../../nodes/shared/encode';
import { prepareRequest, type EndpointParameters } from '../../nodes/shared/execute';
import { CLEARED, readFields, type ReadContext, type WireObject } from '../../nodes/shared/input';
import { readPage } from '../../nodes/shared/paging';
import { send, type CallSite } from '../../nodes/shared/request';
import { getItem, replaceItem, updateItem } from '../toy/endpoints/item';
import { toy } from '../toy/provider';

jest.mock('../../nodes/shared/request', () => ({ ...jest.requireActual('../../nodes/shared/request'), send: jest.fn() }));
const sent = send as jest.MockedFunction<typeof send>;

const JSON_CONTEXT: ReadContext = { codec: jsonCodec, timeZone: 'UTC' };
const parameters = (given: Partial<EndpointParameters>): EndpointParameters => ({
	ids: { invoice: 'inv-1', item: 'it-1' },
	required: {},
	updateFields: {},
	clearFields: {},
	options: {},
	...given,
});

describe('prepareRequest', () => {
	test('the path with its ids percent-encoded, the body in the descriptor’s order; nothing is sent', () => {
		const request = prepareRequest(
			updateItem,
			parameters({ ids: { invoice: 'inv-ü', item: 'it-1' }, updateFields: { description: 'Seats', quantity: 3 } }),
			JSON_CONTEXT,
		);
		expect(request).toEqual({
			method: 'PATCH',
			path: '/invoices/inv-%C3%BC/items/it-1',
			ids: { invoice: 'inv-ü', item: 'it-1' },
			body: { quantity: 3, description: 'Seats' },
			merge: false,
		});
		expect(Object.keys(request.body!)).toEqual(['quantity', 'description']);
	});

	test('an id that would change the path is refused, naming its field', () => {
		expect(() => prepareRequest(updateItem, parameters({ ids: { invoice: 'inv-1', item: '../x' }, updateFields: { quantity: 1 } }), JSON_CONTEXT)).toThrow(
			'"Item ID" must not contain / ? # % \\ or whitespace, got "../x"',
		);
	});

	test('an update without any field is refused', () => {
		expect(() => prepareRequest(updateItem, parameters({}), JSON_CONTEXT)).toThrow(
			'"Update Fields" is empty: add at least one field to update or to clear',
		);
	});

	test('Merge with current (the default): the required Quantity is not asked for, the body holds only the changes', () => {
		const request = prepareRequest(replaceItem, parameters({ updateFields: { description: 'Seats' } }), JSON_CONTEXT);
		expect(request.merge).toBe(true);
		expect(request.body).toEqual({ description: 'Seats' });
	});

	test('Replace: the required field must be given, and is sent with the rest', () => {
		expect(() => prepareRequest(replaceItem, parameters({ mode: 'replace', updateFields: { description: 'Seats' } }), JSON_CONTEXT)).toThrow(
			'"Quantity" is required',
		);
		const request = prepareRequest(replaceItem, parameters({ mode: 'replace', required: { quantity: 2 } }), JSON_CONTEXT);
		expect(request).toMatchObject({ method: 'PUT', merge: false, body: { quantity: 2 } });
	});

	test('a read takes no body; a list gets its limit (50 unless given)', () => {
		expect(prepareRequest(getItem, parameters({}), JSON_CONTEXT)).toEqual({
			method: 'GET',
			path: '/invoices/inv-1/items/it-1',
			ids: { invoice: 'inv-1', item: 'it-1' },
		});
		const list: Endpoint = { ...getItem, path: '/invoices/{invoice}/items', pathIds: [getItem.pathIds[0]], paging: { next: { type: 'whole' } } };
		expect(prepareRequest(list, parameters({ ids: { invoice: 'inv-1' } }), JSON_CONTEXT).limit).toBe(50);
		expect(prepareRequest(list, parameters({ ids: { invoice: 'inv-1' }, limit: Infinity }), JSON_CONTEXT).limit).toBe(Infinity);
	});

	test('a write answered without the object is read back unless the option says not to', () => {
		const answeredEmpty: Endpoint = { ...updateItem, readBack: getItem };
		expect(prepareRequest(answeredEmpty, parameters({ updateFields: { quantity: 1 } }), JSON_CONTEXT).readBack).toBe(true);
		expect(prepareRequest(answeredEmpty, parameters({ updateFields: { quantity: 1 }, options: { readBack: false } }), JSON_CONTEXT).readBack).toBe(false);
	});
});

describe('readFields', () => {
	const FIELDS: Field[] = [
		{ name: 'quantity', label: 'Quantity', type: 'integer', minimum: 1 },
		{ name: 'description', label: 'Description', type: 'string', maxLength: 5 },
		{ name: 'tags', label: 'Tags', type: 'stringList' },
	];

	test('the set fields, in the descriptor’s order, as wire values', () => {
		const values = readFields(FIELDS, { tags: ['a', 'b'], quantity: '3', description: 'Seats' }, JSON_CONTEXT);
		expect(values).toEqual({ quantity: 3, description: 'Seats', tags: ['a', 'b'] });
		expect(Object.keys(values)).toEqual(['quantity', 'description', 'tags']);
	});

	test.each<[string, IDataObject, string]>([
		['below the minimum', { quantity: 0 }, '"Quantity" must be at least 1'],
		['not a whole number', { quantity: 'lots' }, '"Quantity" must be a whole number, got "lots"'],
		['too long', { description: 'Seats, January' }, '"Description" is 14 characters long; at most 5 are allowed'],
		['an expression that gave nothing', { description: undefined }, '"Description" is empty: its expression gave nothing'],
	])('a value %s is refused, naming the field', (_case, raw, message) => {
		expect(() => readFields(FIELDS, raw, JSON_CONTEXT)).toThrow(message);
	});

	test('a required field that is absent or blank is refused', () => {
		const required: Field[] = [{ name: 'quantity', label: 'Quantity', type: 'integer', required: true }];
		expect(() => readFields(required, {}, JSON_CONTEXT)).toThrow('"Quantity" is required');
		expect(() => readFields(required, { quantity: ' ' }, JSON_CONTEXT)).toThrow('"Quantity" is required');
	});
});

describe('encodeForm', () => {
	test('nested keys as a[b], lists with indices, a cleared field as key=, RFC 3986 escapes', () => {
		const body: WireObject = {
			quantity: 2,
			metadata: { 'plan name': 'pro & co', old: CLEARED },
			tax_rates: ['txr_1', 'txr_2'],
			discounts: [{ coupon: 'c(1)' }],
			note: "it's!",
		};
		expect(encodeForm(body)).toBe(
			'quantity=2&metadata[plan%20name]=pro%20%26%20co&metadata[old]=&tax_rates[0]=txr_1&tax_rates[1]=txr_2&discounts[0][coupon]=c%281%29&note=it%27s%21',
		);
	});

	test('absent values are left out; an empty object writes nothing', () => {
		expect(encodeForm({ a: undefined as never, b: {}, c: 'x' })).toBe('c=x');
	});
});

describe('readPage', () => {
	const node = { name: 'Toy', type: 'toy', typeVersion: 1 } as INode;
	const site = { context: { getNode: () => node }, provider: toy, credentialType: 'toyApi', itemIndex: 0 } as unknown as CallSite;
	const LIST = { method: 'GET' as const, path: '/invoices/inv-1/items', query: { status: 'open' } };
	const entries = (count: number, from = 0) => Array.from({ length: count }, (_, index) => ({ id: `it-${from + index}` }));
	const answer = (body: unknown) => sent.mockResolvedValueOnce({ statusCode: 200, headers: {}, body });
	const query = () => sent.mock.calls[sent.mock.calls.length - 1][1].query;

	beforeEach(() => sent.mockReset());

	const OFFSET: Paging = { limitParam: 'limit', maxPageSize: 100, next: { type: 'offset', offsetParam: 'offset', maxOffset: 200 } };

	test('offset: a full page points past itself, keeping the filters; the page size is capped by the API’s', async () => {
		answer(entries(100));
		const page = await readPage(site, OFFSET, LIST, 500, { offset: 100 });
		expect(query()).toEqual({ status: 'open', limit: 100, offset: 100 });
		expect(page.next).toEqual({ offset: 200 });
		expect(page.entries).toHaveLength(100);
	});

	test('offset: a short page is the last; a full page past the farthest offset says the list goes beyond reach', async () => {
		answer(entries(7));
		expect((await readPage(site, OFFSET, LIST, 50)).next).toBeUndefined();
		answer(entries(50));
		const farthest = await readPage(site, OFFSET, LIST, 50, { offset: 200 });
		expect(farthest).toEqual({ entries: entries(50), beyondReach: true });
	});

	test('after the last id: the cursor is the last entry’s id while the API says there is more', async () => {
		const paging: Paging = { itemsField: 'data', limitParam: 'limit', maxPageSize: 100, next: { type: 'afterLastId', cursorParam: 'starting_after', hasMoreField: 'has_more' } };
		answer({ data: entries(2), has_more: true });
		expect((await readPage(site, paging, LIST, 2)).next).toEqual({ starting_after: 'it-1' });
		answer({ data: entries(2), has_more: false });
		expect((await readPage(site, paging, LIST, 2)).next).toBeUndefined();
	});

	test('token: the next page is asked with the token the answer gives; an empty token ends the list', async () => {
		const paging: Paging = { itemsField: 'data', limitParam: 'limit', maxPageSize: 100, next: { type: 'token', tokenField: 'meta.next', tokenParam: 'page' } };
		answer({ data: entries(1), meta: { next: 'p/2' } });
		expect((await readPage(site, paging, LIST, 10)).next).toEqual({ page: 'p/2' });
		answer({ data: entries(1), meta: { next: '' } });
		expect((await readPage(site, paging, LIST, 10, { page: 'p/2' })).next).toBeUndefined();
		expect(query()).toEqual({ status: 'open', limit: 10, page: 'p/2' });
	});

	test('whole: one answer, no page size asked, no next page', async () => {
		answer(entries(3));
		const page = await readPage(site, { next: { type: 'whole' } }, LIST, 1);
		expect(page).toEqual({ entries: entries(3) });
		expect(query()).toEqual({ status: 'open' });
	});

	test('an answer without the list is an error naming where the list was expected', async () => {
		answer({ items: [] });
		await expect(readPage(site, { itemsField: 'data', next: { type: 'whole' } }, LIST, 10)).rejects.toThrow('Toy answered without a list in "data"');
		answer({ id: 'it-1' });
		await expect(readPage(site, { next: { type: 'whole' } }, LIST, 10)).rejects.toThrow(/^Toy answered without a list$/);
	});
});
