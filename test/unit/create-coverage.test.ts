/**
 * Issue 17's target: every writable field of every create body (and of Stripe's add_lines and
 * remove_lines) is reachable in the node's UI, and the UI offers nothing the schema lacks. The
 * schemas are the official ones (test/fixtures: Stripe's lifecycle request contracts, the JSON
 * providers' documents with their lifecycle paths). The UI is read from the node's properties;
 * the descriptor only says where a UI field lands on the wire (inside an object, in a list entry,
 * in an envelope, or written from another field).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import * as rebillyItem from '../../nodes/Rebilly/endpoints/invoiceItem';
import * as sequenceLine from '../../nodes/Sequence/endpoints/invoiceLineItem';
import * as spacebringItem from '../../nodes/Spacebring/endpoints/invoiceItem';
import * as stripeItem from '../../nodes/Stripe/endpoints/invoiceItem';
import * as stripeLine from '../../nodes/Stripe/endpoints/invoiceLineItem';
import type { Endpoint } from '../../nodes/shared/descriptor';
import stripeLifecycle from '../fixtures/stripe.lifecycle.requests.json';
import { ENGINE_OPTIONS } from '../../nodes/shared/engineParameters';
import { onTheNode } from '../harness/properties';

type Schema = {
	$ref?: string;
	type?: string | string[];
	readOnly?: boolean;
	properties?: Record<string, Schema>;
	items?: Schema;
	anyOf?: Schema[];
	allOf?: Schema[];
	oneOf?: Schema[];
	content?: Record<string, { schema: Schema }>;
};

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8')) as Record<string, unknown>;

/** Follows local `$ref`s of an OpenAPI document. */
const resolver =
	(document: Record<string, unknown>) =>
	(schema: Schema): Schema => {
		let current = schema;
		while (current.$ref) {
			current = current.$ref
				.slice(2)
				.split('/')
				.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], document) as Schema;
		}
		return current;
	};

/** Every writable property path of a request schema (`price_data.product_data.name`, `lines[].id`). */
function schemaPaths(schema: Schema, resolve: (schema: Schema) => Schema, prefix = '', depth = 0): string[] {
	const own = resolve(schema);
	if (depth > 6) return [];
	const paths: string[] = [];
	for (const branch of [...(own.anyOf ?? []), ...(own.oneOf ?? []), ...(own.allOf ?? []), own].map(resolve)) {
		if (branch.items) paths.push(...schemaPaths(branch.items, resolve, `${prefix}[]`, depth + 1));
		for (const [name, child] of Object.entries(branch.properties ?? {})) {
			if (resolve(child).readOnly) continue;
			const path = prefix ? `${prefix}.${name}` : name;
			paths.push(path, ...schemaPaths(child, resolve, path, depth + 1));
		}
	}
	return [...new Set(paths.map((path) => path.replace('.[]', '[]')))];
}

const CONTAINERS = new Set(['values', 'optionalFields']);
/** Options that say how to send, not what. */
const NOT_BODY = new Set<string>(Object.values(ENGINE_OPTIONS));

/** Every path the UI can produce (as n8n parameter names) for one resource/operation. */
function uiPaths(properties: INodeProperties[], prefix = ''): string[] {
	const paths: string[] = [];
	for (const property of properties) {
		if (property.type === 'notice' || NOT_BODY.has(property.name)) continue;
		const path = CONTAINERS.has(property.name) ? prefix : prefix ? `${prefix}.${property.name}` : property.name;
		const isList = property.type === 'fixedCollection' && property.typeOptions?.multipleValues === true;
		if (path !== prefix) paths.push(path);
		if (property.type === 'fixedCollection' && !(property.options as INodePropertyCollection[]).some((option) => option.name === 'pairs')) {
			for (const option of property.options as INodePropertyCollection[])
				paths.push(...uiPaths(option.values, isList ? `${path}[]` : path));
		}
		if (property.type === 'collection') paths.push(...uiPaths(property.options as INodeProperties[], path));
	}
	return paths;
}

/** Where a UI path lands on the wire, as the descriptor places it. */
function wirePath(endpoint: Endpoint, uiPath: string): string {
	const [name, ...rest] = uiPath.split('.');
	const field = endpoint.body?.fields.find((candidate) => candidate.name === name);
	let path = [field?.inside, name, ...rest].filter(Boolean).join('.').replace('.[]', '[]');
	const entry = endpoint.body?.listEntry;
	if (entry && !entry.outside?.includes(name)) path = `${entry.key}[].${path}`;
	if (endpoint.body?.envelope) path = `${endpoint.body.envelope}.${path}`;
	return path;
}

/** The body paths the node can send for an endpoint: its UI fields, ids sent in the body, fields written from others. */
function reachable(node: INodeType, resource: string, endpoint: Endpoint): string[] {
	const shown = node.description.properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(endpoint.operation),
	);
	const bodyNames = new Set([...(endpoint.body?.fields ?? []).map((field) => field.name), 'updateFields', 'options']);
	const inBody = endpoint.pathIds.filter((pathId) => pathId.in === 'body').map((pathId) => pathId.name);
	const fromUi = shown
		.filter((property) => bodyNames.has(property.name) || inBody.includes(property.name))
		.flatMap((property) =>
			['updateFields', 'options'].includes(property.name) ? uiPaths(property.options as INodeProperties[]) : uiPaths([property]),
		);
	const written = (endpoint.body?.fields ?? []).filter((field) => field.sameAs).map((field) => field.name);
	const paths = [...fromUi, ...written].map((path) => wirePath(endpoint, path));
	// A field inside an object or list names the object too (`product` for `product.title`).
	const parents = paths.flatMap((path) =>
		path
			.split('.')
			.slice(0, -1)
			.map((_part, index, parts) => parts.slice(0, index + 1).join('.')),
	);
	return [...new Set([...paths, ...parents.map((path) => path.replace(/\[\]$/, ''))])].sort();
}

const rebillySpec = fixture('rebilly.openapi.json');
const sequenceSpec = fixture('sequence.openapi.json');
const spacebringSpec = fixture('spacebring.openapi.json');

const jsonBody = (document: Record<string, unknown>, path: string): [Schema, (schema: Schema) => Schema] => {
	const resolve = resolver(document);
	const operation = (document.paths as Record<string, Record<string, { requestBody: Schema }>>)[path].post;
	return [resolve(resolve(operation.requestBody).content!['application/json'].schema), resolve];
};

const stripeBody = (operation: keyof typeof stripeLifecycle): [Schema, (schema: Schema) => Schema] => [
	(stripeLifecycle[operation] as { requestBody: Schema }).requestBody,
	(schema) => schema,
];

const CASES: Array<[string, INodeType, string, Endpoint, [Schema, (schema: Schema) => Schema]]> = [
	['Stripe invoice item create', new StripeInvoicing(), 'invoiceItem', stripeItem.createInvoiceItem, stripeBody('POST /v1/invoiceitems')],
	[
		'Stripe add_lines',
		new StripeInvoicing(),
		'invoiceLineItem',
		stripeLine.addInvoiceLineItem,
		stripeBody('POST /v1/invoices/{invoice}/add_lines'),
	],
	[
		'Stripe remove_lines',
		new StripeInvoicing(),
		'invoiceLineItem',
		stripeLine.removeInvoiceLineItem,
		stripeBody('POST /v1/invoices/{invoice}/remove_lines'),
	],
	['Rebilly create', new Rebilly(), 'invoiceItem', rebillyItem.createInvoiceItem, jsonBody(rebillySpec, '/invoices/{id}/items')],
	[
		'Sequence create',
		new SequenceBilling(),
		'invoiceLineItem',
		sequenceLine.createInvoiceLineItem,
		jsonBody(sequenceSpec, '/invoices/{invoice}/line-items'),
	],
	[
		'Spacebring create',
		new Spacebring(),
		'invoiceItem',
		spacebringItem.createInvoiceItem,
		jsonBody(spacebringSpec, '/billing/invoices/v1/items'),
	],
];

describe('every writable field of every create body is reachable in the UI, and nothing else', () => {
	test.each(CASES)('%s', (_name, node, resource, endpoint, [schema, resolve]) => {
		const wanted = schemaPaths(schema, resolve).sort();
		expect(wanted.length).toBeGreaterThan(3);
		expect(reachable(node, resource, endpoint)).toEqual(wanted);
	});
});

test('Delete asks for nothing but ids (and Options) on every provider', () => {
	const nodes: Array<[INodeType, string]> = [
		[new StripeInvoicing(), 'invoiceItem'],
		[new Rebilly(), 'invoiceItem'],
		[new SequenceBilling(), 'invoiceLineItem'],
		[new Spacebring(), 'invoiceItem'],
	];
	for (const [node, resource] of nodes) {
		const shown = node.description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes('delete') &&
				onTheNode(property) &&
				property.type !== 'notice',
		);
		expect(shown.length).toBeGreaterThan(1);
		for (const property of shown)
			expect([property.name, property.type]).toEqual([property.name, property.name === 'options' ? 'collection' : 'resourceLocator']);
	}
});
