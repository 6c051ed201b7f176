/**
 * fast-check arbitraries for a node's parameters, read from its own description: every property the
 * n8n UI shows for the chosen selector values (resource, operation, mode ...) gets a value, mostly
 * of the kind the UI would hold and sometimes one it never should (wrong type, out of range, empty,
 * too long, hostile text). Nothing here knows a provider: it reads INodeProperties only.
 */
import fc from 'fast-check';
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyMode,
	INodePropertyOptions,
	NodeParameterValueType,
} from 'n8n-workflow';

type Value = NodeParameterValueType | undefined;
type Values = Record<string, unknown>;

export interface ParameterSpace {
	/** Values of the parameters that choose what the UI shows (resource, operation, updateMode ...). */
	fixed: INodeParameters;
	/**
	 * Arbitraries used instead of the generated ones, by parameter path (`options.timeout`,
	 * `updateFields.period.values.start`): for values whose valid range is about time, not contract.
	 */
	overrides?: Record<string, fc.Arbitrary<unknown>>;
	/** How often a value is one the UI should never hold: 1 in `badOneIn` (default 8). */
	badOneIn?: number;
}

/** Lone surrogates, control characters, bidi overrides, emoji: text that breaks careless encoders. */
const HOSTILE_TEXT = [
	'a\ud800b',
	'\udfff',
	'x\u0000y',
	'\u202eevil',
	'../..',
	'..',
	'.',
	'a/b',
	'a?b=c',
	'a#b',
	'100%',
	'%2F',
	'a b',
	' padded ',
	'\t',
	'line\nbreak',
	'\\',
	'🚀',
	'é',
	'[x]',
	'a&b=c',
	'null',
	'undefined',
	'a=b',
	'{{ $json }}',
];

const TOO_LONG = fc.integer({ min: 5001, max: 20000 }).map((length) => 'x'.repeat(length));

const HUGE_NUMBERS = [2 ** 53, -(2 ** 53), 2 ** 53 + 2, Number.MAX_SAFE_INTEGER + 1, 1e21, -1e21, Number.MAX_VALUE, 2 ** 31, 2 ** 63];

/** Values of every JSON type that a field of another type should refuse. */
const WRONG_TYPES: Value[] = [null, true, false, 0, 42, -1, '', '   ', [], {}, ['x'], { a: 1 }];

/** Text the UI holds in free fields: words, numbers and dates written as text, ids, URLs. */
const plausibleText = fc.oneof(
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
	fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.'-]{0,30}$/),
	fc.stringMatching(/^-?\d{1,7}(\.\d{1,4})?$/),
	fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((date) =>
		date.toISOString().slice(0, 10),
	),
	fc.stringMatching(/^[a-z]{3}$/),
	fc.stringMatching(/^[a-z]{2,6}_[A-Za-z0-9]{4,24}$/),
	fc.uuid(),
	fc.webUrl(),
);

const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), TOO_LONG, fc.string({ unit: 'binary', maxLength: 20 }));

const wrongType = fc.constantFrom(...WRONG_TYPES);

const oneOf = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>, badOneIn: number) =>
	fc.oneof({ arbitrary: good, weight: badOneIn - 1 }, { arbitrary: bad, weight: 1 }) as fc.Arbitrary<Value>;

function numberArbitrary(property: INodeProperties, badOneIn: number): fc.Arbitrary<Value> {
	const { minValue, maxValue, numberPrecision } = property.typeOptions ?? {};
	const min = minValue ?? -1_000_000;
	const max = maxValue !== undefined && maxValue < 1e9 ? maxValue : Math.max(min + 1_000_000, 1_000_000);
	const whole = numberPrecision === 0;
	const good = whole
		? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
		: fc
				.double({ min, max, noNaN: true, noDefaultInfinity: true })
				.map((value) => Number(value.toFixed(numberPrecision ?? 2)))
				.filter((value) => value >= min && value <= max);
	const outside = [
		...(minValue !== undefined ? [minValue - 1, minValue - 0.5] : []),
		...(maxValue !== undefined ? [maxValue + 1, maxValue + 0.5] : []),
	];
	const bad = fc.oneof(
		fc.constantFrom(...HUGE_NUMBERS, NaN, Infinity, -Infinity, -0, ...outside),
		whole ? fc.double({ min: -1000, max: 1000, noNaN: true }).filter((value) => !Number.isInteger(value)) : fc.constant(0.1 + 0.2),
		fc.constantFrom('lots', '1,5', '12abc', '0x10', '1e3', ' 7 ', ''),
		wrongType,
	);
	return oneOf(good, bad, badOneIn);
}

function dateTimeArbitrary(badOneIn: number): fc.Arbitrary<Value> {
	const instant = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
	const good = fc.oneof(
		instant.map((date) => date.toISOString()),
		instant.map((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')),
		instant.map((date) => date.toISOString().slice(0, 19)),
		instant.map((date) => date.toISOString().slice(0, 10)),
		instant.map((date) => date.toISOString().replace(/\.\d{3}Z$/, '+02:00')),
		instant.map((date) => Math.floor(date.getTime() / 1000)),
	);
	const bad = fc.oneof(
		fc.constantFrom('not a date', '2026-13-45', '2026-02-30T00:00:00Z', '31/12/2026', '+275760-09-13T00:00:01Z', '-000001-01-01T00:00:00Z', -1, 1e20, 2 ** 53),
		hostileText,
		wrongType,
	);
	return oneOf(good, bad, badOneIn);
}

const staticOptions = (property: INodeProperties) =>
	((property.options ?? []) as INodePropertyOptions[]).filter((option) => 'value' in option).map((option) => option.value);

/** Options filled at run time (loadOptionsMethod) hold ids of the provider's objects. */
const loadedId = fc.oneof(fc.stringMatching(/^[a-z]{2,6}_[A-Za-z0-9]{4,24}$/), fc.uuid(), fc.stringMatching(/^[A-Za-z0-9-]{1,30}$/));

function optionsArbitrary(property: INodeProperties, badOneIn: number): fc.Arbitrary<Value> {
	const values = staticOptions(property);
	const good = values.length ? fc.constantFrom(...values) : loadedId;
	const bad = fc.oneof(fc.constantFrom('not-an-option', ' ', 'DEBIT'), hostileText, wrongType);
	return oneOf(good as fc.Arbitrary<Value>, bad, badOneIn);
}

function multiOptionsArbitrary(property: INodeProperties, badOneIn: number): fc.Arbitrary<Value> {
	const values = staticOptions(property);
	const good = values.length ? fc.subarray(values, { minLength: 1 }) : fc.uniqueArray(loadedId, { minLength: 1, maxLength: 4 });
	const bad = fc.oneof(
		fc.constant([]),
		fc.array(fc.oneof(hostileText, wrongType), { minLength: 1, maxLength: 3 }),
		fc.array(loadedId, { minLength: 300, maxLength: 300 }),
		loadedId,
	);
	return oneOf(good as fc.Arbitrary<Value>, bad, badOneIn);
}

/**
 * Text shaped like the example: each run of digits or letters replaced by one as long or shorter. A run
 * of zeros stays, so an example's magnitude does too (a fraction such as "0.2" stays below 1).
 */
function likeExample(example: string): fc.Arbitrary<string> {
	const source = example.replace(/[0-9]+|[a-z]+|[A-Z]+|[^0-9a-zA-Z]/g, (run) => {
		if (/^0+$/.test(run)) return run;
		if (/^[0-9]/.test(run)) return `[0-9]{1,${run.length}}`;
		if (/^[a-z]/.test(run)) return `[a-z]{1,${run.length}}`;
		if (/^[A-Z]/.test(run)) return `[A-Z]{1,${run.length}}`;
		return run.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
	});
	return fc.stringMatching(new RegExp(`^${source}$`));
}

/** Free text, mostly like the field's placeholder where it has one: the UI's example of a good value. */
function textFor(property: INodeProperties): fc.Arbitrary<string> {
	const example = typeof property.placeholder === 'string' ? property.placeholder.replace(/^e\.g\.\s*/i, '') : '';
	if (!example) return plausibleText;
	return fc.oneof({ arbitrary: fc.constant(example), weight: 4 }, { arbitrary: likeExample(example), weight: 4 }, { arbitrary: plausibleText, weight: 1 });
}

function stringArbitrary(property: INodeProperties, badOneIn: number): fc.Arbitrary<Value> {
	const plausibleText = textFor(property);
	const one = oneOf(plausibleText, fc.oneof(hostileText, wrongType), badOneIn);
	if (!property.typeOptions?.multipleValues) return one;
	return oneOf(fc.array(plausibleText, { minLength: 1, maxLength: 4 }), fc.oneof(fc.constant([]), fc.array(one, { maxLength: 4 }), wrongType), badOneIn);
}

function jsonArbitrary(badOneIn: number): fc.Arbitrary<Value> {
	return oneOf(fc.jsonValue().map((value) => JSON.stringify(value)), fc.oneof(fc.constantFrom('{', '', '{"a":}', 'undefined'), wrongType), badOneIn);
}

/** The regular expression without its lookaheads, which fast-check cannot generate from. */
function withoutLookarounds(source: string): string {
	let result = '';
	for (let at = 0; at < source.length; at++) {
		if (source[at] === '\\') {
			result += source.slice(at, at + 2);
			at++;
		} else if (source.startsWith('(?=', at) || source.startsWith('(?!', at)) {
			let depth = 0;
			for (; at < source.length; at++) {
				if (source[at] === '\\') at++;
				else if (source[at] === '(') depth++;
				else if (source[at] === ')' && --depth === 0) break;
			}
		} else {
			result += source[at];
		}
	}
	return result;
}

/** Text the mode's own rule (as the editor anchors it) accepts, when fast-check can find some. */
function matchingMode(mode: INodePropertyMode): fc.Arbitrary<string> | undefined {
	const rule = mode.validation?.find((validation) => typeof validation === 'object' && validation.type === 'regex') as
		| { properties: { regex: string } }
		| undefined;
	if (!rule) return undefined;
	const anchored = new RegExp(`^(?:${rule.properties.regex})$`);
	const candidates = fc.oneof(
		fc.stringMatching(new RegExp(`^(?:${withoutLookarounds(rule.properties.regex)})$`)),
		fc.uuid(),
		fc.stringMatching(/^[a-z]{2,6}_[A-Za-z0-9]{4,24}$/),
	);
	// The rule may accept nothing fast-check tries; such a mode then gets hostile text only.
	const found = fc.sample(candidates, { numRuns: 200, seed: 1 }).some((candidate) => anchored.test(candidate));
	return found ? candidates.filter((candidate) => anchored.test(candidate)) : undefined;
}

function resourceLocatorArbitrary(property: INodeProperties, badOneIn: number): fc.Arbitrary<Value> {
	const modes = property.modes ?? [];
	const idMode = modes.find((mode) => mode.name === 'id');
	const idText = idMode && matchingMode(idMode);
	const perMode = modes.map((mode) => {
		// A list mode holds what the list offered: an id as the By ID rule accepts it.
		const good = mode.type === 'list' ? idText : matchingMode(mode);
		const bad = fc.oneof(hostileText, wrongType, good ? good.map((text) => `${text}/..`) : fc.constant('/'));
		const value = good ? oneOf(good, bad, badOneIn) : bad;
		return value.map((text) => ({ __rl: true, mode: mode.name, value: text }));
	});
	return fc.oneof(...perMode) as fc.Arbitrary<Value>;
}

function isShown(property: INodeProperties | INodePropertyCollection, siblings: Values, root: Values): boolean {
	const display = 'displayOptions' in property ? property.displayOptions : undefined;
	const valueOf = (key: string) => (key.startsWith('/') ? root[key.slice(1)] : siblings[key]);
	for (const [key, allowed] of Object.entries(display?.show ?? {})) {
		if (key.startsWith('@')) continue;
		if (!(allowed as unknown[]).includes(valueOf(key))) return false;
	}
	for (const [key, hidden] of Object.entries(display?.hide ?? {})) {
		if (key.startsWith('@')) continue;
		if ((hidden as unknown[]).includes(valueOf(key))) return false;
	}
	return true;
}

/** An object of some of `properties`: each present with a probability that keeps about two set. */
function someOf(properties: INodeProperties[], at: string, space: Required<Omit<ParameterSpace, 'fixed'>>, root: Values) {
	const shown = properties.filter((property) => isShown(property, {}, root) && property.type !== 'notice');
	// About one and a half optional fields per collection: enough to combine, few enough to be mostly valid.
	const absentWeight = Math.max(3, 2 * shown.length - 3);
	return fc
		.record(
			Object.fromEntries(
				shown.map((property) => {
					const value = valueArbitrary(property, `${at}.${property.name}`, space, root);
					// A required field is almost always there; leaving it out is one more kind of bad input.
					const present = property.required
						? fc.option(value, { nil: undefined, freq: 4 * space.badOneIn })
						: fc.oneof({ arbitrary: fc.constant(undefined), weight: absentWeight }, { arbitrary: value, weight: 3 });
					return [property.name, present];
				}),
			),
		)
		.map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
}

function groupValues(group: INodePropertyCollection, at: string, space: Required<Omit<ParameterSpace, 'fixed'>>, root: Values) {
	return fc
		.record(
			Object.fromEntries(
				group.values.map((property) => {
					const value = valueArbitrary(property, `${at}.${property.name}`, space, root);
					const freq = property.required ? 4 * space.badOneIn : 2;
					return [property.name, fc.option(value, { nil: undefined, freq })];
				}),
			),
		)
		.map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));
}

function fixedCollectionArbitrary(property: INodeProperties, at: string, space: Required<Omit<ParameterSpace, 'fixed'>>, root: Values) {
	const groups = (property.options ?? []) as INodePropertyCollection[];
	const multiple = property.typeOptions?.multipleValues === true;
	const perGroup = groups.map((group) => {
		const values = groupValues(group, `${at}.${group.name}`, space, root);
		const entries: fc.Arbitrary<Value> = multiple ? fc.array(values, { minLength: 0, maxLength: 3 }) : values;
		return fc.option(entries, { nil: undefined, freq: 6 }).map((value) => [group.name, value] as const);
	});
	const good = fc
		.tuple(...perGroup)
		.map((pairs) => Object.fromEntries(pairs.filter(([, value]) => value !== undefined)) as Value);
	// The container's own shape is n8n's (it reads it before the node runs): wrong types go in the leaves.
	return good;
}

function valueArbitrary(property: INodeProperties, at: string, space: Required<Omit<ParameterSpace, 'fixed'>>, root: Values): fc.Arbitrary<Value> {
	const override = space.overrides[at];
	if (override) return override as fc.Arbitrary<Value>;
	const { badOneIn } = space;
	switch (property.type) {
		case 'string':
			return stringArbitrary(property, badOneIn);
		case 'number':
			return numberArbitrary(property, badOneIn);
		case 'boolean':
			return oneOf(fc.boolean(), fc.constantFrom('yes', 'true', 1, 0, null), badOneIn);
		case 'options':
			return optionsArbitrary(property, badOneIn);
		case 'multiOptions':
			return multiOptionsArbitrary(property, badOneIn);
		case 'dateTime':
			return dateTimeArbitrary(badOneIn);
		case 'json':
			return jsonArbitrary(badOneIn);
		case 'resourceLocator':
			return resourceLocatorArbitrary(property, badOneIn);
		case 'collection':
			return someOf((property.options ?? []) as INodeProperties[], at, space, root) as fc.Arbitrary<Value>;
		case 'fixedCollection':
			return fixedCollectionArbitrary(property, at, space, root);
		default:
			return fc.constant(property.default as Value);
	}
}

/** n8n reads text that starts with "=" as an expression; these parameter sets hold literal values only. */
const holdsExpression = (value: unknown): boolean =>
	typeof value === 'string'
		? value.startsWith('=')
		: typeof value === 'object' && value !== null && Object.values(value).some(holdsExpression);

/** Names the UI's visibility depends on: the selectors. */
const selectorNames = (properties: INodeProperties[]) =>
	new Set(properties.flatMap((property) => Object.keys(property.displayOptions?.show ?? {}).concat(Object.keys(property.displayOptions?.hide ?? {}))));

/**
 * Parameter sets for what the UI shows once `space.fixed` is chosen. A selector not fixed
 * (Authentication, for instance) takes each of its options; every other shown property gets a value.
 */
export function parametersFor(properties: INodeProperties[], space: ParameterSpace): fc.Arbitrary<INodeParameters> {
	const settings = { overrides: space.overrides ?? {}, badOneIn: space.badOneIn ?? 8 };
	const selectors = [...selectorNames(properties)].filter(
		(name) => !(name in space.fixed) && properties.some((property) => property.name === name && isShown(property, space.fixed, space.fixed)),
	);
	const selectorValues = fc.record(
		Object.fromEntries(
			selectors.map((name) => {
				const choices = properties.filter((property) => property.name === name).flatMap(staticOptions);
				const defaults = properties.filter((property) => property.name === name).map((property) => property.default);
				return [name, fc.constantFrom(...(choices.length ? choices : defaults))];
			}),
		),
	);
	// Built once per choice of selectors: building reads the description and samples the locators' rules.
	const built = new Map<string, fc.Arbitrary<INodeParameters>>();
	return selectorValues.chain((chosen) => {
		const key = JSON.stringify(chosen);
		let parameters = built.get(key);
		if (!parameters) {
			const root: Values = { ...space.fixed, ...chosen };
			const shown = properties.filter(
				(property) => !(property.name in root) && property.type !== 'notice' && isShown(property, root, root),
			);
			parameters = fc
				.record(Object.fromEntries(shown.map((property) => [property.name, valueArbitrary(property, property.name, settings, root)])))
				.map((values) => ({ ...root, ...values }) as INodeParameters)
				.filter((values) => !holdsExpression(values));
			built.set(key, parameters);
		}
		return parameters;
	});
}
