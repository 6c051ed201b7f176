import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlExpression, type BaseUrlDescription } from '../nodes/shared/baseUrl';

/** The API version whose request schema the Sequence Billing node implements. */
export const SEQUENCE_API_VERSION = '2024-07-30';

/** Base URLs of Sequence's regions; "custom" takes the Base URL field instead. */
export const SEQUENCE_REGIONS: Record<string, string> = {
	sandbox: 'https://sandbox.sequencehq.com/api',
	eu: 'https://eu.sequencehq.com/api',
};

/** Where the API is: a region's, or the Base URL field for "custom". */
export const SEQUENCE_BASE_URL: BaseUrlDescription = {
	urlField: 'baseUrl',
	environment: { field: 'region', hosts: SEQUENCE_REGIONS, defaultValue: 'sandbox', custom: 'custom' },
};

/** Basic authentication as Sequence documents it: base64 of "clientId:clientSecret" (UTF-8). */
export const basicToken = (clientId: string, clientSecret: string) =>
	Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');

export class SequenceApi implements ICredentialType {
	name = 'sequenceApi';

	displayName = 'Sequence API';

	icon: Icon = {
		light: 'file:../nodes/Sequence/sequenceBilling.svg',
		dark: 'file:../nodes/Sequence/sequenceBilling.dark.svg',
	};

	documentationUrl = 'https://docs.sequencehq.com/reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'The client ID of an API client you created in the Sequence dashboard (its API settings)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The secret shown once when the API client was created. Sequence cannot show it again; create a new API client if it is lost.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'sandbox',
			options: [
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: SEQUENCE_REGIONS.sandbox,
				},
				{
					name: 'EU (Production)',
					value: 'eu',
					description: SEQUENCE_REGIONS.eu,
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'Another Sequence environment or a local mock server',
				},
			],
			description: 'Where the API client was created. Sandbox keys work only in the sandbox, production keys only in production.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: SEQUENCE_REGIONS.eu,
			description: 'The API root, up to and including /api for Sequence itself',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: SEQUENCE_API_VERSION,
			description:
				'Sent as the Sequence-Version header. The node is built against this version; change it only if you know you need another one.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string>),
			Authorization: `Basic ${basicToken(String(credentials.clientId ?? ''), String(credentials.clientSecret ?? ''))}`,
			'Sequence-Version': String(credentials.apiVersion || SEQUENCE_API_VERSION).trim(),
		};
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(SEQUENCE_BASE_URL),
			url: '/invoices',
			qs: { limit: 1 },
		},
	};
}
