import type { IDataObject } from 'n8n-workflow';

import { Throttle, retryAfterMs } from '../../nodes/shared/throttle';
import { startFaultServer, type Fault, type FaultServer } from '../harness/faults';
import type { Recorder } from '../harness/recorder';
import { replaceUpdate, runRebilly } from '../harness/rebilly';
import { runStripe, updateItem } from '../harness/stripe';

/** Fast sending for tests: a high rate, small timeout, four retries. */
const SENDING = { requestsPerSecond: 2000, maxConcurrency: 16, timeout: 400, maxRetries: 4 };
const ITEMS = 300;

/** What happens to each Stripe item, by its number. */
type Fate = 'updated' | 'rejected' | 'neverRecovers' | 'told not to retry';

function stripePlan(n: number, attempt: number): Fault {
	if (n % 50 === 25) return { kind: 'status', status: 503, headers: { 'Stripe-Should-Retry': 'false' } };
	if (n % 37 === 36) return { kind: 'status', status: 500 };
	if (n % 10 === 9) return { kind: 'status', status: 400 };
	if (n % 10 === 4 && attempt < 2) return { kind: 'status', status: attempt === 0 ? 502 : 503 };
	if (attempt > 0) return { kind: 'ok' };
	switch (n % 10) {
		case 1:
			return { kind: 'status', status: 429, headers: { 'Retry-After': '0' } };
		case 2:
			return { kind: 'status', status: 429, headers: { 'Retry-After': new Date().toUTCString() } };
		case 3:
			return { kind: 'status', status: 500 };
		case 5:
			return { kind: 'status', status: 409 };
		case 6:
			return { kind: 'resetBefore' };
		case 7:
			return { kind: 'resetAfter' };
		case 8:
			return { kind: 'slowAfter', delayMs: 1000 };
		default:
			return { kind: 'ok' };
	}
}

const fateOf = (n: number): Fate =>
	n % 50 === 25 ? 'told not to retry' : n % 37 === 36 ? 'neverRecovers' : n % 10 === 9 ? 'rejected' : 'updated';

const numberOf = (id: string) => Number(id.replace(/^ii_/, ''));

describe('Stripe under injected faults: every item updated exactly once or reported failed', () => {
	let server: FaultServer;
	beforeAll(async () => {
		server = await startFaultServer((id, attempt) => stripePlan(numberOf(id), attempt));
	});
	afterAll(() => server.close());

	test(`${ITEMS} items through 429 (both Retry-After forms), 500/502/503, 409, resets and timeouts`, async () => {
		const run = await runStripe(
			{ url: server.url } as Recorder,
			updateItem({ quantity: 1 }, { invoiceitem: '={{ $json.id }}', options: SENDING }),
			{ items: Array.from({ length: ITEMS }, (_, n) => ({ id: `ii_${n}` })), continueOnFail: true },
		);
		expect(run.error).toBeUndefined();
		expect(run.output.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, n) => ({ item: n })));

		const counts: Record<Fate, number> = { updated: 0, rejected: 0, neverRecovers: 0, 'told not to retry': 0 };
		for (let n = 0; n < ITEMS; n++) {
			const id = `ii_${n}`;
			const output = run.output[n].json;
			const tries = server.attempts.get(id) ?? [];
			const fate = fateOf(n);
			counts[fate]++;
			// The same idempotency key on every try of an item, and a key of its own.
			expect(new Set(tries.map((attempt) => attempt.key)).size).toBe(1);
			if (fate === 'updated') {
				expect([id, output.id, server.applied.get(id)]).toEqual([id, id, 1]);
			} else {
				expect([id, server.applied.get(id) ?? 0]).toEqual([id, 0]);
				expect(output.error).toBe(`injected ${fate === 'rejected' ? 400 : fate === 'neverRecovers' ? 500 : 503}`);
				// Other 4xx and a "do not retry" are sent once; a 5xx that never recovers, 1 + 4 retries.
				expect([id, tries.length]).toEqual([id, fate === 'neverRecovers' ? 5 : 1]);
			}
		}
		const keys = [...server.attempts.values()].map((tries) => tries[0].key);
		expect(new Set(keys).size).toBe(ITEMS);
		expect(counts.updated).toBeGreaterThan(200);
		expect([...server.applied.values()].every((times) => times === 1)).toBe(true);
		// The applied-then-lost answers (reset, too slow) were really retried, and applied once.
		expect(server.attempts.get('ii_7')?.length).toBe(2);
		expect(server.attempts.get('ii_8')?.length).toBe(2);
	}, 60_000);

	test('without Continue On Fail the first failed item is reported, and items after it stop starting', async () => {
		const run = await runStripe(
			{ url: server.url } as Recorder,
			updateItem({ quantity: 1 }, { invoiceitem: '={{ $json.id }}', options: { ...SENDING, maxConcurrency: 1 } }),
			{ items: Array.from({ length: 20 }, (_, n) => ({ id: `ii_${1000 + n}` })) },
		);
		// ii_1009 is answered 400: reported with its own item index; nothing after it was sent.
		expect(run.error?.message).toBe('injected 400');
		expect(run.error?.context?.itemIndex).toBe(9);
		expect(server.attempts.has('ii_1010')).toBe(false);
	}, 30_000);
});

describe('JSON provider (Rebilly, PUT) under injected faults', () => {
	let server: FaultServer;
	beforeAll(async () => {
		server = await startFaultServer((id, attempt) => {
			const n = Number(id.replace(/^item-/, ''));
			if (attempt > 0) return { kind: 'ok' };
			return n % 3 === 0 ? { kind: 'status', status: 503 } : n % 3 === 1 ? { kind: 'resetBefore' } : { kind: 'ok' };
		});
	});
	afterAll(() => server.close());

	test('5xx and resets are retried until every item is written', async () => {
		const run = await runRebilly(
			server.url,
			replaceUpdate({ type: 'debit', unitPrice: 3 }, {}, { itemId: '={{ $json.id }}', options: SENDING }),
			{ items: Array.from({ length: 60 }, (_, n) => ({ id: `item-${n}` })), continueOnFail: true },
		);
		expect(run.error).toBeUndefined();
		expect(run.output.filter((item) => (item.json as IDataObject).error !== undefined)).toEqual([]);
		expect(run.output.map((item) => item.json.id)).toEqual(Array.from({ length: 60 }, (_, n) => `item-${n}`));
		for (let n = 0; n < 60; n++) {
			expect([n, server.applied.get(`item-${n}`), server.attempts.get(`item-${n}`)?.length]).toEqual([n, 1, n % 3 === 2 ? 1 : 2]);
		}
	}, 30_000);
});

describe('waiting as the server says', () => {
	test('Retry-After in seconds, as an HTTP date, and Rebilly’s header (seconds or a unix time)', () => {
		const now = Date.UTC(2026, 0, 1, 12, 0, 0);
		expect(retryAfterMs({ 'Retry-After': '3' }, now)).toBe(3000);
		expect(retryAfterMs({ 'retry-after': new Date(now + 5000).toUTCString() }, now)).toBe(5000);
		expect(retryAfterMs({ 'X-RateLimit-Retry-After': '2' }, now)).toBe(2000);
		expect(retryAfterMs({ 'x-ratelimit-retry-after': String(now / 1000 + 7) }, now)).toBe(7000);
		expect(retryAfterMs({ 'Retry-After': new Date(now - 5000).toUTCString() }, now)).toBe(0);
		expect(retryAfterMs({}, now)).toBeUndefined();
	});

	test('a pause that starts while a request waits for its slot holds that request back too', async () => {
		const throttle = new Throttle(100);
		await throttle.acquire();
		const began = Date.now();
		const waiting = throttle.acquire(); // its slot is ~10 ms away
		throttle.tooMany(300);
		await waiting;
		expect(Date.now() - began).toBeGreaterThanOrEqual(290);
	});

	test('several 429s within one pause slow the rate down once', () => {
		const throttle = new Throttle(100);
		throttle.tooMany(1000);
		throttle.tooMany(1000);
		throttle.tooMany(1000);
		expect(throttle.currentRate).toBe(50);
	});

	test('a 429 is retried no earlier than its Retry-After', async () => {
		const times: number[] = [];
		const server = await startFaultServer((_id, attempt) => {
			times.push(Date.now());
			return attempt === 0 ? { kind: 'status', status: 429, headers: { 'Retry-After': '1' } } : { kind: 'ok' };
		});
		try {
			const run = await runStripe({ url: server.url } as Recorder, updateItem({ quantity: 1 }, { options: SENDING }));
			expect(run.error).toBeUndefined();
			expect(times).toHaveLength(2);
			expect(times[1] - times[0]).toBeGreaterThanOrEqual(990);
			expect(server.applied.get('ii_123')).toBe(1);
		} finally {
			await server.close();
		}
	});
});
