/**
 * Conversions from what n8n hands a node (UI values, expression results) to exact wire values.
 * Each returns the converted value or throws a `ValueError` whose message completes
 * the sentence `"<Field>" …`.
 */
export class ValueError extends Error {
	/** What to do about it, when the message alone does not say (shown in the error's description). */
	constructor(
		message: string,
		readonly advice?: string,
	) {
		super(message);
	}
}

const describe = (value: unknown) => {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return String(value);
};

/** Half of a UTF-16 surrogate pair without its other half: no encoding can send it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be sent, or undefined when it can. */
export function brokenText(text: string): string | undefined {
	const at = text.search(LONE_SURROGATE);
	return at === -1 ? undefined : `has broken Unicode at character ${at + 1} (half of a surrogate pair), which cannot be sent`;
}

export function toText(value: unknown): string {
	if (typeof value === 'string') {
		const broken = brokenText(value);
		if (broken) throw new ValueError(broken);
		return value;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'boolean') return String(value);
	throw new ValueError(`must be text, got ${describe(value)}`);
}

/**
 * A whole number. `fraction` is what a number with a fraction is told (12.5 or "12,50" where whole
 * cents are wanted), completing `"<Field>" …`.
 */
export function toInteger(value: unknown, fraction = 'must be a whole number'): number {
	const notWhole = (): never => {
		const hasFraction = typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && /^\s*[-+]?\d*[.,]\d+\s*$/.test(value);
		throw new ValueError(`${hasFraction ? fraction : 'must be a whole number'}, got ${describe(value)}`);
	};
	let result: number;
	if (typeof value === 'number') result = value;
	else if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) result = Number(value);
	else return notWhole();
	if (!Number.isInteger(result)) notWhole();
	if (!Number.isSafeInteger(result)) throw new ValueError('is too large to be sent exactly');
	return result;
}

/**
 * A double holds about 15 significant decimal digits, so a number with more (0.1 + 0.2 =
 * 0.30000000000000004) is binary noise from an expression: refused, with the way out.
 */
function refuseFloatNoise(value: number): void {
	if (Number.isSafeInteger(value)) return;
	const significantDigits = value.toExponential().replace(/e.*$/, '').replace(/[-.]/g, '').length;
	if (significantDigits > 15 && Number.isInteger(value)) {
		// 2^53 and beyond: the number is not the one that was meant, but no float arithmetic caused it.
		throw new ValueError(`is too large to be exact as a number (above ${Number.MAX_SAFE_INTEGER}); pass it as text`);
	}
	if (significantDigits > 15) {
		throw new ValueError(
			`is a floating-point result (${numberToDecimalString(value)})`,
			'Round it in the expression, e.g. {{ (0.1 + 0.2).toFixed(2) }}, or pass the amount as text.',
		);
	}
}

export function toNumber(value: unknown): number {
	let result: number;
	if (typeof value === 'number') result = value;
	else if (typeof value === 'string' && value.trim() !== '') result = Number(value);
	else throw new ValueError(`must be a number, got ${describe(value)}`);
	if (!Number.isFinite(result)) throw new ValueError(`must be a finite number, got ${describe(value)}`);
	// Beyond 2^53 − 1 a JSON number is no longer exact, whether it came as a number or as text.
	if (Math.abs(result) > Number.MAX_SAFE_INTEGER) throw new ValueError('is too large to be sent exactly');
	if (typeof value === 'number') refuseFloatNoise(result);
	return result;
}

const DECIMAL = /^[-+]?(\d+)(?:\.(\d+))?$/;

/** Writes a finite JS number as a plain decimal string, expanding exponent notation exactly. */
function numberToDecimalString(value: number): string {
	const text = String(value);
	const match = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(text);
	if (!match) return text;
	const [, sign, lead, rest = '', exponentText] = match;
	const digits = lead + rest;
	const pointAt = 1 + Number(exponentText);
	if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
	if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`;
	return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * An exact decimal string. A number from an expression is written with its shortest round-trip
 * representation and never rounded; float noise is refused.
 */
export function toDecimal(value: unknown, maxDecimalPlaces?: number): string {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new ValueError(`must be a decimal number, got ${describe(value)}`);
		refuseFloatNoise(value);
		text = numberToDecimalString(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		throw new ValueError(`must be a decimal number, got ${describe(value)}`);
	}
	const match = DECIMAL.exec(text);
	if (!match) throw new ValueError(`must be a decimal number such as 12.5, got ${describe(value)}`);
	const places = match[2]?.length ?? 0;
	if (maxDecimalPlaces !== undefined && places > maxDecimalPlaces) {
		throw new ValueError(`has ${places} decimal places; at most ${maxDecimalPlaces} are allowed`);
	}
	return text.startsWith('+') ? text.slice(1) : text;
}

export const decimalIsNegative = (decimal: string) => /^-/.test(decimal) && /[1-9]/.test(decimal);

export function toBoolean(value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw new ValueError(`must be true or false, got ${describe(value)}`);
}

export function toCurrency(value: unknown): string {
	const text = toText(value).trim();
	if (!/^[a-zA-Z]{3}$/.test(text)) {
		throw new ValueError(`must be a three-letter ISO currency code such as usd, got ${describe(value)}`);
	}
	return text.toLowerCase();
}

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Offset of `timeZone` from UTC at the given instant, in minutes. */
function zoneOffsetMinutes(utcMillis: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMillis));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((asUtc - Math.floor(utcMillis / 1000) * 1000) / 60000);
}

/**
 * A point in time as unix milliseconds. Accepts unix seconds (number or digits), ISO 8601
 * date-times (a value without offset is read in the workflow's time zone, as n8n's date picker
 * means it), JS Dates and Luxon DateTimes from expressions.
 */
export function toInstant(value: unknown, timeZone = 'UTC'): number {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new ValueError('is not a valid date');
		return value.getTime();
	}
	if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return (value as { toMillis: () => number }).toMillis();
	}
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
		const seconds = toInteger(value);
		if (seconds < 0) throw new ValueError('must not be before 1970');
		if (seconds > 99_999_999_999) {
			throw new ValueError(`looks like milliseconds (${seconds}); give unix seconds or an ISO 8601 date`);
		}
		return seconds * 1000;
	}
	if (typeof value !== 'string') {
		throw new ValueError(`must be an ISO 8601 date-time or unix seconds, got ${describe(value)}`);
	}
	const match = ISO_DATE_TIME.exec(value.trim());
	if (!match) {
		throw new ValueError(`must be an ISO 8601 date-time (2026-01-31T12:00:00Z) or unix seconds, got ${describe(value)}`);
	}
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
	const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
	const wallClock = Date.UTC(...fields) + Number(fraction.padEnd(3, '0').slice(0, 3));
	const check = new Date(Date.UTC(...fields));
	if (
		check.getUTCFullYear() !== fields[0] ||
		check.getUTCMonth() !== fields[1] ||
		check.getUTCDate() !== fields[2] ||
		fields[3] > 23 ||
		fields[4] > 59 ||
		fields[5] > 59
	) {
		throw new ValueError(`is not a real calendar date-time: ${describe(value)}`);
	}
	if (zone) {
		if (zone.toUpperCase() === 'Z') return wallClock;
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		return wallClock - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
	}
	// No offset: the wall-clock time in the workflow's zone. Two passes settle DST edges.
	let guess = wallClock - zoneOffsetMinutes(wallClock, timeZone) * 60000;
	guess = wallClock - zoneOffsetMinutes(guess, timeZone) * 60000;
	return guess;
}

/** A list of strings from a multi-value field, an array expression, or comma-separated text. */
export function toStringList(value: unknown): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	return entries.map((entry) => toText(entry).trim()).filter((entry) => entry !== '');
}
