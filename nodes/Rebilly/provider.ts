import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { jsonCodec } from '../shared/codec';
import type { ApiErrorDetails, ApiResponse, Provider } from '../shared/descriptor';
import { headerValue } from '../shared/throttle';
import { REBILLY_ID, REBILLY_ID_MAX_LENGTH, bareToken, rebillyBaseUrl } from './environment';

/** The node parameter that picks the credential, and its values. */
export const AUTHENTICATION = { parameter: 'authentication', types: { apiKey: 'rebillyApi', jwt: 'rebillyJwtApi' } };

const PLAIN_WORDS: Record<number, string> = {
	401: 'Rebilly did not accept the credentials. Check the API key or token, that it was made in the chosen environment (sandbox or live), and the organization ID.',
	403: 'The API key or token is not allowed to do this. It needs access to invoices of this organization.',
	404: 'Rebilly found no such invoice or invoice item. Check the IDs, the environment (sandbox or live) and the organization ID.',
	429: 'Rebilly is rate limiting this organization. Wait until the limit resets, then try again.',
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Rebilly answers errors as RFC 9457 problem documents: `title`, `detail`, and for 422 a list of
 * `invalidFields` (`field` in dot notation, `message`). Each invalid field gets a line of its own.
 */
export function describeRebillyError({ statusCode, headers, body }: ApiResponse): ApiErrorDetails {
	const problem = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
	const title = text(problem.title);
	const detail = text(problem.detail);
	const invalidFields = (Array.isArray(problem.invalidFields) ? problem.invalidFields : [])
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object')
		.map((entry) => ({ field: text(entry.field) ?? '(request)', message: text(entry.message) ?? 'is invalid' }));

	const details: IDataObject = {};
	if (text(problem.type)) details.type = text(problem.type);
	if (title) details.title = title;
	if (detail) details.detail = detail;
	if (invalidFields.length) details.invalidFields = invalidFields;

	const own = [title, detail].filter((part, index, parts) => part && parts.indexOf(part) === index).join(': ');
	let message = detail ?? title ?? `Rebilly answered HTTP ${statusCode}`;
	let description = invalidFields.length
		? `Invalid fields:\n${invalidFields.map(({ field, message: reason }) => `• ${field}: ${reason}`).join('\n')}`
		: own || undefined;

	if (statusCode in PLAIN_WORDS) {
		message = PLAIN_WORDS[statusCode];
		description = own ? `Rebilly says: ${own}` : undefined;
	}
	if (statusCode === 429) {
		const retryAfter = headerValue(headers, 'x-ratelimit-retry-after');
		if (retryAfter !== undefined) {
			// Rebilly sends the UTC time (unix seconds) when the limit resets.
			details.retryAfter = /^\d+$/.test(retryAfter) ? Number(retryAfter) : retryAfter;
			const seconds = Number(retryAfter);
			if (Number.isFinite(seconds) && seconds > 0) {
				const at = new Date(seconds * 1000).toISOString();
				details.retryAt = at;
				message = `Rebilly is rate limiting this organization until ${at}. Try again after that.`;
			}
		}
	}
	return { message, description, details };
}

/** Why these credentials cannot work, said before anything is sent (never quoting the secret). */
export function checkRebillyCredentials(credentials: ICredentialDataDecryptedObject, credentialType: string): string | undefined {
	const environment = String(credentials.environment ?? 'sandbox');
	const secret = String(credentials.apiKey ?? credentials.token ?? '');
	if (secret.trim() !== '' && secret !== secret.trim()) {
		// Refused rather than trimmed: secrets are kept out of errors by their exact stored value.
		return 'The Rebilly credential\'s key or token has spaces or line breaks around it. Remove them in the credential.';
	}
	if (credentialType === AUTHENTICATION.types.apiKey) {
		const key = String(credentials.apiKey ?? '').trim();
		if (key === '') return 'The Rebilly API credential has no secret API key.';
		if (/^pk_/.test(key)) {
			return 'The Rebilly API credential holds a publishable key (pk_…), which cannot change invoices. Use a secret key (sk_…).';
		}
		const keyEnvironment = /^sk_(sandbox|live)_/.exec(key)?.[1];
		if (keyEnvironment && environment !== 'custom' && keyEnvironment !== environment) {
			return `The Rebilly API credential holds a ${keyEnvironment} key but is set to the ${environment} environment. Keys only work in the environment they were made in.`;
		}
	} else if (credentialType === AUTHENTICATION.types.jwt) {
		const token = bareToken(credentials.token);
		if (/^bearer\s/i.test(token)) {
			return 'The Rebilly JWT credential holds "Bearer …": enter the token alone, the node adds "Bearer".';
		}
		if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
			return 'The Rebilly JWT credential needs a JSON Web Token (three dot-separated parts, e.g. eyJ….eyJ….abc).';
		}
	}
	if (environment === 'custom' && String(credentials.baseUrl ?? '').trim() === '') {
		return 'The Rebilly credential is set to a custom URL but has no Base URL.';
	}
	const organizationId = String(credentials.organizationId ?? '').trim();
	if (organizationId.length > REBILLY_ID_MAX_LENGTH) {
		return `The Rebilly credential's organization ID is ${organizationId.length} characters long; at most ${REBILLY_ID_MAX_LENGTH} are allowed.`;
	}
	if (organizationId !== '' && !REBILLY_ID.test(organizationId)) {
		return 'The Rebilly credential\'s organization ID may only contain letters, digits and _ - . ~ @ (e.g. org_0YVDM8RC7GDADADSBSMW124JA8).';
	}
	return undefined;
}

export const rebilly: Provider = {
	name: 'Rebilly',
	credentialType: AUTHENTICATION.types.apiKey,
	authentication: AUTHENTICATION,
	baseUrl: rebillyBaseUrl,
	codec: jsonCodec,
	describeError: describeRebillyError,
	secretFields: ['apiKey', 'token'],
	// Rebilly documents 3,000 writes per 10 minutes in the sandbox.
	rateLimit: () => 5,
	quotaHeaders: { limit: 'X-RateLimit-Limit', remaining: 'X-RateLimit-Remaining', resetAt: 'X-RateLimit-Retry-After' },
	checkCredentials: checkRebillyCredentials,
};
