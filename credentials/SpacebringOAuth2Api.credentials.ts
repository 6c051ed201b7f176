import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { SPACEBRING_BASE_URL } from '../nodes/Spacebring/environment';
import { baseUrlExpression } from '../nodes/shared/baseUrl';

export const NETWORK_ID_EXAMPLE = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/**
 * Spacebring for partner apps: OAuth2 authorization code flow. Bearer calls also need the network
 * they act on (`spacebring-network-id`); n8n's OAuth2 requests do not run `authenticate`, so the
 * node adds that header itself (see nodes/Spacebring/provider.ts).
 */
export class SpacebringOAuth2Api implements ICredentialType {
	name = 'spacebringOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Spacebring OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/Spacebring/spacebring.svg',
		dark: 'file:../nodes/Spacebring/spacebring.dark.svg',
	};

	documentationUrl = 'https://www.spacebring.com/docs/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://api.spacebring.com/oauth2/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://api.spacebring.com/oauth2/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'invoices',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Spacebring's token endpoint reads client_id and client_secret from the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Network ID',
			name: 'networkId',
			type: 'string',
			required: true,
			default: '',
			placeholder: `e.g. ${NETWORK_ID_EXAMPLE}`,
			description:
				'The Spacebring network (a UUID) this connection acts on. Sent as the spacebring-network-id header with every request; Spacebring refuses bearer-token calls without it.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: SPACEBRING_BASE_URL.fallback,
			description: 'Change only to point at a local mock server for testing',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(SPACEBRING_BASE_URL),
			url: '/billing/invoices/v1/items',
			qs: { limit: 1 },
			headers: { 'spacebring-network-id': '={{$credentials.networkId}}' },
		},
		rules: [
			{
				// Spacebring's reference: the header is a UUID, and a request it cannot read is a 400.
				type: 'responseCode',
				properties: {
					value: 400,
					message: `Spacebring refused the request (400). Check that the Network ID is your network's UUID, such as ${NETWORK_ID_EXAMPLE}.`,
				},
			},
		],
	};
}
