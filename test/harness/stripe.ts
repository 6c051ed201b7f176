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
