/**
 * What the conformance suite needs to know of a provider: how to run its node and call its pickers,
 * and what its answers, ids and words look like. One fixture per provider; the suite asserts the
 * behaviour every provider shares, in the same words, over all of them.
 */
import type {
	IDataObject,
	INodeListSearchResult,
	INodeParameterResourceLocator,
	INodeParameters,
	INodePropertyOptions,
	NodeParameterValueType,
} from 'n8n-workflow';

import type { NodeRun, RunNodeOptions } from '../harness/n8n';
import type { RecordedRequest, Reply } from '../harness/recorder';

export type ListKind = 'listSearch' | 'loadOptions';

/** One call of a picker: which method, and the node's other parameters as the editor holds them. */
export interface PickerCall {
	kind: ListKind;
	method: string;
	/** What the list holds, as its errors say it ("draft invoices"). */
	what: string;
	parameters?: INodeParameters;
}

export interface ConformanceFixture {
	/** The provider's name as messages say it. */
	provider: string;
	/** Secrets of the credentials in use (and their encodings as sent): none may be in any output or error. */
	secrets: string[];
	/** Runs the node in a real n8n-core execution against the server at `url`. */
	run(
		url: string,
		parameters: INodeParameters,
		options?: { items?: IDataObject[]; continueOnFail?: RunNodeOptions['continueOnFail']; authentication?: string },
	): Promise<NodeRun>;
	/** The node's Authentication choices the pickers are called with (none: the node has one credential). */
	authentications?: string[];
	/** Calls a picker of the node against the server at `url`, as n8n's editor backend does. */
	list(
		url: string,
		call: PickerCall,
		options?: { authentication?: string; filter?: string; paginationToken?: string },
	): Promise<INodeListSearchResult | INodePropertyOptions[]>;

	/** A list search whose list depends on an id chosen in another parameter (the invoice whose items it lists). */
	dependentList: {
		method: string;
		what: string;
		/** The parameter holding the id, its label, and the operation the editor has open. */
		parameter: string;
		label: string;
		parameters: INodeParameters;
		/** A valid id, and the request that lists its entries. */
		id: string;
		url: (id: string) => string;
		/** An answer saying the id names nothing (404). */
		notFound: Reply;
		/** Values refused before anything is sent, and the words for each (URLs of other sites, ids with a slash …). */
		refused: Array<[string, NodeParameterValueType, string | RegExp]>;
	};

	/** A list answer that holds no list, and what the picker says. */
	notAList: { call: PickerCall; answer: Reply; message: string };
	/** Pickers called where nothing listens, and what each says. */
	unreachable: Array<{ call: PickerCall; message: string | RegExp }>;

	/** The list searches as the editor pages and searches them, and what they say when the provider refuses. */
	pickers: {
		/** A list read page after page: a token while the provider says there is more, and the token asks for the next page. */
		paging: {
			call: PickerCall;
			serve: (request: RecordedRequest) => Reply;
			/** Each page's request, in order. */
			urls: string[];
			/** Each page as the picker shows it (the last one without a token). */
			pages: INodeListSearchResult[];
		};
		/**
		 * Text typed into a list search: the provider's own search, on every page, shown as it answers;
		 * or, where it has none, the page read narrowed to the entries whose label or id holds the text.
		 */
		search: {
			call: PickerCall;
			serve: (request: RecordedRequest) => Reply;
			/** Each text typed, what the picker shows, and whether the next page is asked for too (by its token). */
			searches: Array<{ filter: string; result: INodeListSearchResult; next?: boolean }>;
			/** Every request, in order. */
			urls: string[];
		};
		/** A whole id typed into a list search is read with one GET; one naming nothing (404) is an empty result; other errors are said. */
		lookup?: {
			call: PickerCall;
			/** Typed ids (e.g. in another case) and the request each is read with. */
			typed: Array<[string, string]>;
			answer: Reply;
			result: INodeListSearchResult;
			notFound: Reply;
			fails: { answer: Reply; message: string };
		};
		/** An option list (where the node has one): it stops at 500 entries, asking for no further page; a shorter one is read whole. */
		optionList?: {
			call: PickerCall;
			long: { serve: (request: RecordedRequest) => Reply; urls: string[]; first: INodePropertyOptions; last: INodePropertyOptions };
			short: { serve: (request: RecordedRequest) => Reply; urls: string[]; count: number; first: INodePropertyOptions[] };
		};
		/** The parent of the dependent list given each way the editor holds it: the list read, and what it shows. */
		parentGiven: { forms: Array<[string, NodeParameterValueType]>; answer: Reply; url: string; result: INodeListSearchResult };
		/**
		 * Pickers whose provider refuses the credentials (echoing them): said after "Could not list", with the
		 * status and no secret, and not asked again.
		 */
		refused: (authentication?: string) => Array<{
			case: string;
			call: PickerCall;
			answer: (request: RecordedRequest) => Reply;
			message: string;
			description?: string | RegExp;
			httpCode?: string;
			/** More text that must not appear (e.g. a masked form of the secret). */
			also?: string[];
			/** How many requests it takes (1 unless a 401 has the token refreshed and the list asked again). */
			requests?: number;
		}>;
	};

	/** An update whose path ids may be given By URL. */
	byUrl: {
		/** The update's parameters with these path ids. */
		parameters: (ids: Record<string, INodeParameterResourceLocator>) => INodeParameters;
		/** A good URL of each path id, and the requests (`METHOD url`) the update with them sends. */
		good: Record<string, string>;
		requests: string[];
		/** URLs that are not the provider's own (or not of that object): [name, path id, URL]. */
		foreign: Array<[string, string, string]>;
		/** The words for a foreign URL of that path id (without the item number). */
		message: (pathId: string) => string | RegExp;
		/** The method and path template the description names. */
		request: string;
	};

	/** The update and reads that take an id in their path: no id may change which endpoint is called. */
	pathIds: {
		/** The first part of the id rule's words, per call (e.g. `"Line Item ID" must not contain`). */
		calls: Array<{ parameters: (id: string) => INodeParameters; message: RegExp }>;
		/** Ids this provider refuses besides the ones every provider refuses. */
		more?: string[];
		/** An id with characters outside ASCII, and the path it is sent to (percent-encoded). */
		encoded?: { parameters: INodeParameters; path: string };
	};

	/** A run that is valid and sends a request (for a server that cannot be reached). */
	validRun: INodeParameters;
	/** What the provider answers to requests that are not about an error (default: an empty object). */
	respond?: (request: RecordedRequest) => Reply;

	/** A Get Many over a list longer than a page: Return All follows the provider's pages, Limit asks only for what is missing. */
	paging: {
		/** The list's entries, and a server answering it page by page as the provider does. */
		entries: IDataObject[];
		serve: (request: RecordedRequest) => Reply;
		returnAll: { parameters: INodeParameters; urls: string[] };
		limit: { parameters: INodeParameters; urls: string[]; count: number };
	};

	/** A write the provider answers without the object (204): it is read back with a GET, unless the user opts out. */
	readBack?: {
		/** The write, with "Read Back Updated Item" as it defaults (on). */
		parameters: INodeParameters;
		/** Answers the write with 204 and the read with the object. */
		serve: (request: RecordedRequest) => Reply;
		/** `METHOD url` of the write, then of the read. */
		requests: [string, string];
		/** The object read back, as the output holds it (unwrapped from the provider's envelope). */
		output: IDataObject;
		/** The same write with the option off: only the write is sent, and the output says which object was updated. */
		skipped: { parameters: INodeParameters; output: IDataObject };
		/** The read answering an error after the write answered 204: that item's error. */
		readFails: { answer: Reply; message: string; httpCode: string };
	};

	/**
	 * An update whose write replaces the whole object (where the provider has one): "Merge With Current"
	 * (the default) reads the object and lays the changes over it; "Replace" sends only what is given.
	 */
	replaces?: {
		/** The update in each mode, with these Update Fields and more parameters (Replace: the required fields filled in). */
		merge: (updateFields: IDataObject, extra?: IDataObject) => INodeParameters;
		replace: (updateFields: IDataObject, extra?: IDataObject) => INodeParameters;
		/** The object as the provider's read answers it, read-only fields included. */
		current: IDataObject;
		/** A server holding this object: the read answers it (as the provider wraps it), the write answers the object written. */
		serve: (current: IDataObject) => (request: RecordedRequest) => Reply;
		/** `METHOD url` of the read(s) of the current object in Merge mode, then of the write. */
		reads: string[];
		write: string;
		/** The write's content type. */
		contentType: string;
		/** Fields of the object that are never written. */
		readOnly: string[];
		/** Merge: a change, the exact body written (the current writable fields in the API's order, the change laid over them) and the output. */
		change: { updateFields: IDataObject; body: string; output: IDataObject };
		/** Merge: fields cleared, and the body written (each cleared one as the API takes an empty value, or left out). */
		cleared: { clearFields: IDataObject; body: IDataObject };
		/** A current object with empty values, a change, and the exact body: how its empties travel back. */
		empties: { current: IDataObject; updateFields: IDataObject; body: string };
		/** A current object without a required field: a change without it is refused with these words; with it, this body is written. */
		missing: { current: IDataObject; updateFields: IDataObject; message: string; given: IDataObject; body: IDataObject };
		/** Items whose values (and ids) come from expressions: each is read and written on its own. */
		perItem: {
			parameters: INodeParameters;
			items: IDataObject[];
			/** Every request of the run, `METHOD path`, sorted; and pairs of them, the read before the write of the same item. */
			requests: string[];
			readBeforeWrite: Array<[string, string]>;
			/** What a write carried, and what the writes carried (in any order). */
			written: (request: RecordedRequest) => unknown;
			sent: unknown[];
			/** Each item's output, in order (what the output holds of it). */
			output: IDataObject[];
		};
		/** The read answering an error: the provider's words, and nothing is written. */
		readFails: { answer: Reply; message: string; httpCode: string };
		/** Replace: Update Fields and the exact body. */
		replaced: { updateFields: IDataObject; body: string };
		/** Replace: fields given and cleared, and the body written. */
		replacedCleared: { updateFields: IDataObject; clearFields: IDataObject; body: IDataObject };
		/** Replace: an optional field whose expression gives nothing for an item is refused, not cleared. */
		givesNothing: { parameters: INodeParameters; items: IDataObject[]; message: string; description: string };
	};

	/** Runs of many items: each is checked and sent on its own. */
	items: {
		/** Good, bad input, refused by the provider, good; run with Continue On Fail. */
		continueOnFail: {
			parameters: INodeParameters;
			items: IDataObject[];
			/** Answers the writes, refusing the third item's. */
			respond: (request: RecordedRequest) => Reply;
			/** What the writes carried, in order (reads left out), and what they must have carried. */
			written: (requests: RecordedRequest[]) => unknown[];
			sent: unknown[];
			/** Each item's output json, in order (asymmetric matchers where only part is the provider's). */
			output: unknown[];
		};
		/** Three items whose one field comes from an expression, the middle one bad; run with Continue On Fail (either output). */
		badFields: Array<{
			case: string;
			parameters: INodeParameters;
			items: [IDataObject, IDataObject, IDataObject];
			/** Answers the good items' writes. */
			respond: (request: RecordedRequest) => Reply;
			/** What the writes carried, in order, and what they must have carried (the good items' values). */
			written: (requests: RecordedRequest[]) => unknown[];
			sent: unknown[];
			/** What the node says of the bad item (item 1), and of the field and request it is about. */
			error: string;
			description: string;
		}>;
		/** Updates with no field to update or clear (only options at most): [case, parameters], each refused before anything is sent or read. */
		nothingToUpdate: Array<[string, INodeParameters]>;
		/** Bad input in a later item, without Continue On Fail: the run stops before anything is sent. */
		stops: { parameters: INodeParameters; items: IDataObject[]; message: string; description: string };
	};

	/** Answers that echo a secret: none reaches the run's error or output (failed, and with Continue On Fail). */
	echoes: Array<{
		case: string;
		authentication?: string;
		parameters: INodeParameters;
		answer: (request: RecordedRequest) => Reply;
		/** The failed run's error (message, description, httpCode), as matchers. */
		failed: IDataObject | Record<string, unknown>;
		/** The item's output with Continue On Fail, as matchers. */
		reported: Record<string, unknown>;
		/** Words of the answer that must stay (only the secret is taken out). */
		kept?: string;
		/** More text that must not appear (e.g. a masked form of the secret). */
		also?: string[];
	}>;
}
