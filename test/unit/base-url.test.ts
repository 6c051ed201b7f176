/**
 * Each credential's test request goes where the node's requests go: both come from one description
 * (nodes/shared/baseUrl.ts), and here n8n's expression engine resolves the test's `baseURL` for the
 * same credentials the node's provider is given.
 */
import { Workflow, type ICredentialDataDecryptedObject, type ICredentialType, type INodeTypes } from 'n8n-workflow';

import { RebillyApi } from '../../credentials/RebillyApi.credentials';
import { RebillyJwtApi } from '../../credentials/RebillyJwtApi.credentials';
import { SequenceApi } from '../../credentials/SequenceApi.credentials';
import { SpacebringApi } from '../../credentials/SpacebringApi.credentials';
import { SpacebringOAuth2Api } from '../../credentials/SpacebringOAuth2Api.credentials';
import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';
import { REBILLY_HOSTS } from '../../nodes/Rebilly/environment';
import { rebilly } from '../../nodes/Rebilly/provider';
import { sequence } from '../../nodes/Sequence/provider';
import { spacebring } from '../../nodes/Spacebring/provider';
import { stripe } from '../../nodes/Stripe/provider';
import type { Provider } from '../../nodes/shared/descriptor';

type Case = [string, ICredentialDataDecryptedObject, string];

/** An expression as n8n resolves a credential test's request: in a workflow, with `$credentials`. */
function resolve(expression: string, credentials: ICredentialDataDecryptedObject): unknown {
	const nodeTypes = { getByName: () => ({ description: { properties: [] } }), getByNameAndVersion: () => ({ description: { properties: [] } }) };
	const workflow = new Workflow({
		nodes: [{ id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} }],
		connections: {},
		active: false,
		nodeTypes: nodeTypes as unknown as INodeTypes,
	});
	return workflow.expression.getParameterValue(expression, null, 0, 0, 'Test', [], 'internal', { $credentials: credentials } as never);
}

const HOSTED: Case[] = [
	['the default', {}, ''],
	['an empty Base URL', { baseUrl: '' }, ''],
	['spaces around it', { baseUrl: '  ' }, ''],
	['a local server with trailing slashes and spaces', { baseUrl: ' http://127.0.0.1:4010/api// ' }, 'http://127.0.0.1:4010/api'],
];
const withHost = (host: string): Case[] => HOSTED.map(([name, credentials, url]) => [name, credentials, url || host]);

const REBILLY: Case[] = [
	['sandbox with organization', { environment: 'sandbox', organizationId: 'org_1' }, `${REBILLY_HOSTS.sandbox}/organizations/org_1`],
	['live with organization', { environment: 'live', organizationId: ' org_2 ' }, `${REBILLY_HOSTS.live}/organizations/org_2`],
	['live without organization', { environment: 'live', organizationId: '' }, REBILLY_HOSTS.live],
	['sandbox by default', {}, REBILLY_HOSTS.sandbox],
	['custom URL, trailing slash', { environment: 'custom', baseUrl: 'http://127.0.0.1:4010/', organizationId: 'o@1' }, 'http://127.0.0.1:4010/organizations/o%401'],
	['custom URL ignored for sandbox', { environment: 'sandbox', baseUrl: 'http://127.0.0.1:4010' }, REBILLY_HOSTS.sandbox],
];

const SEQUENCE: Case[] = [
	['sandbox', { region: 'sandbox' }, 'https://sandbox.sequencehq.com/api'],
	['EU', { region: 'eu' }, 'https://eu.sequencehq.com/api'],
	['sandbox by default', {}, 'https://sandbox.sequencehq.com/api'],
	['custom, trimmed', { region: 'custom', baseUrl: ' http://127.0.0.1:4010/api// ' }, 'http://127.0.0.1:4010/api'],
	['custom URL ignored for EU', { region: 'eu', baseUrl: 'http://127.0.0.1:4010' }, 'https://eu.sequencehq.com/api'],
];

describe.each<[string, Provider, ICredentialType[], Case[]]>([
	['Stripe', stripe, [new StripeInvoicingApi()], withHost('https://api.stripe.com')],
	['Rebilly', rebilly, [new RebillyApi(), new RebillyJwtApi()], REBILLY],
	['Sequence', sequence, [new SequenceApi()], SEQUENCE],
	['Spacebring', spacebring, [new SpacebringApi(), new SpacebringOAuth2Api()], withHost('https://api.spacebring.com')],
])('%s', (_name, provider, credentials, cases) => {
	test.each(cases)('%s: the node and every credential test use the same base URL', (_case, values, expected) => {
		expect(provider.baseUrl(values)).toBe(expected);
		for (const credential of credentials) {
			const baseURL = String(credential.test!.request.baseURL);
			expect([credential.name, resolve(baseURL, values)]).toEqual([credential.name, expected]);
		}
	});

	test('a Base URL field starts at the production URL the node falls back to', () => {
		for (const credential of credentials) {
			const field = credential.properties.find((property) => property.name === 'baseUrl');
			if (field?.default) expect(field.default).toBe(provider.baseUrl({}));
		}
	});
});
