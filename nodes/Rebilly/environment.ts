import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

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

/** The API root for these credentials, with the organization prefix when one is set (no trailing slash). */
export function rebillyBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'sandbox');
	const host =
		environment === 'custom'
			? String(credentials.baseUrl ?? '').trim()
			: environment === 'live'
				? REBILLY_HOSTS.live
				: REBILLY_HOSTS.sandbox;
	const root = host.replace(/\/+$/, '');
	const organizationId = String(credentials.organizationId ?? '').trim();
	return organizationId ? `${root}/organizations/${encodeURIComponent(organizationId)}` : root;
}

/**
 * The same base URL as an n8n expression, for the credentials' `test` request (n8n evaluates it
 * with `$credentials`). Kept equal to `rebillyBaseUrl` by a test.
 */
export const BASE_URL_EXPRESSION =
	'={{ ($credentials.environment === "custom" ? String($credentials.baseUrl || "").trim().replace(/\\/+$/, "")' +
	` : $credentials.environment === "live" ? "${REBILLY_HOSTS.live}" : "${REBILLY_HOSTS.sandbox}")` +
	' + (String($credentials.organizationId || "").trim() ? "/organizations/" + encodeURIComponent(String($credentials.organizationId).trim()) : "") }}';

/** The secret as the user pasted it, without surrounding space. */
export const bareToken = (value: unknown) => String(value ?? '').trim();
