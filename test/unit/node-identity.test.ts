/**
 * How a user finds and tells apart the four nodes in n8n's editor: the node panel's search reads the
 * codex aliases, a node added from an action is named after that action, and the canvas shows the
 * subtitle (evaluated here as n8n's editor evaluates it) and the icon.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Workflow, type INode, type INodePropertyOptions, type INodeTypes } from 'n8n-workflow';

import { PACKAGE_NODES } from '../harness/nodes';

const NODES_DIR = join(__dirname, '..', '..', 'nodes');
const SEARCHES = ['invoice', 'invoice item', 'line item', 'billing'];

/** The operations a node offers: [resource, operation option]. */
function operationsOf(description: PackageNodeDescription) {
	return description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map(
				(option) => [(property.displayOptions?.show?.resource as string[])[0], option] as const,
			),
		);
}
type PackageNodeDescription = (typeof PACKAGE_NODES)[number][1]['node']['description'];

/** The subtitle n8n's editor shows under a node with these parameters. */
function subtitleOf(description: PackageNodeDescription, parameters: INode['parameters']): unknown {
	const node: INode = { id: '1', name: 'Node', type: description.name, typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes = { getByName: () => ({ description }), getByNameAndVersion: () => ({ description }) } as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

const svgFile = (folder: string, icon: string) => join(NODES_DIR, folder, icon.replace(/^file:/, ''));

describe.each(PACKAGE_NODES)('%s', (displayName, { node, folder, provider }) => {
	const { description } = node;
	const codex = JSON.parse(
		readFileSync(join(NODES_DIR, folder, `${description.name[0].toUpperCase()}${description.name.slice(1)}.node.json`), 'utf8'),
	) as { node: string; categories: string[]; alias: string[] };

	test(`the node panel finds it by ${SEARCHES.map((search) => `"${search}"`).join(', ')} and its provider's name`, () => {
		expect(codex.node).toBe(`n8n-nodes-invoice-items.${description.name}`);
		expect(codex.categories).toEqual(['Finance & Accounting']);
		for (const search of [...SEARCHES, provider.name]) expect(codex.alias).toContain(search);
	});

	test('a node added from an action is named "<provider>: <action>", and its subtitle says the same', () => {
		for (const [resource, option] of operationsOf(description)) {
			expect(option.action).toMatch(new RegExp(`^${provider.name}: [a-z][a-z ]+$`));
			expect(subtitleOf(description, { resource, operation: option.value })).toBe(option.action);
		}
	});

	test('light and dark icons are SVGs of their own', () => {
		const icon = description.icon as { light: string; dark: string };
		const light = readFileSync(svgFile(folder, icon.light), 'utf8');
		const dark = readFileSync(svgFile(folder, icon.dark), 'utf8');
		for (const svg of [light, dark]) expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* viewBox="0 0 60 60"/);
		expect(dark).not.toBe(light);
		expect(displayName).toBe(description.displayName);
	});
});

test('no two nodes share an icon or an action title', () => {
	const icons = PACKAGE_NODES.map(([, { node, folder }]) => {
		const icon = node.description.icon as { light: string };
		return createHash('sha256').update(readFileSync(svgFile(folder, icon.light))).digest('hex');
	});
	expect(new Set(icons).size).toBe(PACKAGE_NODES.length);
	const titles = PACKAGE_NODES.flatMap(([, { node }]) => operationsOf(node.description).map(([, option]) => option.action));
	expect(new Set(titles).size).toBe(titles.length);
});
