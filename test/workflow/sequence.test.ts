/**
 * What only Sequence's line items do: the line item found in the invoice's list by its cursor, the
 * service period asked once and sent in two shapes, External IDs, its credential and its errors. What
 * every update of the whole object does in Merge and Replace mode is asserted once for all in
 * test/conformance/modes.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEQUENCE_API_VERSION, SequenceApi } from '../../credentials/SequenceApi.credentials';
import { startRecorder, type Recorder } from '../harness/recorder';
import {
	BASIC,
	INVOICE,
	cursorAt,
	invoiceServer,
	others,
	LINE,
	REQUIRED,
	everything,
	externalIds,
	getOne,
	lineItem,
	merge,
	replace,
	runSequence,
	servicePeriod,
} from '../harness/sequence';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder();
});
afterAll(() => recorder.close());

const LIST_PATH = `/invoices/${INVOICE}/line-items`;
const PUT_PATH = `/invoices/${INVOICE}/line-items/${LINE}`;

beforeEach(() => {
	recorder.requests.length = 0;
	recorder.respond(invoiceServer([lineItem(LINE)]));
});

describe('Update in Merge mode (the default)', () => {
	test('Basic authentication is base64 of "clientId:clientSecret", as Sequence documents it (UTF-8), with the pinned version, on the read and the write', async () => {
		await runSequence(recorder.url, merge({ quantity: 3 }));
		expect(recorder.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
		for (const request of recorder.requests) {
			expect(request.headers.authorization).toBe(BASIC);
			expect(request.headers['sequence-version']).toBe('2024-07-30');
		}

		recorder.requests.length = 0;
		await runSequence(recorder.url, merge({ title: 'x' }), { credentials: { clientId: 'key', clientSecret: 'secret' } });
		expect(recorder.requests[0].headers.authorization).toBe('Basic a2V5OnNlY3JldA==');

		recorder.requests.length = 0;
		await runSequence(recorder.url, merge({ title: 'x' }), { credentials: { clientId: 'kéy', clientSecret: 'sécret:1' } });
		const sent = Buffer.from(String(recorder.requests[0].headers.authorization).replace('Basic ', ''), 'base64').toString('utf8');
		expect(sent).toBe('kéy:sécret:1');
	});

	test('follows Sequence’s cursor to find the line item on a later page, and stops reading there', async () => {
		recorder.respond(invoiceServer([...others(150), lineItem(LINE), ...others(150, 'after')]));
		const run = await runSequence(recorder.url, merge({ title: 'Renamed' }));

		expect(run.error).toBeUndefined();
		expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
			`GET ${LIST_PATH}?limit=100`,
			`GET ${LIST_PATH}?limit=100&after=${encodeURIComponent(cursorAt(100))}`,
			`PUT ${PUT_PATH}`,
		]);
		expect(JSON.parse(recorder.requests[2].body).title).toBe('Renamed');
	});

	test('a line item that is not on the invoice: every page is read, nothing is written, a 404-style error', async () => {
		recorder.respond(invoiceServer(others(120)));
		const run = await runSequence(recorder.url, merge({ title: 'Renamed' }));

		expect(recorder.requests.map((request) => request.method)).toEqual(['GET', 'GET']);
		expect(run.error?.message).toBe(`Sequence has no such item: "${LINE}"`);
		expect(run.error?.description).toBe(`Every page of GET /invoices/${INVOICE}/line-items was read; no entry has this ID.`);
		expect(run.error?.httpCode).toBe('404');
	});

	test('a cursor on the last page ends at the first empty page', async () => {
		recorder.respond(invoiceServer(others(100), { cursorOnLastPage: true }));
		const run = await runSequence(recorder.url, merge({ title: 'Renamed' }));
		expect(recorder.requests.map((request) => request.url)).toEqual([
			`${LIST_PATH}?limit=100`,
			`${LIST_PATH}?limit=100&after=${encodeURIComponent(cursorAt(100))}`,
		]);
		expect(run.error?.httpCode).toBe('404');
	});

	test('the service period is asked for once, as dates, and sent in both of the body\'s shapes', async () => {
		const run = await runSequence(recorder.url, merge({ servicePeriod: servicePeriod('2022-11-01', '2022-11-30') }));
		expect(run.error).toBeUndefined();
		expect(JSON.parse(recorder.requests[1].body)).toMatchObject({
			servicePeriod: { startDate: '2022-11-01', endDate: '2022-11-30' },
			servicePeriodStart: '2022-11-01T00:00:00Z',
			servicePeriodEnd: '2022-11-30T00:00:00Z',
		});

		recorder.requests.length = 0;
		const backwards = await runSequence(recorder.url, merge({ servicePeriod: servicePeriod('2026-02-01', '2026-01-31') }));
		expect(backwards.error?.message).toBe('"Service Period → End Date" must not be before "Start Date" [item 0]');
		expect(backwards.error?.description).toContain('Nothing was sent for this item');
		expect(recorder.requests).toEqual([]);
	});

	test('a change that leaves the service period alone keeps both of its shapes as they are', async () => {
		await runSequence(recorder.url, merge({ title: 'Renamed' }));
		expect(JSON.parse(recorder.requests[1].body)).toMatchObject({
			servicePeriod: { startDate: '2022-10-20', endDate: '2022-10-24' },
			servicePeriodStart: '2022-10-20T00:00:00Z',
			servicePeriodEnd: '2022-10-24T00:00:00Z',
		});
	});

	test('clearing the service period clears both of its shapes', async () => {
		const run = await runSequence(recorder.url, merge({}, { clearFields: { servicePeriod: true } }));
		expect(run.error).toBeUndefined();
		const body = JSON.parse(recorder.requests[1].body) as IDataObject;
		expect(Object.keys(body)).not.toContain('servicePeriod');
		expect(Object.keys(body)).not.toContain('servicePeriodStart');
		expect(Object.keys(body)).not.toContain('servicePeriodEnd');
		expect(body.title).toBe('Ferraris');
	});

	test('External IDs replace the whole list; the service period dates replace both dates', async () => {
		await runSequence(
			recorder.url,
			merge({
				externalIds: externalIds(['HubSpot', 'hs-1'], ['QuickBooks_Online', '77']),
				servicePeriod: servicePeriod('2024-02-01', '2024-02-29'),
			}),
		);
		expect(JSON.parse(recorder.requests[1].body)).toMatchObject({
			externalIds: [
				{ key: 'HubSpot', value: 'hs-1' },
				{ key: 'QuickBooks_Online', value: '77' },
			],
			servicePeriod: { startDate: '2024-02-01', endDate: '2024-02-29' },
		});
	});

	test('the service period dates do not move with the workflow’s time zone', async () => {
		await runSequence(recorder.url, merge({ servicePeriod: servicePeriod('2026-01-01', '2026-07-01') }), { timezone: 'Pacific/Kiritimati' });
		expect(JSON.parse(recorder.requests[1].body)).toMatchObject({
			servicePeriod: { startDate: '2026-01-01', endDate: '2026-07-01' },
			servicePeriodStart: '2026-01-01T00:00:00Z',
			servicePeriodEnd: '2026-07-01T00:00:00Z',
		});
	});
});

describe('clearing and empty lists', () => {
	test('Replace mode can send a line item without external IDs (an empty list)', async () => {
		const run = await runSequence(recorder.url, replace({ ...REQUIRED, externalIds: {} }));
		expect(run.error).toBeUndefined();
		expect(JSON.parse(recorder.requests[0].body).externalIds).toEqual([]);
	});
});

describe('Get', () => {
	test('Get finds the line item by its ID among the invoice’s line items', async () => {
		recorder.respond(invoiceServer([...others(100), lineItem(LINE), ...others(10, 'after')]));
		const run = await runSequence(recorder.url, getOne(LINE));
		expect(run.error).toBeUndefined();
		expect(run.output).toEqual([{ json: lineItem(LINE), pairedItem: { item: 0 } }]);
		expect(recorder.requests).toHaveLength(2);
		expect(recorder.requests.every((request) => request.method === 'GET' && request.path === LIST_PATH)).toBe(true);
	});

	test('Get of an ID that is not on the invoice says so, with HTTP 404', async () => {
		const run = await runSequence(recorder.url, getOne('nope-1'));
		expect(run.error?.message).toBe('Sequence has no such item: "nope-1"');
		expect(run.error?.description).toBe(`Every page of GET /invoices/${INVOICE}/line-items was read; no entry has this ID.`);
		expect(run.error?.httpCode).toBe('404');
	});

	test('Get checks both IDs before anything is sent', async () => {
		const run = await runSequence(recorder.url, getOne('li 1'));
		expect(run.error?.message).toBe('"Line Item ID" must not contain / ? # % \\ or whitespace, got "li 1" [item 0]');
		expect(recorder.requests).toHaveLength(0);
	});
});

describe('Credential: regions, base URL, API version', () => {
	test('the credential test reads one invoice (at the node\'s base URL: test/unit/base-url.test.ts)', () => {
		const { request } = new SequenceApi().test;
		expect(request.url).toBe('/invoices');
		expect(request.qs).toEqual({ limit: 1 });
	});

	test('the credential’s authenticate adds Basic auth and the pinned version, keeping other headers', async () => {
		const options = await new SequenceApi().authenticate(
			{ clientId: 'key', clientSecret: 'secret', apiVersion: '' },
			{ url: '/invoices', headers: { Accept: 'application/json' } },
		);
		expect(options.headers).toEqual({
			Accept: 'application/json',
			Authorization: 'Basic a2V5OnNlY3JldA==',
			'Sequence-Version': SEQUENCE_API_VERSION,
		});
	});

	test('a custom base URL may end with a slash; an overridden API version is sent as given', async () => {
		await runSequence(`${recorder.url}/`, replace(REQUIRED), { credentials: { apiVersion: '2025-01-01' } });
		expect(recorder.requests[0].path).toBe(PUT_PATH);
		expect(recorder.requests[0].headers['sequence-version']).toBe('2025-01-01');
	});

	test.each([
		[{ clientSecret: '' }, 'The Sequence credential needs both a client ID and a client secret'],
		[{ clientId: '  ' }, 'The Sequence credential needs both a client ID and a client secret'],
		[{ baseUrl: '' }, 'The Sequence credential is set to a custom base URL but none is given: enter one or choose a region'],
		[{ region: 'us' }, 'The Sequence credential\'s region "us" is unknown: choose Sandbox, EU (Production) or Custom Base URL'],
	])('an unusable credential %j is refused before anything is sent', async (credentials, message) => {
		const run = await runSequence(recorder.url, replace(REQUIRED), { credentials });
		expect(run.error?.message).toBe(message);
		expect(recorder.requests).toHaveLength(0);
	});

	test('a base URL that is not http(s) is refused before anything is sent', async () => {
		const run = await runSequence('ftp://127.0.0.1/api', replace(REQUIRED));
		expect(run.error?.message).toBe("The Sequence credential's base URL is not an http(s) URL");
		expect(recorder.requests).toHaveLength(0);
	});
});

describe('Sequence’s errors in plain words', () => {
	const failWith = (status: number, body: unknown, contentType = 'application/json') =>
		recorder.respond(() => ({ status, headers: { 'Content-Type': contentType }, body }));

	test('400 UnrecognisedApiVersion names the credential setting and the version to use', async () => {
		failWith(400, {
			error: {
				type: 'UnrecognisedApiVersion',
				message: 'No matching API version found. Please make sure the specified API version is valid.',
			},
		});
		const run = await runSequence(recorder.url, replace(REQUIRED), { credentials: { apiVersion: '2017-01-01' } });
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.message).toBe(
			'Sequence does not recognise the API version sent in the Sequence-Version header. Set "API Version" in the Sequence credential to 2024-07-30, the version this node is built for.',
		);
		expect(run.error?.description).toBe(
			'Type: UnrecognisedApiVersion · Sequence says: No matching API version found. Please make sure the specified API version is valid.',
		);
	});

	test('the same version error as text (no JSON content type) is still recognised', async () => {
		failWith(400, '{"error":{"type":"UnrecognisedApiVersion","message":"No matching API version found."}}', 'text/plain');
		const run = await runSequence(recorder.url, replace(REQUIRED));
		expect(run.error?.message).toMatch(/^Sequence does not recognise the API version/);
	});

	test('another 400 keeps Sequence’s own message', async () => {
		failWith(400, { error: { type: 'ValidationError', message: 'Invoice is not in DRAFT status' } });
		const run = await runSequence(recorder.url, replace(REQUIRED));
		expect(run.error?.message).toBe('Sequence refused the request: Invoice is not in DRAFT status');
		expect(run.error?.description).toBe('Type: ValidationError · Sequence says: Invoice is not in DRAFT status');
	});

	test('a 400 without a body', async () => {
		failWith(400, '', 'text/plain');
		const run = await runSequence(recorder.url, replace(REQUIRED));
		expect(run.error?.message).toBe('Sequence refused the request as invalid');
	});

	test.each([
		[401, { error: { type: 'Unauthorized', message: 'Invalid credentials' } }, 'application/json', /^Sequence did not accept the client ID and secret/],
		[401, 'Unauthorized', 'text/plain', /^Sequence did not accept the client ID and secret/],
		[404, { message: 'Line item not found' }, 'application/json', /^Sequence found no such invoice or line item/],
		[404, '', 'text/plain', /^Sequence found no such invoice or line item/],
		[429, { error: { message: 'Too many requests' } }, 'application/json', /^Sequence is rate limiting this API client/],
		[500, 'Internal Server Error', 'text/plain', /^Sequence had a problem on its side \(HTTP 500\)/],
		[502, '<html><body>Bad gateway</body></html>', 'text/html', /^Sequence had a problem on its side \(HTTP 502\)/],
		[503, { error: { type: 'ServiceUnavailable', message: 'Down for maintenance' } }, 'application/json', /^Sequence had a problem on its side \(HTTP 503\)/],
	])('HTTP %i (%j) gets plain words and keeps Sequence’s text', async (status, body, contentType, message) => {
		failWith(status, body, contentType);
		const run = await runSequence(recorder.url, replace(REQUIRED));
		expect(run.error?.name).toBe('NodeApiError');
		expect(run.error?.httpCode).toBe(String(status));
		expect(run.error?.message).toMatch(message);
		const own = typeof body === 'string' ? body : JSON.stringify(body).match(/"message":"([^"]+)"/)?.[1];
		if (own && !own.startsWith('<')) expect(run.error?.description).toContain(own);
		if (typeof body === 'string' && body.startsWith('<')) expect(everything(run)).not.toContain('<html>');
	});
});
