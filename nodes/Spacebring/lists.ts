import type { IDataObject } from 'n8n-workflow';

import { invoiceLists } from '../billing/invoiceLists';
import type { ListSource, PathId } from '../shared/descriptor';
import { day, label, money, times } from '../shared/labels';
import { UUID } from './provider';

const UUID_TEXT = UUID.source.replace(/^\^|\$$/g, '');
const SPACEBRING_HOST = String.raw`^https://(?:[\w-]+\.)*spacebring\.com/(?:[^?#]*/)?`;
const END = String.raw`(?:[/?#]|$)`;

const customerOf = (invoice: IDataObject) => invoice.customerName ?? (invoice.customer as IDataObject | undefined)?.title;

export const { draftInvoices, allInvoices } = invoiceLists({
	path: '/billing/invoices/v1',
	drafts: { status: 'draft' },
	// Spacebring searches invoice numbers only within one customer or location, so a typed text narrows
	// each page read; a whole invoice ID is read directly.
	lookup: { pattern: UUID, path: '/billing/invoices/v1/{id}', responseField: 'invoice' },
	paging: {
		itemsField: 'invoices',
		limitParam: 'limit',
		maxPageSize: 100,
		next: { type: 'token', tokenField: 'nextPageToken', tokenParam: 'nextPageToken' },
	},
	pageSize: 50,
	label: (invoice) =>
		label(
			invoice.title || invoice.number || 'Draft',
			customerOf(invoice),
			money(invoice.totalAmount, invoice.currencyCode),
			day(invoice.createDate),
		),
	statusField: 'status',
});

export const invoiceUrl = {
	regex: new RegExp(`${SPACEBRING_HOST}invoices/(?:v1/)?(${UUID_TEXT})${END}`),
	example: 'https://api.spacebring.com/billing/invoices/v1/3fa85f64-5717-4562-b3fc-2c963f66afa6',
	what: 'a Spacebring URL of the invoice (…/invoices/<id>)',
};

/** Every item of the invoice chosen in `invoice`, in one answer. */
export const itemsOf = (invoice: PathId): ListSource => ({
	method: 'searchInvoiceItems',
	what: 'items of the invoice',
	path: `/billing/invoices/v1/{${invoice.name}}/items`,
	within: [invoice],
	paging: { itemsField: 'invoiceItems', next: { type: 'whole' } },
	pageSize: 100,
	label: (item) => label(item.description, times(item.quantity), money(item.totalAmount ?? item.amount, item.currencyCode)),
});

export const itemUrl = {
	regex: new RegExp(`${SPACEBRING_HOST}items/(${UUID_TEXT})${END}`),
	example: 'https://api.spacebring.com/billing/invoices/v1/items/3fa85f64-5717-4562-b3fc-2c963f66afa6',
	what: 'a Spacebring URL of the invoice item (…/items/<id>)',
};
