import { createHash } from 'crypto';
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Endpoint, Provider } from './descriptor';
import { InputError, type WireObject, type WireValue } from './input';
import { entryId, pick, readPages } from './paging';
import { mayHaveBeenApplied, type CallSite, type PreparedRequest } from './request';
import { sibling } from './wire';

/** How safe it is to send a write again: by its method, by the provider's idempotency key, or not at all. */
export type WriteSafety = 'read' | 'idempotent' | 'keyed' | 'unsafe';

export function writeSafety(provider: Provider, endpoint: Endpoint): WriteSafety {
	if (endpoint.method === 'GET') return 'read';
	if (endpoint.repeatable === false) return 'unsafe';
	if (provider.idempotencyHeader && endpoint.method === 'POST') return 'keyed';
	if (endpoint.repeatable || endpoint.method !== 'POST') return 'idempotent';
	return 'unsafe';
}

/** What a Deduplication Key becomes as an idempotency key: named after the node, so two nodes' keys never meet. */
export function deduplicationIdempotencyKey(nodeId: string, key: string): string {
	const plain = `n8n-dk-${nodeId}-${key}`;
	// Idempotency keys are commonly limited to 255 characters: a longer one is hashed.
	return plain.length <= 255 ? plain : `n8n-dk-${nodeId}-sha256-${createHash('sha256').update(key).digest('hex')}`;
}

/** Two values as the provider may echo them: numbers as text or numbers, times in another ISO form. */
function sameValue(written: WireValue | undefined, found: unknown): boolean {
	if (written === found) return true;
	if (Array.isArray(written)) {
		return Array.isArray(found) && found.length === written.length && written.every((entry, index) => sameValue(entry, found[index]));
	}
	if (written !== null && typeof written === 'object') {
		if (found === null || typeof found !== 'object' || Array.isArray(found)) return false;
		return Object.entries(written).every(([key, value]) => !(key in found) || sameValue(value, (found as IDataObject)[key]));
	}
	if ((typeof written === 'number' || typeof written === 'string') && (typeof found === 'number' || typeof found === 'string')) {
		const [a, b] = [String(written).trim(), String(found).trim()];
		if (a !== '' && b !== '' && Number.isFinite(Number(a)) && Number(a) === Number(b)) return true;
		const isoTime = /^\d{4}-\d{2}-\d{2}T/;
		return isoTime.test(a) && isoTime.test(b) && Date.parse(a) === Date.parse(b);
	}
	return false;
}

/**
 * Whether a listed object is what these written fields would have made: every written field the
 * list shows is equal, and at least one is shown. A field the list leaves out cannot tell them apart.
 */
export function madeBy(written: WireObject, entry: IDataObject): boolean {
	const shown = Object.keys(written).filter((key) => key in entry);
	return shown.length > 0 && shown.every((key) => sameValue(written[key], entry[key]));
}

/** What one run knows of one parent's objects: those there before (when read), and those its items made or found. */
interface Parent {
	ids: Record<string, string>;
	/** The list as it was before the run's first create there; undefined inside if it could not be read. */
	before?: Promise<IDataObject[] | undefined>;
	claimed: Set<string>;
	byKey: Map<string, Promise<IDataObject[]>>;
}

/** The parents a run creates objects in, by credential and ids. */
export type Ledger = Map<string, Parent>;

/** A create ready to send, and what it wrote. */
export interface Creation {
	site: CallSite;
	endpoint: Endpoint;
	request: PreparedRequest & { ids: Record<string, string> };
	/** The fields as written, nested as the API nests them (inside the envelope, if any). */
	written: WireObject;
	/** Sends the create once. */
	send(): Promise<IDataObject[]>;
}

/** The list's ids for this create, or undefined when the parent is not known (e.g. given nowhere). */
function parentIds(endpoint: Endpoint, request: Creation['request'], written: WireObject): Record<string, string> | undefined {
	const { list, fromFields = {} } = endpoint.createdIn!;
	const ids: Record<string, string> = {};
	for (const pathId of list.pathIds) {
		const value = request.ids[pathId.name] ?? (fromFields[pathId.name] ? written[fromFields[pathId.name]] : undefined);
		if (typeof value !== 'string' || value === '') return undefined;
		ids[pathId.name] = value;
	}
	return ids;
}

function parentOf(ledger: Ledger, creation: Creation): Parent | undefined {
	const ids = creation.endpoint.createdIn && parentIds(creation.endpoint, creation.request, creation.written);
	if (!ids) return undefined;
	const key = JSON.stringify([creation.site.credentialType, ids]);
	if (!ledger.has(key)) ledger.set(key, { ids, claimed: new Set(), byKey: new Map() });
	return ledger.get(key);
}

const parentWords = (parent: Parent) =>
	Object.entries(parent.ids)
		.map(([name, id]) => `${name} "${id}"`)
		.join(', ');

async function listed(creation: Creation, parent: Parent): Promise<IDataObject[]> {
	const { list } = creation.endpoint.createdIn!;
	return await readPages(creation.site, list.paging!, sibling(list, parent.ids), Infinity);
}

const idOf = (creation: Creation, entry: IDataObject) => String(entryId(creation.endpoint.createdIn!.list.paging!, entry) ?? '');

/** The list before the run's first create in this parent, read once: what is there already was made by no item of this run. */
const before = (creation: Creation, parent: Parent) =>
	(parent.before ??= listed(creation, parent).catch(() => undefined));

/** The first listed object these fields would have made that no other item of the run has taken; taken for this one. */
const unclaimedMatch = (creation: Creation, parent: Parent, entries: IDataObject[]): IDataObject | undefined =>
	entries.find((entry) => !parent.claimed.has(idOf(creation, entry)) && madeBy(creation.written, entry));

function claim(creation: Creation, parent: Parent, entries: IDataObject[]): IDataObject | undefined {
	const found = unclaimedMatch(creation, parent, entries);
	if (found) parent.claimed.add(idOf(creation, found));
	return found;
}

/** An object whose create got no answer and that could not be found or ruled out: it may exist. */
function mayExist(creation: Creation, reason: string, why: string): NodeApiError {
	const { site, request } = creation;
	return new NodeApiError(site.context.getNode(), {} as JsonObject, {
		message: `The item may have been created: ${reason}`,
		description: `${request.method} ${request.path} got no clear answer, and ${why}. It was not sent again, so it exists at most once. Check ${site.provider.name} for it before running this item again; a Deduplication Key (Options) makes running it again safe.`,
		itemIndex: site.itemIndex,
	});
}

/**
 * Sends a create that must not be repeated blindly. The parent's list is read once before the run's
 * first create there; when an answer is lost, it is read again: the new object found there is
 * output (flagged), one provably absent is sent once more, and one that can be neither is reported
 * as one that may exist.
 */
async function createAndConfirm(creation: Creation, parent: Parent | undefined, resends = 1): Promise<IDataObject[]> {
	const earlier = parent && (await before(creation, parent));
	const sent = await creation.send().then(
		(outputs) => ({ outputs }),
		(error: Error) => ({ error }),
	);
	if ('outputs' in sent) {
		for (const output of sent.outputs) parent?.claimed.add(idOf(creation, output));
		return sent.outputs;
	}
	const reason = mayHaveBeenApplied(sent.error);
	if (!reason || !creation.endpoint.createdIn) throw sent.error;
	if (!parent) throw mayExist(creation, reason, 'the item names no object it goes on, whose list could show it');
	const found = await lookUp(creation, parent, earlier, reason);
	if (found) return [{ ...found, confirmedByReading: true }];
	if (resends > 0) return await createAndConfirm(creation, parent, resends - 1);
	throw mayExist(creation, reason, `the list of ${parentWords(parent)} did not show it after the create was sent again`);
}

/**
 * After a lost answer: the object these fields made, listed now but not before and taken by no other
 * item of the run; undefined if there is none. Throws when that cannot be told.
 */
async function lookUp(creation: Creation, parent: Parent, earlier: IDataObject[] | undefined, reason: string): Promise<IDataObject | undefined> {
	let entries: IDataObject[];
	try {
		entries = await listed(creation, parent);
	} catch (readError) {
		throw mayExist(creation, reason, `reading the list of ${parentWords(parent)} failed (${(readError as Error).message})`);
	}
	const there = new Set((earlier ?? []).map((entry) => idOf(creation, entry)));
	const candidates = entries.filter((entry) => !there.has(idOf(creation, entry)));
	if (!earlier && unclaimedMatch(creation, parent, candidates)) {
		throw mayExist(
			creation,
			reason,
			`${parentWords(parent)} lists an item with these fields, but its list could not be read before the create, so that item may have been there already`,
		);
	}
	return claim(creation, parent, candidates);
}

/**
 * Creates the object of one item at most once. With a Deduplication Key (where the provider takes
 * no key of its own), the parent's list is read first: an object with every written field equal
 * that no other item of the run has taken is output as already created, and nothing is sent; items
 * of one run with the same key share one outcome.
 */
export async function createOnce(creation: Creation, ledger: Ledger, deduplicationKey?: string): Promise<IDataObject[]> {
	const parent = parentOf(ledger, creation);
	if (deduplicationKey === undefined) return await createAndConfirm(creation, parent);
	if (!parent) {
		throw new InputError('Options → Deduplication Key', '', 'needs the object the item goes on (its ID), to look for it there first');
	}
	const same = parent.byKey.get(deduplicationKey);
	if (same) {
		const outputs = await same;
		return outputs.map((output) => ({ ...output, alreadyCreated: true, deduplicationKey }));
	}
	const outcome = (async () => {
		const listedBefore = await before(creation, parent);
		if (!listedBefore) throw new InputError('Options → Deduplication Key', '', `needs the list of ${parentWords(parent)} to look for the item, and it could not be read`);
		const existing = claim(creation, parent, listedBefore);
		if (existing) return [{ ...existing, alreadyCreated: true, deduplicationKey }];
		return await createAndConfirm(creation, parent);
	})();
	parent.byKey.set(deduplicationKey, outcome);
	return await outcome;
}

/** The created object's fields as written, for matching: the envelope and the list entry taken off. */
export function writtenFields(endpoint: Endpoint, wire: WireObject | undefined): WireObject {
	const envelope = endpoint.body?.envelope;
	const inner = (envelope ? pick(wire, envelope) : wire) as WireObject | undefined;
	return inner ?? {};
}
