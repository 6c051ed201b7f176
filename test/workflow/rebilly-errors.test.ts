import { startRecorder, type Recorder } from '../harness/recorder';
import {
	CURRENT_ITEM,
	getItem,
	problem,
	replaceUpdate,
	runRebilly,
} from '../harness/rebilly';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond(() => ({ body: CURRENT_ITEM }));
});

const run = (...args: Parameters<typeof runRebilly> extends [string, ...infer Rest] ? Rest : never) =>
	runRebilly(recorder.url, ...args);

describe('Rebilly errors', () => {
	test('422: every invalid field and its message are in the error description', async () => {
		recorder.respond(() =>
			problem(422, {
				title: 'Invalid data sent',
				detail: 'The invoice item could not be saved',
				invalidFields: [
					{ field: 'unitPrice', message: 'Unit price must not exceed the plan price' },
					{ field: 'periodEndTime', message: 'Period end is outside the invoice period' },
					{ field: 'productId', message: 'Product prod-x does not exist' },
				],
			}),
		);
		const result = await run(replaceUpdate({ type: 'debit', unitPrice: 5 }, { productId: 'prod-x' }));
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.httpCode).toBe('422');
		expect(result.error?.message).toBe('The invoice item could not be saved');
		expect(result.error?.description).toBe(
			'Invalid fields:\n' +
				'• unitPrice: Unit price must not exceed the plan price\n' +
				'• periodEndTime: Period end is outside the invoice period\n' +
				'• productId: Product prod-x does not exist',
		);
	});

	test('422 with Continue On Fail: the invalid fields are in the item’s output too', async () => {
		recorder.respond(() =>
			problem(422, { title: 'Invalid data sent', invalidFields: [{ field: 'quantity', message: 'too many' }] }),
		);
		const result = await run(replaceUpdate({ type: 'debit', unitPrice: 5 }, { quantity: 9999 }), { continueOnFail: true });
		expect(result.output).toEqual([
			{
				json: {
					error: 'Invalid data sent',
					description: 'Invalid fields:\n• quantity: too many',
					httpCode: '422',
					type: 'about:blank',
					title: 'Invalid data sent',
					invalidFields: [{ field: 'quantity', message: 'too many' }],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('422 without invalid fields keeps Rebilly’s title and detail', async () => {
		recorder.respond(() => problem(422, { title: 'Invalid data sent', detail: 'Invoice is already paid' }));
		const result = await run(replaceUpdate({ type: 'debit', unitPrice: 5 }));
		expect(result.error?.message).toBe('Invoice is already paid');
		expect(result.error?.description).toBe('Invalid data sent: Invoice is already paid');
	});

	test.each<[number, string]>([
		[401, 'Rebilly did not accept the credentials. Check the API key or token, that it was made in the chosen environment (sandbox or live), and the organization ID.'],
		[403, 'The API key or token is not allowed to do this. It needs access to invoices of this organization.'],
		[404, 'Rebilly found no such invoice or invoice item. Check the IDs, the environment (sandbox or live) and the organization ID.'],
	])('%i gets a plain-words message; Rebilly’s own words stay in the description', async (status, message) => {
		recorder.respond(() => problem(status, { title: 'Problem title', detail: 'Problem detail' }));
		const result = await run(getItem());
		expect(result.error?.httpCode).toBe(String(status));
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toBe('Rebilly says: Problem title: Problem detail');
	});

	test('404 without a body still gets the plain words', async () => {
		recorder.respond(() => ({ status: 404, body: '' }));
		const result = await run(getItem());
		expect(result.error?.message).toMatch(/^Rebilly found no such invoice or invoice item/);
	});

	test('429 is recognised and X-RateLimit-Retry-After is kept in the error details', async () => {
		recorder.respond(() => ({
			status: 429,
			headers: { 'X-RateLimit-Retry-After': '1713187500', 'X-RateLimit-Limit': '3000', 'X-RateLimit-Remaining': '0' },
			body: { status: 429, title: 'Rate Limit Exceeded', detail: 'Too many requests' },
		}));
		const failed = await run(replaceUpdate({ type: 'debit', unitPrice: 5 }));
		expect(failed.error?.httpCode).toBe('429');
		expect(failed.error?.message).toBe(
			'Rebilly is rate limiting this organization until 2024-04-15T13:25:00.000Z. Try again after that.',
		);
		expect(failed.error?.context?.details).toMatchObject({ retryAfter: 1713187500, retryAt: '2024-04-15T13:25:00.000Z' });

		const reported = await run(replaceUpdate({ type: 'debit', unitPrice: 5 }), { continueOnFail: true });
		expect(reported.output[0].json).toMatchObject({
			httpCode: '429',
			retryAfter: 1713187500,
			retryAt: '2024-04-15T13:25:00.000Z',
			title: 'Rate Limit Exceeded',
		});
	});

	test('429 without the header is still recognised', async () => {
		recorder.respond(() => ({ status: 429, body: {} }));
		const result = await run(getItem());
		expect(result.error?.message).toBe('Rebilly is rate limiting this organization. Wait until the limit resets, then try again.');
	});

	test('another status keeps Rebilly’s detail', async () => {
		recorder.respond(() => problem(409, { title: 'Conflict', detail: 'Invoice is being recalculated' }));
		const result = await run(getItem());
		expect(result.error?.message).toBe('Invoice is being recalculated');
		expect(result.error?.httpCode).toBe('409');
	});
});
