/**
 * No field of any node starts at 0: a quantity or price the user added and forgot would be sent as 0
 * (a zero price, a zero quantity). Only a setting that is never sent may start at 0, and only where 0
 * means "as documented" (Requests per Second: the provider's limit).
 */
import { PACKAGE_NODES } from '../harness/nodes';
import { allProperties } from '../harness/properties';

const ZERO_MEANS_DOCUMENTED = new Set(['requestsPerSecond']);

describe.each(PACKAGE_NODES)('%s', (_name, { node }) => {
	const properties = allProperties(node.description.properties);

	test('no field starts at 0', () => {
		const zero = properties.filter(([, property]) => property.default === 0 && !ZERO_MEANS_DOCUMENTED.has(property.name));
		expect(zero.map(([path]) => path)).toEqual([]);
	});

	test('number fields start empty, and the walk reaches them', () => {
		const numeric = properties.filter(
			([, property]) => /quantity|amount|price|rate/i.test(property.name) && (property.type === 'string' || property.type === 'number'),
		);
		expect(numeric.length).toBeGreaterThan(0);
		for (const [path, property] of numeric) expect([path, property.default]).toEqual([path, '']);
	});
});
