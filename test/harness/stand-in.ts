/**
 * A billing API on 127.0.0.1 that keeps invoices' items, built from the endpoints a node calls
 * (their methods, path templates, envelopes and list shapes), and that loses answers on purpose.
 *
 * - Items are kept per parent (the ids a list path names); every item carries its input item's
 *   marker (`fault-<n>` in a text field), so applications are counted per input item: a create
 *   that makes an item, an update that changes one (the same values again change nothing), a
 *   delete that removes one.
 * - A POST with a repeated Idempotency-Key and the same body gets the first answer back (with
 *   `Idempotent-Replayed: true`) and applies nothing; with another body it is refused with Stripe's
 *   `idempotency_error`. Like Stripe, other methods ignore the key.
 * - The first arrival of each write (method, path and body) meets the injected fault; a repeat of
 *   the same write goes through. Reads always go through.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';
import { parse as parseForm } from 'qs';

import type { Endpoint } from '../../nodes/shared/descriptor';
import { listenClosable } from './faults';

/** What meets a write's first arrival. */
export type WriteFault =
	| 'none'
	/** Applied; the answer comes after the client stopped waiting. */
	| 'timeout after applying'
	| '500 after applying'
	| '502 after applying'
	| '503 after applying'
	| '504 after applying'
	/** Applied; the connection is dropped before the answer. */
	| 'reset after applying'
	/** The connection is dropped before anything is applied. */
	| 'reset before applying'
	/** Refused, nothing applied, try again at once. */
	| '429';

export const WRITE_FAULTS: WriteFault[] = [
	'timeout after applying',
	'500 after applying',
	'502 after applying',
	'503 after applying',
	'504 after applying',
	'reset after applying',
	'reset before applying',
	'429',
];

/** The endpoints one stand-in serves, and the parents and items it starts with. */
export interface StandInSpec {
	create?: Endpoint;
	update?: Endpoint;
	remove?: Endpoint;
	/** The list of a parent's items (a create's `createdIn.list`). */
	list?: Endpoint;
	/** A GET of one item (read back after a write, or read in Merge mode). */
	get?: Endpoint;
	/** Parent key (the list's ids joined by "/") → items there from the start; each has an `id`. */
	seed?: Record<string, IDataObject[]>;
	/** A write that this function answers itself (e.g. a model of Stripe's bulk line calls); null: not its. */
	other?: (request: StandInRequest) => { status: number; body: unknown; applied: number[] } | null;
	/** How long the late answer comes (well above the node's timeout). */
	lateMs?: number;
	/** Every list read answers 500: a lost answer cannot be looked up. */
	listsFail?: boolean;
}

export interface StandInRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface StandIn {
	url: string;
	/** Input item number → how often its write was applied. */
	applied: Map<number, number>;
	/** Every request, `METHOD path`, in order of arrival. */
	requests: string[];
	/** Items of a parent now. */
	itemsOf(parent: string): IDataObject[];
	close(): Promise<void>;
}

const MARKER = /fault-(\d+)/;
export const marker = (n: number) => `fault-${n}`;
const markerOf = (value: unknown): number | undefined => {
	const found = MARKER.exec(JSON.stringify(value) ?? '');
	return found ? Number(found[1]) : undefined;
};

/** A path template as a pattern of the path's end (a base path such as /organizations/x may come first). */
function templatePattern(endpoint: Endpoint | undefined): { regex: RegExp; names: string[] } | undefined {
	if (!endpoint) return undefined;
	const names: string[] = [];
	const source = endpoint.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
		names.push(name);
		return '([^/]+)';
	});
	return { regex: new RegExp(`${source}$`), names };
}

const wrap = (field: string | undefined, value: unknown) => (field ? { [field]: value } : value);

function decode(request: StandInRequest): IDataObject {
	if (!request.body) return {};
	return String(request.headers['content-type'] ?? '').includes('json')
		? (JSON.parse(request.body) as IDataObject)
		: (parseForm(request.body, { depth: 10 }) as IDataObject);
}

export async function startStandIn(spec: StandInSpec, fault: WriteFault): Promise<StandIn> {
	const parents = new Map<string, IDataObject[]>(Object.entries(spec.seed ?? {}).map(([key, items]) => [key, items.map((item) => ({ ...item }))]));
	const applied = new Map<number, number>();
	const requests: string[] = [];
	const seen = new Set<string>();
	const keys = new Map<string, { body: string; status: number; answer: unknown }>();
	const timers = new Set<NodeJS.Timeout>();
	let made = 0;
	const count = (n: number | undefined) => n !== undefined && applied.set(n, (applied.get(n) ?? 0) + 1);
	const patterns = {
		create: templatePattern(spec.create),
		update: templatePattern(spec.update),
		remove: templatePattern(spec.remove),
		list: templatePattern(spec.list),
		get: templatePattern(spec.get),
	};
	const idsOf = (pattern: { regex: RegExp; names: string[] }, path: string) => {
		const match = pattern.regex.exec(path);
		return match ? Object.fromEntries(pattern.names.map((name, index) => [name, decodeURIComponent(match[index + 1])])) : undefined;
	};
	const findItem = (id: string) => {
		for (const items of parents.values()) {
			const index = items.findIndex((item) => item.id === id);
			if (index !== -1) return { items, index };
		}
		return undefined;
	};
	const lastId = (ids: Record<string, string>) => Object.values(ids)[Object.values(ids).length - 1];
	const notFound = (id: string) => ({ status: 404, body: { error: { message: `No such item: ${id}` }, message: `No such item: ${id}`, title: 'Not Found' }, applied: [] });

	/** What a request does and answers, before any fault. */
	function handle(request: StandInRequest): { status: number; body: unknown; applied: number[] } {
		const { method, path } = request;
		const other = spec.other?.(request);
		if (other) return other;
		if (method === 'GET' && patterns.list && spec.list) {
			const ids = idsOf(patterns.list, path);
			if (ids && spec.listsFail) return { status: 500, body: { error: { message: 'injected list failure' }, message: 'injected list failure' }, applied: [] };
			if (ids) {
				const paging = spec.list.paging!;
				let items = parents.get(Object.values(ids).join('/')) ?? [];
				if (paging.next.type === 'offset') {
					const offset = Number(request.query.get(paging.next.offsetParam) ?? 0);
					items = items.slice(offset, offset + Number(request.query.get(paging.limitParam!) ?? items.length));
				}
				const entries = items.map((item) => wrap(paging.entryField, item));
				const body = paging.itemsField ? { [paging.itemsField]: entries } : entries;
				if (paging.next.type === 'afterLastId') (body as IDataObject)[paging.next.hasMoreField] = false;
				return { status: 200, body, applied: [] };
			}
		}
		if (method === 'GET' && patterns.get) {
			const ids = idsOf(patterns.get, path);
			if (ids) {
				const found = findItem(lastId(ids));
				return found ? { status: 200, body: wrap(spec.get!.responseField, found.items[found.index]), applied: [] } : notFound(lastId(ids));
			}
		}
		if (spec.create && method === spec.create.method && patterns.create) {
			const ids = idsOf(patterns.create, path);
			if (ids) {
				const decoded = decode(request);
				const fields = (spec.create.body?.envelope ? decoded[spec.create.body.envelope] : decoded) as IDataObject;
				const fromFields = spec.create.createdIn?.fromFields ?? {};
				const parentIds = (spec.list?.pathIds ?? []).map((pathId) => ids[pathId.name] ?? String(fields[fromFields[pathId.name]] ?? ''));
				const item: IDataObject = { id: `made-${made++}`, ...fields };
				const parent = parentIds.join('/');
				parents.set(parent, [...(parents.get(parent) ?? []), item]);
				return { status: 201, body: wrap(spec.create.responseField, item), applied: [markerOf(fields)!] };
			}
		}
		if (spec.update && method === spec.update.method && patterns.update) {
			const ids = idsOf(patterns.update, path);
			if (ids) {
				const found = findItem(lastId(ids));
				if (!found) return notFound(lastId(ids));
				const decoded = decode(request);
				const fields = (spec.update.body?.envelope ? decoded[spec.update.body.envelope] : decoded) as IDataObject;
				const before = JSON.stringify(found.items[found.index]);
				const updated = { ...found.items[found.index], ...fields };
				found.items[found.index] = updated;
				const changed = JSON.stringify(updated) !== before;
				if (spec.update.readBack) return { status: 204, body: undefined, applied: changed ? [markerOf(before)!] : [] };
				return { status: 200, body: wrap(spec.update.responseField, updated), applied: changed ? [markerOf(before)!] : [] };
			}
		}
		if (spec.remove && method === 'DELETE' && patterns.remove) {
			const ids = idsOf(patterns.remove, path);
			if (ids) {
				const found = findItem(lastId(ids));
				if (!found) return notFound(lastId(ids));
				const [item] = found.items.splice(found.index, 1);
				const body = spec.remove.answersEmpty ? undefined : { ...item, deleted: true };
				return { status: spec.remove.answersEmpty ? 204 : 200, body, applied: [markerOf(item)!] };
			}
		}
		return { status: 404, body: { error: { message: `No route for ${method} ${path}` } }, applied: [] };
	}

	/** Handles a write once per idempotency key, as Stripe does. */
	function applyOnce(request: StandInRequest): { status: number; body: unknown; replayed?: boolean } {
		const key = request.method === 'POST' ? (request.headers['idempotency-key'] as string | undefined) : undefined;
		const earlier = key === undefined ? undefined : keys.get(key);
		if (earlier) {
			if (earlier.body !== request.body) {
				return { status: 400, body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } } };
			}
			return { status: earlier.status, body: earlier.answer, replayed: true };
		}
		const result = handle(request);
		for (const n of result.applied) count(n);
		if (key !== undefined) keys.set(key, { body: request.body, status: result.status, answer: result.body });
		return result;
	}

	const answer = (response: ServerResponse, status: number, body: unknown, replayed = false) => {
		if (response.destroyed) return;
		const headers: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
		if (body === undefined) response.writeHead(status, headers).end();
		else response.writeHead(status, { ...headers, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
	};

	const server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const [path, query = ''] = (incoming.url ?? '/').split('?');
			const request: StandInRequest = {
				method: incoming.method ?? 'GET',
				path,
				query: new URLSearchParams(query),
				headers: incoming.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(`${request.method} ${path}`);
			const signature = `${request.method} ${incoming.url} ${request.body}`;
			const first = request.method !== 'GET' && !seen.has(signature);
			if (request.method !== 'GET') seen.add(signature);
			const now = first ? fault : 'none';
			if (now === 'reset before applying') return void incoming.socket.destroy();
			if (now === '429') return answer(response, 429, { error: { message: 'Too many requests' }, message: 'Too many requests' });
			const result = applyOnce(request);
			if (now === 'reset after applying') return void incoming.socket.destroy();
			const status = /^(\d{3}) after applying$/.exec(now);
			if (status) return answer(response, Number(status[1]), { error: { message: `injected ${status[1]}` }, message: `injected ${status[1]}` });
			if (now === 'timeout after applying') {
				const timer = setTimeout(() => {
					timers.delete(timer);
					answer(response, result.status, result.body, result.replayed);
				}, spec.lateMs ?? 10_000);
				timers.add(timer);
				return;
			}
			answer(response, result.status, result.body, result.replayed);
		});
	});
	return { ...(await listenClosable(server, timers)), applied, requests, itemsOf: (parent) => parents.get(parent) ?? [] };
}

/** An address where nothing listens: every connection is refused. */
export async function refusingUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}
