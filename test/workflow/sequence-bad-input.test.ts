import { startRecorder, type Recorder } from '../harness/recorder';
import { refusedBeforeAnyRequest, type Refusal } from '../harness/refused';
import { LINE, REQUIRED, externalIds, getMany, getOne, lineItem, merge, replace, runSequence, servicePeriod } from '../harness/sequence';

let recorder: Recorder;
beforeAll(async () => {
	// Would answer every request; the point of each case is that none is made.
	recorder = await startRecorder(() => ({ body: { items: [lineItem(LINE)], pagination: {} } }));
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
});

const IDS = 'must not contain / ? # % \\ or whitespace, got';

/** What a float artefact is told to do, at the start of the description. */
const ROUND_IT = 'Round it in the expression, e.g. {{ (0.1 + 0.2).toFixed(2) }}, or pass the amount as text.';

/** [rule, parameters, the exact error message before " [item 0]", what the description starts with if not the field]. Every case is refused with nothing sent. */
const cases: Refusal[] = [
	// Enums from the spec, exactly as spelled there.
	['rateDisplay enum', merge({ rateDisplay: 'absolute' }), '"Rate Display" must be one of ABSOLUTE, PERCENTAGE; got "absolute"'],
	['revenueClassification enum', merge({ revenueClassification: 'DEFERRED' }), '"Revenue Classification" must be one of BURNDOWN, EARNED, PREPAYMENT; got "DEFERRED"'],
	['revenueRecognitionMethod enum', merge({ revenueRecognitionMethod: 'RATABLE' }), '"Revenue Recognition Method" must be one of MILESTONE, POINT_IN_TIME, STRAIGHT_LINE, USAGE; got "RATABLE"'],
	['externalIds key enum (case matters)', merge({ externalIds: externalIds(['xero', '1']) }), '"External IDs → External ID 1 → System" must be one of Amazon_Redshift, Anrok, Attio, Avalara, GoCardless, Google_BigQuery, Google_Sheets, HubSpot, NetSuite, Numeral, QuickBooks_Online, Rillet, Salesforce, Slack, Snowflake, Sphere, Stripe, Xero; got "xero"'],
	['externalIds value required', merge({ externalIds: externalIds(['Xero', '1'], ['Stripe', '']) }), '"External IDs → External ID 2 → ID" is required'],
	// Decimals: money, quantities and the tax rate.
	['quantity is a decimal', merge({ quantity: 'two' }), '"Quantity" must be a decimal number such as 12.5, got "two"'],
	['quantity has no thousands separator', merge({ quantity: '1,000' }), '"Quantity" must be a decimal number such as 12.5, got "1,000"'],
	['rate has no exponent', merge({ rate: '1e3' }), '"Rate" must be a decimal number such as 12.5, got "1e3"'],
	['rate has no currency sign', merge({ rate: '€10' }), '"Rate" must be a decimal number such as 12.5, got "€10"'],
	['rate is not a bare point', merge({ rate: '.5' }), '"Rate" must be a decimal number such as 12.5, got ".5"'],
	['rate float noise is refused', merge({ rate: '={{ 1.1 * 1.1 }}' }), '"Rate" is a floating-point result (1.2100000000000002)', ROUND_IT],
	['rate is finite', merge({ rate: '={{ 1 / 0 }}' }), '"Rate" must be a decimal number, got Infinity'],
	['taxRate is not negative', merge({ taxRate: '-0.2' }), '"Tax Rate" must not be negative'],
	['taxRate is a fraction, not "20%"', merge({ taxRate: '20%' }), '"Tax Rate" must be a decimal number such as 12.5, got "20%"'],
	// 20 would be sent as "20", i.e. 2000 %.
	['taxRate is a fraction, not 20 for 20 %', merge({ taxRate: 20 }), '"Tax Rate" must be a fraction, not a percentage: 20 % is 0.2, 7.5 % is 0.075'],
	['taxRate is at most 1', replace({ ...REQUIRED, taxRate: '1.01' }), '"Tax Rate" must be a fraction, not a percentage: 20 % is 0.2, 7.5 % is 0.075'],
	['taxRate is a number, not a boolean', merge({ taxRate: '={{ true }}' }), '"Tax Rate" must be a decimal number, got true'],
	// Dates of the service period (yyyy-MM-dd) and date-times.
	['servicePeriod dates are yyyy-MM-dd', merge({ servicePeriod: servicePeriod('2026-1-5', '2026-01-31') }), '"Service Period → Start Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31'],
	['servicePeriod dates have no time', merge({ servicePeriod: servicePeriod('2026-01-01', '2026-01-31T00:00:00Z') }), '"Service Period → End Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31'],
	['servicePeriod dates exist (Feb 30)', merge({ servicePeriod: servicePeriod('2026-02-30', '2026-03-01') }), '"Service Period → Start Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31'],
	['servicePeriod Feb 29 only in leap years', merge({ servicePeriod: servicePeriod('2025-02-01', '2025-02-29') }), '"Service Period → End Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31'],
	['servicePeriod 1900 was no leap year', merge({ servicePeriod: servicePeriod('1900-02-29', '1900-03-01') }), '"Service Period → Start Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31'],
	['servicePeriod April has 30 days', merge({ servicePeriod: servicePeriod('2026-04-01', '2026-04-31') }), '"Service Period → End Date" must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31'],
	['servicePeriod needs both dates', merge({ servicePeriod: servicePeriod('2026-01-01', '') }), '"Service Period → End Date" is required'],
	['servicePeriod end ≥ start', merge({ servicePeriod: servicePeriod('2026-02-01', '2026-01-31') }), '"Service Period → End Date" must not be before "Start Date"'],
	// Text.
	['a set field is not blank', merge({ description: '   ' }), '"Description" is empty; give it a value or remove it'],
	['title is text', merge({ title: '={{ { name: "x" } }}' }), '"Title" must be text, got an object'],
	// Replace mode: the required fields of the PUT. An empty literal there is refused by n8n itself
	// ("workflow has issues"); an expression can still yield nothing.
	['Replace needs a title', replace({ ...REQUIRED, title: '={{ "" }}' }), '"Title" is required'],
	['Replace needs a quantity', replace({ ...REQUIRED, quantity: ' ' }), '"Quantity" is required'],
	['Replace needs a rate', replace({ ...REQUIRED, rate: '={{ $json.missing }}' }), '"Rate" is required'],
	['Replace needs a tax rate', replace({ ...REQUIRED, taxRate: '={{ null }}' }), '"Tax Rate" is required'],
	['Replace checks decimals too', replace({ ...REQUIRED, rate: '12.5.0' }), '"Rate" must be a decimal number such as 12.5, got "12.5.0"'],
	['Replace checks the External IDs entries', replace({ ...REQUIRED, externalIds: externalIds(['Xero', ' ']) }), '"External IDs → External ID 1 → ID" is required'],
	// IDs that go into the path. An empty literal is refused by n8n itself; an expression can still yield nothing.
	['invoice id required', merge({ title: 'x' }, { invoice: '={{ $json.missing }}' }), '"Invoice ID" is required'],
	['line item id required', merge({ title: 'x' }, { id: '={{ "" }}' }), '"Line Item ID" is required'],
	['invoice id has no slash', merge({ title: 'x' }, { invoice: 'inv/1' }), `"Invoice ID" ${IDS} "inv/1"`],
	['line item id has no query', merge({ title: 'x' }, { id: 'li?x=1' }), `"Line Item ID" ${IDS} "li?x=1"`],
	['line item id has no fragment', replace(REQUIRED, {}, { id: 'li#1' }), `"Line Item ID" ${IDS} "li#1"`],
	['ids have no percent escapes', merge({ title: 'x' }, { id: 'li%2F1' }), `"Line Item ID" ${IDS} "li%2F1"`],
	['ids have no whitespace', merge({ title: 'x' }, { invoice: ' inv-1' }), `"Invoice ID" ${IDS} " inv-1"`],
	['ids are not dot segments', merge({ title: 'x' }, { id: '..' }), `"Line Item ID" ${IDS} ".."`],
	['Get Many checks the invoice id', getMany({ invoice: 'inv-1/../x', limit: 5 }), `"Invoice ID" ${IDS} "inv-1/../x"`],
	['Get checks the line item id', getOne('={{ "" }}'), '"Line Item ID" is required'],
	['Get checks the invoice id', getOne(LINE, { invoice: 'a b' }), `"Invoice ID" ${IDS} "a b"`],
];

describe('Sequence bad input is refused before any request, naming the item and the field', () => {
	refusedBeforeAnyRequest(cases, (parameters) => runSequence(recorder.url, parameters), () => recorder.requests);

	test('real calendar dates pass, including February 29 of leap years (2000, 2024)', async () => {
		for (const [start, end] of [
			['2024-02-29', '2024-02-29'],
			['2000-02-29', '2000-12-31'],
			['2026-04-30', '2026-12-31'],
		]) {
			const run = await runSequence(recorder.url, replace(REQUIRED, { servicePeriod: servicePeriod(start, end) }));
			expect(run.error).toBeUndefined();
		}
		expect(recorder.requests.map((request) => JSON.parse(request.body).servicePeriod)).toEqual([
			{ startDate: '2024-02-29', endDate: '2024-02-29' },
			{ startDate: '2000-02-29', endDate: '2000-12-31' },
			{ startDate: '2026-04-30', endDate: '2026-12-31' },
		]);
	});
});
