/** The n8n properties of a node, walked the way the editor nests them. */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** Every property of a node, inside collections and fixed collections too, with its path. */
export function allProperties(properties: INodeProperties[], path = ''): Array<[string, INodeProperties]> {
	return properties.flatMap((property) => {
		const here = `${path}${property.name}`;
		const children = (property.options ?? []).flatMap((option) => {
			if ('values' in option) return allProperties((option as INodePropertyCollection).values, `${here}.${option.name}.`);
			if ('type' in option) return allProperties([option as INodeProperties], `${here}.`);
			return [];
		});
		return [[here, property] as [string, INodeProperties], ...children];
	});
}

/** A property the regular node shows: not one only its Tool variant has (the tool description, `@tool`). */
export const onTheNode = (property: INodeProperties) => !property.displayOptions?.show?.['@tool'];
