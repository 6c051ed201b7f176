import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, bareToken, environmentProperties } from '../nodes/Rebilly/environment';
import { AUTHENTICATION, rebilly } from '../nodes/Rebilly/provider';
import { refuseUnusableCredentials } from '../nodes/shared/descriptor';

export class RebillyJwtApi implements ICredentialType {
	name = 'rebillyJwtApi';

	displayName = 'Rebilly JWT API';

	icon: Icon = {
		light: 'file:../nodes/Rebilly/rebilly.svg',
		dark: 'file:../nodes/Rebilly/rebilly.dark.svg',
	};

	documentationUrl = 'https://www.rebilly.com/docs/dev-docs/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'JSON Web Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'eyJhbGciOi…',
			description:
				'A Rebilly session token (JWT), sent as "Authorization: Bearer …". Tokens expire; when this one does, paste a new one.',
		},
		...environmentProperties,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		refuseUnusableCredentials(rebilly, AUTHENTICATION.types.jwt, credentials);
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers as Record<string, string>),
				Authorization: `Bearer ${bareToken(credentials.token)}`,
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
