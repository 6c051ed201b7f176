import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { defineNode } from '../shared/node';
import {
	createInvoiceItem,
	deleteInvoiceItem,
	getInvoiceItem,
	getManyInvoiceItems,
	getManyInvoiceItemsOfInvoice,
	updateInvoiceItem,
} from './endpoints/invoiceItem';
import { AUTHENTICATION, spacebring } from './provider';

const UPDATES_NEED_OAUTH2 =
	'Spacebring accepts changes of invoice items only with OAuth2: with Basic Auth, Update, Create and Delete stop before sending. Get and Get Many work with both.';

const node = defineNode(
	spacebring,
	[
		{
			name: 'Invoice Item',
			value: 'invoiceItem',
			endpoints: [
				updateInvoiceItem,
				createInvoiceItem,
				deleteInvoiceItem,
				getInvoiceItem,
				getManyInvoiceItems,
				getManyInvoiceItemsOfInvoice,
			],
		},
	],
	{
		authentication: {
			oAuth2: { name: 'OAuth2', description: 'For partner apps; needed to create, update and delete invoice items' },
			basicAuth: { name: 'Basic Auth', description: "A network's own client ID and secret; for reads (changes need OAuth2)" },
		},
		authenticationHint: UPDATES_NEED_OAUTH2,
		properties: [
			{
				displayName: UPDATES_NEED_OAUTH2,
				name: 'basicAuthUpdateNotice',
				type: 'notice',
				default: '',
				displayOptions: {
					show: { [AUTHENTICATION.parameter]: ['basicAuth'], resource: ['invoiceItem'], operation: ['update', 'create', 'delete'] },
				},
			},
		],
	},
);

export class Spacebring implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Spacebring',
		name: 'spacebring',
		icon: { light: 'file:spacebring.svg', dark: 'file:spacebring.dark.svg' },
		subtitle: node.subtitle,
		description: 'Create, update, read and delete Spacebring invoice items',
		defaults: { name: 'Spacebring' },
		usableAsTool: true,
		...node.description,
	};

	methods = node.methods;
	execute = node.execute;
}
