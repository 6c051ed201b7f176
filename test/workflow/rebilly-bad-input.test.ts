import type { IDataObject } from 'n8n-workflow';

import { startRecorder, type Recorder } from '../harness/recorder';
import { refusedBeforeAnyRequest, type Refusal } from '../harness/refused';
import {
	CURRENT_ITEM,
	TEST_API_KEY,
	TEST_JWT,
	everything,
	getItem,
	getMany,
	mergeUpdate,
	replaceUpdate,
	runRebilly,
	type RebillyRunOptions,
} from '../harness/rebilly';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());
beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond(() => ({ body: CURRENT_ITEM }));
});

const replace = (fields: IDataObject, extra: IDataObject = {}) =>
	replaceUpdate({ type: 'debit', unitPrice: 1 }, fields, extra);
const ID_RULE = 'may only contain letters, digits and _ - . ~ @';
const UNSAFE = 'must not contain / ? # % \\ or whitespace, got';

/** [rule, parameters, the exact error message]. Every case must be refused with nothing sent. */
const cases: Refusal[] = [
	['type is debit or credit (Replace)', replaceUpdate({ type: 'refund', unitPrice: 1 }), '"Type" must be one of debit, credit; got "refund"'],
	// Found by the property tests: it failed at send time with n8n's "Credentials not found".
	['authentication is one the node offers', replace({}, { authentication: '={{ null }}' }), '"Authentication" must be one of apiKey, jwt; got null'],
	['type is debit or credit (Merge)', mergeUpdate({ type: 'Debit' }), '"Type" must be one of debit, credit; got "Debit"'],
	['type is required in Replace mode', replaceUpdate({ type: '={{ $json.none }}', unitPrice: 1 }), '"Type" is required'],
	['unit price is required in Replace mode', replaceUpdate({ type: 'debit', unitPrice: '={{ $json.none }}' }), '"Unit Price" is required'],
	['unit price is a number', mergeUpdate({ unitPrice: 'ten' }), '"Unit Price" must be a finite number, got "ten"'],
	['unit price is finite', replaceUpdate({ type: 'debit', unitPrice: 'Infinity' }), '"Unit Price" must be a finite number, got "Infinity"'],
	['unit price is not NaN', mergeUpdate({ unitPrice: '={{ 0 / 0 }}' }), '"Unit Price" must be a finite number, got NaN'],
	['unit price is not a comma decimal', mergeUpdate({ unitPrice: '1,5' }), '"Unit Price" must be a finite number, got "1,5"'],
	['quantity is an integer', mergeUpdate({ quantity: 2.5 }), '"Quantity" must be a whole number, got 2.5'],
	['quantity is a number', replace({ quantity: 'three' }), '"Quantity" must be a whole number, got "three"'],
	['quantity is exact', mergeUpdate({ quantity: 2 ** 60 }), '"Quantity" is too large to be sent exactly'],
	['period number is an integer', mergeUpdate({ periodNumber: '1.5' }), '"Period Number" must be a whole number, got "1.5"'],
	['description ≤ 1000 characters', mergeUpdate({ description: 'x'.repeat(1001) }), '"Description" is 1001 characters long; at most 1000 are allowed'],
	['a set description is not blank', mergeUpdate({ description: '   ' }), '"Description" is empty; give it a value or remove it'],
	['product id ≤ 50 characters', replace({ productId: 'p'.repeat(51) }), '"Product ID" is 51 characters long; at most 50 are allowed'],
	['period start is a date', mergeUpdate({ periodStartTime: 'next monday' }), '"Period Start Time" must be an ISO 8601 date-time (2026-01-31T12:00:00Z) or unix seconds, got "next monday"'],
	['period end is a real date', replace({ periodEndTime: '2026-02-30T00:00:00Z' }), '"Period End Time" is not a real calendar date-time: "2026-02-30T00:00:00Z"'],
	['period dates are not milliseconds', mergeUpdate({ periodStartTime: 1767225600000 }), '"Period Start Time" looks like milliseconds (1767225600000); give unix seconds or an ISO 8601 date'],
	['period end not before start (Replace)', replace({ periodStartTime: '2026-02-01T00:00:00Z', periodEndTime: '2026-01-31T23:59:59Z' }), '"Period End Time" must not be before "Period Start Time"'],
	['product id set and cleared', mergeUpdate({ productId: 'prod-1' }, { clearFields: { productId: true } }), '"Product ID" is both set and cleared; choose one'],
	['period number set and cleared', replace({ periodNumber: 2 }, { clearFields: { periodNumber: true } }), '"Period Number" is both set and cleared; choose one'],
	// An id goes into the path: it must stay one segment that Rebilly accepts.
	['invoice id required', mergeUpdate({ quantity: 1 }, { invoiceId: '={{ $json.none }}' }), '"Invoice ID" is required'],
	['invoice id without slash', mergeUpdate({ quantity: 1 }, { invoiceId: 'in-1/items' }), `"Invoice ID" ${UNSAFE} "in-1/items"`],
	['invoice id is not a dot segment', getItem({ invoiceId: '..' }), `"Invoice ID" ${UNSAFE} ".."`],
	['item id without query', getItem({ itemId: 'ii-1?expand=plan' }), `"Item ID" ${UNSAFE} "ii-1?expand=plan"`],
	['item id without fragment', mergeUpdate({ quantity: 1 }, { itemId: 'ii-1#x' }), `"Item ID" ${UNSAFE} "ii-1#x"`],
	['item id without percent escapes', replace({}, { itemId: 'ii-%2F' }), `"Item ID" ${UNSAFE} "ii-%2F"`],
	['item id without whitespace', getItem({ itemId: 'ii 1' }), `"Item ID" ${UNSAFE} "ii 1"`],
	['invoice id ≤ 50 characters', getMany({ invoiceId: 'i'.repeat(51) }), '"Invoice ID" is 51 characters long; at most 50 are allowed'],
	['item id ≤ 50 characters', getItem({ itemId: 'i'.repeat(51) }), '"Item ID" is 51 characters long; at most 50 are allowed'],
	['invoice id in Rebilly’s alphabet', getMany({ invoiceId: 'in:1' }), `"Invoice ID" ${ID_RULE}`],
	['item id in Rebilly’s alphabet (no non-ASCII)', getItem({ itemId: 'ii-ü' }), `"Item ID" ${ID_RULE}`],
	['item id in Rebilly’s alphabet (no comma)', mergeUpdate({ quantity: 1 }, { itemId: 'ii-1,ii-2' }), `"Item ID" ${ID_RULE}`],
];

describe('Rebilly bad input is refused before any request, naming the item and the field', () => {
	refusedBeforeAnyRequest(cases, (parameters) => runRebilly(recorder.url, parameters), () => recorder.requests);

	test('the ids in the path are Rebilly’s own characters, @ percent-encoded', async () => {
		await runRebilly(recorder.url, getItem({ invoiceId: 'in_A-1.b~c', itemId: '@ii_9' }));
		expect(recorder.requests.map((request) => request.path)).toEqual([
			'/organizations/org-1/invoices/in_A-1.b~c/items/%40ii_9',
		]);
	});
});

describe('Rebilly credentials that cannot work are refused before anything is sent', () => {
	const refused: Array<[string, RebillyRunOptions, string]> = [
		['a publishable key', { credentials: { apiKey: 'pk_sandbox_PublishableKeyValue123' } }, 'publishable key (pk_…)'],
		['an empty key', { credentials: { apiKey: '  ' } }, 'has no secret API key'],
		['a sandbox key on live', { credentials: { apiKey: TEST_API_KEY, environment: 'live' } }, 'holds a sandbox key but is set to the live environment'],
		['a live key on sandbox', { credentials: { apiKey: 'sk_live_LiveKeyValue1234567890', environment: 'sandbox' } }, 'holds a live key but is set to the sandbox environment'],
		['a token that is not a JWT', { auth: 'jwt', credentials: { token: 'not-a-jwt' } }, 'needs a JSON Web Token'],
		['a token with "Bearer "', { auth: 'jwt', credentials: { token: `Bearer ${TEST_JWT}` } }, 'enter the token alone'],
		['a custom environment without URL', { credentials: { baseUrl: '' } }, 'has no Base URL'],
		['an organization ID with a slash', { credentials: { organizationId: 'org-1/../other' } }, 'organization ID may only contain'],
		['an organization ID with a query', { auth: 'jwt', credentials: { organizationId: 'org-1?x=1' } }, 'organization ID may only contain'],
		['an organization ID that is too long', { credentials: { organizationId: 'o'.repeat(51) } }, 'organization ID is 51 characters long'],
	];

	test.each(refused)('%s', async (_case, options, words) => {
		const result = await runRebilly(recorder.url, mergeUpdate({ quantity: 1 }), options);
		expect(result.error?.message).toContain(words);
		expect(recorder.requests).toHaveLength(0);
		for (const secret of [TEST_API_KEY, TEST_JWT, 'pk_sandbox_PublishableKeyValue123', 'sk_live_LiveKeyValue1234567890']) {
			expect(everything(result)).not.toContain(secret);
		}
	});

	test('with a custom URL, a key of either environment is accepted', async () => {
		await runRebilly(recorder.url, getItem(), { credentials: { apiKey: 'sk_live_LiveKeyValue1234567890' } });
		expect(recorder.requests).toHaveLength(1);
		expect(recorder.requests[0].headers['reb-apikey']).toBe('sk_live_LiveKeyValue1234567890');
	});

	// Secrets are kept out of errors by their stored value: a padded one is refused, not trimmed and echoed.
	test.each<[string, RebillyRunOptions]>([
		['key', { credentials: { apiKey: ` ${TEST_API_KEY}\n` } }],
		['token', { auth: 'jwt', credentials: { token: `\t${TEST_JWT} ` } }],
	])('a %s pasted with surrounding space is refused, nothing sent', async (_case, options) => {
		recorder.respond(() => ({ status: 401, body: { detail: `bad ${TEST_API_KEY} ${TEST_JWT}` } }));
		const result = await runRebilly(recorder.url, getItem(), options);
		expect(result.error?.message).toContain('has spaces or line breaks around it');
		expect(recorder.requests).toHaveLength(0);
		expect(everything(result)).not.toContain(TEST_API_KEY);
		expect(everything(result)).not.toContain(TEST_JWT);
	});
});
