/** A local HTTP server on 127.0.0.1 that records every request and answers as each test says. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path and query exactly as received. */
	url: string;
	path: string;
	query: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Reply {
	status?: number;
	headers?: Record<string, string>;
	/** An object is sent as JSON; a string as is. */
	body?: unknown;
}

export type Responder = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface Recorder {
	url: string;
	requests: RecordedRequest[];
	respond(responder: Responder): void;
	close(): Promise<void>;
}

export async function startRecorder(responder: Responder = () => ({ body: {} })): Promise<Recorder> {
	let current = responder;
	const requests: RecordedRequest[] = [];
	// Node's default 16 KB limit would answer 431 itself, and such a request would go unrecorded.
	const server: Server = createServer({ maxHeaderSize: 1 << 20 }, (incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', async () => {
			const url = incoming.url ?? '/';
			const at = url.indexOf('?');
			const request: RecordedRequest = {
				method: incoming.method ?? 'GET',
				url,
				path: at === -1 ? url : url.slice(0, at),
				query: at === -1 ? '' : url.slice(at + 1),
				headers: incoming.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			try {
				const reply = await current(request, requests.length - 1);
				const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
				outgoing.writeHead(reply.status ?? 200, {
					'Content-Type': 'application/json',
					...reply.headers,
				});
				outgoing.end(text);
			} catch (error) {
				outgoing.writeHead(599, { 'Content-Type': 'text/plain' });
				outgoing.end(String(error));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		respond: (next) => {
			current = next;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
