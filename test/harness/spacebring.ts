import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { SpacebringApi } from '../../credentials/SpacebringApi.credentials';
import { SpacebringOAuth2Api } from '../../credentials/SpacebringOAuth2Api.credentials';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { runNode, type NodeRun, type RunNodeOptions } from './n8n';

export const ITEM_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
export const NETWORK_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const INVOICE_ID = '907e3bd4-64e4-4e31-b166-29f1053089ac';
export const CLIENT_ID = 'sb-client-4f1e2d';
export const CLIENT_SECRET = 'sb_secret_ThisMustNeverLeak_5bd7e2c1';
export const ACCESS_TOKEN = 'sb_access_ThisMustNeverLeak_91ac3f';
export const REFRESH_TOKEN = 'sb_refresh_ThisMustNeverLeak_0d44e8';
/** What n8n-core's axios sends for CLIENT_ID:CLIENT_SECRET. */
export const BASIC_HEADER = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

export type SpacebringAuth = 'oAuth2' | 'basicAuth';

export interface SpacebringRunOptions {
	auth?: SpacebringAuth;
	items?: IDataObject[];
	continueOnFail?: RunNodeOptions['continueOnFail'];
	/** Overrides of the OAuth2 credential's data (as n8n stores it, hidden defaults included). */
	oauth2?: IDataObject;
	/** Overrides of the Basic credential's data. */
	basic?: IDataObject;
	timezone?: string;
}

/** The OAuth2 credential's data as n8n hands it to a node: hidden defaults plus the connected token. */
export const oauth2Data = (baseUrl: string, overrides: IDataObject = {}): IDataObject => ({
	grantType: 'authorizationCode',
	authUrl: 'https://api.spacebring.com/oauth2/authorize',
	// Never the real one in tests: a refresh would go to the local server.
	accessTokenUrl: `${baseUrl}/oauth2/token`,
	clientId: CLIENT_ID,
	clientSecret: CLIENT_SECRET,
	scope: 'invoices',
	authQueryParameters: '',
	authentication: 'body',
	oauthTokenData: { access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, token_type: 'Bearer', expires_in: 3600 },
	networkId: NETWORK_ID,
	baseUrl,
	...overrides,
});

/**
 * Runs the Spacebring node in n8n-core with both credentials configured, so every test also shows
 * that the Authentication parameter picks the right one.
 */
export function runSpacebring(baseUrl: string, parameters: INodeParameters, options: SpacebringRunOptions = {}): Promise<NodeRun> {
	return runNode({
		node: new Spacebring(),
		credentialTypes: [new SpacebringOAuth2Api(), new SpacebringApi()],
		credentials: {
			spacebringOAuth2Api: oauth2Data(baseUrl, options.oauth2) as ICredentialDataDecryptedObject,
			spacebringApi: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl, ...options.basic } as ICredentialDataDecryptedObject,
		},
		parameters: { authentication: options.auth ?? 'oAuth2', ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
		timezone: options.timezone,
	});
}

/** Parameters for an invoice item update. */
export const updateItem = (updateFields: IDataObject, extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'update', id: ITEM_ID, updateFields, ...extra }) as INodeParameters;

/** Parameters for reading one invoice item. */
export const getItem = (extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'get', id: ITEM_ID, ...extra }) as INodeParameters;

/** Parameters for listing invoice items across invoices. */
export const getManyItems = (extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'getAll', ...extra }) as INodeParameters;

/** Parameters for listing the items of one invoice. */
export const getInvoiceItems = (extra: IDataObject = {}) =>
	({ resource: 'invoiceItem', operation: 'getAllOfInvoice', invoiceId: INVOICE_ID, ...extra }) as INodeParameters;

/** The "Product Title" field as the n8n UI gives it (sent as `product.title`). */
export const product = (title: string): IDataObject => ({ title });

/** An invoice item as Spacebring describes it (every field its schema requires). */
export const sampleItem = (overrides: IDataObject = {}): IDataObject => ({
	id: ITEM_ID,
	amount: 25,
	baseAmounts: {
		currencyCode: 'EUR',
		discountedAmount: 0,
		totalAmount: 25,
		totalExcludingTaxAmount: 25,
		unitAmount: 12.5,
		unitExcludingTaxAmount: 12.5,
	},
	createDate: '2026-01-05T10:00:00.000Z',
	currencyCode: 'EUR',
	description: 'Meeting room',
	discountedAmount: 0,
	discounts: [],
	locationRef: '67082fca-0af2-45de-b706-989d775452e2',
	netAmount: 25,
	netUnitAmount: 12.5,
	product: { title: 'Meeting room', type: 'custom' },
	quantity: 2,
	totalAmount: 25,
	totalExcludingTaxAmount: 25,
	type: 'custom',
	unitAmount: 12.5,
	unitExcludingTaxAmount: 12.5,
	...overrides,
});

export { everything } from './n8n';
