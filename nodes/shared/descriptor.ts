import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { Codec } from './codec';
import type { WireObject } from './input';

/**
 * One field of a request (body or query), described the way an API reference describes it.
 * The engine turns a field into an n8n property, a validation rule and a piece of the request.
 */
export type Field =
	| StringField
	| IntegerField
	| NumberField
	| DecimalField
	| BooleanField
	| OptionsField
	| CurrencyField
	| TimestampField
	| StringListField
	| KeyValueField
	| ObjectField
	| ObjectListField;

interface FieldBase {
	/** The key on the wire, as the API reference spells it. */
	name: string;
	label: string;
	/** Help text shown under the field. */
	description?: string;
	/** A warning always shown under the field (n8n's `hint`), for traps such as a fraction vs a percentage. */
	hint?: string;
	placeholder?: string;
	/** Required by the API (top level: shown outside "Update Fields"; nested: required in its object). */
	required?: boolean;
	/** Label of an explicit "clear" action; the field can then be cleared, sent as the encoding's empty value. */
	clear?: string;
	/** The API accepts only the empty value (e.g. a rules object that can only be removed): offered under "Clear Fields" alone. */
	clearOnly?: boolean;
	section?: Section;
	/**
	 * The API nests this one value in an object of that name (e.g. `product` for
	 * `{ product: { title } }`): one field in the UI, sent inside the object.
	 */
	inside?: string;
	/**
	 * The API takes the same value twice, in two shapes (e.g. a period as dates and as date-times):
	 * this field is not shown; it is written from `from` whenever that is set or cleared, and is
	 * otherwise kept as it is.
	 */
	sameAs?: { from: string; value: (source: WireObject) => string };
}

/** Where an optional field is shown: "Update Fields" (default) or "Options" (e.g. `expand`). */
export type Section = 'update' | 'options';

export interface StringField extends FieldBase {
	type: 'string';
	minLength?: number;
	maxLength?: number;
	/** A pattern the whole value must match, and the words used when it does not. */
	pattern?: { regex: RegExp; message: string };
	/** The id of another object: picked from this list (an expression can always give it instead). */
	from?: ListSource;
}

export interface IntegerField extends FieldBase {
	type: 'integer';
	minimum?: number;
	maximum?: number;
	/** The words for a value with a fraction, e.g. an amount in major units where the smallest unit is wanted. */
	fraction?: string;
}

export interface NumberField extends FieldBase {
	type: 'number';
	minimum?: number;
	maximum?: number;
}

/** A decimal number sent as an exact string (no float artefacts, no exponent). */
export interface DecimalField extends FieldBase {
	type: 'decimal';
	maxDecimalPlaces?: number;
	minimum?: number;
	/** The largest value, and the words for a value above it (e.g. a percentage typed for a fraction). */
	maximum?: { value: number; message: string };
}

export interface BooleanField extends FieldBase {
	type: 'boolean';
}

export interface OptionsField extends FieldBase {
	type: 'options';
	options: INodePropertyOptions[];
}

/** ISO 4217 code in lower case. */
export interface CurrencyField extends FieldBase {
	type: 'currency';
}

/** Accepts ISO 8601 date-times or unix seconds; sent as `wire`. */
export interface TimestampField extends FieldBase {
	type: 'timestamp';
	wire: 'unixSeconds' | 'isoDateTime';
}

export interface StringListField extends FieldBase {
	type: 'stringList';
	itemMaxLength?: number;
	maxItems?: number;
	/** Button text in the UI, e.g. "Add Tax Rate". */
	addLabel?: string;
	/** Ids of other objects: picked from this list. */
	from?: ListSource;
}

/** A map of string keys to string values (e.g. metadata). */
export interface KeyValueField extends FieldBase {
	type: 'keyValue';
	maxKeys?: number;
	keyMaxLength?: number;
	valueMaxLength?: number;
	/** Individual keys can be removed (sent as `name[key]` with the empty value). */
	removableKeys?: boolean;
}

export interface ObjectField extends FieldBase {
	type: 'object';
	fields: Field[];
	rules?: Rule[];
}

export interface ObjectListField extends FieldBase {
	type: 'objectList';
	fields: Field[];
	/** Default 1: an empty list is refused unless the API gives an empty list a meaning. */
	minItems?: number;
	maxItems?: number;
	/** Label of one entry in the UI, e.g. "Discount". */
	itemName: string;
	/** Rules that apply within each entry. */
	rules?: Rule[];
}

/** Cross-field rules, written in dotted wire paths relative to the object they belong to. */
export type Rule =
	| { atMostOneOf: string[] }
	| { exactlyOneOf: string[] }
	| { notBefore: { later: string; earlier: string } };

export interface PathId {
	/**
	 * The placeholder in the path template, e.g. `item` for `/v1/items/{item}`; for an id sent
	 * elsewhere (`in`), its key in the query or body.
	 */
	name: string;
	/** Where the id is sent: in the path (default), as a query parameter, or as a top-level body key. */
	in?: 'path' | 'query' | 'body';
	label: string;
	description?: string;
	placeholder?: string;
	/** Stricter rules than the engine's own (which always refuses `/ ? # % \\`, whitespace, `.` and `..`). */
	pattern?: { regex: RegExp; message: string };
	maxLength?: number;
	/** The list a person picks this id from ("From List" mode). */
	list?: ListSource;
	/** Web addresses this id can be taken from ("By URL" mode): the first group of `regex` is the id. */
	url?: { regex: RegExp; example: string; what: string };
}

/**
 * A list a person picks ids from, read like the API's list call: where it is, its filters, its
 * search, and how an entry reads. The engine pages it, searches it and labels it.
 */
export interface ListSource {
	/** Name of the n8n method that serves the list; unique within a node. */
	method: string;
	/** What the list holds, for messages, e.g. "open orders". */
	what: string;
	/** Path of the list call; `{name}` placeholders are ids from `within`. */
	path: string;
	/**
	 * Ids from the node's other parameters the list depends on (e.g. the parent whose items are
	 * listed). Those in the path are needed; the others only narrow the list.
	 */
	within?: PathId[];
	/** The filters sent with every page, e.g. `{ status: 'open' }`; `within` holds the ids chosen. */
	query?: (within: Record<string, string>) => WireQuery;
	/**
	 * The API's own search for a typed text. Where it has none (or none for this text: undefined),
	 * each page read is narrowed to the entries whose label or id contains the text.
	 */
	search?: (text: string) => WireQuery | undefined;
	/** A typed text that is a whole id is read with this single GET (`{id}` in the path). */
	lookup?: { pattern: RegExp; path: string; responseField?: string };
	paging: Paging;
	/** Entries asked for a page (within the API's page size). */
	pageSize: number;
	/** The words a person recognises the entry by (number, customer, total, date …). */
	label: (entry: IDataObject) => string;
}

/** Query values of a list call (the encoding writes nested objects as `a[b]`). */
export type WireQuery = Record<string, string | number | boolean>;

/**
 * How a list endpoint pages. Every strategy asks for `limitParam` items (≤ `maxPageSize`) a page;
 * `whole` is a list the API answers in one response and takes no page size for.
 */
export type Paging = {
	/** Where the list is in the response; absent when the response body is the list itself. */
	itemsField?: string;
	/** Where the object is inside each entry, for lists whose entries wrap it (e.g. `{ item: {…} }`). */
	entryField?: string;
	/** Where an entry's id is (dotted); `id` by default. */
	idField?: string;
} & (
	| {
			limitParam: string;
			maxPageSize: number;
			next:
				| { type: 'afterLastId'; cursorParam: string; hasMoreField: string }
				| { type: 'offset'; offsetParam: string; maxOffset?: number }
				| { type: 'token'; tokenField: string; tokenParam: string };
	  }
	| { limitParam?: undefined; maxPageSize?: undefined; next: { type: 'whole' } }
);

/** Where a full-replacement update (PUT) reads the current object in "Merge with current" mode. */
export interface CurrentObject {
	/** A GET of the same object, or a list to search by id (APIs without a single GET). */
	read: Endpoint;
	/** In a list read: the path id whose value is looked for in each entry's id (`paging.idField`). */
	findById?: string;
	/** How a cleared field is written: `null` (default), or left out of the full object (APIs without nulls). */
	clearBy?: 'null' | 'omit';
}

/**
 * A bulk call that takes the writes of several items at once, as entries of one list. Items whose
 * ids in `path` are equal (and whose fields beside the list are equal) share a call; each still
 * gets its own output. Items go alone (the endpoint's own call) when they are the only one of
 * their group, when the user turns bulk sending off, or when `fits` says no.
 */
export interface Batch {
	/** Path of the bulk call; its placeholders are the ids that group items into one call. */
	path: string;
	/** The list in the body that takes one entry per item (the endpoint's `listEntry` key, if it has one). */
	listKey: string;
	/** Ids sent inside each entry, id name → key in the entry (e.g. the id of the object an entry changes). */
	idsInEntry?: Record<string, string>;
	/** Body fields written beside the list, not in the entries (the endpoint's `listEntry.outside`, if it has one). */
	outside?: string[];
	/** The most entries one call takes (the default and the upper bound of the batch size). */
	maxEntries: number;
	/** Completes "Whether to send …" in the option's description, e.g. "the changes to one order's lines". */
	what: string;
	/** Whether one item's wire body can be an entry; one the bulk call cannot take is sent alone. */
	fits?: (body: WireObject) => boolean;
	/**
	 * Where each item's own object is in the answer: the list (dotted) whose entries carry ids, the
	 * id that finds an item's entry, and the list call that reads entries the answer leaves out (an
	 * answer may hold only the first page). Absent: every item's output is the whole answer.
	 */
	answer?: { listField: string; idFrom: string; read: Endpoint };
}

/** One API operation: the prepared request, and the n8n operation it appears as. */
export interface Endpoint {
	operation: string;
	/** Operation name in the UI, e.g. "Update". */
	name: string;
	/** The operation in a few lowercase words, e.g. "update line item"; shown after the provider's name. */
	action: string;
	description?: string;
	/**
	 * What an AI agent must also know to use this operation as a tool, e.g. which objects it can
	 * change or where an id comes from; ends the tool's description.
	 */
	toolNote?: string;
	method: IHttpRequestMethods;
	/** Path template with `{id}` placeholders, appended to the credential's base URL. */
	path: string;
	pathIds: PathId[];
	/** Body fields: required ones become top-level parameters, optional ones go in "Update Fields". */
	body?: {
		fields: Field[];
		rules?: Rule[];
		requireOne?: boolean;
		/** The API wants the fields inside one key, e.g. `{ "item": { … } }`. */
		envelope?: string;
		/** The write replaces the whole object: offer "Merge with current" (default) and "Replace". */
		replaces?: CurrentObject;
		/**
		 * The API takes the fields as the one entry of a list, e.g. `{ "lines": [{ … }] }` (ids sent
		 * in the body go into the entry too); the fields named in `outside` stay beside the list.
		 */
		listEntry?: { key: string; outside?: string[] };
		/** The write makes a new object: optional fields are "Additional Fields", and nothing can be cleared. */
		creates?: boolean;
	};
	/** Query fields, shown in an "Options" collection. */
	query?: Field[];
	/** A list endpoint: Return All / Limit, following the API's pagination. */
	paging?: Paging;
	/** The object is inside this key of the response, e.g. `item`. */
	responseField?: string;
	/** The API answers without the object (204): read it back with this GET unless the user opts out. */
	readBack?: Endpoint;
	/** The API answers without a body (e.g. a 204 of a delete): the output is the ids with these fields. */
	answersEmpty?: IDataObject;
	/**
	 * What a 404 of this call means, e.g. that the item to delete is already gone: shown as the
	 * message (the provider's own words stay in the description).
	 */
	notFound?: string;
	/** No single GET exists: list with this endpoint and return the entry whose id is this path id. */
	findIn?: { list: Endpoint; pathId: string };
	/**
	 * The API's security for this call lets fewer credentials through than the node offers: the
	 * types it accepts, and why (completes `"Authentication" …`). Others are refused before sending.
	 */
	onlyWith?: { credentialTypes: string[]; reason: string; advice?: string };
	/** A bulk call that can carry this write for several items at once. */
	batch?: Batch;
	/**
	 * Whether sending this write twice applies it once. Undefined: by its method (PUT, PATCH and DELETE
	 * are; a POST is when the provider takes an idempotency key, and otherwise is not).
	 */
	repeatable?: boolean;
	/** This write makes a new object: it takes a Deduplication Key, so that running it again creates nothing twice. */
	makesObject?: boolean;
	/** Where the object a create makes is listed: to find it when the answer is lost, and for a Deduplication Key. */
	createdIn?: CreatedIn;
}

/**
 * The list of the parent's objects that holds what a create makes. Its path ids take the create's
 * ids of the same name, or the written field `fromFields` names (a parent given in the body).
 */
export interface CreatedIn {
	list: Endpoint;
	fromFields?: Record<string, string>;
}

/** What differs between billing APIs, once per provider. */
export interface Provider {
	/** Display name used in messages, e.g. "Acme Billing". */
	name: string;
	credentialType: string;
	/** When the node offers several credential types: the parameter that picks one, value → type. */
	authentication?: { parameter: string; types: Record<string, string> };
	/** Headers every request carries that the credential's own authentication does not add (OAuth2). */
	headers?: (credentials: ICredentialDataDecryptedObject, credentialType: string) => Record<string, string>;
	/** Base URL of the API for these credentials (no trailing slash). */
	baseUrl: (credentials: ICredentialDataDecryptedObject) => string;
	/** How request bodies and query strings are written. */
	codec: Codec;
	/** Turns a non-2xx response into the provider's own message and details. */
	describeError: (response: ApiResponse, credentialType: string) => ApiErrorDetails;
	/** Credential fields whose values must never appear in any output or error. */
	secretFields: string[];
	/** Secret-shaped texts of this provider (masked keys, Authorization values), removed wherever a text leaves the node. */
	redact?: (text: string) => string;
	/** Secrets that are not top-level fields: tokens inside OAuth2 data, a credential as sent (Basic's base64). */
	secretValues?: (credentials: ICredentialDataDecryptedObject, credentialType: string) => string[];
	/** Why these credentials cannot work (e.g. a publishable key), checked before anything is sent. */
	checkCredentials?: (credentials: ICredentialDataDecryptedObject, credentialType: string) => string | undefined;
	/** The provider's documented request rate for these credentials, in requests per second. */
	rateLimit: (credentials: ICredentialDataDecryptedObject, credentialType: string) => number;
	/** How many requests may start at once (the provider's burst, less some slack); 8 % of a second's worth by default. */
	rateBurst?: (credentials: ICredentialDataDecryptedObject, credentialType: string) => number;
	/**
	 * Headers in which the provider's answers tell how much of its quota is left: they steer the rate
	 * of every process sharing it. `resetAt`, on a 429, is when an exhausted quota resets (unix seconds).
	 */
	quotaHeaders?: { limit?: string; remaining: string; resetAt?: string };
	/** Statuses that mean "try again later" besides 429 and 5xx (e.g. 409 lock conflicts). */
	retryStatuses?: number[];
	/** The provider's own verdict on a retry (e.g. a should-retry header); undefined leaves it to the engine. */
	shouldRetry?: (response: ApiResponse) => boolean | undefined;
	/** Header for a key that makes a retried write apply once (e.g. Idempotency-Key). */
	idempotencyHeader?: string;
	/** How long the provider remembers a key, in words (e.g. "24 hours"). */
	idempotencyKeptFor?: string;
	/** The answer header that says a write was not applied again but answered from its key's first time. */
	replayHeader?: string;
	/** Whether an answer says the key was used before with other values (nothing was applied). */
	keyReused?: (response: ApiResponse) => boolean;
	/** Credential types that are n8n OAuth2 credentials: after a 401 the request is asked again so n8n refreshes the token. */
	oauth2CredentialTypes?: string[];
}

export interface ApiResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	/** A write's answer given from its idempotency key's first use: applied then, not now. */
	replayed?: boolean;
	/** Why an earlier attempt of this write may have been applied (its answer was lost). */
	afterLostAnswer?: string;
}

export interface ApiErrorDetails {
	message: string;
	description?: string;
	/** Extra fields kept in the error output (code, param, request id …). */
	details?: IDataObject;
}

/**
 * Throws the provider's reason why these credentials cannot work. A credential's `authenticate`
 * calls it, so n8n's credential test refuses what the node would refuse at run time (a
 * publishable key passed the test before and failed only in a run).
 */
export function refuseUnusableCredentials(
	provider: Provider,
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
): void {
	const problem = provider.checkCredentials?.(credentials, credentialType);
	if (problem) throw new Error(problem);
}
