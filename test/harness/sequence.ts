import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SequenceApi } from '../../credentials/SequenceApi.credentials';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { runNode, type NodeRun, type RunNodeOptions } from './n8n';
import type { RecordedRequest } from './recorder';

export const CLIENT_ID = 'seq-client-harness-7f3a';
export const CLIENT_SECRET = 'seq-secret-HarnessValueThatMustNeverLeak-000';
/** What Sequence's Basic authentication carries: base64("clientId:clientSecret"). */
export const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

export const INVOICE = 'cd11218d-fa00-4faa-8684-a43113d076a8';
export const LINE = 'af60cab3-812d-4250-a051-0fb7133a00c7';

export interface SequenceRunOptions {
	items?: IDataObject[];
	continueOnFail?: RunNodeOptions['continueOnFail'];
	/** Credential fields over the defaults (custom region at the test server). */
	credentials?: IDataObject;
	timezone?: string;
}

export function runSequence(url: string, parameters: INodeParameters, options: SequenceRunOptions = {}): Promise<NodeRun> {
	return runNode({
		node: new SequenceBilling(),
		credentialTypes: [new SequenceApi()],
		credentials: {
			sequenceApi: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, region: 'custom', baseUrl: url, ...options.credentials },
		},
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
	});
}

/** Update in Merge mode (the default): only the changes are given. */
export const merge = (updateFields: IDataObject, extra: IDataObject = {}) =>
	({
		resource: 'invoiceLineItem',
		operation: 'update',
		invoice: INVOICE,
		id: LINE,
		updateFields,
		...extra,
	}) as INodeParameters;

/** Update in Replace mode: the required fields are top-level parameters. */
export const replace = (required: IDataObject, updateFields: IDataObject = {}, extra: IDataObject = {}) =>
	({
		resource: 'invoiceLineItem',
		operation: 'update',
		updateMode: 'replace',
		invoice: INVOICE,
		id: LINE,
		...required,
		updateFields,
		...extra,
	}) as INodeParameters;

export const getMany = (extra: IDataObject = {}) =>
	({ resource: 'invoiceLineItem', operation: 'getAll', invoice: INVOICE, ...extra }) as INodeParameters;

export const getOne = (id: string, extra: IDataObject = {}) =>
	({ resource: 'invoiceLineItem', operation: 'get', invoice: INVOICE, id, ...extra }) as INodeParameters;

// Shapes of the n8n UI (see nodes/shared/properties.ts).
export const externalIds = (...entries: Array<[string, string]>) => ({
	values: entries.map(([key, value]) => ({ key, value })),
});
export const servicePeriod = (startDate: unknown, endDate: unknown) => ({ values: { startDate, endDate } });

/** A minimal Replace body's required fields, as the UI holds them. */
export const REQUIRED = {
	title: 'Platform fee',
	quantity: '1',
	rate: '100.00',
	taxRate: '0.2',
	externalIds: externalIds(['Xero', 'XERO-1']),
};

/** A line item as Sequence returns it (read-only fields included). */
export const lineItem = (id: string, extra: IDataObject = {}): IDataObject => ({
	id,
	invoiceId: INVOICE,
	title: 'Ferraris',
	description: 'Red',
	quantity: '2',
	rate: '20000.10',
	taxRate: '0.2',
	servicePeriodStart: '2022-10-20T00:00:00Z',
	servicePeriodEnd: '2022-10-24T00:00:00Z',
	servicePeriod: { startDate: '2022-10-20', endDate: '2022-10-24' },
	index: 2,
	groupId: 'cd11218d-fa00-4faa-8684-a43113d076a8',
	netTotal: '51.20',
	totalTax: '2.50',
	grossTotal: '101.23',
	priceId: 'fe2fcd0b-4c53-45c7-b2ae-b6c1a7d21e95',
	rateDisplay: 'ABSOLUTE',
	externalIds: [{ key: 'Xero', value: '123' }],
	revenueClassification: 'EARNED',
	creditGrantId: 'fe2fcd0b-4c53-45c7-b2ae-b6c1a7d21e95',
	productId: 'dd55bf30-3b97-4644-a9fc-b15e0f59a110',
	revenueRecognitionMethod: 'USAGE',
	...extra,
});

/** The writable part of `lineItem`, in the request schema's order: what Merge sends back unchanged. */
export const writable = (item: IDataObject): IDataObject => {
	const keys = [
		'title', 'description', 'quantity', 'rate', 'taxRate', 'servicePeriodStart', 'servicePeriodEnd',
		'servicePeriod', 'groupId', 'priceId', 'rateDisplay', 'externalIds', 'revenueClassification',
		'creditGrantId', 'revenueRecognitionMethod',
	];
	return Object.fromEntries(keys.filter((key) => item[key] !== undefined).map((key) => [key, item[key]]));
};

/** A Sequence invoice with `count` line items, paged by an opaque `after` cursor. */
export function invoiceServer(lines: IDataObject[], options: { cursorOnLastPage?: boolean } = {}) {
	return (request: RecordedRequest) => {
		if (request.method === 'PUT') return { body: { ...lineItem(LINE), ...JSON.parse(request.body), id: LINE } };
		const query = new URLSearchParams(request.query);
		const limit = Number(query.get('limit') ?? 20);
		const after = query.get('after');
		const start = after ? Number(Buffer.from(after, 'base64').toString().replace('line-', '')) : 0;
		const items = lines.slice(start, start + limit);
		const more = start + limit < lines.length;
		const cursor = Buffer.from(`line-${start + limit}`).toString('base64');
		return {
			body: {
				items,
				pagination: more || options.cursorOnLastPage ? { after: cursor, totalResultSize: lines.length } : { totalResultSize: lines.length },
			},
		};
	};
}
export const cursorAt = (index: number) => Buffer.from(`line-${index}`).toString('base64');
export const others = (count: number, prefix = 'other') => Array.from({ length: count }, (_, index) => lineItem(`${prefix}-${index}`));

export { everything } from './n8n';
