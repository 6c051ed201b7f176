/**
 * defineNode generates the credential list and the Authentication selector from
 * `Provider.authentication`: the selectors read as the hand-written ones did.
 */
import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import { defineNode } from '../../nodes/shared/node';
import { rebilly } from '../../nodes/Rebilly/provider';

const UPDATES_NEED_OAUTH2 =
	'Spacebring accepts changes of invoice items only with OAuth2: with Basic Auth, Update, Create and Delete stop before sending. Get and Get Many work with both.';

test('Rebilly: API Key (the default) or JWT, each showing its credential', () => {
	const { properties, credentials } = new Rebilly().description;
	expect(properties[0]).toEqual({
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'API Key', value: 'apiKey' },
			{ name: 'JWT', value: 'jwt' },
		],
		default: 'apiKey',
	});
	expect(credentials).toEqual([
		{ name: 'rebillyApi', required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
		{ name: 'rebillyJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
	]);
});

test('Spacebring: OAuth2 (the default) or Basic Auth with their descriptions, the hint, then the Basic Auth notice on Update', () => {
	const { properties, credentials } = new Spacebring().description;
	expect(properties.slice(0, 2)).toEqual([
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'OAuth2', value: 'oAuth2', description: 'For partner apps; needed to create, update and delete invoice items' },
				{ name: 'Basic Auth', value: 'basicAuth', description: "A network's own client ID and secret; for reads (changes need OAuth2)" },
			],
			default: 'oAuth2',
			hint: UPDATES_NEED_OAUTH2,
		},
		{
			displayName: UPDATES_NEED_OAUTH2,
			name: 'basicAuthUpdateNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['basicAuth'], resource: ['invoiceItem'], operation: ['update', 'create', 'delete'] } },
		},
	]);
	expect(credentials).toEqual([
		{ name: 'spacebringOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
		{ name: 'spacebringApi', required: true, displayOptions: { show: { authentication: ['basicAuth'] } } },
	]);
});

test('a provider with one credential type: that credential, no selector', () => {
	const { properties, credentials } = new StripeInvoicing().description;
	expect(credentials).toEqual([{ name: 'stripeInvoicingApi', required: true }]);
	expect(properties.some((property) => property.name === 'authentication')).toBe(false);
});

test('every Authentication choice needs its label', () => {
	expect(() => defineNode(rebilly, [], { authentication: { apiKey: { name: 'API Key' } } })).toThrow(
		'Rebilly: the Authentication choices need a label each (apiKey, jwt)',
	);
	expect(() => defineNode(rebilly, [])).toThrow('Rebilly: the Authentication choices need a label each (apiKey, jwt)');
});
