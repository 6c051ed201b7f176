import type { Endpoint, PathId } from '../../shared/descriptor';
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
import { STRIPE_ID_MAX, activeProducts, invoiceItemUrl, invoiceItems } from '../lists';

const invoiceItemId: PathId = {
	name: 'invoiceitem',
	label: 'Invoice Item ID',
	maxLength: STRIPE_ID_MAX,
	placeholder: 'ii_1MtGUtLkdIwHu7ix2hjDU4vB',
	description: 'The invoice item to act on (starts with ii_)',
	list: invoiceItems,
	url: invoiceItemUrl,
};

/** POST /v1/invoiceitems/{invoiceitem} — only items not yet on a finalized invoice can change. */
export const updateInvoiceItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update invoice item',
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
			{
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
			},
			pricing,
			quantity,
			quantityDecimal,
			taxBehavior,
			{
				name: 'tax_code',
				label: 'Tax Code',
				type: 'string',
				clear: 'Tax Code',
				placeholder: 'txcd_10000000',
				description: 'Stripe Tax product tax code for this item',
			},
			taxRates,
			{
				name: 'unit_amount_decimal',
				label: 'Unit Amount Decimal',
				type: 'decimal',
				maxDecimalPlaces: 12,
				placeholder: '1250.5',
				hint: MINOR_UNITS_DECIMAL_HINT,
				description:
					'Price of one unit in the smallest currency unit, up to 12 decimal places; multiplied by the quantity. Negative values credit the customer.',
			},
		],
		rules: [
			{ atMostOneOf: ['amount', 'unit_amount_decimal', 'price_data', 'pricing'] },
			{ atMostOneOf: ['quantity', 'quantity_decimal'] },
		],
	},
};

/** GET /v1/invoiceitems/{invoiceitem} */
export const getInvoiceItem: Endpoint = {
	operation: 'get',
	name: 'Get',
	action: 'get invoice item',
	method: 'GET',
	path: '/v1/invoiceitems/{invoiceitem}',
	pathIds: [invoiceItemId],
	query: [expand],
};
