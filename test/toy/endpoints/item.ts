import type { Endpoint, ListSource, Paging, PathId } from '../../../nodes/shared/descriptor';

/** Toy lists answer `{ data, next }`; `next` is the token of the following page. */
const PAGING: Paging = { itemsField: 'data', limitParam: 'limit', maxPageSize: 100, next: { type: 'token', tokenField: 'next', tokenParam: 'page' } };
const ID = String.raw`([\w-]{1,40})(?:[/?#]|$)`;

const invoices: ListSource = {
	method: 'searchInvoices',
	what: 'invoices',
	path: '/invoices',
	lookup: { pattern: /^inv-\d+$/, path: '/invoices/{id}' },
	paging: PAGING,
	pageSize: 20,
	label: (invoice) => String(invoice.title ?? invoice.id),
};

const products: ListSource = {
	method: 'listProducts',
	what: 'products',
	path: '/products',
	paging: PAGING,
	pageSize: 100,
	label: (product) => String(product.name ?? product.id),
};

const invoice: PathId = {
	name: 'invoice',
	label: 'Invoice ID',
	list: invoices,
	url: { regex: new RegExp(String.raw`^https://app\.toy\.example/invoices/${ID}`), example: 'https://app.toy.example/invoices/inv-1', what: 'a Toy URL of the invoice (…/invoices/<id>)' },
};

const item: PathId = {
	name: 'item',
	label: 'Item ID',
	list: {
		method: 'searchItems',
		what: 'items of the invoice',
		path: '/invoices/{invoice}/items',
		within: [invoice],
		paging: PAGING,
		pageSize: 50,
		label: (entry) => String(entry.description ?? entry.id),
	},
	url: {
		regex: new RegExp(String.raw`^https://app\.toy\.example/invoices/[\w-]{1,40}/items/${ID}`),
		example: 'https://app.toy.example/invoices/inv-1/items/it-1',
		what: 'a Toy URL of the item (…/items/<id>)',
	},
};

export const updateItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update item',
	method: 'PATCH',
	path: '/invoices/{invoice}/items/{item}',
	pathIds: [invoice, item],
	body: {
		requireOne: true,
		fields: [
			{ name: 'quantity', label: 'Quantity', type: 'integer', minimum: 1 },
			{ name: 'description', label: 'Description', type: 'string', maxLength: 200 },
		],
	},
};

export const getManyItems: Endpoint = {
	operation: 'getAll',
	name: 'Get Many',
	action: 'get many items',
	method: 'GET',
	path: '/invoices/{invoice}/items',
	pathIds: [invoice],
	paging: PAGING,
};

export const getItem: Endpoint = {
	operation: 'get',
	name: 'Get',
	action: 'get item',
	method: 'GET',
	path: '/invoices/{invoice}/items/{item}',
	pathIds: [invoice, item],
};

/** A write the toy answers with 204 and no body: the item is read back unless the user opts out. */
export const renameItem: Endpoint = {
	operation: 'rename',
	name: 'Rename',
	action: 'rename item',
	method: 'PUT',
	path: '/invoices/{invoice}/items/{item}/description',
	pathIds: [invoice, item],
	body: { fields: [{ name: 'description', label: 'Description', type: 'string', required: true, maxLength: 200 }] },
	readBack: getItem,
};

/**
 * A PUT of the whole item: "Merge With Current" (the default) reads it with Get and lays the changes
 * over it; "Replace" sends only what is given, Quantity required.
 */
export const replaceItem: Endpoint = {
	operation: 'replace',
	name: 'Replace',
	action: 'replace item',
	method: 'PUT',
	path: '/invoices/{invoice}/items/{item}',
	pathIds: [invoice, item],
	body: {
		fields: [
			{ name: 'quantity', label: 'Quantity', type: 'integer', minimum: 1, required: true },
			{ name: 'description', label: 'Description', type: 'string', maxLength: 200, clear: 'Description' },
			{ name: 'unitPrice', label: 'Unit Price', type: 'number', minimum: 0 },
			{ name: 'productId', label: 'Product', type: 'string', from: products },
		],
		replaces: { read: getItem },
	},
};

/** A create without an idempotency key: the toy lists what it made with Get Many. */
export const createItem: Endpoint = {
	operation: 'create',
	name: 'Create',
	action: 'create item',
	method: 'POST',
	path: '/invoices/{invoice}/items',
	pathIds: [invoice],
	body: {
		creates: true,
		fields: [
			{ name: 'quantity', label: 'Quantity', type: 'integer', minimum: 1, required: true },
			{ name: 'description', label: 'Description', type: 'string', maxLength: 200 },
		],
	},
	makesObject: true,
	createdIn: { list: getManyItems },
};

/** A delete the toy answers with 204 and no body. */
export const deleteItem: Endpoint = {
	operation: 'delete',
	name: 'Delete',
	action: 'delete item',
	method: 'DELETE',
	path: '/invoices/{invoice}/items/{item}',
	pathIds: [invoice, item],
	answersEmpty: { deleted: true },
	notFound: 'The item is already gone: Toy found no such item, so nothing was deleted.',
};
