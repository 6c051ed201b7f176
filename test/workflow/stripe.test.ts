import { everything } from '../harness/n8n';
import { startRecorder, type Recorder } from '../harness/recorder';
import { TEST_KEY, runStripe, updateItem, updateLine } from '../harness/stripe';

let recorder: Recorder;

beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond((request) => ({ body: { id: request.path.split('/').pop(), object: 'invoiceitem', echo: request.body } }));
});

describe('Stripe Invoicing in a real n8n-core execution', () => {
	test('updates an invoice item: POST, form body, Bearer key, pinned Stripe-Version, output is Stripe’s object', async () => {
		const run = await runStripe(recorder, updateItem({ quantity: 3, description: 'Seats (March)' }));

		expect(run.error).toBeUndefined();
		expect(recorder.requests).toHaveLength(1);
		const [request] = recorder.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/invoiceitems/ii_123');
		expect(request.body).toBe('description=Seats%20%28March%29&quantity=3');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
		expect(request.headers['stripe-version']).toBe('2026-09-30.endive');
		expect(request.headers['stripe-account']).toBeUndefined();
		expect(run.output).toEqual([
			{ json: { id: 'ii_123', object: 'invoiceitem', echo: request.body }, pairedItem: { item: 0 } },
		]);
	});

	test('sends the connected account and an overridden API version from the credential', async () => {
		await runStripe(recorder, updateItem({ discountable: false }), {
			credentials: { account: 'acct_42', apiVersion: '2025-01-27.acacia' },
		});
		expect(recorder.requests[0].headers['stripe-account']).toBe('acct_42');
		expect(recorder.requests[0].headers['stripe-version']).toBe('2025-01-27.acacia');
	});

	test('updates a line item with values from each input item (expressions) and keeps pairing', async () => {
		const run = await runStripe(
			recorder,
			updateLine({ quantity: '={{ $json.seats }}', metadata: { pairs: [{ key: 'row', value: '={{ $json.row }}' }] } }),
			{ items: [{ seats: 5, row: 'A' }, { seats: 7, row: 'B' }] },
		);
		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => [request.path, request.body])).toEqual([
			['/v1/invoices/in_123/lines/il_456', 'metadata[row]=A&quantity=5'],
			['/v1/invoices/in_123/lines/il_456', 'metadata[row]=B&quantity=7'],
		]);
		expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('clears exactly what the user chose, as Stripe documents it (key=)', async () => {
		await runStripe(
			recorder,
			updateItem(
				{ metadata: { pairs: [{ key: 'plan', value: 'pro' }] } },
				{ clearFields: { tax_rates: true, discounts: true, metadataKeys: ['legacy', 'old note'] } },
			),
		);
		expect(recorder.requests[0].body).toBe(
			'discounts=&metadata[plan]=pro&metadata[legacy]=&metadata[old%20note]=&tax_rates=',
		);
	});

	test('reads period dates without an offset in the workflow’s time zone and sends unix seconds', async () => {
		await runStripe(
			recorder,
			updateItem({ period: { values: { start: '2026-01-01T00:00:00', end: '2026-07-01T00:00:00' } } }),
			{ timezone: 'Europe/Berlin' },
		);
		// Berlin is UTC+1 in January and UTC+2 (summer time) in July.
		expect(recorder.requests[0].body).toBe(
			`period[start]=${Date.UTC(2025, 11, 31, 23) / 1000}&period[end]=${Date.UTC(2026, 5, 30, 22) / 1000}`,
		);
	});

	test('gets an invoice item with expanded fields', async () => {
		const run = await runStripe(recorder, {
			resource: 'invoiceItem',
			operation: 'get',
			invoiceitem: 'ii_9',
			options: { expand: ['discounts', 'tax_rates'] },
		});
		expect(run.error).toBeUndefined();
		expect(recorder.requests[0].method).toBe('GET');
		expect(recorder.requests[0].url).toBe('/v1/invoiceitems/ii_9?expand[0]=discounts&expand[1]=tax_rates');
		expect(recorder.requests[0].body).toBe('');
	});

	test('a Stripe error becomes a NodeApiError with Stripe’s message, code, param, docs and request id', async () => {
		recorder.respond(() => ({
			status: 400,
			headers: { 'Request-Id': 'req_abc123' },
			body: {
				error: {
					type: 'invalid_request_error',
					code: 'resource_missing',
					param: 'tax_rates[0]',
					message: 'No such tax rate: txr_nope',
					doc_url: 'https://docs.stripe.com/error-codes/resource-missing',
				},
			},
		}));
		const run = await runStripe(recorder, updateItem({ tax_rates: ['txr_nope'] }));
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('No such tax rate: txr_nope');
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.description).toContain('resource_missing');
		expect(run.error?.description).toContain('tax_rates[0]');
		expect(run.error?.description).toContain('https://docs.stripe.com/error-codes/resource-missing');
		expect(run.error?.description).toContain('req_abc123');
	});

	test('a publishable key is refused before anything is sent', async () => {
		const run = await runStripe(recorder, updateItem({ quantity: 1 }), {
			credentials: { secretKey: 'pk_test_123456789' },
		});
		expect(recorder.requests).toHaveLength(0);
		expect(run.error?.message).toContain('publishable key');
		expect(everything(run)).not.toContain('pk_test_123456789');
	});
});
