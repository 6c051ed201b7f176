import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeEndpoints } from '../shared/execute';
import { listMethods } from '../shared/listing';
import { operationSubtitle, resourceProperties, type ResourceGroup } from '../shared/properties';
import { getInvoiceItem, updateInvoiceItem } from './endpoints/invoiceItem';
import { getManyInvoiceLineItems, updateInvoiceLineItem } from './endpoints/invoiceLineItem';
import { stripe } from './provider';

const resources: ResourceGroup[] = [
	{ name: 'Invoice Item', value: 'invoiceItem', endpoints: [updateInvoiceItem, getInvoiceItem] },
	{ name: 'Invoice Line Item', value: 'invoiceLineItem', endpoints: [updateInvoiceLineItem, getManyInvoiceLineItems] },
];

export class StripeInvoicing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Invoicing',
		name: 'stripeInvoicing',
		icon: { light: 'file:stripeInvoicing.svg', dark: 'file:stripeInvoicing.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(stripe, resources),
		description: 'Update Stripe invoice items and invoice line items',
		defaults: { name: 'Stripe Invoicing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripeInvoicingApi', required: true }],
		properties: resourceProperties(stripe, resources),
	};

	methods = listMethods(stripe, resources);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeEndpoints(this, stripe, resources);
	}
}
