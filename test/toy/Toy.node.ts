import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { defineNode } from '../../nodes/shared/node';
import { createItem, deleteItem, getItem, getManyItems, renameItem, replaceItem, updateItem } from './endpoints/item';
import { toy } from './provider';

const node = defineNode(toy, [{ name: 'Item', value: 'item', endpoints: [updateItem, replaceItem, renameItem, getItem, getManyItems, createItem, deleteItem] }]);

export class Toy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Toy',
		name: 'toy',
		icon: 'fa:cube',
		subtitle: node.subtitle,
		description: 'Update and read items of a toy billing API',
		defaults: { name: 'Toy' },
		usableAsTool: true,
		...node.description,
	};

	methods = node.methods;
	execute = node.execute;
}
