import { startRecorder, type RecordedRequest, type Recorder, type Reply } from '../harness/recorder';
import {
	ACCESS_TOKEN,
	BASIC_HEADER,
	CLIENT_SECRET,
	ITEM_ID,
	NETWORK_ID,
	REFRESH_TOKEN,
	INVOICE_ID,
	getInvoiceItems,
	getItem,
	getManyItems,
	product,
	runSpacebring,
	sampleItem,
	updateItem,
} from '../harness/spacebring';

let recorder: Recorder;

/** A Spacebring that keeps one item: PATCH answers 204, GET answers the item as it is now. */
function itemServer(request: RecordedRequest): Reply {
	if (request.method === 'PATCH') return { status: 204, body: '' };
	return { body: { invoiceItem: sampleItem({ id: request.path.split('/').pop() }) } };
}

beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond(itemServer);
});

const ITEM_PATH = `/billing/invoices/v1/items/${ITEM_ID}`;

describe('Spacebring in a real n8n-core execution', () => {
	// The read-back itself (the GET, its output, the option to skip it) is in test/conformance.
	test('updates an item with OAuth2: PATCH with the fields inside "invoiceItem", bearer token and network header, on the write and its read-back', async () => {
		const run = await runSpacebring(recorder.url, updateItem({ quantity: 3 }));

		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`PATCH ${ITEM_PATH}`,
			`GET ${ITEM_PATH}`,
		]);
		const [patch, read] = recorder.requests;
		expect(JSON.parse(patch.body)).toEqual({ invoiceItem: { quantity: 3 } });
		expect(patch.headers['content-type']).toBe('application/json');
		for (const request of [patch, read]) {
			expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
			expect(request.headers['spacebring-network-id']).toBe(NETWORK_ID);
		}
	});

	test('sends every field in the order of the API reference, and only the fields that are set', async () => {
		await runSpacebring(recorder.url, updateItem({ unitAmount: 12.5, quantity: 2, ...product('Meeting room (half day)') }));
		expect(recorder.requests[0].body).toBe(
			'{"invoiceItem":{"product":{"title":"Meeting room (half day)"},"quantity":2,"unitAmount":12.5}}',
		);

		recorder.requests.length = 0;
		await runSpacebring(recorder.url, updateItem({ unitAmount: 0 }));
		expect(recorder.requests[0].body).toBe('{"invoiceItem":{"unitAmount":0}}');
	});

	test('Basic Auth: Authorization Basic from client ID and secret, no network header', async () => {
		const run = await runSpacebring(recorder.url, getItem(), { auth: 'basicAuth' });
		expect(run.error).toBeUndefined();
		for (const request of recorder.requests) {
			expect(request.headers.authorization).toBe(BASIC_HEADER);
			expect(request.headers['spacebring-network-id']).toBeUndefined();
		}
		expect(recorder.requests).toHaveLength(1);
	});

	test('values from expressions, per input item, with pairing kept', async () => {
		const run = await runSpacebring(
			recorder.url,
			updateItem(
				{ quantity: '={{ $json.seats }}', unitAmount: '={{ $json.price }}', ...product('={{ $json.title }}') },
				{ id: '={{ $json.item }}', options: { readBack: false } },
			),
			{
				items: [
					{ item: ITEM_ID, seats: 5, price: '19.90', title: 'Desk' },
					{ item: NETWORK_ID, seats: '7', price: 0, title: 'Office' },
				],
			},
		);
		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => [request.path, request.body])).toEqual([
			[ITEM_PATH, '{"invoiceItem":{"product":{"title":"Desk"},"quantity":5,"unitAmount":19.9}}'],
			[`/billing/invoices/v1/items/${NETWORK_ID}`, '{"invoiceItem":{"product":{"title":"Office"},"quantity":7,"unitAmount":0}}'],
		]);
		expect(run.output).toEqual([
			{ json: { id: ITEM_ID, updated: true }, pairedItem: { item: 0 } },
			{ json: { id: NETWORK_ID, updated: true }, pairedItem: { item: 1 } },
		]);
	});

	test('gets one item and outputs it unwrapped', async () => {
		const run = await runSpacebring(recorder.url, getItem(), { auth: 'basicAuth' });
		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`GET ${ITEM_PATH}`]);
		expect(run.output).toEqual([{ json: sampleItem(), pairedItem: { item: 0 } }]);
	});

	// Return All and Limit over Spacebring's nextPageToken: test/conformance.
	describe('Get Many', () => {
		beforeEach(() => recorder.respond(() => ({ body: { invoiceItems: [sampleItem()] } })));

		test('dates without an offset are read in the workflow’s time zone', async () => {
			await runSpacebring(
				recorder.url,
				getManyItems({ limit: 1, options: { issueDate: { values: { optionalFields: { gte: '2026-07-01T00:00:00' } } } } }),
				{ timezone: 'Europe/Berlin' },
			);
			expect(recorder.requests[0].url).toBe('/billing/invoices/v1/items?issueDate[gte]=2026-06-30T22%3A00%3A00.000Z&limit=1');
		});
	});

	describe('Get Many of Invoice: Spacebring answers the whole list at once', () => {
		const items = Array.from({ length: 3 }, (_, index) => sampleItem({ id: `item-${index}`, invoiceRef: INVOICE_ID }));
		beforeEach(() => recorder.respond(() => ({ body: { invoice: { id: INVOICE_ID }, invoiceItems: items } })));

		test('Return All: one request without a page size, one output item per invoice item', async () => {
			const run = await runSpacebring(recorder.url, getInvoiceItems({ returnAll: true }));
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
				`GET /billing/invoices/v1/${INVOICE_ID}/items`,
			]);
			expect(run.output).toEqual(items.map((json) => ({ json, pairedItem: { item: 0 } })));
		});

		test('Limit cuts the list without asking Spacebring for a page size it does not take', async () => {
			const run = await runSpacebring(recorder.url, getInvoiceItems({ returnAll: false, limit: 2 }), { auth: 'basicAuth' });
			expect(recorder.requests.map((request) => request.url)).toEqual([`/billing/invoices/v1/${INVOICE_ID}/items`]);
			expect(run.output.map((item) => item.json.id)).toEqual(['item-0', 'item-1']);
		});
	});

	describe('errors', () => {
		const failWith = (status: number, body: unknown, headers: Record<string, string> = {}) =>
			recorder.respond(() => ({ status, body, headers }));

		test('Spacebring’s { message, type } becomes a NodeApiError with that message', async () => {
			failWith(400, { message: 'Invoice item can be updated only in draft invoices', type: 'ValidationError' });
			const run = await runSpacebring(recorder.url, updateItem({ quantity: 2 }));
			expect(run.error?.name).toBe('NodeApiError');
			expect(run.error?.message).toBe('Invoice item can be updated only in draft invoices');
			expect(run.error?.httpCode).toBe('400');
			expect(run.error?.description).toBe('Type: ValidationError');
			// The write failed: no read-back was attempted.
			expect(recorder.requests).toHaveLength(1);
		});

		test.each([401, 403])('%s with OAuth2 explains the scope and the network ID', async (status) => {
			failWith(status, { message: 'Unauthorized', type: 'AuthError' });
			const run = await runSpacebring(recorder.url, updateItem({ quantity: 2 }));
			expect(run.error?.message).toBe('Unauthorized');
			expect(run.error?.httpCode).toBe(String(status));
			expect(run.error?.description).toBe(
				'Type: AuthError · The OAuth2 connection needs the "invoices" scope (reads also work with "invoices.readonly"), and the Network ID must be the network the connection was granted for.',
			);
		});

		test.each([401, 403])('%s with Basic Auth gives the advice of that credential, in words nothing redacts', async (status) => {
			failWith(status, { message: 'Unauthorized', type: 'AuthError' });
			const run = await runSpacebring(recorder.url, getItem(), { auth: 'basicAuth' });
			expect(run.error?.description).toBe('Type: AuthError · Check the client ID and secret from Network Settings → Developers.');
		});

		test('401 without a body still gets words', async () => {
			failWith(401, '');
			const run = await runSpacebring(recorder.url, getItem(), { auth: 'basicAuth' });
			expect(run.error?.message).toBe('Spacebring did not accept the credentials');
			expect(run.error?.description).toContain('Network Settings → Developers');
		});

		test('429 is recognised: Spacebring’s limit of 10 requests per second and Retry-After', async () => {
			failWith(429, { message: 'Too many requests' }, { 'Retry-After': '2' });
			const run = await runSpacebring(recorder.url, getItem());
			expect(run.error?.httpCode).toBe('429');
			expect(run.error?.message).toBe('Too many requests');
			expect(run.error?.description).toContain('10 requests per second');
			expect(run.error?.description).toContain('Retry after: 2 s');

			failWith(429, '');
			const bare = await runSpacebring(recorder.url, getItem(), { continueOnFail: true });
			expect(bare.output[0].json).toMatchObject({
				error: 'Spacebring is rate limiting these requests',
				httpCode: '429',
			});
		});
	});

	describe('credentials are checked before anything is sent', () => {
		test.each([
			['no network ID', { networkId: '' }, 'has no Network ID'],
			['a network ID that is not a UUID', { networkId: 'my-network' }, 'must be a UUID'],
			['an OAuth2 credential that was never connected', { oauthTokenData: undefined }, 'is not connected yet'],
		])('OAuth2 with %s', async (_case, oauth2, message) => {
			const run = await runSpacebring(recorder.url, updateItem({ quantity: 1 }), { oauth2 });
			expect(run.error?.message).toContain(message);
			expect(recorder.requests).toHaveLength(0);
		});

		test('Basic without a client secret', async () => {
			const run = await runSpacebring(recorder.url, getItem(), { auth: 'basicAuth', basic: { clientSecret: '' } });
			expect(run.error?.message).toContain('needs the client ID and client secret');
			expect(recorder.requests).toHaveLength(0);
		});
	});

	// Spacebring's access tokens live one hour. n8n-core refreshes an OAuth2 token only when a request
	// *throws* a 401, so after an OAuth2 401 the engine asks once more in that mode.
	test('OAuth2: an expired access token is refreshed with the refresh token and the call repeated', async () => {
		recorder.respond((request) => {
			if (request.path === '/oauth2/token') {
				return { body: { access_token: 'fresh-access-token', refresh_token: 'fresh-refresh', token_type: 'Bearer', expires_in: 3600 } };
			}
			if (request.headers.authorization === `Bearer ${ACCESS_TOKEN}`) return { status: 401, body: { message: 'Token expired' } };
			return itemServer(request);
		});
		const run = await runSpacebring(recorder.url, getItem());
		expect(run.error).toBeUndefined();
		expect(run.output).toEqual([{ json: sampleItem(), pairedItem: { item: 0 } }]);
		// Only reads of the item and one token refresh; the last read carries the new token.
		const refreshes = recorder.requests.filter((request) => request.path === '/oauth2/token');
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0].method).toBe('POST');
		const form = new URLSearchParams(refreshes[0].body);
		expect(form.get('grant_type')).toBe('refresh_token');
		expect(form.get('refresh_token')).toBe(REFRESH_TOKEN);
		expect(form.get('client_secret')).toBe(CLIENT_SECRET);
		const reads = recorder.requests.filter((request) => request.path !== '/oauth2/token');
		expect(reads.every((request) => `${request.method} ${request.path}` === `GET ${ITEM_PATH}`)).toBe(true);
		const last = recorder.requests[recorder.requests.length - 1];
		expect(last.headers.authorization).toBe('Bearer fresh-access-token');
		expect(last.headers['spacebring-network-id']).toBe(NETWORK_ID);
	});
});
