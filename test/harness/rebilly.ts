import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { RebillyApi } from '../../credentials/RebillyApi.credentials';
import { RebillyJwtApi } from '../../credentials/RebillyJwtApi.credentials';
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { runNode, type NodeRun, type RunNodeOptions } from './n8n';
import type { RecordedRequest, Reply } from './recorder';

export const TEST_API_KEY = 'sk_sandbox_HarnessRebillyKeyThatMustNeverLeak0';
export const TEST_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJoYXJuZXNzIn0.HarnessSignatureThatMustNeverLeak';
export const ORGANIZATION = 'org-1';

export type Auth = 'apiKey' | 'jwt';

export interface RebillyRunOptions {
	items?: IDataObject[];
	continueOnFail?: RunNodeOptions['continueOnFail'];
	/** Which credential the node's Authentication option picks (left unset: the node's default). */
	auth?: Auth;
	/** Overrides for both credentials' data (environment, organizationId, apiKey, token …). */
	credentials?: IDataObject;
	timezone?: string;
}

/** Runs the Rebilly node in n8n-core against `baseUrl` (the server root, without /organizations/…). */
export function runRebilly(baseUrl: string, parameters: INodeParameters, options: RebillyRunOptions = {}): Promise<NodeRun> {
	const common = { environment: 'custom', baseUrl, organizationId: ORGANIZATION, ...options.credentials };
	return runNode({
		node: new Rebilly(),
		credentialTypes: [new RebillyApi(), new RebillyJwtApi()],
		credentials: {
			rebillyApi: { apiKey: TEST_API_KEY, ...common },
			rebillyJwtApi: { token: TEST_JWT, ...common },
		},
		parameters: options.auth ? { authentication: options.auth, ...parameters } : parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
	});
}

const ids = { invoiceId: 'in-1', itemId: 'ii-1' };

/** Update in Merge mode (the default): only the fields to change. */
export const mergeUpdate = (updateFields: IDataObject, extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'update', ...ids, updateFields, ...extra }) as INodeParameters;

/** Update in Replace mode: Type and Unit Price are top-level, the rest in Update Fields. */
export const replaceUpdate = (
	required: { type: string; unitPrice: unknown },
	updateFields: IDataObject = {},
	extra: IDataObject = {},
) =>
	({ resource: 'invoiceItem', operation: 'update', updateMode: 'replace', ...ids, ...required, updateFields, ...extra }) as INodeParameters;

export const getItem = (extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'get', ...ids, ...extra }) as INodeParameters;

export const getMany = (extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'getAll', invoiceId: 'in-1', ...extra }) as INodeParameters;

/** Paths of the test item, with the organization prefix the credential adds. */
export const ITEM_PATH = `/organizations/${ORGANIZATION}/invoices/in-1/items/ii-1`;
export const ITEMS_PATH = `/organizations/${ORGANIZATION}/invoices/in-1/items`;

/** An invoice item as Rebilly returns it: writable fields plus the read-only ones it adds. */
export const CURRENT_ITEM = {
	id: 'ii-1',
	type: 'debit',
	description: 'Seats, January',
	unitPrice: 12.5,
	quantity: 4,
	price: 50,
	productId: 'prod-7',
	planId: 'plan-3',
	subscriptionId: 'sub-9',
	periodStartTime: '2026-01-01T00:00:00Z',
	periodEndTime: '2026-01-31T23:59:59Z',
	periodNumber: 2,
	createdTime: '2025-12-20T10:00:00Z',
	updatedTime: '2025-12-21T10:00:00Z',
	tax: { amount: 4.5, description: 'VAT' },
	_links: [{ href: 'https://api.rebilly.com/invoices/in-1/items/ii-1', rel: 'self' }],
	_embedded: { product: { id: 'prod-7' } },
};

/** The writable part of CURRENT_ITEM, in schema order: what Merge mode sends when nothing changes. */
export const CURRENT_WRITABLE = {
	type: 'debit',
	description: 'Seats, January',
	unitPrice: 12.5,
	quantity: 4,
	productId: 'prod-7',
	periodStartTime: '2026-01-01T00:00:00Z',
	periodEndTime: '2026-01-31T23:59:59Z',
	periodNumber: 2,
};

/** Fields Rebilly sets itself; none may ever be in a request body. */
export const READ_ONLY = ['id', 'price', 'tax', 'planId', 'subscriptionId', 'createdTime', 'updatedTime', '_links', '_embedded'];

/** A small Rebilly holding `current`: GET answers it, PUT answers the item written, with what Rebilly sets itself. */
export const itemServer =
	(current: IDataObject) =>
	(request: RecordedRequest): Reply =>
		request.method === 'PUT'
			? { body: { ...current, ...(JSON.parse(request.body) as IDataObject), price: 1, updatedTime: '2026-02-01T00:00:00Z' } }
			: { body: current };

/** Rebilly's error answer: an RFC 7807 problem. */
export const problem = (status: number, extra: IDataObject = {}) => ({
	status,
	headers: { 'Content-Type': 'application/problem+json' },
	body: { status, type: 'about:blank', ...extra },
});

export { everything } from './n8n';
