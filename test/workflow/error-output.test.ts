/**
 * "On Error → Continue (using error output)", the same for every provider: the good items are sent
 * and leave by the success output, the bad one leaves by the error output, paired with its input
 * item, with our message naming the item and the field, and nothing is sent for it.
 *
 * n8n 1.x–2.8 route an item to the error output only when its json is `{ error }` or
 * `{ error, message }` (2.41 also takes `details`); the end-to-end suite runs the same in each of
 * those versions (test/e2e/workflows/continue-on-fail-stripe.json).
 */
import { ONE_FIELD_UPDATES } from '../harness/providers';
import { recordingFor } from '../harness/recording';

describe.each(Object.entries(ONE_FIELD_UPDATES))('%s: Continue On Fail', (_provider, { answer, parameters, run, values, error, message }) => {
	const recorder = recordingFor(() => answer);
	const items = values.map((value) => ({ value }));

	test('using the error output: the bad item leaves there with our message, paired; the good ones are sent', async () => {
		const result = await run(recorder(), parameters(), { items, continueOnFail: 'errorOutput' });
		expect(result.error).toBeUndefined();
		expect(recorder().requests).toHaveLength(2);
		expect(result.output.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[undefined, { item: 0 }],
			[undefined, { item: 2 }],
		]);
		expect(result.errorOutput).toEqual([{ json: { error, message }, pairedItem: { item: 1 } }]);
	});

	test('using the regular output: the bad item stays in line, with the field it is about', async () => {
		const result = await run(recorder(), parameters(), { items, continueOnFail: true });
		expect(recorder().requests).toHaveLength(2);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output[1].json).toEqual({ error, description: message });
	});
});
