import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { baseUrlExpression } from '../../nodes/shared/baseUrl';
import { TOY_BASE_URL } from './provider';

/** The toy provider's credential: a key in a header, declared (n8n applies it, no code). */
export class ToyApi implements ICredentialType {
	name = 'toyApi';

	displayName = 'Toy API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: TOY_BASE_URL.fallback },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Toy-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = { request: { baseURL: baseUrlExpression(TOY_BASE_URL), url: '/invoices' } };
}
