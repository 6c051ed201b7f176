import type { Endpoint } from '../../shared/descriptor';
import { anyInvoiceId, invoiceId, lineItemFields, lineItemId } from '../fields';
import { SEQUENCE_PAGING } from '../lists';

/** GET /invoices/{invoice}/line-items — Sequence's cursor: `pagination.after` → `?after=`. */
export const getManyInvoiceLineItems: Endpoint = {
	operation: 'getAll',
	name: 'Get Many',
	action: 'get many line items',
	description: 'List the line items of an invoice',
	method: 'GET',
	path: '/invoices/{invoice}/line-items',
	pathIds: [anyInvoiceId],
	query: [
		{
			name: 'sortOrder',
			label: 'Sort Order',
			type: 'options',
			section: 'options',
			options: [
				{ name: 'Ascending', value: 'ASC' },
				{ name: 'Descending', value: 'DESC' },
			],
			description: 'Order of the line items; Sequence lists newest first when not set',
		},
	],
	paging: SEQUENCE_PAGING,
};

/**
 * Sequence has no GET of a single line item: the line item is looked up by its ID among the
 * invoice's line items. The path names both IDs so both are checked before anything is sent.
 */
export const getInvoiceLineItem: Endpoint = {
	operation: 'get',
	name: 'Get',
	action: 'get line item',
	description: 'Find one line item of an invoice by its ID',
	method: 'GET',
	path: '/invoices/{invoice}/line-items/{id}',
	pathIds: [anyInvoiceId, lineItemId],
	findIn: { list: getManyInvoiceLineItems, pathId: 'id' },
};

/** PUT /invoices/{invoice}/line-items/{id} — replaces the whole line item. */
export const updateInvoiceLineItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update line item',
	toolNote: 'Only line items of a draft invoice can change',
	description: 'Change a line item of an invoice',
	method: 'PUT',
	path: '/invoices/{invoice}/line-items/{id}',
	pathIds: [invoiceId, lineItemId],
	body: {
		fields: lineItemFields,
		// Sequence's schema has no nulls: a cleared field is left out of the replacing PUT.
		replaces: { read: getManyInvoiceLineItems, findById: 'id', clearBy: 'omit' },
	},
};

/** POST /invoices/{invoice}/line-items — the same body as the update; Sequence answers 201 with the line. */
export const createInvoiceLineItem: Endpoint = {
	operation: 'create',
	name: 'Create',
	action: 'create line item',
	description: 'Add a line item to a draft invoice',
	method: 'POST',
	path: '/invoices/{invoice}/line-items',
	pathIds: [invoiceId],
	body: { fields: lineItemFields, creates: true },
	makesObject: true,
	createdIn: { list: getManyInvoiceLineItems },
};

/** DELETE /invoices/{invoice}/line-items/{id} — Sequence answers 200 with the deleted line item. */
export const deleteInvoiceLineItem: Endpoint = {
	operation: 'delete',
	name: 'Delete',
	action: 'delete line item',
	description: 'Remove a line item from a draft invoice',
	method: 'DELETE',
	path: '/invoices/{invoice}/line-items/{id}',
	pathIds: [invoiceId, lineItemId],
	notFound: 'The line item is already gone (or never was on this invoice): Sequence found no such line item, so nothing was deleted.',
};
