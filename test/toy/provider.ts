import type { IDataObject } from 'n8n-workflow';

import { jsonCodec } from '../../nodes/shared/codec';
import type { Provider } from '../../nodes/shared/descriptor';

/** A billing API that exists only here: JSON bodies, errors as `{ error }`, one credential. */
export const toy: Provider = {
	name: 'Toy',
	credentialType: 'toyApi',
	baseUrl: (credentials) => String(credentials.baseUrl).replace(/\/+$/, ''),
	codec: jsonCodec,
	describeError: ({ statusCode, body }) => {
		const error = (body && typeof body === 'object' ? body : {}) as IDataObject;
		return { message: typeof error.error === 'string' ? error.error : `Toy answered HTTP ${statusCode}` };
	},
	secretFields: ['apiKey'],
	rateLimit: () => 100,
};
