/**
 * What a person sees in n8n's editor, for every node: pickers that only narrow a list say so under
 * themselves and are not marked required; Replace mode marks the values the API requires as n8n
 * marks required values, without choosing one for the user; a field picked from a list has one name
 * wherever it appears.
 */
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { updateInvoiceItem as rebillyUpdate } from '../../nodes/Rebilly/endpoints/invoiceItem';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { updateInvoiceLineItem as sequenceUpdate } from '../../nodes/Sequence/endpoints/invoiceLineItem';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import type { Endpoint } from '../../nodes/shared/descriptor';

const NODES: Array<[string, INodeType]> = [
	['Stripe Invoicing', new StripeInvoicing()],
	['Rebilly', new Rebilly()],
	['Sequence Billing', new SequenceBilling()],
	['Spacebring', new Spacebring()],
];

const shownFor = (properties: INodeProperties[], operation: string) =>
	properties.filter((property) => property.displayOptions?.show?.operation?.includes(operation));

/** Pickers whose list depends on another parameter that is not in the path: they only narrow it. */
function filterPickers(node: INodeType) {
	return node.description.properties.filter(
		(property) => property.type === 'resourceLocator' && !property.required && property.displayOptions?.show?.operation,
	);
}

describe.each(NODES)('%s', (_name, node) => {
	test('a picker that only narrows a list says so under itself, and is not marked required', () => {
		for (const picker of filterPickers(node)) {
			expect([picker.displayName, picker.hint]).toEqual([picker.displayName, expect.stringMatching(/^Only narrows the list of .+ below; not sent$/)]);
			expect(picker.required).toBeUndefined();
		}
		const locators = node.description.properties.filter((property) => property.type === 'resourceLocator');
		for (const locator of locators.filter((property) => property.required)) expect(locator.hint).toBeUndefined();
	});

	test('a field picked from a list has the same name under Update Fields and under Clear Fields', () => {
		for (const clear of node.description.properties.filter((property) => property.name === 'clearFields')) {
			const operation = clear.displayOptions!.show!.operation![0] as string;
			const shown = shownFor(node.description.properties, operation);
			const settable = shown.flatMap((property) => (property.type === 'collection' ? (property.options as INodeProperties[]) : [property]));
			for (const option of clear.options as INodeProperties[]) {
				const field = settable.find((candidate) => candidate.name === option.name && candidate.type !== 'boolean');
				// A clear of its own wording ("All Tax Rates") is fine; an "… ID" that differs is not.
				if (field?.typeOptions?.loadOptionsMethod && /\bIDs?\b/.test(option.displayName)) {
					expect(option.displayName).toBe(field.displayName);
				}
			}
		}
	});
});

test('the filter pickers of Stripe and Spacebring are found, so the checks above ran', () => {
	expect([...new Set(filterPickers(new StripeInvoicing()).map((picker) => picker.displayName))].sort()).toEqual([
		'Pick Items of Invoice',
		'Pick Pending Items of Customer',
	]);
	expect([...new Set(filterPickers(new Spacebring()).map((picker) => picker.displayName))]).toEqual(['Pick Items of Invoice']);
});

test('Rebilly Product: "Product Name or ID" in Add Field and in Clear Fields', () => {
	const properties = new Rebilly().description.properties;
	const clear = properties.find((property) => property.name === 'clearFields')!;
	expect((clear.options as INodeProperties[]).find((option) => option.name === 'productId')?.displayName).toBe('Product Name or ID');
});

describe.each<[string, INodeType, Endpoint]>([
	['Rebilly', new Rebilly(), rebillyUpdate],
	['Sequence Billing', new SequenceBilling(), sequenceUpdate],
])('%s Replace mode', (_name, node, endpoint) => {
	const replace = node.description.properties.filter((property) => property.displayOptions?.show?.updateMode?.includes('replace'));
	const required = endpoint.body!.fields.filter((field) => field.required).map((field) => field.name);

	test('every value the API requires is a top-level parameter marked required', () => {
		expect(required.length).toBeGreaterThan(0);
		for (const name of required) expect([name, replace.find((property) => property.name === name)?.required]).toEqual([name, true]);
	});

	test('a required value starts empty: n8n shows it as missing until it is given', () => {
		const parameters = { resource: replace[0].displayOptions!.show!.resource![0], operation: 'update', updateMode: 'replace' };
		const issues = replace
			.filter((property) => required.includes(property.name) && property.type !== 'fixedCollection')
			.map((property) => [property.name, NodeHelpers.getParameterIssues(property, parameters, '', { parameters } as never, node.description).parameters?.[property.name]]);
		expect(issues.length).toBeGreaterThan(0);
		for (const [name, found] of issues) expect([name, found]).toEqual([name, [expect.stringMatching(/is required/)]]);
	});
});

test('Sequence: one Service Period, as dates; its date-time shape is not asked for', () => {
	const properties = new SequenceBilling().description.properties.filter((property) =>
		property.displayOptions?.show?.operation?.includes('update'),
	);
	const names = (property: INodeProperties) => ((property.options ?? []) as INodeProperties[]).map((option) => option.displayName);
	const fields = properties.filter((property) => property.name === 'updateFields' || property.name === 'clearFields').flatMap(names);
	expect(fields.filter((label) => /service period/i.test(label))).toEqual(['Service Period', 'Service Period', 'Service Period']);
	const period = properties.find((property) => property.name === 'updateFields')!.options as INodeProperties[];
	const dates = period.find((option) => option.name === 'servicePeriod')!;
	expect(JSON.stringify(dates.options)).toContain('"startDate"');
	expect(JSON.stringify(dates.options)).toContain('"endDate"');
});

test('Sequence Create: Service Period once, as dates, in Additional Fields; nothing to clear', () => {
	const properties = new SequenceBilling().description.properties.filter((property) =>
		property.displayOptions?.show?.operation?.includes('create'),
	);
	const additional = properties.find((property) => property.name === 'updateFields')!;
	expect(additional.displayName).toBe('Additional Fields');
	const labels = (additional.options as INodeProperties[]).map((option) => option.displayName);
	expect(labels.filter((label) => /service period/i.test(label))).toEqual(['Service Period']);
	expect(properties.some((property) => property.name === 'clearFields')).toBe(false);
});

test('Spacebring: Product Title is one field of Add Field', () => {
	const update = new Spacebring().description.properties.find((property) => property.name === 'updateFields')!;
	const title = (update.options as INodeProperties[]).find((option) => option.displayName === 'Product Title');
	expect(title).toMatchObject({ name: 'title', type: 'string' });
});
