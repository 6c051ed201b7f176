/**
 * The bench mock's invoice item creates (bench/server.ts, test/harness/stripe-items.ts), over HTTP:
 * what the queue kill-and-rerun e2e test (test/e2e/queue-kill.e2e.ts) counts on.
 */
import { request } from 'node:http';

import { startBenchServer, type BenchServer } from '../../bench/server';

let mock: BenchServer;

beforeEach(async () => {
	mock = await startBenchServer({ rate: 0, burst: 0, latencyMs: 0 });
});

afterEach(async () => {
	await mock.close();
});

function post(path: string, body: string, key?: string): Promise<{ status: number; headers: Record<string, unknown>; json: Record<string, any> }> {
	const url = new URL(path, mock.url);
	return new Promise((resolve, reject) => {
		const call = request(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname,
				method: 'POST',
				agent: false,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					...(key ? { 'idempotency-key': key } : {}),
				},
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
				);
			},
		);
		call.on('error', reject);
		call.end(body);
	});
}

const form = (description: string, amount = 1250) => `customer=cus_A&amount=${amount}&currency=usd&description=${encodeURIComponent(description)}`;

test('a create makes a new object each time and is counted per description', async () => {
	const first = await post('/v1/invoiceitems', form('one'));
	const second = await post('/v1/invoiceitems', form('one'));
	const third = await post('/v1/invoiceitems', form('two'));
	expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
	expect(first.json).toMatchObject({ object: 'invoiceitem', customer: 'cus_A', amount: 1250, currency: 'usd', description: 'one' });
	expect(new Set([first.json.id, second.json.id, third.json.id]).size).toBe(3);
	expect(first.headers['idempotent-replayed']).toBeUndefined();
	const stats = mock.stats();
	expect(stats.created).toEqual({ one: 2, two: 1 });
	expect(stats.createdObjects.map((object) => object.id)).toEqual([first.json.id, second.json.id, third.json.id]);
});

test('a repeated Idempotency-Key gets the first answer back, marked replayed, and creates nothing', async () => {
	const first = await post('/v1/invoiceitems', form('one'), 'k1');
	// The same parameters in another order are the same request.
	const again = await post('/v1/invoiceitems', 'description=one&currency=usd&amount=1250&customer=cus_A', 'k1');
	expect(again.status).toBe(200);
	expect(again.json).toEqual(first.json);
	expect(again.headers['idempotent-replayed']).toBe('true');
	expect(mock.stats()).toMatchObject({ created: { one: 1 }, createReplays: 1, createKeyConflicts: 0 });
});

test('the same key with other parameters is refused with idempotency_error and creates nothing', async () => {
	await post('/v1/invoiceitems', form('one'), 'k1');
	const other = await post('/v1/invoiceitems', form('one', 999), 'k1');
	expect(other.status).toBe(400);
	expect(other.json.error.type).toBe('idempotency_error');
	expect(mock.stats()).toMatchObject({ created: { one: 1 }, createReplays: 0, createKeyConflicts: 1 });
});

test("a body Stripe's schema refuses is answered 400, creates nothing, and its key is not kept", async () => {
	const bad = await post('/v1/invoiceitems', `${form('one')}&no_such_field=1`, 'k1');
	expect(bad.status).toBe(400);
	expect(mock.stats().created).toEqual({});
	expect(mock.stats().badCreateBodies.join(' ')).toMatch(/no_such_field/);
	const good = await post('/v1/invoiceitems', form('one'), 'k1');
	expect(good.status).toBe(200);
	expect(good.headers['idempotent-replayed']).toBeUndefined();
	expect(mock.stats().created).toEqual({ one: 1 });
});

test('updates of `…/<id>` are still applied per id, apart from creates', async () => {
	await post('/v1/invoiceitems/ii_1', 'quantity=2', 'u1');
	await post('/v1/invoiceitems/ii_1', 'quantity=2', 'u1');
	expect(mock.stats()).toMatchObject({ applied: { ii_1: 1 }, replays: 1, created: {} });
});
