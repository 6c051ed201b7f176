/**
 * The benchmark's mock provider (127.0.0.1 only), run in a child process of its own so that its CPU
 * time never counts as the client's.
 *
 * - A token bucket (`rate` tokens per second, at most `burst` saved up) decides each request as it
 *   arrives: with a token it is served, without one it is answered 429 with `Retry-After` in whole
 *   seconds (as HTTP says), the time until the next token, rounded up.
 * - Every answer, 429s included, leaves after `latencyMs`.
 * - Writes (POST/PUT/PATCH) to `…/<id>` are "applied" to item `<id>` and counted. Like Stripe, a
 *   repeated `Idempotency-Key` gets the first answer back and is not applied again; a request that
 *   was answered 429 was not applied and its key is not remembered.
 * - `POST /v1/invoiceitems` creates an invoice item (test/harness/stripe-items.ts): the body checked
 *   against Stripe's schema, creations counted per description, a repeated Idempotency-Key answered
 *   with the first answer and `Idempotent-Replayed: true` (other parameters under that key: 400).
 *   A create is made when its request has arrived, before the latency, as a request that reached
 *   Stripe is made even if its answer never gets back.
 *
 * The parent (bench/run.ts) starts it with the configuration in BENCH_SERVER (JSON), receives
 * `{ type: 'ready', url }`, may ask `{ type: 'stats' }` (answered `{ type: 'stats', stats }`) and
 * ends it with `{ type: 'close' }`. It exits by itself when the parent goes away.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

import { invoiceItems, type InvoiceItem } from '../test/harness/stripe-items';
import { draftInvoices, type DraftInvoices } from '../test/harness/stripe-lines';
import { mostInWindow } from '../test/harness/virtual-time';

export interface ServerConfig {
	/** Tokens per second; 0 = no limit. */
	rate: number;
	/** Most tokens the bucket holds (it starts full). */
	burst: number;
	/** Delay of every answer, in ms. */
	latencyMs: number;
	/**
	 * Serve Stripe's draft invoices and their line calls instead (test/harness/stripe-lines.ts): every
	 * body checked against the official schema, applications counted per line.
	 */
	lines?: { invoices: number; linesPerInvoice: number };
}

export interface ServerStats {
	requests: number;
	/** Requests served (not 429). */
	served: number;
	rateLimited: number;
	/** Writes answered from the idempotency store instead of being applied again. */
	replays: number;
	/** How often each item's update was applied. */
	applied: Record<string, number>;
	/** Most requests served within any 1-second window: shows the limit was enforced. */
	maxServedPerSecond: number;
	/** Time from the first to the last request received, ms. */
	spanMs: number;
	/** Largest number of requests in progress (received, not yet answered) at once. */
	maxInFlight: number;
	/** TCP connections opened by the client (one per request means no keep-alive). */
	connections: number;
	/** When the first 429s were given, ms after the first request (at most 50 listed). */
	rateLimitedAtMs: number[];
	/** When 429s were given, as Date.now() (at most 500 listed): for runs that share one mock. */
	rateLimitedAtEpochMs: number[];
	/** With `lines`: schema errors of the bodies received (a refused body applies nothing), and calls by kind. */
	badBodies?: string[];
	calls?: Record<string, number>;
	/** `POST /v1/invoiceitems`: objects created per description, and every object created in order. */
	created: Record<string, number>;
	createdObjects: InvoiceItem[];
	/** Creates answered from the idempotency store, and creates refused for reusing a key with other parameters. */
	createReplays: number;
	createKeyConflicts: number;
	/** Schema errors of refused create bodies. */
	badCreateBodies: string[];
	/** TCP connections open right now. */
	openConnections: number;
}

export interface BenchServer {
	url: string;
	stats(): ServerStats;
	close(): Promise<void>;
}

export async function startBenchServer(config: ServerConfig): Promise<BenchServer> {
	const lines: DraftInvoices | undefined = config.lines && draftInvoices(config.lines.invoices, config.lines.linesPerInvoice);
	const applied = lines?.applied ?? new Map<string, number>();
	const items = invoiceItems();
	const remembered = new Map<string, string>();
	const servedAt: number[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let tokens = config.burst;
	let refilledAt = performance.now();
	let requests = 0;
	let rateLimited = 0;
	let replays = 0;
	let firstAt = 0;
	let lastAt = 0;
	let inFlight = 0;
	let maxInFlight = 0;
	const rateLimitedAt: number[] = [];
	const rateLimitedAtEpoch: number[] = [];
	let connections = 0;

	/** Takes a token, or says how many ms until one is there. */
	const take = (now: number): number => {
		if (config.rate <= 0) return 0;
		tokens = Math.min(config.burst, tokens + ((now - refilledAt) / 1000) * config.rate);
		refilledAt = now;
		if (tokens >= 1) {
			tokens -= 1;
			return 0;
		}
		return ((1 - tokens) / config.rate) * 1000;
	};

	const answer = (response: ServerResponse, status: number, headers: Record<string, string>, text: string) => {
		const send = () => {
			inFlight--;
			if (response.destroyed) return;
			response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
			response.end(text);
		};
		if (config.latencyMs <= 0) return send();
		const timer = setTimeout(() => {
			timers.delete(timer);
			send();
		}, config.latencyMs);
		timers.add(timer);
	};

	const handle = (request: IncomingMessage, response: ServerResponse, body: string) => {
		const now = performance.now();
		requests++;
		if (firstAt === 0) firstAt = now;
		lastAt = now;
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		const waitMs = take(now);
		if (waitMs > 0) {
			rateLimited++;
			if (rateLimitedAt.length < 50) rateLimitedAt.push(Math.round(now - firstAt));
			if (rateLimitedAtEpoch.length < 500) rateLimitedAtEpoch.push(Date.now());
			const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
			const error = { error: { type: 'rate_limit_error', message: 'Too many requests hit the API too quickly.' } };
			return answer(response, 429, { 'Retry-After': retryAfter }, JSON.stringify(error));
		}
		servedAt.push(now);
		const [requestPath] = (request.url ?? '/').split('?');
		if (request.method === 'POST' && requestPath === '/v1/invoiceitems') {
			const reply = items.create({ headers: request.headers, body });
			return answer(response, reply.status, reply.headers, JSON.stringify(reply.body));
		}
		if (lines) {
			const [path, query = ''] = (request.url ?? '/').split('?');
			const reply = lines.handle({ method: request.method ?? 'GET', path, query, headers: request.headers, body });
			return answer(response, reply.status, {}, JSON.stringify(reply.body));
		}
		const path = (request.url ?? '/').split('?')[0];
		const id = decodeURIComponent(path.split('/').pop() ?? '');
		const isWrite = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH';
		const reply = () =>
			JSON.stringify({ id, object: 'invoiceitem', livemode: true, quantity: 1, received: body.length });
		if (!isWrite) return answer(response, 200, {}, reply());
		const key = request.headers['idempotency-key'] as string | undefined;
		if (key !== undefined && remembered.has(key)) {
			replays++;
			return answer(response, 200, { 'Idempotent-Replayed': 'true' }, remembered.get(key)!);
		}
		applied.set(id, (applied.get(id) ?? 0) + 1);
		const text = reply();
		if (key !== undefined) remembered.set(key, text);
		return answer(response, 200, {}, text);
	};

	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
	});
	server.on('connection', (socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// A deep backlog, so a client that opens a thousand connections at once is not refused for it.
	await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		stats: () => ({
			requests,
			served: servedAt.length,
			rateLimited,
			replays: replays + (lines?.replays ?? 0),
			applied: Object.fromEntries(applied),
			maxServedPerSecond: mostInWindow(servedAt, 1000),
			spanMs: lastAt - firstAt,
			maxInFlight,
			connections,
			rateLimitedAtMs: [...rateLimitedAt],
			rateLimitedAtEpochMs: [...rateLimitedAtEpoch],
			...(lines ? { badBodies: lines.badBodies.slice(0, 20), calls: Object.fromEntries(lines.calls) } : {}),
			created: Object.fromEntries(items.created),
			createdObjects: items.objects.map((object) => ({ ...object })),
			createReplays: items.replays,
			createKeyConflicts: items.keyConflicts,
			badCreateBodies: items.badBodies.slice(0, 20),
			openConnections: sockets.size,
		}),
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** Child-process entry point. */
async function main() {
	const config = JSON.parse(process.env.BENCH_SERVER ?? '{}') as ServerConfig;
	const server = await startBenchServer(config);
	process.on('disconnect', () => process.exit(0));
	process.on('message', (message: { type: string }) => {
		if (message.type === 'stats') process.send!({ type: 'stats', stats: server.stats() });
		if (message.type === 'close') void server.close().then(() => process.exit(0));
	});
	process.send!({ type: 'ready', url: server.url });
}

if (require.main === module) void main();
