import type { Field, ObjectField, OptionsField } from '../shared/descriptor';
import { activePrices, activeTaxRates, coupons } from './lists';

/** Fields both Stripe update endpoints accept, as the official request schemas describe them. */

const ID_LENGTH = 5000;

export const taxBehavior: OptionsField = {
	name: 'tax_behavior',
	label: 'Tax Behavior',
	type: 'options',
	options: [
		{ name: 'Exclusive', value: 'exclusive', description: 'Tax is added on top of the price' },
		{ name: 'Inclusive', value: 'inclusive', description: 'The price already includes tax' },
		{ name: 'Unspecified', value: 'unspecified' },
	],
	description: 'Whether the price is considered inclusive or exclusive of taxes',
};

/** Stripe's amounts are whole numbers of the currency's smallest unit: 12.50 typed for 1250 is refused. */
export const MINOR_UNITS = {
	hint: 'In the smallest currency unit, e.g. cents: 12.50 EUR is 1250',
	fraction: 'must be a whole number of the smallest currency unit, e.g. cents: 12.50 EUR is 1250',
};

/** Decimal amounts are in the smallest unit too; a fraction there is a fraction of a cent. */
export const MINOR_UNITS_DECIMAL_HINT = 'In the smallest currency unit, e.g. cents: 12.50 EUR is 1250; 1250.5 is 12.505 EUR';

export const amount: Field = {
	name: 'amount',
	label: 'Amount',
	type: 'integer',
	...MINOR_UNITS,
	description:
		'Total in the smallest currency unit (cents for USD). A negative amount credits the customer.',
};

export const description: Field = {
	name: 'description',
	label: 'Description',
	type: 'string',
	maxLength: 5000,
	description: 'Text shown on the invoice for this line',
};

export const discountable: Field = {
	name: 'discountable',
	label: 'Discountable',
	type: 'boolean',
	description: 'Whether invoice discounts apply to this line. Prorations cannot be made discountable.',
};

export const discounts: Field = {
	name: 'discounts',
	label: 'Discounts',
	type: 'objectList',
	itemName: 'Discount',
	clear: 'All Discounts',
	description: 'Replaces the discounts on this line. Each entry names exactly one coupon, discount or promotion code.',
	fields: [
		{ name: 'coupon', label: 'Coupon ID', type: 'string', maxLength: ID_LENGTH, from: coupons },
		{ name: 'discount', label: 'Discount ID', type: 'string', maxLength: ID_LENGTH, placeholder: 'di_…' },
		{
			name: 'promotion_code',
			label: 'Promotion Code ID',
			type: 'string',
			maxLength: ID_LENGTH,
			placeholder: 'promo_…',
		},
	],
	rules: [{ exactlyOneOf: ['coupon', 'discount', 'promotion_code'] }],
};

export const expand: Field = {
	name: 'expand',
	label: 'Expand',
	type: 'stringList',
	section: 'options',
	itemMaxLength: 5000,
	addLabel: 'Add Field to Expand',
	placeholder: 'discounts',
	description: 'Response fields to expand into full objects, e.g. discounts or tax_rates',
};

export const metadata: Field = {
	name: 'metadata',
	label: 'Metadata',
	type: 'keyValue',
	maxKeys: 50,
	keyMaxLength: 40,
	valueMaxLength: 500,
	removableKeys: true,
	clear: 'All Metadata',
	description: 'Keys to add or change (up to 50; key ≤ 40 characters, value ≤ 500). Keys not listed stay as they are.',
};

export const period: ObjectField = {
	name: 'period',
	label: 'Period',
	type: 'object',
	description: 'The service period this line covers. Dates are ISO 8601 or unix seconds.',
	fields: [
		{ name: 'start', label: 'Start', type: 'timestamp', wire: 'unixSeconds', required: true },
		{ name: 'end', label: 'End', type: 'timestamp', wire: 'unixSeconds', required: true },
	],
	rules: [{ notBefore: { later: 'end', earlier: 'start' } }],
};

export const pricing: Field = {
	name: 'pricing',
	label: 'Pricing',
	type: 'object',
	description: 'Bill this line at an existing Price',
	fields: [{ name: 'price', label: 'Price ID', type: 'string', maxLength: ID_LENGTH, required: true, from: activePrices }],
};

export const quantity: Field = {
	name: 'quantity',
	label: 'Quantity',
	type: 'integer',
	minimum: 0,
	description: 'Whole number of units. Use Quantity Decimal for fractions.',
};

export const quantityDecimal: Field = {
	name: 'quantity_decimal',
	label: 'Quantity Decimal',
	type: 'decimal',
	minimum: 0,
	maxDecimalPlaces: 12,
	placeholder: '1.5',
	description: 'Number of units with up to 12 decimal places, e.g. 1.5',
};

export const taxRates: Field = {
	name: 'tax_rates',
	label: 'Tax Rate IDs',
	type: 'stringList',
	itemMaxLength: ID_LENGTH,
	clear: 'All Tax Rates',
	addLabel: 'Add Tax Rate',
	from: activeTaxRates,
	description: "Replaces the line's tax rates; the invoice's default tax rates then no longer apply to it",
};

/** `price_data` entries common to both endpoints. */
export const priceDataFields: Field[] = [
	{ name: 'currency', label: 'Currency', type: 'currency', required: true, description: 'Three-letter ISO code, e.g. usd' },
	taxBehavior,
	{
		name: 'unit_amount',
		label: 'Unit Amount',
		type: 'integer',
		minimum: 0,
		...MINOR_UNITS,
		description: 'Price of one unit in the smallest currency unit (cents for USD)',
	},
	{
		name: 'unit_amount_decimal',
		label: 'Unit Amount Decimal',
		type: 'decimal',
		minimum: 0,
		maxDecimalPlaces: 12,
		placeholder: '1250.5',
		hint: MINOR_UNITS_DECIMAL_HINT,
		description: 'Like Unit Amount, with up to 12 decimal places',
	},
];

export const priceDataRules = [{ atMostOneOf: ['unit_amount', 'unit_amount_decimal'] }];

