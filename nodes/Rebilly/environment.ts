import type { INodeProperties } from 'n8n-workflow';

import { baseUrlExpression, baseUrlFunction, type BaseUrlDescription } from '../shared/baseUrl';

/** Rebilly's two hosted environments; each has its own keys and data. */
export const REBILLY_HOSTS = {
	sandbox: 'https://api-sandbox.rebilly.com',
	live: 'https://api.rebilly.com',
} as const;

/** Rebilly's ids (organization, invoice, item …): at most 50 of A–Z a–z 0–9 _ - . ~ @. */
export const REBILLY_ID = /^[@~\-.\w]+$/;
export const REBILLY_ID_MAX_LENGTH = 50;

/** Fields both Rebilly credentials share: where the API is and which organization to act on. */
export const environmentProperties: INodeProperties[] = [
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		default: 'sandbox',
		options: [
			{ name: 'Sandbox', value: 'sandbox', description: REBILLY_HOSTS.sandbox },
			{ name: 'Live', value: 'live', description: REBILLY_HOSTS.live },
			{ name: 'Custom URL', value: 'custom', description: 'Another address, e.g. a local mock server for tests' },
		],
		description: 'Sandbox and live are separate: a key or token only works in the environment it was made in',
	},
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: REBILLY_HOSTS.live,
		description: 'The API address without the /organizations/… part',
		displayOptions: { show: { environment: ['custom'] } },
	},
	{
		displayName: 'Organization ID',
		name: 'organizationId',
		type: 'string',
		default: '',
		placeholder: 'org_0YVDM8RC7GDADADSBSMW124JA8',
		description:
			'The organization to act on (Settings → My organization & websites); requests then go to /organizations/{ID}/…. Leave empty to use the default organization of the key or token.',
	},
];

/** The API root: a hosted environment or a custom URL, then the organization when one is set. */
const REBILLY_BASE_URL: BaseUrlDescription = {
	urlField: 'baseUrl',
	environment: { field: 'environment', hosts: REBILLY_HOSTS, defaultValue: 'sandbox', custom: 'custom' },
	prefix: { field: 'organizationId', path: '/organizations/' },
};

export const rebillyBaseUrl = baseUrlFunction(REBILLY_BASE_URL);

/** The same base URL for the credentials' `test` request (n8n evaluates it with `$credentials`). */
export const BASE_URL_EXPRESSION = baseUrlExpression(REBILLY_BASE_URL);

/** The secret as the user pasted it, without surrounding space. */
export const bareToken = (value: unknown) => String(value ?? '').trim();
