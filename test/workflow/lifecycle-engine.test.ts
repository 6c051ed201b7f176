/**
 * The engine's lifecycle pieces over the toy provider, with no provider of ours involved: a create
 * body (required fields at the top, the rest in Additional Fields, nothing to clear), a body sent as
 * the one entry of a list with some fields beside it (`listEntry`), an answer without a body
 * (`answersEmpty`) and a 404 in the endpoint's own words (`notFound`). Runs in n8n-core.
 */
import type { INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import type { Endpoint } from '../../nodes/shared/descriptor';
import { defineNode } from '../../nodes/shared/node';
import { runNode } from '../harness/n8n';
import { onTheNode } from '../harness/properties';
import type { Recorder } from '../harness/recorder';
import { recordingFor } from '../harness/recording';
import { ToyApi } from '../toy/ToyApi.credentials';
import { updateItem } from '../toy/endpoints/item';
import { toy } from '../toy/provider';

const [invoice, item] = updateItem.pathIds;

const addLine: Endpoint = {
	operation: 'add',
	name: 'Add',
	action: 'add line',
	method: 'POST',
	path: '/invoices/{invoice}/add',
	pathIds: [invoice],
	body: {
		creates: true,
		listEntry: { key: 'lines', outside: ['note'] },
		fields: [
			{ name: 'quantity', label: 'Quantity', type: 'integer', minimum: 1, required: true },
			{ name: 'description', label: 'Description', type: 'string', clear: 'Description' },
			{ name: 'note', label: 'Invoice Note', type: 'string' },
		],
	},
};

const removeLine: Endpoint = {
	operation: 'remove',
	name: 'Remove',
	action: 'remove line',
	method: 'DELETE',
	path: '/invoices/{invoice}/items/{item}',
	pathIds: [invoice, item],
	answersEmpty: { deleted: true },
	notFound: 'The item is already gone: nothing was deleted.',
};

const node = defineNode(toy, [{ name: 'Item', value: 'item', endpoints: [addLine, removeLine] }]);

class ToyLifecycle implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Toy Lifecycle',
		name: 'toyLifecycle',
		icon: 'fa:cube',
		subtitle: node.subtitle,
		description: 'Add and remove lines of a toy billing API',
		defaults: { name: 'Toy Lifecycle' },
		usableAsTool: true,
		...node.description,
	};

	methods = node.methods;
	execute = node.execute;
}

const recording = recordingFor((request) =>
	request.path.endsWith('/gone') ? { status: 404, body: { error: 'no such item' } } : request.method === 'DELETE' ? { status: 204 } : { body: { id: 'inv-1', lines: [] } },
);
let recorder: Recorder;
beforeEach(() => {
	recorder = recording();
});

const run = (parameters: INodeParameters, items?: Array<Record<string, string>>) =>
	runNode({
		node: new ToyLifecycle(),
		credentialTypes: [new ToyApi()],
		credentials: { toyApi: { apiKey: 'toy_key_lifecycle_0000', baseUrl: recorder.url } },
		parameters: { resource: 'item', ...parameters },
		items,
		continueOnFail: true,
	});

test('a create body: the required field at the top, the others in Additional Fields, no Clear Fields', () => {
	const shown = new ToyLifecycle().description.properties.filter(
		(property) => property.displayOptions?.show?.operation?.includes('add') && onTheNode(property),
	);
	expect(shown.map((property) => [property.name, property.displayName])).toEqual([
		['invoice', 'Invoice ID'],
		['quantity', 'Quantity'],
		['updateFields', 'Additional Fields'],
		['options', 'Options'],
	]);
	const additional = shown.find((property) => property.name === 'updateFields')!.options as INodeProperties[];
	expect(additional.map((option) => option.name)).toEqual(['description', 'note']);
});

test('listEntry: the fields go as the one entry of `lines`, the outside one beside it', async () => {
	const result = await run({ operation: 'add', invoice: 'inv-1', quantity: '2', updateFields: { description: 'Seat', note: 'March' } });
	expect(result.error).toBeUndefined();
	expect(recorder.requests.map((request) => [request.method, request.path, JSON.parse(request.body)])).toEqual([
		['POST', '/invoices/inv-1/add', { lines: [{ quantity: 2, description: 'Seat' }], note: 'March' }],
	]);
	expect(result.output).toEqual([{ json: { id: 'inv-1', lines: [] }, pairedItem: { item: 0 } }]);
});

test('answersEmpty and notFound: a 204 outputs the ids; a 404 says the endpoint’s words, the provider’s stay in the description', async () => {
	const result = await run({ operation: 'remove', invoice: 'inv-1', item: '={{ $json.id }}' }, [{ id: 'gone' }, { id: 'it-2' }]);
	expect(result.error).toBeUndefined();
	expect(result.output).toEqual([
		{
			json: expect.objectContaining({ error: 'The item is already gone: nothing was deleted.', description: 'no such item', httpCode: '404' }),
			pairedItem: { item: 0 },
		},
		{ json: { invoice: 'inv-1', item: 'it-2', deleted: true }, pairedItem: { item: 1 } },
	]);
	expect(recorder.requests.map((request) => [request.method, request.path, request.body])).toEqual(
		expect.arrayContaining([
			['DELETE', '/invoices/inv-1/items/gone', ''],
			['DELETE', '/invoices/inv-1/items/it-2', ''],
		]),
	);
});
