import type { Endpoint, Field, PathId } from '../../shared/descriptor';
import {
	MINOR_UNITS_DECIMAL_HINT,
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
	taxBehavior,
	taxRates,
} from '../fields';
import { STRIPE_ID_MAX, activeProducts, customers, draftInvoices, invoiceItemUrl, invoiceItems } from '../lists';

const invoiceItemId: PathId = {
	name: 'invoiceitem',
	label: 'Invoice Item ID',
	maxLength: STRIPE_ID_MAX,
	placeholder: 'ii_1MtGUtLkdIwHu7ix2hjDU4vB',
	description: 'The invoice item to act on (starts with ii_)',
	list: invoiceItems,
	url: invoiceItemUrl,
};

/** An inline price for an existing product (`price_data`). */
const priceData: Field = {
	name: 'price_data',
	label: 'Price Data',
	type: 'object',
	description: 'Bill this item at an inline price for an existing product',
	fields: [
		{
			name: 'product',
			label: 'Product ID',
			type: 'string',
			maxLength: 5000,
			required: true,
			from: activeProducts,
		},
		...priceDataFields,
	],
	rules: priceDataRules,
};

const taxCode: Field = {
	name: 'tax_code',
	label: 'Tax Code',
	type: 'string',
	clear: 'Tax Code',
	placeholder: 'txcd_10000000',
	description: 'Stripe Tax product tax code for this item',
};

const unitAmountDecimal: Field = {
	name: 'unit_amount_decimal',
	label: 'Unit Amount Decimal',
	type: 'decimal',
	maxDecimalPlaces: 12,
	placeholder: '1250.5',
	hint: MINOR_UNITS_DECIMAL_HINT,
	description:
		'Price of one unit in the smallest currency unit, up to 12 decimal places; multiplied by the quantity. Negative values credit the customer.',
};

/** Only one way to price an item, and one way to count it. */
const PRICING_RULES = [
	{ atMostOneOf: ['amount', 'unit_amount_decimal', 'price_data', 'pricing'] },
	{ atMostOneOf: ['quantity', 'quantity_decimal'] },
];

/** POST /v1/invoiceitems/{invoiceitem} — only items not yet on a finalized invoice can change. */
export const updateInvoiceItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update invoice item',
	description: 'Change the amount, quantity, description, period, discounts or tax rates of an invoice item',
	toolNote: 'Only a pending item or one on a draft invoice can change; an item of a finalized invoice cannot',
	method: 'POST',
	path: '/v1/invoiceitems/{invoiceitem}',
	pathIds: [invoiceItemId],
	body: {
		requireOne: true,
		fields: [
			amount,
			description,
			discountable,
			discounts,
			expand,
			{
				name: 'invoicing_rules',
				label: 'Invoicing Rules',
				type: 'string',
				clear: 'Invoicing Rules',
				clearOnly: true,
			},
			metadata,
			period,
			priceData,
			pricing,
			quantity,
			quantityDecimal,
			taxBehavior,
			taxCode,
			taxRates,
			unitAmountDecimal,
		],
		rules: PRICING_RULES,
	},
};

/** GET /v1/invoiceitems/{invoiceitem} */
export const getInvoiceItem: Endpoint = {
	operation: 'get',
	name: 'Get',
	action: 'get invoice item',
	description: 'Read one invoice item by its ID',
	method: 'GET',
	path: '/v1/invoiceitems/{invoiceitem}',
	pathIds: [invoiceItemId],
	query: [expand],
};

/**
 * POST /v1/invoiceitems — the schema requires no field, but Stripe needs a customer (or customer
 * account). Without an invoice the item waits, pending, for the customer's next invoice; items can
 * be added only to draft invoices (at most 250 items an invoice).
 */
export const createInvoiceItem: Endpoint = {
	operation: 'create',
	name: 'Create',
	action: 'create invoice item',
	description: "Add a charge to a customer's draft invoice, or as pending for their next invoice",
	method: 'POST',
	path: '/v1/invoiceitems',
	pathIds: [],
	body: {
		creates: true,
		fields: [
			amount,
			{ name: 'currency', label: 'Currency', type: 'currency', description: 'Three-letter ISO code, e.g. usd; the customer’s currency when not set' },
			{
				name: 'customer',
				label: 'Customer ID',
				type: 'string',
				maxLength: STRIPE_ID_MAX,
				from: customers,
				description: 'The customer to bill (starts with cus_); this or Customer Account ID is needed',
			},
			{
				name: 'customer_account',
				label: 'Customer Account ID',
				type: 'string',
				maxLength: STRIPE_ID_MAX,
				description: 'The account to bill, instead of a customer',
			},
			description,
			discountable,
			discounts,
			expand,
			{
				name: 'invoice',
				label: 'Invoice ID',
				type: 'string',
				maxLength: STRIPE_ID_MAX,
				from: draftInvoices,
				description: 'The draft invoice to add the item to; without one the item is pending for the next invoice',
			},
			metadata,
			period,
			priceData,
			pricing,
			quantity,
			quantityDecimal,
			{
				name: 'subscription',
				label: 'Subscription ID',
				type: 'string',
				maxLength: STRIPE_ID_MAX,
				placeholder: 'sub_…',
				description: 'The subscription whose next invoice gets this pending item',
			},
			taxBehavior,
			taxCode,
			taxRates,
			unitAmountDecimal,
		],
		rules: [{ exactlyOneOf: ['customer', 'customer_account'] }, ...PRICING_RULES],
	},
	makesObject: true,
};

/** DELETE /v1/invoiceitems/{invoiceitem} — only items not attached to an invoice, or on a draft one. */
export const deleteInvoiceItem: Endpoint = {
	operation: 'delete',
	name: 'Delete',
	action: 'delete invoice item',
	description: 'Delete an invoice item that is pending or on a draft invoice',
	method: 'DELETE',
	path: '/v1/invoiceitems/{invoiceitem}',
	pathIds: [invoiceItemId],
	notFound: 'The invoice item is already gone (or never existed): Stripe found no such invoice item, so nothing was deleted.',
};
