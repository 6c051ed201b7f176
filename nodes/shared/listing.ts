import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Endpoint, Field, ListSource, PathId, Provider, WireQuery } from './descriptor';
import { InputError, type WireObject } from './input';
import { locatorValue } from './locator';
import { entryId, pick, readPage, readPages } from './paging';
import type { ResourceGroup } from './properties';
import { checkPathId, credentialTypeOf, send, type CallSite, type PreparedRequest } from './request';

/** Lists shown in the editor answer quickly or say why not; one retry for a dropped connection. */
const LIST_TRANSPORT = { retries: 1, timeoutMs: 20_000 };

/** Said after an option list's error: how to load the list again once the cause is fixed. */
export const REFRESH_ADVICE = " (once fixed, choose Refresh List in this field's menu, or reopen the node)";

/** Most entries an option list (loadOptions) reads; an expression gives any id beyond them. */
export const OPTION_LIST_LIMIT = 500;

type Method<R> = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<R>;

function callSite(context: ILoadOptionsFunctions, provider: Provider): CallSite {
	const credentialType = credentialTypeOf(provider, (name) => context.getCurrentNodeParameter(name));
	return { context, provider, credentialType, itemIndex: 0, transport: LIST_TRANSPORT };
}

/** The ids the list depends on, read from the node's other parameters as they are now. */
function withinIds(context: ILoadOptionsFunctions, source: ListSource): Record<string, string> {
	const ids: Record<string, string> = {};
	for (const pathId of source.within ?? []) {
		const inPath = source.path.includes(`{${pathId.name}}`);
		const raw = locatorValue(pathId, context.getCurrentNodeParameter(pathId.name));
		if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
			if (inPath) throw new InputError(pathId.label, pathId.name, `must be chosen first: this list shows the ${source.what}`);
			continue;
		}
		if (typeof raw === 'string' && raw.startsWith('=')) {
			throw new InputError(pathId.label, pathId.name, 'is an expression, so this list cannot know it yet: choose it from its list or type its ID, or give this ID by expression too');
		}
		ids[pathId.name] = checkPathId(pathId, raw);
	}
	return ids;
}

const fillPath = (path: string, ids: Record<string, string>) =>
	path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(ids[name]));

/** The list call with its filters, before paging. */
function listRequest(source: ListSource, ids: Record<string, string>, search?: WireQuery): PreparedRequest {
	return { method: 'GET', path: fillPath(source.path, ids), query: { ...source.query?.(ids), ...search } };
}

/** An entry as the picker shows it: its label (or its id when it has none) and its id. */
const entryOption = (source: ListSource, entry: IDataObject): INodeListSearchItems => {
	const id = String(entryId(source.paging, entry) ?? '');
	return { name: source.label(entry) || id, value: id };
};

/**
 * An error while listing, said plainly in the picker: what could not be listed, and why. It is a
 * NodeApiError because n8n's editor shows the description (and, for 401/403, a link to the
 * credential) only for those.
 */
function listingError(context: ILoadOptionsFunctions, provider: Provider, source: ListSource, error: unknown): Error {
	const failure = (message: string, description: string, httpCode?: string | null) =>
		new NodeApiError(context.getNode(), {} as JsonObject, { message, description, httpCode: httpCode ?? undefined });
	if (error instanceof InputError) return failure(error.message, `Needed to list ${source.what} from ${provider.name}.`);
	const { message, description, httpCode } = error as NodeApiError;
	// The list of a chosen object (e.g. the items of a chosen parent) is missing: the provider's words would name the wrong thing.
	const chosen = (source.within ?? []).filter((pathId) => source.path.includes(`{${pathId.name}}`));
	if (httpCode === '404' && chosen.length) {
		return failure(
			`Could not list ${source.what} from ${provider.name}: the chosen ${chosen.map((pathId) => `"${pathId.label}"`).join(' or ')} was not found (HTTP 404)`,
			`Check the chosen ${chosen.map((pathId) => pathId.label).join(' and ')}, and that it belongs to this credential's account.`,
			httpCode,
		);
	}
	return failure(
		`Could not list ${source.what} from ${provider.name}: ${message}`,
		description ?? 'Check the credential and the connection, or give the ID in the By ID mode.',
		httpCode,
	);
}

/**
 * One page of a picker list. A typed text is searched with the API's own filter; a whole id is
 * read directly; where the API has no search, the page read is narrowed to entries whose label
 * or id contains the text (one page per call: the list is never scanned to its end).
 */
export async function searchList(
	context: ILoadOptionsFunctions,
	provider: Provider,
	source: ListSource,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const site = callSite(context, provider);
	const text = filter?.trim() ?? '';
	try {
		const ids = withinIds(context, source);
		if (text && source.lookup?.pattern.test(text) && !paginationToken) {
			const body = await send(site, { method: 'GET', path: fillPath(source.lookup.path, { ...ids, id: text }) }).then(
				(response) => response.body,
				// A typed ID that names nothing is an empty result, as a search that finds nothing.
				(error: NodeApiError) => {
					if (error.httpCode === '404') return undefined;
					throw error;
				},
			);
			const entry = pick(body, source.lookup.responseField) as IDataObject | undefined;
			return { results: entry && typeof entry === 'object' ? [entryOption(source, entry)] : [] };
		}
		const position = paginationToken ? (JSON.parse(paginationToken) as WireObject) : {};
		const search = text ? source.search?.(text) : undefined;
		const page = await readPage(site, source.paging, listRequest(source, ids, search), source.pageSize, position);
		let results = page.entries.map((entry) => entryOption(source, entry));
		if (text && !search) {
			const wanted = text.toLowerCase();
			results = results.filter((result) => `${result.name} ${result.value}`.toLowerCase().includes(wanted));
		}
		return { results, paginationToken: page.next ? JSON.stringify(page.next) : undefined };
	} catch (error) {
		throw listingError(context, provider, source, error);
	}
}

/** A whole option list (up to OPTION_LIST_LIMIT entries) for a field that takes another object's id. */
export async function optionList(
	context: ILoadOptionsFunctions,
	provider: Provider,
	source: ListSource,
): Promise<INodePropertyOptions[]> {
	const site = callSite(context, provider);
	try {
		const ids = withinIds(context, source);
		const entries = await readPages(site, source.paging, listRequest(source, ids), OPTION_LIST_LIMIT);
		return entries.map((entry) => entryOption(source, entry));
	} catch (error) {
		// n8n's editor loads an option list again only when the node's choice of credential (or a
		// parameter the list depends on) changes; fixing the chosen credential itself changes neither.
		const failure = listingError(context, provider, source, error);
		failure.message += REFRESH_ADVICE;
		throw failure;
	}
}

function fieldSources(fields: Field[], found: ListSource[]) {
	for (const field of fields) {
		if ((field.type === 'string' || field.type === 'stringList') && field.from) found.push(field.from);
		if (field.type === 'object' || field.type === 'objectList') fieldSources(field.fields, found);
	}
}

function pathIdSources(pathIds: PathId[], found: ListSource[]) {
	for (const pathId of pathIds) {
		if (!pathId.list) continue;
		found.push(pathId.list);
		pathIdSources(pathId.list.within ?? [], found);
	}
}

function byMethod<R>(sources: ListSource[], serve: (source: ListSource) => Method<R>): Record<string, Method<R>> {
	const methods: Record<string, Method<R>> = {};
	const served = new Map<string, ListSource>();
	for (const source of sources) {
		const other = served.get(source.method);
		if (other && other !== source) throw new Error(`Two different lists are named ${source.method}`);
		served.set(source.method, source);
		methods[source.method] = serve(source);
	}
	return methods;
}

/** The node's `methods`: a list search for every id with a list, an option list for every field with one. */
export function listMethods(provider: Provider, groups: ResourceGroup[]) {
	const endpoints: Endpoint[] = groups.flatMap((group) => group.endpoints);
	const locators: ListSource[] = [];
	const options: ListSource[] = [];
	for (const endpoint of endpoints) {
		pathIdSources(endpoint.pathIds, locators);
		fieldSources([...(endpoint.body?.fields ?? []), ...(endpoint.query ?? [])], options);
	}
	return {
		listSearch: byMethod<INodeListSearchResult>(locators, (source) =>
			async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
				return await searchList(this, provider, source, filter, paginationToken);
			},
		),
		loadOptions: byMethod<INodePropertyOptions[]>(options, (source) =>
			async function (this: ILoadOptionsFunctions) {
				return await optionList(this, provider, source);
			},
		),
	};
}
