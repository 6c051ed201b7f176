#!/usr/bin/env node
/**
 * Cuts the request contracts of the two Stripe update calls out of the official OpenAPI document
 * (`<repo>/../shared/specs/stripe.openapi.json`) into `test/fixtures/stripe.requests.json`, so the
 * contract tests also run in a clone without the shared specs.
 *
 * Kept: the `application/x-www-form-urlencoded` body schema and the path parameter schemas.
 *
 * The GET calls the Stripe node's pickers make (list searches, option lists, single reads of a
 * typed id) go to `test/fixtures/stripe.lists.json`: per operation, the path parameter schemas and
 * the query parameters (name → schema, style, explode, required).
 * Dropped: every `description` annotation (prose). A body property that is itself called
 * `description` is a property definition, not an annotation, and stays.
 * Local `$ref`s are resolved inline. Object keys are sorted, so the output is byte-stable.
 *
 * The JSON providers' documents (Rebilly, Sequence, Spacebring) are copied whole, each with its
 * lifecycle document (create and delete) merged in, to `test/fixtures/<provider>.openapi.json` for
 * Prism, with the same prose removed and `$ref`s kept.
 *
 * Usage: `npm run fixtures` (or `node scripts/generate-fixtures.js [spec] [out]` for Stripe alone).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SPECS = path.resolve(ROOT, '..', 'shared', 'specs');
const SPEC = path.join(SPECS, 'stripe.openapi.json');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const JSON_PROVIDERS = ['rebilly', 'sequence', 'spacebring'];
const OUT = path.join(ROOT, 'test', 'fixtures', 'stripe.requests.json');
const LISTS_OUT = path.join(ROOT, 'test', 'fixtures', 'stripe.lists.json');
const MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** The operations the Stripe node sends bodies to, as "METHOD path". */
const OPERATIONS = ['POST /v1/invoiceitems/{invoiceitem}', 'POST /v1/invoices/{invoice}/lines/{line_item_id}'];

/** The create, delete and line calls, cut the same way from the lifecycle document into their own file. */
const LIFECYCLE_SPEC = path.join(SPECS, 'stripe.lifecycle.openapi.json');
const LIFECYCLE_OUT = path.join(FIXTURES, 'stripe.lifecycle.requests.json');
const LIFECYCLE_OPERATIONS = [
	'POST /v1/invoiceitems',
	'DELETE /v1/invoiceitems/{invoiceitem}',
	'POST /v1/invoices/{invoice}/add_lines',
	'POST /v1/invoices/{invoice}/remove_lines',
	'POST /v1/invoices/{invoice}/update_lines',
];

/** The GET calls the Stripe node's pickers make, as "METHOD path". */
const LIST_OPERATIONS = [
	'GET /v1/coupons',
	'GET /v1/customers',
	'GET /v1/invoiceitems',
	'GET /v1/invoiceitems/{invoiceitem}',
	'GET /v1/invoices',
	'GET /v1/invoices/{invoice}',
	'GET /v1/invoices/{invoice}/lines',
	'GET /v1/prices',
	'GET /v1/products',
	'GET /v1/tax_rates',
];

/** Schema keywords whose value is a map of names to schemas (the names are data, not keywords). */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

function resolvePointer(document, ref) {
	if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
	return ref
		.slice(2)
		.split('/')
		.map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce((node, key) => {
			if (node === undefined || node === null || !(key in node)) throw new Error(`Unresolvable $ref ${ref}`);
			return node[key];
		}, document);
}

/**
 * A copy of a schema with `description` annotations removed, local `$ref`s inlined and object keys
 * sorted. `inNameMap` is true while copying the children of `properties` (and similar maps).
 */
function cleanSchema(document, value, inNameMap = false, refs = []) {
	if (Array.isArray(value)) return value.map((entry) => cleanSchema(document, entry, false, refs));
	if (value === null || typeof value !== 'object') return value;
	if (!inNameMap && typeof value.$ref === 'string') {
		if (refs.includes(value.$ref)) throw new Error(`Circular $ref ${value.$ref} cannot be inlined`);
		return cleanSchema(document, resolvePointer(document, value.$ref), false, [...refs, value.$ref]);
	}
	const result = {};
	for (const key of Object.keys(value).sort()) {
		if (!inNameMap && key === 'description' && typeof value[key] === 'string') continue;
		result[key] = cleanSchema(document, value[key], !inNameMap && NAME_MAPS.has(key), refs);
	}
	return result;
}

/**
 * A whole OpenAPI document without its `description` prose; `$ref`s and examples stay. A Response
 * Object that is nothing but its (required) description, such as a bare 204, keeps an empty one:
 * as `{}` Prism does not see it as a response and answers with another status.
 */
function withoutProse(value, inNameMap = false, inResponses = false) {
	if (Array.isArray(value)) return value.map((entry) => withoutProse(entry));
	if (value === null || typeof value !== 'object') return value;
	const result = {};
	for (const [key, entry] of Object.entries(value)) {
		if (!inNameMap && key === 'description' && typeof entry === 'string') continue;
		const child = withoutProse(entry, !inNameMap && NAME_MAPS.has(key), !inNameMap && key === 'responses');
		const bareResponse = inResponses && child !== null && typeof child === 'object' && Object.keys(child).length === 0;
		result[key] = bareResponse && typeof entry.description === 'string' ? { description: '' } : child;
	}
	return result;
}

/** The text of a JSON provider's fixture document. */
function renderSpec(document) {
	return `${JSON.stringify(withoutProse(document), null, 2)}\n`;
}

/** The fixture object for a parsed OpenAPI document. */
function buildFixtures(document, operations = OPERATIONS) {
	const fixtures = {};
	for (const operation of operations) {
		const [method, route] = operation.split(' ');
		const definition = document.paths?.[route]?.[method.toLowerCase()];
		if (!definition) throw new Error(`The spec has no ${operation}`);
		const schema = definition.requestBody?.content?.[MEDIA_TYPE]?.schema;
		// A DELETE carries no body; every other call here has a form body.
		if (!schema && method !== 'DELETE') throw new Error(`${operation} has no ${MEDIA_TYPE} body schema`);
		const pathParameters = {};
		for (const entry of definition.parameters ?? []) {
			const parameter = entry.$ref ? resolvePointer(document, entry.$ref) : entry;
			if (parameter.in === 'path') pathParameters[parameter.name] = cleanSchema(document, parameter.schema);
		}
		const placeholders = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
		for (const name of placeholders) {
			if (!(name in pathParameters)) throw new Error(`${operation} does not describe its path parameter ${name}`);
		}
		fixtures[operation] = { pathParameters: cleanSchema(document, pathParameters, true) };
		if (schema) fixtures[operation].requestBody = cleanSchema(document, schema);
	}
	return fixtures;
}

/** The fixture file's exact text: 2-space JSON with a trailing newline. */
function renderFixtures(document, operations = OPERATIONS) {
	return `${JSON.stringify(buildFixtures(document, operations), null, 2)}\n`;
}

/** The path and query parameters of the pickers' GET calls. */
function buildListFixtures(document) {
	const fixtures = {};
	for (const operation of LIST_OPERATIONS) {
		const [method, route] = operation.split(' ');
		const definition = document.paths?.[route]?.[method.toLowerCase()];
		if (!definition) throw new Error(`The spec has no ${operation}`);
		const pathParameters = {};
		const queryParameters = {};
		for (const entry of definition.parameters ?? []) {
			const parameter = entry.$ref ? resolvePointer(document, entry.$ref) : entry;
			if (parameter.in === 'path') pathParameters[parameter.name] = cleanSchema(document, parameter.schema);
			if (parameter.in === 'query') {
				// OpenAPI's defaults for a query parameter: style form, exploded only in style form.
				const style = parameter.style ?? 'form';
				queryParameters[parameter.name] = {
					explode: parameter.explode ?? style === 'form',
					required: parameter.required === true,
					schema: cleanSchema(document, parameter.schema),
					style,
				};
			}
		}
		const placeholders = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
		for (const name of placeholders) {
			if (!(name in pathParameters)) throw new Error(`${operation} does not describe its path parameter ${name}`);
		}
		fixtures[operation] = {
			pathParameters: cleanSchema(document, pathParameters, true),
			queryParameters: cleanSchema(document, queryParameters, true),
		};
	}
	return fixtures;
}

/** The list fixture file's exact text: 2-space JSON with a trailing newline. */
function renderListFixtures(document) {
	return `${JSON.stringify(buildListFixtures(document), null, 2)}\n`;
}

function write(outPath, text) {
	fs.mkdirSync(path.dirname(outPath), { recursive: true });
	fs.writeFileSync(outPath, text);
	console.log(`Wrote ${path.relative(process.cwd(), outPath)}`);
}

/**
 * The provider's document with its lifecycle document's paths (create, delete …) and components
 * added, so one Prism serves every call the node makes. The two never define a path or component
 * differently (checked here).
 */
function withLifecycle(document, lifecycle) {
	const merged = { ...document, paths: { ...document.paths }, components: { ...document.components } };
	for (const [route, operations] of Object.entries(lifecycle.paths)) {
		merged.paths[route] = { ...merged.paths[route] };
		for (const [method, operation] of Object.entries(operations)) {
			const own = merged.paths[route][method];
			if (own !== undefined && JSON.stringify(own) !== JSON.stringify(operation)) {
				throw new Error(`${method} ${route} differs between the document and its lifecycle document`);
			}
			merged.paths[route][method] = operation;
		}
	}
	for (const [section, entries] of Object.entries(lifecycle.components ?? {})) {
		merged.components[section] = { ...merged.components[section] };
		for (const [name, entry] of Object.entries(entries)) {
			const own = merged.components[section][name];
			if (own !== undefined && JSON.stringify(own) !== JSON.stringify(entry)) {
				throw new Error(`components.${section}.${name} differs between the document and its lifecycle document`);
			}
			merged.components[section][name] = entry;
		}
	}
	return merged;
}

function main(specPath = SPEC, outPath = OUT) {
	if (!fs.existsSync(specPath)) {
		console.error(`Spec not found: ${specPath}`);
		process.exitCode = 1;
		return;
	}
	const document = JSON.parse(fs.readFileSync(specPath, 'utf8'));
	write(outPath, renderFixtures(document));
	if (specPath !== SPEC) return;
	write(LISTS_OUT, renderListFixtures(document));
	write(LIFECYCLE_OUT, renderFixtures(JSON.parse(fs.readFileSync(LIFECYCLE_SPEC, 'utf8')), LIFECYCLE_OPERATIONS));
	for (const provider of JSON_PROVIDERS) {
		const read = (name) => JSON.parse(fs.readFileSync(path.join(SPECS, name), 'utf8'));
		const document = withLifecycle(read(`${provider}.openapi.json`), read(`${provider}.lifecycle.openapi.json`));
		write(path.join(FIXTURES, `${provider}.openapi.json`), renderSpec(document));
	}
}

module.exports = {
	SPEC,
	SPECS,
	OUT,
	LISTS_OUT,
	FIXTURES,
	JSON_PROVIDERS,
	OPERATIONS,
	LIST_OPERATIONS,
	LIFECYCLE_SPEC,
	LIFECYCLE_OUT,
	LIFECYCLE_OPERATIONS,
	buildFixtures,
	renderFixtures,
	buildListFixtures,
	renderListFixtures,
	renderSpec,
	withLifecycle,
};

if (require.main === module) main(process.argv[2], process.argv[3]);
