import type {
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
	JsonObject,
	RequestHelperFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ApiResponse, Endpoint, PathId, Provider } from './descriptor';
import { InputError, type WireObject } from './input';
import { Pacer, backoffMs, headerValue, rateControllerFor, retryAfterMs, untilMs, type RateController, type Slot } from './throttle';
import { brokenText } from './values';

/** A request ready to send: everything validated, ids encoded. */
export interface PreparedRequest {
	method: Endpoint['method'];
	path: string;
	query?: WireObject;
	body?: WireObject;
	/** Sent with writes where the provider supports it, the same on every retry of this item. */
	idempotencyKey?: string;
	/**
	 * A write that must not be sent again once it may have reached the provider (a create without an
	 * idempotency key): it is resent only after a refused connection or a 429, which applied nothing.
	 */
	unsafe?: boolean;
}

/** Why a write that failed may have been applied all the same (no answer, or a 5xx), by error. */
const uncertain = new WeakMap<Error, string>();
/** Final 404s of writes whose earlier attempt got no clear answer: that attempt may be what removed the object. */
const lostBefore = new WeakMap<Error, string>();

/** Why this failed write may have been applied anyway; undefined when it provably was not. */
export const mayHaveBeenApplied = (error: unknown): string | undefined =>
	error instanceof Error ? uncertain.get(error) : undefined;

/** Why an earlier attempt of the write that ended in this error may have been applied; undefined if none may. */
export const earlierAttemptLost = (error: unknown): string | undefined =>
	error instanceof Error ? lostBefore.get(error) : undefined;

const UNSAFE_IN_PATH = /[/?#%\\\s\p{Cc}]/u;

/** An id that goes into a path can never change which endpoint is called. */
export function checkPathId(pathId: PathId, value: unknown): string {
	const fail = (reason: string): never => {
		throw new InputError(pathId.label, pathId.name, reason);
	};
	if (value === undefined || value === null || value === '') fail('is required');
	if (typeof value !== 'string' && typeof value !== 'number') fail('must be text');
	const id = String(value);
	const broken = brokenText(id);
	if (broken) fail(broken);
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

/** The ids an endpoint sends outside its path, by where they go; absent where none go. */
export function idsOutsidePath(endpoint: Endpoint, ids: Record<string, string>): { query?: WireObject; body?: WireObject } {
	const placed: { query?: WireObject; body?: WireObject } = {};
	for (const pathId of endpoint.pathIds) {
		if (pathId.in === 'query' || pathId.in === 'body') placed[pathId.in] = { ...placed[pathId.in], [pathId.name]: ids[pathId.name] };
	}
	return placed;
}

export function baseUrlOf(provider: Provider, credentials: ICredentialDataDecryptedObject): string {
	const base = provider.baseUrl(credentials).trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(base)) {
		throw new Error(`The ${provider.name} credential's base URL is not an http(s) URL`);
	}
	return base;
}

/**
 * The credential type in use: fixed, or picked by the node's Authentication parameter (which takes
 * expressions, so it may hold a value the node does not offer: refused, naming it).
 */
export function credentialTypeOf(provider: Provider, parameter: (name: string) => unknown): string {
	if (!provider.authentication) return provider.credentialType;
	const { types } = provider.authentication;
	const choice = parameter(provider.authentication.parameter);
	if (choice === undefined) return provider.credentialType;
	if (typeof choice === 'string' && Object.prototype.hasOwnProperty.call(types, choice)) return types[choice];
	throw new InputError('Authentication', '', `must be one of ${Object.keys(types).join(', ')}; got ${JSON.stringify(choice)}`);
}

/** Replaces every secret value of the credential wherever it appears, in texts and nested data. */
export function scrubber(provider: Provider, credentials: ICredentialDataDecryptedObject, credentialType: string) {
	// As stored and as sent: credentials trim what they send, and a server may echo either.
	// Listed at the first use: most requests succeed and never scrub anything.
	let secrets: string[] | undefined;
	const secretsOf = () =>
		(secrets ??= [
			...provider.secretFields.flatMap((field) => [String(credentials[field] ?? ''), String(credentials[field] ?? '').trim()]),
			...(provider.secretValues?.(credentials, credentialType) ?? []),
		].filter((secret) => secret.length >= 4));
	const scrub = <T>(value: T): T => {
		if (typeof value === 'string') {
			const text = secretsOf().reduce((result, secret) => result.split(secret).join('[redacted]'), value as string);
			return (provider.redact ? provider.redact(text) : text) as T;
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
function transportFailure(error: WrappedError): string {
	const code = error.cause?.code ?? error.errorResponse?.code ?? error.code;
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

/** How requests are sent: retries, timeout and rate (node options; provider defaults otherwise). */
export interface Transport {
	retries: number;
	timeoutMs: number;
	/** This node run's own highest rate: it paces the run's requests and no one else's. */
	requestsPerSecond?: number;
	/** Paces this node run's requests at `requestsPerSecond`. */
	pacer?: Pacer;
}

/** A transport whose own rate, if any, is paced for one node run. */
export function withOwnPace(transport: Transport): Transport {
	const rate = transport.requestsPerSecond;
	return rate ? { ...transport, pacer: new Pacer(() => rate, () => 1) } : transport;
}

const nodeCredentials = new WeakMap<object, INode['credentials']>();

/** The node's credentials, looked up once a run: n8n copies the whole node on every `getNode()`. */
function credentialsOfNode(context: RequestContext): INode['credentials'] {
	if (!nodeCredentials.has(context)) nodeCredentials.set(context, context.getNode().credentials);
	return nodeCredentials.get(context);
}

/**
 * The credential's rate controller in this process. A node's own rate above the provider's limit
 * (an account with a raised limit) gets a controller of its own, so it never changes what runs at
 * the documented limit get.
 */
function controllerOf(site: CallSite, credentials: ICredentialDataDecryptedObject): RateController {
	const { context, provider, credentialType, transport } = site;
	const credentialId = credentialsOfNode(context)?.[credentialType]?.id ?? credentialType;
	const limit = Math.max(provider.rateLimit(credentials, credentialType), transport.requestsPerSecond ?? 0);
	const burst = provider.rateBurst?.(credentials, credentialType);
	return rateControllerFor(`${credentialType}:${credentialId}`, limit, burst);
}

/** What an answer's quota headers say: the quota is nearly used up, and when an exhausted one resets. */
export interface Quota {
	low: boolean;
	resetInMs?: number;
}

function quotaOf(provider: Provider, headers: IDataObject): Quota {
	const names = provider.quotaHeaders;
	if (!names) return { low: false };
	const remaining = Number(headerValue(headers, names.remaining));
	const limit = names.limit ? Number(headerValue(headers, names.limit)) : NaN;
	const reserve = Number.isFinite(limit) && limit > 0 ? Math.max(1, limit * QUOTA_RESERVE) : 1;
	return {
		low: Number.isFinite(remaining) && remaining < reserve,
		resetInMs: names.resetAt ? untilMs(headerValue(headers, names.resetAt)) : undefined,
	};
}

/** Below this share of its quota left, a provider counts as congested. */
const QUOTA_RESERVE = 0.05;

export const DEFAULT_TRANSPORT: Transport = { retries: 3, timeoutMs: 30_000 };

/** What sending needs of n8n: a node run's context, or the context of a list shown in the editor. */
export interface RequestContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
}

/** Who sends: the node's context and credential, the provider, the input item, and how to send. */
export interface CallSite {
	context: RequestContext;
	provider: Provider;
	credentialType: string;
	itemIndex: number;
	transport: Transport;
}

/** More 429s than this for one request, or a longer wait than this, and it is reported as failed. */
const MAX_RATE_LIMITED = 10;
const MAX_WAIT_MS = 60_000;

const TRANSIENT = /ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|ECONNREFUSED|EAI_AGAIN|socket hang up|timeout/i;
/** Failures before any byte reached the server: a refused connection, a name that did not resolve. */
const NEVER_ARRIVED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/;

type WrappedError = Error & {
	code?: string;
	messages?: string[];
	cause?: { code?: string; message?: string };
	errorResponse?: { code?: string; message?: string };
};

const saysAny = (error: WrappedError, pattern: RegExp): boolean => {
	const original = error.cause ?? error.errorResponse;
	return [error.code, original?.code, original?.message, error.message, ...(error.messages ?? [])].some(
		(text) => typeof text === 'string' && pattern.test(text),
	);
};

/** A connection reset, refused or timed out: worth another try. n8n keeps the original under either key. */
const isTransient = (error: WrappedError): boolean => saysAny(error, TRANSIENT);

/** The request provably never reached the server, so nothing of it can have been applied. */
const neverArrived = (error: WrappedError): boolean => saysAny(error, NEVER_ARRIVED);


/** The HTTP options of a prepared request, as sent with these credentials. */
export function httpOptions(
	provider: Provider,
	credentials: ICredentialDataDecryptedObject,
	credentialType: string,
	request: PreparedRequest,
	timeoutMs: number,
): IHttpRequestOptions {
	const query = request.query && Object.keys(request.query).length ? `?${provider.codec.encodeQuery(request.query)}` : '';
	const headers: Record<string, string> = { ...provider.headers?.(credentials, credentialType) };
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrlOf(provider, credentials)}${request.path}${query}`,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
		headers,
	};
	if (request.body) {
		const encoded = provider.codec.encodeBody(request.body);
		options.body = encoded.body;
		headers['Content-Type'] = encoded.contentType;
	}
	if (request.idempotencyKey && provider.idempotencyHeader) headers[provider.idempotencyHeader] = request.idempotencyKey;
	return options;
}

/** How often one request has been tried again, by cause. */
export interface Attempts {
	/** After a connection failure or a retryable status. */
	retries: number;
	/** After a 429. */
	rateLimited: number;
}

/** What an answer asks of the sender: nothing (it is final), or another try after a wait. */
export type RetryDecision =
	| { retry: false }
	| {
			retry: true;
			/** The wait the server asked for; undefined: back off by the count of earlier tries. */
			waitMs?: number;
			/** The count this try adds to. */
			counts: keyof Attempts;
	  };

/** What decides a retry, all of it known once an answer is in. */
export interface RetryInput {
	status: number;
	/** The wait the answer asks for (quota reset or Retry-After), if any. */
	waitMs?: number;
	/** The provider's own verdict on a retry; undefined leaves it to the engine. */
	verdict?: boolean;
	attempts: Attempts;
	maxRetries: number;
	/** Statuses the provider retries besides 5xx. */
	retryStatuses?: number[];
}

/**
 * Whether to try again. A 429 is waited out (up to MAX_RATE_LIMITED times) unless the provider says
 * not to or Retries is 0; 5xx and the provider's retryable statuses are retried up to `maxRetries`.
 * A wait longer than MAX_WAIT_MS is never waited: the answer is reported as it is.
 */
export function retryDecision({ status, waitMs, verdict, attempts, maxRetries, retryStatuses = [] }: RetryInput): RetryDecision {
	if (status < 400 || (waitMs !== undefined && waitMs > MAX_WAIT_MS)) return { retry: false };
	if (status === 429) {
		const allowed = verdict !== false && maxRetries > 0 && attempts.rateLimited < MAX_RATE_LIMITED;
		return allowed ? { retry: true, waitMs, counts: 'rateLimited' } : { retry: false };
	}
	const retryable = verdict ?? (status >= 500 || retryStatuses.includes(status));
	return retryable && attempts.retries < maxRetries ? { retry: true, waitMs, counts: 'retries' } : { retry: false };
}

/** How long an answer asks to wait: an exhausted quota's reset on a 429, else its Retry-After. */
export const waitAskedMs = (status: number, headers: IDataObject, quota: Quota): number | undefined =>
	(status === 429 ? quota.resetInMs : undefined) ?? retryAfterMs(headers);

/** Tells the credential's rate controller what an answer says about the provider's load. */
function steer(controller: RateController, slot: Slot, status: number, quota: Quota): void {
	if (status === 429 || quota.low) controller.congested(slot, status !== 429);
	// An exhausted quota holds back every request until it resets. A plain Retry-After is waited out
	// by the request alone: the lowered rate already spaces the others.
	if (status === 429 && quota.resetInMs !== undefined) controller.pauseFor(Math.min(quota.resetInMs, MAX_WAIT_MS));
}

/** What one send needs besides its request: the credential in use and what scrubs its secrets. */
interface Sending {
	site: CallSite;
	credentials: ICredentialDataDecryptedObject;
	scrub: <T>(value: T) => T;
}

/** The HTTP answer, or the error of a request that got none. */
async function call(site: CallSite, options: IHttpRequestOptions): Promise<IDataObject | Error> {
	const { context, credentialType } = site;
	try {
		// Both kinds of context n8n-core hands us carry the request helpers this needs.
		return (await context.helpers.httpRequestWithAuthentication.call(
			context as IAllExecuteFunctions,
			credentialType,
			options,
		)) as IDataObject;
	} catch (error) {
		return (options.ignoreHttpStatusErrors ? undefined : thrownAnswer(error)) ?? (error as Error);
	}
}

/**
 * One answer. n8n-core refreshes an expired OAuth2 token only when a request throws a 401: after a
 * 401 with an OAuth2 credential the request is made once more in that mode, so n8n refreshes the
 * token and repeats it. If the refresh itself fails (no answer with a body), the first 401 says the most.
 */
async function answerOf(site: CallSite, options: IHttpRequestOptions): Promise<IDataObject | Error> {
	const answer = await call(site, options);
	const refreshes = site.provider.oauth2CredentialTypes?.includes(site.credentialType);
	if (answer instanceof Error || Number(answer.statusCode) !== 401 || !refreshes) return answer;
	const retried = await call(site, { ...options, ignoreHttpStatusErrors: false });
	const usable = !(retried instanceof Error) && (Number(retried.statusCode) < 400 || retried.body !== undefined);
	return usable ? retried : answer;
}

const isWrite = (request: PreparedRequest) => request.method !== 'GET';

/**
 * A request that got no answer, with nothing of the request in it but its method and path. A write
 * that may have reached the server says it may have been applied.
 */
function unreachable({ site, scrub }: Sending, request: PreparedRequest, error: Error): NodeApiError {
	const reason = scrub(transportFailure(error));
	const arrived = !neverArrived(error);
	const maybe = arrived && isWrite(request);
	const nodeError = new NodeApiError(site.context.getNode(), { message: reason } as JsonObject, {
		message: `${maybe ? `No answer from ${site.provider.name}` : `Could not reach ${site.provider.name}`}: ${reason}`,
		description: `${request.method} ${request.path}${maybe ? MAY_HAVE_BEEN_APPLIED : arrived ? '' : NOTHING_ARRIVED}`,
		itemIndex: site.itemIndex,
	});
	if (maybe) uncertain.set(nodeError, `no answer came back (${reason})`);
	return nodeError;
}

const MAY_HAVE_BEEN_APPLIED = ': the request may have reached the provider and been applied.';
const NOTHING_ARRIVED = ': the request never reached the provider, so nothing was applied.';

/** A non-2xx answer as a NodeApiError in the provider's own words, secrets scrubbed. */
function apiError({ site, scrub }: Sending, result: ApiResponse): NodeApiError {
	const details = site.provider.describeError(result, site.credentialType);
	const errorBody = scrub(typeof result.body === 'object' && result.body !== null ? result.body : {});
	const error = new NodeApiError(site.context.getNode(), errorBody as JsonObject, {
		message: scrub(details.message),
		description: details.description && scrub(details.description),
		httpCode: String(result.statusCode),
		itemIndex: site.itemIndex,
	});
	Object.assign(error.context, { details: scrub(details.details ?? {}) });
	return error;
}

/**
 * Sends until an answer is final: paced by the credential's controller, retried as retryDecision says.
 * An unsafe write is never sent again once it may have arrived; `lost` is why an attempt that was
 * retried may have been applied (no answer, or a 5xx).
 */
async function exchange(
	sending: Sending,
	request: PreparedRequest,
	options: IHttpRequestOptions,
): Promise<{ answer: IDataObject; lost?: string }> {
	const { site, credentials } = sending;
	const { provider, transport } = site;
	const controller = controllerOf(site, credentials);
	const attempts: Attempts = { retries: 0, rateLimited: 0 };
	let lost: string | undefined;
	for (;;) {
		await transport.pacer?.take();
		const slot: Slot = await controller.acquire();
		const answer = await answerOf(site, options);
		if (answer instanceof Error) {
			const arrived = !neverArrived(answer);
			if (attempts.retries >= transport.retries || !isTransient(answer) || (arrived && request.unsafe)) {
				throw unreachable(sending, request, answer);
			}
			if (arrived && isWrite(request)) lost = `no answer came back (${sending.scrub(transportFailure(answer))})`;
			await sleep(backoffMs(attempts.retries++));
			continue;
		}
		const status = Number(answer.statusCode);
		const headers = (answer.headers ?? {}) as IDataObject;
		const quota = quotaOf(provider, headers);
		steer(controller, slot, status, quota);
		const verdict = status >= 400 ? provider.shouldRetry?.({ statusCode: status, headers, body: answer.body }) : false;
		const decision = retryDecision({
			status,
			waitMs: waitAskedMs(status, headers, quota),
			verdict,
			attempts,
			maxRetries: transport.retries,
			retryStatuses: provider.retryStatuses,
		});
		// A 429 applied nothing; any other answer worth a retry may have, so an unsafe write stops here.
		if (!decision.retry || (request.unsafe && decision.counts !== 'rateLimited')) return { answer, lost };
		if (status >= 500 && isWrite(request)) lost = `it answered HTTP ${status}`;
		await sleep(decision.waitMs ?? backoffMs(attempts[decision.counts]));
		attempts[decision.counts]++;
	}
}

/**
 * Sends one prepared request with the node's credential, at the credential's rate. Connection
 * failures, 5xx (and the provider's own retryable statuses) are retried with backoff; a 429 waits
 * as the server asks and slows the rate. Every HTTP status comes back as a response, so the
 * provider's own error format decides the message.
 */
export async function send(site: CallSite, request: PreparedRequest): Promise<ApiResponse> {
	const { context, provider, credentialType, itemIndex, transport } = site;
	const credentials = await context.getCredentials(credentialType, itemIndex);
	const problem = provider.checkCredentials?.(credentials, credentialType);
	if (problem) throw new NodeOperationError(context.getNode(), problem, { itemIndex });
	const sending: Sending = { site, credentials, scrub: scrubber(provider, credentials, credentialType) };
	const options = httpOptions(provider, credentials, credentialType, request, transport.timeoutMs);
	const { answer, lost } = await exchange(sending, request, options);
	const result: ApiResponse = {
		statusCode: Number(answer.statusCode),
		headers: (answer.headers ?? {}) as IDataObject,
		body: answer.body,
	};
	if (result.statusCode < 400) {
		if (provider.replayHeader && request.idempotencyKey) result.replayed = headerValue(result.headers, provider.replayHeader) === 'true';
		if (lost) result.afterLostAnswer = lost;
		return result;
	}
	const error = apiError(sending, result);
	if (request.idempotencyKey && provider.keyReused?.(result)) {
		const kept = provider.idempotencyKeptFor ? ` for ${provider.idempotencyKeptFor}` : '';
		error.description = [
			error.message,
			`A key stands for one write${kept}: give a different item its own Deduplication Key, or send the same item with the same values.`,
		].join(' · ');
		error.message = `Already created with other values: ${provider.name} saw the ${provider.idempotencyHeader} "${sending.scrub(request.idempotencyKey)}" before, with other values, so nothing was applied`;
		throw error;
	}
	if (isWrite(request) && result.statusCode >= 500) {
		uncertain.set(error, `it answered HTTP ${result.statusCode}`);
		error.description = [error.description, `${request.method} ${request.path}${MAY_HAVE_BEEN_APPLIED}`].filter(Boolean).join(' · ');
	} else if (lost) lostBefore.set(error, lost);
	throw error;
}
