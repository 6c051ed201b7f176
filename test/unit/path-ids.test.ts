/**
 * Every id an endpoint puts in its path keeps the limits the provider's official spec gives that path
 * parameter: its maximum length, and for a uuid its form. Checked before anything is sent, so an id
 * the API would refuse never leaves (a 5001-character Stripe id used to be POSTed). A node may be
 * stricter where the spec describes the id elsewhere (Rebilly's item ids are its 50-character ids).
 */
import type { Endpoint, PathId } from '../../nodes/shared/descriptor';
import { checkPathId } from '../../nodes/shared/request';
import * as rebilly from '../../nodes/Rebilly/endpoints/invoiceItem';
import * as sequence from '../../nodes/Sequence/endpoints/invoiceLineItem';
import * as spacebring from '../../nodes/Spacebring/endpoints/invoiceItem';
import * as stripeItem from '../../nodes/Stripe/endpoints/invoiceItem';
import * as stripeLine from '../../nodes/Stripe/endpoints/invoiceLineItem';
import rebillySpec from '../fixtures/rebilly.openapi.json';
import sequenceSpec from '../fixtures/sequence.openapi.json';
import spacebringSpec from '../fixtures/spacebring.openapi.json';
import stripeLists from '../fixtures/stripe.lists.json';
import stripeLifecycle from '../fixtures/stripe.lifecycle.requests.json';
import stripeRequests from '../fixtures/stripe.requests.json';

interface Schema {
	type?: string;
	maxLength?: number;
	format?: string;
}
interface Parameter {
	name: string;
	in: string;
	schema?: Schema;
	$ref?: string;
}
interface OpenApi {
	paths: Record<string, Record<string, { parameters?: Parameter[] }> & { parameters?: Parameter[] }>;
	components?: { parameters?: Record<string, Parameter> };
}

/** The path parameters of one operation, in the order they appear in the path. */
type SpecLookup = (method: string, path: string) => Array<{ name: string; schema: Schema }> | undefined;

const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
const placeholders = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);

function openApiLookup(spec: OpenApi): SpecLookup {
	const resolve = (parameter: Parameter) =>
		parameter.$ref ? spec.components!.parameters![parameter.$ref.split('/').pop()!] : parameter;
	return (method, path) => {
		const specPath = Object.keys(spec.paths).find((candidate) => shape(candidate) === shape(path));
		const operation = specPath && spec.paths[specPath][method.toLowerCase()];
		if (!specPath || !operation) return undefined;
		const parameters = [...(spec.paths[specPath].parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
		return placeholders(specPath).map((name) => ({
			name,
			schema: parameters.find((parameter) => parameter.in === 'path' && parameter.name === name)?.schema ?? {},
		}));
	};
}

const stripeLookup: SpecLookup = (method, path) => {
	const operation = ({ ...stripeRequests, ...stripeLists, ...stripeLifecycle } as Record<string, { pathParameters: Record<string, Schema> }>)[`${method} ${path}`];
	return operation && placeholders(path).map((name) => ({ name, schema: operation.pathParameters[name] ?? {} }));
};

const isEndpoint = (value: unknown): value is Endpoint =>
	typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'pathIds' in value;

/** The calls the endpoints a module exports make: their own, a read-back, or the list they find in. */
function endpointsOf(...modules: object[]): Endpoint[] {
	const found = new Set<Endpoint>();
	const add = (endpoint: Endpoint) => {
		if (endpoint.findIn) return add(endpoint.findIn.list);
		found.add(endpoint);
		if (endpoint.readBack) add(endpoint.readBack);
	};
	for (const module of modules) for (const value of Object.values(module)) if (isEndpoint(value)) add(value);
	return [...found];
}

const providers: Array<[string, Endpoint[], SpecLookup]> = [
	['Stripe', endpointsOf(stripeItem, stripeLine), stripeLookup],
	['Rebilly', endpointsOf(rebilly), openApiLookup(rebillySpec as unknown as OpenApi)],
	['Sequence', endpointsOf(sequence), openApiLookup(sequenceSpec as unknown as OpenApi)],
	['Spacebring', endpointsOf(spacebring), openApiLookup(spacebringSpec as unknown as OpenApi)],
];

const cases = providers.flatMap(([provider, endpoints, lookup]) =>
	endpoints.flatMap((endpoint) => {
		const parameters = lookup(endpoint.method, endpoint.path);
		if (!parameters) throw new Error(`${provider}: ${endpoint.method} ${endpoint.path} is not in the spec`);
		return placeholders(endpoint.path).map((name, position) => {
			const pathId = endpoint.pathIds.find((candidate) => candidate.name === name);
			if (!pathId) throw new Error(`${provider}: ${endpoint.path} does not describe {${name}}`);
			return [`${provider} ${endpoint.method} ${endpoint.path} {${name}}`, pathId, parameters[position].schema] as const;
		});
	}),
);

const refused = (pathId: PathId, value: string) => {
	try {
		checkPathId(pathId, value);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
};

describe('every path id keeps the limits of the official spec', () => {
	test('every update endpoint of every provider is covered', () => {
		expect(cases.length).toBeGreaterThanOrEqual(10);
	});

	test.each(cases)('%s', (_name, pathId, schema) => {
		if (schema.maxLength !== undefined) {
			expect(pathId.maxLength).toBeLessThanOrEqual(schema.maxLength);
			expect(refused(pathId, 'x'.repeat(schema.maxLength + 1))).toMatch(`at most ${pathId.maxLength} are allowed`);
			expect(refused(pathId, 'x'.repeat(pathId.maxLength!))).toBeUndefined();
		}
		if (schema.format === 'uuid') {
			expect(refused(pathId, '3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBeUndefined();
			expect(refused(pathId, 'not-a-uuid')).toBeDefined();
		}
	});
});
