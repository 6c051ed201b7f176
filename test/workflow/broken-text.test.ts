/**
 * Text with half a surrogate pair cannot be encoded (form or JSON): every provider refuses it before
 * anything is sent, naming the item and the field. Stripe used to fail at send time with only
 * "URI malformed".
 */
import type { INodeParameters } from 'n8n-workflow';

import type { NodeRun } from '../harness/n8n';
import type { Recorder } from '../harness/recorder';
import { recordingFor } from '../harness/recording';
import { mergeUpdate, runRebilly } from '../harness/rebilly';
import { merge, runSequence } from '../harness/sequence';
import { product, runSpacebring, updateItem as spacebringUpdate } from '../harness/spacebring';
import { runStripe, updateItem as stripeUpdate } from '../harness/stripe';

const BROKEN = '={{ "Seats " + String.fromCharCode(0xd800) }}';

const cases: Array<[string, INodeParameters, (recorder: Recorder, parameters: INodeParameters) => Promise<NodeRun>, string]> = [
	['Stripe', stripeUpdate({ description: BROKEN }), (recorder, parameters) => runStripe(recorder, parameters), 'Description'],
	['Rebilly', mergeUpdate({ description: BROKEN }), (recorder, parameters) => runRebilly(recorder.url, parameters), 'Description'],
	['Sequence', merge({ description: BROKEN }), (recorder, parameters) => runSequence(recorder.url, parameters), 'Description'],
	['Spacebring', spacebringUpdate(product(BROKEN)), (recorder, parameters) => runSpacebring(recorder.url, parameters), 'Product Title'],
];

describe('broken Unicode in a text is refused before anything is sent', () => {
	const recorder = recordingFor();

	test.each(cases)('%s', async (_provider, parameters, run, label) => {
		const result = await run(recorder(), parameters);
		expect(result.error?.message).toBe(`"${label}" has broken Unicode at character 7 (half of a surrogate pair), which cannot be sent [item 0]`);
		expect(recorder().requests).toHaveLength(0);
	});
});
