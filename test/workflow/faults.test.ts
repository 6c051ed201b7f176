import type { IDataObject } from 'n8n-workflow';

import { retryAfterMs, untilMs } from '../../nodes/shared/throttle';
import { startFaultServer, type Fault, type FaultServer } from '../harness/faults';
import type { Recorder } from '../harness/recorder';
import { replaceUpdate, runRebilly } from '../harness/rebilly';
import { runStripe, updateItem } from '../harness/stripe';

/**
 * Fast sending for tests: a high rate, four retries, and a timeout that holds on a busy machine (at
 * 1.5 s, a load average of 9 on 2 cores once timed out a 400 and retried it) yet is well below the
 * injected slow answer.
 */
const SENDING = { requestsPerSecond: 2000, maxConcurrency: 16, timeout: 3000, maxRetries: 4 };
const SLOW_ANSWER_MS = 8000;
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
			return { kind: 'slowAfter', delayMs: SLOW_ANSWER_MS };
		default:
			return { kind: 'ok' };
	}
}

const fateOf = (n: number): Fate =>
	n % 50 === 25 ? 'told not to retry' : n % 37 === 36 ? 'neverRecovers' : n % 10 === 9 ? 'rejected' : 'updated';

const numberOf = (id: string) => Number(id.replace(/^ii_/, ''));

const allUpdated = (run: { error?: Error; output: Array<{ json: IDataObject }> }) =>
	run.error === undefined && run.output.every((item) => item.json.error === undefined);

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
	test('Retry-After in seconds and as an HTTP date; a quota reset as unix seconds or seconds from now', () => {
		const now = Date.UTC(2026, 0, 1, 12, 0, 0);
		expect(retryAfterMs({ 'Retry-After': '3' }, now)).toBe(3000);
		expect(retryAfterMs({ 'retry-after': new Date(now + 5000).toUTCString() }, now)).toBe(5000);
		expect(retryAfterMs({ 'Retry-After': new Date(now - 5000).toUTCString() }, now)).toBe(0);
		expect(retryAfterMs({}, now)).toBeUndefined();
		expect(untilMs('2', now)).toBe(2000);
		expect(untilMs(String(now / 1000 + 7), now)).toBe(7000);
		expect(untilMs('soon', now)).toBeUndefined();
	});

	test('an exhausted quota (429 with its reset time) holds back every request of the credential until it resets', async () => {
		const resetAt = () => String(Math.ceil(Date.now() / 1000) + 1);
		let exhausted = true;
		const server = await startFaultServer((id) => {
			if (id === 'item-0' && exhausted) {
				exhausted = false;
				return { kind: 'status', status: 429, headers: { 'X-RateLimit-Retry-After': resetAt() } };
			}
			return { kind: 'ok' };
		});
		try {
			const run = await runRebilly(
				server.url,
				replaceUpdate({ type: 'debit', unitPrice: 3 }, {}, { itemId: '={{ $json.id }}', options: { ...SENDING, requestsPerSecond: 20, maxConcurrency: 1 } }),
				{ items: Array.from({ length: 4 }, (_, n) => ({ id: `item-${n}` })) },
			);
			expect(run.error).toBeUndefined();
			const first = server.attempts.get('item-0')!;
			const pausedUntil = Math.floor(first[0].at / 1000) * 1000 + 1000;
			// Nothing else reached the server before the quota's reset.
			for (const id of ['item-1', 'item-2', 'item-3']) expect([id, server.attempts.get(id)![0].at >= pausedUntil - 50]).toEqual([id, true]);
			expect(first).toHaveLength(2);
		} finally {
			await server.close();
		}
	}, 30_000);

	test('answers that say the quota is nearly used up slow the credential down before any 429', async () => {
		const quota = (remaining: number) => ({ 'X-RateLimit-Limit': '3000', 'X-RateLimit-Remaining': String(remaining) });
		const send = async (remaining: number) => {
			const server = await startFaultServer(() => ({ kind: 'ok', headers: quota(remaining) }));
			try {
				// Each run its own credential, so that one run's signals never slow the other.
				const started = Date.now();
				const run = await runRebilly(
					server.url,
					replaceUpdate({ type: 'debit', unitPrice: 3 }, {}, { itemId: '={{ $json.id }}', options: { ...SENDING, requestsPerSecond: 400 } }),
					{ items: Array.from({ length: 40 }, (_, n) => ({ id: `item-${n}` })), credentials: { organizationId: `org-quota-${remaining}` } },
				);
				expect(run.error).toBeUndefined();
				return Date.now() - started;
			} finally {
				await server.close();
			}
		};
		const plenty = await send(2500);
		const nearlyGone = await send(20);
		expect(nearlyGone).toBeGreaterThan(plenty * 2);
	}, 60_000);

	test("a node's own Requests per Second paces that run only: later runs on the credential go at the provider's rate, also when answered 4xx", async () => {
		const server = await startFaultServer((id) => (id.startsWith('ii_later') ? { kind: 'status', status: 400 } : { kind: 'ok' }));
		try {
			const slow = await runStripe(
				{ url: server.url } as Recorder,
				updateItem({ quantity: 1 }, { invoiceitem: '={{ $json.id }}', options: { requestsPerSecond: 1 } }),
				{ items: [{ id: 'ii_slow_0' }, { id: 'ii_slow_1' }, { id: 'ii_slow_2' }] },
			);
			expect(allUpdated(slow)).toBe(true);
			const slowTimes = ['ii_slow_0', 'ii_slow_1', 'ii_slow_2'].map((id) => server.attempts.get(id)![0].at);
			expect(slowTimes[2] - slowTimes[0]).toBeGreaterThanOrEqual(1950);
			// The same credential at its default rate (25/s for a test key): 20 items in about 0.8 s;
			// at the slow run's 1/s they would take 20 s.
			const started = Date.now();
			const later = await runStripe(
				{ url: server.url } as Recorder,
				updateItem({ quantity: 1 }, { invoiceitem: '={{ $json.id }}' }),
				{ items: Array.from({ length: 20 }, (_, n) => ({ id: `ii_later_${n}` })), continueOnFail: true },
			);
			expect(later.output.map((item) => item.json.error)).toEqual(Array.from({ length: 20 }, () => 'injected 400'));
			expect(Date.now() - started).toBeLessThan(6000);
		} finally {
			await server.close();
		}
	}, 30_000);

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
