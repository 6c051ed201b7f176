/**
 * Every write endpoint of every provider and the toy, as the fault suite runs it: the node's
 * parameters for input items `{ n }` (each item's values carry its marker `fault-<n>`), and the
 * stand-in that serves it (test/harness/stand-in.ts), built from the same endpoints.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import * as rebilly from '../../nodes/Rebilly/endpoints/invoiceItem';
import * as sequence from '../../nodes/Sequence/endpoints/invoiceLineItem';
import * as spacebring from '../../nodes/Spacebring/endpoints/invoiceItem';
import * as stripeItems from '../../nodes/Stripe/endpoints/invoiceItem';
import * as stripeLines from '../../nodes/Stripe/endpoints/invoiceLineItem';
import type { Endpoint, Provider } from '../../nodes/shared/descriptor';
import { writeSafety, type WriteSafety } from '../../nodes/shared/created';
import { rebilly as rebillyProvider } from '../../nodes/Rebilly/provider';
import { sequence as sequenceProvider } from '../../nodes/Sequence/provider';
import { spacebring as spacebringProvider } from '../../nodes/Spacebring/provider';
import { stripe as stripeProvider } from '../../nodes/Stripe/provider';
import { REQUIRED as SEQUENCE_REQUIRED } from '../harness/sequence';
import { marker, type StandInSpec } from '../harness/stand-in';
import { draftInvoices } from '../harness/stripe-lines';
import * as toy from '../toy/endpoints/item';
import { toy as toyProvider } from '../toy/provider';
import type { ConformanceFixture } from './fixture';
import { FIXTURES } from './providers';

export type WriteKind = 'create' | 'update' | 'delete';

export interface WriteCase {
	provider: string;
	case: string;
	kind: WriteKind;
	/** How safe sending it again is, by the provider's spec: a create of a provider without keys is not. */
	safety: WriteSafety;
	/** What the engine makes of the endpoint's description. */
	declared: () => WriteSafety;
	/** The node's parameters; item n's values come from `$json.n`. */
	parameters: INodeParameters;
	/** The stand-in serving this write, with the items it starts with. */
	standIn: () => StandInSpec;
	run: ConformanceFixture['run'];
}

/** The marker of item n, as the node's parameters compute it. */
const MARKED = '={{ "fault-" + $json.n }}';
/** Items there from the start (for updates and deletes), with values no create of the suite writes; ids `prefix` + n. */
const seeded = (prefix: string, count: number, fields: (n: number) => IDataObject) =>
	Array.from({ length: count }, (_, n) => ({ id: `${prefix}${n}`, ...fields(n) }));
const fixture = (name: string) => FIXTURES.find(([fixtureName]) => fixtureName === name)![1];

const SPACEBRING_INVOICE = '00000000-0000-4000-8000-000000000001';
const spacebringItem = (n: number) => `00000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}`;
const SEQUENCE_INVOICE = 'cd11218d-fa00-4faa-8684-a43113d076a8';

interface Described {
	case: string;
	kind: WriteKind;
	safety: WriteSafety;
	endpoint: Endpoint;
	parameters: INodeParameters;
	standIn: () => StandInSpec;
}

const provided = (provider: string, described: Provider, cases: Described[]): WriteCase[] =>
	cases.map(({ endpoint, ...rest }) => ({ provider, declared: () => writeSafety(described, endpoint), run: fixture(provider).run, ...rest }));

const TOY_SPEC = (): StandInSpec => ({
	create: toy.createItem,
	update: toy.updateItem,
	remove: toy.deleteItem,
	list: toy.getManyItems,
	get: toy.getItem,
	seed: { 'inv-1': seeded('it-', 2, (n) => ({ quantity: 1, description: marker(n) })) },
});

const REBILLY_SPEC = (): StandInSpec => ({
	create: rebilly.createInvoiceItem,
	update: rebilly.updateInvoiceItem,
	remove: rebilly.deleteInvoiceItem,
	list: rebilly.getManyInvoiceItems,
	get: rebilly.getInvoiceItem,
	seed: { 'in-1': seeded('ii-', 2, (n) => ({ type: 'debit', unitPrice: 5, description: marker(n) })) },
});

const SEQUENCE_SPEC = (): StandInSpec => ({
	create: sequence.createInvoiceLineItem,
	update: sequence.updateInvoiceLineItem,
	remove: sequence.deleteInvoiceLineItem,
	list: sequence.getManyInvoiceLineItems,
	seed: {
		[SEQUENCE_INVOICE]: seeded('af60cab3-812d-4250-a051-0fb7133a00c', 2, (n) => ({
			...SEQUENCE_REQUIRED,
			rate: '50',
			title: marker(n),
		})),
	},
});

const SPACEBRING_SPEC = (): StandInSpec => ({
	create: spacebring.createInvoiceItem,
	update: spacebring.updateInvoiceItem,
	remove: spacebring.deleteInvoiceItem,
	list: spacebring.getManyInvoiceItemsOfInvoice,
	get: spacebring.getInvoiceItem,
	seed: {
		[SPACEBRING_INVOICE]: [0, 1].map((n) => ({ id: spacebringItem(n), quantity: 1, unitAmount: 5, product: { title: marker(n) }, invoiceRef: SPACEBRING_INVOICE })),
	},
});

const STRIPE_ITEMS_SPEC = (): StandInSpec => ({
	create: stripeItems.createInvoiceItem,
	update: stripeItems.updateInvoiceItem,
	remove: stripeItems.deleteInvoiceItem,
	seed: { '': seeded('ii_', 2, (n) => ({ object: 'invoiceitem', quantity: '1', description: marker(n) })) },
});

/**
 * Stripe's line calls through the model of its draft invoices (schema-checked bodies, all-or-nothing
 * bulk calls): invoice in_0 with lines il_0_0 and il_0_1, line n item n's; an added line carries its marker.
 */
const STRIPE_LINES_SPEC = (): StandInSpec => {
	const model = draftInvoices(1, 2);
	return {
		other: (request) => {
			if (!request.path.startsWith('/v1/invoices/')) return null;
			const before = new Map(model.applied);
			const reply = model.handle({ ...request, query: request.query.toString(), headers: request.headers });
			const applied: number[] = [];
			for (const [line, times] of model.applied) {
				if (times === (before.get(line) ?? 0)) continue;
				const added = model.linesOf('in_0').find((candidate) => candidate.id === line);
				const n = /^il_0_(\d+)$/.exec(line)?.[1] ?? /fault-(\d+)/.exec(JSON.stringify(added ?? {}))?.[1];
				applied.push(Number(n));
			}
			return { status: reply.status, body: reply.body, applied };
		},
	};
};

const lineOf = '={{ "il_0_" + $json.n }}';

export const WRITES: WriteCase[] = [
	...provided('Toy', toyProvider, [
		{ case: 'Create', kind: 'create', safety: 'unsafe', endpoint: toy.createItem, standIn: TOY_SPEC, parameters: { resource: 'item', operation: 'create', invoice: 'inv-1', quantity: 2, updateFields: { description: MARKED } } },
		{ case: 'Update', kind: 'update', safety: 'idempotent', endpoint: toy.updateItem, standIn: TOY_SPEC, parameters: { resource: 'item', operation: 'update', invoice: 'inv-1', item: '={{ "it-" + $json.n }}', updateFields: { quantity: 5 } } },
		{ case: 'Delete', kind: 'delete', safety: 'idempotent', endpoint: toy.deleteItem, standIn: TOY_SPEC, parameters: { resource: 'item', operation: 'delete', invoice: 'inv-1', item: '={{ "it-" + $json.n }}' } },
	]),
	...provided('Rebilly', rebillyProvider, [
		{ case: 'Create', kind: 'create', safety: 'unsafe', endpoint: rebilly.createInvoiceItem, standIn: REBILLY_SPEC, parameters: { resource: 'invoiceItem', operation: 'create', invoiceId: 'in-1', type: 'debit', unitPrice: '10', updateFields: { description: MARKED } } },
		{ case: 'Update (Merge)', kind: 'update', safety: 'idempotent', endpoint: rebilly.updateInvoiceItem, standIn: REBILLY_SPEC, parameters: { resource: 'invoiceItem', operation: 'update', invoiceId: 'in-1', itemId: '={{ "ii-" + $json.n }}', updateFields: { unitPrice: '20' } } },
		{ case: 'Delete', kind: 'delete', safety: 'idempotent', endpoint: rebilly.deleteInvoiceItem, standIn: REBILLY_SPEC, parameters: { resource: 'invoiceItem', operation: 'delete', invoiceId: 'in-1', itemId: '={{ "ii-" + $json.n }}' } },
	]),
	...provided('Sequence', sequenceProvider, [
		{ case: 'Create', kind: 'create', safety: 'unsafe', endpoint: sequence.createInvoiceLineItem, standIn: SEQUENCE_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'create', invoice: SEQUENCE_INVOICE, ...SEQUENCE_REQUIRED, title: MARKED, updateFields: {} } },
		{ case: 'Update (Merge)', kind: 'update', safety: 'idempotent', endpoint: sequence.updateInvoiceLineItem, standIn: SEQUENCE_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: SEQUENCE_INVOICE, id: '={{ "af60cab3-812d-4250-a051-0fb7133a00c" + $json.n }}', updateFields: { rate: '20' } } },
		{ case: 'Delete', kind: 'delete', safety: 'idempotent', endpoint: sequence.deleteInvoiceLineItem, standIn: SEQUENCE_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'delete', invoice: SEQUENCE_INVOICE, id: '={{ "af60cab3-812d-4250-a051-0fb7133a00c" + $json.n }}' } },
	]),
	...provided('Spacebring', spacebringProvider, [
		{ case: 'Create', kind: 'create', safety: 'unsafe', endpoint: spacebring.createInvoiceItem, standIn: SPACEBRING_SPEC, parameters: { resource: 'invoiceItem', operation: 'create', quantity: 1, unitAmount: '10', updateFields: { title: MARKED, invoiceRef: SPACEBRING_INVOICE } } },
		{ case: 'Update', kind: 'update', safety: 'idempotent', endpoint: spacebring.updateInvoiceItem, standIn: SPACEBRING_SPEC, parameters: { resource: 'invoiceItem', operation: 'update', id: `={{ "00000000-0000-4000-8000-000000000" + (100 + $json.n) }}`, updateFields: { quantity: 3 } } },
		{ case: 'Delete', kind: 'delete', safety: 'idempotent', endpoint: spacebring.deleteInvoiceItem, standIn: SPACEBRING_SPEC, parameters: { resource: 'invoiceItem', operation: 'delete', id: `={{ "00000000-0000-4000-8000-000000000" + (100 + $json.n) }}` } },
	]),
	...provided('Stripe', stripeProvider, [
		{ case: 'Create invoice item', kind: 'create', safety: 'keyed', endpoint: stripeItems.createInvoiceItem, standIn: STRIPE_ITEMS_SPEC, parameters: { resource: 'invoiceItem', operation: 'create', updateFields: { customer: 'cus_1', amount: 100, currency: 'usd', description: MARKED } } },
		{ case: 'Update invoice item', kind: 'update', safety: 'keyed', endpoint: stripeItems.updateInvoiceItem, standIn: STRIPE_ITEMS_SPEC, parameters: { resource: 'invoiceItem', operation: 'update', invoiceitem: '={{ "ii_" + $json.n }}', updateFields: { quantity: 3 } } },
		{ case: 'Delete invoice item', kind: 'delete', safety: 'idempotent', endpoint: stripeItems.deleteInvoiceItem, standIn: STRIPE_ITEMS_SPEC, parameters: { resource: 'invoiceItem', operation: 'delete', invoiceitem: '={{ "ii_" + $json.n }}' } },
		{ case: 'Update line, one call each', kind: 'update', safety: 'keyed', endpoint: stripeLines.updateInvoiceLineItem, standIn: STRIPE_LINES_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: 'in_0', line_item_id: lineOf, updateFields: { quantity: 4 }, options: { bulk: false } } },
		{ case: 'Update lines in bulk (update_lines)', kind: 'update', safety: 'keyed', endpoint: stripeLines.updateInvoiceLineItem, standIn: STRIPE_LINES_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'update', invoice: 'in_0', line_item_id: lineOf, updateFields: { quantity: 4 } } },
		{ case: 'Add lines in bulk (add_lines)', kind: 'create', safety: 'keyed', endpoint: stripeLines.addInvoiceLineItem, standIn: STRIPE_LINES_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'add', invoice: 'in_0', updateFields: { description: MARKED, amount: 100 } } },
		{ case: 'Remove lines in bulk (remove_lines)', kind: 'delete', safety: 'keyed', endpoint: stripeLines.removeInvoiceLineItem, standIn: STRIPE_LINES_SPEC, parameters: { resource: 'invoiceLineItem', operation: 'remove', invoice: 'in_0', id: lineOf, behavior: 'delete' } },
	]),
];
