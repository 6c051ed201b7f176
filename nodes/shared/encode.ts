import { CLEARED, type WireObject, type WireValue } from './input';

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/**
 * RFC 3986 percent-encoding as qs writes it (only A–Z a–z 0–9 - . _ ~ stay), then brackets
 * restored everywhere, keys and values alike, as the bracket-form client libraries write them.
 */
const percentEncode = (text: string) => (UNRESERVED.test(text) ? text : escapeForForm(text));

const escapeForForm = (text: string) =>
	encodeURIComponent(text)
		.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
		.replace(/%5B/g, '[')
		.replace(/%5D/g, ']');

/**
 * Bracket form encoding: nested keys as `a[b]`, lists with indices `a[0]`, a cleared field as
 * `key=`, in the object's own order.
 */
export function encodeForm(object: WireObject): string {
	const pairs: string[] = [];
	const walk = (key: string, value: WireValue | undefined) => {
		if (value === undefined) return;
		if (value === CLEARED) {
			pairs.push(`${key}=`);
		} else if (Array.isArray(value)) {
			value.forEach((entry, index) => walk(`${key}[${index}]`, entry));
		} else if (typeof value === 'object') {
			for (const [name, entry] of Object.entries(value)) walk(`${key}[${percentEncode(name)}]`, entry);
		} else {
			pairs.push(`${key}=${percentEncode(String(value))}`);
		}
	};
	for (const [name, value] of Object.entries(object)) walk(percentEncode(name), value);
	return pairs.join('&');
}

/** JSON bodies: a cleared field is sent as `null`. */
export function toJsonBody(object: WireObject): WireObject {
	return JSON.parse(JSON.stringify(object, (_key, value) => (value === CLEARED ? null : value)));
}
