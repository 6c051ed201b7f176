/**
 * A field the user set, whose expression gives nothing for an item, is refused for that item, naming
 * the item and the field, with nothing sent. It used to be read as "not set": in Replace mode (a full
 * replace) that silently cleared the field on the provider.
 */
import { ONE_FIELD_UPDATES } from '../harness/providers';
import { recordingFor } from '../harness/recording';
import { replaceUpdate, runRebilly } from '../harness/rebilly';
import { REQUIRED, lineItem, replace, runSequence } from '../harness/sequence';

/** A required field says so; any other set field says its expression gave nothing, and what to do. */
const NOTHING = /^(is required|is empty: its expression gave nothing)$/;
const WHAT_TO_DO = /^(Field|Give it a value, or remove it(?: \(to clear it, use Clear Fields → [^)]+\))?\. Field) "/;

describe.each(Object.entries(ONE_FIELD_UPDATES))('%s: a set field whose expression gives nothing', (_provider, { answer, parameters, run, values, error }) => {
	const recorder = recordingFor(() => answer);
	const label = error.match(/^("[^"]+").* \[item 1\]$/s)![1];

	test('is refused for that item, naming it and the field; nothing is sent', async () => {
		const result = await run(recorder(), parameters(), { items: [{ value: values[0] }, { other: 1 }] });
		const message = result.error?.message ?? '';
		expect(message.startsWith(`${label} `)).toBe(true);
		expect(message.endsWith(' [item 1]')).toBe(true);
		expect(message.slice(`${label} `.length, -' [item 1]'.length)).toMatch(NOTHING);
		expect(result.error?.description).toMatch(WHAT_TO_DO);
		expect(recorder().requests).toHaveLength(0);
	});
});

describe('Replace mode: an optional field whose expression gives nothing is not cleared', () => {
	const recorder = recordingFor((request) => ({ body: request.method === 'PUT' ? JSON.parse(request.body) : {} }));

	test('Rebilly', async () => {
		const result = await runRebilly(recorder().url, replaceUpdate({ type: 'debit', unitPrice: 3 }, { description: '={{ $json.note }}' }), {
			items: [{ note: 'Seats' }, {}],
		});
		expect(result.error?.message).toBe('"Description" is empty: its expression gave nothing [item 1]');
		expect(result.error?.description).toMatch(/^Give it a value, or remove it\. Field "description" of PUT /);
		expect(recorder().requests).toHaveLength(0);
	});

	test('Sequence', async () => {
		recorder().respond(() => ({ body: lineItem('af60cab3-812d-4250-a051-0fb7133a00c7') }));
		const result = await runSequence(recorder().url, replace(REQUIRED, { description: '={{ $json.note }}' }), { items: [{}] });
		expect(result.error?.message).toBe('"Description" is empty: its expression gave nothing [item 0]');
		expect(result.error?.description).toBe(
			'Give it a value, or remove it (to clear it, use Clear Fields → Description). Field "description" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
		);
		expect(recorder().requests).toHaveLength(0);
	});
});
