import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Paging } from './descriptor';
import type { WireObject } from './input';
import { send, type CallSite, type PreparedRequest } from './request';

/** One page of a list, and where the next one starts. */
export interface Page {
	entries: IDataObject[];
	/** The query parameters that ask for the next page; absent on the last page. */
	next?: WireObject;
	/** The list goes on beyond the farthest offset the API pages to. */
	beyondReach?: boolean;
}

export const pick = (body: unknown, field?: string): unknown =>
	field === undefined ? body : field.split('.').reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], body);

/** An entry's id, where the list keeps it. */
export const entryId = (paging: Paging, entry: IDataObject): unknown => (paging.idField ? pick(entry, paging.idField) : entry.id);

/** The objects of a page, taken out of their wrapping entries where the list wraps them. */
const unwrapEntries = (paging: Paging, entries: unknown[]): IDataObject[] =>
	(paging.entryField ? entries.map((entry) => pick(entry, paging.entryField) ?? {}) : entries) as IDataObject[];

/** Reads the page at `position` (the previous page's `next`, or nothing for the first). */
export async function readPage(
	site: CallSite,
	paging: Paging,
	request: PreparedRequest,
	pageSize: number,
	position: WireObject = {},
): Promise<Page> {
	const { context, provider, itemIndex } = site;
	const query: WireObject = { ...request.query };
	if (paging.limitParam !== undefined) query[paging.limitParam] = Math.min(pageSize, paging.maxPageSize);
	Object.assign(query, position);
	const { body } = await send(site, { ...request, query });
	const entries = pick(body, paging.itemsField);
	if (!Array.isArray(entries)) {
		throw new NodeApiError(context.getNode(), (body ?? {}) as JsonObject, {
			message: `${provider.name} answered without a list${paging.itemsField ? ` in "${paging.itemsField}"` : ''}`,
			itemIndex,
		});
	}
	const page: Page = { entries: unwrapEntries(paging, entries) };
	const { next } = paging;
	if (entries.length === 0 || next.type === 'whole') return page;
	if (next.type === 'afterLastId') {
		const lastId = entryId(paging, page.entries[entries.length - 1]);
		if ((body as IDataObject)[next.hasMoreField] && lastId !== undefined) page.next = { [next.cursorParam]: String(lastId) };
	} else if (next.type === 'offset') {
		if (entries.length < Number(query[paging.limitParam!])) return page;
		const offset = Number(position[next.offsetParam] ?? 0) + entries.length;
		if (next.maxOffset !== undefined && offset > next.maxOffset) page.beyondReach = true;
		else page.next = { [next.offsetParam]: offset };
	} else {
		const token = String(pick(body, next.tokenField) ?? '');
		if (token !== '') page.next = { [next.tokenParam]: token };
	}
	return page;
}

/**
 * Reads a list page by page until `limit` entries are collected, the API has no more, or
 * `visit` says stop. Each page asks only for what is still missing.
 */
export async function readPages(
	site: CallSite,
	paging: Paging,
	request: PreparedRequest,
	limit: number,
	visit: (page: IDataObject[]) => boolean = () => false,
): Promise<IDataObject[]> {
	const { context, provider, itemIndex } = site;
	const results: IDataObject[] = [];
	const seen = new Set<string>();
	let position: WireObject = {};
	for (;;) {
		const page = await readPage(site, paging, request, Math.min(paging.maxPageSize ?? Infinity, limit - results.length), position);
		results.push(...page.entries);
		if (visit(page.entries) || results.length >= limit) break;
		if (page.beyondReach) {
			throw new NodeOperationError(
				context.getNode(),
				`${provider.name} pages only up to offset ${(paging.next as { maxOffset: number }).maxOffset}, and this list has more than ${results.length} entries`,
				{ itemIndex, description: 'Use a Limit, or narrow the list down, to read it within that range.' },
			);
		}
		if (!page.next) break;
		// A server that hands out the same cursor twice would otherwise be read forever.
		const key = JSON.stringify(page.next);
		if (seen.has(key)) break;
		seen.add(key);
		position = page.next;
	}
	return results.slice(0, limit);
}
