import { encodeForm, toJsonBody } from './encode';
import type { WireObject } from './input';

/**
 * How a provider writes requests: the body and its content type, the query string, the empty value a
 * cleared field is sent as, and which map keys and values can be written at all.
 */
export interface Codec {
	/** The body as sent, and its Content-Type. */
	encodeBody(body: WireObject): { contentType: string; body: string | WireObject };
	/** The query string without its `?`. */
	encodeQuery(query: WireObject): string;
	/** Why a key of a key/value field cannot be written, or undefined when it can. */
	keyProblem(key: string): string | undefined;
	/**
	 * An empty text is this codec's empty value (`key=` in a bracket form), so a key/value entry with
	 * an empty value would remove the key: such removal must be an explicit choice.
	 */
	emptyTextClears: boolean;
}

/**
 * Form bodies with nested keys as `a[b]`, lists as `a[0]`, a cleared field as `key=`: the map keys
 * must not hold brackets, and an empty value removes a key.
 */
export const bracketFormCodec: Codec = {
	encodeBody: (body) => ({ contentType: 'application/x-www-form-urlencoded', body: encodeForm(body) }),
	encodeQuery: encodeForm,
	keyProblem: (key) => (/[[\]]/.test(key) ? 'key must not contain [ or ]' : undefined),
	emptyTextClears: true,
};

/** JSON bodies, a cleared field as `null`; queries in the bracket form. */
export const jsonCodec: Codec = {
	encodeBody: (body) => ({ contentType: 'application/json', body: toJsonBody(body) }),
	encodeQuery: encodeForm,
	keyProblem: () => undefined,
	emptyTextClears: false,
};
