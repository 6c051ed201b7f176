import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Batch, Endpoint, Field, PathId, Provider } from './descriptor';
import { InputError, UI } from './input';
import { DEFAULT_TRANSPORT, withOwnPace, type Transport } from './request';
import { TOOL_DESCRIPTION } from './toolDescription';

/**
 * The parameters the engine adds to every node, beside the descriptors' fields: their names, their
 * n8n properties, and typed readers. A descriptor field or id with one of these names would be read
 * as the engine's (or the engine's as the field): `checkNoClash` refuses it when the node is built.
 */
export const ENGINE_PARAMETERS = {
	resource: 'resource',
	operation: 'operation',
	updateMode: 'updateMode',
	returnAll: 'returnAll',
	limit: 'limit',
} as const;

/** Engine settings inside the Options collection. */
export const ENGINE_OPTIONS = {
	readBack: 'readBack',
	requestsPerSecond: 'requestsPerSecond',
	maxConcurrency: 'maxConcurrency',
	maxRetries: 'maxRetries',
	timeout: 'timeout',
	bulk: 'bulk',
	batchSize: 'batchSize',
	deduplicationKey: 'deduplicationKey',
} as const;

export type UpdateMode = 'merge' | 'replace';

const DEFAULT_LIMIT = 50;
const DEFAULT_CONCURRENCY = 16;

/** Reads a node parameter of the item being prepared, with a fallback. */
export type ParameterReader = (name: string, fallback?: unknown) => unknown;

/** Every name the engine owns, at the top level of a node and inside its collections. */
const reservedNames = (): Set<string> =>
	new Set<string>([
		...Object.values(ENGINE_PARAMETERS),
		...Object.values(ENGINE_OPTIONS),
		UI.updateFields,
		UI.clearFields,
		UI.options,
		TOOL_DESCRIPTION,
	]);

const endpointNames = (endpoint: Endpoint): Array<{ what: string; name: string }> => {
	const fields: Field[] = [...(endpoint.body?.fields ?? []), ...(endpoint.query ?? [])];
	const ids: PathId[] = endpoint.pathIds.flatMap((pathId) => [pathId, ...(pathId.list?.within ?? [])]);
	return [
		...fields.map((field) => ({ what: 'field', name: field.name })),
		...ids.map((pathId) => ({ what: 'id', name: pathId.name })),
	];
};

/**
 * Refuses, when a node's properties are built, an endpoint whose field or id is named like one of the
 * engine's own parameters (or like the provider's Authentication parameter): n8n would give both one value.
 */
export function checkNoClash(provider: Provider, resource: string, endpoint: Endpoint): void {
	const reserved = reservedNames();
	if (provider.authentication) reserved.add(provider.authentication.parameter);
	for (const { what, name } of endpointNames(endpoint)) {
		if (reserved.has(name)) {
			throw new Error(
				`${provider.name} ${resource}.${endpoint.operation}: the ${what} "${name}" is named like one of the engine's own parameters; rename it in the descriptor`,
			);
		}
	}
}

/** The Update Mode of an endpoint whose write replaces the whole object; undefined for others. */
export function readUpdateMode(endpoint: Endpoint, get: ParameterReader): UpdateMode | undefined {
	if (!endpoint.body?.replaces) return undefined;
	return get(ENGINE_PARAMETERS.updateMode, 'merge') === 'replace' ? 'replace' : 'merge';
}

/** How many entries a list endpoint returns (Return All: Infinity); undefined for other endpoints. */
export function readLimit(endpoint: Endpoint, get: ParameterReader): number | undefined {
	if (!endpoint.paging) return undefined;
	if (get(ENGINE_PARAMETERS.returnAll, false)) return Infinity;
	return get(ENGINE_PARAMETERS.limit, DEFAULT_LIMIT) as number;
}

/** The entries a list endpoint returns when nothing was read (a call prepared without its limit). */
export const defaultLimit = (limit: number | undefined) => limit ?? DEFAULT_LIMIT;

/** Whether to read the object back after a write that answers without it (on unless turned off). */
export const readReadBack = (options: IDataObject): boolean => options[ENGINE_OPTIONS.readBack] !== false;

/**
 * The bounds of the sending options: shown in the UI, and checked again for values that come from an
 * expression. The timeout stays far below 2^31 ms, where a timer fires at once.
 */
export const TRANSPORT_LIMITS = {
	requestsPerSecond: { label: 'Requests per Second', min: 0, max: 10_000, whole: false },
	maxConcurrency: { label: 'Max Concurrent Requests', min: 1, max: 256, whole: true },
	maxRetries: { label: 'Retries', min: 0, max: 10, whole: true },
	timeout: { label: 'Timeout (Ms)', min: 1, max: 3_600_000, whole: true },
} as const;

/** One sending option, checked against its bounds; an empty one keeps the default. */
function boundedOption(options: IDataObject, name: keyof typeof TRANSPORT_LIMITS, fallback: number): number {
	const raw = options[name];
	if (raw === undefined || raw === null || raw === '') return fallback;
	const { label, min, max, whole } = TRANSPORT_LIMITS[name];
	const value = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	const fail = (reason: string): never => {
		throw new InputError(`Options → ${label}`, '', reason);
	};
	if (!Number.isFinite(value) || (whole && !Number.isInteger(value))) {
		fail(`must be ${whole ? 'a whole number' : 'a number'}, got ${JSON.stringify(raw)}`);
	}
	if (value < min || value > max) fail(`must be between ${min} and ${max}, got ${value}`);
	return value;
}

/** Retries, timeout, rate and concurrency from the Options collection; throws InputError for a value out of bounds. */
export function readTransport(options: IDataObject): { transport: Transport; concurrency: number } {
	const requestsPerSecond = boundedOption(options, 'requestsPerSecond', 0);
	return {
		transport: withOwnPace({
			retries: boundedOption(options, 'maxRetries', DEFAULT_TRANSPORT.retries),
			timeoutMs: boundedOption(options, 'timeout', DEFAULT_TRANSPORT.timeoutMs),
			requestsPerSecond: requestsPerSecond > 0 ? requestsPerSecond : undefined,
		}),
		concurrency: boundedOption(options, 'maxConcurrency', DEFAULT_CONCURRENCY),
	};
}

type DisplayOptions = INodeProperties['displayOptions'];

/** Merge With Current or Replace, for a write that replaces the whole object. */
export const updateModeProperty = (displayOptions: DisplayOptions): INodeProperties => ({
	displayName: 'Update Mode',
	name: ENGINE_PARAMETERS.updateMode,
	type: 'options',
	default: 'merge',
	displayOptions,
	options: [
		{
			name: 'Merge With Current',
			value: 'merge',
			description: 'Read the current item, change only the fields you set, and keep everything else',
		},
		{
			name: 'Replace',
			value: 'replace',
			description: 'Send exactly the fields you set; the required ones must be given',
		},
	],
});

/** Return All and Limit, for a list endpoint. */
export const pagingProperties = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Return All',
		name: ENGINE_PARAMETERS.returnAll,
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: ENGINE_PARAMETERS.limit,
		type: 'number',
		default: DEFAULT_LIMIT,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, [ENGINE_PARAMETERS.returnAll]: [false] } },
	},
];

/** The option that turns the read-back after a write answered without the object off. */
export const READ_BACK_OPTION: INodeProperties = {
	displayName: 'Read Back Updated Item',
	name: ENGINE_OPTIONS.readBack,
	type: 'boolean',
	default: true,
	description: 'Whether to read the item after the update and output it. When off, the output is only the ID with updated: true.',
};

const bounded = (name: keyof typeof TRANSPORT_LIMITS) => ({
	displayName: TRANSPORT_LIMITS[name].label,
	name,
	type: 'number' as const,
	typeOptions: {
		minValue: TRANSPORT_LIMITS[name].min,
		maxValue: TRANSPORT_LIMITS[name].max,
		...(TRANSPORT_LIMITS[name].whole ? { numberPrecision: 0 } : {}),
	},
});

/** How requests are sent; every endpoint has them (read by readTransport). */
export const TRANSPORT_OPTIONS: INodeProperties[] = [
	{
		...bounded('requestsPerSecond'),
		default: 0,
		description:
			"Highest request rate for this node's own requests. 0 uses the provider's documented limit, shared with every other node on this credential. After a 429 the node slows down by itself.",
	},
	{
		...bounded('maxConcurrency'),
		default: DEFAULT_CONCURRENCY,
		description: 'How many items may be in flight at once; the request rate above still applies',
	},
	{
		...bounded('maxRetries'),
		default: DEFAULT_TRANSPORT.retries,
		description:
			'How often to retry after a connection failure, a timeout or a server error (5xx). Other errors are never retried; 429 answers are waited out.',
	},
	{
		...bounded('timeout'),
		default: DEFAULT_TRANSPORT.timeoutMs,
		description: 'How long to wait for each answer before the request counts as failed (and may be retried); at most one hour',
	},
];

/** Bulk sending (on unless turned off) and the most items one bulk call carries. */
export const batchOptions = ({ what, maxEntries }: Batch): INodeProperties[] => [
	{
		displayName: 'Send in Bulk',
		name: ENGINE_OPTIONS.bulk,
		type: 'boolean',
		default: true,
		description: `Whether to send ${what} together, in bulk calls of up to Bulk Size items (each item still gets its own output). When off, every item is its own call.`,
	},
	{
		displayName: 'Bulk Size',
		name: ENGINE_OPTIONS.batchSize,
		type: 'number',
		default: maxEntries,
		typeOptions: { minValue: 1, maxValue: maxEntries, numberPrecision: 0 },
		description: `Most items in one bulk call (at most ${maxEntries})`,
	},
];

/** The bulk size to use: undefined when the endpoint has no bulk call or the user turned it off; throws InputError out of bounds. */
export function readBatchSize(endpoint: Endpoint, options: IDataObject): number | undefined {
	const batch = endpoint.batch;
	if (!batch || options[ENGINE_OPTIONS.bulk] === false) return undefined;
	const raw = options[ENGINE_OPTIONS.batchSize];
	if (raw === undefined || raw === null || raw === '') return batch.maxEntries;
	const value = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN;
	if (!Number.isInteger(value) || value < 1 || value > batch.maxEntries) {
		throw new InputError('Options → Bulk Size', '', `must be a whole number between 1 and ${batch.maxEntries}, got ${JSON.stringify(raw)}`);
	}
	return value;
}

/** Where a Deduplication Key is offered: a create the provider can keep apart by its key, or find in a list. */
export const takesDeduplicationKey = (endpoint: Endpoint): boolean => Boolean(endpoint.makesObject);

const DEDUPLICATION_KEY_MAX = 200;

/** What makes a create unique across runs; throws InputError for a key that resolves to nothing or is too long. */
export function readDeduplicationKey(endpoint: Endpoint, options: IDataObject): string | undefined {
	if (!takesDeduplicationKey(endpoint) || !(ENGINE_OPTIONS.deduplicationKey in options)) return undefined;
	const raw = options[ENGINE_OPTIONS.deduplicationKey];
	const fail = (reason: string): never => {
		throw new InputError('Options → Deduplication Key', '', reason, 'Remove the option to create without one.');
	};
	if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') fail(`must be text, got ${JSON.stringify(raw)}`);
	const key = String(raw ?? '').trim();
	if (key === '') fail('is empty for this item: without a key the item could be created twice');
	if (key.length > DEDUPLICATION_KEY_MAX) fail(`is ${key.length} characters long; at most ${DEDUPLICATION_KEY_MAX} are allowed`);
	return key;
}

/** The Deduplication Key option of a create: how a provider with its own keys and one without use it. */
export const deduplicationKeyOption = (provider: Provider): INodeProperties => ({
	displayName: 'Deduplication Key',
	name: ENGINE_OPTIONS.deduplicationKey,
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.orderId }}-{{ $json.sku }}',
	description: provider.idempotencyHeader
		? `What makes this item unique, e.g. an order and a SKU. Sent as ${provider.name}'s ${provider.idempotencyHeader} (named after this node), so running the workflow again with the same key creates nothing twice; ${provider.name} keeps a key for 24 hours.`
		: `What makes this item unique, e.g. an order and a SKU. ${provider.name} takes no such key: before creating, the node looks among the items it goes on for one with every field it would write equal and, if there is one, outputs it with alreadyCreated: true instead of creating another.`,
});
