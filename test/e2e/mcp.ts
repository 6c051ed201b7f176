/**
 * The nodes as AI tools, the way an agent reaches them over MCP: examples/mcp-invoice-item-tools.json
 * published in the started n8n (its MCP Server Trigger on the production URL, Bearer token), and the
 * official TypeScript MCP client (@modelcontextprotocol/sdk) over Streamable HTTP, the transport n8n's
 * trigger (version 2) serves on POST of its path in 1.123, 2.8 and 2.41 (it also serves SSE on GET).
 * The client lists the tools and calls them; the stand-in providers record what the nodes sent.
 *
 * Called inside each version's describe block of examples.e2e.ts, so that one n8n serves it all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import {
	EXAMPLES_DIR,
	PACKAGE,
	PROVIDERS,
	REBILLY_BASE_PATH,
	SECRETS,
	SECRET_VALUES,
	type Environment,
	type Provider,
	type WorkflowJson,
} from './environment';
import { REPO_ROOT } from './n8n-cli';

export const MCP_EXAMPLE = 'mcpInvoiceTools1';

const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'mcp-invoice-item-tools.json'), 'utf8')) as WorkflowJson;
const trigger = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger')!;
const tools = workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE}.`));

/** What n8n names a tool after its node (n8n-workflow's nodeNameToToolName). */
const toolName = (nodeName: string) => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

/** Every text among a node's parameters, nested ones too. */
const texts = (value: unknown): string[] =>
	typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(texts) : [];

/** The `$fromAI(key, description, type)` placeholders of a node: what the agent is asked for. */
function placeholders(parameters: unknown): Array<{ key: string; description: string; type: string }> {
	const found = texts(parameters).flatMap((text) => [...text.matchAll(/\$fromAI\('(\w+)', '((?:[^'\\]|\\.)*)', '(\w+)'\)/g)]);
	return found.map(([, key, description, type]) => ({ key, description: description.replace(/\\'/g, "'"), type }));
}

interface BuiltProperty {
	name: string;
	default?: unknown;
	displayOptions?: { show?: Record<string, unknown[]> };
}

/** The text the built node gives its Tool variant for this operation (the package n8n installed is packed from this build). */
function builtToolDescription(type: string, resource: string, operation: string): string {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	for (const rel of pkg.n8n.nodes) {
		const className = rel
			.split('/')
			.pop()!
			.replace(/\.node\.js$/, '');
		const node = new (
			require(join(REPO_ROOT, rel)) as Record<string, new () => { description: { name: string; properties: BuiltProperty[] } }>
		)[className]();
		if (`${PACKAGE}.${node.description.name}Tool` !== type) continue;
		const property = node.description.properties.find(
			(candidate) =>
				candidate.name === 'toolDescription' &&
				candidate.displayOptions?.show?.resource?.includes(resource) &&
				candidate.displayOptions?.show?.operation?.includes(operation),
		);
		return String(property?.default);
	}
	throw new Error(`no built node for ${type}`);
}

interface CallResult {
	content: Array<{ type: string; text?: string }>;
	isError?: boolean;
}

const textOf = (result: CallResult) =>
	result.content
		.filter((part) => part.type === 'text')
		.map((part) => part.text)
		.join('\n');

export function mcpTests(current: () => Environment) {
	let env: Environment;
	let client: Client;
	const url = () => new URL(`http://127.0.0.1:${env.server.port}/mcp/${String(trigger.parameters.path)}`);

	const connect = async (token?: string) => {
		const connected = new Client({ name: 'n8n-nodes-invoice-items-e2e', version: '1.0.0' });
		const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
		await connected.connect(new StreamableHTTPClientTransport(url(), { requestInit: { headers } }));
		return connected;
	};

	/** Calls a tool and returns what the client got and what each stand-in received meanwhile. */
	const call = async (node: string, args: Record<string, unknown>) => {
		const before = Object.fromEntries(PROVIDERS.map((provider) => [provider, env.servers[provider].requests.length]));
		const result = (await client.callTool({ name: toolName(node), arguments: args })) as CallResult;
		const requests = Object.fromEntries(
			PROVIDERS.map((provider) => [provider, env.servers[provider].requests.slice(before[provider])]),
		) as {
			[P in Provider]: Environment['servers'][P]['requests'];
		};
		return { result, text: textOf(result), requests };
	};
	const calls = (requests: Array<{ method: string; url: string }>) => requests.map((request) => `${request.method} ${request.url}`);
	const only = (requests: Record<Provider, unknown[]>, provider: Provider) =>
		expect(PROVIDERS.filter((other) => other !== provider && requests[other].length > 0)).toEqual([]);
	const noSecret = (text: string) => {
		for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
	};

	beforeAll(async () => {
		env = current();
		client = await connect(SECRETS.mcpBearerToken);
	}, 60_000);
	afterAll(async () => {
		await client?.close();
	});

	test('a client without the Bearer token is refused', async () => {
		const refused = await connect().then(
			async (unexpected) => {
				await unexpected.close();
				return 'connected';
			},
			(error: Error) => error.message,
		);
		expect(refused).toMatch(/401|Unauthorized|Authorization/i);
	});

	test("the tools: one per tool node, named after it, with the operation's description and the $fromAI arguments as input schema", async () => {
		const listed = (await client.listTools()).tools;
		process.stdout.write(
			`[e2e] n8n ${env.version}: MCP tools/list → ${listed.map((tool) => `${tool.name}: ${tool.description?.split('\n')[0]}`).join(' | ')}\n`,
		);
		expect(listed.map((tool) => tool.name).sort()).toEqual(tools.map((node) => toolName(node.name)).sort());
		for (const node of tools) {
			const tool = listed.find((candidate) => candidate.name === toolName(node.name))!;
			const { resource, operation } = node.parameters as { resource: string; operation: string };
			expect({ tool: tool.name, description: tool.description }).toEqual({
				tool: tool.name,
				description: builtToolDescription(node.type, resource, operation),
			});
			const asked = placeholders(node.parameters);
			expect(asked.length).toBeGreaterThanOrEqual(1);
			expect(tool.inputSchema).toMatchObject({
				type: 'object',
				properties: Object.fromEntries(asked.map(({ key, description, type }) => [key, { type, description }])),
			});
			expect(Object.keys(tool.inputSchema.properties ?? {}).sort()).toEqual(asked.map(({ key }) => key).sort());
			expect([...((tool.inputSchema.required as string[] | undefined) ?? [])].sort()).toEqual(asked.map(({ key }) => key).sort());
		}
	});

	test('Stripe: the update sends the form Stripe expects; the client gets the updated item', async () => {
		const item = 'ii_1QzY2b2eZvKYlo2CMcpE0001';
		const { result, text, requests } = await call('Stripe update invoice item', {
			invoiceItemId: item,
			quantity: 3,
			description: 'Onboarding workshop (3 h)',
		});
		process.stdout.write(
			`[e2e] n8n ${env.version}: MCP tools/call Stripe_update_invoice_item → Stripe stand-in received ${calls(requests.stripe).join(', ')} ` +
				`body ${requests.stripe[0]?.body}; the client got ${JSON.stringify(result)}\n`,
		);
		only(requests, 'stripe');
		expect(calls(requests.stripe)).toEqual([`POST /v1/invoiceitems/${item}`]);
		expect(requests.stripe[0].form).toEqual({ quantity: '3', description: 'Onboarding workshop (3 h)' });
		expect(requests.stripe[0].errors).toEqual([]);
		expect(result.isError).toBeFalsy();
		expect(JSON.parse(text)).toEqual([
			expect.objectContaining({ id: item, object: 'invoiceitem', quantity: 3, description: 'Onboarding workshop (3 h)' }),
		]);
		noSecret(text);

		const read = await call('Stripe get invoice item', { invoiceItemId: item });
		expect(calls(read.requests.stripe)).toEqual([`GET /v1/invoiceitems/${item}`]);
		expect(JSON.parse(read.text)).toEqual([expect.objectContaining({ id: item, quantity: 3 })]);
	});

	test('Rebilly: Merge reads the item and writes it back with the quantity and unit price given', async () => {
		const items = `${REBILLY_BASE_PATH}/invoices/inv_0YVF4S2FZN8Q3MBT9TKBAQ2RJK/items`;
		const item = 'item_0YVF4T7AKX2N5PSD1GHC8MWV0E';
		const { result, text, requests } = await call('Rebilly update invoice item', {
			invoiceId: 'inv_0YVF4S2FZN8Q3MBT9TKBAQ2RJK',
			itemId: item,
			quantity: 4,
			unitPrice: 12.5,
		});
		only(requests, 'rebilly');
		expect(calls(requests.rebilly)).toEqual([`GET ${items}/${item}`, `PUT ${items}/${item}`]);
		expect(JSON.parse(requests.rebilly[1].body)).toMatchObject({ quantity: 4, unitPrice: 12.5 });
		for (const request of requests.rebilly) expect(request.violations).toEqual([]);
		expect(result.isError).toBeFalsy();
		expect(JSON.parse(text)).toEqual([expect.objectContaining({ id: expect.any(String) })]);
		noSecret(text);

		const read = await call('Rebilly get invoice item', { invoiceId: 'inv_0YVF4S2FZN8Q3MBT9TKBAQ2RJK', itemId: item });
		expect(calls(read.requests.rebilly)).toEqual([`GET ${items}/${item}`]);
	});

	test('Sequence: the line item is found in the list and written back with the decimals as text', async () => {
		const invoice = 'cd11218d-fa00-4faa-8684-a43113d076a8';
		const line = 'af60cab3-812d-4250-a051-0fb7133a00c7';
		const { result, text, requests } = await call('Sequence update line item', {
			invoiceId: invoice,
			lineItemId: line,
			quantity: '2',
			rate: '215.00',
		});
		only(requests, 'sequence');
		expect(calls(requests.sequence)).toEqual([
			`GET /invoices/${invoice}/line-items?limit=100`,
			`PUT /invoices/${invoice}/line-items/${line}`,
		]);
		expect(JSON.parse(requests.sequence[1].body)).toMatchObject({ quantity: '2', rate: '215.00' });
		for (const request of requests.sequence) expect(request.violations).toEqual([]);
		expect(result.isError).toBeFalsy();
		expect(JSON.parse(text)).toHaveLength(1);
		noSecret(text);

		const read = await call('Sequence get line item', { invoiceId: invoice, lineItemId: line });
		expect(calls(read.requests.sequence)).toEqual([`GET /invoices/${invoice}/line-items?limit=100`]);
		expect(JSON.parse(read.text)).toEqual([expect.objectContaining({ id: line })]);
	});

	test('Spacebring: PATCH in the invoiceItem envelope, then the read-back the client gets', async () => {
		const item = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
		const { result, text, requests } = await call('Spacebring update invoice item', { invoiceItemId: item, quantity: 3, unitAmount: 45.5 });
		only(requests, 'spacebring');
		expect(calls(requests.spacebring)).toEqual([`PATCH /billing/invoices/v1/items/${item}`, `GET /billing/invoices/v1/items/${item}`]);
		expect(JSON.parse(requests.spacebring[0].body)).toEqual({ invoiceItem: { quantity: 3, unitAmount: 45.5 } });
		expect(requests.spacebring[0].headers.authorization).toBe(`Bearer ${SECRETS.spacebringAccessToken}`);
		for (const request of requests.spacebring) expect(request.violations).toEqual([]);
		expect(result.isError).toBeFalsy();
		expect(JSON.parse(text)).toEqual([expect.objectContaining({ baseAmounts: expect.anything() })]);
		noSecret(text);

		const read = await call('Spacebring get invoice item', { invoiceItemId: item });
		expect(calls(read.requests.spacebring)).toEqual([`GET /billing/invoices/v1/items/${item}`]);
	});

	test.each([
		[
			'a negative quantity',
			'Stripe update invoice item',
			{ invoiceItemId: 'ii_1QzY2b2eZvKYlo2CMcpE0001', quantity: -2, description: 'x' },
			/"Quantity"/,
		],
		[
			'an id that is not one',
			'Spacebring update invoice item',
			{ invoiceItemId: '../items/other', quantity: 1, unitAmount: 10 },
			/"Invoice Item ID"/,
		],
	])('%s: the client gets the error naming the field, nothing is sent, no secret shows', async (_what, node, args, field) => {
		const { result, text, requests } = await call(node, args);
		process.stdout.write(
			`[e2e] n8n ${env.version}: MCP tools/call ${toolName(node)} ${JSON.stringify(args)} → ${JSON.stringify(result)}\n`,
		);
		expect(result.isError).toBe(true);
		expect(text).toMatch(field);
		// n8n 2.8.4 appends its own stack trace to the text (its MCP formatError); 1.123 and 2.41 do not.
		expect(text).toMatch(/^(NodeOperationError|Error): .*\n\nDetails: .* Nothing was sent for this item\./);
		for (const provider of PROVIDERS) expect(calls(requests[provider])).toEqual([]);
		noSecret(text);
	});
}
