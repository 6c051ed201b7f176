import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, environmentProperties } from '../nodes/Rebilly/environment';
import { AUTHENTICATION, rebilly } from '../nodes/Rebilly/provider';
import { refuseUnusableCredentials } from '../nodes/shared/descriptor';

export class RebillyApi implements ICredentialType {
	name = 'rebillyApi';

	displayName = 'Rebilly API';

	icon: Icon = {
		light: 'file:../nodes/Rebilly/rebilly.svg',
		dark: 'file:../nodes/Rebilly/rebilly.dark.svg',
	};

	documentationUrl = 'https://www.rebilly.com/docs/dev-docs/api-keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_sandbox_…',
			description:
				'A secret API key (sk_sandbox_… or sk_live_…) from Automations → Development → API keys in the Rebilly app. Publishable keys (pk_…) cannot change invoices.',
		},
		...environmentProperties,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		refuseUnusableCredentials(rebilly, AUTHENTICATION.types.apiKey, credentials);
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers as Record<string, string>),
				'REB-APIKEY': String(credentials.apiKey ?? '').trim(),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/invoices',
			qs: { limit: 1 },
		},
	};
}
