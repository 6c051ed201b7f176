import type { Field, PathId } from '../shared/descriptor';
import { allInvoices, draftInvoices, invoiceUrl, lineItemGroupsOf, lineItemUrl, lineItemsOf, prices } from './lists';

/**
 * The writable fields of a Sequence invoice line item, as the 2024-07-30 request schema
 * (`Stable20240101CreateOrUpdateLineItem`) describes them. Money, quantities and the tax rate
 * are decimal strings. The service period is in the body twice, as calendar dates and as date-times:
 * it is asked for once, as dates, and written in both shapes.
 */

/** A calendar date as yyyy-MM-dd that exists (months of 30 days, February 29 only in leap years). */
const CALENDAR_DATE =
	/^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$/;

const date = (name: string, label: string, description: string): Field => ({
	name,
	label,
	type: 'string',
	required: true,
	placeholder: '2026-01-31',
	description,
	pattern: { regex: CALENDAR_DATE, message: 'must be a calendar date written as yyyy-MM-dd, e.g. 2026-01-31' },
});

export const invoiceId: PathId = {
	name: 'invoice',
	label: 'Invoice ID',
	placeholder: 'cd11218d-fa00-4faa-8684-a43113d076a8',
	description: 'The invoice the line item belongs to; the list shows draft invoices',
	list: draftInvoices,
	url: invoiceUrl,
};

/** Reads work on any invoice: their picker lists all of them. */
export const anyInvoiceId: PathId = { ...invoiceId, description: 'The invoice the line item belongs to', list: allInvoices };

export const lineItemId: PathId = {
	name: 'id',
	label: 'Line Item ID',
	placeholder: 'af60cab3-812d-4250-a051-0fb7133a00c7',
	description: 'The line item on that invoice; the list shows the line items of the invoice above',
	list: lineItemsOf(invoiceId),
	url: lineItemUrl,
};

export const lineItemFields: Field[] = [
	{
		name: 'title',
		label: 'Title',
		type: 'string',
		required: true,
		placeholder: 'Platform fee',
		description: 'The name of the line as it appears on the invoice',
	},
	{
		name: 'description',
		clear: 'Description',
		label: 'Description',
		type: 'string',
		description: 'More detail shown under the title',
	},
	{
		name: 'quantity',
		label: 'Quantity',
		type: 'decimal',
		required: true,
		placeholder: '2',
		description: 'How many units, as a decimal number such as 2 or 1.5. Sent exactly as written.',
	},
	{
		name: 'rate',
		label: 'Rate',
		type: 'decimal',
		required: true,
		placeholder: '20000.10',
		hint: 'In the invoice currency, not cents: 19.99, not 1999',
		description:
			'Price of one unit in the invoice currency, as a decimal number such as 19.99 (not in cents). Sent exactly as written.',
	},
	{
		name: 'taxRate',
		label: 'Tax Rate',
		type: 'decimal',
		required: true,
		minimum: 0,
		maximum: { value: 1, message: 'must be a fraction, not a percentage: 20 % is 0.2, 7.5 % is 0.075' },
		placeholder: '0.2',
		hint: 'A fraction: 0.2 means 20 %',
		description: 'The tax rate as a fraction, not a percentage: 0.2 means 20 %, 0.075 means 7.5 %, 0 means no tax',
	},
	// The service period as date-times, written from the dates below as the spec's example pairs
	// them (2022-10-20 with 2022-10-20T00:00:00Z).
	{
		name: 'servicePeriodStart',
		label: 'Service Period',
		type: 'string',
		sameAs: { from: 'servicePeriod', value: (period) => `${String(period.startDate)}T00:00:00Z` },
	},
	{
		name: 'servicePeriodEnd',
		label: 'Service Period',
		type: 'string',
		sameAs: { from: 'servicePeriod', value: (period) => `${String(period.endDate)}T00:00:00Z` },
	},
	{
		name: 'servicePeriod',
		clear: 'Service Period',
		label: 'Service Period',
		type: 'object',
		description: 'The days the service was provided, first and last day included, e.g. 2026-01-01 to 2026-01-31',
		fields: [
			date('startDate', 'Start Date', 'First day of the service period (yyyy-MM-dd)'),
			date('endDate', 'End Date', 'Last day of the service period (yyyy-MM-dd); not before the start date'),
		],
		rules: [{ notBefore: { later: 'endDate', earlier: 'startDate' } }],
	},
	{
		name: 'groupId',
		clear: 'Group ID',
		label: 'Group ID',
		type: 'string',
		description: 'The line item group this line is shown in (a group of the invoice above)',
		from: lineItemGroupsOf(invoiceId),
	},
	{
		name: 'priceId',
		clear: 'Price ID',
		label: 'Price ID',
		type: 'string',
		description: 'The Sequence price this line is billed at',
		from: prices,
	},
	{
		name: 'rateDisplay',
		clear: 'Rate Display',
		label: 'Rate Display',
		type: 'options',
		options: [
			{ name: 'Absolute', value: 'ABSOLUTE', description: 'Show the rate as an amount' },
			{ name: 'Percentage', value: 'PERCENTAGE', description: 'Show the rate as a percentage' },
		],
		description: 'How the rate is shown on the invoice',
	},
	{
		name: 'externalIds',
		minItems: 0,
		label: 'External IDs',
		type: 'objectList',
		itemName: 'External ID',
		required: true,
		description: 'IDs of this line in connected systems (accounting, CRM, tax). Replaces the whole list.',
		fields: [
			{
				name: 'key',
				label: 'System',
				type: 'options',
				required: true,
				options: [
					{ name: 'Amazon Redshift', value: 'Amazon_Redshift' },
					{ name: 'Anrok', value: 'Anrok' },
					{ name: 'Attio', value: 'Attio' },
					{ name: 'Avalara', value: 'Avalara' },
					{ name: 'GoCardless', value: 'GoCardless' },
					{ name: 'Google BigQuery', value: 'Google_BigQuery' },
					{ name: 'Google Sheets', value: 'Google_Sheets' },
					{ name: 'HubSpot', value: 'HubSpot' },
					{ name: 'NetSuite', value: 'NetSuite' },
					{ name: 'Numeral', value: 'Numeral' },
					{ name: 'QuickBooks Online', value: 'QuickBooks_Online' },
					{ name: 'Rillet', value: 'Rillet' },
					{ name: 'Salesforce', value: 'Salesforce' },
					{ name: 'Slack', value: 'Slack' },
					{ name: 'Snowflake', value: 'Snowflake' },
					{ name: 'Sphere', value: 'Sphere' },
					{ name: 'Stripe', value: 'Stripe' },
					{ name: 'Xero', value: 'Xero' },
				],
				description: 'The connected system the ID belongs to',
			},
			{
				name: 'value',
				label: 'ID',
				type: 'string',
				required: true,
				placeholder: '123',
				description: 'The ID of this line in that system',
			},
		],
	},
	{
		name: 'revenueClassification',
		clear: 'Revenue Classification',
		label: 'Revenue Classification',
		type: 'options',
		options: [
			{ name: 'Burndown', value: 'BURNDOWN' },
			{ name: 'Earned', value: 'EARNED' },
			{ name: 'Prepayment', value: 'PREPAYMENT' },
		],
		description: 'How the revenue of this line is classified',
	},
	{
		name: 'creditGrantId',
		clear: 'Credit Grant ID',
		label: 'Credit Grant ID',
		type: 'string',
		description: 'The credit grant this line draws on or creates',
	},
	{
		name: 'revenueRecognitionMethod',
		clear: 'Revenue Recognition Method',
		label: 'Revenue Recognition Method',
		type: 'options',
		options: [
			{ name: 'Milestone', value: 'MILESTONE' },
			{ name: 'Point in Time', value: 'POINT_IN_TIME' },
			{ name: 'Straight Line', value: 'STRAIGHT_LINE' },
			{ name: 'Usage', value: 'USAGE' },
		],
		description: 'How the revenue of this line is recognised over time',
	},
];

