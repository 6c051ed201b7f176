import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint, Field } from './descriptor';
import { UI } from './input';

/** A resource of a node (e.g. "Invoice Item") and the endpoints that act on it. */
export interface ResourceGroup {
	name: string;
	value: string;
	endpoints: Endpoint[];
}

/** Options for an API enum, labelled in words: `sales_tax` → "Sales Tax". */
export const enumOptions = (values: string[]) =>
	values.map((value) => ({
		name: value.replace(/[_-]+/g, ' ').replace(/\b\w/g, (letter) => letter.toUpperCase()),
		value,
	}));

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

const helpText = (field: Field) => field.description ?? undefined;

/** One field as an n8n parameter (optional children of objects gather in their own collection). */
export function fieldProperty(field: Field): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.name,
		description: helpText(field),
		placeholder: field.placeholder,
		required: field.required || undefined,
	};
	switch (field.type) {
		case 'string':
		case 'decimal':
			return { ...base, type: 'string', default: '' };
		case 'currency':
			return { ...base, type: 'string', default: '', placeholder: field.placeholder ?? 'usd' };
		case 'integer':
			return {
				...base,
				type: 'number',
				default: field.minimum !== undefined && field.minimum > 0 ? field.minimum : 0,
				typeOptions: { numberPrecision: 0, minValue: field.minimum, maxValue: field.maximum },
			};
		case 'number':
			return {
				...base,
				type: 'number',
				default: 0,
				typeOptions: { minValue: field.minimum, maxValue: field.maximum },
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'options':
			return { ...base, type: 'options', options: field.options, default: field.options[0].value };
		case 'timestamp':
			return { ...base, type: 'dateTime', default: '' };
		case 'stringList':
			return {
				...base,
				type: 'string',
				default: [],
				typeOptions: { multipleValues: true, multipleValueButtonText: field.addLabel ?? 'Add' },
			};
		case 'keyValue':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				placeholder: `Add ${field.label} Entry`,
				typeOptions: { multipleValues: true },
				options: [
					{
						name: UI.pairs,
						displayName: 'Entry',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			};
		case 'object':
		case 'objectList':
			return {
				...base,
				type: 'fixedCollection',
				default: {},
				placeholder: `Add ${field.type === 'object' ? field.label : field.itemName}`,
				typeOptions: field.type === 'objectList' ? { multipleValues: true } : undefined,
				options: [
					{
						name: UI.objectGroup,
						displayName: field.type === 'object' ? field.label : field.itemName,
						values: objectValues(field.fields),
					},
				],
			};
	}
}

/** Required children shown directly, optional ones in an "Additional Fields" collection. */
function objectValues(fields: Field[]): INodeProperties[] {
	const required = fields.filter((field) => field.required).map(fieldProperty);
	const optional = fields.filter((field) => !field.required).map(fieldProperty).sort(byDisplayName);
	if (optional.length === 0) return required;
	return [
		...required,
		{
			displayName: 'Additional Fields',
			name: UI.optionalFields,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: optional,
		},
	];
}

function clearProperties(fields: Field[]): INodeProperties[] {
	const options: INodeProperties[] = [];
	for (const field of fields) {
		if (field.clear) {
			options.push({
				displayName: field.clear,
				name: field.name,
				type: 'boolean',
				default: true,
				description: `Whether to remove all current ${field.label.toLowerCase()}`,
			});
		}
		if (field.type === 'keyValue' && field.removableKeys) {
			options.push({
				displayName: `${field.label} Keys to Remove`,
				name: `${field.name}${UI.removeKeysSuffix}`,
				type: 'string',
				default: [],
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Key' },
				description: `Keys of ${field.label.toLowerCase()} to remove; other keys stay as they are`,
			});
		}
	}
	return options.sort(byDisplayName);
}

/** The parameters of one endpoint, shown only for its resource and operation. */
export function endpointProperties(resource: string, endpoint: Endpoint): INodeProperties[] {
	const displayOptions = { show: { resource: [resource], operation: [endpoint.operation] } };
	const properties: INodeProperties[] = endpoint.pathIds.map((pathId) => ({
		displayName: pathId.label,
		name: pathId.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: pathId.placeholder,
		description: pathId.description,
		displayOptions,
	}));

	const bodyFields = (endpoint.body?.fields ?? []).filter((field) => !field.clearOnly);
	const clearable = endpoint.body?.fields ?? [];
	for (const field of bodyFields.filter((candidate) => candidate.required)) {
		properties.push({ ...fieldProperty(field), displayOptions });
	}
	const updateFields = bodyFields.filter((field) => !field.required && field.section !== 'options');
	if (updateFields.length) {
		properties.push({
			displayName: 'Update Fields',
			name: UI.updateFields,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: updateFields.map(fieldProperty).sort(byDisplayName),
		});
	}
	const clears = clearProperties(clearable);
	if (clears.length) {
		properties.push({
			displayName: 'Clear Fields',
			name: UI.clearFields,
			type: 'collection',
			placeholder: 'Add Field to Clear',
			default: {},
			description: 'Values to remove from the object. Only what you add here is cleared.',
			displayOptions,
			options: clears,
		});
	}
	if (endpoint.paging) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions,
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1 },
				description: 'Max number of results to return',
				displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
			},
		);
	}
	const optionFields = [
		...(endpoint.query ?? []),
		...bodyFields.filter((field) => !field.required && field.section === 'options'),
	];
	if (optionFields.length) {
		properties.push({
			displayName: 'Options',
			name: UI.options,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions,
			options: optionFields.map(fieldProperty).sort(byDisplayName),
		});
	}
	return properties;
}

/** Resource and operation pickers, then every endpoint's parameters. */
export function resourceProperties(groups: ResourceGroup[]): INodeProperties[] {
	// The defaults below are the first resource and operation the descriptors list.
	const properties: INodeProperties[] = [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: groups.map((group) => ({ name: group.name, value: group.value })),
			default: groups[0].value,
		},
	];
	for (const group of groups) {
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [group.value] } },
			options: group.endpoints.map((endpoint) => ({
				name: endpoint.name,
				value: endpoint.operation,
				action: endpoint.action,
				description: endpoint.description ?? endpoint.action,
			})),
			default: group.endpoints[0].operation,
		});
	}
	for (const group of groups) {
		for (const endpoint of group.endpoints) properties.push(...endpointProperties(group.value, endpoint));
	}
	return properties;
}
