import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { STRIPE_BASE_URL, stripe } from '../nodes/Stripe/provider';
import { baseUrlExpression } from '../nodes/shared/baseUrl';
import { refuseUnusableCredentials } from '../nodes/shared/descriptor';

/** The API version whose request schemas the Stripe Invoicing node implements. */
export const STRIPE_API_VERSION = '2026-09-30.endive';

export class StripeInvoicingApi implements ICredentialType {
	name = 'stripeInvoicingApi';

	displayName = 'Stripe Invoicing API';

	icon: Icon = {
		light: 'file:../nodes/Stripe/stripeInvoicing.svg',
		dark: 'file:../nodes/Stripe/stripeInvoicing.dark.svg',
	};

	documentationUrl = 'https://docs.stripe.com/keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret or Restricted Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_test_… or rk_live_…',
			description:
				'A secret key (sk_test_…, sk_live_…) or a restricted key (rk_…) with write access to invoices. Create one under Developers → API keys in the Stripe dashboard.',
		},
		{
			displayName: 'Connected Account ID',
			name: 'account',
			type: 'string',
			default: '',
			placeholder: 'acct_1234567890',
			description:
				'Only for Stripe Connect platforms: act on this connected account (sent as the Stripe-Account header). Leave empty for your own account.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: STRIPE_API_VERSION,
			description:
				'Sent as the Stripe-Version header. The node is built against this version; change it only if you know your account needs another one.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: STRIPE_BASE_URL.fallback,
			description: 'Change only to point at a local mock server for testing',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		refuseUnusableCredentials(stripe, stripe.credentialType, credentials);
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string>),
			Authorization: `Bearer ${String(credentials.secretKey ?? '')}`,
			'Stripe-Version': String(credentials.apiVersion || STRIPE_API_VERSION),
		};
		if (credentials.account) headers['Stripe-Account'] = String(credentials.account);
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression(STRIPE_BASE_URL),
			url: '/v1/invoiceitems',
			qs: { limit: 1 },
		},
	};
}
