import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import fixtures from '../fixtures/stripe.requests.json';
import { ENGINE_OPTIONS } from '../../nodes/shared/engineParameters';

type Schema = {
	type?: string;
	properties?: Record<string, Schema>;
	items?: Schema;
	anyOf?: Schema[];
	additionalProperties?: boolean | Schema;
};

/** Every property path of a request schema (`price_data.product_data.name`, `discounts[].coupon`). */
function schemaPaths(schema: Schema, prefix = ''): string[] {
	const paths: string[] = [];
	for (const branch of schema.anyOf ?? [schema]) {
		if (branch.items) paths.push(...schemaPaths(branch.items, `${prefix}[]`));
		for (const [name, child] of Object.entries(branch.properties ?? {})) {
			const path = prefix ? `${prefix}.${name}` : name;
			paths.push(path, ...schemaPaths(child, path));
		}
	}
	return paths.map((path) => path.replace('.[]', '[]'));
}

const CONTAINERS = new Set(['values', 'optionalFields']);

/** Every wire path the node's UI can produce for one resource/operation. */
function uiPaths(properties: INodeProperties[], prefix = '', list = false): string[] {
	const paths: string[] = [];
	for (const property of properties) {
		const path = CONTAINERS.has(property.name) ? prefix : prefix ? `${prefix}.${property.name}` : property.name;
		const isList = property.type === 'fixedCollection' && property.typeOptions?.multipleValues === true;
		if (path !== prefix) paths.push(path);
		if (property.type === 'fixedCollection' && !(property.options as INodePropertyCollection[]).some((option) => option.name === 'pairs')) {
			for (const option of property.options as INodePropertyCollection[]) {
				paths.push(...uiPaths(option.values, isList ? `${path}[]` : path, isList));
			}
		}
		if (property.type === 'collection') paths.push(...uiPaths(property.options as INodeProperties[], path, list));
	}
	return paths.map((path) => path.replace('[].', '[].').replace(/^\./, ''));
}

const node = new StripeInvoicing();
const forOperation = (resource: string, operation: string) =>
	node.description.properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);

/** Body fields of an update: Update Fields, Options and Clear Fields together. */
function updateUiPaths(resource: string): string[] {
	const sections = forOperation(resource, 'update').filter((property) =>
		['updateFields', 'options', 'clearFields'].includes(property.name),
	);
	const paths = sections.flatMap((section) => uiPaths(section.options as INodeProperties[]));
	// Not body fields: key removal (sent inside metadata) and how requests are sent.
	const notBody = new Set<string>(['metadataKeys', ...Object.values(ENGINE_OPTIONS)]);
	return [...new Set(paths.filter((path) => !notBody.has(path)))].sort();
}

describe('the Stripe node exposes every writable field of the official request schemas, and nothing else', () => {
	test.each([
		['invoiceItem', 'POST /v1/invoiceitems/{invoiceitem}'],
		['invoiceLineItem', 'POST /v1/invoices/{invoice}/lines/{line_item_id}'],
	] as const)('%s update ↔ %s', (resource, operation) => {
		const schema = fixtures[operation].requestBody as Schema;
		expect(updateUiPaths(resource)).toEqual([...new Set(schemaPaths(schema))].sort());
	});

	test('each path id is a required parameter of its operation', () => {
		expect(forOperation('invoiceItem', 'update').filter((p) => p.required).map((p) => p.name)).toEqual(['invoiceitem']);
		expect(forOperation('invoiceLineItem', 'update').filter((p) => p.required).map((p) => p.name)).toEqual([
			'invoice',
			'line_item_id',
		]);
	});

	test('collections list their options alphabetically and never twice', () => {
		const check = (properties: INodeProperties[]) => {
			for (const property of properties) {
				if (property.type === 'collection') {
					const names = (property.options as INodeProperties[]).map((option) => option.displayName);
					expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
					expect(new Set(names).size).toBe(names.length);
					check(property.options as INodeProperties[]);
				}
				if (property.type === 'fixedCollection') {
					for (const option of property.options as INodePropertyCollection[]) check(option.values);
				}
			}
		};
		check(node.description.properties);
	});
});
