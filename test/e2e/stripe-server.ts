/**
 * A small stateful Stripe for the e2e runs, on 127.0.0.1: it answers the calls the Stripe Invoicing
 * node and its editor pickers make (updates, reads, the credential test, and the lifecycle calls:
 * create and delete an invoice item, add_lines and remove_lines on draft invoices, which start without
 * lines here; update_lines on the lines the line updates see) with objects shaped like Stripe's, and checks every request against Stripe's official
 * contract on the way in:
 *
 * - update bodies are decoded with qs the way Stripe reads them and validated with ajv against the
 *   request schemas cut from Stripe's OpenAPI document (test/contract/stripe-form.ts), path ids
 *   against the path parameter schemas;
 * - reads may carry only the query parameters Stripe documents for them (`limit` 1–100,
 *   `starting_after`, `ending_before`, `expand[n]`);
 * - every request must carry the credential's key as a Bearer token and a `Stripe-Version`.
 *
 * Whatever breaks the contract is kept in the request's `errors`; the tests require none.
 */
import * as qs from 'qs';

import {
	ADD_LINES,
	INVOICE_ITEM_CREATE,
	INVOICE_ITEM_DELETE,
	INVOICE_ITEM_UPDATE,
	LINE_ITEM_UPDATE,
	REMOVE_LINES,
	UPDATE_LINES,
	checkFormBody,
	checkPath,
	decodeForm,
	type LifecycleOperation,
	type Operation,
} from '../contract/stripe-form';
import { startRecorder, type RecordedRequest, type Reply } from '../harness/recorder';

export interface StripeRequest extends RecordedRequest {
	/** The operation the request was routed to, e.g. `GET /v1/invoices/{invoice}/lines`. */
	operation?: string;
	/** A form body as Stripe decodes it. */
	form?: Record<string, unknown>;
	/** Everything about the request that breaks Stripe's contract; empty when it conforms. */
	errors: string[];
}

export interface StripeServer {
	url: string;
	requests: StripeRequest[];
	close(): Promise<void>;
}

/** How many lines every invoice of this fake has: more than one page of 100. */
export const LINES_PER_INVOICE = 120;

type StripeObject = Record<string, unknown>;

const CREATED = 1767225600; // 2026-01-01T00:00:00Z

const at = (isoDay: string) => Math.floor(Date.parse(`${isoDay}T09:30:00Z`) / 1000);

/**
 * The draft invoices `GET /v1/invoices` lists, for the editor's pickers (and the README's pictures of
 * them): customers and lines a reader recognises. Other invoice ids have LINES_PER_INVOICE lines.
 */
export const DRAFT_INVOICES = [
	{
		id: 'in_1QsAcme0Draft2026Nov',
		customer: 'cus_QsAcmeGmbH0001',
		customer_name: 'Acme GmbH',
		customer_email: 'billing@acme.example',
		currency: 'eur',
		created: at('2026-11-20'),
		lines: [
			['Consulting, November 2026', 8, 12500],
			['Workshop: billing automation', 1, 25000],
		],
	},
	{
		id: 'in_1QsGlobex0Draft2026Nov',
		customer: 'cus_QsGlobexCorp0002',
		customer_name: 'Globex Corporation',
		customer_email: 'ap@globex.example',
		currency: 'usd',
		created: at('2026-11-18'),
		lines: [
			['Platform subscription (Pro, 25 seats)', 25, 4900],
			['Priority support', 1, 99000],
			['Data migration', 12, 19762.5],
		],
	},
	{
		id: 'in_1QsInitech0Draft2026Nov',
		customer: 'cus_QsInitechLtd0003',
		customer_name: 'Initech Ltd',
		customer_email: 'finance@initech.example',
		currency: 'gbp',
		created: at('2026-11-12'),
		lines: [
			['TPS report review', 4, 15000],
			['Travel expenses', 1, 26000],
		],
	},
	{
		id: 'in_1QsUmbrella0Draft2026Nov',
		customer: 'cus_QsUmbrellaKK0004',
		customer_name: 'Umbrella K.K.',
		customer_email: 'keiri@umbrella.example',
		currency: 'jpy',
		created: at('2026-11-05'),
		lines: [['Translation, 38 pages', 38, 4000]],
	},
] as const;

type DraftInvoice = (typeof DRAFT_INVOICES)[number];

function draftLines(invoice: DraftInvoice): StripeObject[] {
	return invoice.lines.map(([description, quantity, unitAmount], index) => ({
		...newLine(invoice.id, index),
		amount: Math.round(quantity * unitAmount),
		currency: invoice.currency,
		description,
		period: { start: invoice.created, end: invoice.created + 30 * 86400 },
		pricing: { price_details: null, type: 'price_details', unit_amount_decimal: String(unitAmount) },
		quantity,
	}));
}

function draftInvoice(invoice: DraftInvoice, lines: StripeObject[]): StripeObject {
	const total = lines.reduce((sum, line) => sum + (line.amount as number), 0);
	const { lines: _descriptions, ...fields } = invoice;
	return {
		...fields,
		object: 'invoice',
		number: null, // a draft has no number yet
		status: 'draft',
		subtotal: total,
		total,
		amount_due: total,
		livemode: false,
		lines: { object: 'list', data: lines.slice(0, 10), has_more: lines.length > 10, url: `/v1/invoices/${invoice.id}/lines` },
	};
}

export const lineId = (invoice: string, index: number) => `il_${invoice.slice(3, 17)}${String(index).padStart(4, '0')}`;

function newInvoiceItem(id: string): StripeObject {
	return {
		id,
		object: 'invoiceitem',
		amount: 120000,
		currency: 'usd',
		customer: 'cus_PbD4sQ2eZvKYlo',
		date: CREATED,
		description: 'Consulting',
		discountable: true,
		discounts: [],
		invoice: null,
		livemode: false,
		metadata: {},
		parent: null,
		period: { start: CREATED, end: CREATED },
		pricing: { price_details: null, type: 'price_details', unit_amount_decimal: '15000' },
		proration: false,
		quantity: 8,
		tax_rates: [],
		test_clock: null,
	};
}

function newLine(invoice: string, index: number): StripeObject {
	return {
		id: lineId(invoice, index),
		object: 'line_item',
		amount: 2500 * (index + 1),
		currency: 'usd',
		description: `Line ${index + 1}`,
		discount_amounts: [],
		discountable: true,
		discounts: [],
		invoice,
		livemode: false,
		metadata: {},
		parent: null,
		period: { start: CREATED, end: CREATED + 30 * 86400 },
		pricing: null,
		quantity: 1,
		taxes: [],
	};
}

const stripeError = (status: number, message: string, type = 'invalid_request_error'): Reply => ({
	status,
	headers: { 'Request-Id': 'req_e2eFake' },
	body: { error: { type, message } },
});

/** Lays the decoded update over the stored object, as far as these tests need (and Stripe does). */
function applyUpdate(target: StripeObject, form: Record<string, unknown>) {
	for (const [key, value] of Object.entries(form)) {
		if (key === 'metadata') {
			if (value === '') target.metadata = {};
			else {
				const metadata = { ...(target.metadata as Record<string, string>) };
				for (const [metaKey, metaValue] of Object.entries(value as Record<string, string>)) {
					if (metaValue === '') delete metadata[metaKey];
					else metadata[metaKey] = metaValue;
				}
				target.metadata = metadata;
			}
		} else if (key === 'quantity' || key === 'amount') {
			target[key] = Number(value);
		} else if (key === 'discountable') {
			target[key] = value === 'true';
		} else if (key === 'period') {
			const period = value as Record<string, string>;
			target.period = { start: Number(period.start), end: Number(period.end) };
		} else if (key === 'tax_rates' || key === 'discounts') {
			target[key] = value === '' ? [] : value;
		} else if (key === 'description') {
			target[key] = value;
		}
	}
}

/** Query parameters Stripe documents for each read, and what each may hold. */
function checkQuery(query: string, allowed: string[]): { parsed: Record<string, unknown>; errors: string[] } {
	const parsed = qs.parse(query, { depth: 5 }) as Record<string, unknown>;
	const errors: string[] = [];
	for (const key of Object.keys(parsed)) {
		if (!allowed.includes(key)) errors.push(`query parameter ${key} is not one Stripe documents here`);
	}
	if ('limit' in parsed) {
		const limit = Number(parsed.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) errors.push(`limit=${String(parsed.limit)} is outside 1–100`);
	}
	if ('expand' in parsed) {
		const expand = parsed.expand;
		if (!Array.isArray(expand) || expand.some((entry) => typeof entry !== 'string')) {
			errors.push('expand must be a list written expand[0]=…');
		} else if (query.split('&').some((pair) => /^expand(%5B%5D|\[\])=/i.test(pair))) {
			errors.push('expand entries without an index (stripe-node writes expand[0])');
		}
	}
	for (const cursor of ['starting_after', 'ending_before']) {
		if (cursor in parsed && (typeof parsed[cursor] !== 'string' || !/^il_\w+$/.test(parsed[cursor] as string))) {
			errors.push(`${cursor} must be a line item id`);
		}
	}
	return { parsed, errors };
}

const ROUTES: Array<{ method: string; pattern: RegExp; operation: string }> = [
	{ method: 'POST', pattern: /^\/v1\/invoiceitems$/, operation: INVOICE_ITEM_CREATE },
	{ method: 'DELETE', pattern: /^\/v1\/invoiceitems\/[^/]+$/, operation: INVOICE_ITEM_DELETE },
	{ method: 'POST', pattern: /^\/v1\/invoices\/[^/]+\/add_lines$/, operation: ADD_LINES },
	{ method: 'POST', pattern: /^\/v1\/invoices\/[^/]+\/remove_lines$/, operation: REMOVE_LINES },
	{ method: 'POST', pattern: /^\/v1\/invoices\/[^/]+\/update_lines$/, operation: UPDATE_LINES },
	{ method: 'POST', pattern: /^\/v1\/invoiceitems\/[^/]+$/, operation: INVOICE_ITEM_UPDATE },
	{ method: 'GET', pattern: /^\/v1\/invoiceitems\/[^/]+$/, operation: 'GET /v1/invoiceitems/{invoiceitem}' },
	// The credential test's request.
	{ method: 'GET', pattern: /^\/v1\/invoiceitems$/, operation: 'GET /v1/invoiceitems' },
	{ method: 'POST', pattern: /^\/v1\/invoices\/[^/]+\/lines\/[^/]+$/, operation: LINE_ITEM_UPDATE },
	{ method: 'GET', pattern: /^\/v1\/invoices\/[^/]+\/lines$/, operation: 'GET /v1/invoices/{invoice}/lines' },
	{ method: 'GET', pattern: /^\/v1\/invoices$/, operation: 'GET /v1/invoices' },
];

/** What the lifecycle calls (create, delete, add_lines, remove_lines) work on. */
interface Lifecycle {
	invoiceItems: Map<string, StripeObject>;
	/** Draft invoices the line calls change: they start without lines. */
	drafts: Map<string, StripeObject[]>;
	created: number;
}

/** An invoice as add_lines, remove_lines and update_lines answer: its lines as Stripe embeds them (the first 10). */
const lineCallAnswer = (id: string, lines: StripeObject[]): StripeObject => ({
	id,
	object: 'invoice',
	status: 'draft',
	currency: 'usd',
	livemode: false,
	lines: { object: 'list', data: lines.slice(0, 10), has_more: lines.length > 10, url: `/v1/invoices/${id}/lines` },
	total: lines.reduce((sum, line) => sum + Number(line.amount), 0),
});

/** Answers the create, delete and line calls, their bodies already checked. */
function lifecycleAnswer(state: Lifecycle, operation: LifecycleOperation, ids: Record<string, string>, form: Record<string, unknown>): Reply {
	if (operation === INVOICE_ITEM_CREATE) {
		const id = `ii_e2eCreated${String(++state.created).padStart(4, '0')}`;
		const item: StripeObject = { ...newInvoiceItem(id), amount: 0, quantity: 1, customer: form.customer ?? null, invoice: form.invoice ?? null };
		if (form.currency) item.currency = form.currency;
		applyUpdate(item, form);
		state.invoiceItems.set(id, item);
		return { headers: { 'Request-Id': 'req_e2eFake' }, body: item };
	}
	if (operation === INVOICE_ITEM_DELETE) {
		if (!state.invoiceItems.delete(ids.invoiceitem)) {
			return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such invoiceitem: '${ids.invoiceitem}'` } } };
		}
		return { body: { id: ids.invoiceitem, object: 'invoiceitem', deleted: true } };
	}
	const lines = state.drafts.get(ids.invoice) ?? [];
	state.drafts.set(ids.invoice, lines);
	const [line] = form.lines as Array<Record<string, unknown>>;
	if (operation === ADD_LINES) {
		const added = { ...newLine(ids.invoice, lines.length), id: `il_e2eAdded${String(++state.created).padStart(4, '0')}`, amount: 0 };
		const price = line.price_data as Record<string, string> | undefined;
		if (price?.unit_amount) added.amount = Number(price.unit_amount) * Number(line.quantity ?? 1);
		applyUpdate(added, line);
		lines.push(added);
	} else {
		const at = lines.findIndex((candidate) => candidate.id === line.id);
		if (at < 0) return { status: 404, body: { error: { type: 'invalid_request_error', message: `No such line: '${String(line.id)}'` } } };
		lines.splice(at, 1);
	}
	return { headers: { 'Request-Id': 'req_e2eFake' }, body: lineCallAnswer(ids.invoice, lines) };
}

export async function startStripe(secretKey: string): Promise<StripeServer> {
	const lifecycle: Lifecycle = { invoiceItems: new Map(), drafts: new Map(), created: 0 };
	const invoiceItems = lifecycle.invoiceItems;
	const invoices = new Map<string, StripeObject[]>();
	const linesOf = (invoice: string) => {
		let lines = invoices.get(invoice);
		if (!lines) {
			const draft = DRAFT_INVOICES.find((candidate) => candidate.id === invoice);
			lines = draft ? draftLines(draft) : Array.from({ length: LINES_PER_INVOICE }, (_, index) => newLine(invoice, index));
			invoices.set(invoice, lines);
		}
		return lines;
	};
	// Any line id the examples name is a line of its (fake) invoice.
	const lineOf = (invoice: string, id: string) => {
		const lines = linesOf(invoice);
		let line = lines.find((candidate) => candidate.id === id);
		if (!line) {
			line = { ...newLine(invoice, lines.length), id };
			lines.push(line);
		}
		return line;
	};

	const requests: StripeRequest[] = [];
	const recorder = await startRecorder((incoming) => {
		const request: StripeRequest = { ...incoming, errors: [] };
		requests.push(request);
		const errors = request.errors;

		if (request.headers.authorization !== `Bearer ${secretKey}`) {
			errors.push('Authorization is not "Bearer <the credential\'s key>"');
			return stripeError(401, 'Invalid API Key provided', 'authentication_error');
		}
		if (!request.headers['stripe-version']) errors.push('no Stripe-Version header');

		const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.pattern.test(request.path));
		if (!route) {
			errors.push(`${request.method} ${request.path} is not an operation of the Stripe Invoicing node`);
			return stripeError(404, `Unrecognized request URL (${request.method}: ${request.path})`);
		}
		request.operation = route.operation;

		if (request.method === 'DELETE') {
			if (request.body !== '') errors.push('a DELETE carries a body');
			return lifecycleAnswer(lifecycle, INVOICE_ITEM_DELETE, checkPath(INVOICE_ITEM_DELETE, request.path), {});
		}

		if (request.method === 'POST') {
			const operation = route.operation as Operation | LifecycleOperation;
			if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
				errors.push(`content-type ${String(request.headers['content-type'])} is not a form`);
			}
			if (request.query) errors.push(`an update carries a query string: ${request.query}`);
			let ids: Record<string, string>;
			try {
				ids = checkPath(operation, request.path);
			} catch (error) {
				errors.push((error as Error).message);
				return stripeError(404, 'No such object');
			}
			const check = checkFormBody(operation, request.body);
			errors.push(...check.errors);
			request.form = decodeForm(request.body);
			if (check.errors.length) return stripeError(400, check.errors.join('; '));
			if (operation === UPDATE_LINES) {
				for (const { id, ...changes } of request.form.lines as Array<Record<string, unknown>>) applyUpdate(lineOf(ids.invoice, String(id)), changes);
				return { headers: { 'Request-Id': 'req_e2eFake' }, body: lineCallAnswer(ids.invoice, linesOf(ids.invoice)) };
			}
			if (operation !== INVOICE_ITEM_UPDATE && operation !== LINE_ITEM_UPDATE) {
				return lifecycleAnswer(lifecycle, operation, ids, request.form);
			}
			let target: StripeObject;
			if (operation === INVOICE_ITEM_UPDATE) {
				target = invoiceItems.get(ids.invoiceitem) ?? newInvoiceItem(ids.invoiceitem);
				invoiceItems.set(ids.invoiceitem, target);
			} else {
				target = lineOf(ids.invoice, ids.line_item_id);
			}
			applyUpdate(target, request.form);
			return { headers: { 'Request-Id': 'req_e2eFake' }, body: target };
		}

		if (route.operation === 'GET /v1/invoiceitems/{invoiceitem}') {
			const { errors: queryErrors } = checkQuery(request.query, ['expand']);
			errors.push(...queryErrors);
			const id = decodeURIComponent(request.path.split('/').pop()!);
			if (!/^ii_\w+$/.test(id)) errors.push(`invoice item id ${id} is not an ii_ id`);
			const item = invoiceItems.get(id) ?? newInvoiceItem(id);
			invoiceItems.set(id, item);
			return { body: item };
		}

		if (route.operation === 'GET /v1/invoices') {
			const { parsed, errors: queryErrors } = checkQuery(request.query, ['limit', 'status', 'customer', 'starting_after', 'expand']);
			errors.push(...queryErrors);
			const data = DRAFT_INVOICES.filter(() => !parsed.status || parsed.status === 'draft')
				.filter((invoice) => !parsed.customer || invoice.customer === parsed.customer)
				.map((invoice) => draftInvoice(invoice, linesOf(invoice.id)));
			return { body: { object: 'list', data, has_more: false, url: '/v1/invoices' } };
		}
		if (route.operation === 'GET /v1/invoiceitems') {
			const { parsed, errors: queryErrors } = checkQuery(request.query, ['limit']);
			errors.push(...queryErrors);
			const items = [...invoiceItems.values()].slice(0, Number(parsed.limit ?? 10));
			return { body: { object: 'list', data: items, has_more: invoiceItems.size > items.length, url: '/v1/invoiceitems' } };
		}

		// GET /v1/invoices/{invoice}/lines
		const { parsed, errors: queryErrors } = checkQuery(request.query, ['limit', 'starting_after', 'ending_before', 'expand']);
		errors.push(...queryErrors);
		const invoice = decodeURIComponent(request.path.split('/')[3]);
		if (!/^in_\w+$/.test(invoice)) errors.push(`invoice id ${invoice} is not an in_ id`);
		const lines = linesOf(invoice);
		const limit = Number(parsed.limit ?? 10);
		const after = parsed.starting_after ? lines.findIndex((line) => line.id === parsed.starting_after) + 1 : 0;
		const page = lines.slice(after, after + limit);
		return {
			body: {
				object: 'list',
				data: page,
				has_more: after + limit < lines.length,
				url: `/v1/invoices/${invoice}/lines`,
			},
		};
	});

	return { url: recorder.url, requests, close: () => recorder.close() };
}

