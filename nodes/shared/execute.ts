import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, randomString } from 'n8n-workflow';

import type { ApiResponse, Endpoint, Field, Provider } from './descriptor';
import {
	CLEARED,
	InputError,
	UI,
	applyClears,
	applySameAs,
	checkRules,
	readFields,
	rulePaths,
	type ReadContext,
	type WireObject,
	type WireValue,
} from './input';
import { locatorValue } from './locator';
import { entryId, pick, readPages } from './paging';
import {
	ENGINE_PARAMETERS,
	defaultLimit,
	readLimit,
	readReadBack,
	readBatchSize,
	readDeduplicationKey,
	readTransport,
	readUpdateMode,
	type UpdateMode,
} from './engineParameters';
import type { ResourceGroup } from './properties';
import {
	buildPath,
	checkPathId,
	credentialTypeOf,
	earlierAttemptLost,
	idsOutsidePath,
	send,
	type CallSite,
	type PreparedRequest,
	type Transport,
} from './request';
import { sibling, wireBody } from './wire';
import { planCalls, refusedWhole, sendBulk } from './batch';
import { createOnce, deduplicationIdempotencyKey, writeSafety, writtenFields, type Ledger } from './created';
import { itemParameterReader, type ItemParameterReader } from './itemParameters';

/** What one item's parameters hold for an endpoint, in the shapes n8n returns them. */
export interface EndpointParameters {
	ids: Record<string, unknown>;
	/** Top-level values of required body fields (Replace mode, or endpoints without modes). */
	required: IDataObject;
	updateFields: IDataObject;
	clearFields: IDataObject;
	options: IDataObject;
	/** For endpoints whose write replaces the whole object. */
	mode?: UpdateMode;
	/** How many entries a list endpoint returns (Return All: Infinity). */
	limit?: number;
}

/** A validated request, plus what the executor must do around it. */
export interface PreparedCall extends PreparedRequest {
	ids: Record<string, string>;
	/** Merge mode: the body holds only the user's changes, laid over the current object when sent. */
	merge?: boolean;
	/** Whether to read the object back after a write that answers without it. */
	readBack?: boolean;
	/** List endpoints: how many entries to return. */
	limit?: number;
	/** A create's Deduplication Key: what makes this write unique across runs. */
	deduplicationKey?: string;
}

const TOP = { labels: [], path: '' };

/** The body in the descriptor's order; cleared fields written as the API wants them. */
const inOrder = (fields: Field[], values: WireObject, omitCleared = false): WireObject =>
	Object.fromEntries(
		fields
			.filter((field) => values[field.name] !== undefined && !(omitCleared && values[field.name] === CLEARED))
			.map((field) => [field.name, values[field.name]]),
	);

const isSet = (values: WireObject, path: string) =>
	path.split('.').reduce<WireValue | undefined>((at, key) => (at as WireObject | undefined)?.[key], values) !== undefined;

/** Validates one item's parameters against the endpoint and builds its request. Sends nothing. */
export function prepareRequest(endpoint: Endpoint, parameters: EndpointParameters, ctx: ReadContext): PreparedCall {
	// Every id is checked, also one that is only looked for in a list and never put in a path.
	const ids = Object.fromEntries(endpoint.pathIds.map((pathId) => [pathId.name, checkPathId(pathId, parameters.ids[pathId.name])]));
	const request: PreparedCall = { method: endpoint.method, path: buildPath(endpoint, ids), ids };
	const idQuery = idsOutsidePath(endpoint, ids).query;
	if (endpoint.query || idQuery) request.query = { ...idQuery, ...(endpoint.query && readFields(endpoint.query, parameters.options, ctx)) };
	if (endpoint.readBack) request.readBack = readReadBack(parameters.options);
	if (endpoint.paging) request.limit = defaultLimit(parameters.limit);
	const deduplicationKey = readDeduplicationKey(endpoint, parameters.options);
	if (deduplicationKey !== undefined) request.deduplicationKey = deduplicationKey;
	if (!endpoint.body) return request;

	const { fields, rules = [], requireOne, replaces } = endpoint.body;
	const merge = replaces !== undefined && parameters.mode !== 'replace';
	// In Merge mode nothing is required of the user: the current object supplies the rest.
	const inputFields = merge ? fields.map((field) => ({ ...field, required: false }) as Field) : fields;
	const raw = { ...parameters.options, ...parameters.updateFields, ...parameters.required };
	const values = readFields(inputFields, raw, ctx);
	applyClears(fields, parameters.clearFields, values);
	applySameAs(fields, values);
	// Merge mode: a rule is checked now if the user's values alone decide it, the rest after the read.
	const decidable = merge ? rules.filter((rule) => rulePaths(rule).every((path) => isSet(values, path))) : rules;
	checkRules(decidable, fields, values, TOP);
	const body = inOrder(fields, values, !merge && replaces?.clearBy === 'omit');
	if ((requireOne || merge) && !fields.some((field) => field.section !== 'options' && body[field.name] !== undefined)) {
		throw new InputError('Update Fields', '', 'is empty: add at least one field to update or to clear');
	}
	request.body = body;
	request.merge = merge;
	return request;
}

function readParameters(read: ItemParameterReader, endpoint: Endpoint, itemIndex: number): EndpointParameters {
	const get = (name: string, fallback?: unknown) => read(name, itemIndex, fallback);
	const mode = readUpdateMode(endpoint, get);
	const ids: Record<string, unknown> = {};
	for (const pathId of endpoint.pathIds) ids[pathId.name] = locatorValue(pathId, get(pathId.name));
	const required: IDataObject = {};
	if (mode !== 'merge') {
		for (const field of endpoint.body?.fields.filter((candidate) => candidate.required) ?? []) {
			const value = get(field.name) as IDataObject[string];
			if (value !== undefined) required[field.name] = value;
		}
	}
	return {
		ids,
		required,
		updateFields: get(UI.updateFields, {}) as IDataObject,
		clearFields: get(UI.clearFields, {}) as IDataObject,
		options: get(UI.options, {}) as IDataObject,
		mode,
		limit: readLimit(endpoint, get),
	};
}

/** Reads one object: with its own GET, or by finding its id in a list. */
async function readOne(
	site: CallSite,
	endpoint: Endpoint,
	ids: Record<string, string>,
	findById?: string,
): Promise<IDataObject> {
	const { context, provider, itemIndex } = site;
	if (findById === undefined) {
		const { body } = await send(site, sibling(endpoint, ids));
		return (pick(body, endpoint.responseField) ?? {}) as IDataObject;
	}
	const wanted = ids[findById];
	let found: IDataObject | undefined;
	await readPages(site, endpoint.paging!, sibling(endpoint, ids), Infinity, (page) => {
		found = page.find((entry) => String(entryId(endpoint.paging!, entry)) === wanted);
		return found !== undefined;
	});
	if (!found) {
		const list = `${endpoint.method} ${endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name])}`;
		throw new NodeApiError(context.getNode(), {} as JsonObject, {
			message: `${provider.name} has no such item: "${wanted}"`,
			description: `Every page of ${list} was read; no entry has this ID.`,
			httpCode: '404',
			itemIndex,
		});
	}
	return found;
}

/** The current object with the user's changes laid over it, checked as a whole before it is sent. */
function mergeWithCurrent(endpoint: Endpoint, current: IDataObject, changes: WireObject): WireObject {
	const { fields, rules = [], replaces } = endpoint.body!;
	const merged: WireObject = {};
	for (const field of fields) {
		const value = field.inside ? (current[field.inside] as IDataObject | null | undefined)?.[field.name] : current[field.name];
		// null only travels back where the API accepts it (a clearable, i.e. nullable, field).
		if (value === undefined || (value === null && !field.clear)) continue;
		merged[field.name] = value === null ? CLEARED : (value as WireValue);
	}
	Object.assign(merged, changes);
	for (const field of fields) {
		if (field.required && (merged[field.name] === undefined || merged[field.name] === CLEARED)) {
			throw new InputError(field.label, field.name, 'is missing from the current item and must be set');
		}
	}
	checkRules(rules, fields, merged, TOP, (path) => !(path.split('.')[0] in changes));
	return inOrder(fields, merged, replaces?.clearBy === 'omit');
}

const foundAfterRead = (error: unknown) => {
	if (error instanceof InputError) error.afterRead = true;
	return error;
};

/** A 404 in the endpoint's own words where it has them (e.g. "already gone"); the provider's stay in the description. */
function inOwnWords(endpoint: Endpoint, error: unknown): unknown {
	if (!endpoint.notFound || !(error instanceof NodeApiError) || error.httpCode !== '404') return error;
	const said = error.message;
	error.message = endpoint.notFound;
	error.description = [said, error.description].filter(Boolean).join(' · ');
	return error;
}

/** A delete whose first answer was lost and whose retry found nothing: this run deleted it. */
function deletedByThisRun(endpoint: Endpoint, call: PreparedCall, error: unknown): IDataObject[] | undefined {
	const lost = endpoint.method === 'DELETE' && error instanceof NodeApiError && error.httpCode === '404' && earlierAttemptLost(error);
	if (!lost) return undefined;
	return [{ ...call.ids, deleted: true, confirmedByReading: true, note: `The first attempt got no clear answer (${lost}); the retry found the item gone, so that attempt deleted it.` }];
}

/** Sends the endpoint's own request; a delete whose retry found the item gone after a lost answer is output as done. */
async function sendFor(site: CallSite, endpoint: Endpoint, request: PreparedCall): Promise<ApiResponse | IDataObject[]> {
	try {
		return await send(site, request);
	} catch (error) {
		const deleted = deletedByThisRun(endpoint, request, error);
		if (deleted) return deleted;
		throw inOwnWords(endpoint, error);
	}
}

/** Sends the endpoint's own write and makes its output. */
async function write(site: CallSite, endpoint: Endpoint, call: PreparedCall, body: WireObject | undefined): Promise<IDataObject[]> {
	const response = await sendFor(site, endpoint, { ...call, body: wireBody(endpoint, call.ids, body) });
	if (Array.isArray(response)) return response;
	if (endpoint.answersEmpty) return [{ ...call.ids, ...endpoint.answersEmpty }];
	if (endpoint.readBack) {
		if (!call.readBack) return [{ ...call.ids, updated: true }];
		return [await readOne(site, endpoint.readBack, call.ids)];
	}
	const output = (pick(response.body, endpoint.responseField) ?? {}) as IDataObject;
	// Answered from the key's first use, which no attempt of this run can have been: an earlier run made it.
	if (call.deduplicationKey !== undefined && response.replayed && !response.afterLostAnswer) {
		return [{ ...output, alreadyCreated: true, deduplicationKey: call.deduplicationKey }];
	}
	return [output];
}

/** Runs one item's call and returns its output objects. */
async function perform(site: CallSite, endpoint: Endpoint, call: PreparedCall, ledger: Ledger): Promise<IDataObject[]> {
	if (endpoint.findIn) {
		return [await readOne(site, endpoint.findIn.list, call.ids, endpoint.findIn.pathId)];
	}
	if (endpoint.paging) {
		return await readPages(site, endpoint.paging, call, defaultLimit(call.limit));
	}
	let body = call.body;
	if (body && call.merge) {
		const { read, findById } = endpoint.body!.replaces!;
		const current = await readOne(site, read, call.ids, findById);
		try {
			body = mergeWithCurrent(endpoint, current, body);
		} catch (error) {
			throw foundAfterRead(error);
		}
	}
	if (!call.unsafe) return await write(site, endpoint, call, body);
	const { deduplicationKey, ...once } = call;
	const written = writtenFields(endpoint, wireBody(endpoint, call.ids, body));
	const creation = { site, endpoint, request: once, written, send: () => write(site, endpoint, once, body) };
	return await createOnce(creation, ledger, deduplicationKey);
}

/**
 * n8n's own way of naming an item in a message: zero-based, at the end, as its Set, Code and If
 * nodes write it and as the editor appends it to errors of runs with several items (it leaves a
 * message that already says it alone).
 */
const itemSuffix = (itemIndex: number) => ` [item ${itemIndex}]`;

function toNodeError(context: IExecuteFunctions, endpoint: Endpoint, error: unknown, itemIndex: number): Error {
	if (error instanceof InputError) {
		const field = error.wirePath ? `Field "${error.wirePath}" of ` : '';
		const outcome = error.afterRead
			? 'The current item was read; nothing was written.'
			: 'Nothing was sent for this item.';
		return new NodeOperationError(context.getNode(), `${error.message}${itemSuffix(itemIndex)}`, {
			itemIndex,
			description: `${error.advice ? `${error.advice} ` : ''}${field}${endpoint.method} ${endpoint.path}. ${outcome}`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * A failed item under Continue On Fail. On the regular output it says all we know. On the error
 * output ("Continue (using error output)") it must be `{ error }` or `{ error, message }`: only
 * these shapes make n8n 1.x–2.8 route the item there (with more keys it stays on the success
 * output), and n8n adds the input item's fields to them.
 */
function errorOutput(error: Error, itemIndex: number, toErrorOutput: boolean): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const { description, httpCode, context } = error as NodeApiError;
	if (toErrorOutput) {
		if (description) json.message = description;
		return { json, pairedItem: { item: itemIndex } };
	}
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	if (context?.details) Object.assign(json, context.details as IDataObject);
	return { json, pairedItem: { item: itemIndex } };
}

/** The endpoint of the chosen resource and operation. */
function chosenEndpoint(context: IExecuteFunctions, groups: ResourceGroup[]): Endpoint {
	const resource = context.getNodeParameter(ENGINE_PARAMETERS.resource, 0) as string;
	const operation = context.getNodeParameter(ENGINE_PARAMETERS.operation, 0) as string;
	const endpoint = groups
		.find((group) => group.value === resource)
		?.endpoints.find((candidate) => candidate.operation === operation);
	if (!endpoint) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return endpoint;
}

/** What one node run shares between its items. */
interface Run {
	context: IExecuteFunctions;
	provider: Provider;
	endpoint: Endpoint;
	continueOnFail: boolean;
}

type ItemCall = PreparedCall & { credentialType: string };

/** Every item validated and prepared, or its error (thrown at once without Continue On Fail). */
function prepareItems(run: Run): Array<ItemCall | Error> {
	const { context, provider, endpoint } = run;
	const ctx: ReadContext = { codec: provider.codec, timeZone: context.getTimezone() };
	const read = itemParameterReader(context);
	return context.getInputData().map((_item, itemIndex) => {
		try {
			const credentialType = credentialTypeOf(provider, (name) => read(name, itemIndex));
			if (endpoint.onlyWith && !endpoint.onlyWith.credentialTypes.includes(credentialType)) {
				throw new InputError('Authentication', '', endpoint.onlyWith.reason, endpoint.onlyWith.advice);
			}
			return { ...prepareRequest(endpoint, readParameters(read, endpoint, itemIndex), ctx), credentialType };
		} catch (error) {
			const nodeError = toNodeError(context, endpoint, error, itemIndex);
			if (!run.continueOnFail) throw nodeError;
			return nodeError;
		}
	});
}

/** What the items of one run share while they are sent. */
interface Sending {
	run: Run;
	prepared: Array<ItemCall | Error>;
	results: Array<IDataObject[] | Error | undefined>;
	transport: Transport;
	/** Idempotency keys: this plus the item's index (or the bulk call's first index), the same on every retry. */
	idempotencyBase: string;
	/** Without Continue On Fail, a failure stops new calls from starting. */
	stopped: boolean;
	/** What the run's creates know of the objects of each parent. */
	ledger: Ledger;
}

/** The idempotency key of one call: the item's Deduplication Key where it has one (it goes alone), else one of this run's. */
function idempotencyKeyOf(sending: Sending, itemIndexes: number[]): string {
	const key = (sending.prepared[itemIndexes[0]] as ItemCall).deduplicationKey;
	if (itemIndexes.length === 1 && key !== undefined) return deduplicationIdempotencyKey(sending.run.context.getNode().id, key);
	const base = sending.idempotencyBase;
	return itemIndexes.length === 1 ? `${base}-${itemIndexes[0]}` : `${base}-bulk-${itemIndexes[0]}`;
}

/** One item in its own call; false if it failed. */
async function performAlone(sending: Sending, itemIndex: number): Promise<boolean> {
	const { run, prepared, results, transport } = sending;
	const { context, provider, endpoint } = run;
	const { credentialType, ...request } = prepared[itemIndex] as ItemCall;
	const site: CallSite = { context, provider, credentialType, itemIndex, transport };
	const safety = writeSafety(provider, endpoint);
	const call: PreparedCall = { ...request, idempotencyKey: idempotencyKeyOf(sending, [itemIndex]) };
	if (safety === 'unsafe') call.unsafe = true;
	try {
		results[itemIndex] = await perform(site, endpoint, call, sending.ledger);
		return true;
	} catch (error) {
		results[itemIndex] = toNodeError(context, endpoint, error, itemIndex);
		return false;
	}
}

/** Each item in its own call, in order, to learn which of a refused bulk call were bad. */
async function performOneByOne(sending: Sending, itemIndexes: number[]): Promise<boolean> {
	let allWent = true;
	for (const itemIndex of itemIndexes) {
		if (!(await performAlone(sending, itemIndex))) {
			allWent = false;
			if (!sending.run.continueOnFail) break;
		}
	}
	return allWent;
}

/**
 * Several items in one bulk call. Refused as a whole, its items are sent one by one under their own
 * keys (the refused call applied nothing); any other failure is every item's, and nothing is sent again.
 */
async function performTogether(sending: Sending, itemIndexes: number[]): Promise<boolean> {
	const { run, prepared, results, transport } = sending;
	const { context, provider, endpoint } = run;
	const items = itemIndexes.map((itemIndex) => prepared[itemIndex] as ItemCall);
	const site: CallSite = { context, provider, credentialType: items[0].credentialType, itemIndex: itemIndexes[0], transport };
	let outputs: Array<IDataObject[] | Error>;
	try {
		outputs = await sendBulk(site, endpoint, items, idempotencyKeyOf(sending, itemIndexes));
	} catch (error) {
		if (refusedWhole(provider, error)) return await performOneByOne(sending, itemIndexes);
		outputs = itemIndexes.map(() => error as Error);
	}
	itemIndexes.forEach((itemIndex, position) => {
		const output = outputs[position];
		results[itemIndex] = output instanceof Error ? toNodeError(context, endpoint, output, itemIndex) : output;
	});
	return outputs.every((output) => !(output instanceof Error));
}

/**
 * Runs the prepared items side by side, alone or in bulk calls (the credential's throttle sets the
 * pace); results keep the input order. Without Continue On Fail, a failure stops new calls from starting.
 */
async function performItems(
	run: Run,
	prepared: Array<ItemCall | Error>,
	{ transport, concurrency, batchSize }: Settings,
): Promise<Array<IDataObject[] | Error | undefined>> {
	const { context, endpoint } = run;
	const sending: Sending = {
		run,
		prepared,
		results: prepared.map((call) => (call instanceof Error ? call : undefined)),
		transport,
		idempotencyBase: `n8n-${context.getExecutionId()}-${context.getNode().id}-${randomString(8)}`,
		stopped: false,
		ledger: new Map(),
	};
	const calls = planCalls(endpoint, prepared, batchSize);
	let next = 0;
	const worker = async () => {
		while (!sending.stopped && next < calls.length) {
			const itemIndexes = calls[next++];
			const went = itemIndexes.length === 1 ? await performAlone(sending, itemIndexes[0]) : await performTogether(sending, itemIndexes);
			if (!went && !run.continueOnFail) sending.stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
	return sending.results;
}

/**
 * Runs the chosen endpoint for every input item. All items are validated before the first request,
 * so bad input anywhere stops the run with nothing sent (or, with Continue On Fail, only the bad
 * items are reported and the others go through). Outputs keep the input order and `pairedItem`;
 * without Continue On Fail the first failed item is reported.
 */
export async function executeEndpoints(
	context: IExecuteFunctions,
	provider: Provider,
	groups: ResourceGroup[],
): Promise<INodeExecutionData[][]> {
	const endpoint = chosenEndpoint(context, groups);
	const run: Run = { context, provider, endpoint, continueOnFail: context.continueOnFail() };
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
	const results = await performItems(run, prepareItems(run), settingsOf(context, endpoint));
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, result] of results.entries()) {
		if (result instanceof Error) {
			if (!run.continueOnFail) throw result;
			output.push(errorOutput(result, itemIndex, toErrorOutput));
		} else {
			for (const json of result ?? []) output.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** How to send, from the Options collection of the first item. */
type Settings = ReturnType<typeof readTransport> & { batchSize?: number };

/** The sending options, read once for the whole run: a value out of bounds stops it before anything is sent. */
function settingsOf(context: IExecuteFunctions, endpoint: Endpoint): Settings {
	try {
		const options = context.getNodeParameter(UI.options, 0, {}) as IDataObject;
		return { ...readTransport(options), batchSize: readBatchSize(endpoint, options) };
	} catch (error) {
		throw toNodeError(context, endpoint, error, 0);
	}
}
