import type { IDataObject } from 'n8n-workflow';

import { SEQUENCE_API_VERSION, SEQUENCE_BASE_URL, SEQUENCE_REGIONS } from '../../credentials/SequenceApi.credentials';
import { baseUrlFunction } from '../shared/baseUrl';
import { jsonCodec } from '../shared/codec';
import type { ApiErrorDetails, ApiResponse, Provider } from '../shared/descriptor';

/** The Authorization header's value, should Sequence ever echo it. */
const redactAuthorization = (text: string) => text.replace(/\bBasic\s+[A-Za-z0-9+/=_-]{4,}/gi, 'Basic [redacted]');

const MAX_TEXT = 500;

/** Sequence's own words from an error body: `{error: {type, message}}`, `{message}`, or plain text. */
function readBody(body: unknown): { type?: string; message?: string } {
	let parsed = body;
	if (typeof body === 'string') {
		const text = body.trim();
		try {
			parsed = JSON.parse(text) as unknown;
		} catch {
			// Plain text (or HTML from a proxy): only short text is worth showing.
			return text && !text.startsWith('<') ? { message: text.slice(0, MAX_TEXT) } : {};
		}
	}
	if (typeof parsed !== 'object' || parsed === null) return {};
	const object = parsed as IDataObject;
	const error = (typeof object.error === 'object' && object.error !== null ? object.error : object) as IDataObject;
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_TEXT) : undefined);
	return {
		type: text(error.type) ?? text(error.code) ?? text(object.type),
		message: text(error.message) ?? text(object.message) ?? text(typeof object.error === 'string' ? object.error : undefined),
	};
}

function plainWords(statusCode: number, type?: string): string {
	if (type === 'UnrecognisedApiVersion') {
		return `Sequence does not recognise the API version sent in the Sequence-Version header. Set "API Version" in the Sequence credential to ${SEQUENCE_API_VERSION}, the version this node is built for.`;
	}
	switch (statusCode) {
		case 400:
			return 'Sequence refused the request as invalid';
		case 401:
			return 'Sequence did not accept the client ID and secret. Check them in the credential, and that its region is the one the API client was created in (sandbox or production).';
		case 403:
			return 'The Sequence API client is not allowed to do this';
		case 404:
			return 'Sequence found no such invoice or line item. Check the IDs, and that the credential’s region is the one the invoice is in.';
		case 429:
			return 'Sequence is rate limiting this API client. The node waits out 429 answers by itself; this one remained after its retries. Lower Requests per Second in the node options, or try again shortly.';
	}
	if (statusCode >= 500) {
		return `Sequence had a problem on its side (HTTP ${statusCode}). Try again later.`;
	}
	return `Sequence answered HTTP ${statusCode}`;
}

export function describeSequenceError({ statusCode, body }: ApiResponse): ApiErrorDetails {
	const own = readBody(body);
	const headline = plainWords(statusCode, own.type);
	// For a plain 400 Sequence's own words are the useful part; otherwise the plain words lead.
	const message = statusCode === 400 && own.type !== 'UnrecognisedApiVersion' && own.message
		? `Sequence refused the request: ${own.message}`
		: headline;
	const details: IDataObject = {};
	if (own.type) details.type = own.type;
	if (own.message) details.sequenceMessage = own.message;
	const description = [own.type && `Type: ${own.type}`, own.message && `Sequence says: ${own.message}`]
		.filter(Boolean)
		.join(' · ');
	return {
		message,
		description: description || headline,
		details,
	};
}

export const sequence: Provider = {
	name: 'Sequence',
	credentialType: 'sequenceApi',
	baseUrl: baseUrlFunction(SEQUENCE_BASE_URL),
	codec: jsonCodec,
	describeError: describeSequenceError,
	redact: redactAuthorization,
	secretFields: ['clientSecret'],
	// Sequence documents 1,500 requests per minute.
	rateLimit: () => 25,
	checkCredentials: (credentials) => {
		if (!String(credentials.clientId ?? '').trim() || !String(credentials.clientSecret ?? '').trim()) {
			return 'The Sequence credential needs both a client ID and a client secret';
		}
		const region = String(credentials.region ?? 'sandbox');
		if (region === 'custom') {
			if (!String(credentials.baseUrl ?? '').trim()) {
				return 'The Sequence credential is set to a custom base URL but none is given: enter one or choose a region';
			}
		} else if (!(region in SEQUENCE_REGIONS)) {
			return `The Sequence credential's region "${region}" is unknown: choose Sandbox, EU (Production) or Custom Base URL`;
		}
		return undefined;
	},
};
