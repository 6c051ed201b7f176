/** The engine's own parameters: the clash check run when a node's properties are built, and the typed readers. */
import { jsonCodec } from '../../nodes/shared/codec';
import type { Endpoint, Field, Provider } from '../../nodes/shared/descriptor';
import { checkNoClash, readLimit, readReadBack, readTransport, readUpdateMode } from '../../nodes/shared/engineParameters';
import { resourceProperties } from '../../nodes/shared/properties';

const toy: Provider = {
	name: 'Toy',
	credentialType: 'toyApi',
	authentication: { parameter: 'authentication', types: { key: 'toyApi', oauth: 'toyOAuth2Api' } },
	baseUrl: () => 'https://toy.test',
	codec: jsonCodec,
	describeError: () => ({ message: 'failed' }),
	secretFields: [],
	rateLimit: () => 10,
};

const note: Field = { name: 'note', label: 'Note', type: 'string' };

const update = (fields: Field[], query: Field[] = []): Endpoint => ({
	operation: 'update',
	name: 'Update',
	action: 'update thing',
	method: 'PUT',
	path: '/things/{thing}',
	pathIds: [{ name: 'thing', label: 'Thing ID' }],
	body: { fields, replaces: { read: { operation: 'get', name: 'Get', action: 'get thing', method: 'GET', path: '/things/{thing}', pathIds: [] } } },
	query,
});

const build = (endpoint: Endpoint) => () =>
	resourceProperties(toy, [{ name: 'Thing', value: 'thing', endpoints: [endpoint] }]);

describe('checkNoClash', () => {
	test('a descriptor without clashes builds', () => {
		const updateFields = build(update([note]))().filter((property) => property.name === 'updateFields');
		expect(updateFields.flatMap((property) => (property.options ?? []).map((option) => option.name))).toEqual(['note', 'note']);
		expect(() => checkNoClash(toy, 'thing', update([note]))).not.toThrow();
	});

	test.each([
		['a body field named like a transport option', update([note, { name: 'timeout', label: 'Timeout', type: 'integer' }]), 'the field "timeout"'],
		['a query field named like the read-back switch', update([note], [{ name: 'readBack', label: 'Read Back', type: 'boolean' }]), 'the field "readBack"'],
		['a body field named like Limit', update([{ name: 'limit', label: 'Limit', type: 'integer', required: true }]), 'the field "limit"'],
		['a body field named like the Update Mode', update([{ name: 'updateMode', label: 'Mode', type: 'string' }]), 'the field "updateMode"'],
		['a field named like the Options collection', update([{ name: 'options', label: 'Options', type: 'string' }]), 'the field "options"'],
		['a field named like the Authentication parameter', update([{ name: 'authentication', label: 'Auth', type: 'string' }]), 'the field "authentication"'],
		['an id named like Resource', { ...update([note]), path: '/things/{resource}', pathIds: [{ name: 'resource', label: 'Thing ID' }] }, 'the id "resource"'],
	])('refuses %s when the properties are built', (_what, endpoint, named) => {
		expect(build(endpoint as Endpoint)).toThrow(`Toy thing.update: ${named} is named like one of the engine's own parameters`);
	});
});

describe('typed readers', () => {
	const reader = (values: Record<string, unknown>) => (name: string, fallback?: unknown) => values[name] ?? fallback;
	const list: Endpoint = { ...update([note]), body: undefined, paging: { next: { type: 'whole' } } };

	test('the Update Mode is merge unless replace is chosen, and only for writes that replace the object', () => {
		expect(readUpdateMode(update([note]), reader({}))).toBe('merge');
		expect(readUpdateMode(update([note]), reader({ updateMode: 'replace' }))).toBe('replace');
		expect(readUpdateMode(list, reader({ updateMode: 'replace' }))).toBeUndefined();
	});

	test('the limit is 50 by default, Infinity with Return All, and only for lists', () => {
		expect(readLimit(list, reader({}))).toBe(50);
		expect(readLimit(list, reader({ limit: 7 }))).toBe(7);
		expect(readLimit(list, reader({ returnAll: true, limit: 7 }))).toBe(Infinity);
		expect(readLimit(update([note]), reader({ limit: 7 }))).toBeUndefined();
	});

	test('read-back is on unless turned off', () => {
		expect(readReadBack({})).toBe(true);
		expect(readReadBack({ readBack: false })).toBe(false);
	});

	test('the transport options keep their defaults when empty and refuse values out of bounds', () => {
		expect(readTransport({})).toMatchObject({ transport: { retries: 3, timeoutMs: 30_000 }, concurrency: 16 });
		expect(readTransport({ maxRetries: '0', timeout: '', maxConcurrency: 2 })).toMatchObject({
			transport: { retries: 0, timeoutMs: 30_000 },
			concurrency: 2,
		});
		expect(readTransport({ requestsPerSecond: 4 }).transport.pacer).toBeDefined();
		expect(() => readTransport({ maxRetries: 11 })).toThrow('"Options → Retries" must be between 0 and 10, got 11');
		expect(() => readTransport({ maxConcurrency: 1.5 })).toThrow('"Options → Max Concurrent Requests" must be a whole number, got 1.5');
	});
});
