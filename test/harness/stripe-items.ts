/**
 * A Stripe account's invoice items as `POST /v1/invoiceitems` (create) sees them, without HTTP: the
 * bench's mock server (bench/server.ts) answers the node's creates with it.
 *
 * - Every create's form body is decoded as Stripe decodes it and checked against the official
 *   schema (test/contract/stripe-form.ts); a body that fails is answered 400 and creates nothing.
 * - A create makes a new object with an id of its own (`ii_created_<n>`) and is counted per marker:
 *   the body's `description` (the workflows that count creates give every input item its own).
 * - Like Stripe, a repeated `Idempotency-Key` with the same parameters gets the first answer back,
 *   with the header `Idempotent-Replayed: true`, and creates nothing; with other parameters it is
 *   refused (400, `idempotency_error`). A refused body's key is not remembered (Stripe does not
 *   keep keys of requests that failed validation).
 */
import { INVOICE_ITEM_CREATE, checkFormBody } from '../contract/stripe-form';

export interface ItemsRequest {
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface ItemsReply {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

export type InvoiceItem = Record<string, unknown> & { id: string };

export interface InvoiceItems {
	/** Answers one `POST /v1/invoiceitems`. */
	create(request: ItemsRequest): ItemsReply;
	/** Marker (the body's description) → how many objects were created with it. */
	created: Map<string, number>;
	/** Every object created, in order. */
	objects: InvoiceItem[];
	/** Creates answered from the idempotency store. */
	replays: number;
	/** Same key, other parameters: refused. */
	keyConflicts: number;
	/** Schema errors of refused bodies. */
	badBodies: string[];
}

const error = (status: number, type: string, message: string): ItemsReply => ({
	status,
	headers: {},
	body: { error: { type, message } },
});

/** The parameters of a decoded body, in a form that does not depend on the order they were sent in. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonical(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export function invoiceItems(): InvoiceItems {
	const created = new Map<string, number>();
	const objects: InvoiceItem[] = [];
	const badBodies: string[] = [];
	const remembered = new Map<string, { parameters: string; reply: ItemsReply; requestId: string }>();
	let requests = 0;
	const model: InvoiceItems = { create, created, objects, replays: 0, keyConflicts: 0, badBodies };

	function create(request: ItemsRequest): ItemsReply {
		const requestId = `req_items${++requests}`;
		const { decoded, errors } = checkFormBody(INVOICE_ITEM_CREATE, request.body);
		if (errors.length) {
			badBodies.push(...errors);
			return error(400, 'invalid_request_error', `Invalid body: ${errors.join('; ')}`);
		}
		const key = request.headers['idempotency-key'] as string | undefined;
		const parameters = canonical(decoded);
		const earlier = key === undefined ? undefined : remembered.get(key);
		if (earlier) {
			if (earlier.parameters !== parameters) {
				model.keyConflicts++;
				return error(
					400,
					'idempotency_error',
					`Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
				);
			}
			model.replays++;
			return {
				...earlier.reply,
				headers: { ...earlier.reply.headers, 'Idempotent-Replayed': 'true', 'Original-Request': earlier.requestId },
			};
		}
		const object: InvoiceItem = {
			...decoded,
			id: `ii_created_${objects.length}`,
			object: 'invoiceitem',
			livemode: false,
			...(decoded.amount !== undefined ? { amount: Number(decoded.amount) } : {}),
			quantity: decoded.quantity !== undefined ? Number(decoded.quantity) : 1,
			invoice: decoded.invoice ?? null,
		};
		objects.push(object);
		const marker = String(decoded.description ?? '');
		created.set(marker, (created.get(marker) ?? 0) + 1);
		const reply: ItemsReply = { status: 200, headers: { 'Request-Id': requestId }, body: object };
		if (key !== undefined) remembered.set(key, { parameters, reply, requestId });
		return reply;
	}

	return model;
}
