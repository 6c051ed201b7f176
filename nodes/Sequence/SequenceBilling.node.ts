import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { defineNode } from '../shared/node';
import {
	createInvoiceLineItem,
	deleteInvoiceLineItem,
	getInvoiceLineItem,
	getManyInvoiceLineItems,
	updateInvoiceLineItem,
} from './endpoints/invoiceLineItem';
import { sequence } from './provider';

const node = defineNode(sequence, [
	{
		name: 'Invoice Line Item',
		value: 'invoiceLineItem',
		endpoints: [updateInvoiceLineItem, createInvoiceLineItem, deleteInvoiceLineItem, getManyInvoiceLineItems, getInvoiceLineItem],
	},
]);

export class SequenceBilling implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sequence Billing',
		name: 'sequenceBilling',
		icon: { light: 'file:sequenceBilling.svg', dark: 'file:sequenceBilling.dark.svg' },
		subtitle: node.subtitle,
		description: 'Create, update, read and delete invoice line items in Sequence, the billing platform (sequencehq.com)',
		defaults: { name: 'Sequence Billing' },
		usableAsTool: true,
		...node.description,
	};

	methods = node.methods;
	execute = node.execute;
}
