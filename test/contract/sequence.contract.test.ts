/**
 * Contract tests: every request the Sequence Billing node sends in these scenarios goes through
 * n8n-core to Prism, which mocks Sequence from its official OpenAPI document
 * (test/fixtures/sequence.openapi.json) and validates path, query, headers and JSON body. Each
 * request must come back 200 with no `sl-violations`, and each PUT body must be exactly the
 * expected object. The paths have no base path beyond the credential's base URL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { lineItemFields } from '../../nodes/Sequence/fields';
import type { Field } from '../../nodes/shared/descriptor';
import { FIXTURES } from '../harness/prism';
import { contractFor } from '../harness/recording';
import {
	BASIC,
	INVOICE,
	LINE,
	REQUIRED,
	externalIds,
	getMany,
	getOne,
	merge,
	replace,
	runSequence,
	servicePeriod,
	type SequenceRunOptions,
} from '../harness/sequence';

interface Schema {
	type?: string;
	required?: string[];
	properties?: Record<string, Schema>;
	items?: Schema;
	enum?: string[];
	$ref?: string;
}

const spec = JSON.parse(readFileSync(join(FIXTURES, 'sequence.openapi.json'), 'utf8'));
const resolve = (schema: Schema): Schema =>
	schema.$ref ? resolve(spec.components.schemas[schema.$ref.replace('#/components/schemas/', '')]) : schema;
const PUT_OPERATION = spec.paths['/invoices/{invoice}/line-items/{id}'].put;
const REQUEST_SCHEMA = resolve(PUT_OPERATION.requestBody.content['application/json'].schema);
const LIST_EXAMPLE = Object.values(
	spec.paths['/invoices/{invoice}/line-items'].get.responses['200'].content['application/json'].examples as Record<
		string,
		{ value: { items: IDataObject[] } }
	>,
)[0].value;
/** The line item Prism's list answers with: the current item of every Merge scenario. */
const CURRENT = LIST_EXAMPLE.items[0];
const WRITABLE = Object.keys(REQUEST_SCHEMA.properties!);
const currentWritable = Object.fromEntries(WRITABLE.filter((key) => key in CURRENT).map((key) => [key, CURRENT[key]]));

const prism = contractFor('sequence');

interface Scenario {
	name: string;
	parameters: INodeParameters;
	run?: SequenceRunOptions;
	/** The PUT body, exactly. */
	expected: IDataObject;
}

/** Merge: the current item with the changes laid over it. */
const merged = (name: string, fields: IDataObject, changes: IDataObject, run?: SequenceRunOptions): Scenario => ({
	name: `Merge: ${name}`,
	parameters: merge(fields),
	run,
	expected: { ...currentWritable, ...changes },
});

const replaced = (name: string, required: IDataObject, fields: IDataObject, expected: IDataObject, run?: SequenceRunOptions): Scenario => ({
	name: `Replace: ${name}`,
	parameters: replace(required, fields),
	run,
	expected,
});

const REQUIRED_WIRE = {
	title: 'Platform fee',
	quantity: '1',
	rate: '100.00',
	taxRate: '0.2',
	externalIds: [{ key: 'Xero', value: 'XERO-1' }],
};

const EVERY_SYSTEM = REQUEST_SCHEMA.properties!.externalIds.items!;
const SYSTEMS = resolve(resolve(EVERY_SYSTEM).properties!.key).enum!;

const ALL_FIELDS = {
	description: 'Seats for the growth team – März',
	servicePeriod: servicePeriod('2026-01-01', '2026-01-31'),
	groupId: '0b5e3f4e-0c1b-4a3c-9a56-58a0f1c2d3e4',
	priceId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	rateDisplay: 'ABSOLUTE',
	revenueClassification: 'EARNED',
	creditGrantId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
	revenueRecognitionMethod: 'STRAIGHT_LINE',
};
const ALL_FIELDS_WIRE = {
	description: 'Seats for the growth team – März',
	servicePeriodStart: '2026-01-01T00:00:00Z',
	servicePeriodEnd: '2026-01-31T00:00:00Z',
	servicePeriod: { startDate: '2026-01-01', endDate: '2026-01-31' },
	groupId: '0b5e3f4e-0c1b-4a3c-9a56-58a0f1c2d3e4',
	priceId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	rateDisplay: 'ABSOLUTE',
	revenueClassification: 'EARNED',
	creditGrantId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
	revenueRecognitionMethod: 'STRAIGHT_LINE',
};

const MERGE: Scenario[] = [
	merged('title with non-ASCII text', { title: 'Beratung – März & Co "quoted" 🚀' }, { title: 'Beratung – März & Co "quoted" 🚀' }),
	merged('description', { description: 'Annual plan, prorated' }, { description: 'Annual plan, prorated' }),
	merged('quantity from a number', { quantity: '={{ $json.seats }}' }, { quantity: '12' }, { items: [{ seats: 12 }] }),
	merged('fractional quantity from text', { quantity: '2.75' }, { quantity: '2.75' }),
	merged('rate keeps its trailing zero', { rate: '20000.10' }, { rate: '20000.10' }),
	merged('negative rate (credit line)', { rate: '-150.00' }, { rate: '-150.00' }),
	merged('tax rate 0', { taxRate: 0 }, { taxRate: '0' }),
	merged('tax rate as a fraction (7.5 %)', { taxRate: '0.075' }, { taxRate: '0.075' }),
	merged(
		'service period dates, also written as date-times',
		{ servicePeriod: servicePeriod('2026-01-01', '2026-01-31') },
		{ servicePeriod: { startDate: '2026-01-01', endDate: '2026-01-31' }, servicePeriodStart: '2026-01-01T00:00:00Z', servicePeriodEnd: '2026-01-31T00:00:00Z' },
	),
	merged('group ID', { groupId: '0b5e3f4e-0c1b-4a3c-9a56-58a0f1c2d3e4' }, { groupId: '0b5e3f4e-0c1b-4a3c-9a56-58a0f1c2d3e4' }),
	merged('price ID', { priceId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }, { priceId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }),
	merged('rate display percentage', { rateDisplay: 'PERCENTAGE' }, { rateDisplay: 'PERCENTAGE' }),
	merged(
		'external IDs replace the list',
		{ externalIds: externalIds(['HubSpot', 'hs-991'], ['NetSuite', 'ns/42']) },
		{ externalIds: [{ key: 'HubSpot', value: 'hs-991' }, { key: 'NetSuite', value: 'ns/42' }] },
	),
	merged('revenue classification', { revenueClassification: 'PREPAYMENT' }, { revenueClassification: 'PREPAYMENT' }),
	merged('credit grant ID', { creditGrantId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' }, { creditGrantId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d' }),
	merged('revenue recognition method', { revenueRecognitionMethod: 'POINT_IN_TIME' }, { revenueRecognitionMethod: 'POINT_IN_TIME' }),
	merged(
		'every field at once',
		{ ...ALL_FIELDS, title: 'Seats', quantity: 3, rate: '99.5', taxRate: '0.19', externalIds: externalIds(['Salesforce', 'a0B1']) },
		{ ...ALL_FIELDS_WIRE, title: 'Seats', quantity: '3', rate: '99.5', taxRate: '0.19', externalIds: [{ key: 'Salesforce', value: 'a0B1' }] },
	),
];

const REPLACE: Scenario[] = [
	replaced('the required fields only', REQUIRED, {}, REQUIRED_WIRE),
	replaced(
		'required fields from numbers in the input item',
		{ ...REQUIRED, quantity: '={{ $json.quantity }}', rate: '={{ $json.rate }}', taxRate: '={{ $json.taxRate }}' },
		{},
		{ ...REQUIRED_WIRE, quantity: '4', rate: '1234.56', taxRate: '0.2' },
		{ items: [{ quantity: 4, rate: 1234.56, taxRate: 0.2 }] },
	),
	replaced('every field', REQUIRED, ALL_FIELDS, {
		title: 'Platform fee',
		description: ALL_FIELDS_WIRE.description,
		quantity: '1',
		rate: '100.00',
		taxRate: '0.2',
		servicePeriodStart: ALL_FIELDS_WIRE.servicePeriodStart,
		servicePeriodEnd: ALL_FIELDS_WIRE.servicePeriodEnd,
		servicePeriod: ALL_FIELDS_WIRE.servicePeriod,
		groupId: ALL_FIELDS_WIRE.groupId,
		priceId: ALL_FIELDS_WIRE.priceId,
		rateDisplay: 'ABSOLUTE',
		externalIds: REQUIRED_WIRE.externalIds,
		revenueClassification: 'EARNED',
		creditGrantId: ALL_FIELDS_WIRE.creditGrantId,
		revenueRecognitionMethod: 'STRAIGHT_LINE',
	}),
	replaced(
		'one external ID for every system the spec lists',
		{ ...REQUIRED, externalIds: externalIds(...SYSTEMS.map((key, index): [string, string] => [key, `ext-${index}`])) },
		{},
		{ ...REQUIRED_WIRE, externalIds: SYSTEMS.map((key, index) => ({ key, value: `ext-${index}` })) },
	),
	replaced(
		'a discount line: negative rate shown as a percentage, no tax',
		{ ...REQUIRED, title: 'Loyalty discount', quantity: '1', rate: '-10', taxRate: '0' },
		{ rateDisplay: 'PERCENTAGE', revenueClassification: 'BURNDOWN', revenueRecognitionMethod: 'MILESTONE' },
		{
			...REQUIRED_WIRE,
			title: 'Loyalty discount',
			rate: '-10',
			taxRate: '0',
			rateDisplay: 'PERCENTAGE',
			revenueClassification: 'BURNDOWN',
			revenueRecognitionMethod: 'MILESTONE',
		},
	),
	replaced(
		'leap day dates',
		REQUIRED,
		{ servicePeriod: servicePeriod('2024-02-29', '2024-03-28') },
		{
			title: 'Platform fee',
			quantity: '1',
			rate: '100.00',
			taxRate: '0.2',
			servicePeriodStart: '2024-02-29T00:00:00Z',
			servicePeriodEnd: '2024-03-28T00:00:00Z',
			servicePeriod: { startDate: '2024-02-29', endDate: '2024-03-28' },
			externalIds: REQUIRED_WIRE.externalIds,
		},
	),
	replaced('usage revenue, earned', REQUIRED, { revenueRecognitionMethod: 'USAGE', revenueClassification: 'EARNED' }, {
		...REQUIRED_WIRE,
		revenueClassification: 'EARNED',
		revenueRecognitionMethod: 'USAGE',
	}),
];

const SCENARIOS = [...MERGE, ...REPLACE];

/** Every recorded request reached Prism's mock and conformed. */
function expectConforming() {
	expect(prism.requests.length).toBeGreaterThan(0);
	for (const request of prism.requests) {
		expect({ url: `${request.method} ${request.url}`, status: request.status, violations: request.violations }).toEqual({
			url: `${request.method} ${request.url}`,
			status: 200,
			violations: [],
		});
		expect(request.headers.authorization).toBe(BASIC);
		expect(request.headers['sequence-version']).toBe('2024-07-30');
	}
}

describe('the descriptor is the official request schema', () => {
	const wire = (field: Field): unknown => field.name;
	test('every writable property, nothing else, in the schema’s order; the same required fields', () => {
		expect(lineItemFields.map(wire)).toEqual(WRITABLE);
		expect(lineItemFields.filter((field) => field.required).map(wire).sort()).toEqual([...REQUEST_SCHEMA.required!].sort());
	});

	test('every enum offers exactly the spec’s values', () => {
		const enumOf = (name: string) => resolve(REQUEST_SCHEMA.properties![name]).enum!.slice().sort();
		const options = (field?: Field) =>
			(field?.type === 'options' ? field.options.map((option) => String(option.value)) : []).sort();
		const byName = (name: string) => lineItemFields.find((field) => field.name === name);
		for (const name of ['rateDisplay', 'revenueClassification', 'revenueRecognitionMethod']) {
			expect(options(byName(name))).toEqual(enumOf(name));
		}
		const external = byName('externalIds');
		const key = external?.type === 'objectList' ? external.fields.find((field) => field.name === 'key') : undefined;
		expect(options(key)).toEqual(SYSTEMS.slice().sort());
		// The service period's dates, both required by the spec's DateRange.
		const period = byName('servicePeriod');
		const periodFields = period?.type === 'object' ? period.fields : [];
		expect(periodFields.map(wire).sort()).toEqual(Object.keys(resolve(REQUEST_SCHEMA.properties!.servicePeriod).properties!).sort());
		expect(periodFields.filter((field) => field.required).map(wire).sort()).toEqual(
			resolve(REQUEST_SCHEMA.properties!.servicePeriod).required!.slice().sort(),
		);
	});

	test('Prism’s current line item is the spec’s list example (the base of every Merge scenario)', () => {
		expect(CURRENT.id).toBe(LINE);
		expect(Object.keys(currentWritable).length).toBeGreaterThanOrEqual(10);
	});
});

describe('Sequence contract (Prism, official OpenAPI document)', () => {
	test(`there are at least 20 update scenarios, in both modes (${SCENARIOS.length})`, () => {
		expect(SCENARIOS.length).toBeGreaterThanOrEqual(20);
		expect(MERGE.length).toBeGreaterThanOrEqual(10);
		expect(REPLACE.length).toBeGreaterThanOrEqual(5);
	});

	test.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
		const run = await runSequence(prism.url, scenario.parameters, scenario.run);
		expect(run.error).toBeUndefined();
		expectConforming();
		const isMerge = scenario.parameters.updateMode !== 'replace';
		expect(prism.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			...(isMerge ? [`GET /invoices/${INVOICE}/line-items`] : []),
			`PUT /invoices/${INVOICE}/line-items/${LINE}`,
		]);
		const put = prism.requests[prism.requests.length - 1];
		expect(put.headers['content-type']).toBe('application/json');
		const body = JSON.parse(put.body) as IDataObject;
		expect(body).toEqual(scenario.expected);
		// Prism does not flag unknown properties (the schema allows them): check it here.
		expect(Object.keys(body).filter((key) => !WRITABLE.includes(key))).toEqual([]);
		expect(run.output).toHaveLength(1);
		expect(run.output[0].json.id).toBe(LINE);
	});

	test('Get Many with a limit follows the cursor (limit, then after)', async () => {
		const run = await runSequence(prism.url, getMany({ returnAll: false, limit: 3, options: { sortOrder: 'DESC' } }));
		expect(run.error).toBeUndefined();
		expectConforming();
		const after = encodeURIComponent(String((LIST_EXAMPLE as unknown as { pagination: { after: string } }).pagination.after));
		// Prism's example hands out the same cursor every time: the node stops rather than loop.
		expect(prism.requests.map((request) => request.url)).toEqual([
			`/invoices/${INVOICE}/line-items?sortOrder=DESC&limit=3`,
			`/invoices/${INVOICE}/line-items?sortOrder=DESC&limit=2&after=${after}`,
		]);
		expect(run.output).toHaveLength(2);
	});

	test('Get Many with Return All (Prism always has a next page: the test ends the list on page 2)', async () => {
		prism.override((request) =>
			request.query.includes('after=') ? { body: { items: [], pagination: { totalResultSize: 1 } } } : undefined,
		);
		const run = await runSequence(prism.url, getMany({ returnAll: true }));
		expect(run.error).toBeUndefined();
		expect(prism.requests[0].url).toBe(`/invoices/${INVOICE}/line-items?limit=100`);
		expect(prism.requests[0].violations).toEqual([]);
		expect(prism.requests[0].status).toBe(200);
		expect(prism.requests).toHaveLength(2);
		expect(run.output.map((item) => item.json.id)).toEqual([LINE]);
	});

	test('Get finds the line item in the list', async () => {
		const run = await runSequence(prism.url, getOne(LINE));
		expect(run.error).toBeUndefined();
		expectConforming();
		expect(prism.requests.map((request) => request.url)).toEqual([`/invoices/${INVOICE}/line-items?limit=100`]);
		expect(run.output[0].json).toEqual(CURRENT);
	});

	test('the harness sees a header that breaks the contract: an API version the spec does not list', async () => {
		const run = await runSequence(prism.url, replace(REQUIRED), { credentials: { apiVersion: '2023-01-01' } });
		expect(prism.requests).toHaveLength(1);
		expect(prism.requests[0].violations.map((violation) => violation.location.join('.'))).toEqual([
			'request.header.sequence-version',
		]);
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.message).toBe('Sequence refused the request as invalid');
	});

	test('the harness sees a body that breaks the contract (sent by hand, not by the node)', async () => {
		const response = await fetch(`${prism.url}/invoices/${INVOICE}/line-items/${LINE}`, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', Authorization: BASIC, 'Sequence-Version': '2024-07-30' },
			body: JSON.stringify({ ...REQUIRED_WIRE, quantity: 2, description: null }),
		});
		expect(response.status).toBe(400);
		expect(prism.requests[0].violations.map((violation) => violation.location.join('.')).sort()).toEqual([
			'request.body.description',
			'request.body.quantity',
		]);
	});
});
