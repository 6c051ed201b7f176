/**
 * Sequence takes money, quantities and tax rates as decimal strings. These run the node in real
 * n8n executions and read what reached the wire: strings are kept exactly, numbers from expressions
 * are written exactly (never with an exponent), and float noise is refused, not rounded.
 */
import type { IDataObject } from 'n8n-workflow';

import { startRecorder, type Recorder } from '../harness/recorder';
import { LINE, REQUIRED, lineItem, merge, replace, runSequence } from '../harness/sequence';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder((request) =>
		request.method === 'GET' ? { body: { items: [lineItem(LINE)], pagination: {} } } : { body: JSON.parse(request.body) },
	);
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
});

const sentBody = () => JSON.parse(recorder.requests.filter((request) => request.method === 'PUT')[0].body) as IDataObject;

/** [what the user gives (literal text or an expression), the exact decimal string sent]. */
const exact: Array<[string, string, string]> = [
	['text keeps trailing zeros', '20000.10', '20000.10'],
	['text keeps leading zeros of the fraction', '0.05', '0.05'],
	['text is trimmed', ' 7.5 ', '7.5'],
	['an explicit plus sign is dropped', '+3', '3'],
	['negative text (a credit line)', '-12.50', '-12.50'],
	['more digits than a double holds stay exact as text', '12345678901234567890.123456789', '12345678901234567890.123456789'],
	['text that looks like float noise is the user’s own choice and kept', '0.30000000000000004', '0.30000000000000004'],
	['a whole number from an expression', '={{ 2 }}', '2'],
	['a fraction from an expression', '={{ 1.5 }}', '1.5'],
	['a number from the input item', '={{ $json.amount }}', '149.99'],
	['a large number is written without exponent', '={{ 1e21 }}', '1000000000000000000000'],
	['a tiny number is written without exponent', '={{ 1e-7 }}', '0.0000001'],
	['15 significant digits are exact', '={{ 123456789012.345 }}', '123456789012.345'],
	['a rounded result from toFixed is text', '={{ (0.1 + 0.2).toFixed(2) }}', '0.30'],
	['arithmetic with an exact result', '={{ 19.99 * 3 }}', '59.97'],
	['negative zero is zero', '={{ -0 }}', '0'],
];

describe('decimal strings on the wire (Rate, Replace mode)', () => {
	test.each(exact)('%s: %j → %j', async (_case, value, wire) => {
		const run = await runSequence(recorder.url, replace({ ...REQUIRED, rate: value }), { items: [{ amount: 149.99 }] });
		expect(run.error).toBeUndefined();
		expect(sentBody().rate).toBe(wire);
	});
});

describe('decimal strings on the wire (Merge mode, every decimal field)', () => {
	test('Quantity, Rate and Tax Rate from numbers in the input item', async () => {
		const run = await runSequence(
			recorder.url,
			merge({ quantity: '={{ $json.quantity }}', rate: '={{ $json.rate }}', taxRate: '={{ $json.taxRate }}' }),
			{ items: [{ quantity: 0.5, rate: 1234.5, taxRate: 0.075 }] },
		);
		expect(run.error).toBeUndefined();
		expect(sentBody()).toMatchObject({ quantity: '0.5', rate: '1234.5', taxRate: '0.075' });
		expect(typeof sentBody().quantity).toBe('string');
	});

	test('a zero tax rate is sent as "0"', async () => {
		await runSequence(recorder.url, merge({ taxRate: 0 }));
		expect(sentBody().taxRate).toBe('0');
	});
});

describe('float noise is refused with the way out, and nothing is sent', () => {
	test.each([
		['quantity', '={{ 0.1 + 0.2 }}', '"Quantity" is a floating-point result (0.30000000000000004)'],
		['rate', '={{ 1.1 * 1.1 }}', '"Rate" is a floating-point result (1.2100000000000002)'],
		['taxRate', '={{ 0.7 + 0.1 }}', '"Tax Rate" is a floating-point result (0.7999999999999999)'],
		['rate', '={{ 1 / 3 }}', '"Rate" is a floating-point result (0.3333333333333333)'],
	])('%s = %s', async (field, value, message) => {
		const run = await runSequence(recorder.url, merge({ [field]: value }));
		expect(run.error?.message).toBe(`${message} [item 0]`);
		expect(run.error?.description).toBe(
			`Round it in the expression, e.g. {{ (0.1 + 0.2).toFixed(2) }}, or pass the amount as text. Field "${field}" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.`,
		);
		expect(recorder.requests).toHaveLength(0);
	});

	test.each([
		['={{ NaN }}', '"Rate" must be a decimal number, got NaN'],
		['={{ [1] }}', '"Rate" must be a decimal number, got a list'],
		['1.2.3', '"Rate" must be a decimal number such as 12.5, got "1.2.3"'],
		['12.', '"Rate" must be a decimal number such as 12.5, got "12."'],
		['0x10', '"Rate" must be a decimal number such as 12.5, got "0x10"'],
		['1 000', '"Rate" must be a decimal number such as 12.5, got "1 000"'],
	])('not a decimal: %s', async (value, message) => {
		const run = await runSequence(recorder.url, merge({ rate: value }));
		expect(run.error?.message).toBe(`${message} [item 0]`);
		expect(recorder.requests).toHaveLength(0);
	});
});
