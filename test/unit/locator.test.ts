/**
 * The editor and the engine must agree on every id. For each resource locator of the four nodes:
 * - By ID: the mode's validation regex, anchored the way n8n's editor anchors it
 *   (`new RegExp('^' + regex + '$')`, validateResourceLocatorParameter in n8n-workflow's node-helpers),
 *   accepts exactly the sample ids the engine's checkPathId accepts for that path id;
 * - By URL: the mode's validation (anchored the same way), its extractValue regex (as n8n-core applies
 *   it: `new RegExp(regex).exec(value)[1]`) and the engine's locatorValue agree on every sample URL,
 *   take the same id out of the good ones and refuse foreign and look-alike hosts;
 * - every list mode's searchListMethod and every loadOptionsMethod (also nested in collections)
 *   exists in the node's methods.
 * The path ids come from the endpoint descriptors (nodes/<Provider>/endpoints/<resource>.ts), found by
 * the resource and operation each property is shown for.
 */
import type { INodeProperties, INodePropertyMode, INodePropertyRegexValidation, INodeType } from 'n8n-workflow';

import type { Endpoint, PathId } from '../../nodes/shared/descriptor';
import { ID_RULE_MESSAGE, locatorValue } from '../../nodes/shared/locator';
import { checkPathId } from '../../nodes/shared/request';
import * as rebillyItem from '../../nodes/Rebilly/endpoints/invoiceItem';
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import * as sequenceLineItem from '../../nodes/Sequence/endpoints/invoiceLineItem';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import * as spacebringItem from '../../nodes/Spacebring/endpoints/invoiceItem';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import * as stripeItem from '../../nodes/Stripe/endpoints/invoiceItem';
import * as stripeLineItem from '../../nodes/Stripe/endpoints/invoiceLineItem';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';

type Provider = 'stripe' | 'rebilly' | 'sequence' | 'spacebring';

const isEndpoint = (value: unknown): value is Endpoint =>
	typeof value === 'object' && value !== null && 'operation' in value && 'pathIds' in value && 'path' in value;
const endpointsOf = (module: Record<string, unknown>) => Object.values(module).filter(isEndpoint);

const nodes: Array<{ provider: Provider; node: INodeType; endpoints: Record<string, Endpoint[]> }> = [
	{
		provider: 'stripe',
		node: new StripeInvoicing(),
		endpoints: { invoiceItem: endpointsOf(stripeItem), invoiceLineItem: endpointsOf(stripeLineItem) },
	},
	{ provider: 'rebilly', node: new Rebilly(), endpoints: { invoiceItem: endpointsOf(rebillyItem) } },
	{ provider: 'sequence', node: new SequenceBilling(), endpoints: { invoiceLineItem: endpointsOf(sequenceLineItem) } },
	{ provider: 'spacebring', node: new Spacebring(), endpoints: { invoiceItem: endpointsOf(spacebringItem) } },
];

/** A path id and every id its list depends on, depth first. */
const withScopes = (pathId: PathId): PathId[] => [pathId, ...(pathId.list?.within ?? []).flatMap(withScopes)];

/** The path id a resource locator property stands for: same name, in the endpoint of its resource and operation. */
function pathIdOf(endpoints: Record<string, Endpoint[]>, property: INodeProperties): PathId {
	const resource = property.displayOptions?.show?.resource?.[0] as string;
	const operation = property.displayOptions?.show?.operation?.[0] as string;
	const endpoint = (endpoints[resource] ?? []).find((candidate) => candidate.operation === operation);
	if (!endpoint) throw new Error(`No endpoint for ${resource}/${operation} (property ${property.name})`);
	const found = endpoint.pathIds.flatMap(withScopes).filter((pathId) => pathId.name === property.name);
	if (found.length === 0) throw new Error(`No path id ${property.name} in ${endpoint.method} ${endpoint.path}`);
	return found[0];
}

interface Locator {
	provider: Provider;
	node: INodeType;
	property: INodeProperties;
	pathId: PathId;
	/** `<node> <resource>/<operation> <name>`, for test names. */
	title: string;
}

const locators: Locator[] = nodes.flatMap(({ provider, node, endpoints }) =>
	node.description.properties
		.filter((property) => property.type === 'resourceLocator')
		.map((property) => ({
			provider,
			node,
			property,
			pathId: pathIdOf(endpoints, property),
			title: `${node.description.name} ${property.displayOptions?.show?.resource?.[0]}/${property.displayOptions?.show?.operation?.[0]} ${property.name}`,
		})),
);

const modeOf = (property: INodeProperties, name: string) =>
	(property.modes ?? []).find((mode) => mode.name === name) as INodePropertyMode | undefined;

const regexRules = (mode: INodePropertyMode) =>
	(mode.validation ?? []).filter(
		(rule): rule is INodePropertyRegexValidation => typeof rule === 'object' && rule.type === 'regex',
	);

/** n8n's editor: every regex validation of the mode must pass, each anchored at both ends. */
function editorAccepts(mode: INodePropertyMode, value: string): boolean {
	const rules = regexRules(mode);
	expect(rules.length).toBeGreaterThan(0);
	return rules.every((rule) => new RegExp(`^${rule.properties.regex}$`).test(value));
}

/** n8n-core's extractValue for a resource locator: the first (and only) group, or it throws. */
function n8nExtracts(mode: INodePropertyMode, value: string): string | undefined {
	const extract = mode.extractValue as { type: string; regex: string } | undefined;
	expect(extract?.type).toBe('regex');
	const match = new RegExp(extract!.regex).exec(value);
	if (!match) return undefined;
	// n8n refuses a regex that yields other than exactly one group.
	expect(match).toHaveLength(2);
	return match[1];
}

const engineAccepts = (pathId: PathId, value: string): boolean => {
	try {
		checkPathId(pathId, value);
		return true;
	} catch {
		return false;
	}
};

const engineExtracts = (pathId: PathId, value: string): string | undefined => {
	try {
		return locatorValue(pathId, { __rl: true, mode: 'url', value }) as string;
	} catch {
		return undefined;
	}
};

const UUID_A = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const UUID_B = 'CD11218D-FA00-4FAA-8684-A43113D076A8';

/** Ids each provider really hands out: the By ID mode must take them. */
const GOOD_IDS: Record<Provider, string[]> = {
	stripe: ['ii_1MtGUtLkdIwHu7ix2hjDU4vB', 'in_1MtHbELkdIwHu7ixl4OzzPMv', 'il_1MtHbELkdIwHu7ixk5WTxLBm', 'cus_NffrFeUfNV2Hib', 'sli_1a2b3c'],
	rebilly: ['in_0YVF9605RKC62BP14NE2R7V2XT', 'ii_0YVFDEQS2KCFTBN9HXWJFY55GV', 'my-item.1', 'a@b~c_d-e', '...', 'x'.repeat(50)],
	sequence: [UUID_A, UUID_B.toLowerCase()],
	spacebring: [UUID_A, UUID_B],
};

/**
 * Ids any provider might get by mistake; whether each is taken depends on the path id's own rules,
 * and the editor must decide as the engine does.
 */
const EDGE_IDS = [
	'',
	'.',
	'..',
	'...',
	'.hidden',
	'a.b',
	'a/b',
	'../items',
	'a?b',
	'a#b',
	'a%2Fb',
	'%',
	'a\\b',
	'a b',
	` ${UUID_A}`,
	`${UUID_A} `,
	'a\tb',
	'a\nb',
	'a\rb',
	'line\n',
	'a\u00a0b',
	'a\u2028b',
	'a\u3000b',
	'a\ufeffb',
	'é',
	'in_ü',
	'x'.repeat(49),
	'x'.repeat(50),
	'x'.repeat(51),
	'x'.repeat(5000),
	`${UUID_A}0`,
	UUID_A.slice(1),
	UUID_A.replace(/-/g, ''),
	`{${UUID_A}}`,
	UUID_A.replace('a', 'g'),
	'ii_123',
	'in_1',
	'0',
	'a*b',
	'a;b',
	'a&b',
	'a+b',
	'a:b',
	'a,b',
	'a"b',
	"a'b",
	'a<b>',
	'a|b',
	'a^b',
	'a`b',
	'a[b]',
	'a{b}',
	'a$b',
];

/**
 * Control characters other than whitespace: the engine refuses them (`\p{Cc}` in UNSAFE_IN_PATH), the
 * editor's By ID rule does not (its class excludes `\s` only). Kept apart as a known disagreement.
 */
const CONTROL_IDS = ['a\u0000b', 'a\u0001b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009fb'];

test('every node has resource locators, each found in its endpoint descriptor', () => {
	expect(locators.length).toBeGreaterThanOrEqual(9);
	for (const provider of ['stripe', 'rebilly', 'sequence', 'spacebring'] as const) {
		expect(locators.some((locator) => locator.provider === provider)).toBe(true);
	}
	for (const { property, pathId } of locators) expect(property.displayName).toBe(pathId.label);
});

describe('By ID: the editor accepts and refuses the same ids as the engine', () => {
	test.each(locators.map((locator) => [locator.title, locator] as const))('%s', (_title, { provider, property, pathId }) => {
		const mode = modeOf(property, 'id');
		expect(mode).toBeDefined();
		for (const id of GOOD_IDS[provider]) {
			expect({ id, engine: engineAccepts(pathId, id), editor: editorAccepts(mode!, id) }).toEqual({ id, engine: true, editor: true });
		}
		const samples = [...EDGE_IDS, ...Object.values(GOOD_IDS).flat()];
		const verdicts = samples.map((id) => ({ id, engine: engineAccepts(pathId, id), editor: editorAccepts(mode!, id) }));
		expect(verdicts.filter((verdict) => verdict.engine !== verdict.editor)).toEqual([]);
		// The samples reach both verdicts, so agreement is not trivially "all refused" or "all taken".
		expect(verdicts.some((verdict) => !verdict.engine)).toBe(true);
		expect(verdicts.some((verdict) => verdict.engine)).toBe(true);
	});

	test('the sample set separates the providers’ rules (a rule that ignored the pattern would be caught)', () => {
		const accepted = (provider: Provider) => {
			const { property } = locators.find((locator) => locator.provider === provider)!;
			return EDGE_IDS.filter((id) => editorAccepts(modeOf(property, 'id')!, id)).length;
		};
		// Stripe and Sequence take any one-segment id; Rebilly only its id characters up to 50; Spacebring UUIDs only.
		expect(accepted('stripe')).toBeGreaterThan(accepted('rebilly'));
		expect(accepted('rebilly')).toBeGreaterThan(accepted('spacebring'));
		expect(accepted('sequence')).toBe(accepted('stripe'));
		expect(accepted('spacebring')).toBe(0);
	});

	test('the editor says why in the provider’s own words', () => {
		for (const { property, pathId } of locators) {
			const [rule] = regexRules(modeOf(property, 'id')!);
			expect(rule.properties.errorMessage).toBe(pathId.pattern ? `The ID ${pathId.pattern.message}` : ID_RULE_MESSAGE);
		}
	});

	test('control characters: the editor refuses them as the engine does (Stripe, Sequence)', () => {
		for (const { property, pathId } of locators.filter((locator) => !locator.pathId.pattern)) {
			for (const id of CONTROL_IDS) {
				expect({ id, editor: editorAccepts(modeOf(property, 'id')!, id) }).toEqual({ id, editor: engineAccepts(pathId, id) });
			}
		}
	});

	test('control characters: the engine refuses them everywhere', () => {
		for (const { pathId } of locators) for (const id of CONTROL_IDS) expect(engineAccepts(pathId, id)).toBe(false);
	});
});

/** Good URLs per path id name (by provider), each with the id it holds. */
const STRIPE_DASHBOARD = ['https://dashboard.stripe.com/', 'https://dashboard.stripe.com/test/', 'https://dashboard.stripe.com/acct_1Nv0FGQ9RKHgCVdK/test/'];
const REBILLY_HOSTS = ['https://app.rebilly.com/my-org/', 'https://app-sandbox.rebilly.com/', 'https://api.rebilly.com/organizations/my-org/', 'https://api-sandbox.rebilly.com/organizations/o-1/'];
const SEQUENCE_HOSTS = ['https://dashboard.sequencehq.com/', 'https://eu.sequencehq.com/api/', 'https://sequencehq.com/'];
const SPACEBRING_HOSTS = ['https://api.spacebring.com/billing/', 'https://app.spacebring.com/', 'https://spacebring.com/', 'https://my-net.app.spacebring.com/admin/'];
const TAILS = ['', '/', '?tab=items', '#lines', '/edit?x=1#y'];

const withTails = (url: string, id: string): Array<[string, string]> => TAILS.map((tail) => [`${url}${tail}`, id]);

const RB_INV = 'in_0YVF9605RKC62BP14NE2R7V2XT';
const RB_ITEM = 'ii_0YVFDEQS2KCFTBN9HXWJFY55GV';
const SQ_INV = 'cd11218d-fa00-4faa-8684-a43113d076a8';
const SQ_LINE = 'af60cab3-812d-4250-a051-0fb7133a00c7';

const GOOD_URLS: Record<Provider, Record<string, Array<[string, string]>>> = {
	stripe: {
		invoice: STRIPE_DASHBOARD.flatMap((host) => withTails(`${host}invoices/in_1MtHbELkdIwHu7ixl4OzzPMv`, 'in_1MtHbELkdIwHu7ixl4OzzPMv')),
		itemsOfInvoice: withTails('https://dashboard.stripe.com/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv', 'in_1MtHbELkdIwHu7ixl4OzzPMv'),
		itemsOfCustomer: STRIPE_DASHBOARD.flatMap((host) => withTails(`${host}customers/cus_NffrFeUfNV2Hib`, 'cus_NffrFeUfNV2Hib')),
		invoiceitem: [
			...STRIPE_DASHBOARD.flatMap((host) => withTails(`${host}invoiceitems/ii_1MtGUtLkdIwHu7ix2hjDU4vB`, 'ii_1MtGUtLkdIwHu7ix2hjDU4vB')),
			...withTails('https://api.stripe.com/v1/invoiceitems/ii_1MtGUtLkdIwHu7ix2hjDU4vB', 'ii_1MtGUtLkdIwHu7ix2hjDU4vB'),
		],
		line_item_id: [
			...withTails('https://api.stripe.com/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines/il_1MtHbELkdIwHu7ixk5WTxLBm', 'il_1MtHbELkdIwHu7ixk5WTxLBm'),
			...withTails('https://api.stripe.com/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines/sli_1a2b3c', 'sli_1a2b3c'),
		],
		// Remove (remove_lines) sends the same line id in its body, as `id`.
		id: withTails('https://api.stripe.com/v1/invoices/in_1MtHbELkdIwHu7ixl4OzzPMv/lines/il_1MtHbELkdIwHu7ixk5WTxLBm', 'il_1MtHbELkdIwHu7ixk5WTxLBm'),
	},
	rebilly: {
		invoiceId: REBILLY_HOSTS.flatMap((host) => withTails(`${host}invoices/${RB_INV}`, RB_INV)),
		itemId: REBILLY_HOSTS.flatMap((host) => withTails(`${host}invoices/${RB_INV}/items/${RB_ITEM}`, RB_ITEM)),
	},
	sequence: {
		invoice: SEQUENCE_HOSTS.flatMap((host) => withTails(`${host}invoices/${SQ_INV}`, SQ_INV)),
		id: SEQUENCE_HOSTS.flatMap((host) => withTails(`${host}invoices/${SQ_INV}/line-items/${SQ_LINE}`, SQ_LINE)),
	},
	spacebring: {
		invoiceId: [
			...SPACEBRING_HOSTS.flatMap((host) => withTails(`${host}invoices/v1/${UUID_A}`, UUID_A)),
			...withTails(`https://app.spacebring.com/invoices/${UUID_B}`, UUID_B),
		],
		itemsOfInvoice: withTails(`https://api.spacebring.com/billing/invoices/v1/${UUID_A}`, UUID_A),
		id: [
			...SPACEBRING_HOSTS.flatMap((host) => withTails(`${host}invoices/v1/items/${UUID_A}`, UUID_A)),
			...withTails(`https://app.spacebring.com/billing/invoices/v1/${UUID_B}/items/${UUID_A}`, UUID_A),
		],
	},
};

/** URLs that must be refused: other hosts that only look like the provider's, wrong schemes, wrong places. */
function badUrls(good: string, id: string): string[] {
	const url = new URL(good);
	const rest = `${url.pathname}${url.search}${url.hash}`;
	const host = url.host;
	// The registrable domain (spacebring.com): its subdomains may be the provider's own, look-alikes are not.
	const domain = host.split('.').slice(-2).join('.');
	return [
		`http://${host}${rest}`,
		`https://evil.example${rest}`,
		`https://${host}.evil.example${rest}`,
		`https://evil${domain}${rest}`,
		`https://evil-${domain}${rest}`,
		`https://${domain}.evil.example${rest}`,
		`https://${domain.replace('.', '')}${rest}`,
		`https://${host}@evil.example${rest}`,
		`https://${host}:8443${rest}`,
		`https://evil.example/${host}${rest}`,
		`https://evil.example/?next=${good}`,
		`https://evil.example/#${good}`,
		` https://evil.example${rest}`,
		`ftp://${host}${rest}`,
		`${host}${rest}`,
		`https://${host.replace(/\./g, '-')}${rest}`,
		`https://${host}/?next=${rest.slice(1)}`,
		`https://${host}/#${rest.slice(1)}`,
		good.replace(id, ''),
		good.replace(id, `${id.slice(0, -1)}!${id.slice(-1)}`),
		good.replace(id, `${id.slice(0, -1)}%2F${id.slice(-1)}`),
		good.replace(id, '%2e%2e'),
		id,
		'',
	];
}

describe('By URL: the editor’s validation and extractValue agree with the engine', () => {
	const withUrl = locators.filter((locator) => modeOf(locator.property, 'url'));

	test('every path id with a URL rule has a By URL mode, and only those', () => {
		for (const { property, pathId } of locators) expect(Boolean(modeOf(property, 'url'))).toBe(Boolean(pathId.url));
		expect(withUrl.length).toBe(locators.length);
	});

	test.each(withUrl.map((locator) => [locator.title, locator] as const))('%s', (_title, { provider, property, pathId }) => {
		const mode = modeOf(property, 'url')!;
		const good = GOOD_URLS[provider][pathId.name];
		expect(good?.length).toBeGreaterThan(0);
		for (const [url, id] of [...good, [pathId.url!.example, undefined] as const]) {
			const seen = { url, editor: editorAccepts(mode, url), n8n: n8nExtracts(mode, url), engine: engineExtracts(pathId, url) };
			expect(seen).toEqual({ url, editor: true, n8n: id ?? seen.engine, engine: id ?? seen.n8n });
			expect(seen.engine).toBeTruthy();
			expect(engineAccepts(pathId, seen.engine!)).toBe(true);
		}
		const refused = good.slice(0, 3).flatMap(([url, id]) => badUrls(url, id));
		const taken = refused
			.map((url) => ({ url, editor: editorAccepts(mode, url), n8n: n8nExtracts(mode, url), engine: engineExtracts(pathId, url) }))
			// Blank is no id in the engine (`''`: "is required" comes later); the editor refuses it too.
			.filter((seen) => seen.editor || seen.n8n !== undefined || (seen.engine !== undefined && seen.url !== ''));
		expect(taken).toEqual([]);
	});

	test('a pasted URL is refused by the engine with the field’s name and an example', () => {
		const { pathId } = locators.find((locator) => locator.provider === 'spacebring' && locator.pathId.name === 'id')!;
		expect(() => locatorValue(pathId, { __rl: true, mode: 'url', value: `https://evil.example/items/${UUID_A}` })).toThrow(
			`"Invoice Item ID" must be ${pathId.url!.what}, e.g. ${pathId.url!.example}`,
		);
	});

	test('URLs of one object are not taken for another (an item URL is no invoice URL and the reverse)', () => {
		const spacebring = (name: string) => locators.find((locator) => locator.provider === 'spacebring' && locator.pathId.name === name)!;
		const itemUrl = `https://api.spacebring.com/billing/invoices/v1/items/${UUID_A}`;
		const invoiceUrl = `https://api.spacebring.com/billing/invoices/v1/${UUID_A}`;
		expect(editorAccepts(modeOf(spacebring('invoiceId').property, 'url')!, itemUrl)).toBe(false);
		expect(engineExtracts(spacebring('invoiceId').pathId, itemUrl)).toBeUndefined();
		expect(editorAccepts(modeOf(spacebring('id').property, 'url')!, invoiceUrl)).toBe(false);
		expect(engineExtracts(spacebring('id').pathId, invoiceUrl)).toBeUndefined();
		const stripe = (name: string) => locators.find((locator) => locator.provider === 'stripe' && locator.pathId.name === name)!;
		const customerUrl = 'https://dashboard.stripe.com/customers/cus_NffrFeUfNV2Hib';
		expect(editorAccepts(modeOf(stripe('invoiceitem').property, 'url')!, customerUrl)).toBe(false);
		expect(engineExtracts(stripe('invoiceitem').pathId, customerUrl)).toBeUndefined();
	});

	/** The provider's example URL with its id replaced by each edge id: what the editor takes, the engine must take. */
	const urlsTakenButRefused = ({ property, pathId }: Locator) => {
		const mode = modeOf(property, 'url')!;
		const exampleId = engineExtracts(pathId, pathId.url!.example)!;
		return EDGE_IDS.filter((id) => id !== '')
			.map((id) => pathId.url!.example.replace(exampleId, id))
			.filter((url) => editorAccepts(mode, url))
			.map((url) => ({ url, id: n8nExtracts(mode, url)! }))
			.filter(({ id }) => !engineAccepts(pathId, id));
	};

	test.each(withUrl.map((locator) => [locator.title, locator] as const))(
		'every id a URL yields in the editor also passes the engine’s path id rules: %s',
		(_title, locator) => {
			expect(urlsTakenButRefused(locator)).toEqual([]);
		},
	);
});

/** Every method name a property asks for, wherever it is nested. */
function methodsAskedFor(properties: INodeProperties[]): { listSearch: string[]; loadOptions: string[] } {
	const found = { listSearch: [] as string[], loadOptions: [] as string[] };
	const walk = (property: INodeProperties) => {
		const loadOptions = property.typeOptions?.loadOptionsMethod;
		if (loadOptions) found.loadOptions.push(loadOptions);
		for (const mode of property.modes ?? []) {
			const search = mode.typeOptions?.searchListMethod;
			if (search) found.listSearch.push(search);
			if (mode.type === 'list') expect(search).toBeTruthy();
		}
		for (const option of (property.options ?? []) as unknown[]) {
			if (option && typeof option === 'object' && 'type' in option) walk(option as INodeProperties);
			else if (option && typeof option === 'object' && 'values' in option) (option as { values: INodeProperties[] }).values.forEach(walk);
		}
	};
	properties.forEach(walk);
	return found;
}

describe('every method the properties ask for exists on the node, and every method is asked for', () => {
	test.each(nodes.map((entry) => [entry.node.description.name, entry.node] as const))('%s', (_name, node) => {
		const asked = methodsAskedFor(node.description.properties);
		expect(asked.listSearch.length).toBeGreaterThan(0);
		const listSearch = Object.keys(node.methods?.listSearch ?? {});
		const loadOptions = Object.keys(node.methods?.loadOptions ?? {});
		for (const method of asked.listSearch) expect({ method, present: listSearch.includes(method) }).toEqual({ method, present: true });
		for (const method of asked.loadOptions) expect({ method, present: loadOptions.includes(method) }).toEqual({ method, present: true });
		expect(new Set(asked.listSearch)).toEqual(new Set(listSearch));
		expect(new Set(asked.loadOptions)).toEqual(new Set(loadOptions));
		for (const method of [...listSearch, ...loadOptions]) {
			expect(typeof (node.methods?.listSearch?.[method] ?? node.methods?.loadOptions?.[method])).toBe('function');
		}
	});

	test('the walk finds nested option lists (Stripe: tax rates, prices, products, coupons inside collections; customers and draft invoices of Create)', () => {
		const stripe = nodes.find((entry) => entry.provider === 'stripe')!.node;
		const topLevel = stripe.description.properties.filter((property) => property.typeOptions?.loadOptionsMethod);
		const asked = methodsAskedFor(stripe.description.properties).loadOptions;
		expect(asked.length).toBeGreaterThan(topLevel.length);
		expect(new Set(asked)).toEqual(
			new Set(['listTaxRates', 'listPrices', 'listProducts', 'listCoupons', 'searchCustomers', 'searchDraftInvoices']),
		);
	});
});
