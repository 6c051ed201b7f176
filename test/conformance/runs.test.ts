/**
 * What every provider must do in its runs, asserted once over all of them and the toy provider:
 * Get Many follows the provider's pages (Return All) or asks only for what is missing (Limit); with Continue On Fail the good items are sent and the bad ones reported, each paired with
 * its input item; without it, bad input in any item stops the run before anything is sent; and a
 * provider that echoes a secret in its answer never gets it into the run's error or output.
 */
import { everything } from '../harness/n8n';
import { recordingFor } from '../harness/recording';
import { FIXTURES } from './providers';

describe.each(FIXTURES)('%s', (_name, fixture) => {
	const secrets = fixture.secrets;
	const recording = recordingFor(fixture.respond);
	let recorder: ReturnType<typeof recording>;
	beforeEach(() => {
		recorder = recording();
		recorder.respond(fixture.respond ?? (() => ({ body: {} })));
	});

	describe('Get Many pages', () => {
		const { paging } = fixture;
		beforeEach(() => recorder.respond(paging.serve));

		test('Return All reads every page, the provider’s page size at a time, until the provider says there is no more', async () => {
			const run = await fixture.run(recorder.url, paging.returnAll.parameters);
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => request.url)).toEqual(paging.returnAll.urls);
			expect(run.output.map((item) => item.json.id)).toEqual(paging.entries.map((entry) => entry.id));
			expect(new Set(run.output.map((item) => JSON.stringify(item.pairedItem)))).toEqual(new Set(['{"item":0}']));
		});

		test('Limit asks only for what is still missing and stops there', async () => {
			const run = await fixture.run(recorder.url, paging.limit.parameters);
			expect(recorder.requests.map((request) => request.url)).toEqual(paging.limit.urls);
			expect(run.output).toHaveLength(paging.limit.count);
		});
	});

	test('Continue On Fail: good items go through, bad input and API errors are reported per item, pairing kept', async () => {
		const { continueOnFail: scenario } = fixture.items;
		recorder.respond(scenario.respond);
		const run = await fixture.run(recorder.url, scenario.parameters, { items: scenario.items, continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(scenario.written(recorder.requests)).toEqual(scenario.sent);
		expect(run.output.map((item) => item.pairedItem)).toEqual(scenario.items.map((_item, item) => ({ item })));
		expect(run.output.map((item) => item.json)).toEqual(scenario.output);
	});

	test('without Continue On Fail, bad input in any item stops the run before anything is sent', async () => {
		const { stops } = fixture.items;
		const run = await fixture.run(recorder.url, stops.parameters, { items: stops.items });
		expect(recorder.requests).toHaveLength(0);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(stops.message);
		expect(run.error?.description).toContain('Nothing was sent for this item');
		expect(run.error?.description).toBe(stops.description);
	});

	test.each(fixture.echoes.map((echo) => [echo.case, echo] as const))(
		'the secret never appears in output or errors, even when %s',
		async (_case, echo) => {
			recorder.respond(echo.answer);
			const options = { authentication: echo.authentication };
			const failed = await fixture.run(recorder.url, echo.parameters, options);
			expect({ message: failed.error?.message, description: failed.error?.description, httpCode: failed.error?.httpCode }).toMatchObject(echo.failed);
			for (const secret of [...secrets, ...(echo.also ?? [])]) expect(everything(failed)).not.toContain(secret);

			const reported = await fixture.run(recorder.url, echo.parameters, { ...options, continueOnFail: true });
			expect(reported.output[0].json).toMatchObject(echo.reported);
			for (const secret of [...secrets, ...(echo.also ?? [])]) expect(everything(reported)).not.toContain(secret);
			if (echo.kept) expect(everything(reported)).toContain(echo.kept);
		},
	);
});
