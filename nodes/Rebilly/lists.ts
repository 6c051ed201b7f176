import type { IDataObject } from 'n8n-workflow';

import { invoiceLists } from '../billing/invoiceLists';
import type { ListSource, Paging, PathId } from '../shared/descriptor';
import { day, label, money, times } from '../shared/labels';

/** Rebilly's collections: the body is the list, paged by limit/offset (offset at most 1000). */
export const REBILLY_PAGING: Paging = {
	limitParam: 'limit',
	maxPageSize: 1000,
	next: { type: 'offset', offsetParam: 'offset', maxOffset: 1000 },
};

/** App and API addresses of sandbox and live, with the organization or any path before `/invoices/`. */
const REBILLY_HOST = String.raw`^https://(?:app|api)(?:-sandbox)?\.rebilly\.com/(?:[^?#]*/)?`;
/** Rebilly's id rule (REBILLY_ID, at most 50 characters, not `.` or `..`), as the URL's id group. */
const ID = String.raw`((?!\.\.?(?:[/?#]|$))[@~\-.\w]{1,50})`;
const END = String.raw`(?:[/?#]|$)`;

const customerOf = (invoice: IDataObject) => {
	const address = (invoice.billingAddress ?? {}) as IDataObject;
	const person = label(address.firstName, address.lastName).replace(' · ', ' ');
	return address.organization || person || invoice.customerId;
};

export const { draftInvoices, allInvoices } = invoiceLists({
	path: '/invoices',
	drafts: { filter: 'status:draft' },
	query: { sort: '-createdTime' },
	search: (text) => ({ q: text }),
	paging: REBILLY_PAGING,
	pageSize: 50,
	label: (invoice) =>
		label(
			invoice.invoiceNumber != null ? `#${invoice.invoiceNumber}` : 'Draft',
			customerOf(invoice),
			money(invoice.amount, invoice.currency),
			day(invoice.createdTime),
		),
	statusField: 'status',
});

export const invoiceUrl = {
	regex: new RegExp(`${REBILLY_HOST}invoices/${ID}${END}`),
	example: 'https://app.rebilly.com/my-org/invoices/in_0YVF9605RKC62BP14NE2R7V2XT',
	what: 'a Rebilly app or API URL of the invoice (…/invoices/<id>)',
};

export const itemsOf = (invoice: PathId): ListSource => ({
	method: 'searchInvoiceItems',
	what: 'items of the invoice',
	path: '/invoices/{invoiceId}/items',
	within: [invoice],
	paging: REBILLY_PAGING,
	pageSize: 100,
	label: (item) =>
		label(item.description, item.type === 'credit' ? 'credit' : '', times(item.quantity), money(item.price ?? item.unitPrice, undefined)),
});

export const itemUrl = {
	regex: new RegExp(`${REBILLY_HOST}invoices/[@~\\-.\\w]{1,50}/items/${ID}${END}`),
	example: 'https://api.rebilly.com/organizations/my-org/invoices/in_0YVF9605RKC62BP14NE2R7V2XT/items/ii_0YVFDEQS2KCFTBN9HXWJFY55GV',
	what: 'a Rebilly URL of the invoice item (…/invoices/<id>/items/<itemId>)',
};

export const products: ListSource = {
	method: 'listProducts',
	what: 'products',
	path: '/products',
	query: () => ({ sort: 'name' }),
	paging: REBILLY_PAGING,
	pageSize: 500,
	label: (product) => label(product.name, product.unitLabel, product.id),
};
