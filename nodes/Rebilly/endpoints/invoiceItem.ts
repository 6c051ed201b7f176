import type { Endpoint, Field, PathId } from '../../shared/descriptor';
import { REBILLY_ID, REBILLY_ID_MAX_LENGTH } from '../environment';
import { REBILLY_PAGING, allInvoices, draftInvoices, invoiceUrl, itemUrl, itemsOf, products } from '../lists';

/** Rebilly's ids go into the path; its own id rule keeps every id to one path segment. */
const idRule = {
	maxLength: REBILLY_ID_MAX_LENGTH,
	pattern: { regex: REBILLY_ID, message: 'may only contain letters, digits and _ - . ~ @' },
};

const invoiceId: PathId = {
	name: 'invoiceId',
	label: 'Invoice ID',
	placeholder: 'in_0YVF9605RKC62BP14NE2R7V2XT',
	description: 'The invoice the item belongs to; the list shows draft invoices',
	...idRule,
	list: draftInvoices,
	url: invoiceUrl,
};

/** Reads work on any invoice: their picker lists all of them. */
const anyInvoiceId: PathId = { ...invoiceId, description: 'The invoice the item belongs to', list: allInvoices };

const itemId: PathId = {
	name: 'itemId',
	label: 'Item ID',
	placeholder: 'ii_0YVFDEQS2KCFTBN9HXWJFY55GV',
	description: 'The invoice item (starts with ii_); the list shows the items of the invoice above',
	...idRule,
	list: itemsOf(invoiceId),
	url: itemUrl,
};

/** The writable fields of Rebilly's InvoiceItem, in the order of its schema. */
const fields: Field[] = [
	{
		name: 'type',
		label: 'Type',
		type: 'options',
		required: true,
		options: [
			{ name: 'Debit', value: 'debit', description: 'A charge the customer pays' },
			{ name: 'Credit', value: 'credit', description: 'An amount taken off the invoice' },
		],
		description: 'Whether the item charges the customer or credits them',
	},
	{
		name: 'description',
		label: 'Description',
		type: 'string',
		maxLength: 1000,
		placeholder: 'Seats, January',
		description: 'Text shown for the item on the invoice',
	},
	{
		name: 'unitPrice',
		label: 'Unit Price',
		type: 'number',
		required: true,
		placeholder: '19.99',
		hint: 'In the invoice currency, not cents: 19.99, not 1999',
		description: 'Price of one unit in the invoice currency (not in cents); Rebilly multiplies it by the quantity',
	},
	{
		name: 'quantity',
		label: 'Quantity',
		type: 'integer',
		description: 'Number of units, a whole number',
	},
	{
		name: 'productId',
		label: 'Product ID',
		type: 'string',
		maxLength: 50,
		clear: 'Product ID',
		from: products,
		description: 'The product this item bills for',
	},
	{
		name: 'periodStartTime',
		label: 'Period Start Time',
		type: 'timestamp',
		wire: 'isoDateTime',
		clear: 'Period Start Time',
		description: 'When the billed service period begins. A time without an offset is read in the workflow’s time zone.',
	},
	{
		name: 'periodEndTime',
		label: 'Period End Time',
		type: 'timestamp',
		wire: 'isoDateTime',
		clear: 'Period End Time',
		description: 'When the billed service period ends; not before its start',
	},
	{
		name: 'periodNumber',
		label: 'Period Number',
		type: 'integer',
		clear: 'Period Number',
		description: 'The billing period of the subscription this item applies to, e.g. 3 for the third',
	},
];

/** GET /invoices/{id}/items/{itemId} — GetInvoiceItem */
export const getInvoiceItem: Endpoint = {
	operation: 'get',
	name: 'Get',
	action: 'get invoice item',
	description: 'Read one item of an invoice by its ID',
	method: 'GET',
	path: '/invoices/{invoiceId}/items/{itemId}',
	pathIds: [anyInvoiceId, itemId],
};

/** PUT /invoices/{id}/items/{itemId} — PutInvoiceItem; the body replaces the whole item. */
export const updateInvoiceItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update invoice item',
	description: 'Change one item of an invoice',
	toolNote: 'Only items of a draft invoice can change',
	method: 'PUT',
	path: '/invoices/{invoiceId}/items/{itemId}',
	pathIds: [invoiceId, itemId],
	body: {
		fields,
		rules: [{ notBefore: { later: 'periodEndTime', earlier: 'periodStartTime' } }],
		replaces: { read: getInvoiceItem },
	},
};

/** GET /invoices/{id}/items — GetInvoiceItemCollection; the body is the list, paged by limit/offset. */
export const getManyInvoiceItems: Endpoint = {
	operation: 'getAll',
	name: 'Get Many',
	action: 'get many invoice items',
	description: 'List the items of an invoice',
	method: 'GET',
	path: '/invoices/{invoiceId}/items',
	pathIds: [anyInvoiceId],
	query: [
		{
			name: 'expand',
			label: 'Expand',
			type: 'string',
			placeholder: 'product,plan',
			description: 'Related objects to include under _embedded, comma-separated (product, plan)',
		},
	],
	paging: REBILLY_PAGING,
};

/** POST /invoices/{id}/items — PostInvoiceItem; Rebilly answers 201 with the new item. */
export const createInvoiceItem: Endpoint = {
	operation: 'create',
	name: 'Create',
	action: 'create invoice item',
	description: 'Add an item to a draft invoice',
	method: 'POST',
	path: '/invoices/{invoiceId}/items',
	pathIds: [invoiceId],
	body: {
		fields,
		rules: [{ notBefore: { later: 'periodEndTime', earlier: 'periodStartTime' } }],
		creates: true,
	},
	makesObject: true,
	createdIn: { list: getManyInvoiceItems },
};

/** DELETE /invoices/{id}/items/{itemId} — DeleteInvoiceItem; Rebilly answers 204 without a body. */
export const deleteInvoiceItem: Endpoint = {
	operation: 'delete',
	name: 'Delete',
	action: 'delete invoice item',
	description: 'Remove an item from a draft invoice',
	method: 'DELETE',
	path: '/invoices/{invoiceId}/items/{itemId}',
	pathIds: [invoiceId, itemId],
	answersEmpty: { deleted: true },
	notFound: 'The invoice item is already gone (or never was on this invoice): Rebilly found no such item, so nothing was deleted.',
};
