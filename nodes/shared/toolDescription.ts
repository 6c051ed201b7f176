import type { INodeProperties } from 'n8n-workflow';

import type { Endpoint, Field, PathId, Provider } from './descriptor';

/**
 * What an AI agent reads about one operation. n8n describes a node used as a tool with its
 * `toolDescription` parameter; without one of the node's own it adds a generic one whose automatic
 * text is the operation's action alone ("Acme: update item in Acme"), which names no id and no unit.
 */
export const TOOL_DESCRIPTION = 'toolDescription';

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Every field of a body or query, nested ones included. */
const allFields = (fields: Field[]): Field[] => fields.flatMap((field) => [field, ...('fields' in field ? allFields(field.fields) : [])]);

/** An id in words: its label and an example, its own description up to the first clause about the editor's list, and where to find one. */
function idText(pathId: PathId): string {
	const own = pathId.description?.split(/; the list /)[0];
	const example = pathId.placeholder?.replace(/^e\.g\. /, '');
	const from = pathId.list && !pathId.list.what.startsWith('a ') ? `; one of the ${pathId.list.what}` : '';
	return `${pathId.label}${example ? ` (e.g. ${example})` : ''}${own ? `: ${own.charAt(0).toLowerCase()}${own.slice(1)}` : ''}${from}`;
}

/** How a field's value must be written, where that is easy to get wrong. */
function unitText(field: Field): string | undefined {
	if (field.hint) return `${field.label}: ${field.hint}`;
	if (field.type === 'decimal') return `${field.label}: a decimal number written as text, e.g. "2" or "19.99"`;
	if (field.type === 'integer')
		return `${field.label}: a whole number${field.minimum !== undefined ? ` of at least ${field.minimum}` : ''}`;
	return undefined;
}

/** What the call does to the data, where the action does not say it all. */
function effectText(endpoint: Endpoint): string | undefined {
	if (endpoint.method === 'GET') return 'Reads only; changes nothing.';
	if (endpoint.method === 'DELETE') return 'This cannot be undone.';
	// An update: a write to an existing object (one that makes or removes one marks its body `creates`).
	if (!endpoint.body || endpoint.body.creates) return undefined;
	if (endpoint.body.replaces) {
		return 'Changes only the fields given (Update Mode Merge, the default; in Replace mode the fields given replace the whole object).';
	}
	return 'Changes only the fields given; the others stay as they are.';
}

/**
 * The text: the operation and what it changes, the ids it needs and where they come from, the units
 * of the fields a value can be mistaken in, and the endpoint's own note (e.g. which objects it can change).
 */
export function toolDescription(provider: Provider, endpoint: Endpoint): string {
	const ids = endpoint.pathIds;
	const fields = allFields([...(endpoint.body?.fields ?? []), ...(endpoint.query ?? [])]).filter((field) => !field.sameAs);
	const units = [...new Set(fields.map(unitText).filter((text): text is string => text !== undefined))];
	return [
		`${upperFirst(endpoint.action)} in ${provider.name}${endpoint.description ? `: ${endpoint.description}` : ''}.`,
		...[effectText(endpoint)].filter((text): text is string => text !== undefined),
		...(endpoint.toolNote ? [sentence(endpoint.toolNote)] : []),
		...ids.map((pathId) => `Needs ${idText(pathId)}.`),
		...(units.length ? [`Units: ${units.map((text) => text.replace(/\.$/, '')).join('. ')}.`] : []),
	].join('\n');
}

/** The Tool variant's description parameter for one operation, filled with its text (the regular node does not show it). */
export function toolDescriptionProperty(provider: Provider, endpoint: Endpoint, show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: TOOL_DESCRIPTION,
		type: 'string',
		typeOptions: { rows: 4 },
		default: toolDescription(provider, endpoint),
		description: 'What the AI agent reads about this tool: filled in for the chosen operation. Reset it after changing the operation.',
		displayOptions: { show: { ...show, '@tool': [true] } },
	};
}
