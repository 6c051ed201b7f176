/**
 * The Rebilly node and credentials as n8n sees them: parameters without issues in every operation,
 * every writable field of the official InvoiceItem schema with its limits, and credentials whose
 * test request and authentication match what the node sends.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';

import { RebillyApi } from '../../credentials/RebillyApi.credentials';
import { RebillyJwtApi } from '../../credentials/RebillyJwtApi.credentials';
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { getInvoiceItem, getManyInvoiceItems, updateInvoiceItem } from '../../nodes/Rebilly/endpoints/invoiceItem';
import { BASE_URL_EXPRESSION } from '../../nodes/Rebilly/environment';
import type { Endpoint, Field } from '../../nodes/shared/descriptor';

type Schema = IDataObject & { properties?: Record<string, IDataObject>; required?: string[] };

const spec = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'rebilly.openapi.json'), 'utf8')) as {
	paths: Record<string, Record<string, IDataObject>>;
	components: { schemas: Record<string, Schema>; parameters: Record<string, IDataObject> };
};
const resolve = (schema: IDataObject): IDataObject =>
	typeof schema.$ref === 'string' ? resolve(spec.components.schemas[schema.$ref.split('/').pop()!]) : schema;
const invoiceItemSchema = spec.components.schemas.InvoiceItem;

const node = new Rebilly();
const { description } = node;

/** The node's parameters as n8n stores them (defaults filled in) and the issues n8n would report. */
function asN8nSeesIt(parameters: INodeParameters) {
	const full = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, null, description)!;
	const nodeData = { id: '1', name: 'Rebilly', type: 'rebilly', typeVersion: 1, position: [0, 0], parameters: full } as INode;
	return { full, issues: NodeHelpers.getNodeParametersIssues(description.properties, nodeData, description) };
}

/** The parameter (a top-level property) n8n shows for these values. */
const shown = (values: INodeParameters, name: string): INodeProperties[] =>
	description.properties.filter(
		(property) => property.name === name && NodeHelpers.displayParameter(values, property, null, description),
	);

describe('Rebilly node description', () => {
	test('a usable-as-tool node with icons, subtitle and one credential per authentication', () => {
		expect(description.name).toBe('rebilly');
		expect(description.displayName).toBe('Rebilly');
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('$parameter["operation"]');
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(join(__dirname, '..', '..', 'nodes', 'Rebilly', file.replace(/^file:/, '')))).toBe(true);
		}
		expect(description.credentials).toEqual([
			{ name: 'rebillyApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
			{ name: 'rebillyJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
		]);
		expect(shown({}, 'authentication')[0]).toMatchObject({ default: 'apiKey' });
	});

	// n8n refuses to run a workflow whose node has parameter issues ("The workflow has issues").
	test.each<[string, INodeParameters]>([
		['Update, Merge', { resource: 'invoiceItem', operation: 'update', invoiceId: 'in-1', itemId: 'ii-1', updateFields: { quantity: 1 } }],
		['Update, Replace', { resource: 'invoiceItem', operation: 'update', updateMode: 'replace', invoiceId: 'in-1', itemId: 'ii-1', type: 'credit', unitPrice: 2 }],
		['Get', { resource: 'invoiceItem', operation: 'get', invoiceId: 'in-1', itemId: 'ii-1' }],
		['Get Many', { resource: 'invoiceItem', operation: 'getAll', invoiceId: 'in-1' }],
		['Get Many with JWT', { authentication: 'jwt', resource: 'invoiceItem', operation: 'getAll', invoiceId: 'in-1', returnAll: true }],
	])('%s: n8n finds no parameter issues', (_name, parameters) => {
		expect(asN8nSeesIt(parameters).issues).toBeNull();
	});

	test('Merge is the default mode and asks for nothing at top level; Replace asks for Type and Unit Price', () => {
		const merge = asN8nSeesIt({ resource: 'invoiceItem', operation: 'update', invoiceId: 'a', itemId: 'b' }).full;
		expect(merge.updateMode).toBe('merge');
		expect(merge).not.toHaveProperty('type');
		expect(merge).not.toHaveProperty('unitPrice');

		const replaceValues = { resource: 'invoiceItem', operation: 'update', updateMode: 'replace' };
		expect(shown(replaceValues, 'type')).toEqual([expect.objectContaining({ required: true, type: 'options' })]);
		// No default to forget: an empty Unit Price is refused, never sent as 0.
		expect(shown(replaceValues, 'unitPrice')).toEqual([expect.objectContaining({ required: true, type: 'string', default: '' })]);
		const missing = asN8nSeesIt({ ...replaceValues, invoiceId: 'a', itemId: 'b', type: '' }).issues;
		expect(missing?.parameters).toHaveProperty('type');
	});

	test('Update Fields: all eight writable fields in Merge mode, the six optional ones in Replace mode', () => {
		const names = (values: INodeParameters) =>
			shown(values, 'updateFields').flatMap((collection) => (collection.options as INodeProperties[]).map((option) => option.name)).sort();
		const update = { resource: 'invoiceItem', operation: 'update' };
		expect(names({ ...update, updateMode: 'merge' })).toEqual(
			['description', 'periodEndTime', 'periodNumber', 'periodStartTime', 'productId', 'quantity', 'type', 'unitPrice'],
		);
		expect(names({ ...update, updateMode: 'replace' })).toEqual(
			['description', 'periodEndTime', 'periodNumber', 'periodStartTime', 'productId', 'quantity'],
		);
		const clears = shown({ ...update, updateMode: 'merge' }, 'clearFields')[0].options as INodeProperties[];
		expect(clears.map((option) => option.name).sort()).toEqual(['periodEndTime', 'periodNumber', 'periodStartTime', 'productId']);
	});
});

describe('Rebilly descriptors follow the official contract', () => {
	const bodyFields = updateInvoiceItem.body!.fields;
	const properties = invoiceItemSchema.properties!;
	const isReadOnly = (name: string) => resolve(properties[name]).readOnly === true;
	const types = (name: string) => [resolve(properties[name]).type].flat();

	test('every writable property of InvoiceItem is a field, and no read-only one is', () => {
		const writable = Object.keys(properties).filter((name) => !isReadOnly(name));
		expect(bodyFields.map((field) => field.name)).toEqual(writable);
		expect(Object.keys(properties).filter(isReadOnly).sort()).toEqual(
			['_embedded', '_links', 'createdTime', 'id', 'planId', 'price', 'subscriptionId', 'tax', 'updatedTime'],
		);
	});

	test('required, nullable (clearable), types, enums and lengths match the schema', () => {
		for (const field of bodyFields) {
			const schema = resolve(properties[field.name]);
			expect([field.name, Boolean(field.required)]).toEqual([field.name, invoiceItemSchema.required!.includes(field.name)]);
			expect([field.name, Boolean(field.clear)]).toEqual([field.name, types(field.name).includes('null')]);
			const expectedType: Record<string, string> = {
				string: schema.format === 'date-time' ? 'timestamp' : schema.enum ? 'options' : 'string',
				number: 'number',
				integer: 'integer',
			};
			const mainType = types(field.name).find((type) => type !== 'null')!;
			expect([field.name, field.type]).toEqual([field.name, expectedType[mainType as string]]);
			if (field.type === 'string') expect([field.name, field.maxLength]).toEqual([field.name, schema.maxLength]);
			if (field.type === 'options') {
				expect(field.options.map((option) => option.value)).toEqual(schema.enum);
			}
			if (field.type === 'timestamp') expect(field.wire).toBe('isoDateTime');
		}
	});

	test.each<[string, Endpoint, string, string]>([
		['Update', updateInvoiceItem, 'put', 'PutInvoiceItem'],
		['Get', getInvoiceItem, 'get', 'GetInvoiceItem'],
		['Get Many', getManyInvoiceItems, 'get', 'GetInvoiceItemCollection'],
	])('%s is the official operation, and its ids follow Rebilly’s id rule', (_name, endpoint, method, operationId) => {
		const specPath = endpoint.path.replace('{invoiceId}', '{id}');
		expect(endpoint.method.toLowerCase()).toBe(method);
		expect(spec.paths[specPath][method].operationId).toBe(operationId);
		const idSchema = spec.components.parameters.resourceId.schema as IDataObject;
		for (const pathId of endpoint.pathIds) {
			expect(pathId.maxLength).toBe(idSchema.maxLength);
			// Same verdict as the spec's pattern on every printable ASCII character and a few others.
			const official = new RegExp(idSchema.pattern as string);
			const samples = [...Array.from({ length: 95 }, (_, code) => String.fromCharCode(code + 32)), 'ü', 'ß', '٣', '\u00a0', ''];
			for (const sample of samples) {
				expect([sample, pathId.pattern!.regex.test(sample)]).toEqual([sample, official.test(sample)]);
			}
		}
	});

	test('Get Many pages with the spec’s own limit and offset parameters, at most 1000 a page', () => {
		const limit = spec.components.parameters.collectionLimit as IDataObject & { schema: IDataObject };
		const offset = spec.components.parameters.collectionOffset as IDataObject & { schema: IDataObject };
		expect(getManyInvoiceItems.paging).toEqual({
			limitParam: limit.name,
			maxPageSize: limit.schema.maximum,
			next: { type: 'offset', offsetParam: offset.name, maxOffset: offset.schema.maximum },
		});
		expect(getManyInvoiceItems.query?.map((field: Field) => field.name)).toEqual(['expand']);
	});
});

describe('Rebilly credentials', () => {
	test('both credential tests only read one invoice', () => {
		for (const credential of [new RebillyApi(), new RebillyJwtApi()]) {
			expect(credential.test.request).toEqual({ baseURL: BASE_URL_EXPRESSION, url: '/invoices', qs: { limit: 1 } });
			expect(spec.paths['/invoices'].get.operationId).toBe('GetInvoiceCollection');
		}
	});

	test('API key → REB-APIKEY header; JWT → Authorization: Bearer; other headers kept', async () => {
		const request: IHttpRequestOptions = { url: '/x', headers: { 'Content-Type': 'application/json' } };
		const withKey = await new RebillyApi().authenticate({ apiKey: 'sk_sandbox_abc' }, request);
		expect(withKey.headers).toEqual({ 'Content-Type': 'application/json', 'REB-APIKEY': 'sk_sandbox_abc' });
		const withJwt = await new RebillyJwtApi().authenticate({ token: 'a.b.c' }, request);
		expect(withJwt.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer a.b.c' });
		expect(request.headers).toEqual({ 'Content-Type': 'application/json' });
	});

	test('secrets are password fields; both credentials share the environment fields', () => {
		const api = new RebillyApi();
		const jwt = new RebillyJwtApi();
		expect(api.properties.find((property) => property.name === 'apiKey')?.typeOptions?.password).toBe(true);
		expect(jwt.properties.find((property) => property.name === 'token')?.typeOptions?.password).toBe(true);
		expect(api.properties.slice(1)).toEqual(jwt.properties.slice(1));
		expect(api.properties.slice(1).map((property) => property.name)).toEqual(['environment', 'baseUrl', 'organizationId']);
	});
});
