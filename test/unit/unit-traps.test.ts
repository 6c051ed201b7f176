/**
 * Fields where a person can mistake the unit (cents or major units, percent or fraction) say their
 * unit under the field (n8n's hint), wherever the field appears. The values a mistaken unit gives are
 * refused where that is possible without refusing legitimate ones (see the bad-input tests).
 */
import { PACKAGE_NODES } from '../harness/nodes';
import { allProperties } from '../harness/properties';

const CENTS = /^In the smallest currency unit, e\.g\. cents: 12\.50 EUR is 1250/;
const MAJOR = /^In the invoice currency, not cents: /;

const TRAPS: Record<string, Record<string, RegExp>> = {
	'Stripe Invoicing': {
		amount: CENTS,
		unit_amount: CENTS,
		unit_amount_decimal: CENTS,
		taxable_amount: CENTS,
		percentage: /^In percent, out of 100: 20 means 20 %, not 0\.2$/,
	},
	Rebilly: { unitPrice: MAJOR },
	'Sequence Billing': { rate: MAJOR, taxRate: /^A fraction: 0\.2 means 20 %$/ },
	Spacebring: { unitAmount: MAJOR },
};

describe.each(PACKAGE_NODES)('%s', (name, { node }) => {
	const traps = TRAPS[name];
	const properties = allProperties(node.description.properties);

	test.each(Object.entries(traps))('%s says its unit under the field, wherever it appears', (field, hint) => {
		const found = properties.filter(([, property]) => property.name === field);
		expect(found.length).toBeGreaterThan(0);
		for (const [path, property] of found) expect([path, property.hint]).toEqual([path, expect.stringMatching(hint)]);
	});
});
