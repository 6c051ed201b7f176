import type { IDataObject } from 'n8n-workflow';

import type { Codec } from './codec';
import type { Field, KeyValueField, Rule } from './descriptor';
import {
	ValueError,
	brokenText,
	decimalIsNegative,
	toBoolean,
	toCurrency,
	toDecimal,
	toInstant,
	toInteger,
	toNumber,
	toStringList,
	toText,
} from './values';

/** Marks a field the user chose to clear; each encoding writes it as its own empty value. */
export const CLEARED = Object.freeze({ cleared: true }) as { readonly cleared: true };

export type WireValue = string | number | boolean | typeof CLEARED | WireValue[] | WireObject;
export interface WireObject {
	[key: string]: WireValue;
}

/** Names of the n8n UI containers the engine builds (see properties.ts). */
export const UI = {
	objectGroup: 'values',
	optionalFields: 'optionalFields',
	pairs: 'pairs',
	updateFields: 'updateFields',
	clearFields: 'clearFields',
	options: 'options',
	removeKeysSuffix: 'Keys',
} as const;

/** Bad input for one field: `label` is the path a person sees in the UI, `wirePath` the API's. */
export class InputError extends Error {
	/** Set when found only after the current object was read (Merge mode): nothing was written. */
	afterRead = false;

	constructor(
		readonly label: string,
		readonly wirePath: string,
		readonly reason: string,
		/** What to do about it, when the reason alone does not say: the description, not the message, holds it. */
		readonly advice?: string,
	) {
		super(`"${label}" ${reason}`);
	}
}

export interface ReadContext {
	codec: Codec;
	timeZone: string;
}

interface Where {
	labels: string[];
	path: string;
}

const child = (where: Where, label: string, key: string): Where => ({
	labels: [...where.labels, label],
	path: where.path ? `${where.path}.${key}` : key,
});

const fail = (where: Where, reason: string, advice?: string): never => {
	throw new InputError(where.labels.join(' → '), where.path, reason, advice);
};

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A fixedCollection object (`{values: {..., optionalFields: {...}}}`) or a plain object from an expression. */
function unwrapObject(value: unknown, where: Where): IDataObject {
	if (!isObject(value)) return fail(where, 'must be an object');
	const inner = UI.objectGroup in value && isObject(value[UI.objectGroup]) ? value[UI.objectGroup] : value;
	const { [UI.optionalFields]: optional, ...direct } = inner as IDataObject;
	return isObject(optional) ? { ...optional, ...direct } : direct;
}

function unwrapList(value: unknown, where: Where): unknown[] {
	if (Array.isArray(value)) return value;
	if (isObject(value)) {
		// The UI gives `{}` for a list field added without entries.
		const entries = value[UI.objectGroup] ?? [];
		return Array.isArray(entries) ? entries : [entries];
	}
	return fail(where, 'must be a list');
}

/** A key as typed; its text is checked with the pair (readKeyValue), where its name can be shown. */
function pairKey(key: unknown, where: Where): string {
	if (typeof key === 'string') return key;
	try {
		return toText(key ?? '');
	} catch (error) {
		return fail(where, `has a key that ${(error as Error).message}`);
	}
}

function unwrapPairs(value: unknown, where: Where): Array<[string, unknown]> {
	if (isObject(value) && UI.pairs in value) {
		const pairs = Array.isArray(value[UI.pairs]) ? (value[UI.pairs] as IDataObject[]) : [];
		return pairs.map((pair) => [pairKey(pair.key, where), pair.value ?? '']);
	}
	if (isObject(value)) return Object.entries(value);
	return fail(where, 'must be a set of key/value pairs');
}

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function readKeyValue(field: KeyValueField, value: unknown, where: Where, ctx: ReadContext): WireObject {
	const result: WireObject = {};
	for (const [rawKey, rawValue] of unwrapPairs(value, where)) {
		const key = rawKey.trim();
		const at = child(where, key || '(empty key)', key);
		if (key === '') fail(at, 'has a pair with an empty key');
		const broken = brokenText(key);
		if (broken) fail(at, `key ${broken}`);
		if (field.keyMaxLength !== undefined && key.length > field.keyMaxLength) {
			fail(at, `key is ${key.length} characters long; at most ${field.keyMaxLength} are allowed`);
		}
		const keyProblem = ctx.codec.keyProblem(key);
		if (keyProblem) fail(at, keyProblem);
		if (key in result) fail(at, 'key is given twice');
		let text: string;
		try {
			text = toText(rawValue);
		} catch (error) {
			return fail(at, (error as Error).message);
		}
		// Removal is only ever an explicit choice.
		if (ctx.codec.emptyTextClears && text === '') {
			fail(at, 'value is empty, which would remove the key; to remove it, use Clear Fields');
		}
		if (field.valueMaxLength !== undefined && text.length > field.valueMaxLength) {
			fail(at, `value is ${text.length} characters long; at most ${field.valueMaxLength} are allowed`);
		}
		result[key] = text;
	}
	const count = Object.keys(result).length;
	if (count === 0) fail(where, 'has no entries; add one or remove the field');
	if (field.maxKeys !== undefined && count > field.maxKeys) {
		fail(where, `has ${count} keys; at most ${field.maxKeys} are allowed`);
	}
	return result;
}

type ScalarField = Exclude<Field, { type: 'keyValue' | 'object' | 'objectList' }>;

const isScalar = (field: Field): field is ScalarField =>
	field.type !== 'keyValue' && field.type !== 'object' && field.type !== 'objectList';

const reject = (reason: string): never => {
	throw new ValueError(reason);
};

/** One scalar value; throws `ValueError` with the reason. */
function readScalar(field: ScalarField, value: unknown, ctx: ReadContext): WireValue {
	switch (field.type) {
		case 'string': {
			const text = toText(value);
			if (field.minLength !== undefined && text.length < field.minLength) {
				reject(`must be at least ${field.minLength} characters long`);
			}
			if (field.maxLength !== undefined && text.length > field.maxLength) {
				reject(`is ${text.length} characters long; at most ${field.maxLength} are allowed`);
			}
			if (field.pattern && !field.pattern.regex.test(text)) reject(field.pattern.message);
			return text;
		}
		case 'integer':
		case 'number': {
			const number = field.type === 'integer' ? toInteger(value, field.fraction) : toNumber(value);
			if (field.minimum !== undefined && number < field.minimum) reject(`must be at least ${field.minimum}`);
			if (field.maximum !== undefined && number > field.maximum) reject(`must be at most ${field.maximum}`);
			return number;
		}
		case 'decimal': {
			const decimal = toDecimal(value, field.maxDecimalPlaces);
			if (field.minimum === 0 && decimalIsNegative(decimal)) reject('must not be negative');
			if (field.minimum !== undefined && field.minimum !== 0 && Number(decimal) < field.minimum) {
				reject(`must be at least ${field.minimum}`);
			}
			if (field.maximum && Number(decimal) > field.maximum.value) reject(field.maximum.message);
			return decimal;
		}
		case 'boolean':
			return toBoolean(value);
		case 'options': {
			const text = toText(value);
			const allowed = field.options.map((option) => String(option.value));
			if (!allowed.includes(text)) reject(`must be one of ${allowed.join(', ')}; got "${text}"`);
			return text;
		}
		case 'currency':
			return toCurrency(value);
		case 'timestamp': {
			const millis = toInstant(value, ctx.timeZone);
			return field.wire === 'unixSeconds' ? Math.floor(millis / 1000) : new Date(millis).toISOString();
		}
		case 'stringList': {
			const list = toStringList(value);
			if (list.length === 0) reject('is an empty list; add an entry or remove the field');
			if (field.maxItems !== undefined && list.length > field.maxItems) {
				reject(`has ${list.length} entries; at most ${field.maxItems} are allowed`);
			}
			const tooLong = list.find((entry) => field.itemMaxLength !== undefined && entry.length > field.itemMaxLength);
			if (tooLong !== undefined) reject(`has an entry longer than ${field.itemMaxLength} characters`);
			return list;
		}
	}
}

function readContainer(field: Exclude<Field, ScalarField>, value: unknown, where: Where, ctx: ReadContext): WireValue {
	switch (field.type) {
		case 'keyValue':
			return readKeyValue(field, value, where, ctx);
		case 'object':
			return readFields(field.fields, unwrapObject(value, where), ctx, where, field.rules);
		case 'objectList': {
			const entries = unwrapList(value, where);
			if (entries.length < (field.minItems ?? 1)) {
				fail(where, entries.length === 0 ? 'is an empty list; add an entry or remove the field' : `needs at least ${field.minItems} entries`);
			}
			if (field.maxItems !== undefined && entries.length > field.maxItems) {
				fail(where, `has ${entries.length} entries; at most ${field.maxItems} are allowed`);
			}
			return entries.map((entry, index) => {
				const at = { labels: [...where.labels, `${field.itemName} ${index + 1}`], path: `${where.path}[${index}]` };
				return readFields(field.fields, unwrapObject(entry, at), ctx, at, field.rules);
			});
		}
	}
}

function readScalarAt(field: ScalarField, value: unknown, where: Where, ctx: ReadContext): WireValue {
	try {
		return readScalar(field, value, ctx);
	} catch (error) {
		return fail(where, (error as Error).message, (error as ValueError).advice);
	}
}

/**
 * Reads the fields of one object from n8n's values, checks every rule, and returns the wire object.
 * A field counts as set when its key is present; blank text in a set field is an error, because
 * sending it would change the bill in a way nobody asked for.
 */
export function readFields(
	fields: Field[],
	raw: IDataObject,
	ctx: ReadContext,
	where: Where = { labels: [], path: '' },
	rules: Rule[] = [],
): WireObject {
	const result: WireObject = {};
	for (const field of fields) {
		if (field.clearOnly || field.sameAs) continue;
		const value = raw[field.name];
		const present = value !== undefined || Object.prototype.hasOwnProperty.call(raw, field.name);
		// Most fields of most items are not set: nothing to read, and no place to name.
		if (!present && !field.required) continue;
		const at = child(where, field.label, wireName(field));
		// Set, but its expression gave nothing: never read as "not set", which a full replace would clear.
		if (value === undefined && present) {
			const clear = field.clear ? ` (to clear it, use Clear Fields → ${field.clear})` : '';
			fail(at, 'is empty: its expression gave nothing', `Give it a value, or remove it${clear}.`);
		}
		if (value === undefined || (field.required && isBlank(value))) {
			if (field.required) fail(at, 'is required');
			continue;
		}
		if (isBlank(value)) fail(at, 'is empty; give it a value or remove it');
		result[field.name] = isScalar(field) ? readScalarAt(field, value, at, ctx) : readContainer(field, value, at, ctx);
	}
	checkRules(rules, fields, result, where);
	return result;
}

/** Where a field is in the body: `product.title` for a field sent inside `product`. */
export const wireName = (field: Field) => (field.inside ? `${field.inside}.${field.name}` : field.name);

/** Writes every field the API takes in a second shape (sameAs) from its first, when that is set or cleared. */
export function applySameAs(fields: Field[], body: WireObject): void {
	for (const field of fields) {
		const source = field.sameAs && body[field.sameAs.from];
		if (!field.sameAs || source === undefined) continue;
		body[field.name] = source === CLEARED ? CLEARED : field.sameAs.value(source as WireObject);
	}
}

/** The body as the API nests it: fields sent `inside` an object are moved into it, in order. */
export function nestFields(fields: Field[], body: WireObject): WireObject {
	if (!fields.some((field) => field.inside)) return body;
	const nested: WireObject = {};
	for (const [key, value] of Object.entries(body)) {
		const inside = fields.find((field) => field.name === key)?.inside;
		if (inside) nested[inside] = { ...(nested[inside] as WireObject | undefined), [key]: value };
		else nested[key] = value;
	}
	return nested;
}

/** Adds the user's explicit clears (whole fields, single keys) to a body, refusing set-and-clear. */
export function applyClears(
	fields: Field[],
	clears: IDataObject,
	body: WireObject,
	where: Where = { labels: [], path: '' },
): void {
	for (const field of fields) {
		const at = () => child(where, field.label, wireName(field));
		if (field.clear && clears[field.name] === true) {
			if (body[field.name] !== undefined) fail(at(), 'is both set and cleared; choose one');
			body[field.name] = CLEARED;
		}
		if (field.type === 'keyValue' && field.removableKeys) {
			let keys: string[] = [];
			try {
				keys = toStringList(clears[`${field.name}${UI.removeKeysSuffix}`] ?? []);
			} catch (error) {
				fail(child(where, `${field.label} Keys to Remove`, field.name), (error as Error).message);
			}
			if (keys.length === 0) continue;
			const current = body[field.name];
			if (current === CLEARED) fail(at(), 'is cleared entirely and also has keys to remove; choose one');
			const merged: WireObject = { ...(current as WireObject | undefined) };
			for (const key of keys) {
				if (merged[key] !== undefined) fail(child(at(), key, key), 'is both set and removed; choose one');
				merged[key] = CLEARED;
			}
			if (field.maxKeys !== undefined && Object.keys(merged).length > field.maxKeys) {
				fail(at(), `has ${Object.keys(merged).length} keys to set or remove; at most ${field.maxKeys} are allowed`);
			}
			body[field.name] = merged;
		}
	}
}

function lookup(object: WireObject, path: string): WireValue | undefined {
	let current: WireValue | undefined = object;
	for (const key of path.split('.')) {
		if (current === undefined || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = (current as WireObject)[key];
	}
	return current;
}

function labelOf(fields: Field[], path: string): string {
	const labels: string[] = [];
	let level: Field[] | undefined = fields;
	for (const key of path.split('.')) {
		const field: Field | undefined = level?.find((candidate) => candidate.name === key);
		labels.push(field?.label ?? key);
		level = field && (field.type === 'object' || field.type === 'objectList') ? field.fields : undefined;
	}
	return labels.join(' → ');
}

const instant = (value: WireValue | undefined) =>
	typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;

/** Every path a rule reads. */
export const rulePaths = (rule: Rule) =>
	'notBefore' in rule ? [rule.notBefore.later, rule.notBefore.earlier] : 'atMostOneOf' in rule ? rule.atMostOneOf : rule.exactlyOneOf;

/**
 * Merge mode: whether the value at a path came from the current object rather than from the user.
 * A rule broken by such a value says what the value is, since the user never saw it.
 */
export type FromCurrent = (path: string) => boolean;

const shown = (value: WireValue | undefined) => (typeof value === 'object' ? JSON.stringify(value) : String(value));

export function checkRules(rules: Rule[], fields: Field[], object: WireObject, where: Where, fromCurrent?: FromCurrent): void {
	const isCurrent = (path: string) => fromCurrent?.(path) ?? false;
	for (const rule of rules) {
		if ('notBefore' in rule) {
			const { later, earlier } = rule.notBefore;
			const laterValue = instant(lookup(object, later));
			const earlierValue = instant(lookup(object, earlier));
			if (laterValue < earlierValue) {
				const [laterAt, earlierAt] = [child(where, labelOf(fields, later), later), child(where, labelOf(fields, earlier), earlier)];
				const value = (path: string) => shown(lookup(object, path));
				if (!isCurrent(later) && !isCurrent(earlier)) {
					fail(laterAt, `must not be before "${labelOf(fields, earlier)}"`);
				} else if (isCurrent(later) && !isCurrent(earlier)) {
					// The field named first is the one the user set; the current item's value is said beside it.
					fail(earlierAt, `(${value(earlier)}) must not be after the current "${labelOf(fields, later)}" (${value(later)})`);
				} else {
					const own = isCurrent(later) ? `currently ${value(later)}` : value(later);
					fail(laterAt, `(${own}) must not be before the current "${labelOf(fields, earlier)}" (${value(earlier)})`);
				}
			}
			continue;
		}
		const paths = 'atMostOneOf' in rule ? rule.atMostOneOf : rule.exactlyOneOf;
		// A cleared field is not a value: clearing one alternative while setting another is allowed.
		const present = paths.filter((path) => {
			const value = lookup(object, path);
			return value !== undefined && value !== CLEARED;
		});
		const names = () => paths.map((path) => `"${labelOf(fields, path)}"`).join(', ');
		if (present.length > 1) {
			const current = present.filter(isCurrent).map((path) => `"${labelOf(fields, path)}" (${shown(lookup(object, path))})`);
			fail(
				child(where, present.map((path) => labelOf(fields, path)).join(' + '), present.join('+')),
				`can't be used together: set only one of ${names()}${current.length ? `; the current item has ${current.join(' and ')}` : ''}`,
			);
		}
		if ('exactlyOneOf' in rule && present.length === 0) {
			fail(where.labels.length ? where : { labels: ['Request'], path: '' }, `needs one of ${names()}`);
		}
	}
}
