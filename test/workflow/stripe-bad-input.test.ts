import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startRecorder, type Recorder } from '../harness/recorder';
import { refusedBeforeAnyRequest, type Refusal } from '../harness/refused';
import { runStripe, updateItem, updateLine } from '../harness/stripe';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder(() => ({ body: { id: 'ii_123' } }));
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
});

const priceData = (values: IDataObject, optionalFields: IDataObject = {}) => ({
	price_data: { values: { ...values, optionalFields } },
});
const period = (start: unknown, end: unknown) => ({ period: { values: { start, end } } });
const pairs = (entries: Array<[string, string]>) => ({ pairs: entries.map(([key, value]) => ({ key, value })) });
const taxAmount = (taxRateData: IDataObject, extra: IDataObject = {}) => ({
	tax_amounts: {
		values: [
			{
				amount: 100,
				taxable_amount: 1000,
				tax_rate_data: { values: { display_name: 'VAT', inclusive: false, percentage: 10, ...taxRateData } },
				...extra,
			},
		],
	},
});
const manyKeys = (count: number) => pairs(Array.from({ length: count }, (_, index) => [`k${index}`, 'v']));

const CENTS = 'must be a whole number of the smallest currency unit, e.g. cents: 12.50 EUR is 1250';

/** What a float artefact is told to do, at the start of the description. */
const ROUND_IT = 'Round it in the expression, e.g. {{ (0.1 + 0.2).toFixed(2) }}, or pass the amount as text.';

/** [rule, parameters, the exact error message before " [item 0]", what the description starts with if not the field]. Every case is refused with nothing sent. */
const cases: Refusal[] = [
	// Amounts are in the smallest currency unit: one with a fraction is a major-unit amount, and says so.
	['amount is in cents', updateItem({ amount: 12.5 }), `"Amount" ${CENTS}, got 12.5`],
	['amount is in cents, also as text with a comma', updateLine({ amount: '12,50' }), `"Amount" ${CENTS}, got "12,50"`],
	['price_data.unit_amount is in cents', updateItem(priceData({ product: 'prod_1', currency: 'eur' }, { unit_amount: '19.99' })), `"Price Data → Unit Amount" ${CENTS}, got "19.99"`],
	['tax amount is in cents', updateLine(taxAmount({}, { amount: 1.9 })), `"Tax Amounts → Tax Amount 1 → Amount" ${CENTS}, got 1.9`],
	['taxable amount is in cents', updateLine(taxAmount({}, { taxable_amount: '10.00' })), `"Tax Amounts → Tax Amount 1 → Taxable Amount" ${CENTS}, got "10.00"`],
	['tax percentage is out of 100', updateLine(taxAmount({ percentage: 2000 })), '"Tax Amounts → Tax Amount 1 → Tax Rate Data → Percentage" must be at most 100'],
	['amount must be a number', updateItem({ amount: 'ten' }), '"Amount" must be a whole number, got "ten"'],
	['amount must be exact', updateItem({ amount: 2 ** 60 }), '"Amount" is too large to be sent exactly'],
	['quantity is non-negative', updateItem({ quantity: -1 }), '"Quantity" must be at least 0'],
	['quantity is an integer', updateLine({ quantity: 1.5 }), '"Quantity" must be a whole number, got 1.5'],
	['quantity_decimal ≤ 12 places', updateItem({ quantity_decimal: '1.1234567890123' }), '"Quantity Decimal" has 13 decimal places; at most 12 are allowed'],
	['quantity_decimal non-negative', updateLine({ quantity_decimal: '-0.5' }), '"Quantity Decimal" must not be negative'],
	['quantity_decimal is a decimal', updateItem({ quantity_decimal: '1,5' }), '"Quantity Decimal" must be a decimal number such as 12.5, got "1,5"'],
	['quantity_decimal float artefacts are refused', updateItem({ quantity_decimal: '={{ 0.1 + 0.2 }}' }), '"Quantity Decimal" is a floating-point result (0.30000000000000004)', ROUND_IT],
	['unit_amount_decimal ≤ 12 places', updateItem({ unit_amount_decimal: '0.0000000000001' }), '"Unit Amount Decimal" has 13 decimal places; at most 12 are allowed'],
	['unit_amount_decimal has no exponent', updateItem({ unit_amount_decimal: '1e3' }), '"Unit Amount Decimal" must be a decimal number such as 12.5, got "1e3"'],
	['currency is 3 letters', updateItem(priceData({ product: 'prod_1', currency: 'us' })), '"Price Data → Currency" must be a three-letter ISO currency code such as usd, got "us"'],
	['currency has no digits', updateItem(priceData({ product: 'prod_1', currency: 'us1' })), '"Price Data → Currency" must be a three-letter ISO currency code such as usd, got "us1"'],
	['price_data needs a currency', updateItem(priceData({ product: 'prod_1', currency: '' })), '"Price Data → Currency" is required'],
	['invoice item price_data needs a product', updateItem(priceData({ product: '', currency: 'usd' })), '"Price Data → Product ID" is required'],
	['unit_amount xor unit_amount_decimal', updateItem(priceData({ product: 'prod_1', currency: 'usd' }, { unit_amount: 5, unit_amount_decimal: '5.5' })), '"Price Data → Unit Amount + Unit Amount Decimal" can\'t be used together: set only one of "Unit Amount", "Unit Amount Decimal"'],
	['price_data.unit_amount non-negative', updateItem(priceData({ product: 'prod_1', currency: 'usd' }, { unit_amount: -5 })), '"Price Data → Unit Amount" must be at least 0'],
	['line price_data: product xor product_data', updateLine(priceData({ currency: 'usd' }, { product: 'prod_1', product_data: { values: { name: 'Seat' } } })), '"Price Data → Product ID + Product Data" can\'t be used together: set only one of "Product ID", "Product Data"'],
	['line price_data needs a product or product_data', updateLine(priceData({ currency: 'usd' })), '"Price Data" needs one of "Product ID", "Product Data"'],
	['product_data.unit_label ≤ 12', updateLine(priceData({ currency: 'usd' }, { product_data: { values: { name: 'Seat', optionalFields: { unit_label: 'seat-per-month' } } } })), '"Price Data → Product Data → Unit Label" is 14 characters long; at most 12 are allowed'],
	['tax_behavior enum', updateItem({ tax_behavior: 'sometimes' }), '"Tax Behavior" must be one of exclusive, inclusive, unspecified; got "sometimes"'],
	['description ≤ 5000', updateItem({ description: 'x'.repeat(5001) }), '"Description" is 5001 characters long; at most 5000 are allowed'],
	['a set field is not blank', updateItem({ description: '  ' }), '"Description" is empty; give it a value or remove it'],
	['discountable is a boolean', updateItem({ discountable: 'yes' }), '"Discountable" must be true or false, got "yes"'],
	['metadata ≤ 50 keys', updateItem({ metadata: manyKeys(51) }), '"Metadata" has 51 keys; at most 50 are allowed'],
	['metadata key ≤ 40', updateItem({ metadata: pairs([['k'.repeat(41), 'v']]) }), `"Metadata → ${'k'.repeat(41)}" key is 41 characters long; at most 40 are allowed`],
	['metadata value ≤ 500', updateItem({ metadata: pairs([['note', 'v'.repeat(501)]]) }), '"Metadata → note" value is 501 characters long; at most 500 are allowed'],
	['metadata key given twice', updateItem({ metadata: pairs([['a', '1'], ['a', '2']]) }), '"Metadata → a" key is given twice'],
	['metadata key without brackets', updateItem({ metadata: pairs([['a[b]', '1']]) }), '"Metadata → a[b]" key must not contain [ or ]'],
	['metadata value not empty (form `key=` would remove the key)', updateItem({ metadata: pairs([['plan', '']]) }), '"Metadata → plan" value is empty, which would remove the key; to remove it, use Clear Fields'],
	['metadata with no entries', updateItem({ metadata: { pairs: [] } }), '"Metadata" has no entries; add one or remove the field'],
	['discounts added without entries', updateItem({ discounts: {} }), '"Discounts" is an empty list; add an entry or remove the field'],
	['metadata key not empty', updateItem({ metadata: pairs([['', '1']]) }), '"Metadata → (empty key)" has a pair with an empty key'],
	['metadata set and cleared', updateItem({ metadata: pairs([['a', '1']]) }, { clearFields: { metadata: true } }), '"Metadata" is both set and cleared; choose one'],
	['metadata key set and removed', updateLine({ metadata: pairs([['a', '1']]) }, { clearFields: { metadataKeys: ['a'] } }), '"Metadata → a" is both set and removed; choose one'],
	// Found by the property tests: it failed with "must be text, got an object", naming no field.
	['metadata keys to remove are text', updateItem({}, { clearFields: { metadataKeys: [{}] } }), '"Metadata Keys to Remove" must be text, got an object'],
	['a metadata key is text', updateItem({ metadata: { pairs: [{ key: {}, value: 'v' }] } }), '"Metadata" has a key that must be text, got an object'],
	['metadata cleared and keys removed', updateItem({}, { clearFields: { metadata: true, metadataKeys: ['a'] } }), '"Metadata" is cleared entirely and also has keys to remove; choose one'],
	['tax_rates set and cleared', updateItem({ tax_rates: ['txr_1'] }, { clearFields: { tax_rates: true } }), '"Tax Rate IDs" is both set and cleared; choose one'],
	['tax_rates not an empty list', updateItem({ tax_rates: [] }), '"Tax Rate IDs" is an empty list; add an entry or remove the field'],
	['pricing xor price_data', updateItem({ pricing: { values: { price: 'price_1' } }, ...priceData({ product: 'prod_1', currency: 'usd' }) }), '"Price Data + Pricing" can\'t be used together: set only one of "Amount", "Unit Amount Decimal", "Price Data", "Pricing"'],
	['amount xor unit_amount_decimal', updateItem({ amount: 100, unit_amount_decimal: '1.5' }), '"Amount + Unit Amount Decimal" can\'t be used together: set only one of "Amount", "Unit Amount Decimal", "Price Data", "Pricing"'],
	['quantity xor quantity_decimal', updateLine({ quantity: 1, quantity_decimal: '1.5' }), '"Quantity + Quantity Decimal" can\'t be used together: set only one of "Quantity", "Quantity Decimal"'],
	['tax_rates xor tax_amounts', updateLine({ tax_rates: ['txr_1'], ...taxAmount({}) }), '"Tax Rate IDs + Tax Amounts" can\'t be used together: set only one of "Tax Rate IDs", "Tax Amounts"'],
	['period end ≥ start', updateItem(period('2026-02-01T00:00:00Z', '2026-01-31T23:59:59Z')), '"Period → End" must not be before "Start"'],
	['period needs both ends', updateItem(period('2026-02-01', '')), '"Period → End" is required'],
	['period dates are real dates', updateItem(period('2026-02-30', '2026-03-01')), '"Period → Start" is not a real calendar date-time: "2026-02-30"'],
	['period dates are dates', updateItem(period('next monday', '2026-03-01')), '"Period → Start" must be an ISO 8601 date-time (2026-01-31T12:00:00Z) or unix seconds, got "next monday"'],
	['period seconds, not milliseconds', updateItem(period(1767225600000, 1767225600)), '"Period → Start" looks like milliseconds (1767225600000); give unix seconds or an ISO 8601 date'],
	['a discount names exactly one thing', updateItem({ discounts: { values: [{ optionalFields: { coupon: 'SUMMER', promotion_code: 'promo_1' } }] } }), '"Discounts → Discount 1 → Coupon ID + Promotion Code ID" can\'t be used together: set only one of "Coupon ID", "Discount ID", "Promotion Code ID"'],
	['an empty discount entry', updateLine({ discounts: { values: [{}] } }), '"Discounts → Discount 1" needs one of "Coupon ID", "Discount ID", "Promotion Code ID"'],
	['tax_rate_data display_name required', updateLine(taxAmount({ display_name: '' })), '"Tax Amounts → Tax Amount 1 → Tax Rate Data → Display Name" is required'],
	['tax_rate_data display_name ≤ 200', updateLine(taxAmount({ display_name: 'v'.repeat(201) })), '"Tax Amounts → Tax Amount 1 → Tax Rate Data → Display Name" is 201 characters long; at most 200 are allowed'],
	['tax_rate_data jurisdiction_level enum', updateLine(taxAmount({ optionalFields: { jurisdiction_level: 'planet' } })), '"Tax Amounts → Tax Amount 1 → Tax Rate Data → Jurisdiction Level" must be one of city, country, county, district, multiple, state; got "planet"'],
	['taxability_reason enum', updateLine(taxAmount({}, { optionalFields: { taxability_reason: 'because' } })), '"Tax Amounts → Tax Amount 1 → Taxability Reason" must be one of customer_exempt, not_collecting, not_subject_to_tax, not_supported, portion_product_exempt, portion_reduced_rated, portion_standard_rated, product_exempt, product_exempt_holiday, proportionally_rated, reduced_rated, reverse_charge, standard_rated, taxable_basis_reduced, zero_rated; got "because"'],
	// An empty literal is refused by n8n itself ("workflow has issues"); an expression can still yield nothing.
	['invoice item id required', updateItem({ quantity: 1 }, { invoiceitem: '={{ $json.missing }}' }), '"Invoice Item ID" is required'],
	['invoice id has no slash', updateLine({ quantity: 1 }, { invoice: 'in_1/lines' }), '"Invoice ID" must not contain / ? # % \\ or whitespace, got "in_1/lines"'],
	['line item id has no query', updateLine({ quantity: 1 }, { line_item_id: 'il_1?x=1' }), '"Line Item ID" must not contain / ? # % \\ or whitespace, got "il_1?x=1"'],
	['line item id has no fragment', updateLine({ quantity: 1 }, { line_item_id: 'il_1#x' }), '"Line Item ID" must not contain / ? # % \\ or whitespace, got "il_1#x"'],
	['ids have no percent escapes', updateItem({ quantity: 1 }, { invoiceitem: 'ii_%2F' }), '"Invoice Item ID" must not contain / ? # % \\ or whitespace, got "ii_%2F"'],
	['ids have no whitespace', updateItem({ quantity: 1 }, { invoiceitem: 'ii_1 ' }), '"Invoice Item ID" must not contain / ? # % \\ or whitespace, got "ii_1 "'],
	['ids are not dot segments', updateLine({ quantity: 1 }, { line_item_id: '..' }), '"Line Item ID" must not contain / ? # % \\ or whitespace, got ".."'],
	// Half a surrogate pair used to fail at send time with only "URI malformed".
	['broken Unicode in a text', updateItem({ description: 'a\ud800b' }), '"Description" has broken Unicode at character 2 (half of a surrogate pair), which cannot be sent'],
	['broken Unicode in a metadata value', updateItem({ metadata: pairs([['note', '\udc00']]) }), '"Metadata → note" has broken Unicode at character 1 (half of a surrogate pair), which cannot be sent'],
	['broken Unicode in a metadata key', updateItem({ metadata: pairs([['n\ud800', 'v']]) }), '"Metadata → n\ud800" key has broken Unicode at character 2 (half of a surrogate pair), which cannot be sent'],
	['broken Unicode in an id', updateItem({ quantity: 1 }, { invoiceitem: 'ii_\ud800' }), '"Invoice Item ID" has broken Unicode at character 4 (half of a surrogate pair), which cannot be sent'],
	['a number beyond 2^53 is not exact', updateItem({ unit_amount_decimal: 2 ** 53 }), '"Unit Amount Decimal" is too large to be exact as a number (above 9007199254740991); pass it as text'],
];

describe('Stripe bad input is refused before any request, naming the item and the field', () => {
	refusedBeforeAnyRequest(cases, (parameters) => runStripe(recorder, parameters), () => recorder.requests);

	test('the unit guards refuse no legitimate value: whole cents, fractions of a cent, percentages up to 100', async () => {
		const sent = async (parameters: INodeParameters) => {
			recorder.requests.length = 0;
			const run = await runStripe(recorder, parameters);
			expect(run.error).toBeUndefined();
			return decodeURIComponent(recorder.requests[0].body);
		};
		expect(await sent(updateItem({ amount: '-1250' }))).toBe('amount=-1250');
		expect(await sent(updateItem({ unit_amount_decimal: '1250.5' }))).toBe('unit_amount_decimal=1250.5');
		expect(await sent(updateLine(taxAmount({ percentage: 100 }, { amount: 1250 })))).toContain('tax_amounts[0][amount]=1250');
		expect(await sent(updateLine(taxAmount({ percentage: 0.5 })))).toContain('[percentage]=0.5');
	});
});
