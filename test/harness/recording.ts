/** Jest hooks around a recorder (kept apart from recorder.ts, which the benches compile without jest). */
import { startRecorder, type Recorder, type Responder } from './recorder';
import { startContract, type ContractServer } from './prism';

/**
 * A recorder for the tests of the enclosing describe block: started before them, emptied before
 * each, closed after them. Call it at the top of the block; the function it returns gives the recorder.
 */
export function recordingFor(responder?: Responder): () => Recorder {
	let recorder: Recorder | undefined;
	beforeAll(async () => {
		recorder = await startRecorder(responder);
	});
	afterAll(() => recorder?.close());
	beforeEach(() => {
		if (recorder) recorder.requests.length = 0;
	});
	return () => recorder!;
}

/**
 * A contract server (Prism behind the recording proxy) for the tests of the enclosing file or block:
 * started before them, closed after them, and without requests, override or amendment at the start
 * of each test. The object it returns is the server once the block's tests run.
 */
export function contractFor(provider: string, basePath = ''): ContractServer {
	const server = {} as ContractServer;
	beforeAll(async () => {
		Object.assign(server, await startContract(provider, basePath));
	}, 90_000);
	afterAll(() => server.close?.());
	beforeEach(() => {
		server.requests.length = 0;
		server.override(undefined);
		server.amend(undefined);
	});
	return server;
}
