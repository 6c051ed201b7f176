import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** The toy provider's credential: a key in a header, declared (n8n applies it, no code). */
export class ToyApi implements ICredentialType {
	name = 'toyApi';

	displayName = 'Toy API';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'https://api.toy.example' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-Toy-Key': '={{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = { request: { baseURL: '={{$credentials.baseUrl}}', url: '/invoices' } };
}
