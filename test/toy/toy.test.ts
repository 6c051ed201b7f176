/**
 * The toy provider (a credential, a descriptor folder and a fixture, nothing else) runs in n8n-core:
 * its declarative credential is applied as n8n applies it, and the engine sends what its descriptor says.
 * Everything every provider must do is asserted for it by test/conformance.
 */
import { startRecorder, type Recorder } from '../harness/recorder';
import { TOY, TOY_KEY } from './fixture';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await startRecorder((request) => ({ body: { id: request.path.split('/').pop(), quantity: 2 } }));
});
afterAll(() => recorder.close());

test('an update is a PATCH of the JSON fields set, with the key in the header the credential declares', async () => {
	const run = await TOY.run(recorder.url, TOY.validRun);
	expect(run.error).toBeUndefined();
	expect(recorder.requests.map((request) => [request.method, request.path, JSON.parse(request.body)])).toEqual([
		['PATCH', '/invoices/inv-1/items/it-1', { quantity: 2 }],
	]);
	expect(recorder.requests[0].headers['x-toy-key']).toBe(TOY_KEY);
	expect(run.output.map((item) => item.json)).toEqual([{ id: 'it-1', quantity: 2 }]);
});
