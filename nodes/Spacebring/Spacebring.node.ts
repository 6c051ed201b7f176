import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeEndpoints } from '../shared/execute';
import { listMethods } from '../shared/listing';
import { operationSubtitle, resourceProperties, type ResourceGroup } from '../shared/properties';
import {
	getInvoiceItem,
	getManyInvoiceItems,
	getManyInvoiceItemsOfInvoice,
	updateInvoiceItem,
} from './endpoints/invoiceItem';
import { AUTHENTICATION, spacebring } from './provider';

const resources: ResourceGroup[] = [
	{
		name: 'Invoice Item',
		value: 'invoiceItem',
		endpoints: [updateInvoiceItem, getInvoiceItem, getManyInvoiceItems, getManyInvoiceItemsOfInvoice],
	},
];

const UPDATES_NEED_OAUTH2 =
	'Spacebring accepts updates of invoice items only with OAuth2: with Basic Auth, Update stops before sending. Get and Get Many work with both.';

export class Spacebring implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Spacebring',
		name: 'spacebring',
		icon: { light: 'file:spacebring.svg', dark: 'file:spacebring.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(spacebring, resources),
		description: 'Update and read Spacebring invoice items',
		defaults: { name: 'Spacebring' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: AUTHENTICATION.types.oAuth2,
				required: true,
				displayOptions: { show: { [AUTHENTICATION.parameter]: ['oAuth2'] } },
			},
			{
				name: AUTHENTICATION.types.basicAuth,
				required: true,
				displayOptions: { show: { [AUTHENTICATION.parameter]: ['basicAuth'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: AUTHENTICATION.parameter,
				type: 'options',
				options: [
					{
						name: 'OAuth2',
						value: 'oAuth2',
						description: 'For partner apps; needed to update invoice items',
					},
					{
						name: 'Basic Auth',
						value: 'basicAuth',
						description: "A network's own client ID and secret; for reads (updates need OAuth2)",
					},
				],
				default: 'oAuth2',
				hint: UPDATES_NEED_OAUTH2,
			},
			{
				displayName: UPDATES_NEED_OAUTH2,
				name: 'basicAuthUpdateNotice',
				type: 'notice',
				default: '',
				displayOptions: {
					show: { [AUTHENTICATION.parameter]: ['basicAuth'], resource: ['invoiceItem'], operation: ['update'] },
				},
			},
			...resourceProperties(spacebring, resources),
		],
	};

	methods = listMethods(spacebring, resources);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeEndpoints(this, spacebring, resources);
	}
}
