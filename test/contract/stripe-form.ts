/**
 * Checks a recorded Stripe form body against Stripe's own request schema (cut from the official
 * OpenAPI document into test/fixtures/stripe.requests.json by scripts/generate-fixtures.js).
 *
 * The body is decoded the way Stripe reads it (`qs`, nested brackets), then validated with ajv.
 * Form values are all text, so ajv coerces them to the schema's types (`"12"` → 12).
 * Stripe clears a field with an empty value (`metadata=`); the schemas accept that through
 * `anyOf: [..., { type: 'string', enum: [''] }]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as qs from 'qs';

import { ROOT } from '../harness/root';

export const FIXTURE_PATH = join(ROOT, 'test', 'fixtures', 'stripe.requests.json');

export const INVOICE_ITEM_UPDATE = 'POST /v1/invoiceitems/{invoiceitem}';
export const LINE_ITEM_UPDATE = 'POST /v1/invoices/{invoice}/lines/{line_item_id}';
export type Operation = typeof INVOICE_ITEM_UPDATE | typeof LINE_ITEM_UPDATE;

/** The create, delete and line calls, from test/fixtures/stripe.lifecycle.requests.json. */
export const LIFECYCLE_FIXTURE_PATH = join(ROOT, 'test', 'fixtures', 'stripe.lifecycle.requests.json');
export const INVOICE_ITEM_CREATE = 'POST /v1/invoiceitems';
export const INVOICE_ITEM_DELETE = 'DELETE /v1/invoiceitems/{invoiceitem}';
export const ADD_LINES = 'POST /v1/invoices/{invoice}/add_lines';
export const REMOVE_LINES = 'POST /v1/invoices/{invoice}/remove_lines';
export const UPDATE_LINES = 'POST /v1/invoices/{invoice}/update_lines';
export type LifecycleOperation =
	| typeof INVOICE_ITEM_CREATE
	| typeof INVOICE_ITEM_DELETE
	| typeof ADD_LINES
	| typeof REMOVE_LINES
	| typeof UPDATE_LINES;

/** A JSON schema as the fixture holds it (only the keywords these checks read are typed). */
export interface Schema {
	type?: string;
	properties?: Record<string, Schema>;
	additionalProperties?: boolean | Schema;
	items?: Schema;
	anyOf?: Schema[];
	oneOf?: Schema[];
	[keyword: string]: unknown;
}

interface OperationContract {
	pathParameters: Record<string, Schema>;
	requestBody: Schema;
}

/** A DELETE has no body. */
type LifecycleContract = Omit<OperationContract, 'requestBody'> & { requestBody?: Schema };

export type Contracts = Record<Operation, OperationContract>;

let contracts: Contracts | undefined;

export function loadContracts(): Contracts {
	contracts ??= JSON.parse(readFileSync(FIXTURE_PATH, 'utf8')) as Contracts;
	return contracts;
}

let lifecycleContracts: Record<LifecycleOperation, LifecycleContract> | undefined;

export function loadLifecycleContracts(): Record<LifecycleOperation, LifecycleContract> {
	lifecycleContracts ??= JSON.parse(readFileSync(LIFECYCLE_FIXTURE_PATH, 'utf8')) as Record<LifecycleOperation, LifecycleContract>;
	return lifecycleContracts;
}

/** The contract of an update or a lifecycle call. */
function contractOf(operation: Operation | LifecycleOperation): LifecycleContract {
	const updates = loadContracts() as Record<string, LifecycleContract>;
	return updates[operation] ?? loadLifecycleContracts()[operation as LifecycleOperation];
}

/** Stripe's custom formats. */
const UNIX_TIME = (value: number) => Number.isInteger(value) && value >= 0;
const CURRENCY = /^[a-z]{3}$/;
const DECIMAL = /^-?\d+(\.\d{1,12})?$/;

function createAjv(): Ajv {
	const ajv = new Ajv({ coerceTypes: true, allErrors: true, strict: false, logger: false });
	addFormats(ajv);
	ajv.addFormat('unix-time', { type: 'number', validate: UNIX_TIME });
	ajv.addFormat('currency', { type: 'string', validate: (value: string) => CURRENCY.test(value) });
	ajv.addFormat('decimal', { type: 'string', validate: (value: string) => DECIMAL.test(value) });
	return ajv;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: Schema): ValidateFunction {
	ajv ??= createAjv();
	let validate = validators.get(key);
	if (!validate) {
		validate = ajv.compile(schema);
		validators.set(key, validate);
	}
	return validate;
}

/** Decodes a form body the way Stripe reads it. */
export function decodeForm(body: string): Record<string, unknown> {
	// Rack (Stripe's decoder) has no limit on list indexes; qs's default of 20 would turn lines[21] into a key.
	return qs.parse(body, { depth: 10, arrayLimit: 1000 }) as Record<string, unknown>;
}

/** stripe-node's `stringifyRequestData`: qs with indexed arrays, brackets left unescaped. */
export function stripeNodeEncode(object: object): string {
	return qs.stringify(object, { arrayFormat: 'indices' }).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

const formatAjvError = (error: ErrorObject) => {
	const where = error.instancePath || '(body)';
	const params = JSON.stringify(error.params);
	return `${where} ${error.message ?? error.keyword} ${params} [schema ${error.schemaPath}]`;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The branch of an `anyOf`/`oneOf` that has the data's JSON type, if exactly one does. */
function branchFor(schema: Schema, data: unknown): Schema | undefined {
	const branches = schema.anyOf ?? schema.oneOf;
	if (!branches) return schema;
	const type = Array.isArray(data) ? 'array' : isPlainObject(data) ? 'object' : undefined;
	if (!type) return undefined;
	const matching = branches.filter((branch) => branch.type === type || (type === 'object' && branch.properties));
	return matching.length === 1 ? matching[0] : undefined;
}

/**
 * Keys the schema does not know, as wire paths (`price_data[product_data][foo]`).
 * An object schema with `properties` is closed unless it allows `additionalProperties`: Stripe
 * answers "Received unknown parameter" for unknown nested keys too, even where the published
 * schema leaves `additionalProperties` out (only the top level says `false`).
 */
export function unknownKeys(schema: Schema, data: unknown, at = ''): string[] {
	const branch = branchFor(schema, data);
	if (!branch) return [];
	const wire = (key: string | number) => (at ? `${at}[${key}]` : String(key));
	if (Array.isArray(data)) {
		return branch.items ? data.flatMap((entry, index) => unknownKeys(branch.items!, entry, wire(index))) : [];
	}
	if (!isPlainObject(data)) return [];
	const found: string[] = [];
	const open = branch.additionalProperties;
	for (const [key, value] of Object.entries(data)) {
		const known = branch.properties?.[key];
		if (known) found.push(...unknownKeys(known, value, wire(key)));
		else if (typeof open === 'object') found.push(...unknownKeys(open, value, wire(key)));
		else if (open === true || (open === undefined && !branch.properties)) continue;
		else found.push(wire(key));
	}
	return found;
}

/** Keys written more than once (qs would silently turn them into a list). */
export function duplicateKeys(body: string): string[] {
	const seen = new Set<string>();
	const duplicates = new Set<string>();
	for (const pair of body.split('&')) {
		if (pair === '') continue;
		const key = decodeURIComponent(pair.split('=')[0].replace(/\+/g, ' '));
		if (seen.has(key)) duplicates.add(key);
		seen.add(key);
	}
	return [...duplicates];
}

export interface FormCheck {
	/** The body as Stripe decodes it (all values are text, as on the wire). */
	decoded: Record<string, unknown>;
	/** Everything wrong with the body; empty when Stripe's schema accepts it. */
	errors: string[];
}

/** Validates a recorded form body against the operation's official request schema. */
export function checkFormBody(operation: Operation | LifecycleOperation, body: string): FormCheck {
	const schema = contractOf(operation).requestBody;
	if (!schema) throw new Error(`${operation} takes no body`);
	const decoded = decodeForm(body);
	const errors: string[] = [];
	const malformed = body.split('&').filter((pair) => pair !== '' && !pair.includes('='));
	if (malformed.length) errors.push(`pairs without "=": ${malformed.join(', ')}`);
	const emptyBrackets = body.split('&').filter((pair) => /\[\]|%5B%5D/i.test(pair.split('=')[0]));
	if (emptyBrackets.length) errors.push(`list entries without an index (stripe-node writes key[0]): ${emptyBrackets.join(', ')}`);
	const duplicates = duplicateKeys(body);
	if (duplicates.length) errors.push(`keys sent more than once: ${duplicates.join(', ')}`);
	const coerced = structuredClone(decoded);
	const validate = validatorFor(`${operation} body`, schema);
	if (!validate(coerced)) errors.push(...(validate.errors ?? []).map(formatAjvError));
	const unknown = unknownKeys(schema, decoded);
	if (unknown.length) errors.push(`keys the schema does not know: ${unknown.join(', ')}`);
	return { decoded, errors };
}

/**
 * The path ids of a recorded request path, checked against the operation's path template and
 * parameter schemas. Returns the decoded ids, or throws with what does not match.
 */
export function checkPath(operation: Operation | LifecycleOperation, path: string): Record<string, string> {
	const template = operation.slice(operation.indexOf(' ') + 1);
	const names: string[] = [];
	const pattern = template.replace(/[.*+?^$()|\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	const match = new RegExp(`^${pattern}$`).exec(path);
	if (!match) throw new Error(`${path} does not match ${template}`);
	const ids = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
	const { pathParameters } = contractOf(operation);
	for (const name of names) {
		const validate = validatorFor(`${operation} path ${name}`, pathParameters[name]);
		if (!validate(ids[name])) {
			throw new Error(`path parameter ${name}: ${(validate.errors ?? []).map(formatAjvError).join('; ')}`);
		}
	}
	return ids;
}
