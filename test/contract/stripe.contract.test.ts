/**
 * Contract tests: every update the Stripe node can make is run through n8n-core, recorded, and the
 * recorded form body is checked against Stripe's official request schema (fixture generated from
 * the OpenAPI document) and against the exact object it must carry.
 */
import { existsSync, readFileSync } from 'node:fs';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun } from '../harness/n8n';
import { startRecorder, type Recorder, type RecordedRequest } from '../harness/recorder';
import { runStripe, updateItem, updateLine, type StripeRunOptions } from '../harness/stripe';
import {
	FIXTURE_PATH,
	INVOICE_ITEM_UPDATE,
	LINE_ITEM_UPDATE,
	UPDATE_LINES,
	checkFormBody,
	checkPath,
	decodeForm,
	loadContracts,
	stripeNodeEncode,
	type Operation,
	type Schema,
} from './stripe-form';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/generate-fixtures') as {
	SPEC: string;
	renderFixtures: (document: unknown) => string;
};

type Target = 'item' | 'line';

interface Scenario {
	name: string;
	on: Target;
	/** Values of "Update Fields". */
	fields: IDataObject;
	/** `clearFields`, `options`. */
	extra?: INodeParameters;
	run?: StripeRunOptions;
	/** The body as Stripe decodes it: every value is text, exactly as on the wire. */
	expected: Record<string, unknown>;
}

const TARGETS: Record<Target, { operation: Operation; path: string; ids: Record<string, string> }> = {
	item: { operation: INVOICE_ITEM_UPDATE, path: '/v1/invoiceitems/ii_123', ids: { invoiceitem: 'ii_123' } },
	line: {
		operation: LINE_ITEM_UPDATE,
		path: '/v1/invoices/in_123/lines/il_456',
		ids: { invoice: 'in_123', line_item_id: 'il_456' },
	},
};

const parametersOf = (scenario: Pick<Scenario, 'on' | 'fields' | 'extra'>) =>
	(scenario.on === 'item' ? updateItem : updateLine)(scenario.fields, scenario.extra ?? {});

/** The same update on both endpoints. */
const both = (name: string, fields: IDataObject, expected: Record<string, unknown>, extra?: INodeParameters): Scenario[] =>
	(['item', 'line'] as const).map((on) => ({ name, on, fields, expected, extra }));

const one = (on: Target, name: string, fields: IDataObject, expected: Record<string, unknown>, extra?: INodeParameters) => ({
	name,
	on,
	fields,
	expected,
	extra,
});

// Shapes of the n8n UI (see nodes/shared/properties.ts).
const object = (required: IDataObject, optionalFields?: IDataObject) => ({
	values: optionalFields ? { ...required, optionalFields } : required,
});
const list = (...entries: IDataObject[]) => ({ values: entries });
const entry = (required: IDataObject, optionalFields?: IDataObject) =>
	optionalFields ? { ...required, optionalFields } : required;
const pairs = (map: Record<string, string>) => ({
	pairs: Object.entries(map).map(([key, value]) => ({ key, value })),
});

const JAN_1 = 1767225600; // 2026-01-01T00:00:00Z
const JAN_31_END = 1769903999; // 2026-01-31T23:59:59Z

const fullTaxAmount = entry(
	{
		amount: 190,
		taxable_amount: 1000,
		tax_rate_data: object(
			{ display_name: 'VAT', inclusive: false, percentage: 19 },
			{
				description: 'VAT Germany',
				country: 'DE',
				jurisdiction: 'DE',
				jurisdiction_level: 'country',
				state: 'BE',
				tax_type: 'vat',
			},
		),
	},
	{ taxability_reason: 'standard_rated' },
);
const fullTaxAmountWire = {
	amount: '190',
	taxable_amount: '1000',
	tax_rate_data: {
		display_name: 'VAT',
		inclusive: 'false',
		percentage: '19',
		description: 'VAT Germany',
		country: 'DE',
		jurisdiction: 'DE',
		jurisdiction_level: 'country',
		state: 'BE',
		tax_type: 'vat',
	},
	taxability_reason: 'standard_rated',
};

const productData = object(
	{ name: 'Onboarding workshop' },
	{
		description: 'Half a day, on site',
		images: ['https://example.com/a.png', 'https://example.com/b.png'],
		metadata: pairs({ sku: 'WS-1', team: 'growth' }),
		tax_code: 'txcd_20030000',
		tax_details: object({}, { performance_location: 'Berlin', tax_code: 'txcd_20030000' }),
		unit_label: 'seat',
	},
);
const productDataWire = {
	name: 'Onboarding workshop',
	description: 'Half a day, on site',
	images: ['https://example.com/a.png', 'https://example.com/b.png'],
	metadata: { sku: 'WS-1', team: 'growth' },
	tax_code: 'txcd_20030000',
	tax_details: { performance_location: 'Berlin', tax_code: 'txcd_20030000' },
	unit_label: 'seat',
};

/** Text that exercises the encoder: spaces, reserved characters, non-ASCII, an emoji. */
const TRICKY = 'Beratung – März & Co = 100% + 5 € "quoted" it\'s (1/2) ~*! 🚀 ?#';

const SINGLE_FIELDS: Scenario[] = [
	...both('amount', { amount: 1500 }, { amount: '1500' }),
	one('item', 'negative amount (credit)', { amount: -250 }, { amount: '-250' }),
	...both('description', { description: 'Consulting, January' }, { description: 'Consulting, January' }),
	...both('discountable false', { discountable: false }, { discountable: 'false' }),
	one('line', 'discountable true', { discountable: true }, { discountable: 'true' }),
	...both('discounts: coupon', { discounts: list(entry({}, { coupon: 'SUMMER25' })) }, { discounts: [{ coupon: 'SUMMER25' }] }),
	...both('discounts: discount', { discounts: list(entry({}, { discount: 'di_1' })) }, { discounts: [{ discount: 'di_1' }] }),
	...both(
		'discounts: promotion code',
		{ discounts: list(entry({}, { promotion_code: 'promo_1' })) },
		{ discounts: [{ promotion_code: 'promo_1' }] },
	),
	one(
		'line',
		'discounts: one of each kind',
		{
			discounts: list(
				entry({}, { coupon: 'SUMMER25' }),
				entry({}, { discount: 'di_1' }),
				entry({}, { promotion_code: 'promo_1' }),
			),
		},
		{ discounts: [{ coupon: 'SUMMER25' }, { discount: 'di_1' }, { promotion_code: 'promo_1' }] },
	),
	...both(
		'expand (with a description: expand alone changes nothing)',
		{ description: 'x' },
		{ description: 'x', expand: ['discounts', 'tax_rates'] },
		{ options: { expand: ['discounts', 'tax_rates'] } },
	),
	...both('metadata', { metadata: pairs({ order_id: '6735', source: 'n8n' }) }, { metadata: { order_id: '6735', source: 'n8n' } }),
	...both(
		'period (ISO 8601)',
		{ period: object({ start: '2026-01-01T00:00:00Z', end: '2026-01-31T23:59:59Z' }) },
		{ period: { start: String(JAN_1), end: String(JAN_31_END) } },
	),
	...both(
		'period (unix seconds)',
		{ period: object({ start: JAN_1, end: JAN_31_END }) },
		{ period: { start: String(JAN_1), end: String(JAN_31_END) } },
	),
	one(
		'item',
		'period (unix seconds as text, ISO with offset)',
		{ period: object({ start: String(JAN_1), end: '2026-02-01T00:59:59+01:00' }) },
		{ period: { start: String(JAN_1), end: String(JAN_31_END) } },
	),
	one(
		'item',
		'price_data: product, unit amount, tax behavior',
		{ price_data: object({ product: 'prod_1', currency: 'USD' }, { unit_amount: 1999, tax_behavior: 'exclusive' }) },
		{ price_data: { product: 'prod_1', currency: 'usd', tax_behavior: 'exclusive', unit_amount: '1999' } },
	),
	one(
		'item',
		'price_data: unit amount decimal',
		{ price_data: object({ product: 'prod_1', currency: 'eur' }, { unit_amount_decimal: '12.345678901234' }) },
		{ price_data: { product: 'prod_1', currency: 'eur', unit_amount_decimal: '12.345678901234' } },
	),
	one(
		'line',
		'price_data: existing product',
		{ price_data: object({ currency: 'eur' }, { product: 'prod_1', unit_amount: 500, tax_behavior: 'inclusive' }) },
		{ price_data: { currency: 'eur', product: 'prod_1', unit_amount: '500', tax_behavior: 'inclusive' } },
	),
	one(
		'line',
		'price_data: new product (product_data with images, metadata, tax details)',
		{
			price_data: object(
				{ currency: 'usd' },
				{ product_data: productData, unit_amount_decimal: '2500.5', tax_behavior: 'unspecified' },
			),
		},
		{
			price_data: {
				currency: 'usd',
				product_data: productDataWire,
				unit_amount_decimal: '2500.5',
				tax_behavior: 'unspecified',
			},
		},
	),
	one(
		'line',
		'price_data: product_data with the name only',
		{ price_data: object({ currency: 'gbp' }, { product_data: object({ name: 'Extra' }), unit_amount: 0 }) },
		{ price_data: { currency: 'gbp', product_data: { name: 'Extra' }, unit_amount: '0' } },
	),
	...both('pricing.price', { pricing: object({ price: 'price_123' }) }, { pricing: { price: 'price_123' } }),
	...both('quantity', { quantity: 3 }, { quantity: '3' }),
	one('item', 'quantity zero', { quantity: 0 }, { quantity: '0' }),
	...both('quantity_decimal', { quantity_decimal: '1.5' }, { quantity_decimal: '1.5' }),
	one('line', 'quantity_decimal from a number, 12 places', { quantity_decimal: 0.000000000001 }, { quantity_decimal: '0.000000000001' }),
	one('item', 'tax_behavior', { tax_behavior: 'inclusive' }, { tax_behavior: 'inclusive' }),
	one('item', 'tax_code', { tax_code: 'txcd_10000000' }, { tax_code: 'txcd_10000000' }),
	...both('tax_rates', { tax_rates: ['txr_1', 'txr_2'] }, { tax_rates: ['txr_1', 'txr_2'] }),
	one('item', 'unit_amount_decimal (negative)', { unit_amount_decimal: '-1250.5' }, { unit_amount_decimal: '-1250.5' }),
	one('line', 'tax_amounts with full tax_rate_data', { tax_amounts: list(fullTaxAmount) }, { tax_amounts: [fullTaxAmountWire] }),
	one(
		'line',
		'tax_amounts: two entries, required fields only',
		{
			tax_amounts: list(
				entry({ amount: 75, taxable_amount: 1000, tax_rate_data: object({ display_name: 'GST', inclusive: true, percentage: 7.5 }) }),
				entry({ amount: 0, taxable_amount: 500, tax_rate_data: object({ display_name: 'Zero', inclusive: false, percentage: 0 }) }),
			),
		},
		{
			tax_amounts: [
				{ amount: '75', taxable_amount: '1000', tax_rate_data: { display_name: 'GST', inclusive: 'true', percentage: '7.5' } },
				{ amount: '0', taxable_amount: '500', tax_rate_data: { display_name: 'Zero', inclusive: 'false', percentage: '0' } },
			],
		},
	),
];

const CLEARS: Scenario[] = [
	...both('clear metadata', {}, { metadata: '' }, { clearFields: { metadata: true } }),
	...both('clear tax_rates', {}, { tax_rates: '' }, { clearFields: { tax_rates: true } }),
	...both('clear discounts', {}, { discounts: '' }, { clearFields: { discounts: true } }),
	one('item', 'clear tax_code', {}, { tax_code: '' }, { clearFields: { tax_code: true } }),
	one('item', 'clear invoicing_rules', {}, { invoicing_rules: '' }, { clearFields: { invoicing_rules: true } }),
	one('line', 'clear tax_amounts', {}, { tax_amounts: '' }, { clearFields: { tax_amounts: true } }),
	...both('remove one metadata key', {}, { metadata: { old_key: '' } }, { clearFields: { metadataKeys: ['old_key'] } }),
	...both(
		'remove metadata keys while setting others',
		{ metadata: pairs({ keep: 'new value', added: '1' }) },
		{ metadata: { keep: 'new value', added: '1', old_key: '', other_old: '' } },
		{ clearFields: { metadataKeys: ['old_key', 'other_old'] } },
	),
	one(
		'item',
		'every clear at once',
		{},
		{ discounts: '', invoicing_rules: '', metadata: '', tax_code: '', tax_rates: '' },
		{ clearFields: { metadata: true, tax_rates: true, discounts: true, tax_code: true, invoicing_rules: true } },
	),
	one(
		'line',
		'clear metadata, discounts and tax_amounts at once',
		{},
		{ discounts: '', metadata: '', tax_amounts: '' },
		{ clearFields: { metadata: true, discounts: true, tax_amounts: true } },
	),
	...both(
		'clear tax_rates while setting a description',
		{ description: 'No tax' },
		{ description: 'No tax', tax_rates: '' },
		{ clearFields: { tax_rates: true } },
	),
];

const COMBINED: Scenario[] = [
	one(
		'item',
		'combined: most fields of an invoice item',
		{
			description: 'Seats, January',
			discountable: true,
			discounts: list(entry({}, { coupon: 'SUMMER25' })),
			metadata: pairs({ order_id: '6735' }),
			period: object({ start: '2026-01-01T00:00:00Z', end: JAN_31_END }),
			price_data: object({ product: 'prod_1', currency: 'usd' }, { unit_amount_decimal: '999.5', tax_behavior: 'exclusive' }),
			quantity: 12,
			tax_behavior: 'exclusive',
			tax_code: 'txcd_10000000',
			tax_rates: ['txr_1'],
		},
		{
			description: 'Seats, January',
			discountable: 'true',
			discounts: [{ coupon: 'SUMMER25' }],
			expand: ['discounts'],
			metadata: { order_id: '6735' },
			period: { start: String(JAN_1), end: String(JAN_31_END) },
			price_data: { product: 'prod_1', currency: 'usd', unit_amount_decimal: '999.5', tax_behavior: 'exclusive' },
			quantity: '12',
			tax_behavior: 'exclusive',
			tax_code: 'txcd_10000000',
			tax_rates: ['txr_1'],
		},
		{ options: { expand: ['discounts'] } },
	),
	one(
		'item',
		'combined: decimal amounts with clears and a key removal',
		{ unit_amount_decimal: '0.5', quantity_decimal: '2.25', metadata: pairs({ a: '1' }) },
		{ unit_amount_decimal: '0.5', quantity_decimal: '2.25', metadata: { a: '1', b: '' }, tax_rates: '', tax_code: '' },
		{ clearFields: { tax_rates: true, tax_code: true, metadataKeys: ['b'] } },
	),
	one(
		'line',
		'combined: most fields of a line item',
		{
			amount: 4200,
			description: 'Workshop',
			discountable: false,
			discounts: list(entry({}, { promotion_code: 'promo_1' }), entry({}, { coupon: 'VIP' })),
			metadata: pairs({ cost_center: '42' }),
			period: object({ start: JAN_1, end: '2026-01-31T23:59:59.000Z' }),
			quantity_decimal: '3',
			tax_amounts: list(fullTaxAmount),
		},
		{
			amount: '4200',
			description: 'Workshop',
			discountable: 'false',
			discounts: [{ promotion_code: 'promo_1' }, { coupon: 'VIP' }],
			expand: ['tax_amounts.tax_rate'],
			metadata: { cost_center: '42', legacy: '' },
			period: { start: String(JAN_1), end: String(JAN_31_END) },
			quantity_decimal: '3',
			tax_amounts: [fullTaxAmountWire],
		},
		{ options: { expand: ['tax_amounts.tax_rate'] }, clearFields: { metadataKeys: ['legacy'] } },
	),
	one(
		'line',
		'combined: new product with tax rates, discounts cleared',
		{
			price_data: object({ currency: 'usd' }, { product_data: productData, unit_amount: 12000 }),
			quantity: 2,
			tax_rates: ['txr_1', 'txr_2'],
		},
		{
			price_data: { currency: 'usd', product_data: productDataWire, unit_amount: '12000' },
			quantity: '2',
			tax_rates: ['txr_1', 'txr_2'],
			discounts: '',
			metadata: '',
		},
		{ clearFields: { discounts: true, metadata: true } },
	),
	one(
		'line',
		'combined: pricing and quantity',
		{ pricing: object({ price: 'price_123' }), quantity: 5, description: 'Plan' },
		{ pricing: { price: 'price_123' }, quantity: '5', description: 'Plan' },
	),
	...both(
		'combined: text that needs percent-encoding',
		{ description: TRICKY, metadata: pairs({ 'Kunden Nr.': 'a&b=c+d', 'ü/ß': TRICKY }) },
		{ description: TRICKY, metadata: { 'Kunden Nr.': 'a&b=c+d', 'ü/ß': TRICKY } },
	),
];

const TIME_ZONE: Scenario = {
	name: 'period without offset, read in the workflow time zone (Europe/Berlin, summer time)',
	on: 'line',
	fields: { period: object({ start: '2026-07-01T00:00:00', end: '2026-07-31 23:59:59' }) },
	run: { timezone: 'Europe/Berlin' },
	expected: { period: { start: '1782856800', end: '1785535199' } },
};

const SCENARIOS: Scenario[] = [...SINGLE_FIELDS, ...CLEARS, ...COMBINED, TIME_ZONE];

const REPLY = { body: { id: 'ii_123', object: 'invoiceitem' } };

let recorder: Recorder;

/** update_lines answers with the invoice, whose first page of lines holds the two lines written. */
const BULK_REPLY = {
	body: { id: 'in_123', object: 'invoice', lines: { object: 'list', data: [{ id: 'il_1' }, { id: 'il_2' }], has_more: false } },
};

beforeAll(async () => {
	recorder = await startRecorder((request) => (request.path.endsWith('/update_lines') ? BULK_REPLY : REPLY));
});

afterAll(async () => {
	await recorder.close();
});

/** Runs the node once and returns what it sent; fails with the node's own words if it refused. */
async function send(scenario: Pick<Scenario, 'on' | 'fields' | 'extra' | 'run'>): Promise<{ run: NodeRun; requests: RecordedRequest[] }> {
	recorder.requests.length = 0;
	const run = await runStripe(recorder, parametersOf(scenario), scenario.run);
	if (run.error) {
		throw new Error(`The node failed: ${run.error.message}${run.error.description ? ` (${run.error.description})` : ''}`);
	}
	return { run, requests: [...recorder.requests] };
}

/** Every check one recorded update must pass. Returns the decoded body. */
function expectContract(on: Target, requests: RecordedRequest[]): Record<string, unknown> {
	const target = TARGETS[on];
	expect(requests).toHaveLength(1);
	const [request] = requests;
	expect(request.method).toBe('POST');
	expect(request.path).toBe(target.path);
	expect(request.query).toBe('');
	expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
	expect(checkPath(target.operation, request.path)).toEqual(target.ids);
	const { decoded, errors } = checkFormBody(target.operation, request.body);
	// On failure the diff lists ajv's errors, one per line.
	expect({ body: request.body, errors }).toEqual({ body: request.body, errors: [] });
	return decoded;
}

describe('Stripe update requests match the official request schemas', () => {
	test('the matrix has at least 40 scenarios, each named once per endpoint', () => {
		expect(SCENARIOS.length).toBeGreaterThanOrEqual(40);
		const keys = SCENARIOS.map((scenario) => `${scenario.on}: ${scenario.name}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	test.each(SCENARIOS.map((scenario) => [`${scenario.on}: ${scenario.name}`, scenario] as const))(
		'%s',
		async (_name, scenario) => {
			const { run, requests } = await send(scenario);
			const decoded = expectContract(scenario.on, requests);
			expect(decoded).toStrictEqual(scenario.expected);
			// stripe-node would write the same pairs, in the same order, byte for byte.
			expect(requests[0].body).toBe(stripeNodeEncode(decoded));
			expect(run.output.map((item) => item.json)).toEqual([REPLY.body]);
		},
	);
});

describe('update_lines: every line scenario as two items of one invoice', () => {
	const lines = SCENARIOS.filter((scenario) => scenario.on === 'line');
	const entries = (expected: Record<string, unknown>) => ['il_1', 'il_2'].map((id) => ({ id, ...expected }));

	test.each(lines.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
		const { run, requests } = await send({
			...scenario,
			extra: { ...scenario.extra, line_item_id: '={{ $json.line }}' },
			run: { ...scenario.run, items: [{ line: 'il_1' }, { line: 'il_2' }] },
		});
		// The schema of update_lines decides: a line it takes as the single update sends it goes in bulk.
		const bulk = { lines: entries(scenario.expected) };
		if (checkFormBody(UPDATE_LINES, stripeNodeEncode(bulk)).errors.length) {
			expect(requests.map((request) => request.path).sort()).toEqual(['/v1/invoices/in_123/lines/il_1', '/v1/invoices/in_123/lines/il_2']);
			for (const request of requests) expect(checkFormBody(LINE_ITEM_UPDATE, request.body).decoded).toStrictEqual(scenario.expected);
			return;
		}
		expect(requests.map((request) => [request.method, request.path, request.query])).toEqual([
			['POST', '/v1/invoices/in_123/update_lines', ''],
		]);
		expect(checkPath(UPDATE_LINES, requests[0].path)).toEqual({ invoice: 'in_123' });
		const { decoded, errors } = checkFormBody(UPDATE_LINES, requests[0].body);
		expect({ body: requests[0].body, errors }).toEqual({ body: requests[0].body, errors: [] });
		expect(decoded).toStrictEqual(bulk);
		expect(requests[0].body).toBe(stripeNodeEncode(decoded));
		expect(run.output).toEqual([
			{ json: { id: 'il_1' }, pairedItem: { item: 0 } },
			{ json: { id: 'il_2' }, pairedItem: { item: 1 } },
		]);
	});

	test('most line scenarios go in bulk; those with expand or product tax details go alone', async () => {
		const alone = lines.filter(
			(scenario) => checkFormBody(UPDATE_LINES, stripeNodeEncode({ lines: entries(scenario.expected) })).errors.length,
		);
		expect(alone.length).toBeGreaterThan(0);
		expect(lines.length - alone.length).toBeGreaterThan(alone.length);
	});
});

describe('encoding', () => {
	const rich = SCENARIOS.filter((scenario) => scenario.name.startsWith('combined:') || scenario.name.includes('product_data'));

	test('the same parameters always produce the byte-identical body', async () => {
		for (const scenario of rich) {
			const bodies: string[] = [];
			for (let run = 0; run < 3; run++) bodies.push((await send(scenario)).requests[0].body);
			expect(new Set(bodies).size).toBe(1);
		}
	});

	test.each(rich.map((scenario) => [`${scenario.on}: ${scenario.name}`, scenario] as const))(
		'matches stripe-node byte for byte: %s',
		async (_name, scenario) => {
			const { requests } = await send(scenario);
			// Built from the expected object (not from the recording), in the order the node writes fields.
			const ordered = reorderLike(scenario.expected, decodeForm(requests[0].body)) as Record<string, unknown>;
			expect(requests[0].body).toBe(stripeNodeEncode(ordered));
		},
	);

	test('values with [ ] decode the same as stripe-node (which leaves brackets unescaped in values too)', async () => {
		const text = 'Plan [annual] a[b]=c';
		const { requests } = await send({ on: 'item', fields: { description: text, metadata: pairs({ k: text }) } });
		const expected = { description: text, metadata: { k: text } };
		expect(expectContract('item', requests)).toStrictEqual(expected);
		expect(decodeForm(stripeNodeEncode(expected))).toStrictEqual(expected);
	});
});

/** `expected` with its keys in the order of `model` (the node's order), recursively; values from `expected`. */
function reorderLike(expected: unknown, model: unknown): unknown {
	if (Array.isArray(expected)) {
		return expected.map((value, index) => reorderLike(value, Array.isArray(model) ? model[index] : undefined));
	}
	if (typeof expected !== 'object' || expected === null) return expected;
	const source = expected as Record<string, unknown>;
	const order = typeof model === 'object' && model !== null ? Object.keys(model) : [];
	const keys = [...order.filter((key) => key in source), ...Object.keys(source).filter((key) => !order.includes(key))];
	return Object.fromEntries(keys.map((key) => [key, reorderLike(source[key], (model as Record<string, unknown>)?.[key])]));
}

// ---------------------------------------------------------------------------------------------
// Coverage: which parts of the official schemas the matrix above exercises.

/** Fields of the official schemas the node has no way to send. */
const NODE_CANNOT_SEND: Record<Operation, string[]> = {
	[INVOICE_ITEM_UPDATE]: [],
	[LINE_ITEM_UPDATE]: [],
};

/**
 * Clearable fields (the schema accepts "") the node cannot clear. Clearing the tax code of the
 * tax details of a product the same request creates means nothing, so this one is on purpose.
 */
const NODE_CANNOT_CLEAR: Record<Operation, string[]> = {
	[INVOICE_ITEM_UPDATE]: [],
	[LINE_ITEM_UPDATE]: ['price_data[product_data][tax_details][tax_code]'],
};

const isEmptyEnum = (schema: Schema) => Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === '';

/** The branch of a schema that holds real values (not the "" that clears). */
function valueBranch(schema: Schema): Schema | undefined {
	if (!schema.anyOf) return isEmptyEnum(schema) ? undefined : schema;
	const branches = schema.anyOf.filter((branch) => !isEmptyEnum(branch));
	return branches.length === 1 ? branches[0] : { anyOf: branches };
}

const isClearable = (schema: Schema) => isEmptyEnum(schema) || (schema.anyOf ?? []).some(isEmptyEnum);

/**
 * Wire paths of the schema's leaves (`[]` for list entries) and of its clearable fields.
 * A field that only accepts "" (invoicing_rules) is clearable, not a leaf.
 */
function schemaPaths(schema: Schema, at = '', leaves: string[] = [], clearable: string[] = []) {
	if (at && isClearable(schema)) clearable.push(at);
	const branch = valueBranch(schema);
	const wire = (key: string) => (at ? `${at}[${key}]` : key);
	if (branch?.properties) {
		for (const [key, child] of Object.entries(branch.properties)) schemaPaths(child, wire(key), leaves, clearable);
	} else if (branch?.type === 'array' && branch.items?.properties) {
		schemaPaths(branch.items, `${at}[]`, leaves, clearable);
	} else if (branch) {
		leaves.push(at);
	}
	return { leaves, clearable };
}

/** Wire paths the decoded body sets (schema leaves) and clears (""). */
function bodyPaths(schema: Schema, data: unknown, at = '', set = new Set<string>(), cleared = new Set<string>()) {
	const branch = valueBranch(schema);
	const wire = (key: string) => (at ? `${at}[${key}]` : key);
	if (data === '' && isClearable(schema)) {
		cleared.add(at);
	} else if (branch?.properties && typeof data === 'object' && data !== null) {
		for (const [key, value] of Object.entries(data)) {
			if (branch.properties[key]) bodyPaths(branch.properties[key], value, wire(key), set, cleared);
		}
	} else if (branch?.type === 'array' && branch.items?.properties && Array.isArray(data)) {
		for (const value of data) bodyPaths(branch.items, value, `${at}[]`, set, cleared);
	} else {
		set.add(at);
	}
	return { set, cleared };
}

describe('coverage of the official schemas', () => {
	test.each([INVOICE_ITEM_UPDATE, LINE_ITEM_UPDATE] as const)('%s: every field is sent and every clear is made', (operation) => {
		const schema = loadContracts()[operation].requestBody;
		const { leaves, clearable } = schemaPaths(schema);
		const set = new Set<string>();
		const cleared = new Set<string>();
		for (const scenario of SCENARIOS.filter((candidate) => TARGETS[candidate.on].operation === operation)) {
			bodyPaths(schema, scenario.expected, '', set, cleared);
		}
		const notSent = leaves.filter((path) => !set.has(path));
		expect(notSent.sort()).toEqual([...NODE_CANNOT_SEND[operation]].sort());
		expect(clearable.filter((path) => !cleared.has(path)).sort()).toEqual([...NODE_CANNOT_CLEAR[operation]].sort());
	});
});

// ---------------------------------------------------------------------------------------------

describe('fixture', () => {
	const specFound = existsSync(generator.SPEC);

	(specFound ? test : test.skip)('test/fixtures/stripe.requests.json is what the official spec generates (run `npm run fixtures`)', () => {
		const fresh = generator.renderFixtures(JSON.parse(readFileSync(generator.SPEC, 'utf8')));
		const committed = readFileSync(FIXTURE_PATH, 'utf8');
		if (fresh !== committed) {
			throw new Error(`${FIXTURE_PATH} is stale: the spec at ${generator.SPEC} now generates something else. Run \`npm run fixtures\`.`);
		}
	});
});

// ---------------------------------------------------------------------------------------------

describe('the validator rejects what the official schemas reject', () => {
	const long = 'x'.repeat(5001);
	test.each([
		['item', 'amount=abc', /\/amount must be integer/],
		['item', 'foo=1', /must NOT have additional properties .*foo/],
		['item', 'period[start]=1&period[end]=2&period[foo]=3', /keys the schema does not know: period\[foo\]/],
		['item', 'discounts[0][coupon]=a&discounts[0][bogus]=b', /keys the schema does not know: discounts\[0\]\[bogus\]/],
		['item', 'period[start]=1', /must have required property 'end'/],
		['item', 'period[start]=-5&period[end]=1', /\/period\/start must match format "unix-time"/],
		['item', 'price_data[currency]=USD&price_data[product]=p', /must match format "currency"/],
		['item', 'quantity_decimal=1.1234567890123', /must match format "decimal"/],
		['item', 'tax_rates[]=txr_1', /without an index/],
		['item', 'tax_rates=txr_1', /\/tax_rates must be array/],
		['item', 'metadata=x', /\/metadata must be equal to one of the allowed values/],
		['item', 'invoicing_rules=x', /\/invoicing_rules must be equal to one of the allowed values/],
		['item', 'tax_behavior=both', /\/tax_behavior must be equal to one of the allowed values/],
		['item', `description=${long}`, /\/description must NOT have more than 5000 characters/],
		['item', 'discountable=yes', /\/discountable must be boolean/],
		['item', 'amount=1&amount=2', /keys sent more than once: amount/],
		['item', 'amount', /pairs without "="/],
		['line', 'tax_behavior=exclusive', /must NOT have additional properties .*tax_behavior/],
		['line', 'tax_code=txcd_1', /must NOT have additional properties .*tax_code/],
		['line', 'tax_amounts[0][amount]=1', /must have required property 'tax_rate_data'/],
		['line', 'price_data[product_data][name]=n', /\/price_data must have required property 'currency'/],
	] as const)('%s: %s', (on, body, message) => {
		const { errors } = checkFormBody(TARGETS[on].operation, body);
		expect(errors.join('\n')).toMatch(message);
	});

	test('clears and key removals are accepted', () => {
		expect(checkFormBody(INVOICE_ITEM_UPDATE, 'metadata=&tax_rates=&discounts=&tax_code=&invoicing_rules=').errors).toEqual([]);
		expect(checkFormBody(LINE_ITEM_UPDATE, 'metadata[a]=&metadata[b]=1&tax_amounts=').errors).toEqual([]);
	});

	test('path ids must match the template', () => {
		expect(checkPath(LINE_ITEM_UPDATE, '/v1/invoices/in_1/lines/il_%C3%A9')).toEqual({ invoice: 'in_1', line_item_id: 'il_é' });
		expect(() => checkPath(INVOICE_ITEM_UPDATE, '/v1/invoiceitems/ii_1/extra')).toThrow(/does not match/);
		expect(() => checkPath(INVOICE_ITEM_UPDATE, `/v1/invoiceitems/${'i'.repeat(5001)}`)).toThrow(/invoiceitem/);
	});
});

// ---------------------------------------------------------------------------------------------
// Found by this suite and fixed in the node: clearing one alternative while setting the other,
// and an empty Metadata field.

describe('clears and empty fields', () => {
	test('line: clearing tax_rates and tax_amounts together is sent', async () => {
		const { requests } = await send({ on: 'line', fields: {}, extra: { clearFields: { tax_rates: true, tax_amounts: true } } });
		expect(expectContract('line', requests)).toStrictEqual({ tax_amounts: '', tax_rates: '' });
	});

	test('line: clearing tax_amounts while setting tax_rates is sent', async () => {
		const { requests } = await send({ on: 'line', fields: { tax_rates: ['txr_1'] }, extra: { clearFields: { tax_amounts: true } } });
		expect(expectContract('line', requests)).toStrictEqual({ tax_amounts: '', tax_rates: ['txr_1'] });
	});

	test.each([
		['item', { metadata: {} }],
		['item', { metadata: { pairs: [] } }],
		['line', { metadata: {} }],
	] as const)('%s: Metadata added with no entry is refused, nothing sent %j', async (on, fields) => {
		recorder.requests.length = 0;
		const run = await runStripe(recorder, parametersOf({ on, fields }));
		expect(recorder.requests.map((request) => request.body)).toEqual([]);
		expect(run.error?.message).toMatch(/Metadata|Update Fields/);
	});
});
