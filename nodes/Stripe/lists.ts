import type { IDataObject } from 'n8n-workflow';

import { invoiceLists } from '../billing/invoiceLists';
import { minorMoney } from '../billing/money';
import type { ListSource, Paging, PathId, WireQuery } from '../shared/descriptor';
import { day, label, times } from '../shared/labels';

/** Stripe's lists: `data`, `has_more`, and `starting_after` the last id; at most 100 a page. */
export const STRIPE_PAGING: Paging = {
	itemsField: 'data',
	limitParam: 'limit',
	maxPageSize: 100,
	next: { type: 'afterLastId', cursorParam: 'starting_after', hasMoreField: 'has_more' },
};

const PAGE = 50;

/** Dashboard addresses, also those of a connected account (`/acct_…/`) and of test mode (`/test/`). */
const DASHBOARD = String.raw`^https://dashboard\.stripe\.com/(?:acct_[A-Za-z0-9]+/)?(?:test/)?`;
const API = String.raw`^https://api\.stripe\.com/v1/`;
const END = String.raw`(?:[/?#]|$)`;

const customerOf = (entry: IDataObject) => entry.customer_name || entry.customer_email || entry.customer;

export const customers: ListSource = {
	method: 'searchCustomers',
	what: 'customers',
	path: '/v1/customers',
	// Stripe's customer list filters by exact email only; any other text narrows each page read.
	search: (text) => (text.includes('@') ? { email: text } : undefined),
	paging: STRIPE_PAGING,
	pageSize: PAGE,
	label: (customer) => label(customer.name, customer.email, customer.id),
};

export const { draftInvoices, allInvoices } = invoiceLists({
	path: '/v1/invoices',
	drafts: { status: 'draft' },
	// Stripe's invoice list has no text search; it filters by customer, and an invoice id is read directly.
	search: (text) => (/^cus_[A-Za-z0-9]+$/.test(text) ? { customer: text } : undefined),
	lookup: { pattern: /^in_[A-Za-z0-9]+$/, path: '/v1/invoices/{id}' },
	paging: STRIPE_PAGING,
	pageSize: PAGE,
	label: (invoice) =>
		label(invoice.number || 'Draft', customerOf(invoice), minorMoney(invoice.total, invoice.currency), day(invoice.created)),
	statusField: 'status',
});

/** Stripe's ids, in paths and in queries, are at most this long (the spec's `maxLength`). */
export const STRIPE_ID_MAX = 5000;

/** An invoice picked from the drafts, by dashboard URL or by ID. */
export const invoicePicker = (name: string, labelText: string, description: string): PathId => ({
	name,
	label: labelText,
	maxLength: STRIPE_ID_MAX,
	placeholder: 'in_1MtHbELkdIwHu7ixl4OzzPMv',
	description,
	list: draftInvoices,
	url: {
		regex: new RegExp(`${DASHBOARD}invoices/(in_[A-Za-z0-9]+)${END}`),
		example: 'https://dashboard.stripe.com/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv',
		what: 'a Stripe dashboard invoice URL',
	},
});

export const lineLabel = (line: IDataObject) =>
	label(line.description, times(line.quantity), minorMoney(line.amount, line.currency));

/** The lines of the invoice chosen in `invoice`. */
export const invoiceLines = (invoice: PathId): ListSource => ({
	method: 'searchInvoiceLines',
	what: 'lines of the invoice',
	path: '/v1/invoices/{invoice}/lines',
	within: [invoice],
	paging: STRIPE_PAGING,
	pageSize: PAGE,
	label: lineLabel,
});

export const lineUrl = {
	regex: new RegExp(`${API}invoices/in_[A-Za-z0-9]+/lines/([A-Za-z]+_[A-Za-z0-9]+)${END}`),
	example: 'https://api.stripe.com/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines/il_1MtHbELkdIwHu7ixk5WTxLBm',
	what: 'a Stripe API URL of the line (…/v1/invoices/in_…/lines/il_…)',
};

/** Only narrow the invoice item picker: items of a draft invoice, or pending items of a customer. */
const itemsOfInvoice = invoicePicker(
	'itemsOfInvoice',
	'Pick Items of Invoice',
	'Only for picking the item below: list the items of this draft invoice. Not sent.',
);
const itemsOfCustomer: PathId = {
	name: 'itemsOfCustomer',
	label: 'Pick Pending Items of Customer',
	maxLength: STRIPE_ID_MAX,
	placeholder: 'cus_NffrFeUfNV2Hib',
	description: 'Only for picking the item below when no invoice is chosen: list the pending items of this customer. Not sent.',
	list: customers,
	url: {
		regex: new RegExp(`${DASHBOARD}customers/(cus_[A-Za-z0-9]+)${END}`),
		example: 'https://dashboard.stripe.com/customers/cus_NffrFeUfNV2Hib',
		what: 'a Stripe dashboard customer URL',
	},
};

export const invoiceItems: ListSource = {
	method: 'searchInvoiceItems',
	what: 'invoice items',
	path: '/v1/invoiceitems',
	within: [itemsOfInvoice, itemsOfCustomer],
	query: (chosen): WireQuery =>
		chosen.itemsOfInvoice
			? { invoice: chosen.itemsOfInvoice }
			: chosen.itemsOfCustomer
				? { customer: chosen.itemsOfCustomer, pending: true }
				: { pending: true },
	lookup: { pattern: /^ii_[A-Za-z0-9]+$/, path: '/v1/invoiceitems/{id}' },
	paging: STRIPE_PAGING,
	pageSize: PAGE,
	label: (item) =>
		label(item.description, times(item.quantity), minorMoney(item.amount, item.currency), item.customer, day(item.date)),
};

export const invoiceItemUrl = {
	regex: new RegExp(`(?:${DASHBOARD}|${API})invoiceitems/(ii_[A-Za-z0-9]+)${END}`),
	example: 'https://dashboard.stripe.com/invoiceitems/ii_1MtGUtLkdIwHu7ix2hjDU4vB',
	what: 'a Stripe dashboard or API URL of the invoice item',
};

/** Option lists of the fields that take another Stripe object's id. */
export const activeTaxRates: ListSource = {
	method: 'listTaxRates',
	what: 'active tax rates',
	path: '/v1/tax_rates',
	query: () => ({ active: true }),
	paging: STRIPE_PAGING,
	pageSize: 100,
	label: (rate) =>
		label(rate.display_name, rate.percentage != null ? `${rate.percentage} %` : '', rate.inclusive ? 'inclusive' : 'exclusive', rate.jurisdiction || rate.country),
};

export const activePrices: ListSource = {
	method: 'listPrices',
	what: 'active prices',
	path: '/v1/prices',
	query: () => ({ active: true }),
	paging: STRIPE_PAGING,
	pageSize: 100,
	label: (price) => {
		const recurring = price.recurring as IDataObject | null | undefined;
		const amount = minorMoney(price.unit_amount, price.currency);
		return label(price.nickname || price.lookup_key, amount && recurring ? `${amount} / ${recurring.interval}` : amount, price.product, price.id);
	},
};

export const activeProducts: ListSource = {
	method: 'listProducts',
	what: 'active products',
	path: '/v1/products',
	query: () => ({ active: true }),
	paging: STRIPE_PAGING,
	pageSize: 100,
	label: (product) => label(product.name, product.id),
};

export const coupons: ListSource = {
	method: 'listCoupons',
	what: 'coupons',
	path: '/v1/coupons',
	paging: STRIPE_PAGING,
	pageSize: 100,
	label: (coupon) =>
		label(
			coupon.name || coupon.id,
			coupon.percent_off != null ? `${coupon.percent_off} % off` : `${minorMoney(coupon.amount_off, coupon.currency)} off`,
			coupon.duration,
			coupon.valid === false ? 'no longer valid' : '',
		),
};
