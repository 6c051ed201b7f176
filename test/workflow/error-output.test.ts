/**
 * "On Error → Continue (using error output)", the same for every provider: the good items are sent
 * and leave by the success output, the bad one leaves by the error output, paired with its input
 * item, with our message naming the item and the field, and nothing is sent for it.
 *
 * n8n 1.x–2.8 route an item to the error output only when its json is `{ error }` or
 * `{ error, message }` (2.41 also takes `details`); the end-to-end suite runs the same in each of
 * those versions (test/e2e/workflows/continue-on-fail-stripe.json).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun, RunNodeOptions } from '../harness/n8n';
import { startRecorder, type Recorder } from '../harness/recorder';
import { replaceUpdate, runRebilly } from '../harness/rebilly';
import { REQUIRED, lineItem, replace, runSequence } from '../harness/sequence';
import { runSpacebring, updateItem as spacebringUpdate } from '../harness/spacebring';
import { runStripe, updateItem as stripeUpdate } from '../harness/stripe';

interface Case {
	/** What the provider answers to every request. */
	answer: { status?: number; body: unknown };
	/** Parameters that read one field from `$json.value`. */
	parameters: INodeParameters;
	run: (recorder: Recorder, parameters: INodeParameters, options: { items: IDataObject[]; continueOnFail: RunNodeOptions['continueOnFail'] }) => Promise<NodeRun>;
	/** Three inputs, the middle one bad. */
	values: [string | number, string | number, string | number];
	error: string;
	message: string;
}

const cases: Record<string, Case> = {
	Stripe: {
		answer: { body: { id: 'ii_1', object: 'invoiceitem' } },
		parameters: stripeUpdate({ quantity_decimal: '={{ $json.value }}' }),
		run: (recorder, parameters, options) => runStripe(recorder, parameters, options),
		values: ['1.5', 'lots', '2.5'],
		error: 'Item 1: "Quantity Decimal" must be a decimal number such as 12.5, got "lots"',
		message: 'Field "quantity_decimal" of POST /v1/invoiceitems/{invoiceitem}. Nothing was sent for this item.',
	},
	Rebilly: {
		answer: { body: { id: 'ii-1', type: 'debit', unitPrice: 3, quantity: 1 } },
		parameters: replaceUpdate({ type: 'debit', unitPrice: '={{ $json.value }}' }),
		run: (recorder, parameters, options) => runRebilly(recorder.url, parameters, options),
		values: [3, '3,50', 4],
		error: 'Item 1: "Unit Price" must be a finite number, got "3,50"',
		message: 'Field "unitPrice" of PUT /invoices/{invoiceId}/items/{itemId}. Nothing was sent for this item.',
	},
	Sequence: {
		answer: { body: lineItem('af60cab3-812d-4250-a051-0fb7133a00c7') },
		parameters: replace({ ...REQUIRED, rate: '={{ $json.value }}' }),
		run: (recorder, parameters, options) => runSequence(recorder.url, parameters, options),
		values: ['100.00', '1,5', '120.00'],
		error: 'Item 1: "Rate" must be a decimal number such as 12.5, got "1,5"',
		message: 'Field "rate" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
	},
	Spacebring: {
		answer: { status: 204, body: '' },
		parameters: spacebringUpdate({ quantity: '={{ $json.value }}' }, { options: { readBack: false } }),
		run: (recorder, parameters, options) => runSpacebring(recorder.url, parameters, options),
		values: [1, 'lots', 2],
		error: 'Item 1: "Quantity" must be a whole number, got "lots"',
		message: 'Field "quantity" of PATCH /billing/invoices/v1/items/{id}. Nothing was sent for this item.',
	},
};

describe.each(Object.entries(cases))('%s: Continue On Fail', (_provider, { answer, parameters, run, values, error, message }) => {
	let recorder: Recorder;
	beforeAll(async () => {
		recorder = await startRecorder(() => answer);
	});
	afterAll(() => recorder.close());
	beforeEach(() => {
		recorder.requests.length = 0;
	});
	const items = values.map((value) => ({ value }));

	test('using the error output: the bad item leaves there with our message, paired; the good ones are sent', async () => {
		const result = await run(recorder, parameters, { items, continueOnFail: 'errorOutput' });
		expect(result.error).toBeUndefined();
		expect(recorder.requests).toHaveLength(2);
		expect(result.output.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[undefined, { item: 0 }],
			[undefined, { item: 2 }],
		]);
		expect(result.errorOutput).toEqual([{ json: { error, message }, pairedItem: { item: 1 } }]);
	});

	test('using the regular output: the bad item stays in line, with the field it is about', async () => {
		const result = await run(recorder, parameters, { items, continueOnFail: true });
		expect(recorder.requests).toHaveLength(2);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.output[1].json).toEqual({ error, description: message });
	});
});
