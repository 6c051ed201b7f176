/** The package's four node types with their folders and providers, for what every node must do. */
import type { INodeType } from 'n8n-workflow';

import { Rebilly } from '../../nodes/Rebilly/Rebilly.node';
import { rebilly } from '../../nodes/Rebilly/provider';
import { SequenceBilling } from '../../nodes/Sequence/SequenceBilling.node';
import { sequence } from '../../nodes/Sequence/provider';
import { Spacebring } from '../../nodes/Spacebring/Spacebring.node';
import { spacebring } from '../../nodes/Spacebring/provider';
import { StripeInvoicing } from '../../nodes/Stripe/StripeInvoicing.node';
import { stripe } from '../../nodes/Stripe/provider';
import type { Provider } from '../../nodes/shared/descriptor';

export interface PackageNode {
	node: INodeType;
	/** The node's folder under nodes/. */
	folder: string;
	provider: Provider;
}

/** [display name, node], ready for describe.each. */
export const PACKAGE_NODES: Array<[string, PackageNode]> = [
	['Stripe Invoicing', { node: new StripeInvoicing(), folder: 'Stripe', provider: stripe }],
	['Rebilly', { node: new Rebilly(), folder: 'Rebilly', provider: rebilly }],
	['Sequence Billing', { node: new SequenceBilling(), folder: 'Sequence', provider: sequence }],
	['Spacebring', { node: new Spacebring(), folder: 'Spacebring', provider: spacebring }],
];
