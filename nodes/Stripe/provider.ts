import type { IDataObject } from 'n8n-workflow';

import { baseUrlFunction, type BaseUrlDescription } from '../shared/baseUrl';
import { bracketFormCodec } from '../shared/codec';
import type { ApiErrorDetails, ApiResponse, Provider } from '../shared/descriptor';

/** Stripe shows keys masked (sk_test_****1234); even the masked form stays out of our errors. */
const redactKeys = (text: string) => text.replace(/\b([sr]k|pk)_(test|live)_[A-Za-z0-9*]+/g, '$1_$2_[redacted]');

const PLAIN_WORDS: Record<number, string> = {
	401: 'Stripe did not accept the API key. Check the key in the credential (secret sk_… or restricted rk_… key).',
	403: 'The API key is not allowed to do this. A restricted key needs write access to invoices.',
	404: 'Stripe found no such object. Check the ID and that it belongs to this account (and connected account, if set).',
	429: 'Stripe is rate limiting this account. The node waits out 429 answers by itself; this one remained after its retries. Lower Requests per Second in the node options, or try again shortly.',
};

export function describeStripeError({ statusCode, headers, body }: ApiResponse): ApiErrorDetails {
	const error = ((body as IDataObject)?.error ?? {}) as IDataObject;
	const requestId = headers['request-id'] as string | undefined;
	const message =
		typeof error.message === 'string' ? error.message : PLAIN_WORDS[statusCode] ?? `Stripe answered HTTP ${statusCode}`;
	const details: IDataObject = {};
	for (const key of ['type', 'code', 'decline_code', 'param', 'doc_url'] as const) {
		if (typeof error[key] === 'string') details[key] = error[key];
	}
	if (requestId) details.requestId = requestId;
	const description = [
		details.code && `Code: ${details.code}`,
		details.param && `Parameter: ${details.param}`,
		details.doc_url && `Docs: ${details.doc_url}`,
		requestId && `Request ID: ${requestId}`,
	]
		.filter(Boolean)
		.join(' · ');
	return { message, description: description || PLAIN_WORDS[statusCode], details };
}

/** Stripe's API, unless the credential points elsewhere (a local server in tests). */
export const STRIPE_BASE_URL: BaseUrlDescription = { urlField: 'baseUrl', fallback: 'https://api.stripe.com' };

export const stripe: Provider = {
	name: 'Stripe',
	credentialType: 'stripeInvoicingApi',
	baseUrl: baseUrlFunction(STRIPE_BASE_URL),
	codec: bracketFormCodec,
	describeError: describeStripeError,
	redact: redactKeys,
	secretFields: ['secretKey'],
	// Stripe's documented limits: 100 requests/s in live mode, 25 in test mode.
	rateLimit: (credentials) => (/^[sr]k_live_/.test(String(credentials.secretKey ?? '')) ? 100 : 25),
	retryStatuses: [409],
	shouldRetry: ({ headers }) => {
		const verdict = headers['stripe-should-retry'];
		return verdict === 'true' ? true : verdict === 'false' ? false : undefined;
	},
	idempotencyHeader: 'Idempotency-Key',
	idempotencyKeptFor: '24 hours',
	replayHeader: 'Idempotent-Replayed',
	keyReused: ({ statusCode, body }) => statusCode === 400 && ((body as IDataObject)?.error as IDataObject | undefined)?.type === 'idempotency_error',
	checkCredentials: (credentials) => {
		const key = String(credentials.secretKey ?? '');
		if (/^pk_/.test(key)) {
			return 'The Stripe credential holds a publishable key (pk_…). Use a secret key (sk_…) or a restricted key (rk_…).';
		}
		if (!/^[sr]k_(test|live)_\S+$/.test(key)) {
			return 'The Stripe credential needs a secret key (sk_test_…, sk_live_…) or a restricted key (rk_…).';
		}
		return undefined;
	},
};
