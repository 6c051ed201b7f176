/** Jest hooks around a recorder (kept apart from recorder.ts, which the benches compile without jest). */
import { startRecorder, type Recorder, type Responder } from './recorder';

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
