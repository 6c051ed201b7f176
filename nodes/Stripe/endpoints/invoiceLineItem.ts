import type { Endpoint, Field, PathId } from '../../shared/descriptor';
import type { WireObject } from '../../shared/input';
import { enumOptions } from '../../shared/properties';
import {
	MINOR_UNITS,
	amount,
	description,
	discountable,
	discounts,
	expand,
	metadata,
	period,
	priceDataFields,
	priceDataRules,
	pricing,
	quantity,
	quantityDecimal,
	taxRates,
} from '../fields';
import { STRIPE_ID_MAX, STRIPE_PAGING, activeProducts, allInvoices, invoiceLines, invoicePicker, lineUrl } from '../lists';

const invoiceId: PathId = invoicePicker(
	'invoice',
	'Invoice ID',
	'The invoice the line belongs to (starts with in_). Only draft invoices can change; the list shows them.',
);

const taxRateData: Field = {
	name: 'tax_rate_data',
	label: 'Tax Rate Data',
	type: 'object',
	required: true,
	fields: [
		{ name: 'display_name', label: 'Display Name', type: 'string', maxLength: 200, required: true, placeholder: 'VAT' },
		{ name: 'inclusive', label: 'Inclusive', type: 'boolean', required: true, description: 'Whether the tax is included in the amount' },
		{
			name: 'percentage',
			label: 'Percentage',
			type: 'number',
			required: true,
			minimum: 0,
			maximum: 100,
			hint: 'In percent, out of 100: 20 means 20 %, not 0.2',
			description: 'The rate in percent, e.g. 20 for 20 %',
		},
		{ name: 'description', label: 'Description', type: 'string', maxLength: 5000, description: 'An internal note about this tax rate' },
		{ name: 'country', label: 'Country', type: 'string', maxLength: 5000, placeholder: 'DE', description: 'Two-letter ISO country code' },
		{ name: 'jurisdiction', label: 'Jurisdiction', type: 'string', maxLength: 200 },
		{
			name: 'jurisdiction_level',
			label: 'Jurisdiction Level',
			type: 'options',
			options: enumOptions(['city', 'country', 'county', 'district', 'multiple', 'state']),
		},
		{ name: 'state', label: 'State', type: 'string', maxLength: 5000, description: 'ISO 3166-2 subdivision code, without the country prefix' },
		{
			name: 'tax_type',
			label: 'Tax Type',
			type: 'options',
			options: enumOptions([
				'amusement_tax', 'communications_tax', 'digital_excise_tax', 'gst', 'hst', 'igst', 'jct',
				'lease_tax', 'mass_transit_parking_tax', 'parking_tax', 'pst', 'qst', 'retail_delivery_fee',
				'rst', 'sales_tax', 'service_tax', 'utility_users_tax', 'vat',
			]),
		},
	],
};

const lineId: PathId = {
	name: 'line_item_id',
	label: 'Line Item ID',
	maxLength: STRIPE_ID_MAX,
	placeholder: 'il_1MtHbELkdIwHu7ixk5WTxLBm',
	description: 'The line to change (starts with il_); the list shows the lines of the invoice above',
	list: invoiceLines(invoiceId),
	url: lineUrl,
};

/** The new product a line's price can describe (`price_data.product_data`), as add_lines takes it. */
const productDataFields: Field[] = [
	{ name: 'name', label: 'Name', type: 'string', maxLength: 5000, required: true },
	{ name: 'description', label: 'Description', type: 'string', maxLength: 40000 },
	{ name: 'images', label: 'Image URLs', type: 'stringList', addLabel: 'Add Image URL' },
	{ name: 'metadata', label: 'Metadata', type: 'keyValue', maxKeys: 50, keyMaxLength: 40, valueMaxLength: 500 },
	{ name: 'tax_code', label: 'Tax Code', type: 'string', maxLength: 5000, placeholder: 'txcd_10000000' },
	{ name: 'unit_label', label: 'Unit Label', type: 'string', maxLength: 12, description: 'Shown on the invoice after the quantity, e.g. "seat"' },
];

/** The line update's product data also takes `tax_details`. */
const taxDetails: Field = {
	name: 'tax_details',
	label: 'Tax Details',
	type: 'object',
	fields: [
		{ name: 'performance_location', label: 'Performance Location', type: 'string', maxLength: 5000 },
		{ name: 'tax_code', label: 'Tax Code', type: 'string', placeholder: 'txcd_10000000' },
	],
};

/** An inline price for a line: for an existing product, or a new one described here. */
const linePriceData = (productFields: Field[]): Field => ({
	name: 'price_data',
	label: 'Price Data',
	type: 'object',
	description: 'Bill this line at an inline price, for an existing product or a new one described here',
	fields: [
		...priceDataFields,
		{ name: 'product', label: 'Product ID', type: 'string', maxLength: 5000, from: activeProducts },
		{
			name: 'product_data',
			label: 'Product Data',
			type: 'object',
			description: 'Creates a new product for this line instead of naming an existing one',
			fields: productFields,
		},
	],
	rules: [...priceDataRules, { exactlyOneOf: ['product', 'product_data'] }],
});

/** Taxes computed outside Stripe, with the rate each one is at. */
const taxAmounts: Field = {
	name: 'tax_amounts',
	label: 'Tax Amounts',
	type: 'objectList',
	itemName: 'Tax Amount',
	clear: 'All Tax Amounts',
	description: 'Replaces the tax amounts on this line (for taxes you compute yourself)',
	fields: [
		{ name: 'amount', label: 'Amount', type: 'integer', required: true, ...MINOR_UNITS, description: 'Tax in the smallest currency unit' },
		{
			name: 'taxable_amount',
			label: 'Taxable Amount',
			type: 'integer',
			required: true,
			...MINOR_UNITS,
			description: 'Amount the tax applies to, in the smallest currency unit',
		},
		taxRateData,
		{
			name: 'taxability_reason',
			label: 'Taxability Reason',
			type: 'options',
			options: enumOptions([
				'customer_exempt', 'not_collecting', 'not_subject_to_tax', 'not_supported',
				'portion_product_exempt', 'portion_reduced_rated', 'portion_standard_rated', 'product_exempt',
				'product_exempt_holiday', 'proportionally_rated', 'reduced_rated', 'reverse_charge',
				'standard_rated', 'taxable_basis_reduced', 'zero_rated',
			]),
		},
	],
};

/** How a line may be priced, counted and taxed: one way each. */
const LINE_RULES = [
	{ atMostOneOf: ['amount', 'price_data', 'pricing'] },
	{ atMostOneOf: ['quantity', 'quantity_decimal'] },
	{ atMostOneOf: ['tax_rates', 'tax_amounts'] },
];

/** A line's own fields, as both the line update and add_lines take them (their prices differ a little). */
const lineFields = (priceData: Field): Field[] => [
	amount,
	description,
	discountable,
	discounts,
	expand,
	metadata,
	period,
	priceData,
	pricing,
	quantity,
	quantityDecimal,
	taxAmounts,
	taxRates,
];

const invoiceMetadata: Field = {
	name: 'invoice_metadata',
	label: 'Invoice Metadata',
	type: 'keyValue',
	maxKeys: 50,
	keyMaxLength: 40,
	valueMaxLength: 500,
	description: 'Keys to add or change on the invoice itself (up to 50; key ≤ 40 characters, value ≤ 500)',
};

/** GET /v1/invoices/{invoice}/lines — every page, following Stripe's cursor. */
export const getManyInvoiceLineItems: Endpoint = {
	operation: 'getAll',
	name: 'Get Many',
	action: 'get many line items',
	description: 'List the lines of an invoice',
	method: 'GET',
	path: '/v1/invoices/{invoice}/lines',
	pathIds: [{ ...invoiceId, description: 'The invoice whose lines to list (starts with in_)', list: allInvoices }],
	query: [expand],
	paging: STRIPE_PAGING,
};

/**
 * The bulk line calls take at most as many lines as an invoice can hold: Stripe's spec sets no
 * `maxItems` on `lines`, and an invoice holds at most 250 invoice items.
 */
const BULK_LINES = 250;

/** Tax types the single line update takes and update_lines does not. */
const SINGLE_ONLY_TAX_TYPES = ['digital_excise_tax', 'utility_users_tax'];

/**
 * Whether update_lines can carry this line as the single update would send it. It cannot with
 * `expand` (there it expands the invoice, not the line), product `tax_details`, or the tax types above.
 */
function fitsUpdateLines(line: WireObject): boolean {
	const productData = (line.price_data as WireObject | undefined)?.product_data as WireObject | undefined;
	const taxAmounts = Array.isArray(line.tax_amounts) ? (line.tax_amounts as WireObject[]) : [];
	const taxTypes = taxAmounts.map((taxAmount) => (taxAmount.tax_rate_data as WireObject | undefined)?.tax_type);
	return (
		line.expand === undefined &&
		productData?.tax_details === undefined &&
		!taxTypes.some((type) => SINGLE_ONLY_TAX_TYPES.includes(type as string))
	);
}

/** POST /v1/invoices/{invoice}/lines/{line_item_id} — changes propagate to the underlying invoice item. */
export const updateInvoiceLineItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update line item',
	toolNote: 'Only lines of a draft invoice can change; the change also applies to the invoice item behind the line',
	method: 'POST',
	path: '/v1/invoices/{invoice}/lines/{line_item_id}',
	pathIds: [
		invoiceId,
		lineId,
	],
	body: {
		requireOne: true,
		fields: lineFields(linePriceData([...productDataFields, taxDetails])),
		rules: LINE_RULES,
	},
	/** POST /v1/invoices/{invoice}/update_lines; it answers with the invoice, whose `lines` are only the first page. */
	batch: {
		path: '/v1/invoices/{invoice}/update_lines',
		listKey: 'lines',
		idsInEntry: { line_item_id: 'id' },
		maxEntries: BULK_LINES,
		what: 'the updates of lines of the same invoice',
		fits: fitsUpdateLines,
		answer: { listField: 'lines.data', idFrom: 'line_item_id', read: getManyInvoiceLineItems },
	},
};

/**
 * POST /v1/invoices/{invoice}/add_lines — draft invoices only; the lines of several items for one
 * invoice go in one call. Stripe answers with the whole invoice, which is each item's output: its
 * `lines` hold only the first lines of a long invoice, and a new line carries nothing sent that
 * would tell it apart from the others.
 */
export const addInvoiceLineItem: Endpoint = {
	operation: 'add',
	name: 'Add',
	action: 'add line item',
	description: 'Add a line to a draft invoice; outputs the invoice',
	method: 'POST',
	path: '/v1/invoices/{invoice}/add_lines',
	pathIds: [invoiceId],
	body: {
		creates: true,
		listEntry: { key: 'lines', outside: ['expand', 'invoice_metadata'] },
		fields: [
			...lineFields(linePriceData(productDataFields)),
			{
				name: 'invoice_item',
				label: 'Invoice Item ID',
				type: 'string',
				maxLength: STRIPE_ID_MAX,
				placeholder: 'ii_…',
				description: 'A pending invoice item of the customer to put on this invoice as the line',
			},
			invoiceMetadata,
		],
		rules: LINE_RULES,
	},
	batch: {
		path: '/v1/invoices/{invoice}/add_lines',
		listKey: 'lines',
		maxEntries: BULK_LINES,
		what: 'the lines added to the same invoice',
	},
	makesObject: true,
};

/**
 * POST /v1/invoices/{invoice}/remove_lines — draft invoices only; the lines of several items for one
 * invoice go in one call. "Delete" deletes the line's invoice item; "Unassign" puts it back as
 * pending for the next invoice. Outputs the invoice.
 */
export const removeInvoiceLineItem: Endpoint = {
	operation: 'remove',
	name: 'Remove',
	action: 'remove line item',
	description: 'Remove a line from a draft invoice; outputs the invoice',
	method: 'POST',
	path: '/v1/invoices/{invoice}/remove_lines',
	pathIds: [
		invoiceId,
		{ ...lineId, name: 'id', in: 'body', description: 'The line to remove (starts with il_); the list shows the lines of the invoice above' },
	],
	body: {
		creates: true,
		listEntry: { key: 'lines', outside: ['expand', 'invoice_metadata'] },
		fields: [
			{
				name: 'behavior',
				label: 'Behavior',
				type: 'options',
				required: true,
				options: [
					{ name: 'Delete', value: 'delete', description: 'Delete the invoice item behind the line' },
					{ name: 'Unassign', value: 'unassign', description: 'Keep the invoice item, pending for the next invoice' },
				],
				description: 'What becomes of the invoice item behind the line',
			},
			expand,
			invoiceMetadata,
		],
	},
	batch: {
		path: '/v1/invoices/{invoice}/remove_lines',
		listKey: 'lines',
		maxEntries: BULK_LINES,
		what: 'the lines removed from the same invoice',
	},
};
