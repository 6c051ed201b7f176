import type { IExecuteFunctions } from 'n8n-workflow';

/** Whether a parameter as stored in the workflow holds an expression anywhere (a text starting with "="). */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** Reads one parameter of one item. */
export type ItemParameterReader = (name: string, itemIndex: number, fallback?: unknown) => unknown;

/**
 * Reads the node's parameters item by item. n8n resolves a parameter anew on every read (it copies
 * it and walks it for expressions); one without an expression is the same for every item, so it is
 * read once a run. Callers only read what they get (it is shared by the items).
 */
export function itemParameterReader(context: IExecuteFunctions): ItemParameterReader {
	const stored = context.getNode().parameters;
	const sameForAll = new Map<string, unknown>();
	return (name, itemIndex, fallback) => {
		if (sameForAll.has(name)) return sameForAll.get(name);
		const value = context.getNodeParameter(name, itemIndex, fallback);
		if (stored[name] !== undefined && !hasExpression(stored[name])) sameForAll.set(name, value);
		return value;
	};
}
