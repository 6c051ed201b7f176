/**
 * A local server (127.0.0.1) that misbehaves on purpose, item by item, and counts how often each
 * item's update was really applied. Like Stripe, it answers a repeated Idempotency-Key with the
 * first answer instead of applying the update again.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
	| { kind: 'ok'; headers?: Record<string, string> }
	| { kind: 'status'; status: number; headers?: Record<string, string> }
	/** Drop the connection before the update is applied. */
	| { kind: 'resetBefore' }
	/** Apply the update, then drop the connection: the client cannot know it worked. */
	| { kind: 'resetAfter' }
	/** Apply the update, then answer later than the client waits. */
	| { kind: 'slowAfter'; delayMs: number };

export interface FaultServer {
	url: string;
	/** Requests per item id, with the idempotency key each carried and when it arrived (ms). */
	attempts: Map<string, Array<{ method: string; key?: string; at: number }>>;
	/** How often each item's update was applied. */
	applied: Map<string, number>;
	close(): Promise<void>;
}

/**
 * `plan(id, attempt)` says what happens to the attempt-th request (0-based) for item `id`, the last
 * path segment. Writes (POST/PUT/PATCH) are applied on `ok`; reads answer the item.
 */
export async function startFaultServer(plan: (id: string, attempt: number) => Fault): Promise<FaultServer> {
	const attempts = new Map<string, Array<{ method: string; key?: string; at: number }>>();
	const applied = new Map<string, number>();
	const answered = new Map<string, string>();
	const timers = new Set<NodeJS.Timeout>();

	const handle = (request: IncomingMessage, response: ServerResponse, body: string) => {
		const id = (request.url ?? '/').split('?')[0].split('/').pop() ?? '';
		const key = request.headers['idempotency-key'] as string | undefined;
		const list = attempts.get(id) ?? [];
		list.push({ method: request.method ?? 'GET', key, at: Date.now() });
		attempts.set(id, list);
		const isWrite = request.method !== 'GET';
		const reply = () => JSON.stringify({ id, object: 'invoiceitem', type: 'debit', unitPrice: 1, received: body });
		const apply = () => {
			if (!isWrite) return reply();
			if (key && answered.has(key)) return answered.get(key)!;
			applied.set(id, (applied.get(id) ?? 0) + 1);
			const text = reply();
			if (key) answered.set(key, text);
			return text;
		};
		const fault = plan(id, list.length - 1);
		switch (fault.kind) {
			case 'status':
				response.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
				response.end(JSON.stringify({ error: { message: `injected ${fault.status}` }, message: `injected ${fault.status}` }));
				return;
			case 'resetBefore':
				request.socket.destroy();
				return;
			case 'resetAfter':
				apply();
				request.socket.destroy();
				return;
			case 'slowAfter': {
				const text = apply();
				const timer = setTimeout(() => {
					timers.delete(timer);
					if (!response.destroyed) response.writeHead(200, { 'Content-Type': 'application/json' }).end(text);
				}, fault.delayMs);
				timers.add(timer);
				return;
			}
			case 'ok':
				response.writeHead(200, { 'Content-Type': 'application/json', ...fault.headers });
				response.end(apply());
		}
	};

	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
	});
	return { ...(await listenClosable(server, timers)), attempts, applied };
}

/** Listens on a free port of 127.0.0.1; closing ends its late answers and open connections too. */
export async function listenClosable(server: Server, timers: Set<NodeJS.Timeout>): Promise<{ url: string; close(): Promise<void> }> {
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
