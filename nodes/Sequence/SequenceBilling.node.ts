import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeEndpoints } from '../shared/execute';
import { listMethods } from '../shared/listing';
import { operationSubtitle, resourceProperties, type ResourceGroup } from '../shared/properties';
import { getInvoiceLineItem, getManyInvoiceLineItems, updateInvoiceLineItem } from './endpoints/invoiceLineItem';
import { sequence } from './provider';

const resources: ResourceGroup[] = [
	{
		name: 'Invoice Line Item',
		value: 'invoiceLineItem',
		endpoints: [updateInvoiceLineItem, getManyInvoiceLineItems, getInvoiceLineItem],
	},
];

export class SequenceBilling implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sequence Billing',
		name: 'sequenceBilling',
		icon: { light: 'file:sequenceBilling.svg', dark: 'file:sequenceBilling.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(sequence, resources),
		description: 'Update and read invoice line items in Sequence, the billing platform (sequencehq.com)',
		defaults: { name: 'Sequence Billing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sequenceApi', required: true }],
		properties: resourceProperties(sequence, resources),
	};

	methods = listMethods(sequence, resources);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeEndpoints(this, sequence, resources);
	}
}
