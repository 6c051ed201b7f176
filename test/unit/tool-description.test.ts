/**
 * What an AI agent reads about each operation of each node used as a tool. n8n sends the Tool
 * variant's `toolDescription` parameter as the tool's description (n8n-workflow's
 * getToolDescriptionForNode, fed the node's parameters with their defaults as a run resolves them);
 * without the node's own it would send only "<action> in <node>". Each operation's text must name
 * the ids it needs, the unit of every field whose unit can be mistaken (the hints under the fields),
 * and, for an update, that only a draft can change.
 */
import { NodeHelpers, type INode, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_NODES } from '../harness/nodes';
import { allProperties, onTheNode } from '../harness/properties';

/** The Tool variant as n8n derives it from a `usableAsTool` node (its name ends in Tool: `@tool` is true). */
const toolVariant = (description: INodeTypeDescription): INodeTypeDescription => ({
	...description,
	name: `${description.name}Tool`,
	displayName: `${description.displayName} Tool`,
});

/** What n8n sends as the description of a tool node with these parameters, defaults filled as in a run. */
function sentDescription(description: INodeTypeDescription, parameters: Record<string, string>): string {
	const node: INode = { id: 'tool', name: 'Tool', type: description.name, typeVersion: 1, position: [0, 0], parameters };
	const resolved = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	return NodeHelpers.getToolDescriptionForNode({ ...node, parameters: resolved }, { description } as never);
}

/** The properties a person sees for one operation of the regular node, nested ones too. */
const shownFor = (properties: INodeProperties[], resource: string, operation: string) =>
	allProperties(
		properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes(resource) &&
				property.displayOptions?.show?.operation?.includes(operation) &&
				onTheNode(property),
		),
	).map(([, property]) => property);

/** Pickers that only narrow another list ("Only narrows the list of …"): not sent, not asked of an agent. */
const isScope = (property: INodeProperties) => property.hint?.startsWith('Only narrows') ?? false;

const operations = PACKAGE_NODES.flatMap(([name, { node }]) =>
	node.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string }>).map(
				({ value }) => [name, String(property.displayOptions!.show!.resource![0]), value, node.description] as const,
			),
		),
);

test('every operation of every node is covered', () => {
	expect(operations.length).toBeGreaterThanOrEqual(22);
});

describe.each(operations)('%s %s %s', (_name, resource, operation, description) => {
	const tool = toolVariant(description);
	const sent = sentDescription(tool, { resource, operation });
	const shown = shownFor(description.properties, resource, operation);

	test("n8n sends the node's own text, not its generic one", () => {
		expect(sent.split('\n').length).toBeGreaterThanOrEqual(2);
		expect(sent).not.toMatch(/ in (Stripe Invoicing|Rebilly|Sequence Billing|Spacebring)$/);
		expect(sent.split('\n')[0]).toMatch(/^[A-Z].* in (Stripe|Rebilly|Sequence|Spacebring)\b/);
	});

	test('it names every id the operation needs, with an example', () => {
		const ids = shown.filter((property) => property.type === 'resourceLocator' && !isScope(property));
		for (const id of ids) expect(sent).toMatch(new RegExp(`Needs ${id.displayName} \\(e\\.g\\. \\S+\\): `));
		expect(sent.match(/^Needs /gm)?.length ?? 0).toBe(ids.length);
	});

	test('it gives the unit of every field whose unit can be mistaken', () => {
		const hints = shown.filter((property) => property.hint && !isScope(property) && property.type !== 'resourceLocator');
		for (const field of hints) expect(sent).toContain(`${field.displayName}: ${field.hint}`);
	});

	test('a read says it changes nothing; an update says only a draft can change and which fields it changes', () => {
		if (/^get/.test(operation)) expect(sent).toContain('Reads only; changes nothing.');
		if (operation === 'update') {
			expect(sent).toMatch(/draft/);
			expect(sent).toMatch(/^Changes only the fields given/m);
		}
	});

	test('the regular node has no tool description', () => {
		const node: INode = {
			id: 'n',
			name: 'N',
			type: description.name,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource, operation },
		};
		const resolved = NodeHelpers.getNodeParameters(description.properties, { resource, operation }, true, false, node, description) ?? {};
		expect(resolved).not.toHaveProperty('toolDescription');
	});
});
