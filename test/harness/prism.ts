/**
 * Contract checks for the JSON providers: Prism (`@stoplight/prism-cli`) mocks the provider from
 * its official OpenAPI document and validates every request; a recording proxy in front of it
 * keeps each request together with Prism's verdict (`sl-violations`). All on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';

import { startRecorder, type Recorder, type RecordedRequest } from './recorder';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface ContractRequest extends RecordedRequest {
	/** Prism's status for this request (422 when the request broke the contract). */
	status: number;
	/** Prism's `sl-violations` for the request, empty when it conforms. */
	violations: Array<{ location: string[]; severity: string; code: string; message: string }>;
}

export interface ContractServer {
	/** Base URL to put in the credential (includes `basePath`). */
	url: string;
	requests: ContractRequest[];
	/** Answer some requests yourself (e.g. errors Prism would not produce); undefined = ask Prism. */
	override(answer?: (request: RecordedRequest) => { status?: number; headers?: Record<string, string>; body?: unknown } | undefined): void;
	/**
	 * Adjust Prism's JSON answers (e.g. so the object a test asks for is in a list); Prism still
	 * validates every request. undefined = Prism's answers as they are.
	 */
	amend(change?: (request: RecordedRequest, body: unknown) => unknown): void;
	close(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that is free right now. */
export const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const server = createNetServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});

async function startPrism(spec: string): Promise<{ url: string; process: ChildProcess }> {
	const port = await freePort();
	const bin = join(__dirname, '..', '..', 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
	const child = spawn(process.execPath, [bin, 'mock', '-h', '127.0.0.1', '-p', String(port), spec], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s:\n${output}`)), 60_000);
		const watch = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Prism is listening')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', watch);
		child.stderr!.on('data', watch);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Prism exited (${code}):\n${output}`));
		});
	});
	child.stdout!.removeAllListeners('data').resume();
	child.stderr!.removeAllListeners('data').resume();
	child.removeAllListeners('exit');
	return { url: `http://127.0.0.1:${port}`, process: child };
}

function forward(target: string, request: RecordedRequest, path: string) {
	return new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
		const headers = { ...request.headers };
		delete headers.host;
		const outgoing = httpRequest(`${target}${path}`, { method: request.method, headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers as Record<string, string>,
					body: Buffer.concat(chunks).toString('utf8'),
				}),
			);
		});
		outgoing.on('error', reject);
		outgoing.end(request.body);
	});
}

/**
 * Starts Prism for `test/fixtures/<provider>.openapi.json` behind a recording proxy. Requests must
 * start with `basePath` (e.g. Rebilly's `/organizations/<id>`), which is removed before Prism sees
 * them, because Prism routes on the spec's paths alone.
 */
export async function startContract(provider: string, basePath = ''): Promise<ContractServer> {
	const prism = await startPrism(join(FIXTURES, `${provider}.openapi.json`));
	const requests: ContractRequest[] = [];
	let override: Parameters<ContractServer['override']>[0];
	let amend: Parameters<ContractServer['amend']>[0];
	const recorder: Recorder = await startRecorder(async (request) => {
		const entry: ContractRequest = { ...request, status: 0, violations: [] };
		requests.push(entry);
		if (!request.path.startsWith(basePath)) {
			entry.status = 404;
			return { status: 404, body: { message: `test proxy: path does not start with ${basePath}` } };
		}
		const own = override?.(request);
		if (own) {
			entry.status = own.status ?? 200;
			return own;
		}
		const answer = await forward(prism.url, request, request.url.slice(basePath.length));
		entry.status = answer.status;
		entry.violations = answer.headers['sl-violations'] ? JSON.parse(answer.headers['sl-violations']) : [];
		const contentType = answer.headers['content-type'] ?? 'application/json';
		// A 204 has no body to amend, whatever its Content-Type says.
		const amendable = amend && answer.status < 300 && contentType.includes('json') && answer.body !== '';
		const amended = amend && amendable ? JSON.stringify(amend(request, JSON.parse(answer.body))) : answer.body;
		return {
			status: answer.status,
			headers: { 'Content-Type': contentType, ...pickHeaders(answer.headers) },
			body: amended,
		};
	});
	return {
		url: `${recorder.url}${basePath}`,
		requests,
		override: (answer) => {
			override = answer;
		},
		amend: (change) => {
			amend = change;
		},
		close: async () => {
			await recorder.close();
			await new Promise<void>((resolve) => {
				prism.process.once('exit', () => resolve());
				prism.process.kill('SIGTERM');
			});
		},
	};
}

/** Response headers a node may read (rate limits, request ids), passed through from Prism. */
function pickHeaders(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).filter(([name]) => /^(x-|retry-after|request-id|pagination-)/i.test(name)));
}

/**
 * The writes of a create run: before its first create on an object, the node reads the list it
 * creates in (to tell afterwards what it made). Every read must be that list, and conform.
 */
export function writesAfterListing(requests: ContractRequest[], listPath: string): ContractRequest[] {
	const reads = requests.filter((request) => request.method === 'GET');
	expect(reads.length).toBeGreaterThan(0);
	for (const read of reads) {
		expect({ path: read.path, violations: read.violations, status: read.status }).toEqual({ path: listPath, violations: [], status: 200 });
	}
	return requests.filter((request) => request.method !== 'GET');
}
