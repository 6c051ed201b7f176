import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Endpoint, Provider } from './descriptor';
import { InputError, UI, applyClears, checkRules, readFields, type ReadContext, type WireObject } from './input';
import type { ResourceGroup } from './properties';
import { buildPath, send, type PreparedRequest } from './request';

/** What one item's parameters hold for an endpoint, in the shapes n8n returns them. */
export interface EndpointParameters {
	ids: Record<string, unknown>;
	/** Top-level values of required body fields. */
	required: IDataObject;
	updateFields: IDataObject;
	clearFields: IDataObject;
	options: IDataObject;
}

/** Validates one item's parameters against the endpoint and builds its request. Sends nothing. */
export function prepareRequest(endpoint: Endpoint, parameters: EndpointParameters, ctx: ReadContext): PreparedRequest {
	const request: PreparedRequest = { method: endpoint.method, path: buildPath(endpoint, parameters.ids) };
	if (endpoint.query) request.query = readFields(endpoint.query, parameters.options, ctx);
	if (endpoint.body) {
		const { fields, rules = [], requireOne } = endpoint.body;
		const raw = { ...parameters.options, ...parameters.updateFields, ...parameters.required };
		const values: WireObject = readFields(fields, raw, ctx);
		applyClears(fields, parameters.clearFields, values);
		checkRules(rules, fields, values, { labels: [], path: '' });
		// The descriptor's order, whatever was set or cleared: the same input always gives the same bytes.
		const present = fields.filter((field) => values[field.name] !== undefined);
		if (requireOne && !present.some((field) => field.section !== 'options')) {
			throw new InputError('Update Fields', '', 'is empty: add at least one field to update or to clear');
		}
		request.body = Object.fromEntries(present.map((field) => [field.name, values[field.name]]));
	}
	return request;
}

function readParameters(context: IExecuteFunctions, endpoint: Endpoint, itemIndex: number): EndpointParameters {
	const get = (name: string, fallback?: unknown) => context.getNodeParameter(name, itemIndex, fallback);
	const ids: Record<string, unknown> = {};
	for (const pathId of endpoint.pathIds) ids[pathId.name] = get(pathId.name);
	const required: IDataObject = {};
	for (const field of endpoint.body?.fields.filter((candidate) => candidate.required) ?? []) {
		required[field.name] = get(field.name) as IDataObject[string];
	}
	return {
		ids,
		required,
		updateFields: get(UI.updateFields, {}) as IDataObject,
		clearFields: get(UI.clearFields, {}) as IDataObject,
		options: get(UI.options, {}) as IDataObject,
	};
}

async function fetchList(
	context: IExecuteFunctions,
	provider: Provider,
	endpoint: Endpoint,
	request: PreparedRequest,
	itemIndex: number,
): Promise<IDataObject[]> {
	const paging = endpoint.paging!;
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (context.getNodeParameter('limit', itemIndex, 50) as number);
	const results: IDataObject[] = [];
	let cursor: string | undefined;
	for (;;) {
		const pageSize = Math.min(paging.maxPageSize, limit - results.length);
		const query: WireObject = { ...request.query, [paging.limitParam]: pageSize };
		if (cursor !== undefined) query[paging.cursorParam] = cursor;
		const { body } = await send(context, provider, { ...request, query }, itemIndex);
		const page = (body as IDataObject)?.[paging.itemsField];
		if (!Array.isArray(page)) {
			throw new NodeApiError(context.getNode(), (body ?? {}) as IDataObject as never, {
				message: `${provider.name} answered without a list in "${paging.itemsField}"`,
				itemIndex,
			});
		}
		results.push(...(page as IDataObject[]));
		const last = page[page.length - 1] as IDataObject | undefined;
		if (results.length >= limit || !(body as IDataObject)[paging.hasMoreField] || !last?.id) {
			return results.slice(0, limit);
		}
		cursor = String(last.id);
	}
}

function toNodeError(context: IExecuteFunctions, endpoint: Endpoint, error: unknown, itemIndex: number): Error {
	if (error instanceof InputError) {
		const field = error.wirePath ? `Field "${error.wirePath}" of ` : '';
		return new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${error.message}`, {
			itemIndex,
			description: `${field}${endpoint.method} ${endpoint.path}. Nothing was sent for this item.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorOutput(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const { description, httpCode, context } = error as NodeApiError;
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	if (context?.details) Object.assign(json, context.details as IDataObject);
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen endpoint for every input item. All items are validated before the first request,
 * so bad input anywhere stops the run with nothing sent (or, with Continue On Fail, only the bad
 * items are reported and the others go through). Outputs keep the input order and `pairedItem`.
 */
export async function executeEndpoints(
	context: IExecuteFunctions,
	provider: Provider,
	groups: ResourceGroup[],
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const endpoint = groups
		.find((group) => group.value === resource)
		?.endpoints.find((candidate) => candidate.operation === operation);
	if (!endpoint) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const ctx: ReadContext = { encoding: provider.encoding, timeZone: context.getTimezone() };
	const continueOnFail = context.continueOnFail();

	const prepared = items.map((_item, itemIndex) => {
		try {
			return prepareRequest(endpoint, readParameters(context, endpoint, itemIndex), ctx);
		} catch (error) {
			const nodeError = toNodeError(context, endpoint, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			return nodeError;
		}
	});

	const output: INodeExecutionData[] = [];
	for (const [itemIndex, request] of prepared.entries()) {
		if (request instanceof Error) {
			output.push(errorOutput(request, itemIndex));
			continue;
		}
		try {
			const results = endpoint.paging
				? await fetchList(context, provider, endpoint, request, itemIndex)
				: [(await send(context, provider, request, itemIndex)).body as IDataObject];
			for (const json of results) output.push({ json: json ?? {}, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError(context, endpoint, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output.push(errorOutput(nodeError, itemIndex));
		}
	}
	return [output];
}
