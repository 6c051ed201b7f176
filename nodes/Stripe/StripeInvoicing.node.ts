import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { defineNode } from '../shared/node';
import { createInvoiceItem, deleteInvoiceItem, getInvoiceItem, updateInvoiceItem } from './endpoints/invoiceItem';
import {
	addInvoiceLineItem,
	getManyInvoiceLineItems,
	removeInvoiceLineItem,
	updateInvoiceLineItem,
} from './endpoints/invoiceLineItem';
import { stripe } from './provider';

const node = defineNode(stripe, [
	{ name: 'Invoice Item', value: 'invoiceItem', endpoints: [updateInvoiceItem, createInvoiceItem, deleteInvoiceItem, getInvoiceItem] },
	{
		name: 'Invoice Line Item',
		value: 'invoiceLineItem',
		endpoints: [updateInvoiceLineItem, addInvoiceLineItem, removeInvoiceLineItem, getManyInvoiceLineItems],
	},
]);

export class StripeInvoicing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Invoicing',
		name: 'stripeInvoicing',
		icon: { light: 'file:stripeInvoicing.svg', dark: 'file:stripeInvoicing.dark.svg' },
		subtitle: node.subtitle,
		description: 'Create, update, read and delete Stripe invoice items and invoice line items',
		defaults: { name: 'Stripe Invoicing' },
		usableAsTool: true,
		...node.description,
	};

	methods = node.methods;
	execute = node.execute;
}
