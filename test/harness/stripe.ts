import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import { runNode, type NodeRun, type RunNodeOptions } from './n8n';
import type { Recorder } from './recorder';

export const TEST_KEY = 'sk_test_51HarnessSecretKeyThatMustNeverLeak000';

export interface StripeRunOptions {
	items?: IDataObject[];
	continueOnFail?: RunNodeOptions['continueOnFail'];
	credentials?: IDataObject;
	timezone?: string;
}

export function runStripe(recorder: Recorder, parameters: INodeParameters, options: StripeRunOptions = {}): Promise<NodeRun> {
	return runNode({
		node: new StripeInvoicing(),
		credentialTypes: [new StripeInvoicingApi()],
		credentials: {
			stripeInvoicingApi: { secretKey: TEST_KEY, baseUrl: recorder.url, ...options.credentials },
		},
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
	});
}

/** Parameters for an invoice item update. */
export const updateItem = (updateFields: IDataObject, extra: IDataObject = {}) =>
	({
	resource: 'invoiceItem',
	operation: 'update',
	invoiceitem: 'ii_123',
	updateFields,
	...extra,
}) as INodeParameters;

/** Parameters for an invoice line item update. */
export const updateLine = (updateFields: IDataObject, extra: IDataObject = {}) =>
	({
	resource: 'invoiceLineItem',
	operation: 'update',
	invoice: 'in_123',
	line_item_id: 'il_456',
	updateFields,
	...extra,
}) as INodeParameters;

// 2025-11-21T10:00:00Z
export const NOV_21 = Date.UTC(2025, 10, 21, 10) / 1000;

/** Invoices and lines as Stripe's lists hold them. */
export const INVOICES: IDataObject[] = [
	{ id: 'in_1', object: 'invoice', number: null, customer: 'cus_1', customer_name: 'Acme', customer_email: 'billing@acme.com', total: 1250, currency: 'usd', created: NOV_21 },
	{ id: 'in_2', object: 'invoice', number: 'INV-0002', customer: 'cus_2', customer_name: null, customer_email: 'bob@example.com', total: 5000, currency: 'jpy', created: NOV_21 + 86400 },
	{ id: 'in_3', object: 'invoice', number: null, customer: 'cus_3', customer_name: null, customer_email: null, total: -1234, currency: 'kwd', created: NOV_21 + 2 * 86400 },
];

export const LINES: IDataObject[] = [
	{ id: 'il_1', object: 'line_item', description: 'Seats', quantity: 3, amount: 3000, currency: 'usd' },
	{ id: 'il_2', object: 'line_item', description: 'Refund', quantity: null, amount: -500, currency: 'eur' },
	{ id: 'il_3', object: 'line_item', description: null, quantity: null, amount: null, currency: 'eur' },
];

/** Entries `prefix_0001` … as Stripe numbers nothing, with more fields from `extra`. */
export const numbered = (prefix: string, count: number, extra: (index: number) => IDataObject = () => ({})) =>
	Array.from({ length: count }, (_unused, index) => ({ id: `${prefix}_${String(index + 1).padStart(4, '0')}`, ...extra(index + 1) }));
