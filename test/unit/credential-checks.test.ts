/**
 * A credential's own authentication refuses what the node refuses before sending: n8n's credential
 * test runs it, so a key the node would refuse fails the test with the node's words (the e2e suite
 * shows it through n8n's REST API in every tested version).
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { RebillyApi } from '../../credentials/RebillyApi.credentials';
import { RebillyJwtApi } from '../../credentials/RebillyJwtApi.credentials';
import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';
import { rebilly } from '../../nodes/Rebilly/provider';
import { stripe } from '../../nodes/Stripe/provider';
import type { Provider } from '../../nodes/shared/descriptor';

type Authenticating = ICredentialType & {
	authenticate: (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
};

const rebillySandbox = { environment: 'sandbox', organizationId: '' };

type Unusable = Array<[string, ICredentialDataDecryptedObject]>;

describe.each<[string, Authenticating, Provider, ICredentialDataDecryptedObject, Unusable]>([
	[
		'Stripe',
		new StripeInvoicingApi() as Authenticating,
		stripe,
		{ secretKey: 'sk_test_123' },
		[
			['a publishable key', { secretKey: 'pk_test_123' }],
			['a webhook secret', { secretKey: 'whsec_123' }],
		],
	],
	[
		'Rebilly API key',
		new RebillyApi() as Authenticating,
		rebilly,
		{ apiKey: 'sk_sandbox_123', ...rebillySandbox },
		[
			['a publishable key', { apiKey: 'pk_sandbox_123', ...rebillySandbox }],
			['a live key in the sandbox', { apiKey: 'sk_live_123', ...rebillySandbox }],
		],
	],
	[
		'Rebilly JWT',
		new RebillyJwtApi() as Authenticating,
		rebilly,
		{ token: 'eyJa.eyJb.c', ...rebillySandbox },
		[
			['"Bearer <token>"', { token: 'Bearer eyJa.eyJb.c', ...rebillySandbox }],
			['a text that is no JWT', { token: 'not a jwt', ...rebillySandbox }],
		],
	],
])('%s credential', (_name, credential, provider, usable, unusable) => {
	const request: IHttpRequestOptions = {
		url: '/invoices',
		headers: { Accept: 'application/json' },
	};

	test('authenticates what the node accepts', async () => {
		expect(provider.checkCredentials!(usable, credential.name)).toBeUndefined();
		const authenticated = await credential.authenticate(usable, request);
		expect(authenticated.headers).toMatchObject({ Accept: 'application/json' });
	});

	test.each(unusable)('refuses %s with the words the node uses', async (_what, credentials) => {
		const reason = provider.checkCredentials!(credentials, credential.name);
		expect(reason).toEqual(expect.any(String));
		await expect(credential.authenticate(credentials, request)).rejects.toThrow(reason!);
	});
});
