import type { Endpoint, Field, PathId, StringField } from '../../shared/descriptor';
import { allInvoices, draftInvoices, invoiceUrl, itemUrl, itemsOf } from '../lists';
import { PARTNER_CREDENTIAL, UUID } from '../provider';

const SAMPLE_UUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

const uuidRule = { pattern: { regex: UUID, message: `must be a UUID such as ${SAMPLE_UUID}` } };

/** Only narrows the item picker: the items of this invoice are listed. */
const itemsOfInvoice: PathId = {
	name: 'itemsOfInvoice',
	label: 'Pick Items of Invoice',
	placeholder: `e.g. ${SAMPLE_UUID}`,
	description: 'Only for picking the item below: list the items of this invoice. Not sent.',
	...uuidRule,
	list: draftInvoices,
	url: invoiceUrl,
};

/** Spacebring's item ids are UUIDs: checked before sending, so no id can change the path. */
const invoiceItemId: PathId = {
	name: 'id',
	label: 'Invoice Item ID',
	placeholder: `e.g. ${SAMPLE_UUID}`,
	description: 'The invoice item to act on (a UUID); the list shows the items of the invoice above',
	...uuidRule,
	list: itemsOf(itemsOfInvoice),
	url: itemUrl,
};

const uuidField = (name: string, label: string, description: string): StringField => ({
	name,
	label,
	type: 'string',
	description,
	placeholder: `e.g. ${SAMPLE_UUID}`,
	...uuidRule,
});

/** A `name[gte]` / `name[lte]` pair of ISO 8601 filters (the query encoder writes the brackets). */
const dateRange = (name: string, label: string, what: string): Field => ({
	name,
	label,
	type: 'object',
	description: `Only items whose ${what} is within this range (either end may be left open)`,
	fields: [
		{ name: 'gte', label: 'On or After', type: 'timestamp', wire: 'isoDateTime' },
		{ name: 'lte', label: 'On or Before', type: 'timestamp', wire: 'isoDateTime' },
	],
	rules: [{ notBefore: { later: 'lte', earlier: 'gte' } }],
});

/** The product's title: sent inside `product` (`{ product: { title } }`). */
const productTitle: Field = {
	name: 'title',
	inside: 'product',
	label: 'Product Title',
	type: 'string',
	minLength: 1,
	description: 'Name of the item as the invoice shows it',
};

const quantity: Field = {
	name: 'quantity',
	label: 'Quantity',
	type: 'integer',
	minimum: 1,
	maximum: Number.MAX_SAFE_INTEGER,
	description: 'Number of units: a whole number, at least 1',
};

const unitAmount: Field = {
	name: 'unitAmount',
	label: 'Unit Amount',
	type: 'number',
	minimum: 0,
	placeholder: 'e.g. 12.5',
	hint: 'In the invoice currency, not cents: 12.5, not 1250',
	description: 'Price of one unit in major currency units (12.5 means 12.50 in the invoice currency, not cents); at least 0',
};

/** Writes of items go only through OAuth2 apps (the spec's security for them: OAuth2, scope "invoices"). */
const oauth2Only = (what: string, writes: string): Endpoint['onlyWith'] => ({
	credentialTypes: [PARTNER_CREDENTIAL],
	reason: `must be OAuth2 to ${what} an invoice item`,
	advice: `Spacebring's API accepts ${writes} only from OAuth2 apps (Get and Get Many work with Basic Auth too).`,
});

/** GET /billing/invoices/v1/items/{id} — answers `{ invoiceItem: { … } }`. */
export const getInvoiceItem: Endpoint = {
	operation: 'get',
	name: 'Get',
	action: 'get invoice item',
	description: 'Read one invoice item by its ID',
	method: 'GET',
	path: '/billing/invoices/v1/items/{id}',
	pathIds: [invoiceItemId],
	responseField: 'invoiceItem',
};

/**
 * PATCH /billing/invoices/v1/items/{id} — items of draft invoices only. The body is
 * `{ "invoiceItem": { … } }` with just the fields set; Spacebring answers 204 without a body.
 */
export const updateInvoiceItem: Endpoint = {
	operation: 'update',
	name: 'Update',
	action: 'update invoice item',
	description: 'Change the title, quantity or unit amount of an item on a draft invoice',
	method: 'PATCH',
	path: '/billing/invoices/v1/items/{id}',
	pathIds: [invoiceItemId],
	// The spec's security for this PATCH is OAuth2 (scope "invoices") only; Basic Auth gets a 401.
	onlyWith: oauth2Only('update', 'updates'),
	body: {
		envelope: 'invoiceItem',
		requireOne: true,
		fields: [
			productTitle,
			quantity,
			unitAmount,
		],
	},
	readBack: getInvoiceItem,
};

/** GET /billing/invoices/v1/items — items across invoices, `nextPageToken` paging, ≤ 100 a page. */
export const getManyInvoiceItems: Endpoint = {
	operation: 'getAll',
	name: 'Get Many',
	action: 'get many invoice items',
	description: 'List invoice items across invoices, filtered by customer, location, type, invoice status or dates',
	method: 'GET',
	path: '/billing/invoices/v1/items',
	pathIds: [],
	query: [
		uuidField('customerRef', 'Customer ID', 'Only items billed to this customer (a UUID)'),
		uuidField('locationRef', 'Location ID', 'Only items of this location (a UUID)'),
		{
			name: 'type',
			label: 'Item Types',
			type: 'string',
			placeholder: 'e.g. custom,order',
			description:
				'Only items of these types, separated by commas. Types include creditPackage, custom, booking, eventTicket, subscription and order.',
			pattern: {
				regex: /^[A-Za-z]+(,[A-Za-z]+)*$/,
				message: 'must be item types separated by commas without spaces, e.g. custom,order',
			},
		},
		{
			name: 'status',
			label: 'Invoice Statuses',
			type: 'string',
			placeholder: 'e.g. draft,issued',
			description:
				'Only items on invoices with these statuses, separated by commas: draft, issued, paid, voided',
			pattern: {
				regex: /^(draft|issued|paid|voided)(,(draft|issued|paid|voided))*$/,
				message: 'must be invoice statuses separated by commas without spaces, from draft, issued, paid, voided',
			},
		},
		dateRange('createDate', 'Created', 'creation date'),
		dateRange('issueDate', 'Invoice Issued', "invoice's issue date"),
	],
	paging: {
		itemsField: 'invoiceItems',
		limitParam: 'limit',
		maxPageSize: 100,
		next: { type: 'token', tokenField: 'nextPageToken', tokenParam: 'nextPageToken' },
	},
};

const invoiceId: PathId = {
	name: 'invoiceId',
	label: 'Invoice ID',
	placeholder: `e.g. ${SAMPLE_UUID}`,
	description: 'The invoice whose items to list (a UUID)',
	...uuidRule,
	list: allInvoices,
	url: invoiceUrl,
};

/** GET /billing/invoices/v1/{invoiceId}/items — every item of one invoice in one answer, no page size. */
export const getManyInvoiceItemsOfInvoice: Endpoint = {
	operation: 'getAllOfInvoice',
	name: 'Get Many of Invoice',
	action: 'get many items of an invoice',
	description: 'List the items of one invoice',
	method: 'GET',
	path: '/billing/invoices/v1/{invoiceId}/items',
	pathIds: [invoiceId],
	paging: { itemsField: 'invoiceItems', next: { type: 'whole' } },
};

/**
 * POST /billing/invoices/v1/items — the body is `{ "invoiceItem": { … } }`; Spacebring answers 201
 * with `{ invoiceItem }`. Without an invoice, Spacebring puts the item on the customer's next one.
 */
export const createInvoiceItem: Endpoint = {
	operation: 'create',
	name: 'Create',
	action: 'create invoice item',
	description: 'Add a custom item to a draft invoice (or to the next invoice of a customer)',
	method: 'POST',
	path: '/billing/invoices/v1/items',
	pathIds: [],
	onlyWith: oauth2Only('create', 'new items'),
	body: {
		envelope: 'invoiceItem',
		creates: true,
		fields: [
			{ ...quantity, required: true },
			{ ...unitAmount, required: true },
			productTitle,
			{ ...uuidField('optionRef', 'Product Option ID', 'The product option this item bills for (a UUID)'), inside: 'product' },
			{ ...uuidField('invoiceRef', 'Invoice ID', 'The draft invoice to add the item to (a UUID)'), from: draftInvoices },
			uuidField('companyRef', 'Company ID', 'The company this item is for (a UUID)'),
			uuidField('membershipRef', 'Membership ID', 'The membership this item is for (a UUID)'),
			uuidField('subscriptionRef', 'Subscription ID', 'The subscription this item is for (a UUID)'),
			{
				name: 'rate',
				inside: 'tax',
				label: 'Tax Rate',
				type: 'number',
				minimum: 0,
				placeholder: 'e.g. 0.2',
				hint: 'A fraction: 0.2 for 20 %',
				description: 'Tax rate of the item as a decimal fraction (0.2 means 20 %); at least 0',
			},
			{
				name: 'discounts',
				label: 'Discounts',
				type: 'objectList',
				itemName: 'Discount',
				description: 'Coupons to apply to this item',
				fields: [{ ...uuidField('couponRef', 'Coupon ID', 'The coupon to apply (a UUID)'), required: true }],
			},
			{
				name: 'type',
				label: 'Type',
				type: 'options',
				options: [{ name: 'Custom', value: 'custom', description: 'An item typed in, not from a booking or order' }],
				description: 'Kind of item; the API creates custom items only',
			},
			{
				name: 'description',
				label: 'Description (Deprecated)',
				type: 'string',
				description: 'Old text of the item; Spacebring deprecates it in favour of Product Title',
			},
		],
	},
	responseField: 'invoiceItem',
	makesObject: true,
	createdIn: { list: getManyInvoiceItemsOfInvoice, fromFields: { invoiceId: 'invoiceRef' } },
};

/** DELETE /billing/invoices/v1/items/{id} — items of draft invoices only; Spacebring answers 204. */
export const deleteInvoiceItem: Endpoint = {
	operation: 'delete',
	name: 'Delete',
	action: 'delete invoice item',
	description: 'Remove an item from a draft invoice',
	method: 'DELETE',
	path: '/billing/invoices/v1/items/{id}',
	pathIds: [invoiceItemId],
	onlyWith: oauth2Only('delete', 'deletions'),
	answersEmpty: { deleted: true },
	notFound: 'The invoice item is already gone (or never existed): Spacebring found no such item, so nothing was deleted.',
};
