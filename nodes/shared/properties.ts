import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint, Field, PathId, Provider } from './descriptor';
import {
	ENGINE_PARAMETERS,
	READ_BACK_OPTION,
	batchOptions,
	deduplicationKeyOption,
	takesDeduplicationKey,
	TRANSPORT_OPTIONS,
	checkNoClash,
	pagingProperties,
	updateModeProperty,
} from './engineParameters';
import { UI } from './input';
import { locatorProperty } from './locator';
import { toolDescriptionProperty } from './toolDescription';

/** A resource of a node (e.g. "Line Item") and the endpoints that act on it. */
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

/** n8n's own wording for a list that an expression can replace. */
const PICK_OR_EXPRESSION =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

const helpText = (field: Field) => field.description ?? undefined;

/** n8n's wording for a field whose value is picked from a list: "Product Name or ID", "Tax Rate Names or IDs". */
const pickedLabel = (field: Field, label: string) =>
	(field.type === 'string' || field.type === 'stringList') && field.from
		? label.replace(/ ID(s?)$/, (_match, plural: string) => ` Name${plural} or ID${plural}`)
		: label;

/** One field as an n8n parameter (optional children of objects gather in their own collection). */
export function fieldProperty(field: Field): INodeProperties {
	const base = {
		displayName: pickedLabel(field, field.label),
		name: field.name,
		description: helpText(field),
		hint: field.hint,
		placeholder: field.placeholder,
		required: field.required || undefined,
	};
	if ((field.type === 'string' || field.type === 'stringList') && field.from) {
		return {
			...base,
			type: field.type === 'string' ? 'options' : 'multiOptions',
			default: field.type === 'string' ? '' : [],
			typeOptions: {
				loadOptionsMethod: field.from.method,
				...(field.from.within?.length ? { loadOptionsDependsOn: field.from.within.map((pathId) => pathId.name) } : {}),
			},
			description: `${field.description ? `${field.description}. ` : ''}${PICK_OR_EXPRESSION}`,
		};
	}
	switch (field.type) {
		case 'string':
		case 'decimal':
			return { ...base, type: 'string', default: '' };
		case 'currency':
			return { ...base, type: 'string', default: '', placeholder: field.placeholder ?? 'usd' };
		// Numbers start empty, as text (checked as numbers): an n8n number field starts at 0, and a
		// quantity or price the user forgot would then be sent as 0.
		case 'integer':
		case 'number':
			return { ...base, type: 'string', default: '', placeholder: field.placeholder ?? (field.type === 'integer' ? '1' : '12.5') };
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'options':
			// A required choice starts empty, so n8n marks it until one is made (no choice is made for the user).
			return { ...base, type: 'options', options: field.options, default: field.required ? '' : field.options[0].value };
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
		case 'object':
		case 'objectList':
			return { ...base, ...containerProperty(field) };
	}
}

/** A key/value map or an object (list) as a fixedCollection. */
function containerProperty(field: Extract<Field, { type: 'keyValue' | 'object' | 'objectList' }>) {
	if (field.type === 'keyValue') {
		return {
			type: 'fixedCollection' as const,
			default: {},
			placeholder: `Add ${field.label} Entry`,
			typeOptions: { multipleValues: true },
			options: [
				{
					name: UI.pairs,
					displayName: 'Entry',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string' as const, default: '' },
						{ displayName: 'Value', name: 'value', type: 'string' as const, default: '' },
					],
				},
			],
		};
	}
	return {
		type: 'fixedCollection' as const,
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
				displayName: pickedLabel(field, field.clear),
				name: field.name,
				type: 'boolean',
				default: true,
				description: `Whether to clear ${field.label}`,
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

type DisplayOptions = INodeProperties['displayOptions'];
type Show = Record<string, string[]>;

const collection = (
	name: string,
	displayName: string,
	placeholder: string,
	options: INodeProperties[],
	displayOptions: DisplayOptions,
): INodeProperties => ({ displayName, name, type: 'collection', placeholder, default: {}, displayOptions, options });

/** A path id: a picker when the API has a list of them, a text field otherwise. */
function idProperty(pathId: PathId): INodeProperties {
	if (pathId.list || pathId.url) return locatorProperty(pathId, true);
	return {
		displayName: pathId.label,
		name: pathId.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: pathId.placeholder,
		description: pathId.description,
	};
}

/** The ids a path id's list depends on that are not path ids themselves, nor shown already. */
const scopeIds = (pathId: PathId, pathIds: PathId[], shown: INodeProperties[]) =>
	(pathId.list?.within ?? []).filter(
		(scope) => !pathIds.some((other) => other.name === scope.name) && !shown.some((property) => property.name === scope.name),
	);

/** The endpoint's ids, each after the ids that only narrow its list (e.g. the parent whose items to pick from). */
function idProperties(endpoint: Endpoint, displayOptions: DisplayOptions): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const pathId of endpoint.pathIds) {
		for (const scope of scopeIds(pathId, endpoint.pathIds, properties)) {
			properties.push({
				...locatorProperty(scope, false),
				hint: `Only narrows the list of ${pathId.label} below; not sent`,
				displayOptions,
			});
		}
		properties.push({ ...idProperty(pathId), displayOptions });
	}
	return properties;
}

/**
 * The body's fields: required ones at the top, optional ones in Update Fields, clears in Clear Fields.
 * A write that replaces the whole object asks for the required fields only in Replace mode; in Merge
 * mode every field is optional, since the current item supplies what is not set.
 */
function bodyProperties(endpoint: Endpoint, show: Show): INodeProperties[] {
	const displayOptions = { show };
	// A field the API takes twice (sameAs) is written from its other shape, never asked for.
	const allFields = (endpoint.body?.fields ?? []).filter((field) => !field.sameAs);
	const bodyFields = allFields.filter((field) => !field.clearOnly);
	const updatable = bodyFields.filter((field) => field.section !== 'options');
	const replaceOnly = endpoint.body?.replaces ? { show: { ...show, [ENGINE_PARAMETERS.updateMode]: ['replace'] } } : displayOptions;
	const properties: INodeProperties[] = [];
	if (endpoint.body?.replaces) {
		const mergeFields = updatable.map((field) => fieldProperty({ ...field, required: false } as Field));
		properties.push(
			updateModeProperty(displayOptions),
			collection(UI.updateFields, 'Update Fields', 'Add Field', mergeFields.sort(byDisplayName), {
				show: { ...show, [ENGINE_PARAMETERS.updateMode]: ['merge'] },
			}),
		);
	}
	for (const field of bodyFields.filter((candidate) => candidate.required)) {
		properties.push({ ...fieldProperty(field), displayOptions: replaceOnly });
	}
	const optional = updatable.filter((field) => !field.required);
	const optionalLabel = endpoint.body?.creates ? 'Additional Fields' : 'Update Fields';
	if (optional.length) {
		properties.push(
			collection(UI.updateFields, optionalLabel, 'Add Field', optional.map(fieldProperty).sort(byDisplayName), replaceOnly),
		);
	}
	const clears = endpoint.body?.creates ? [] : clearProperties(allFields);
	if (clears.length) {
		properties.push({
			...collection(UI.clearFields, 'Clear Fields', 'Add Field to Clear', clears, displayOptions),
			description: 'Values to remove from the item. Only what you add here is cleared.',
		});
	}
	return properties;
}

/** The Options collection: query fields, body fields shown as options, the read-back switch, and how to send. */
function optionsProperty(provider: Provider, endpoint: Endpoint, displayOptions: DisplayOptions): INodeProperties {
	const bodyOptions = (endpoint.body?.fields ?? []).filter(
		(field) => !field.sameAs && !field.clearOnly && !field.required && field.section === 'options',
	);
	const options = [...(endpoint.query ?? []), ...bodyOptions].map(fieldProperty);
	if (endpoint.readBack) options.push(READ_BACK_OPTION);
	if (endpoint.batch) options.push(...batchOptions(endpoint.batch));
	if (takesDeduplicationKey(endpoint)) options.push(deduplicationKeyOption(provider));
	options.push(...TRANSPORT_OPTIONS);
	return collection(UI.options, 'Options', 'Add Option', options.sort(byDisplayName), displayOptions);
}

/** The parameters of one endpoint, shown only for its resource and operation. */
export function endpointProperties(provider: Provider, resource: string, endpoint: Endpoint): INodeProperties[] {
	const show: Show = { [ENGINE_PARAMETERS.resource]: [resource], [ENGINE_PARAMETERS.operation]: [endpoint.operation] };
	const displayOptions = { show };
	return [
		toolDescriptionProperty(provider, endpoint, show),
		...idProperties(endpoint, displayOptions),
		...bodyProperties(endpoint, show),
		...(endpoint.paging ? pagingProperties(show) : []),
		optionsProperty(provider, endpoint, displayOptions),
	];
}

/**
 * The operation in words with the provider's name, e.g. "Acme: update line item". n8n names a node
 * added from the node panel after its operation's action, so the canvas tells the providers apart.
 */
export function actionTitle(provider: Provider, endpoint: Endpoint): string {
	return `${provider.name}: ${endpoint.action}`;
}

/** The subtitle under the node on the canvas: the chosen operation's title, also once the node is renamed. */
export function operationSubtitle(provider: Provider, groups: ResourceGroup[]): string {
	const operations = groups.flatMap((group) => group.endpoints.map((endpoint) => ({ group, endpoint })));
	const keys = operations.map(({ group, endpoint }) => `${group.value}:${endpoint.operation}`);
	const titles = operations.map(({ endpoint }) => actionTitle(provider, endpoint));
	// Arrays, not an object literal: braces inside {{ }} can end an n8n expression early.
	return `={{ ${JSON.stringify(titles)}[${JSON.stringify(keys)}.indexOf($parameter["resource"] + ":" + $parameter["operation"])] }}`;
}

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Resource and operation pickers, then every endpoint's parameters. */
export function resourceProperties(provider: Provider, groups: ResourceGroup[]): INodeProperties[] {
	// The defaults below are the first resource and operation the descriptors list.
	const properties: INodeProperties[] = [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		{
			displayName: 'Resource',
			name: ENGINE_PARAMETERS.resource,
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
			name: ENGINE_PARAMETERS.operation,
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { [ENGINE_PARAMETERS.resource]: [group.value] } },
			options: group.endpoints.map((endpoint) => ({
				name: endpoint.name,
				value: endpoint.operation,
				action: actionTitle(provider, endpoint),
				description: endpoint.description ?? upperFirst(endpoint.action),
			})),
			default: group.endpoints[0].operation,
		});
	}
	for (const group of groups) {
		for (const endpoint of group.endpoints) {
			checkNoClash(provider, group.value, endpoint);
			properties.push(...endpointProperties(provider, group.value, endpoint));
		}
	}
	return properties;
}
