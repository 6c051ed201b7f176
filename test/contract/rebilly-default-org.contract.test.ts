/**
 * Without an organization ID the node calls the API root, as Rebilly's own SDK does (the key's or
 * token's default organization). Prism serves the spec's paths there, with no prefix.
 */
import type { INodeParameters } from 'n8n-workflow';

import { contractFor } from '../harness/recording';
import { TEST_API_KEY, TEST_JWT, getItem, getMany, mergeUpdate, replaceUpdate, runRebilly, type Auth } from '../harness/rebilly';

const prism = contractFor('rebilly');

const ITEM = '/invoices/in-1/items/ii-1';

describe.each<Auth>(['apiKey', 'jwt'])('Rebilly without an organization ID (%s)', (auth) => {
	test.each<[string, INodeParameters, string[]]>([
		['Update, Merge', mergeUpdate({ quantity: 2 }, { clearFields: { productId: true } }), [`GET ${ITEM}`, `PUT ${ITEM}`]],
		['Update, Replace', replaceUpdate({ type: 'credit', unitPrice: 4 }, { periodNumber: 2 }), [`PUT ${ITEM}`]],
		['Get', getItem(), [`GET ${ITEM}`]],
		['Get Many', getMany({ returnAll: true }), ['GET /invoices/in-1/items?limit=1000']],
	])('%s goes to the spec’s paths with no prefix and conforms', async (_name, parameters, calls) => {
		const result = await runRebilly(prism.url, parameters, { auth, credentials: { organizationId: '' } });
		expect(result.error).toBeUndefined();
		expect(prism.requests.map((request) => `${request.method} ${request.url}`)).toEqual(calls);
		for (const request of prism.requests) {
			expect(request.violations).toEqual([]);
			expect(request.status).toBe(200);
			if (auth === 'apiKey') expect(request.headers['reb-apikey']).toBe(TEST_API_KEY);
			else expect(request.headers.authorization).toBe(`Bearer ${TEST_JWT}`);
		}
	});
});
