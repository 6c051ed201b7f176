import type { BaseUrlDescription } from '../shared/baseUrl';

/** Spacebring's API, unless the credential points elsewhere (a local server in tests). */
export const SPACEBRING_BASE_URL: BaseUrlDescription = { urlField: 'baseUrl', fallback: 'https://api.spacebring.com' };
