/**
 * A field the user set, whose expression gives nothing for an item, is refused for that item, naming
 * the item and the field, with nothing sent. It used to be read as "not set": in Replace mode (a full
 * replace) that silently cleared the field on the provider (test/conformance/modes.test.ts asserts
 * that an optional field there is refused too). Runs over the conformance fixtures' bad fields.
 */
import { FIXTURES } from '../conformance/providers';
import { recordingFor } from '../harness/recording';

/** A required field says so; any other set field says its expression gave nothing, and what to do. */
const NOTHING = /^(is required|is empty: its expression gave nothing)$/;
const WHAT_TO_DO = /^(Field|Give it a value, or remove it(?: \(to clear it, use Clear Fields → [^)]+\))?\. Field) "/;

describe.each(FIXTURES)('%s: a set field whose expression gives nothing', (_provider, fixture) => {
	const [badField] = fixture.items.badFields;
	const recorder = recordingFor(badField.respond);
	const label = badField.error.match(/^("[^"]+").* \[item 1\]$/s)![1];

	test('is refused for that item, naming it and the field; nothing is sent', async () => {
		const result = await fixture.run(recorder().url, badField.parameters, { items: [badField.items[0], { other: 1 }] });
		const message = result.error?.message ?? '';
		expect(message.startsWith(`${label} `)).toBe(true);
		expect(message.endsWith(' [item 1]')).toBe(true);
		expect(message.slice(`${label} `.length, -' [item 1]'.length)).toMatch(NOTHING);
		expect(result.error?.description).toMatch(WHAT_TO_DO);
		expect(recorder().requests).toHaveLength(0);
	});
});
