/**
 * Never bill twice, over every write endpoint of every provider and the toy, in real n8n-core runs:
 * a stand-in (test/harness/stand-in.ts) counts applications per input item and meets the first
 * arrival of each write with a fault — an answer after the timeout, 500/502/503/504 or a reset
 * after applying, a reset before applying, a 429 — or nothing listens at all. Each input item is
 * applied at most once, exactly once where its output says it went through, and every output says
 * what happened (pairing kept), with and without Continue On Fail. Creates run again with a
 * Deduplication Key create nothing twice.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NodeRun } from '../harness/n8n';
import { WRITE_FAULTS, refusingUrl, startStandIn, type StandIn, type WriteFault } from '../harness/stand-in';
import { WRITES, type WriteCase } from './writes';

/** Fast sending, and a timeout that a busy machine's ordinary answer stays under, far below the late answer. */
const SENDING = { maxRetries: 2, timeout: 2000, requestsPerSecond: 1000 };
const LATE_MS = 6000;
const ITEMS = [{ n: 0 }, { n: 1 }];

const faultsApplied = (fault: WriteFault) => fault.endsWith('after applying');

const run = (write: WriteCase, url: string, continueOnFail: boolean, options: IDataObject = {}, items = ITEMS) =>
	write.run(
		url,
		{ ...write.parameters, options: { ...SENDING, ...(write.parameters.options as IDataObject), ...options } },
		{ items, continueOnFail },
	);

const text = (json: IDataObject) => `${json.error ?? ''} ${json.description ?? ''}`;

/** Each item applied at most once; an item whose output says it went through, exactly once; every output paired. */
function expectTruthful(standIn: StandIn, result: NodeRun, items = ITEMS) {
	for (const { n } of items) expect({ n, applied: standIn.applied.get(n) ?? 0 }).toEqual({ n, applied: expect.any(Number) });
	for (const { n } of items) expect(standIn.applied.get(n) ?? 0).toBeLessThanOrEqual(1);
	const byItem = new Map<number, INodeExecutionData[]>();
	for (const output of result.output) {
		const item = (output.pairedItem as { item: number }).item;
		byItem.set(item, [...(byItem.get(item) ?? []), output]);
	}
	if (result.error) return;
	expect([...byItem.keys()].sort()).toEqual(items.map((_item, index) => index));
	for (const [index, outputs] of byItem) {
		const { n } = items[index];
		for (const { json } of outputs) {
			if (json.error === undefined) expect({ n, applied: standIn.applied.get(n) ?? 0 }).toEqual({ n, applied: 1 });
			else if (standIn.applied.get(n)) expect(text(json)).toMatch(/may have/);
		}
	}
}

/** What an output says of how its write was confirmed. */
const confirmation = (json: IDataObject) => (json.confirmedByReading ? 'confirmed by reading' : 'plain');

describe.each(WRITES.map((write) => [`${write.provider}: ${write.case}`, write] as const))('%s', (_name, write) => {
	let standIn: StandIn | undefined;
	afterEach(async () => {
		await standIn?.close();
		standIn = undefined;
	});

	test(`is ${write.safety} to send again, as its provider's spec says`, () => {
		expect(write.declared()).toBe(write.safety);
	});

	describe.each([true, false])('Continue On Fail %s', (continueOnFail) => {
		test.each(WRITE_FAULTS)('%s: each item applied once, and its output says how it was confirmed', async (fault) => {
			standIn = await startStandIn({ ...write.standIn(), lateMs: LATE_MS }, fault);
			const result = await run(write, standIn.url, continueOnFail);
			expect(result.error).toBeUndefined();
			expectTruthful(standIn, result);
			for (const { n } of ITEMS) expect(standIn.applied.get(n)).toBe(1);
			expect(result.output.every((output) => output.json.error === undefined)).toBe(true);
			// Only a create without a key of its own, or a delete retried into a 404, needs the read to know.
			const lookedUp = faultsApplied(fault) && ((write.kind === 'create' && write.safety === 'unsafe') || (write.kind === 'delete' && write.safety === 'idempotent'));
			expect(new Set(result.output.map((output) => confirmation(output.json)))).toEqual(new Set([lookedUp ? 'confirmed by reading' : 'plain']));
		});

		test('nothing listens: each item fails saying nothing reached the provider', async () => {
			const result = await run(write, await refusingUrl(), continueOnFail, { maxRetries: 1 });
			if (continueOnFail) {
				expect(result.output.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				for (const { json } of result.output) expect(text(json)).toMatch(/^Could not reach .*never reached the provider, so nothing was applied/);
			} else {
				expect(result.error?.message).toMatch(/^Could not reach /);
			}
		});
	});

	if (write.kind === 'create' && write.safety === 'unsafe') {
		test('an answer lost and a list that cannot be read: the item may exist, is named, and is not sent again', async () => {
			standIn = await startStandIn({ ...write.standIn(), listsFail: true }, '502 after applying');
			const result = await run(write, standIn.url, true);
			expectTruthful(standIn, result);
			for (const { n } of ITEMS) expect(standIn.applied.get(n)).toBe(1);
			for (const { json } of result.output) {
				expect(json.error).toMatch(/^The item may have been created: it answered HTTP 502/);
				expect(json.description).toMatch(/It was not sent again, so it exists at most once\. Check .* before running this item again/);
			}
			expect(standIn.requests.filter((request) => !request.startsWith('GET')).length).toBe(ITEMS.length);
		});
	}

	if (write.kind === 'create') {
		test('run again with a Deduplication Key: nothing is created twice, and the second run says it found each item', async () => {
			standIn = await startStandIn(write.standIn(), 'none');
			const keyed = { deduplicationKey: '={{ "order-" + $json.n }}' };
			const first = await run(write, standIn.url, false, keyed);
			expect(first.error).toBeUndefined();
			expect(first.output.some((output) => output.json.alreadyCreated)).toBe(false);
			const second = await run(write, standIn.url, false, keyed);
			expect(second.error).toBeUndefined();
			for (const { n } of ITEMS) expect(standIn.applied.get(n)).toBe(1);
			expect(second.output.map((output) => [output.pairedItem, output.json.alreadyCreated, output.json.deduplicationKey])).toEqual([
				[{ item: 0 }, true, 'order-0'],
				[{ item: 1 }, true, 'order-1'],
			]);
			// A third item, new to the invoice, is created; the two found again are not.
			const third = await run(write, standIn.url, false, keyed, [...ITEMS, { n: 2 }]);
			expect(third.output.map((output) => Boolean(output.json.alreadyCreated))).toEqual([true, true, false]);
			expect([0, 1, 2].map((n) => standIn!.applied.get(n))).toEqual([1, 1, 1]);
		});

		test('a Deduplication Key that resolves to nothing is refused before anything is sent', async () => {
			standIn = await startStandIn(write.standIn(), 'none');
			const result = await run(write, standIn.url, true, { deduplicationKey: '={{ $json.missing }}' });
			expect(standIn.requests).toEqual([]);
			for (const { json } of result.output) expect(json.error).toMatch(/^"Options → Deduplication Key" is empty for this item/);
		});
	}
});
