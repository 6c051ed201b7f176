import type { ListSource, WireQuery } from '../shared/descriptor';
import { pick } from '../shared/paging';

/** A provider's invoice list, described once: its call, search, paging, label, and the filter for drafts. */
export type InvoiceList = Omit<ListSource, 'method' | 'what' | 'query'> & {
	/** The filter that keeps the invoices that can still change, e.g. `{ status: 'draft' }`. */
	drafts: WireQuery;
	/** Filters sent with both lists (e.g. an order). */
	query?: WireQuery;
	/** Where an invoice's status is (shown in the list of all invoices). */
	statusField: string;
};

/**
 * Two pickers from one list: drafts for updates (only they can change), and all invoices, each
 * labelled with its status, for reads.
 */
export function invoiceLists({ drafts, query, statusField, label, ...list }: InvoiceList) {
	return {
		draftInvoices: {
			...list,
			method: 'searchDraftInvoices',
			what: 'draft invoices',
			query: () => ({ ...drafts, ...query }),
			// A typed ID is read whatever its status: one that is not a draft says so.
			label: (invoice) => {
				const status = pick(invoice, statusField);
				return [label(invoice), status && !/^draft$/i.test(String(status)) ? status : ''].filter(Boolean).join(' · ');
			},
		} as ListSource,
		allInvoices: {
			...list,
			method: 'searchInvoices',
			what: 'invoices',
			query: () => ({ ...query }),
			label: (invoice) => [label(invoice), pick(invoice, statusField)].filter(Boolean).join(' · '),
		} as ListSource,
	};
}
