/**
 * A Stripe account's draft invoices and their lines, as Stripe's line calls see them, without HTTP:
 * the workflow tests answer through a recorder with it, the bench through its mock server.
 *
 * - Every write's form body is decoded as Stripe decodes it and checked against the official
 *   schema (test/contract/stripe-form.ts); a body that fails is answered 400 and applies nothing.
 * - A bulk call is all or nothing: a line it names that the invoice does not have refuses the whole call.
 * - Applications are counted per line. A repeated Idempotency-Key with the same body gets the first
 *   answer back and applies nothing; with another body it is refused, as Stripe does.
 * - An invoice's answer holds only its first `pageOfLines` lines (`lines.has_more`), as Stripe's does.
 */
import {
	ADD_LINES,
	LINE_ITEM_UPDATE,
	REMOVE_LINES,
	UPDATE_LINES,
	checkFormBody,
	type LifecycleOperation,
	type Operation,
} from '../contract/stripe-form';

export interface LinesRequest {
	method: string;
	path: string;
	query: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface LinesReply {
	status: number;
	body: unknown;
}

type Line = Record<string, unknown> & { id: string };

export interface DraftInvoices {
	handle(request: LinesRequest): LinesReply;
	/** Line id → how often a write was applied to it. */
	applied: Map<string, number>;
	/** "METHOD template" → calls answered (replays included). */
	calls: Map<string, number>;
	/** Schema errors of refused bodies. */
	badBodies: string[];
	replays: number;
	linesOf(invoice: string): Line[];
}

const INVOICE_LINES = /^\/v1\/invoices\/([^/]+)\/lines$/;
const ONE_LINE = /^\/v1\/invoices\/([^/]+)\/lines\/([^/]+)$/;
const BULK = /^\/v1\/invoices\/([^/]+)\/(update_lines|add_lines|remove_lines)$/;
const BULK_OPERATIONS: Record<string, LifecycleOperation> = {
	update_lines: UPDATE_LINES,
	add_lines: ADD_LINES,
	remove_lines: REMOVE_LINES,
};

const stripeError = (status: number, message: string, param?: string): LinesReply => ({
	status,
	body: { error: { type: 'invalid_request_error', code: status === 404 ? 'resource_missing' : undefined, message, param } },
});

/** A line's fields as a write sets them (form values are text; the numbers Stripe keeps as numbers). */
function applyTo(line: Line, fields: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'id') continue;
		line[key] = key === 'quantity' || key === 'amount' ? Number(value) : value;
	}
}

/**
 * `count` input items, each naming one line of `draftInvoices(invoiceCount, …)`: item n a line of
 * invoice in_{n mod invoiceCount}, every line once (with linesPerInvoice = count / invoiceCount).
 */
export const lineUpdateItems = (count: number, invoiceCount: number) =>
	Array.from({ length: count }, (_, n) => ({ invoice: `in_${n % invoiceCount}`, line: `il_${n % invoiceCount}_${Math.floor(n / invoiceCount)}` }));

/** The node's ids taken from each of those items. */
export const LINE_IDS_FROM_ITEM = { invoice: '={{ $json.invoice }}', line_item_id: '={{ $json.line }}' };

export function draftInvoices(invoiceCount: number, linesPerInvoice: number, pageOfLines = 10): DraftInvoices {
	const invoices = new Map<string, Line[]>();
	for (let i = 0; i < invoiceCount; i++) {
		const id = `in_${i}`;
		invoices.set(
			id,
			Array.from({ length: linesPerInvoice }, (_, n) => ({ id: `il_${i}_${n}`, object: 'line_item', invoice: id, quantity: 1 })),
		);
	}
	const applied = new Map<string, number>();
	const calls = new Map<string, number>();
	const badBodies: string[] = [];
	const remembered = new Map<string, { body: string; reply: LinesReply }>();
	let added = 0;
	const model: DraftInvoices = { handle, applied, calls, badBodies, replays: 0, linesOf: (invoice) => invoices.get(invoice) ?? [] };
	const count = (id: string) => applied.set(id, (applied.get(id) ?? 0) + 1);

	const invoiceAnswer = (id: string, lines: Line[]) => ({
		id,
		object: 'invoice',
		status: 'draft',
		lines: {
			object: 'list',
			data: lines.slice(0, pageOfLines),
			has_more: lines.length > pageOfLines,
			total_count: lines.length,
			url: `/v1/invoices/${id}/lines`,
		},
	});

	function checked(operation: Operation | LifecycleOperation, body: string): Record<string, unknown> | LinesReply {
		const { decoded, errors } = checkFormBody(operation, body);
		if (!errors.length) return decoded;
		badBodies.push(...errors);
		return stripeError(400, `Invalid body: ${errors.join('; ')}`);
	}

	function bulk(invoice: string, kind: string, body: string): LinesReply {
		const lines = invoices.get(invoice);
		if (!lines) return stripeError(404, `No such invoice: '${invoice}'`, 'invoice');
		const decoded = checked(BULK_OPERATIONS[kind], body);
		if ('status' in decoded) return decoded as LinesReply;
		const entries = decoded.lines as Array<Record<string, unknown>>;
		if (kind !== 'add_lines') {
			const unknown = entries.findIndex((entry) => !lines.some((line) => line.id === entry.id));
			if (unknown !== -1)
				return stripeError(400, `No such line item on this invoice: '${String(entries[unknown].id)}'`, `lines[${unknown}][id]`);
		}
		for (const entry of entries) {
			if (kind === 'add_lines') {
				const line: Line = { id: `il_${invoice}_added_${added++}`, object: 'line_item', invoice };
				applyTo(line, entry);
				lines.push(line);
				count(line.id);
			} else if (kind === 'remove_lines') {
				lines.splice(
					lines.findIndex((line) => line.id === entry.id),
					1,
				);
				count(String(entry.id));
			} else {
				applyTo(lines.find((line) => line.id === entry.id)!, entry);
				count(String(entry.id));
			}
		}
		return { status: 200, body: invoiceAnswer(invoice, lines) };
	}

	function oneLine(invoice: string, lineId: string, body: string): LinesReply {
		const line = invoices.get(invoice)?.find((candidate) => candidate.id === lineId);
		if (!line) return stripeError(404, `No such invoice line item: '${lineId}'`, 'line_item_id');
		const decoded = checked(LINE_ITEM_UPDATE, body);
		if ('status' in decoded) return decoded as LinesReply;
		applyTo(line, decoded);
		count(line.id);
		return { status: 200, body: line };
	}

	function list(invoice: string, query: string): LinesReply {
		const lines = invoices.get(invoice);
		if (!lines) return stripeError(404, `No such invoice: '${invoice}'`, 'invoice');
		const parameters = new URLSearchParams(query);
		const limit = Math.min(Number(parameters.get('limit') ?? 10), 100);
		const after = parameters.get('starting_after');
		const start = after ? lines.findIndex((line) => line.id === after) + 1 : 0;
		const data = lines.slice(start, start + limit);
		return { status: 200, body: { object: 'list', data, has_more: start + limit < lines.length, url: `/v1/invoices/${invoice}/lines` } };
	}

	function write(request: LinesRequest): LinesReply {
		const bulkCall = BULK.exec(request.path);
		if (bulkCall) return bulk(decodeURIComponent(bulkCall[1]), bulkCall[2], request.body);
		const single = ONE_LINE.exec(request.path);
		if (single) return oneLine(decodeURIComponent(single[1]), decodeURIComponent(single[2]), request.body);
		return stripeError(404, `Unrecognized request URL (POST: ${request.path})`);
	}

	function handle(request: LinesRequest): LinesReply {
		const template = request.path.replace(/\/(in|il)_[^/]+/g, '/{$1}');
		calls.set(`${request.method} ${template}`, (calls.get(`${request.method} ${template}`) ?? 0) + 1);
		if (request.method === 'GET') {
			const listed = INVOICE_LINES.exec(request.path);
			return listed
				? list(decodeURIComponent(listed[1]), request.query)
				: stripeError(404, `Unrecognized request URL (GET: ${request.path})`);
		}
		const key = request.headers['idempotency-key'] as string | undefined;
		const earlier = key === undefined ? undefined : remembered.get(key);
		if (earlier) {
			if (earlier.body !== request.body)
				return stripeError(400, 'Keys for idempotent requests can only be used with the same parameters they were first used with.');
			model.replays++;
			return earlier.reply;
		}
		const reply = write(request);
		if (key !== undefined) remembered.set(key, { body: request.body, reply });
		return reply;
	}

	return model;
}
