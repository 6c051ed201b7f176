import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Batch, Endpoint, Provider } from './descriptor';
import type { WireObject } from './input';
import { entryId, pick, readPages } from './paging';
import { buildPath, send, type CallSite, type PreparedRequest } from './request';
import { sibling, splitBody, wireBody } from './wire';

/** What the bulk call needs of one prepared item. */
export interface BatchItem {
	ids: Record<string, string>;
	body?: WireObject;
	merge?: boolean;
	credentialType: string;
	deduplicationKey?: string;
}

/** One item's part of a bulk call: its entry, and the fields beside the list (equal for the whole call). */
interface Part {
	entry: WireObject;
	beside: WireObject;
}

/** The item's body as one entry of the bulk call, exactly what its own call would send; undefined if it cannot be one. */
function partOf(endpoint: Endpoint, batch: Batch, item: BatchItem): Part | undefined {
	if (!item.body || item.merge) return undefined;
	const wire = wireBody(endpoint, item.ids, item.body)!;
	if (batch.fits && !batch.fits(wire)) return undefined;
	if (endpoint.body?.listEntry) {
		const { [batch.listKey]: list, ...beside } = wire;
		return { entry: (list as WireObject[])[0], beside };
	}
	const { inside, beside } = splitBody(wire, batch.outside ?? []);
	const ids = Object.entries(batch.idsInEntry ?? {}).map(([name, key]) => [key, item.ids[name]]);
	return { entry: { ...Object.fromEntries(ids), ...inside }, beside };
}

/** The ids in the bulk path, which decide (with the credential and the fields beside the list) which items share a call. */
const groupIds = (batch: Batch) => [...batch.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

/**
 * The calls to make, in input order of their first item: each a list of item indexes. Items of one
 * group share a call, up to `size` entries; the rest go alone. Failed items are left out.
 */
export function planCalls(endpoint: Endpoint, items: Array<BatchItem | Error>, size: number | undefined): number[][] {
	const calls: number[][] = [];
	const open = new Map<string, { indexes: number[]; owns: Set<string> }>();
	const batch = endpoint.batch;
	const grouping = batch ? groupIds(batch) : [];
	items.forEach((item, index) => {
		if (item instanceof Error) return;
		// An idempotency key names a whole call: an item with a Deduplication Key goes alone, so its key never changes with its company.
		const part = batch && size !== undefined && size > 1 && item.deduplicationKey === undefined ? partOf(endpoint, batch, item) : undefined;
		if (!batch || !part) {
			calls.push([index]);
			return;
		}
		const key = JSON.stringify([item.credentialType, grouping.map((name) => item.ids[name]), part.beside]);
		// Two writes to one object never share a call: each is applied in its own, in input order.
		const own = JSON.stringify(Object.entries(item.ids).filter(([name]) => !grouping.includes(name)));
		let call = open.get(key);
		if (!call || (own !== '[]' && call.owns.has(own))) {
			call = { indexes: [], owns: new Set() };
			calls.push(call.indexes);
			open.set(key, call);
		}
		call.indexes.push(index);
		call.owns.add(own);
		if (call.indexes.length >= size!) open.delete(key);
	});
	return calls;
}

/** The bulk request of these items: one entry each, the shared fields beside the list. */
export function bulkRequest(endpoint: Endpoint, items: BatchItem[], idempotencyKey: string): PreparedRequest {
	const batch = endpoint.batch!;
	const parts = items.map((item) => partOf(endpoint, batch, item)!);
	const path = buildPath({ ...endpoint, path: batch.path }, items[0].ids);
	return { method: endpoint.method, path, body: { [batch.listKey]: parts.map((part) => part.entry), ...parts[0].beside }, idempotencyKey };
}

/** Finds each item's own object in the answer, reading the list for those the answer leaves out. */
async function findOwn(site: CallSite, endpoint: Endpoint, items: BatchItem[], answer: unknown): Promise<Array<IDataObject | Error>> {
	const { listField, idFrom, read } = endpoint.batch!.answer!;
	const found = new Map<string, IDataObject>();
	const keep = (entries: unknown) => {
		for (const entry of Array.isArray(entries) ? (entries as IDataObject[]) : []) found.set(String(entryId(read.paging!, entry)), entry);
	};
	keep(pick(answer, listField));
	const wanted = new Set(items.map((item) => item.ids[idFrom]));
	let readFailure: Error | undefined;
	if ([...wanted].some((id) => !found.has(id))) {
		try {
			await readPages(site, read.paging!, sibling(read, items[0].ids), Infinity, (page) => {
				keep(page);
				return [...wanted].every((id) => found.has(id));
			});
		} catch (error) {
			readFailure = error as Error;
		}
	}
	return items.map((item) => found.get(item.ids[idFrom]) ?? missing(site, endpoint, item.ids[idFrom], readFailure));
}

/** An item written by a bulk call that succeeded, whose object neither the answer nor the list gave back. */
function missing(site: CallSite, endpoint: Endpoint, id: string, readFailure?: Error): Error {
	const { listField, read } = endpoint.batch!.answer!;
	const list = `${read.method} ${read.path}`;
	return new NodeOperationError(site.context.getNode(), `"${id}" was written, but ${site.provider.name} did not return it`, {
		description: `The bulk call ${endpoint.method} ${endpoint.batch!.path} succeeded; "${id}" is not in its "${listField}", and ${
			readFailure ? `reading ${list} failed: ${readFailure.message}` : `not in ${list} either`
		}.`,
		itemIndex: site.itemIndex,
	});
}

/** Sends one bulk call for these items; the outputs (or errors) are in the items' order. */
export async function sendBulk(
	site: CallSite,
	endpoint: Endpoint,
	items: BatchItem[],
	idempotencyKey: string,
): Promise<Array<IDataObject[] | Error>> {
	const { body, replayed, afterLostAnswer } = await send(site, bulkRequest(endpoint, items, idempotencyKey));
	const answer = pick(body, endpoint.responseField);
	// Answered from the key's first use, which no attempt of this run made: the items' Deduplication Keys were used before.
	const earlier = replayed && !afterLostAnswer && items.every((item) => item.deduplicationKey !== undefined);
	const flagged = (output: IDataObject, item: BatchItem) =>
		earlier ? { ...output, alreadyCreated: true, deduplicationKey: item.deduplicationKey } : output;
	if (!endpoint.batch!.answer) return items.map((item) => [flagged((answer ?? {}) as IDataObject, item)]);
	const own = await findOwn(site, endpoint, items, answer);
	return own.map((entry, position) => (entry instanceof Error ? entry : [flagged(entry, items[position])]));
}

/**
 * Whether the provider refused the bulk call as a whole and applied none of it (a 4xx that is not a
 * "try later"): its items can then be sent one by one to learn which were bad. After a 429, a
 * retryable status or no answer at all, what was applied is not known, so nothing is sent again.
 */
export function refusedWhole(provider: Provider, error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = Number(error.httpCode);
	return status >= 400 && status < 500 && status !== 429 && status !== 408 && !(provider.retryStatuses ?? []).includes(status);
}
