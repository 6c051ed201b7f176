import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { SPACEBRING_BASE_URL } from '../nodes/Spacebring/environment';
import { baseUrlExpression } from '../nodes/shared/baseUrl';

/**
 * Spacebring for a network's own automation: HTTP Basic with the client ID and secret from
 * Network Settings → Developers. Spacebring documents invoice item updates for OAuth2 only.
 */
export class SpacebringApi implements ICredentialType {
	name = 'spacebringApi';

	displayName = 'Spacebring API';

	icon: Icon = {
		light: 'file:../nodes/Spacebring/spacebring.svg',
		dark: 'file:../nodes/Spacebring/spacebring.dark.svg',
	};

	documentationUrl = 'https://www.spacebring.com/docs/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'Client ID of your network, shown to the network owner under Network Settings → Developers in Spacebring',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Client secret from the same page (Network Settings → Developers)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: SPACEBRING_BASE_URL.fallback,
			description: 'Change only to point at a local mock server for testing',
		},
	];

	/** HTTP Basic: n8n writes `Authorization: Basic base64(clientId:clientSecret)`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			auth: { username: String(credentials.clientId ?? ''), password: String(credentials.clientSecret ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(SPACEBRING_BASE_URL),
			url: '/billing/invoices/v1/items',
			qs: { limit: 1 },
		},
	};
}
