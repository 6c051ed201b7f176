/** The pure pieces of sending: the retry decision, the HTTP options, the codecs. No HTTP. */
import type { Codec } from '../../nodes/shared/codec';
import { bracketFormCodec, jsonCodec } from '../../nodes/shared/codec';
import type { Provider } from '../../nodes/shared/descriptor';
import { CLEARED } from '../../nodes/shared/input';
import { httpOptions, retryDecision, waitAskedMs, type RetryInput } from '../../nodes/shared/request';

const fresh = { retries: 0, rateLimited: 0 };
const decide = (input: Partial<RetryInput> & { status: number }) =>
	retryDecision({ attempts: fresh, maxRetries: 3, ...input });

describe('retryDecision', () => {
	test('a success or a plain client error is final', () => {
		expect(decide({ status: 200 })).toEqual({ retry: false });
		expect(decide({ status: 204, verdict: true })).toEqual({ retry: false });
		expect(decide({ status: 400 })).toEqual({ retry: false });
		expect(decide({ status: 404 })).toEqual({ retry: false });
	});

	test('5xx and the provider’s retryable statuses are retried, counted as retries, up to the limit', () => {
		expect(decide({ status: 503 })).toEqual({ retry: true, waitMs: undefined, counts: 'retries' });
		expect(decide({ status: 409, retryStatuses: [409] })).toEqual({ retry: true, waitMs: undefined, counts: 'retries' });
		expect(decide({ status: 409 })).toEqual({ retry: false });
		expect(decide({ status: 500, attempts: { retries: 3, rateLimited: 0 } })).toEqual({ retry: false });
		expect(decide({ status: 500, maxRetries: 0 })).toEqual({ retry: false });
	});

	test('the provider’s verdict overrides the status', () => {
		expect(decide({ status: 500, verdict: false })).toEqual({ retry: false });
		expect(decide({ status: 400, verdict: true })).toEqual({ retry: true, waitMs: undefined, counts: 'retries' });
	});

	test('a 429 waits as asked, counted apart from retries, until ten of them or Retries 0', () => {
		expect(decide({ status: 429, waitMs: 2000 })).toEqual({ retry: true, waitMs: 2000, counts: 'rateLimited' });
		expect(decide({ status: 429, attempts: { retries: 3, rateLimited: 9 } })).toEqual({ retry: true, waitMs: undefined, counts: 'rateLimited' });
		expect(decide({ status: 429, attempts: { retries: 0, rateLimited: 10 } })).toEqual({ retry: false });
		expect(decide({ status: 429, maxRetries: 0 })).toEqual({ retry: false });
		expect(decide({ status: 429, verdict: false })).toEqual({ retry: false });
	});

	test('a wait over a minute is never waited', () => {
		expect(decide({ status: 429, waitMs: 60_001 })).toEqual({ retry: false });
		expect(decide({ status: 503, waitMs: 60_001 })).toEqual({ retry: false });
		expect(decide({ status: 503, waitMs: 60_000 })).toEqual({ retry: true, waitMs: 60_000, counts: 'retries' });
	});
});

describe('waitAskedMs', () => {
	test('a 429 with an exhausted quota waits for its reset; otherwise Retry-After decides', () => {
		expect(waitAskedMs(429, { 'Retry-After': '2' }, { low: true, resetInMs: 5000 })).toBe(5000);
		expect(waitAskedMs(503, { 'Retry-After': '2' }, { low: true, resetInMs: 5000 })).toBe(2000);
		expect(waitAskedMs(429, {}, { low: false })).toBeUndefined();
	});
});

const provider = (codec: Codec, extra: Partial<Provider> = {}): Provider => ({
	name: 'Toy',
	credentialType: 'toyApi',
	baseUrl: (credentials) => String(credentials.baseUrl),
	codec,
	describeError: () => ({ message: 'failed' }),
	secretFields: [],
	rateLimit: () => 10,
	...extra,
});

describe('httpOptions', () => {
	const request = { method: 'POST' as const, path: '/things/t1', query: { expand: ['a'] }, body: { name: 'x', note: CLEARED } };

	test('the codec writes the body, its content type and the query', () => {
		const form = httpOptions(provider(bracketFormCodec), { baseUrl: 'https://toy.test/' }, 'toyApi', request, 1000);
		expect(form).toMatchObject({
			method: 'POST',
			url: 'https://toy.test/things/t1?expand[0]=a',
			body: 'name=x&note=',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			timeout: 1000,
		});
		const json = httpOptions(provider(jsonCodec), { baseUrl: 'https://toy.test' }, 'toyApi', request, 1000);
		expect(json).toMatchObject({ body: { name: 'x', note: null }, headers: { 'Content-Type': 'application/json' } });
	});

	test('the provider’s headers learn the credential type in use; the idempotency key goes in its header', () => {
		const headers = jest.fn((_credentials: object, type: string) => ({ 'X-Type': type }));
		const toy = provider(jsonCodec, { headers, idempotencyHeader: 'Idempotency-Key' });
		const options = httpOptions(toy, { baseUrl: 'https://toy.test' }, 'toyOAuth2Api', { ...request, idempotencyKey: 'k-1' }, 1000);
		expect(headers).toHaveBeenCalledWith({ baseUrl: 'https://toy.test' }, 'toyOAuth2Api');
		expect(options.headers).toEqual({ 'X-Type': 'toyOAuth2Api', 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' });
	});
});

describe('codecs', () => {
	test('the bracket form refuses bracketed keys and treats an empty text as removal; JSON does neither', () => {
		expect(bracketFormCodec.keyProblem('a[b]')).toBe('key must not contain [ or ]');
		expect(bracketFormCodec.keyProblem('plan')).toBeUndefined();
		expect(bracketFormCodec.emptyTextClears).toBe(true);
		expect(jsonCodec.keyProblem('a[b]')).toBeUndefined();
		expect(jsonCodec.emptyTextClears).toBe(false);
	});
});
