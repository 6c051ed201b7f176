import { invoiceLists } from '../billing/invoiceLists';
import type { ListSource, Paging, PathId } from '../shared/descriptor';
import { day, label, money, times } from '../shared/labels';

/** Sequence's lists: `items`, `pagination.after` as the next cursor, at most 100 a page. */
export const SEQUENCE_PAGING: Paging = {
	itemsField: 'items',
	limitParam: 'limit',
	maxPageSize: 100,
	next: { type: 'token', tokenField: 'pagination.after', tokenParam: 'after' },
};

const UUID_TEXT = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;
const SEQUENCE_HOST = String.raw`^https://(?:[\w-]+\.)*sequencehq\.com/(?:[^?#]*/)?`;
const END = String.raw`(?:[/?#]|$)`;

export const { draftInvoices, allInvoices } = invoiceLists({
	path: '/invoices',
	drafts: { invoiceStatus: 'DRAFT' },
	// Sequence searches by (part of) the invoice number; a whole invoice ID is read directly.
	search: (text) => ({ search: text }),
	lookup: { pattern: new RegExp(`^${UUID_TEXT}$`), path: '/invoices/{id}' },
	paging: SEQUENCE_PAGING,
	pageSize: 50,
	label: (invoice) =>
		label(
			invoice.invoiceNumber || 'Draft',
			invoice.customerLegalCompanyName,
			money(invoice.grossTotal, invoice.currency),
			day(invoice.issueDate ?? invoice.createdAt),
		),
	statusField: 'status',
});

export const invoiceUrl = {
	regex: new RegExp(`${SEQUENCE_HOST}invoices/(${UUID_TEXT})${END}`),
	example: 'https://dashboard.sequencehq.com/invoices/cd11218d-fa00-4faa-8684-a43113d076a8',
	what: 'a Sequence URL of the invoice (…/invoices/<id>)',
};

export const lineItemsOf = (invoice: PathId): ListSource => ({
	method: 'searchLineItems',
	what: 'line items of the invoice',
	path: '/invoices/{invoice}/line-items',
	within: [invoice],
	paging: SEQUENCE_PAGING,
	pageSize: 100,
	label: (line) => label(line.title ?? line.description, times(line.quantity), money(line.grossTotal ?? line.netTotal, undefined)),
});

/** The line-item groups of an invoice (a group's line items are shown together under its title). */
export const lineItemGroupsOf = (invoice: PathId): ListSource => ({
	method: 'listLineItemGroups',
	what: 'line item groups of the invoice',
	path: '/invoices/{invoice}/line-item-groups',
	within: [invoice],
	paging: SEQUENCE_PAGING,
	pageSize: 100,
	label: (group) => label(group.title, group.description, money(group.grossTotal ?? group.netTotal, undefined)),
});

export const lineItemUrl = {
	regex: new RegExp(`${SEQUENCE_HOST}invoices/${UUID_TEXT}/line-items/(${UUID_TEXT})${END}`),
	example: 'https://eu.sequencehq.com/api/invoices/cd11218d-fa00-4faa-8684-a43113d076a8/line-items/af60cab3-812d-4250-a051-0fb7133a00c7',
	what: 'a Sequence URL of the line item (…/invoices/<id>/line-items/<id>)',
};

export const prices: ListSource = {
	method: 'listPrices',
	what: 'prices',
	path: '/prices',
	paging: SEQUENCE_PAGING,
	pageSize: 100,
	label: (price) => label(price.name, price.currency, price.billingFrequency, price.id),
};
