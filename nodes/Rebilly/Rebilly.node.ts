import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeEndpoints } from '../shared/execute';
import { listMethods } from '../shared/listing';
import { operationSubtitle, resourceProperties, type ResourceGroup } from '../shared/properties';
import { getInvoiceItem, getManyInvoiceItems, updateInvoiceItem } from './endpoints/invoiceItem';
import { AUTHENTICATION, rebilly } from './provider';

const resources: ResourceGroup[] = [
	{ name: 'Invoice Item', value: 'invoiceItem', endpoints: [updateInvoiceItem, getInvoiceItem, getManyInvoiceItems] },
];

export class Rebilly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rebilly',
		name: 'rebilly',
		icon: { light: 'file:rebilly.svg', dark: 'file:rebilly.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(rebilly, resources),
		description: 'Update and read Rebilly invoice items',
		defaults: { name: 'Rebilly' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: AUTHENTICATION.types.apiKey,
				required: true,
				displayOptions: { show: { [AUTHENTICATION.parameter]: ['apiKey'] } },
			},
			{
				name: AUTHENTICATION.types.jwt,
				required: true,
				displayOptions: { show: { [AUTHENTICATION.parameter]: ['jwt'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'JWT', value: 'jwt' },
				],
				default: 'apiKey',
			},
			...resourceProperties(rebilly, resources),
		],
	};

	methods = listMethods(rebilly, resources);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeEndpoints(this, rebilly, resources);
	}
}
