import { minorMoney } from '../../nodes/billing/money';
import { day, label, money, times } from '../../nodes/shared/labels';

describe('picker labels', () => {
	test('amounts in the main unit keep a decimal string as written, and show floats without their noise', () => {
		expect(money('101.2345', 'gbp')).toBe('101.2345 GBP');
		expect(money(12.5, 'eur')).toBe('12.50 EUR');
		expect(money(0.1 + 0.2, 'usd')).toBe('0.30 USD');
		expect(money(7, undefined)).toBe('7.00');
		expect(money('abc', 'usd')).toBe('');
	});

	test("Stripe's smallest units by the currency's decimals", () => {
		expect(minorMoney(1250, 'usd')).toBe('12.50 USD');
		expect(minorMoney(5000, 'jpy')).toBe('5000 JPY');
		expect(minorMoney(-1234, 'kwd')).toBe('-1.234 KWD');
	});

	test('days, quantities, and parts joined without the empty ones', () => {
		expect(day(1763700000)).toBe('2025-11-21');
		expect(day('2026-03-01T09:30:00Z')).toBe('2026-03-01');
		expect(day(null)).toBe('');
		expect(times('2.5')).toBe('× 2.5');
		expect(times(null)).toBe('');
		expect(label('A', '', null, undefined, 0, ' B ')).toBe('A · 0 · B');
	});
});
