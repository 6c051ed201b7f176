import { isNumeric } from '../shared/labels';

/** Currencies Stripe counts in whole units, and those it counts in thousandths (its docs, "Zero-decimal currencies"). */
const NO_MINOR_UNIT = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMALS = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** An amount in the smallest unit (Stripe's cents), shown in the main unit: `1250 usd` → "12.50 USD". */
export function minorMoney(amount: unknown, currency: unknown): string {
	if (!isNumeric(amount)) return '';
	const code = typeof currency === 'string' ? currency.toLowerCase() : '';
	const exponent = NO_MINOR_UNIT.has(code) ? 0 : THREE_DECIMALS.has(code) ? 3 : 2;
	return `${(Number(amount) / 10 ** exponent).toFixed(exponent)}${code ? ` ${code.toUpperCase()}` : ''}`;
}
