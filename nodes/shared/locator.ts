import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import type { PathId } from './descriptor';
import { InputError } from './input';

interface LocatorValue {
	mode?: string;
	value?: unknown;
}

const isLocator = (value: unknown): value is LocatorValue =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && 'value' in value;

/**
 * The id a parameter holds: a plain value (from older workflows or an expression), or a resource
 * locator's value, with the id taken out of a pasted URL. A URL that is not the provider's is refused.
 */
export function locatorValue(pathId: PathId, value: unknown): unknown {
	if (!isLocator(value)) return value;
	if (value.mode !== 'url' || !pathId.url) return value.value;
	const text = typeof value.value === 'string' ? value.value.trim() : '';
	if (text === '') return '';
	const match = pathId.url.regex.exec(text);
	if (!match?.[1]) {
		throw new InputError(pathId.label, pathId.name, `must be ${pathId.url.what}, e.g. ${pathId.url.example}`);
	}
	return match[1];
}

/** The engine's own path id rules (see checkPathId) as one regular expression for the editor. */
function idRegex(pathId: PathId): string {
	const rules = ['(?!\\.\\.?$)'];
	if (pathId.pattern) rules.push(`(?=${pathId.pattern.regex.source})`);
	if (pathId.maxLength !== undefined) rules.push(`(?=.{1,${pathId.maxLength}}$)`);
	// Everything checkPathId refuses: / ? # % \, whitespace and control characters (\p{Cc}).
	return `${rules.join('')}[^/?#%\\\\\\s\\x00-\\x1f\\x7f-\\x9f]+`;
}

export const ID_RULE_MESSAGE = 'Not a valid ID: it must not contain / ? # % \\ or spaces';

/** A resource locator for an id: From List (searchable, paged), By URL, By ID. */
export function locatorProperty(pathId: PathId, required: boolean): INodeProperties {
	const modes: INodePropertyMode[] = [];
	// Modes are not parameters: they take no default (n8n's lint rule sees their shape only).
	if (pathId.list) {
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		modes.push({
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: `Select from ${pathId.list.what}...`,
			typeOptions: { searchListMethod: pathId.list.method, searchable: true },
		});
	}
	if (pathId.url) {
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
		modes.push({
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: pathId.url.example,
			// The editor anchors the rule at both ends; the URL may go on after the id.
			validation: [
				{
					type: 'regex',
					properties: { regex: `${pathId.url.regex.source}.*`, errorMessage: `Not ${pathId.url.what}` },
				},
			],
			extractValue: { type: 'regex', regex: pathId.url.regex.source },
		});
	}
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	modes.push({
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: pathId.placeholder,
		validation: [
			{ type: 'regex', properties: { regex: idRegex(pathId), errorMessage: pathId.pattern?.message ? `The ID ${pathId.pattern.message}` : ID_RULE_MESSAGE } },
		],
	});
	return {
		displayName: pathId.label,
		name: pathId.name,
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '' },
		required: required || undefined,
		description: pathId.description,
		modes,
	};
}
