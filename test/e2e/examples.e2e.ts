/**
 * End to end in real n8n, every tested version (oldest supported 1.x, the one the package is built
 * against, the newest), the way users run the package: built, linked as a community package,
 * credentials and workflows imported with n8n's CLI, then one started n8n per version runs every
 * example workflow of examples/ and every bad-input workflow from its Manual Trigger, against Prism
 * (Rebilly, Sequence, Spacebring: the official OpenAPI documents) and a checking Stripe (qs + ajv
 * against Stripe's request schemas), and shows through its REST API what it lists.
 *
 * Run with `npm run test:e2e` (builds if needed, installs each n8n once). Not part of plain `npx jest`.
 * E2E_N8N_VERSIONS=2.41.3,1.123.81 runs only those versions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ContractRequest } from '../harness/prism';
import {
	credentialData,
	MANUAL_TRIGGER,
	MCP_TRIGGER,
	PACKAGE,
	PROVIDERS,
	loadWorkflows,
	REBILLY_BASE_PATH,
	SECRETS,
	SECRET_VALUES,
	SPACEBRING_CREATED_ITEM,
	SPACEBRING_NETWORK,
	setUp,
	type Environment,
	type Provider,
	type WorkflowRun,
} from './environment';
import { REPO_ROOT, nodeOutput, runtime, tail, type OutputItem } from './n8n-cli';
import { MCP_EXAMPLE, mcpTests } from './mcp';
import { lineId } from './stripe-server';

/** Generous: two cold n8n CLI processes (the first creates the database) and one n8n start, on a busy machine. */
const SETUP_TIMEOUT = 12 * 60_000;

const VERSIONS = runtime.e2eVersions();

/** The environment of the version whose tests run now (one describe block per version, one after the other). */
let env: Environment;

// ---------------------------------------------------------------------------------------------
// helpers

const run = (id: string): WorkflowRun => {
	const found = env.runs.get(id);
	if (!found) throw new Error(`workflow ${id} was not run (is it still in examples/?)`);
	return found;
};

/** A run that must have succeeded; otherwise fail with what n8n said. */
const succeeded = (id: string) => {
	const result = run(id);
	if (result.execution?.status !== 'success') {
		throw new Error(
			`${result.workflow.name} did not succeed in n8n ${env.version} (${result.problem ?? `status ${result.execution?.status}`}): ` +
				`${result.execution?.data.resultData.error?.message ?? ''}\n${tail(result.log)}`,
		);
	}
	return result;
};

/** `METHOD url` of every request one provider's server saw during the run. */
const calls = (result: WorkflowRun, provider: Provider) =>
	(result.requests[provider] as Array<{ method: string; url: string }>).map((request) => `${request.method} ${request.url}`);

/**
 * A create's run: first the list of the object it creates in, read once (each page: that list,
 * answered 200), to tell later what the run made. Returns the provider's requests after it.
 */
function afterListing(result: WorkflowRun, provider: 'rebilly' | 'sequence' | 'spacebring', listPath: string): ContractRequest[] {
	const requests = result.requests[provider];
	const first = requests.findIndex((request) => request.method !== 'GET');
	expect(first).toBeGreaterThan(0);
	for (const read of requests.slice(0, first)) expect([read.url.split('?')[0], read.status]).toEqual([listPath, 200]);
	return requests.slice(first);
}

/** Only this provider's server was called. */
const onlyCalled = (result: WorkflowRun, provider: Provider) => {
	for (const other of PROVIDERS.filter((candidate) => candidate !== provider)) expect(calls(result, other)).toEqual([]);
};

const jsonBody = (request: ContractRequest) => JSON.parse(request.body) as Record<string, unknown>;

const query = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);

const outputOf = (result: WorkflowRun, node: string): OutputItem[] => nodeOutput(result.execution!, node);

/** Every output item is paired with input item `index` (or its own position). */
const pairedTo = (items: OutputItem[], index?: number) =>
	items.forEach((item, position) => expect(item.pairedItem).toEqual({ item: index ?? position }));

/** Everything n8n logged while a run ran, and all it stored of the run. */
const shown = (result: WorkflowRun) => result.log + JSON.stringify(result.execution ?? {});

// Prism answers from the official documents' examples: read them where an expectation needs them.
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
const sequenceSpec = JSON.parse(readFileSync(join(FIXTURES, 'sequence.openapi.json'), 'utf8'));
const SEQUENCE_LIST_EXAMPLE = (
	Object.values(sequenceSpec.paths['/invoices/{invoice}/line-items'].get.responses['200'].content['application/json'].examples)[0] as {
		value: { items: Array<Record<string, unknown>>; pagination: { after: string } };
	}
).value;
const SEQUENCE_WRITABLE = [
	'title', 'description', 'quantity', 'rate', 'taxRate', 'servicePeriodStart', 'servicePeriodEnd', 'servicePeriod',
	'groupId', 'priceId', 'rateDisplay', 'externalIds', 'revenueClassification', 'creditGrantId', 'revenueRecognitionMethod',
];
const REBILLY_WRITABLE = ['type', 'description', 'unitPrice', 'quantity', 'productId', 'periodStartTime', 'periodEndTime', 'periodNumber'];
const REBILLY_READ_ONLY = ['id', 'price', 'tax', 'planId', 'subscriptionId', 'createdTime', 'updatedTime', '_links', '_embedded'];
const pick = (object: Record<string, unknown>, keys: string[]) =>
	Object.fromEntries(keys.filter((key) => key in object).map((key) => [key, object[key]]));

// ---------------------------------------------------------------------------------------------
// what each example must do, keyed by workflow id

const STRIPE_LINE_INVOICE = 'in_1QzX8v2eZvKYlo2CwQ4nLm7T';
const STRIPE_LINE = 'il_1QzX8v2eZvKYlo2C3sRt9KpA';
const STRIPE_ITEM = 'ii_1QzY2b2eZvKYlo2CpU6dHs0E';
const STRIPE_LIST_INVOICE = 'in_1QzZ4c2eZvKYlo2CnB5vGx3W';
const STRIPE_BULK_INVOICE = 'in_1QsGlobex0Draft2026Nov';
const STRIPE_BULK_LINES: Array<[string, number]> = [
	[lineId(STRIPE_BULK_INVOICE, 0), 30],
	[lineId(STRIPE_BULK_INVOICE, 2), 14],
];
const REBILLY_INVOICE = 'inv_0YVF4S2FZN8Q3MBT9TKBAQ2RJK';
const SEQUENCE_INVOICE = 'cd11218d-fa00-4faa-8684-a43113d076a8';
const SEQUENCE_LINE = 'af60cab3-812d-4250-a051-0fb7133a00c7';
const SPACEBRING_ITEM = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const SPACEBRING_INVOICE = '907e3bd4-64e4-4e31-b166-29f1053089ac';

const EXAMPLES: Record<string, (result: WorkflowRun) => void> = {
	/** A value from a previous node (a number from a Set node) becomes the form field Stripe expects. */
	stripeLineQty001: (result) => {
		onlyCalled(result, 'stripe');
		expect(calls(result, 'stripe')).toEqual([`POST /v1/invoices/${STRIPE_LINE_INVOICE}/lines/${STRIPE_LINE}`]);
		expect(result.requests.stripe[0].form).toEqual({ quantity: '12', metadata: { seats_synced_by: 'n8n' } });
		const output = outputOf(result, 'Update line item quantity');
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ id: STRIPE_LINE, object: 'line_item', quantity: 12, metadata: { seats_synced_by: 'n8n' } });
		pairedTo(output);
	},

	/**
	 * Two items that change lines of one draft invoice go as one update_lines call (Send in Bulk is on
	 * by default), each entry what its own call would send; each item outputs its own line, paired.
	 */
	stripeLinesBulk001: (result) => {
		onlyCalled(result, 'stripe');
		expect(calls(result, 'stripe')).toEqual([`POST /v1/invoices/${STRIPE_BULK_INVOICE}/update_lines`]);
		expect(result.requests.stripe[0].form).toEqual({
			lines: STRIPE_BULK_LINES.map(([id, quantity]) => ({ id, quantity: String(quantity), metadata: { quantity_synced_by: 'n8n' } })),
		});
		const output = outputOf(result, 'Update line items');
		expect(output.map((item) => item.json)).toEqual(
			STRIPE_BULK_LINES.map(([id, quantity]) =>
				expect.objectContaining({ id, object: 'line_item', quantity, metadata: { quantity_synced_by: 'n8n' } }),
			),
		);
		pairedTo(output);
	},

	/**
	 * Update then Get in one workflow: the period without an offset is read in the workflow's time
	 * zone (Europe/Berlin, from the workflow settings n8n imported), a clear is sent as `tax_rates=`,
	 * and the Get reads the ID the update returned, with `expand[0]`.
	 */
	stripeItemUpd001: (result) => {
		onlyCalled(result, 'stripe');
		expect(calls(result, 'stripe')).toEqual([
			`POST /v1/invoiceitems/${STRIPE_ITEM}`,
			`GET /v1/invoiceitems/${STRIPE_ITEM}?expand[0]=discounts`,
		]);
		expect(result.requests.stripe[0].form).toEqual({
			description: 'Consulting, February (8 h)',
			metadata: { project: 'apollo' },
			// 2026-02-01T00:00:00 and 2026-02-28T23:59:59 in Berlin (UTC+1)
			period: { start: String(Date.UTC(2026, 0, 31, 23) / 1000), end: String(Date.UTC(2026, 1, 28, 22, 59, 59) / 1000) },
			tax_rates: '',
		});
		const read = outputOf(result, 'Get invoice item');
		expect(read).toHaveLength(1);
		expect(read[0].json).toMatchObject({
			id: STRIPE_ITEM,
			object: 'invoiceitem',
			description: 'Consulting, February (8 h)',
			metadata: { project: 'apollo' },
			tax_rates: [],
		});
		pairedTo(read);
	},

	/** Return All follows Stripe's cursor across pages: 120 lines, in order, two requests. */
	stripeLinesAll01: (result) => {
		onlyCalled(result, 'stripe');
		expect(calls(result, 'stripe')).toEqual([
			`GET /v1/invoices/${STRIPE_LIST_INVOICE}/lines?limit=100`,
			`GET /v1/invoices/${STRIPE_LIST_INVOICE}/lines?limit=100&starting_after=${lineId(STRIPE_LIST_INVOICE, 99)}`,
		]);
		const lines = outputOf(result, 'Get all lines');
		expect(lines.map((line) => line.json.id)).toEqual(Array.from({ length: 120 }, (_, index) => lineId(STRIPE_LIST_INVOICE, index)));
		for (const line of lines) expect(line.pairedItem).toEqual({ item: 0 });
	},

	/** Merge: GET the item, PUT every writable field back with only the description changed. */
	rebillyMerge0001: (result) => {
		onlyCalled(result, 'rebilly');
		const item = `${REBILLY_BASE_PATH}/invoices/${REBILLY_INVOICE}/items/item_0YVF4T7AKX2N5PSD1GHC8MWV0E`;
		expect(calls(result, 'rebilly')).toEqual([`GET ${item}`, `PUT ${item}`]);
		for (const request of result.requests.rebilly) {
			expect(request.headers['reb-apikey']).toBe(SECRETS.rebillyKey);
			expect(request.headers.authorization).toBeUndefined();
		}
		const output = outputOf(result, 'Update item description');
		expect(output).toHaveLength(1);
		pairedTo(output);
		// Prism answers the GET and the PUT with the same example item: the current item.
		const current = output[0].json;
		const body = jsonBody(result.requests.rebilly[1]);
		expect(current.description).not.toBe('Seats, February (prorated from the 12th)');
		expect(body).toEqual({ ...pick(current, REBILLY_WRITABLE), description: 'Seats, February (prorated from the 12th)' });
		for (const key of REBILLY_READ_ONLY) expect(body).not.toHaveProperty(key);
	},

	/** Replace with the JWT credential: exactly the given fields, the cleared product as null, no read. */
	rebillyReplace01: (result) => {
		onlyCalled(result, 'rebilly');
		expect(calls(result, 'rebilly')).toEqual([
			`PUT ${REBILLY_BASE_PATH}/invoices/${REBILLY_INVOICE}/items/item_0YVF5B9CJQ6R2WXE4MNP7TZH1D`,
		]);
		const [put] = result.requests.rebilly;
		expect(put.headers.authorization).toBe(`Bearer ${SECRETS.rebillyJwt}`);
		expect(put.headers['reb-apikey']).toBeUndefined();
		expect(jsonBody(put)).toEqual({
			type: 'credit',
			description: 'Goodwill credit for the outage on 3 February',
			unitPrice: 25,
			quantity: 1,
			productId: null,
		});
		expect(outputOf(result, 'Replace item')).toHaveLength(1);
	},

	/** Get Many with a limit and an expand option, then one Get per listed item by `{{ $json.id }}`. */
	rebillyRead00001: (result) => {
		onlyCalled(result, 'rebilly');
		const listed = outputOf(result, 'Get items of invoice');
		expect(listed.length).toBeGreaterThanOrEqual(1);
		expect(listed.length).toBeLessThanOrEqual(10);
		const [list, ...gets] = result.requests.rebilly;
		expect(list.path).toBe(`${REBILLY_BASE_PATH}/invoices/${REBILLY_INVOICE}/items`);
		expect(query(list.url)).toEqual({ limit: '10', expand: 'product' });
		expect(gets.map((request) => request.url)).toEqual(
			listed.map((item) => `${REBILLY_BASE_PATH}/invoices/${REBILLY_INVOICE}/items/${String(item.json.id)}`),
		);
		const read = outputOf(result, 'Get item');
		expect(read.map((item) => item.json.id)).toEqual(listed.map((item) => item.json.id));
		pairedTo(read);
	},

	/** Merge from a sheet row: the line item is found in the list, only the rate changes, sent as text. */
	sequenceRate0001: (result) => {
		onlyCalled(result, 'sequence');
		expect(calls(result, 'sequence')).toEqual([
			`GET /invoices/${SEQUENCE_INVOICE}/line-items?limit=100`,
			`PUT /invoices/${SEQUENCE_INVOICE}/line-items/${SEQUENCE_LINE}`,
		]);
		const current = SEQUENCE_LIST_EXAMPLE.items.find((item) => item.id === SEQUENCE_LINE)!;
		expect(jsonBody(result.requests.sequence[1])).toEqual({ ...pick(current, SEQUENCE_WRITABLE), rate: '21500.00' });
		for (const request of result.requests.sequence) {
			expect(request.headers.authorization).toBe(
				`Basic ${Buffer.from(`${SECRETS.sequenceClientId}:${SECRETS.sequenceSecret}`).toString('base64')}`,
			);
			expect(request.headers['sequence-version']).toBe('2024-07-30');
		}
		const output = outputOf(result, 'Set rate');
		expect(output).toHaveLength(1);
		pairedTo(output);
	},

	/** Replace: the required fields and two optional ones, exactly; nothing read first. */
	sequenceRepl0001: (result) => {
		onlyCalled(result, 'sequence');
		expect(calls(result, 'sequence')).toEqual([`PUT /invoices/${SEQUENCE_INVOICE}/line-items/5b0e6c1e-2f0a-4d7b-9c3e-8a4f1d2e6b70`]);
		expect(jsonBody(result.requests.sequence[0])).toEqual({
			title: 'Platform fee',
			description: 'March 2026',
			quantity: '1',
			rate: '499.00',
			taxRate: '0.2',
			servicePeriod: { startDate: '2026-03-01', endDate: '2026-03-31' },
			// The one Service Period is written in both of the body's shapes.
			servicePeriodStart: '2026-03-01T00:00:00Z',
			servicePeriodEnd: '2026-03-31T00:00:00Z',
			externalIds: [{ key: 'Xero', value: 'XERO-INV-2026-0042' }],
		});
		expect(outputOf(result, 'Replace line item')).toHaveLength(1);
	},

	/**
	 * Return All follows Sequence's `after` cursor (Prism's example hands out the same cursor again,
	 * which ends the read); then each listed line item is found again by its ID.
	 */
	sequenceRead0001: (result) => {
		onlyCalled(result, 'sequence');
		const listed = outputOf(result, 'Get line items');
		expect(listed.length).toBeGreaterThanOrEqual(1);
		const urls = calls(result, 'sequence');
		const list = `GET /invoices/${SEQUENCE_INVOICE}/line-items?sortOrder=ASC&limit=100`;
		expect(urls.slice(0, 2)).toEqual([list, `${list}&after=${SEQUENCE_LIST_EXAMPLE.pagination.after}`]);
		// The Get (find by ID) reads the list once per input item.
		expect(urls.slice(2)).toEqual(listed.map(() => `GET /invoices/${SEQUENCE_INVOICE}/line-items?limit=100`));
		const found = outputOf(result, 'Get line item');
		expect(found.map((item) => item.json.id)).toEqual(listed.map((item) => item.json.id));
		pairedTo(found);
	},

	/** PATCH in the `invoiceItem` envelope with the OAuth2 token and network header, then the read-back. */
	spacebringUpd001: (result) => {
		onlyCalled(result, 'spacebring');
		const item = `/billing/invoices/v1/items/${SPACEBRING_ITEM}`;
		expect(calls(result, 'spacebring')).toEqual([`PATCH ${item}`, `GET ${item}`]);
		for (const request of result.requests.spacebring) {
			expect(request.headers.authorization).toBe(`Bearer ${SECRETS.spacebringAccessToken}`);
			expect(request.headers['spacebring-network-id']).toBe(SPACEBRING_NETWORK);
		}
		const [patch] = result.requests.spacebring;
		expect(patch.status).toBe(204);
		expect(jsonBody(patch)).toEqual({ invoiceItem: { product: { title: 'Meeting room Aurora (3 h)' }, quantity: 3, unitAmount: 45.5 } });
		const output = outputOf(result, 'Update item');
		expect(output).toHaveLength(1);
		expect(output[0].json).toHaveProperty('baseAmounts');
		expect(output[0].json).not.toHaveProperty('invoiceItem');
		pairedTo(output);
	},

	/** Three reads with Basic Auth: filtered Get Many (server-side filters, token paging), one invoice, one item. */
	spacebringRead01: (result) => {
		onlyCalled(result, 'spacebring');
		const basic = `Basic ${Buffer.from(`${SECRETS.spacebringClientId}:${SECRETS.spacebringSecret}`).toString('base64')}`;
		for (const request of result.requests.spacebring) {
			expect(request.headers.authorization).toBe(basic);
			expect(request.headers['spacebring-network-id']).toBeUndefined();
		}
		const filtered = outputOf(result, 'Draft custom items');
		expect(filtered.length).toBeGreaterThanOrEqual(1);
		expect(filtered.length).toBeLessThanOrEqual(20);
		const requests = result.requests.spacebring;
		const pages = requests.filter((request) => request.path === '/billing/invoices/v1/items');
		expect(query(pages[0].url)).toEqual({ type: 'custom', status: 'draft', 'createDate[gte]': '2026-03-01T00:00:00.000Z', limit: '20' });
		// Further pages carry the token of the page before and ask only for what is still missing.
		for (const page of pages.slice(1)) {
			expect(query(page.url)).toMatchObject({ type: 'custom', status: 'draft', nextPageToken: expect.any(String) });
			expect(Number(query(page.url).limit)).toBeLessThan(20);
		}
		expect(calls(result, 'spacebring').slice(pages.length)).toEqual([
			`GET /billing/invoices/v1/${SPACEBRING_INVOICE}/items`,
			`GET /billing/invoices/v1/items/${SPACEBRING_ITEM}`,
		]);
		expect(outputOf(result, 'Items of an invoice').length).toBeGreaterThanOrEqual(1);
		const one = outputOf(result, 'One item');
		expect(one).toHaveLength(1);
		expect(one[0].json).toHaveProperty('baseAmounts');
	},

	/** Create onto a draft invoice, update the created item by its id, delete it: Stripe answers deleted. */
	stripeItemLife01: (result) => {
		onlyCalled(result, 'stripe');
		const created = String(outputOf(result, 'Add charge')[0]?.json.id);
		expect(created).toMatch(/^ii_/);
		expect(calls(result, 'stripe')).toEqual([
			'POST /v1/invoiceitems',
			`POST /v1/invoiceitems/${created}`,
			`DELETE /v1/invoiceitems/${created}`,
		]);
		expect(result.requests.stripe.map((request) => request.form)).toEqual([
			{ customer: 'cus_PbD4sQ2eZvKYlo', invoice: 'in_1QzX8v2eZvKYlo2CdRaFt001', amount: '5000', currency: 'usd', description: 'Onboarding workshop' },
			{ description: 'Onboarding workshop (2 h)' },
			undefined,
		]);
		expect(outputOf(result, 'Fix description')[0].json).toMatchObject({ id: created, description: 'Onboarding workshop (2 h)', amount: 5000 });
		const deleted = outputOf(result, 'Delete charge');
		expect(deleted.map((item) => item.json)).toEqual([{ id: created, object: 'invoiceitem', deleted: true }]);
		pairedTo(deleted);
	},

	/** add_lines with one line (the output is the invoice), update the added line, remove_lines it. */
	stripeLineLife01: (result) => {
		onlyCalled(result, 'stripe');
		const invoice = 'in_1QzX8v2eZvKYlo2CdRaFt002';
		const added = outputOf(result, 'Add line');
		expect(added).toHaveLength(1);
		expect(added[0].json).toMatchObject({ id: invoice, object: 'invoice', status: 'draft' });
		const lines = (added[0].json.lines as { data: Array<{ id: string }> }).data;
		expect(lines).toHaveLength(1);
		const line = lines[0].id;
		expect(calls(result, 'stripe')).toEqual([
			`POST /v1/invoices/${invoice}/add_lines`,
			`POST /v1/invoices/${invoice}/lines/${line}`,
			`POST /v1/invoices/${invoice}/remove_lines`,
		]);
		expect(result.requests.stripe.map((request) => request.form)).toEqual([
			{ lines: [{ description: 'Extra seat', price_data: { currency: 'usd', unit_amount: '2500', product_data: { name: 'Extra seat' } }, quantity: '2' }] },
			{ quantity: '3' },
			{ lines: [{ id: line, behavior: 'delete' }] },
		]);
		const removed = outputOf(result, 'Remove line');
		expect(removed).toHaveLength(1);
		expect(removed[0].json).toMatchObject({ id: invoice, object: 'invoice', lines: { data: [] } });
		pairedTo(removed);
	},

	/** POST (201) with the required fields at the top, Merge update of the created item, DELETE (204). */
	rebillyLife00001: (result) => {
		onlyCalled(result, 'rebilly');
		const items = `${REBILLY_BASE_PATH}/invoices/${REBILLY_INVOICE}/items`;
		const created = String(outputOf(result, 'Add item')[0]?.json.id);
		const sent = afterListing(result, 'rebilly', items);
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([`POST ${items}`, `GET ${items}/${created}`, `PUT ${items}/${created}`, `DELETE ${items}/${created}`]);
		const [post, , put, remove] = sent;
		expect(post.status).toBe(201);
		expect(jsonBody(post)).toEqual({ type: 'debit', description: 'Implementation support', unitPrice: 49.5, quantity: 2 });
		expect(jsonBody(put).description).toBe('Implementation support (March)');
		expect(remove.status).toBe(204);
		expect(remove.body).toBe('');
		const deleted = outputOf(result, 'Delete item');
		expect(deleted.map((item) => item.json)).toEqual([{ invoiceId: REBILLY_INVOICE, itemId: expect.any(String), deleted: true }]);
		pairedTo(deleted);
	},

	/** POST (201) with decimal text and empty External IDs, Merge update by id, DELETE answered with the line. */
	sequenceLife0001: (result) => {
		onlyCalled(result, 'sequence');
		const lines = `/invoices/${SEQUENCE_INVOICE}/line-items`;
		const created = String(outputOf(result, 'Add line item')[0]?.json.id);
		const sent = afterListing(result, 'sequence', lines);
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([`POST ${lines}`, `GET ${lines}?limit=100`, `PUT ${lines}/${created}`, `DELETE ${lines}/${created}`]);
		const [post, , put] = sent;
		expect(post.status).toBe(201);
		expect(jsonBody(post)).toEqual({ title: 'Onboarding', description: 'Two sessions', quantity: '2', rate: '150.00', taxRate: '0.2', externalIds: [] });
		expect(jsonBody(put).rate).toBe('140.00');
		const deleted = outputOf(result, 'Delete line item');
		expect(deleted).toHaveLength(1);
		expect(deleted[0].json.id).toBe(created);
		pairedTo(deleted);
	},

	/** OAuth2 POST in the envelope (201), PATCH of the created item and its read-back, DELETE of the created item (204). */
	spacebringLife01: (result) => {
		onlyCalled(result, 'spacebring');
		const items = '/billing/invoices/v1/items';
		expect(outputOf(result, 'Add item')[0].json.id).toBe(SPACEBRING_CREATED_ITEM);
		expect(outputOf(result, 'Fix quantity')).toHaveLength(1);
		const sent = afterListing(result, 'spacebring', `/billing/invoices/v1/${SPACEBRING_INVOICE}/items`);
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
			`POST ${items}`,
			`PATCH ${items}/${SPACEBRING_CREATED_ITEM}`,
			`GET ${items}/${SPACEBRING_CREATED_ITEM}`,
			`DELETE ${items}/${SPACEBRING_CREATED_ITEM}`,
		]);
		for (const request of result.requests.spacebring) {
			expect(request.headers.authorization).toBe(`Bearer ${SECRETS.spacebringAccessToken}`);
			expect(request.headers['spacebring-network-id']).toBe(SPACEBRING_NETWORK);
		}
		const [post, patch, , remove] = sent;
		expect(post.status).toBe(201);
		expect(jsonBody(post)).toEqual({ invoiceItem: { quantity: 2, unitAmount: 30, product: { title: 'Day pass' }, invoiceRef: SPACEBRING_INVOICE } });
		expect(jsonBody(patch)).toEqual({ invoiceItem: { quantity: 3 } });
		expect(remove.status).toBe(204);
		const deleted = outputOf(result, 'Delete item');
		expect(deleted.map((item) => item.json)).toEqual([{ id: SPACEBRING_CREATED_ITEM, deleted: true }]);
		pairedTo(deleted);
	},
};

/** Bad input per provider: the message n8n shows must name item 0 and the field. */
const BAD_INPUT: Record<string, { provider: Provider; message: RegExp }> = {
	e2eBadStripe0001: { provider: 'stripe', message: /^"Price Data → Currency" .*"us".* \[item 0\]$/s },
	e2eBadRebilly001: { provider: 'rebilly', message: /^"Type" .*"refund".* \[item 0\]$/s },
	e2eBadSequence01: { provider: 'sequence', message: /^"Rate" .*"1,5".* \[item 0\]$/s },
	e2eBadSpacebrng1: { provider: 'spacebring', message: /^"Quantity" must be at least 1.* \[item 0\]$/s },
};

/**
 * Continue On Fail with the error output: the good items are sent and leave by the success output,
 * the bad one leaves by the error output with our message, nothing is sent for it, and every item
 * stays paired with its input item (n8n's core routes the items; it has changed between versions).
 */
const CONTINUE_ON_FAIL: Record<string, (result: WorkflowRun) => void> = {
	e2eContinueOnFl1: (result) => {
		onlyCalled(result, 'stripe');
		const invoice = 'in_1QzX8v2eZvKYlo2CcOfInv01';
		// The two good items change lines of one invoice: one update_lines call (Send in Bulk, the
		// default). The lines are not among the invoice's first 10 that the answer holds, so the node
		// reads them from the invoice's line list.
		const [write, ...reads] = result.requests.stripe;
		expect([`${write.method} ${write.url}`, write.form]).toEqual([
			`POST /v1/invoices/${invoice}/update_lines`,
			{
				lines: [
					{ id: 'il_1QzX8v2eZvKYlo2CcOfLn001', quantity: '4' },
					{ id: 'il_1QzX8v2eZvKYlo2CcOfLn003', quantity: '7' },
				],
			},
		]);
		expect(reads.length).toBeGreaterThan(0);
		for (const read of reads) expect(`${read.method} ${read.path}`).toBe(`GET /v1/invoices/${invoice}/lines`);
		const task = result.execution!.data.resultData.runData['Update quantities'][0];
		const [success, failure] = task.data!.main as OutputItem[][];
		expect(success.map((item) => [item.json.id, item.json.quantity, item.pairedItem])).toEqual([
			['il_1QzX8v2eZvKYlo2CcOfLn001', 4, { item: 0 }],
			['il_1QzX8v2eZvKYlo2CcOfLn003', 7, { item: 2 }],
		]);
		// n8n adds the input item's fields to what the node says, so a later node can retry or report it.
		expect(failure).toEqual([
			{
				json: {
					lineItemId: 'il_1QzX8v2eZvKYlo2CcOfLn002',
					seats: 2.5,
					error: '"Quantity" must be a whole number, got 2.5 [item 1]',
					message: 'Field "quantity" of POST /v1/invoices/{invoice}/lines/{line_item_id}. Nothing was sent for this item.',
				},
				pairedItem: { item: 1 },
			},
		]);
	},
};

const NODE_OF: Record<Provider, string> = {
	stripe: 'stripeInvoicing',
	rebilly: 'rebilly',
	sequence: 'sequenceBilling',
	spacebring: 'spacebring',
};

// ---------------------------------------------------------------------------------------------

const PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

interface NodeProperty {
	name: string;
	default?: unknown;
	options?: Array<{ value: string }>;
	displayOptions?: { show?: Record<string, unknown[]> };
}
interface BuiltNode {
	description: { name: string; properties: NodeProperty[]; credentials?: Array<{ name: string }> };
}
interface BuiltCredential {
	name: string;
}

/**
 * The built classes package.json lists, loaded as n8n loads them: the class named like the file
 * (`dist/nodes/Stripe/StripeInvoicing.node.js` → `StripeInvoicing`).
 */
function built<T>(kind: 'nodes' | 'credentials'): T[] {
	return (PKG.n8n[kind] as string[]).map((rel) => {
		const className = rel.split('/').pop()!.replace(/\.(node|credentials)\.js$/, '');
		const Exported = (require(join(REPO_ROOT, rel)) as Record<string, new () => T>)[className];
		if (typeof Exported !== 'function') throw new Error(`${rel} does not export ${className}`);
		return new Exported();
	});
}

describe('example files (as users import them)', () => {
	const examples = loadWorkflows().filter((entry) => entry.example);
	const ourNodes = (entry: (typeof examples)[number]) => entry.workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE}.`));
	/** A node's type, or the type its Tool variant (…Tool, connected to an AI agent or MCP trigger) is made from. */
	const baseType = (type: string) => type.replace(/Tool$/, '');

	test('at least one example per node', () => {
		expect(examples.length).toBeGreaterThanOrEqual(4);
	});

	test.each(examples.map((entry) => [entry.file.slice(REPO_ROOT.length + 1), entry] as const))(
		'%s: a Manual or MCP Server Trigger, a sticky note, our nodes with credentials by id and name, all connected',
		(_file, { workflow }) => {
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,21}$/);
			expect(workflow.name).toMatch(/^(Stripe|Rebilly|Sequence|Spacebring|MCP): /);
			const triggers = workflow.nodes.filter((node) => node.type === MANUAL_TRIGGER || node.type === MCP_TRIGGER);
			expect(triggers).toHaveLength(1);
			const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect(notes.length).toBeGreaterThanOrEqual(1);
			expect(String(notes[0].parameters.content)).toMatch(/^## .+\n\n.{80,}/s);
			const nodes = ourNodes({ workflow } as (typeof examples)[number]);
			expect(nodes.length).toBeGreaterThanOrEqual(1);
			const types = new Map(built<BuiltNode>('nodes').map((node) => [`${PACKAGE}.${node.description.name}`, node]));
			for (const node of nodes) {
				expect(types.has(baseType(node.type))).toBe(true);
				const references = Object.entries(node.credentials ?? {});
				expect(references).toHaveLength(1);
				const [type, reference] = references[0];
				expect(reference).toEqual({ id: expect.stringMatching(/^\w{1,36}$/), name: expect.any(String) });
				expect(types.get(baseType(node.type))!.description.credentials!.map((credential) => credential.name)).toContain(type);
			}
			// Every node but the notes is reached from the trigger, or serves a reached node as its tool.
			const reached = new Set([triggers[0].name]);
			type Links = Array<Array<{ node: string }>>;
			for (let grown = true; grown; ) {
				grown = false;
				for (const [from, outputs] of Object.entries(workflow.connections as Record<string, { main?: Links; ai_tool?: Links }>)) {
					if (reached.has(from)) {
						for (const target of (outputs.main ?? []).flat()) if (!reached.has(target.node)) grown = reached.add(target.node).size > 0;
					} else if ((outputs.ai_tool ?? []).flat().some((target) => reached.has(target.node))) {
						grown = reached.add(from).size > 0;
					}
				}
			}
			const unreached = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote' && !reached.has(node.name));
			expect(unreached.map((node) => node.name)).toEqual([]);
		},
	);

	test('together they use every operation (and both update modes) of every node, and every credential type', () => {
		const used = new Set<string>();
		const usedCredentials = new Set<string>();
		for (const entry of examples) {
			for (const node of ourNodes(entry)) {
				const builtNode = built<BuiltNode>('nodes').find((candidate) => `${PACKAGE}.${candidate.description.name}` === baseType(node.type))!;
				const defaultOf = (name: string) => builtNode.description.properties.find((property) => property.name === name)?.default;
				const resource = String(node.parameters.resource ?? defaultOf('resource'));
				const operation = String(node.parameters.operation);
				used.add(`${baseType(node.type)} ${resource} ${operation}`);
				const updateMode = builtNode.description.properties.find(
					(property) =>
						property.name === 'updateMode' &&
						property.displayOptions?.show?.resource?.includes(resource) &&
						property.displayOptions?.show?.operation?.includes(operation),
				);
				if (updateMode) used.add(`${baseType(node.type)} ${resource} ${operation} ${String(node.parameters.updateMode ?? updateMode.default)}`);
				for (const type of Object.keys(node.credentials ?? {})) usedCredentials.add(type);
			}
		}
		const offered: string[] = [];
		for (const node of built<BuiltNode>('nodes')) {
			const type = `${PACKAGE}.${node.description.name}`;
			for (const property of node.description.properties) {
				const resources = property.displayOptions?.show?.resource;
				if (property.name === 'operation' && resources) {
					for (const option of property.options ?? []) offered.push(`${type} ${String(resources[0])} ${option.value}`);
				}
				if (property.name === 'updateMode' && resources) {
					const operations = property.displayOptions!.show!.operation!;
					for (const option of property.options ?? []) offered.push(`${type} ${String(resources[0])} ${String(operations[0])} ${option.value}`);
				}
			}
		}
		expect(offered.length).toBeGreaterThanOrEqual(13);
		expect(offered.filter((operation) => !used.has(operation))).toEqual([]);
		const credentialTypes = built<BuiltCredential>('credentials').map((credential) => credential.name);
		expect(credentialTypes.filter((type) => !usedCredentials.has(type))).toEqual([]);
	});
});

describe.each(VERSIONS)('n8n %s', (version) => {
	beforeAll(async () => {
		env = await setUp(version);
		process.stdout.write(
			`[e2e] n8n ${version}: ${env.timings.map(([step, ms]) => `${step}: ${(ms / 1000).toFixed(1)} s`).join(' · ')}\n`,
		);
	}, SETUP_TIMEOUT);
	afterAll(async () => {
		if (!env || env.version !== version) return;
		// Everything n8n logged, start to stop, is free of secrets too.
		const log = env.server.output();
		await env.close();
		for (const secret of SECRET_VALUES) expect(log).not.toContain(secret);
	}, 2 * 60_000);

	describe('example workflows', () => {
		test('every example has its assertions here, and every test workflow too', () => {
			const examples = env.workflows.filter((entry) => entry.example).map((entry) => entry.workflow.id);
			const others = env.workflows.filter((entry) => !entry.example).map((entry) => entry.workflow.id);
			// The MCP example is served, not run: its assertions are mcpTests' (below).
			expect(examples.sort()).toEqual([...Object.keys(EXAMPLES), MCP_EXAMPLE].sort());
			expect(others.sort()).toEqual([...Object.keys(BAD_INPUT), ...Object.keys(CONTINUE_ON_FAIL)].sort());
		});

		test.each(Object.keys(EXAMPLES))('%s runs and does what its sticky note says', (id) => {
			EXAMPLES[id](succeeded(id));
		});
	});

	describe('bad input stops the run before anything is sent', () => {
		test.each(Object.entries(BAD_INPUT))('%s', (id, { provider, message }) => {
			const result = run(id);
			expect(result.problem).toBeUndefined();
			expect(result.execution?.status).toBe('error');
			const error = result.execution!.data.resultData.error!;
			expect(error.message).toMatch(message);
			expect(error.description).toMatch(/Nothing was sent/);
			expect(result.execution!.data.resultData.lastNodeExecuted).toBe('Bad input');
			expect(error.node?.type).toBe(`${PACKAGE}.${NODE_OF[provider]}`);
			for (const each of PROVIDERS) expect(calls(result, each)).toEqual([]);
		});
	});

	describe('Continue On Fail', () => {
		test.each(Object.keys(CONTINUE_ON_FAIL))('%s: good items sent, the bad one on the error output, all paired', (id) => {
			CONTINUE_ON_FAIL[id](succeeded(id));
		});
	});

	describe('contracts and secrets', () => {
		const allRequests = () => [...env.runs.values()].flatMap((result) => PROVIDERS.map((provider) => [provider, result] as const));

		test('every request to Rebilly, Sequence and Spacebring passed Prism with no sl-violations', () => {
			let count = 0;
			for (const [provider, result] of allRequests()) {
				if (provider === 'stripe') continue;
				for (const request of result.requests[provider]) {
					count++;
					expect({ workflow: result.workflow.id, call: `${request.method} ${request.url}`, status: request.status, violations: request.violations }).toEqual({
						workflow: result.workflow.id,
						call: `${request.method} ${request.url}`,
						status: expect.any(Number),
						violations: [],
					});
					expect(request.status).toBeLessThan(300);
				}
			}
			expect(count).toBeGreaterThan(10);
			// Nothing reached a server outside a run.
			expect(env.servers.rebilly.requests.length + env.servers.sequence.requests.length + env.servers.spacebring.requests.length).toBe(count);
		});

		test("every request to Stripe conforms to Stripe's official schemas (qs + ajv)", () => {
			let count = 0;
			for (const [provider, result] of allRequests()) {
				if (provider !== 'stripe') continue;
				for (const request of result.requests.stripe) {
					count++;
					expect({ workflow: result.workflow.id, call: `${request.method} ${request.url}`, errors: request.errors }).toEqual({
						workflow: result.workflow.id,
						call: `${request.method} ${request.url}`,
						errors: [],
					});
				}
			}
			expect(count).toBeGreaterThanOrEqual(5);
			expect(env.servers.stripe.requests.length).toBe(count);
		});

		test('no secret of any credential appears in anything n8n logged or stored of a run', () => {
			for (const result of env.runs.values()) {
				for (const secret of SECRET_VALUES) expect(shown(result)).not.toContain(secret);
			}
		});
	});

	describe("the editor's pickers (n8n's REST API, as the editor calls it)", () => {
		/** What the editor sends when a picker of a Stripe Invoicing node opens, and when it scrolls on. */
		const searchStripe = (methodName: string, parameters: Record<string, unknown>, paginationToken?: string) => {
			const node = env.workflows.flatMap((entry) => entry.workflow.nodes).find((each) => each.type === `${PACKAGE}.stripeInvoicing`)!;
			return env.server.rest<{ results: Array<{ name: string; value: string }>; paginationToken?: unknown }>(
				'POST',
				'/rest/dynamic-node-parameters/resource-locator-results',
				{
					path: 'parameters.line_item_id',
					nodeTypeAndVersion: { name: node.type, version: 1 },
					methodName,
					currentNodeParameters: parameters,
					credentials: node.credentials,
					...(paginationToken === undefined ? {} : { paginationToken }),
				},
			);
		};

		test('the lines of an invoice, page by page with the token the editor passes back, each request within the contract', async () => {
			const invoice = 'in_1QzX8v2eZvKYlo2CpIcKer01';
			const parameters = {
				resource: 'invoiceLineItem',
				operation: 'update',
				invoice: { __rl: true, mode: 'id', value: invoice },
				line_item_id: { __rl: true, mode: 'list', value: '' },
			};
			const before = env.servers.stripe.requests.length;
			const pages = [await searchStripe('searchInvoiceLines', parameters)];
			while (pages.at(-1)!.paginationToken !== undefined && pages.length < 10) {
				const token = pages.at(-1)!.paginationToken;
				expect(typeof token).toBe('string');
				pages.push(await searchStripe('searchInvoiceLines', parameters, token as string));
			}
			expect(pages.map((page) => page.results.length)).toEqual([50, 50, 20]);
			expect(pages.flatMap((page) => page.results.map((result) => result.value))).toEqual(
				Array.from({ length: 120 }, (_, index) => lineId(invoice, index)),
			);
			const requests = env.servers.stripe.requests.slice(before);
			expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
				`GET /v1/invoices/${invoice}/lines?limit=50`,
				`GET /v1/invoices/${invoice}/lines?limit=50&starting_after=${lineId(invoice, 49)}`,
				`GET /v1/invoices/${invoice}/lines?limit=50&starting_after=${lineId(invoice, 99)}`,
			]);
			for (const request of requests) expect(request.errors).toEqual([]);
		});

		test('a picker whose invoice is not chosen yet says so, and sends nothing', async () => {
			const before = env.servers.stripe.requests.length;
			const answer = await searchStripe('searchInvoiceLines', {
				resource: 'invoiceLineItem',
				operation: 'update',
				invoice: { __rl: true, mode: 'list', value: '' },
				line_item_id: { __rl: true, mode: 'list', value: '' },
			}).then(
				() => 'answered',
				(error: Error) => error.message,
			);
			expect(answer).toMatch(/must be chosen first/);
			expect(env.servers.stripe.requests.length).toBe(before);
		});
	});

	describe("credential tests (the credential form's Test, through n8n's REST API)", () => {
		/** Tests the imported credential of this type with its form changed, as the editor's Test does. */
		const testCredential = (type: string, change: Record<string, unknown> = {}) => {
			const reference = env.workflows.flatMap((entry) => entry.workflow.nodes).find((node) => node.credentials?.[type])!.credentials![type];
			return env.server.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', {
				credentials: { ...reference, type, data: { ...credentialData(type, env.servers), ...change } },
			});
		};
		const requestCounts = () => PROVIDERS.map((provider) => env.servers[provider].requests.length);

		test.each([
			['stripeInvoicingApi'],
			['rebillyApi'],
			['rebillyJwtApi'],
			['sequenceApi'],
			['spacebringApi'],
			['spacebringOAuth2Api'],
		])('%s as imported: the test passes', async (type) => {
			expect(await testCredential(type)).toMatchObject({ status: 'OK' });
		});

		test.each<[string, Record<string, unknown>, RegExp]>([
			['stripeInvoicingApi', { secretKey: 'pk_test_51ExamplePublishableKey' }, /publishable key \(pk_…\)\. Use a secret key/],
			['rebillyApi', { apiKey: 'pk_sandbox_ExamplePublishableKey' }, /publishable key \(pk_…\), which cannot change invoices/],
			['rebillyJwtApi', { token: 'Bearer eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl' }, /enter the token alone/],
		])('%s refuses a key the node would refuse, with the node\'s words, and sends nothing', async (type, change, message) => {
			const before = requestCounts();
			const answer = await testCredential(type, change);
			expect(answer).toEqual({ status: 'Error', message: expect.stringMatching(message) });
			expect(requestCounts()).toEqual(before);
		});

		test('spacebringOAuth2Api with a Network ID that is not a UUID: the test fails and says what to check', async () => {
			const answer = await testCredential('spacebringOAuth2Api', { networkId: 'not-a-uuid' });
			// Before 2.41 (seen in 1.123.81 and 2.8.4) n8n applies no response rule to an OAuth2 credential's test: its own words then.
			const [major, minor] = version.split('.').map(Number);
			const message =
				major > 2 || (major === 2 && minor >= 41)
					? expect.stringMatching(/Check that the Network ID is your network's UUID/)
					: 'Bad request - please check your parameters';
			expect(answer).toEqual({ status: 'Error', message });
		});
	});

	describe('what n8n lists (its REST API)', () => {
		let nodes: Array<{ name: string; displayName: string; iconUrl?: unknown; credentials?: Array<{ name: string }> }>;
		let credentialTypes: Array<{ name: string; displayName: string; iconUrl?: unknown }>;

		/** Names our package.json promises, read from the built classes (as n8n reads them). */
		const expectedNames = (kind: 'nodes' | 'credentials') =>
			kind === 'nodes'
				? built<BuiltNode>('nodes').map((node) => `${PACKAGE}.${node.description.name}`)
				: built<BuiltCredential>('credentials').map((credential) => credential.name);

		beforeAll(async () => {
			nodes = await env.server.getJson('/types/nodes.json');
			credentialTypes = await env.server.getJson('/types/credentials.json');
		}, 2 * 60_000);

		const iconServed = async (iconUrl: unknown) => {
			expect(iconUrl).toEqual({ light: expect.stringMatching(/\.svg$/), dark: expect.stringMatching(/\.svg$/) });
			const { light, dark } = iconUrl as { light: string; dark: string };
			expect(light).not.toBe(dark);
			for (const url of [light, dark]) {
				const answer = await env.server.get(`/${url.replace(/^\//, '')}`);
				expect({ url, status: answer.status, type: answer.headers['content-type'] }).toEqual({
					url,
					status: 200,
					type: expect.stringContaining('svg'),
				});
				expect(answer.text).toContain('<svg');
			}
		};

		test('our 4 nodes, named n8n-nodes-invoice-items.<node>, with light and dark icons that n8n serves', async () => {
			const expected = expectedNames('nodes');
			expect(expected).toHaveLength(4);
			for (const name of expected) {
				const node = nodes.find((candidate) => candidate.name === name);
				expect({ name, listed: Boolean(node) }).toEqual({ name, listed: true });
				await iconServed(node!.iconUrl);
			}
		});

		test('each node also as an AI tool (…Tool), with the same credentials', () => {
			for (const name of expectedNames('nodes')) {
				const node = nodes.find((candidate) => candidate.name === name)!;
				const tool = nodes.find((candidate) => candidate.name === `${name}Tool`);
				expect({ name: `${name}Tool`, listed: Boolean(tool) }).toEqual({ name: `${name}Tool`, listed: true });
				expect(tool!.credentials?.map((credential) => credential.name)).toEqual(node.credentials?.map((credential) => credential.name));
			}
			// Nothing of ours beyond the nodes and their tools.
			expect(nodes.filter((node) => node.name.startsWith(`${PACKAGE}.`))).toHaveLength(expectedNames('nodes').length * 2);
		});

		test('every credential type of package.json, with icons, and every credential our nodes ask for', async () => {
			const expected = expectedNames('credentials');
			expect(expected.length).toBe(PKG.n8n.credentials.length);
			for (const name of expected) {
				const type = credentialTypes.find((candidate) => candidate.name === name);
				expect({ name, listed: Boolean(type) }).toEqual({ name, listed: true });
				await iconServed(type!.iconUrl);
			}
			const asked = nodes.filter((node) => node.name.startsWith(`${PACKAGE}.`)).flatMap((node) => node.credentials ?? []);
			for (const { name } of asked) expect(expected).toContain(name);
		});

		test('the imported credentials and workflows are there, without their secrets', async () => {
			const credentials = await env.server.get('/rest/credentials');
			expect(credentials.status).toBe(200);
			const listed = (JSON.parse(credentials.text) as { data: Array<{ id: string; type: string }> }).data;
			const referenced = new Set(
				env.workflows.flatMap((entry) => entry.workflow.nodes.flatMap((node) => Object.values(node.credentials ?? {}).map((reference) => reference.id))),
			);
			expect(listed.map((credential) => credential.id).sort()).toEqual([...referenced].sort());
			for (const secret of SECRET_VALUES) expect(credentials.text).not.toContain(secret);

			const workflows = await env.server.get('/rest/workflows');
			expect(workflows.status).toBe(200);
			const ids = (JSON.parse(workflows.text) as { data: Array<{ id: string }> }).data.map((workflow) => workflow.id);
			expect(ids.sort()).toEqual(env.workflows.map((entry) => entry.workflow.id).sort());
		});
	});

	describe('the nodes as AI tools: the MCP example published, called with the official MCP client', () => mcpTests(() => env));
});
