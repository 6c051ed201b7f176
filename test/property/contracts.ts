/**
 * The update endpoints under property test and, per provider, what checks a sent request against
 * the official contract: Prism behind its recording proxy for the JSON APIs, qs + ajv for Stripe's
 * form bodies. Every check returns the problems it found (empty: the request conforms).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';

import { checkFormBody, checkPath, loadContracts, type Operation } from '../contract/stripe-form';
import type { NodeRun, RunNodeOptions } from '../harness/n8n';
import { FIXTURES, startContract, type ContractRequest, type ContractServer } from '../harness/prism';
import { startRecorder, type RecordedRequest } from '../harness/recorder';
import * as rebilly from '../harness/rebilly';
import * as sequence from '../harness/sequence';
import * as spacebring from '../harness/spacebring';
import * as stripe from '../harness/stripe';
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';

export interface SentRequest extends RecordedRequest {
	/** The path as the spec names it (the credential's base path taken off). */
	specPath: string;
	/** Prism's answer and verdict (JSON providers). */
	status?: number;
	violations?: ContractRequest['violations'];
}

export interface RunOptions {
	items: IDataObject[];
	continueOnFail?: RunNodeOptions['continueOnFail'];
}

/** A provider's contract server while the tests run. */
export interface ContractCheck {
	requests(): SentRequest[];
	reset(): void;
	/** Everything wrong with one sent request. */
	problems(request: SentRequest): string[];
	run(parameters: INodeParameters, options: RunOptions): Promise<NodeRun>;
	close(): Promise<void>;
}

export interface Provider {
	name: string;
	node: INodeType;
	/** The credential values of the harness that must never show in a run. */
	secrets: string[];
	start(): Promise<ContractCheck>;
}

export interface UpdateEndpoint {
	name: string;
	provider: Provider;
	/** The selectors that make the UI show this update. */
	fixed: INodeParameters;
	/** The write request as the spec names it, and which node parameter holds each path id. */
	write: { method: string; path: string; ids: Record<string, string> };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text in a body that is not Unicode (JSON allows the escape; no API can store it). */
function loneSurrogates(value: unknown, at = ''): string[] {
	if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [`${at || '(body)'} holds a lone surrogate`] : [];
	if (Array.isArray(value)) return value.flatMap((entry, index) => loneSurrogates(entry, `${at}[${index}]`));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, entry]) => [
			...(LONE_SURROGATE.test(key) ? [`key ${at}.${key} holds a lone surrogate`] : []),
			...loneSurrogates(entry, `${at}.${key}`),
		]);
	}
	return [];
}

const templateRegex = (template: string) =>
	new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`);

/** The spec's path template that a sent path falls under, if any. */
export function specTemplate(templates: string[], path: string): string | undefined {
	return templates.find((template) => templateRegex(template).test(path));
}

/** The ids a path carries at a template's placeholders, decoded. */
export function pathIds(template: string, path: string): Record<string, string> {
	const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
	const values = templateRegex(template).test(path) ? path.split('/') : [];
	const parts = template.split('/');
	return Object.fromEntries(
		names.map((name) => {
			const value = values[parts.indexOf(`{${name}}`)] ?? '';
			try {
				return [name, decodeURIComponent(value)];
			} catch {
				return [name, `(undecodable ${value})`];
			}
		}),
	);
}

const secretsIn = (...texts: string[]) => texts.filter((secret) => secret.length >= 4);

/** Prism on `test/fixtures/<name>.openapi.json`: no sl-violations, a 2xx answer, a path and method the spec has. */
function jsonProvider(
	name: string,
	node: INodeType,
	secrets: string[],
	run: (url: string, parameters: INodeParameters, options: RunOptions) => Promise<NodeRun>,
	{ basePath = '', amendFor }: { basePath?: string; amendFor?: (parameters: INodeParameters) => Parameters<ContractServer['amend']>[0] } = {},
): Provider {
	const spec = JSON.parse(readFileSync(join(FIXTURES, `${name}.openapi.json`), 'utf8')) as {
		paths: Record<string, Record<string, unknown>>;
	};
	const templates = Object.keys(spec.paths);
	return {
		name,
		node,
		secrets,
		start: async () => {
			const prism = await startContract(name, basePath);
			const root = prism.url.slice(0, prism.url.length - basePath.length);
			return {
				requests: () =>
					prism.requests.map((request) => ({
						...request,
						specPath: request.path.startsWith(basePath) ? request.path.slice(basePath.length) : request.path,
					})),
				reset: () => {
					prism.requests.length = 0;
				},
				problems: (request) => {
					const found: string[] = [];
					if (!request.path.startsWith(basePath)) found.push(`path does not start with the credential's ${basePath}`);
					const template = specTemplate(templates, request.specPath);
					if (!template) found.push(`${request.specPath} is none of the spec's paths`);
					else if (!(request.method.toLowerCase() in spec.paths[template])) found.push(`the spec has no ${request.method} ${template}`);
					for (const violation of request.violations ?? []) found.push(`sl-violation ${violation.location.join('.')}: ${violation.message}`);
					if (request.status === undefined || request.status < 200 || request.status >= 300) found.push(`Prism answered ${request.status}`);
					if (request.body) {
						try {
							found.push(...loneSurrogates(JSON.parse(request.body)));
						} catch {
							found.push('the body is not JSON');
						}
					}
					return found;
				},
				run: (parameters, options) => {
					prism.amend(amendFor?.(parameters));
					return run(root, parameters, options);
				},
				close: () => prism.close(),
			};
		},
	};
}

const SEQUENCE = new SequenceBilling();
const STRIPE_OPERATIONS = Object.keys(loadContracts()) as Operation[];

export const PROVIDERS = {
	stripe: {
		name: 'stripe',
		node: new StripeInvoicing(),
		secrets: secretsIn(stripe.TEST_KEY),
		start: async () => {
			const recorder = await startRecorder(() => ({ body: { id: 'ii_1', object: 'invoiceitem' } }));
			return {
				requests: () => recorder.requests.map((request) => ({ ...request, specPath: request.path })),
				reset: () => {
					recorder.requests.length = 0;
				},
				problems: (request) => {
					const operation = STRIPE_OPERATIONS.find(
						(candidate) => candidate.startsWith(`${request.method} `) && specTemplate([candidate.slice(candidate.indexOf(' ') + 1)], request.path),
					);
					if (!operation) return [`${request.method} ${request.path} is none of the spec's operations`];
					const found: string[] = [];
					try {
						checkPath(operation, request.path);
					} catch (error) {
						found.push((error as Error).message);
					}
					if (request.query !== '') found.push(`an update has no query, got ?${request.query}`);
					if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') {
						found.push(`content type ${request.headers['content-type']}`);
					}
					const { decoded, errors } = checkFormBody(operation, request.body);
					found.push(...errors, ...loneSurrogates(decoded));
					return found;
				},
				run: (parameters, options) => stripe.runStripe(recorder, parameters, options),
				close: () => recorder.close(),
			};
		},
	},
	rebilly: jsonProvider(
		'rebilly',
		new Rebilly(),
		secretsIn(rebilly.TEST_API_KEY, rebilly.TEST_JWT),
		(url, parameters, options) => rebilly.runRebilly(url, parameters, options),
		{ basePath: `/organizations/${rebilly.ORGANIZATION}` },
	),
	sequence: jsonProvider(
		'sequence',
		SEQUENCE,
		secretsIn(sequence.CLIENT_SECRET, sequence.BASIC.slice('Basic '.length)),
		(url, parameters, options) => sequence.runSequence(url, parameters, options),
		{
			// Merge reads the line from its invoice's list: the list Prism answers holds the line asked for.
			amendFor: (parameters) => {
				const wanted = expectedId(SEQUENCE.description.properties, 'id', parameters.id);
				return (request, body) => {
					const page = body as { items?: IDataObject[] };
					if (request.method !== 'GET' || !request.path.endsWith('/line-items') || !page.items?.length) return body;
					return { ...page, items: [{ ...page.items[0], id: wanted }] };
				};
			},
		},
	),
	spacebring: jsonProvider(
		'spacebring',
		new Spacebring(),
		secretsIn(spacebring.CLIENT_SECRET, spacebring.ACCESS_TOKEN, spacebring.REFRESH_TOKEN, spacebring.BASIC_HEADER.slice('Basic '.length)),
		(url, parameters, options) => spacebring.runSpacebring(url, parameters, options),
	),
} satisfies Record<string, Provider>;

export const UPDATE_ENDPOINTS: UpdateEndpoint[] = [
	{
		name: 'Stripe invoice item update',
		provider: PROVIDERS.stripe,
		fixed: { resource: 'invoiceItem', operation: 'update' },
		write: { method: 'POST', path: '/v1/invoiceitems/{invoiceitem}', ids: { invoiceitem: 'invoiceitem' } },
	},
	{
		name: 'Stripe invoice line item update',
		provider: PROVIDERS.stripe,
		fixed: { resource: 'invoiceLineItem', operation: 'update' },
		write: {
			method: 'POST',
			path: '/v1/invoices/{invoice}/lines/{line_item_id}',
			ids: { invoice: 'invoice', line_item_id: 'line_item_id' },
		},
	},
	...(['merge', 'replace'] as const).flatMap((updateMode): UpdateEndpoint[] => [
		{
			name: `Rebilly invoice item update (${updateMode})`,
			provider: PROVIDERS.rebilly,
			fixed: { resource: 'invoiceItem', operation: 'update', updateMode },
			write: { method: 'PUT', path: '/invoices/{id}/items/{itemId}', ids: { id: 'invoiceId', itemId: 'itemId' } },
		},
		{
			name: `Sequence line item update (${updateMode})`,
			provider: PROVIDERS.sequence,
			fixed: { resource: 'invoiceLineItem', operation: 'update', updateMode },
			write: { method: 'PUT', path: '/invoices/{invoice}/line-items/{id}', ids: { invoice: 'invoice', id: 'id' } },
		},
	]),
	{
		name: 'Spacebring item update',
		provider: PROVIDERS.spacebring,
		fixed: { resource: 'invoiceItem', operation: 'update' },
		write: { method: 'PATCH', path: '/billing/invoices/v1/items/{id}', ids: { id: 'id' } },
	},
];

/**
 * The id a path must carry for a locator parameter: its value, or for a URL what the mode's own
 * extractValue finds in it (the node takes the id out of a pasted URL the same way).
 */
export function expectedId(properties: INodeProperties[], name: string, value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || !('value' in value)) return String(value);
	const locator = value as { mode?: string; value?: unknown };
	const mode = properties.find((property) => property.name === name)?.modes?.find((candidate) => candidate.name === locator.mode);
	if (mode?.extractValue?.type !== 'regex' || typeof locator.value !== 'string') return String(locator.value);
	return new RegExp(mode.extractValue.regex).exec(locator.value.trim())?.[1];
}
