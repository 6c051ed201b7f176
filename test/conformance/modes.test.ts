/**
 * What every update whose write replaces the whole object must do, asserted once over every provider
 * that has one and the toy provider: "Merge With Current" (the default) reads the object, lays the
 * changes over it and writes back only its writable fields; a required field missing from it must be
 * given; a failed read writes nothing; "Replace" sends only what is given, without reading (an update
 * with nothing to update: test/conformance/runs.test.ts). Each provider's fixture (test/conformance/providers.ts, `replaces`) says what its object and bodies look like.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RecordedRequest } from '../harness/recorder';
import { recordingFor } from '../harness/recording';
import type { ConformanceFixture } from './fixture';
import { FIXTURES } from './providers';

type Modes = NonNullable<ConformanceFixture['replaces']>;
const WITH_MODES = FIXTURES.flatMap(([name, fixture]) => (fixture.replaces ? [[name, fixture, fixture.replaces] as const] : []));

const calls = (requests: RecordedRequest[]) => requests.map((request) => `${request.method} ${request.url}`);

describe.each(WITH_MODES)('%s', (_name, fixture, modes: Modes) => {
	const recorder = recordingFor();
	const run = (parameters: Parameters<ConformanceFixture['run']>[1], options?: Parameters<ConformanceFixture['run']>[2]) =>
		fixture.run(recorder().url, parameters, options);
	const holding = (current: IDataObject) => recorder().respond(modes.serve(current));
	const written = () => recorder().requests[recorder().requests.length - 1];
	const writtenBody = () => JSON.parse(written().body) as IDataObject;
	beforeEach(() => holding(modes.current));

	describe('Update, Merge With Current (the default)', () => {
		test('reads the object, lays the change over it and writes it back whole, only the changed field different', async () => {
			const result = await run(modes.merge(modes.change.updateFields));
			expect(result.error).toBeUndefined();
			expect(calls(recorder().requests)).toEqual([...modes.reads, modes.write]);
			for (const read of recorder().requests.slice(0, -1)) expect(read.body).toBe('');
			// Exact text: the writable fields in the API's order, untouched ones with their current values.
			expect(written().body).toBe(modes.change.body);
			expect(written().headers['content-type']).toBe(modes.contentType);
			expect(result.output).toEqual([{ json: modes.change.output, pairedItem: { item: 0 } }]);
		});

		test('never writes a read-only field, nor one it does not know, whatever the current object carries', async () => {
			holding({ ...modes.current, somethingNew: 'added by a later API version' });
			const result = await run(modes.merge(modes.change.updateFields));
			expect(result.error).toBeUndefined();
			const body = writtenBody();
			for (const field of [...modes.readOnly, 'somethingNew']) expect(body).not.toHaveProperty(field);
			expect(Object.keys(body)).toEqual(Object.keys(JSON.parse(modes.change.body) as IDataObject));
		});

		test('a cleared field is written as the API takes an empty value, the rest kept', async () => {
			const result = await run(modes.merge({}, { clearFields: modes.cleared.clearFields }));
			expect(result.error).toBeUndefined();
			expect(writtenBody()).toEqual(modes.cleared.body);
		});

		test('the current object’s empty values travel back as the API takes them; fields it lacks are left out', async () => {
			holding(modes.empties.current);
			const result = await run(modes.merge(modes.empties.updateFields));
			expect(result.error).toBeUndefined();
			expect(written().body).toBe(modes.empties.body);
		});

		test('a required field missing from the current object must be given; nothing is written until it is', async () => {
			const { missing } = modes;
			holding(missing.current);
			const refused = await run(modes.merge(missing.updateFields));
			expect(refused.error?.message).toBe(missing.message);
			expect(refused.error?.description).toMatch(/\. The current item was read; nothing was written\.$/);
			expect(calls(recorder().requests)).toEqual(modes.reads);

			recorder().requests.length = 0;
			const given = await run(modes.merge({ ...missing.updateFields, ...missing.given }));
			expect(given.error).toBeUndefined();
			expect(writtenBody()).toEqual(missing.body);
		});

		test('each input item is read and written on its own, with values from expressions; every output is paired', async () => {
			const { perItem } = modes;
			const result = await run(perItem.parameters, { items: perItem.items });
			expect(result.error).toBeUndefined();
			// Items run side by side: each item's own read comes before its own write.
			const seen = recorder().requests.map((request) => `${request.method} ${request.path}`);
			expect([...seen].sort()).toEqual(perItem.requests);
			for (const [read, write] of perItem.readBeforeWrite) expect(seen.indexOf(read)).toBeLessThan(seen.indexOf(write));
			const writes = recorder().requests.filter((request) => request.method === modes.write.split(' ')[0]);
			expect(writes.map(perItem.written)).toHaveLength(perItem.sent.length);
			expect(writes.map(perItem.written)).toEqual(expect.arrayContaining(perItem.sent));
			expect(result.output.map((item) => item.pairedItem)).toEqual(perItem.items.map((_item, item) => ({ item })));
			expect(result.output.map((item) => item.json)).toEqual(perItem.output.map((output) => expect.objectContaining(output)));
		});

		test('a failed read is the item’s error, in the provider’s words; nothing is written', async () => {
			recorder().respond(() => modes.readFails.answer);
			const result = await run(modes.merge(modes.change.updateFields));
			expect(result.error?.httpCode).toBe(modes.readFails.httpCode);
			expect(result.error?.message).toBe(modes.readFails.message);
			expect(calls(recorder().requests)).toEqual([modes.reads[0]]);
		});
	});

	describe('Update, Replace', () => {
		test('sends exactly what the user set, without reading the object first', async () => {
			const result = await run(modes.replace(modes.replaced.updateFields));
			expect(result.error).toBeUndefined();
			expect(calls(recorder().requests)).toEqual([modes.write]);
			expect(written().body).toBe(modes.replaced.body);
		});

		test('a cleared field is written as the API takes an empty value', async () => {
			const { replacedCleared } = modes;
			const result = await run(modes.replace(replacedCleared.updateFields, { clearFields: replacedCleared.clearFields }));
			expect(result.error).toBeUndefined();
			expect(calls(recorder().requests)).toEqual([modes.write]);
			expect(writtenBody()).toEqual(replacedCleared.body);
		});

		test('an optional field whose expression gives nothing is refused for that item, not cleared; nothing is sent', async () => {
			const { givesNothing } = modes;
			const result = await run(givesNothing.parameters, { items: givesNothing.items });
			expect(result.error?.message).toBe(givesNothing.message);
			expect(result.error?.description).toBe(givesNothing.description);
			expect(recorder().requests).toHaveLength(0);
		});
	});
});
