import type { IDataObject } from 'n8n-workflow';

import { baseUrlFunction, type BaseUrlDescription } from '../../nodes/shared/baseUrl';
import { jsonCodec } from '../../nodes/shared/codec';
import type { Provider } from '../../nodes/shared/descriptor';

export const TOY_BASE_URL: BaseUrlDescription = { urlField: 'baseUrl', fallback: 'https://api.toy.example' };

/** A billing API that exists only here: JSON bodies, errors as `{ error }`, one credential. */
export const toy: Provider = {
	name: 'Toy',
	credentialType: 'toyApi',
	baseUrl: baseUrlFunction(TOY_BASE_URL),
	codec: jsonCodec,
	describeError: ({ statusCode, body }) => {
		const error = (body && typeof body === 'object' ? body : {}) as IDataObject;
		return { message: typeof error.error === 'string' ? error.error : `Toy answered HTTP ${statusCode}` };
	},
	secretFields: ['apiKey'],
	rateLimit: () => 100,
};
