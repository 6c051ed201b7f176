/**
 * What every provider must do in its runs, asserted once over all of them and the toy provider:
 * Get Many follows the provider's pages (Return All) or asks only for what is missing (Limit); a write
 * answered with 204 is read back (unless the user opts out); with Continue On Fail the good items are
 * sent and the bad ones reported (on the regular output or the error output), each paired with its
 * input item; without it, bad input in any item stops the run before anything is sent; an update with
 * nothing to update is refused before anything is sent or read; and a provider that echoes a secret
 * in its answer never gets it into the run's error or output.
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

	// Only where the provider has such a write.
	const { readBack } = fixture;
	if (readBack) describe('a write answered without the object (204)', () => {
		beforeEach(() => recorder.respond(readBack.serve));

		test('is read back with a GET of the same object, and the output is the object read', async () => {
			const run = await fixture.run(recorder.url, readBack.parameters);
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual(readBack.requests);
			expect(recorder.requests[1].body).toBe('');
			expect(run.output).toEqual([{ json: readBack.output, pairedItem: { item: 0 } }]);
		});

		test('"Read Back Updated Item" off: only the write, and the output says which object was updated', async () => {
			const run = await fixture.run(recorder.url, readBack.skipped.parameters);
			expect(run.error).toBeUndefined();
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([readBack.requests[0]]);
			expect(run.output).toEqual([{ json: readBack.skipped.output, pairedItem: { item: 0 } }]);
		});

		test('a failed read-back is reported as the error of that item', async () => {
			const [write] = readBack.requests;
			recorder.respond((request) => (`${request.method} ${request.url}` === write ? readBack.serve(request) : readBack.readFails.answer));
			const run = await fixture.run(recorder.url, readBack.parameters);
			expect(recorder.requests.map((request) => `${request.method} ${request.url}`)).toEqual(readBack.requests);
			expect(run.error?.message).toBe(readBack.readFails.message);
			expect(run.error?.httpCode).toBe(readBack.readFails.httpCode);
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

	/*
	 * n8n 1.x–2.8 route an item to the error output only when its json is `{ error }` or
	 * `{ error, message }` (2.41 also takes `details`); the end-to-end suite runs the same in each of
	 * those versions (test/e2e/workflows/continue-on-fail-stripe.json).
	 */
	describe.each(fixture.items.badFields.map((badField) => [badField.case, badField] as const))('Continue On Fail with a bad field in one item (%s)', (_case, badField) => {
		beforeEach(() => recorder.respond(badField.respond));

		test('using the error output: the bad item leaves there with our message, paired; the good ones are sent', async () => {
			const run = await fixture.run(recorder.url, badField.parameters, { items: badField.items, continueOnFail: 'errorOutput' });
			expect(run.error).toBeUndefined();
			expect(badField.written(recorder.requests)).toEqual(badField.sent);
			expect(run.output.map((item) => [item.json.error, item.pairedItem])).toEqual([
				[undefined, { item: 0 }],
				[undefined, { item: 2 }],
			]);
			expect(run.errorOutput).toEqual([{ json: { error: badField.error, message: badField.description }, pairedItem: { item: 1 } }]);
		});

		test('using the regular output: the bad item stays in line, with the field it is about', async () => {
			const run = await fixture.run(recorder.url, badField.parameters, { items: badField.items, continueOnFail: true });
			expect(badField.written(recorder.requests)).toEqual(badField.sent);
			expect(run.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(run.output[1]).toEqual({ json: { error: badField.error, description: badField.description }, pairedItem: { item: 1 } });
		});
	});

	test.each(fixture.items.nothingToUpdate)('nothing to update (%s): refused before anything is sent or read', async (_case, parameters) => {
		const run = await fixture.run(recorder.url, parameters);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe('"Update Fields" is empty: add at least one field to update or to clear [item 0]');
		expect(run.error?.description).toContain('Nothing was sent for this item');
		expect(recorder.requests).toHaveLength(0);
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
