import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * Where an API is, as its credential says it. One description gives both the function the node
 * calls and the n8n expression of the credential's test request, so the two cannot drift apart.
 */
export interface BaseUrlDescription {
	/** The credential field with a typed URL: used when there is no environment, or the custom one is chosen. */
	urlField: string;
	/** The URL when the typed one is empty (no environment field). */
	fallback?: string;
	/** A credential field choosing a hosted environment; `custom` takes the typed URL, anything unknown the default. */
	environment?: { field: string; hosts: Record<string, string>; defaultValue: string; custom: string };
	/** A path after the host when this credential field is set, e.g. `/organizations/` + the ID. */
	prefix?: { field: string; path: string };
}

const text = (value: unknown) => String(value ?? '').trim();
const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** The base URL for these credentials, without a trailing slash. */
export function baseUrlFunction(description: BaseUrlDescription): (credentials: ICredentialDataDecryptedObject) => string {
	const { urlField, fallback = '', environment, prefix } = description;
	return (credentials) => {
		const typed = withoutTrailingSlash(text(credentials[urlField]));
		let host = typed || fallback;
		if (environment) {
			const chosen = text(credentials[environment.field]);
			host = chosen === environment.custom ? typed : (environment.hosts[chosen] ?? environment.hosts[environment.defaultValue]);
		}
		const prefixValue = prefix ? text(credentials[prefix.field]) : '';
		return prefixValue ? `${host}${prefix!.path}${encodeURIComponent(prefixValue)}` : host;
	};
}

/** The same base URL as an n8n expression over `$credentials` (ternaries only: braces can end an expression early). */
export function baseUrlExpression(description: BaseUrlDescription): string {
	const { urlField, fallback = '', environment, prefix } = description;
	const field = (name: string) => `String($credentials.${name} || "").trim()`;
	const typed = `${field(urlField)}.replace(/\\/+$/, "")`;
	let host = `(${typed} || ${JSON.stringify(fallback)})`;
	if (environment) {
		const chosen = field(environment.field);
		const hosted = Object.entries(environment.hosts)
			.filter(([value]) => value !== environment.defaultValue)
			.map(([value, url]) => `${chosen} === ${JSON.stringify(value)} ? ${JSON.stringify(url)} : `)
			.join('');
		host = `(${chosen} === ${JSON.stringify(environment.custom)} ? ${typed} : ${hosted}${JSON.stringify(environment.hosts[environment.defaultValue])})`;
	}
	const path = prefix
		? ` + (${field(prefix.field)} ? ${JSON.stringify(prefix.path)} + encodeURIComponent(${field(prefix.field)}) : "")`
		: '';
	return `={{ ${host}${path} }}`;
}
