/** Pieces of the labels pickers show: amounts with their currency, dates, parts joined by " · ". */

export const isNumeric = (value: unknown) =>
	(typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));

/** An amount in the currency's main unit, e.g. `12.5 eur` → "12.50 EUR"; empty when unknown. */
export function money(amount: unknown, currency: unknown): string {
	if (!isNumeric(amount)) return '';
	const code = typeof currency === 'string' ? currency.toUpperCase() : '';
	// A float such as 0.1 + 0.2 shows as 0.30, not 0.30000000000000004; decimal strings keep their digits.
	const written = typeof amount === 'number' ? String(Number(amount.toFixed(4))) : String(amount);
	const decimals = written.split('.')[1]?.length ?? 0;
	return `${Number(amount).toFixed(Math.min(Math.max(2, decimals), 12))}${code ? ` ${code}` : ''}`;
}

/** The calendar day of an ISO date-time or of unix seconds, e.g. "2026-11-21"; empty when unknown. */
export function day(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString().slice(0, 10);
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
	return '';
}

/** "× 3" for a quantity that is set. */
export const times = (quantity: unknown) => (isNumeric(quantity) ? `× ${Number(quantity)}` : '');

/** The parts that are set, joined by " · ". */
export const label = (...parts: unknown[]) =>
	parts
		.filter((part) => (typeof part === 'string' && part.trim() !== '') || typeof part === 'number')
		.map((part) => String(part).trim())
		.join(' · ');
