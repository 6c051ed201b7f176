/**
 * Fields where a person can mistake the unit (cents or major units, percent or fraction) say their
 * unit under the field (n8n's hint), wherever the field appears. The values a mistaken unit gives are
 * refused where that is possible without refusing legitimate ones (see the bad-input tests).
 */
import type { INodeType } from 'n8n-workflow';

import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import { allProperties } from '../harness/properties';

const CENTS = /^In the smallest currency unit, e\.g\. cents: 12\.50 EUR is 1250/;
const MAJOR = /^In the invoice currency, not cents: /;

describe.each<[string, INodeType, Record<string, RegExp>]>([
	[
		'Stripe Invoicing',
		new StripeInvoicing(),
		{ amount: CENTS, unit_amount: CENTS, unit_amount_decimal: CENTS, taxable_amount: CENTS, percentage: /^In percent, out of 100: 20 means 20 %, not 0\.2$/ },
	],
	['Rebilly', new Rebilly(), { unitPrice: MAJOR }],
	['Sequence Billing', new SequenceBilling(), { rate: MAJOR, taxRate: /^A fraction: 0\.2 means 20 %$/ }],
	['Spacebring', new Spacebring(), { unitAmount: MAJOR }],
])('%s', (_name, node, traps) => {
	const properties = allProperties(node.description.properties);

	test.each(Object.entries(traps))('%s says its unit under the field, wherever it appears', (name, hint) => {
		const found = properties.filter(([, property]) => property.name === name);
		expect(found.length).toBeGreaterThan(0);
		for (const [path, property] of found) expect([path, property.hint]).toEqual([path, expect.stringMatching(hint)]);
	});
});
