/**
 * Cross-field rules checked on a merged item (Merge mode): a value the user did not give comes from
 * the current item, and the message says that value; rules on the user's values alone read as before.
 */
import type { Field, Rule } from '../../nodes/shared/descriptor';
import { checkRules, type FromCurrent, type WireObject } from '../../nodes/shared/input';

const fields: Field[] = [
	{ name: 'amount', label: 'Amount', type: 'integer' },
	{ name: 'price', label: 'Price', type: 'string' },
	{ name: 'start', label: 'Start', type: 'timestamp', wire: 'isoDateTime' },
	{ name: 'end', label: 'End', type: 'timestamp', wire: 'isoDateTime' },
];

function refusal(rule: Rule, object: WireObject, fromCurrent?: FromCurrent): string | undefined {
	try {
		checkRules([rule], fields, object, { labels: [], path: '' }, fromCurrent);
	} catch (error) {
		return (error as Error).message;
	}
	return undefined;
}

const period = { start: '2026-02-01T00:00:00Z', end: '2026-01-01T00:00:00Z' };
const notBefore: Rule = { notBefore: { later: 'end', earlier: 'start' } };
const oneOf: Rule = { atMostOneOf: ['amount', 'price'] };

test.each<[string, FromCurrent | undefined, string]>([
	['both given by the user', undefined, '"End" must not be before "Start"'],
	['the end given, the start current', (path) => path === 'start', '"End" (2026-01-01T00:00:00Z) must not be before the current "Start" (2026-02-01T00:00:00Z)'],
	['the start given, the end current', (path) => path === 'end', '"Start" (2026-02-01T00:00:00Z) must not be after the current "End" (2026-01-01T00:00:00Z)'],
	['both current', () => true, '"End" (currently 2026-01-01T00:00:00Z) must not be before the current "Start" (2026-02-01T00:00:00Z)'],
])('not before, %s', (_case, fromCurrent, message) => {
	expect(refusal(notBefore, period, fromCurrent)).toBe(message);
});

test('not before: an end on or after the start passes, whichever side is current', () => {
	expect(refusal(notBefore, { start: period.end, end: period.start }, () => true)).toBeUndefined();
});

test.each<[string, FromCurrent | undefined, string]>([
	['both given by the user', undefined, ''],
	['one of them current', (path) => path === 'amount', '; the current item has "Amount" (1250)'],
])('at most one of, %s', (_case, fromCurrent, suffix) => {
	expect(refusal(oneOf, { amount: 1250, price: 'price_1' }, fromCurrent)).toBe(
		`"Amount + Price" can't be used together: set only one of "Amount", "Price"${suffix}`,
	);
});
