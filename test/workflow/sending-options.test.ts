/**
 * The sending options (Requests per Second, Max Concurrent Requests, Retries, Timeout) are checked
 * against their bounds before anything is sent, also when an expression gives them, the same for every
 * provider. A Timeout of 2^31 ms or more used to make every request fail after about 1 ms (Node's
 * timers overflow), after the write may already have reached the provider.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { FIXTURES } from '../conformance/providers';
import { recordingFor } from '../harness/recording';

/** [option, value, the exact error]. */
const refused: Array<[string, string | number, string]> = [
	['timeout', 2 ** 31, '"Options → Timeout (Ms)" must be between 1 and 3600000, got 2147483648'],
	['timeout', 3_600_001, '"Options → Timeout (Ms)" must be between 1 and 3600000, got 3600001'],
	['timeout', 0, '"Options → Timeout (Ms)" must be between 1 and 3600000, got 0'],
	['timeout', 1.5, '"Options → Timeout (Ms)" must be a whole number, got 1.5'],
	['timeout', 'soon', '"Options → Timeout (Ms)" must be a whole number, got "soon"'],
	['maxRetries', 11, '"Options → Retries" must be between 0 and 10, got 11'],
	['maxConcurrency', 0, '"Options → Max Concurrent Requests" must be between 1 and 256, got 0'],
	['requestsPerSecond', -1, '"Options → Requests per Second" must be between 0 and 10000, got -1'],
	['requestsPerSecond', 'fast', '"Options → Requests per Second" must be a number, got "fast"'],
];

/** Over the conformance fixtures' first bad field: an update whose one field comes from the item. */
describe.each(FIXTURES)('%s: sending options', (_provider, fixture) => {
	const [{ parameters, items, respond }] = fixture.items.badFields;
	const recorder = recordingFor(respond);
	const send = (options: IDataObject) =>
		fixture.run(
			recorder().url,
			{ ...parameters, options: { ...(parameters.options as INodeParameters), ...options } as INodeParameters },
			{ items: [items[0]] },
		);

	test.each(refused)('%s = %p is refused before anything is sent', async (option, value, message) => {
		const result = await send({ [option]: value });
		expect(result.error?.message).toBe(`${message} [item 0]`);
		expect(result.error?.description).toMatch(/Nothing was sent/);
		expect(recorder().requests).toHaveLength(0);
	});

	test('the largest values within bounds, also given as text by an expression, send as usual', async () => {
		const result = await send({ timeout: '={{ "3600000" }}', maxRetries: 10, maxConcurrency: 256, requestsPerSecond: 10_000 });
		expect(result.error).toBeUndefined();
		expect(recorder().requests).toHaveLength(1);
	});
});
