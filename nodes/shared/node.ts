import type {
	IExecuteFunctions,
	INodeCredentialDescription,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { Provider } from './descriptor';
import { executeEndpoints } from './execute';
import { listMethods } from './listing';
import { operationSubtitle, resourceProperties, type ResourceGroup } from './properties';

/** What a node shows besides its provider's endpoints. */
export interface NodeMeta {
	/**
	 * How each of `Provider.authentication`'s values reads in the Authentication selector, in the order
	 * offered; the value of `Provider.credentialType` is the default.
	 */
	authentication?: Record<string, { name: string; description?: string }>;
	/** Shown under the Authentication selector. */
	authenticationHint?: string;
	/** Properties shown between the Authentication selector and the resources (e.g. a notice). */
	properties?: INodeProperties[];
}

/**
 * The generated part of a node: its credentials, properties (the Authentication selector when the
 * provider offers several credential types, then the resources), subtitle, list methods and execute.
 * The node file keeps in its description literal the fields n8n's linter reads there (icon, subtitle,
 * usableAsTool) and the node's own names.
 */
export function defineNode(provider: Provider, resources: ResourceGroup[], meta: NodeMeta = {}) {
	return {
		subtitle: operationSubtitle(provider, resources),
		/** The description's fields every node of this package has alike, and its generated ones. */
		description: {
			group: ['transform'],
			version: 1,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: credentialsOf(provider),
			properties: [...authenticationProperties(provider, meta), ...(meta.properties ?? []), ...resourceProperties(provider, resources)],
		} satisfies Partial<INodeTypeDescription>,
		methods: listMethods(provider, resources),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await executeEndpoints(this, provider, resources);
		},
	} satisfies Pick<INodeType, 'methods' | 'execute'> & { subtitle: string; description: Partial<INodeTypeDescription> };
}

function credentialsOf({ credentialType, authentication }: Provider): INodeCredentialDescription[] {
	if (!authentication) return [{ name: credentialType, required: true }];
	return Object.entries(authentication.types).map(([value, name]) => ({
		name,
		required: true,
		displayOptions: { show: { [authentication.parameter]: [value] } },
	}));
}

function authenticationProperties({ name, credentialType, authentication }: Provider, meta: NodeMeta): INodeProperties[] {
	if (!authentication) return [];
	const values = Object.keys(authentication.types);
	const labels = meta.authentication ?? {};
	const unlabelled = values.filter((value) => !labels[value]);
	if (unlabelled.length > 0 || Object.keys(labels).length !== values.length) {
		throw new Error(`${name}: the Authentication choices need a label each (${values.join(', ')})`);
	}
	const defaultChoice = values.find((value) => authentication.types[value] === credentialType) ?? values[0];
	return [
		{
			displayName: 'Authentication',
			name: authentication.parameter,
			type: 'options',
			options: Object.entries(labels).map(([value, { name: label, description }]) => ({
				name: label,
				value,
				...(description ? { description } : {}),
			})),
			default: defaultChoice,
			...(meta.authenticationHint ? { hint: meta.authenticationHint } : {}),
		},
	];
}
