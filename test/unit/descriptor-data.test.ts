/** Where ids go and how list entries are read are descriptor data: ids in the query or body, wrapped entries, ids under another key. */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { jsonCodec } from '../../nodes/shared/codec';
import type { Endpoint, Paging, Provider } from '../../nodes/shared/descriptor';
import { prepareRequest } from '../../nodes/shared/execute';
import { readPage, readPages } from '../../nodes/shared/paging';
import { idsOutsidePath, type CallSite } from '../../nodes/shared/request';

const toy: Provider = {
	name: 'Toy',
	credentialType: 'toyApi',
	baseUrl: () => 'https://toy.test',
	codec: jsonCodec,
	describeError: () => ({ message: 'failed' }),
	secretFields: [],
	rateLimit: () => 1000,
};

const bulkUpdate: Endpoint = {
	operation: 'updateLines',
	name: 'Update Lines',
	action: 'update lines',
	method: 'POST',
	path: '/orders/{order}/lines',
	pathIds: [
		{ name: 'order', label: 'Order ID' },
		{ name: 'line', label: 'Line ID', in: 'body' },
		{ name: 'account', label: 'Account ID', in: 'query' },
	],
	body: { fields: [{ name: 'quantity', label: 'Quantity', type: 'integer' }] },
	query: [{ name: 'expand', label: 'Expand', type: 'string' }],
};

const parameters = (ids: Record<string, unknown>) => ({
	ids,
	required: {},
	updateFields: { quantity: '3' },
	clearFields: {},
	options: { expand: 'lines' },
});

describe('ids outside the path', () => {
	test('each id goes where its descriptor says, checked by the same rules as a path id', () => {
		const call = prepareRequest(bulkUpdate, parameters({ order: 'o:1', line: 'l-1', account: 'a-1' }), { codec: jsonCodec, timeZone: 'UTC' });
		expect(call).toMatchObject({ path: '/orders/o%3A1/lines', query: { account: 'a-1', expand: 'lines' }, body: { quantity: 3 } });
		expect(idsOutsidePath(bulkUpdate, call.ids)).toEqual({ query: { account: 'a-1' }, body: { line: 'l-1' } });
		expect(() => prepareRequest(bulkUpdate, parameters({ order: 'o-1', line: 'l/1', account: 'a-1' }), { codec: jsonCodec, timeZone: 'UTC' })).toThrow(
			'"Line ID" must not contain / ? # % \\ or whitespace, got "l/1"',
		);
	});

	test('an endpoint with every id in its path sends none elsewhere', () => {
		expect(idsOutsidePath({ ...bulkUpdate, pathIds: [{ name: 'order', label: 'Order ID' }] }, { order: 'o-1' })).toEqual({});
	});
});

/** A call site whose HTTP answers are the given bodies, one per request, recording the URLs asked. */
function answering(bodies: unknown[]): { site: CallSite; urls: string[] } {
	const urls: string[] = [];
	const context = {
		getNode: () => ({ id: 'n', name: 'Toy', type: 'toy', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} }),
		getCredentials: async () => ({}) as never,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				urls.push(String(options.url));
				return { statusCode: 200, headers: {}, body: bodies.shift() };
			},
		},
	};
	return { site: { context, provider: toy, credentialType: 'toyApi', itemIndex: 0, transport: { retries: 0, timeoutMs: 1000 } }, urls };
}

describe('list entries', () => {
	const paging: Paging = {
		itemsField: 'results',
		entryField: 'line',
		idField: 'ref.key',
		limitParam: 'limit',
		maxPageSize: 2,
		next: { type: 'afterLastId', cursorParam: 'after', hasMoreField: 'more' },
	};
	const entry = (key: string) => ({ line: { ref: { key }, quantity: 1 } });

	test('wrapped entries are unwrapped, and the cursor is the last entry’s id where the list keeps it', async () => {
		const firstPage = { results: [entry('a'), entry('b')], more: true };
		const { site, urls } = answering([firstPage, firstPage, { results: [entry('c')], more: false }]);
		const first = await readPage(site, paging, { method: 'GET', path: '/lines' }, 2);
		expect(first).toEqual({ entries: [{ ref: { key: 'a' }, quantity: 1 }, { ref: { key: 'b' }, quantity: 1 }], next: { after: 'b' } });
		const all: IDataObject[] = await readPages(site, paging, { method: 'GET', path: '/lines' }, Infinity);
		expect(all.map((line) => (line.ref as IDataObject).key)).toEqual(['a', 'b', 'c']);
		expect(urls).toEqual([
			'https://toy.test/lines?limit=2',
			'https://toy.test/lines?limit=2',
			'https://toy.test/lines?limit=2&after=b',
		]);
	});
});
