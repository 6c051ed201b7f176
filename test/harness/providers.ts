/**
 * One update per provider whose one field comes from `$json.value`, and how to run it: for behaviour
 * every provider shares (the sending options, empty values), tested once over all of them.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeRun, RunNodeOptions } from './n8n';
import type { Recorder } from './recorder';
import { replaceUpdate, runRebilly } from './rebilly';
import { REQUIRED, lineItem, replace, runSequence } from './sequence';
import { runSpacebring, updateItem as spacebringUpdate } from './spacebring';
import { runStripe, updateItem as stripeUpdate } from './stripe';

export interface OneFieldUpdate {
	/** What the provider answers to every request. */
	answer: { status?: number; body: unknown };
	/** The update's parameters; `extra` adds to them (e.g. `options`). */
	parameters: (extra?: IDataObject) => INodeParameters;
	run: (
		recorder: Recorder,
		parameters: INodeParameters,
		options: { items: IDataObject[]; continueOnFail?: RunNodeOptions['continueOnFail'] },
	) => Promise<NodeRun>;
	/** Three values for `$json.value`, the middle one bad. */
	values: [string | number, string | number, string | number];
	/** What the node says of the bad one (as item 1). */
	error: string;
	message: string;
}

export const ONE_FIELD_UPDATES: Record<string, OneFieldUpdate> = {
	Stripe: {
		answer: { body: { id: 'ii_1', object: 'invoiceitem' } },
		parameters: (extra) => stripeUpdate({ quantity_decimal: '={{ $json.value }}' }, extra),
		run: (recorder, parameters, options) => runStripe(recorder, parameters, options),
		values: ['1.5', 'lots', '2.5'],
		error: '"Quantity Decimal" must be a decimal number such as 12.5, got "lots" [item 1]',
		message: 'Field "quantity_decimal" of POST /v1/invoiceitems/{invoiceitem}. Nothing was sent for this item.',
	},
	Rebilly: {
		answer: { body: { id: 'ii-1', type: 'debit', unitPrice: 3, quantity: 1 } },
		parameters: (extra) => replaceUpdate({ type: 'debit', unitPrice: '={{ $json.value }}' }, {}, extra),
		run: (recorder, parameters, options) => runRebilly(recorder.url, parameters, options),
		values: [3, '3,50', 4],
		error: '"Unit Price" must be a finite number, got "3,50" [item 1]',
		message: 'Field "unitPrice" of PUT /invoices/{invoiceId}/items/{itemId}. Nothing was sent for this item.',
	},
	Sequence: {
		answer: { body: lineItem('af60cab3-812d-4250-a051-0fb7133a00c7') },
		parameters: (extra) => replace({ ...REQUIRED, rate: '={{ $json.value }}' }, {}, extra),
		run: (recorder, parameters, options) => runSequence(recorder.url, parameters, options),
		values: ['100.00', '1,5', '120.00'],
		error: '"Rate" must be a decimal number such as 12.5, got "1,5" [item 1]',
		message: 'Field "rate" of PUT /invoices/{invoice}/line-items/{id}. Nothing was sent for this item.',
	},
	Spacebring: {
		answer: { status: 204, body: '' },
		parameters: (extra = {}) =>
			spacebringUpdate({ quantity: '={{ $json.value }}' }, { ...extra, options: { readBack: false, ...(extra.options as IDataObject) } }),
		run: (recorder, parameters, options) => runSpacebring(recorder.url, parameters, options),
		values: [1, 'lots', 2],
		error: '"Quantity" must be a whole number, got "lots" [item 1]',
		message: 'Field "quantity" of PATCH /billing/invoices/v1/items/{id}. Nothing was sent for this item.',
	},
};
