import type { IDataObject } from 'n8n-workflow';

import { baseUrlFunction } from '../shared/baseUrl';
import { jsonCodec } from '../shared/codec';
import type { ApiErrorDetails, ApiResponse, Provider } from '../shared/descriptor';
import { NETWORK_ID_EXAMPLE } from '../../credentials/SpacebringOAuth2Api.credentials';
import { SPACEBRING_BASE_URL } from './environment';

export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Credential types: OAuth2 for partner apps, Basic for a network's own automation. */
export const PARTNER_CREDENTIAL = 'spacebringOAuth2Api';
const NETWORK_CREDENTIAL = 'spacebringApi';

/** The node's Authentication parameter: its values and the credential type each one uses. */
export const AUTHENTICATION = {
	parameter: 'authentication',
	types: { oAuth2: PARTNER_CREDENTIAL, basicAuth: NETWORK_CREDENTIAL },
};


/**
 * Authorization values some servers echo in errors: never shown, whatever the credential. A token is
 * 12 or more token characters; shorter words after "Basic" or "Bearer" are prose ("Basic Auth").
 */
const redactAuthorization = (text: string) =>
	text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, '$1 [redacted]');

/** What to check when Spacebring refuses the credentials, for the credential in use. */
const REFUSED: Record<string, string> = {
	[PARTNER_CREDENTIAL]:
		'The OAuth2 connection needs the "invoices" scope (reads also work with "invoices.readonly"), and the Network ID must be the network the connection was granted for.',
	[NETWORK_CREDENTIAL]: 'Check the client ID and secret from Network Settings → Developers.',
};

const PLAIN_WORDS: Record<number, { message: string; description?: Record<string, string> | string }> = {
	400: { message: 'Spacebring refused the request as invalid' },
	401: { message: 'Spacebring did not accept the credentials', description: REFUSED },
	403: { message: 'Spacebring does not allow these credentials to do this', description: REFUSED },
	404: {
		message: 'Spacebring found no such invoice item',
		description: 'Check the ID, and that it belongs to the network of this credential.',
	},
	429: {
		message: 'Spacebring is rate limiting these requests',
		description:
			'Spacebring allows 10 requests per second. The node waits out 429 answers by itself; this one remained after its retries. Lower Requests per Second in the node options, or run again later.',
	},
};

/** Spacebring answers errors as `{ message, type }`. */
export function describeSpacebringError({ statusCode, headers, body }: ApiResponse, credentialType: string): ApiErrorDetails {
	const error = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const words = PLAIN_WORDS[statusCode];
	const own = typeof error.message === 'string' && error.message.trim() !== '' ? error.message : undefined;
	const message = own ?? words?.message ?? `Spacebring answered HTTP ${statusCode}`;
	const details: IDataObject = {};
	if (typeof error.type === 'string') details.type = error.type;
	const retryAfter = headers['retry-after'];
	if (statusCode === 429 && retryAfter !== undefined) details.retryAfter = String(retryAfter);
	const advice = typeof words?.description === 'object' ? words.description[credentialType] : words?.description;
	const description = [
		details.type && `Type: ${details.type}`,
		advice,
		details.retryAfter && `Retry after: ${details.retryAfter} s`,
	]
		.filter(Boolean)
		.join(' · ');
	return { message, description: description || undefined, details };
}

export const spacebring: Provider = {
	name: 'Spacebring',
	credentialType: AUTHENTICATION.types.oAuth2,
	authentication: AUTHENTICATION,
	oauth2CredentialTypes: [PARTNER_CREDENTIAL],
	// n8n's OAuth2 requests skip the credential's `authenticate`: the network header is added here.
	headers: (credentials, credentialType): Record<string, string> =>
		credentialType === PARTNER_CREDENTIAL ? { 'spacebring-network-id': String(credentials.networkId ?? '').trim() } : {},
	baseUrl: baseUrlFunction(SPACEBRING_BASE_URL),
	codec: jsonCodec,
	describeError: describeSpacebringError,
	redact: redactAuthorization,
	secretFields: ['clientSecret'],
	// Spacebring allows 10 requests per second.
	rateLimit: () => 10,
	// The OAuth2 tokens live inside `oauthTokenData`; Basic Auth sends base64(clientId:clientSecret).
	secretValues: (credentials) => {
		const token = (credentials.oauthTokenData ?? {}) as IDataObject;
		const basicPair = `${String(credentials.clientId ?? '')}:${String(credentials.clientSecret ?? '')}`;
		return [
			String(token.access_token ?? token.accessToken ?? ''),
			String(token.refresh_token ?? token.refreshToken ?? ''),
			Buffer.from(basicPair, 'utf8').toString('base64'),
		];
	},
	checkCredentials: (credentials, credentialType) => {
		if (credentialType === PARTNER_CREDENTIAL) {
			const networkId = String(credentials.networkId ?? '').trim();
			if (networkId === '') {
				return 'The Spacebring OAuth2 credential has no Network ID. Spacebring needs it (as the spacebring-network-id header) with every OAuth2 call.';
			}
			if (!UUID.test(networkId)) {
				return `The Network ID in the Spacebring OAuth2 credential must be a UUID such as ${NETWORK_ID_EXAMPLE}.`;
			}
			const token = credentials.oauthTokenData as IDataObject | undefined;
			if (!token || typeof token !== 'object' || !(token.access_token || token.accessToken)) {
				return 'The Spacebring OAuth2 credential is not connected yet: open it and click "Connect my account".';
			}
			return undefined;
		}
		if (!String(credentials.clientId ?? '').trim() || !String(credentials.clientSecret ?? '')) {
			return 'The Spacebring API credential needs the client ID and client secret from Network Settings → Developers.';
		}
		return undefined;
	},
};
