import { stringify } from 'qs';

import { encodeForm, toJsonBody } from '../../nodes/shared/encode';
import { CLEARED, type WireObject } from '../../nodes/shared/input';
import { ValueError, toDecimal, toInstant, toInteger, toNumber, toStringList, toText } from '../../nodes/shared/values';

describe('toDecimal writes exact decimal strings', () => {
	test.each([
		['12.50', '12.50'],
		[' 7 ', '7'],
		['+3.25', '3.25'],
		['-0.5', '-0.5'],
		[0.1, '0.1'],
		[1e21, '1000000000000000000000'],
		[1.5e-7, '0.00000015'],
		[-2.5e-10, '-0.00000000025'],
		[123456789.125, '123456789.125'],
	])('%p → %p', (input, expected) => {
		expect(toDecimal(input)).toBe(expected);
	});

	test.each([['1e3'], ['1,5'], ['.5'], ['5.'], ['0x10'], [''], [NaN], [Infinity], [null], [{}]])('refuses %p', (input) => {
		expect(() => toDecimal(input)).toThrow(ValueError);
	});

	test('refuses a float artefact instead of rounding it, whatever the limit', () => {
		expect(() => toDecimal(0.1 + 0.2)).toThrow('is a floating-point result (0.30000000000000004)');
		expect(() => toDecimal(1.1 * 3)).toThrow('is a floating-point result (3.3000000000000003)');
		expect(toDecimal(123456789012345)).toBe('123456789012345');
		expect(toDecimal(0.000123456789012345)).toBe('0.000123456789012345');
	});
});

describe('toInstant reads points in time', () => {
	test('ISO with Z or offset, unix seconds, Date and Luxon-like values agree', () => {
		const expected = Date.UTC(2026, 2, 1, 12, 0, 0);
		expect(toInstant('2026-03-01T12:00:00Z')).toBe(expected);
		expect(toInstant('2026-03-01T13:30:00+01:30')).toBe(expected);
		expect(toInstant('2026-03-01T07:00:00-0500')).toBe(expected);
		expect(toInstant(expected / 1000)).toBe(expected);
		expect(toInstant(String(expected / 1000))).toBe(expected);
		expect(toInstant(new Date(expected))).toBe(expected);
		expect(toInstant({ toMillis: () => expected })).toBe(expected);
	});

	test('a value without offset is wall-clock time in the given zone, across DST changes', () => {
		// New York: EST (UTC−5) in January, EDT (UTC−4) in July; the day DST starts, 03:30 is EDT.
		expect(toInstant('2026-01-15T09:00:00', 'America/New_York')).toBe(Date.UTC(2026, 0, 15, 14));
		expect(toInstant('2026-07-15T09:00:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 15, 13));
		expect(toInstant('2026-03-08T03:30:00', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
		expect(toInstant('2026-05-01', 'Asia/Kolkata')).toBe(Date.UTC(2026, 3, 30, 18, 30));
	});

	test.each([['2026-13-01'], ['2026-02-29'], ['2026-01-01T24:00:00'], ['tomorrow'], [-5], [1767225600000]])(
		'refuses %p',
		(input) => {
			expect(() => toInstant(input)).toThrow(ValueError);
		},
	);
});

describe('small conversions', () => {
	test('numbers from expressions carry no float noise; text is taken as written', () => {
		expect(toNumber(12.5)).toBe(12.5);
		expect(toNumber('0.30000000000000004')).toBe(0.30000000000000004);
		expect(() => toNumber(0.1 + 0.2)).toThrow('is a floating-point result (0.30000000000000004)');
	});

	test('beyond 2^53 − 1 a number is too large to be exact, not "a floating-point result"', () => {
		expect(toNumber(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
		expect(() => toNumber(2 ** 53)).toThrow(new ValueError('is too large to be sent exactly'));
		expect(() => toNumber('9007199254740993')).toThrow(new ValueError('is too large to be sent exactly'));
		expect(() => toInteger(2 ** 53)).toThrow(new ValueError('is too large to be sent exactly'));
		expect(() => toDecimal(2 ** 53)).toThrow(new ValueError('is too large to be exact as a number (above 9007199254740991); pass it as text'));
		expect(toDecimal('9007199254740993.25')).toBe('9007199254740993.25');
	});

	test('text is whole Unicode: half a surrogate pair is refused, a full pair is kept', () => {
		expect(toText('Seats 😀')).toBe('Seats 😀');
		expect(() => toText('a\ud800b')).toThrow(new ValueError('has broken Unicode at character 2 (half of a surrogate pair), which cannot be sent'));
		expect(() => toText('\udc00')).toThrow(ValueError);
	});

	test('integers from numbers and digit strings only', () => {
		expect(toInteger('42')).toBe(42);
		expect(toInteger(-7)).toBe(-7);
		expect(() => toInteger('4.0')).toThrow(ValueError);
		expect(() => toInteger(true)).toThrow(ValueError);
	});

	test('string lists from arrays or comma-separated text', () => {
		expect(toStringList(['txr_1', ' txr_2 ', ''])).toEqual(['txr_1', 'txr_2']);
		expect(toStringList('txr_1, txr_2')).toEqual(['txr_1', 'txr_2']);
	});
});

describe('encodeForm writes what stripe-node writes', () => {
	/** stripe-node's stringifyRequestData: qs with indices, brackets left readable. */
	const stripeNode = (object: object) =>
		stringify(object, { arrayFormat: 'indices' }).replace(/%5B/g, '[').replace(/%5D/g, ']');

	const samples: WireObject[] = [
		{ quantity: 3, description: 'Seats & more: 100% (*) ~ok~ ünïcode \'quoted\' "double" !' },
		{ metadata: { 'order id': 'A/B?C#D', plan: 'pro [annual]' }, tax_rates: ['txr_1', 'txr_2'] },
		{
			discounts: [{ coupon: 'SUMMER' }, { promotion_code: 'promo_1' }],
			price_data: {
				currency: 'eur',
				product_data: { name: 'Seat', images: ['https://x.test/a b.png'], metadata: { k: 'v' } },
				unit_amount_decimal: '1250.125',
			},
			period: { start: 1767225600, end: 1769904000 },
			discountable: false,
		},
		{
			tax_amounts: [
				{ amount: 100, taxable_amount: 1000, tax_rate_data: { display_name: 'VAT', inclusive: true, percentage: 19.5 } },
			],
		},
	];

	test.each(samples.map((sample) => [JSON.stringify(sample).slice(0, 60), sample]))('%s', (_name, sample) => {
		expect(encodeForm(sample as WireObject)).toBe(stripeNode(sample as object));
	});

	test('a cleared field is written key= (and null in JSON)', () => {
		const body: WireObject = { metadata: { old: CLEARED, plan: 'pro' }, tax_rates: CLEARED };
		expect(encodeForm(body)).toBe('metadata[old]=&metadata[plan]=pro&tax_rates=');
		expect(toJsonBody(body)).toEqual({ metadata: { old: null, plan: 'pro' }, tax_rates: null });
	});
});
