import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiResponse, Endpoint, PathId, Provider } from './descriptor';
import { encodeForm, toJsonBody } from './encode';
import { InputError, type WireObject } from './input';

/** A request ready to send: everything validated, ids encoded. */
export interface PreparedRequest {
	method: Endpoint['method'];
	path: string;
	query?: WireObject;
	body?: WireObject;
}

const UNSAFE_IN_PATH = /[/?#%\\\s\p{Cc}]/u;

/** An id that goes into a path can never change which endpoint is called. */
export function checkPathId(pathId: PathId, value: unknown): string {
	const fail = (reason: string): never => {
		throw new InputError(pathId.label, pathId.name, reason);
	};
	if (value === undefined || value === null || value === '') fail('is required');
	if (typeof value !== 'string' && typeof value !== 'number') fail('must be text');
	const id = String(value);
	if (UNSAFE_IN_PATH.test(id) || id === '.' || id === '..') {
		fail(`must not contain / ? # % \\ or whitespace, got "${id.slice(0, 60)}"`);
	}
	if (pathId.maxLength !== undefined && id.length > pathId.maxLength) {
		fail(`is ${id.length} characters long; at most ${pathId.maxLength} are allowed`);
	}
	if (pathId.pattern && !pathId.pattern.regex.test(id)) fail(pathId.pattern.message);
	return id;
}

export function buildPath(endpoint: Endpoint, ids: Record<string, unknown>): string {
	return endpoint.path.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
		const pathId = endpoint.pathIds.find((candidate) => candidate.name === name);
		if (!pathId) throw new Error(`Endpoint ${endpoint.path} does not describe its id {${name}}`);
		return encodeURIComponent(checkPathId(pathId, ids[name]));
	});
}

export function baseUrlOf(provider: Provider, credentials: ICredentialDataDecryptedObject): string {
	const base = provider.baseUrl(credentials).trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(base)) {
		throw new Error(`The ${provider.name} credential's base URL is not an http(s) URL`);
	}
	return base;
}

/** The credential type this item uses: fixed, or picked by the node's Authentication parameter. */
export function credentialTypeOf(context: IExecuteFunctions, provider: Provider, itemIndex: number): string {
	if (!provider.authentication) return provider.credentialType;
	const choice = context.getNodeParameter(provider.authentication.parameter, itemIndex) as string;
	return provider.authentication.types[choice] ?? provider.credentialType;
}

/** Replaces every secret value of the credential wherever it appears, in texts and nested data. */
export function scrubber(provider: Provider, credentials: ICredentialDataDecryptedObject) {
	// As stored and as sent: credentials trim what they send, and a server may echo either.
	const secrets = [
		...provider.secretFields.flatMap((field) => [String(credentials[field] ?? ''), String(credentials[field] ?? '').trim()]),
		...(provider.secretValues?.(credentials) ?? []),
	].filter((secret) => secret.length >= 4);
	const scrub = <T>(value: T): T => {
		if (typeof value === 'string') {
			return secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), value as string) as T;
		}
		if (Array.isArray(value)) return value.map(scrub) as T;
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, scrub(entry)])) as T;
		}
		return value;
	};
	return scrub;
}

/** The reason a request could not be made at all, with nothing of the request in it. */
function transportFailure(error: Error & { code?: string; cause?: { code?: string } }): string {
	const code = error.cause?.code ?? error.code;
	return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

/**
 * The HTTP answer inside an error n8n-core threw: `httpRequestWithAuthentication` wraps it in a
 * NodeApiError that keeps the status (`httpCode`) and a JSON body (`context.data`), not the headers.
 */
function thrownAnswer(error: unknown): IDataObject | undefined {
	const { httpCode, context } = error as { httpCode?: unknown; context?: { data?: unknown } };
	const statusCode = Number(httpCode);
	if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return undefined;
	return { statusCode, headers: {}, body: context?.data as IDataObject | undefined };
}

/**
 * Sends one prepared request with the node's credential. Every HTTP status comes back as a
 * response, so the provider's own error format decides the message.
 */
export async function send(
	context: IExecuteFunctions,
	provider: Provider,
	request: PreparedRequest,
	itemIndex: number,
): Promise<ApiResponse> {
	const credentialType = credentialTypeOf(context, provider, itemIndex);
	const credentials = await context.getCredentials(credentialType, itemIndex);
	const problem = provider.checkCredentials?.(credentials);
	if (problem) throw new NodeOperationError(context.getNode(), problem, { itemIndex });
	const scrub = scrubber(provider, credentials);
	const query = request.query && Object.keys(request.query).length ? `?${encodeForm(request.query)}` : '';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrlOf(provider, credentials)}${request.path}${query}`,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	options.headers = { ...provider.headers?.(credentials) };
	if (request.body) {
		if (provider.encoding === 'form') {
			options.body = encodeForm(request.body);
			options.headers['Content-Type'] = 'application/x-www-form-urlencoded';
		} else {
			options.body = toJsonBody(request.body);
			options.headers['Content-Type'] = 'application/json';
		}
	}
	const call = async (callOptions: IHttpRequestOptions): Promise<IDataObject> => {
		try {
			return (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				callOptions,
			)) as IDataObject;
		} catch (error) {
			const answer = callOptions.ignoreHttpStatusErrors ? undefined : thrownAnswer(error);
			if (answer) return answer;
			const reason = scrub(transportFailure(error as Error));
			throw new NodeApiError(context.getNode(), { message: reason } as JsonObject, {
				message: `Could not reach ${provider.name}: ${reason}`,
				description: `${request.method} ${request.path}`,
				itemIndex,
			});
		}
	};
	let response = await call(options);
	if (Number(response.statusCode) === 401 && credentials.oauthTokenData !== undefined) {
		// n8n-core refreshes an expired OAuth2 token only when a request throws a 401: ask once more
		// in that mode, so it refreshes the token and repeats the request with the new one. If the
		// refresh itself fails (no answer with a body), the provider's own 401 says the most.
		const retried = await call({ ...options, ignoreHttpStatusErrors: false }).catch(() => undefined);
		if (retried && (Number(retried.statusCode) < 400 || retried.body !== undefined)) response = retried;
	}
	const result: ApiResponse = {
		statusCode: Number(response.statusCode),
		headers: (response.headers ?? {}) as IDataObject,
		body: response.body,
	};
	if (result.statusCode >= 400) {
		const details = provider.describeError(result);
		const errorBody = scrub(typeof result.body === 'object' && result.body !== null ? result.body : {});
		const error = new NodeApiError(context.getNode(), errorBody as JsonObject, {
			message: scrub(details.message),
			description: details.description && scrub(details.description),
			httpCode: String(result.statusCode),
			itemIndex,
		});
		Object.assign(error.context, { details: scrub(details.details ?? {}) });
		throw error;
	}
	return result;
}
