import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { defineNode } from '../shared/node';
import {
	createInvoiceItem,
	deleteInvoiceItem,
	getInvoiceItem,
	getManyInvoiceItems,
	updateInvoiceItem,
} from './endpoints/invoiceItem';
import { rebilly } from './provider';

const node = defineNode(
	rebilly,
	[
		{
			name: 'Invoice Item',
			value: 'invoiceItem',
			endpoints: [updateInvoiceItem, createInvoiceItem, deleteInvoiceItem, getInvoiceItem, getManyInvoiceItems],
		},
	],
	{ authentication: { apiKey: { name: 'API Key' }, jwt: { name: 'JWT' } } },
);

export class Rebilly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rebilly',
		name: 'rebilly',
		icon: { light: 'file:rebilly.svg', dark: 'file:rebilly.dark.svg' },
		subtitle: node.subtitle,
		description: 'Create, update, read and delete Rebilly invoice items',
		defaults: { name: 'Rebilly' },
		usableAsTool: true,
		...node.description,
	};

	methods = node.methods;
	execute = node.execute;
}
