import type { Endpoint } from './descriptor';
import { nestFields, type WireObject } from './input';
import { buildPath, idsOutsidePath, type PreparedRequest } from './request';

/** A body split in two: the fields with other keys, and those with these keys. */
export const splitBody = (body: WireObject, keys: string[]) => ({
	inside: Object.fromEntries(Object.entries(body).filter(([key]) => !keys.includes(key))),
	beside: Object.fromEntries(Object.entries(body).filter(([key]) => keys.includes(key))),
});

/** The body as the one entry of the list the API wants, the fields that stay outside beside it. */
function asListEntry(endpoint: Endpoint, body: WireObject | undefined): WireObject | undefined {
	const listEntry = endpoint.body?.listEntry;
	if (!body || !listEntry) return body;
	const { inside, beside } = splitBody(body, listEntry.outside ?? []);
	return { [listEntry.key]: [inside], ...beside };
}

/**
 * The body one item's call sends: fields nested where the API nests them, ids sent in the body
 * beside the fields, all inside the envelope or as the one entry of the list, if the API wants either.
 */
export function wireBody(endpoint: Endpoint, ids: Record<string, string>, fields: WireObject | undefined): WireObject | undefined {
	let body = fields;
	if (body && endpoint.body) body = nestFields(endpoint.body.fields, body);
	const idsInBody = idsOutsidePath(endpoint, ids).body;
	if (idsInBody) body = { ...idsInBody, ...body };
	const envelope = endpoint.body?.envelope;
	return body && envelope ? { [envelope]: body } : asListEntry(endpoint, body);
}

/** A request for another endpoint of the same object (same ids), e.g. the GET behind an update. */
export function sibling(endpoint: Endpoint, ids: Record<string, string>): PreparedRequest {
	const request: PreparedRequest = { method: endpoint.method, path: buildPath(endpoint, ids) };
	const { query } = idsOutsidePath(endpoint, ids);
	if (query) request.query = query;
	return request;
}
