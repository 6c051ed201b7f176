/**
 * The n8n editor in a real browser: Debian's Chromium, driven by playwright-core, against the n8n
 * `npm run dev` starts (its default version, this package linked, own user folder, free ports), with
 * the stand-in providers of ./environment.ts. What a user does first: find the nodes, open them, add
 * and test a credential, pick an invoice and an item, switch the update mode, execute one step, and
 * read the error of a bad value.
 *
 * The pictures of the README are taken here (into EDITOR_PICTURES_DIR, `npm run screenshot` points it
 * at docs/; otherwise .tmp/editor-pictures/). A failed test leaves the page as it was in
 * .tmp/editor-failures/<test>.png.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

import { freePort } from '../harness/prism';
import { credentialData, SECRETS, startServers, type Servers } from './environment';
import { REPO_ROOT, registerGroup, unregisterGroup } from './n8n-cli';
import { DRAFT_INVOICES } from './stripe-server';

interface EditorN8n {
	base: string;
	pid: number;
	api(method: string, urlPath: string, body?: unknown): Promise<Record<string, unknown>>;
	stop(): Promise<void>;
}
interface EditorWorkflow {
	id: string;
	nodeIds: Record<string, string>;
}
type NodeSpec = { name: string; type: string; parameters?: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> };
/** The part of scripts/editor.js (plain CommonJS, shared with `npm run screenshot`) used here. */
interface Editor {
	UI_TIMEOUT_MS: number;
	chromiumProblem(): string | undefined;
	startN8n(options: { userFolder: string; onPid?: (pid: number) => void }): Promise<EditorN8n>;
	createWorkflow(n8n: EditorN8n, name: string, nodes: NodeSpec[]): Promise<EditorWorkflow>;
	launchBrowser(profileDir: string): Promise<BrowserContext>;
	signIn(page: Page, base: string): Promise<void>;
	openWorkflow(page: Page, base: string, workflowId: string): Promise<void>;
	searchNodePanel(page: Page, text: string): Promise<Locator>;
	screenshot(page: Page, file: string, options?: object): Promise<string>;
	openNode(page: Page, name: string): Promise<Locator>;
	backToCanvas(page: Page): Promise<void>;
	openPicker(page: Page, name: string): Promise<Locator>;
	pickerEntries(page: Page): Promise<string[]>;
	pickerError(page: Page): Promise<string>;
	capturePanel(page: Page, file: string): Promise<string>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const editor = require(join(REPO_ROOT, 'scripts', 'editor.js')) as Editor;

const RUN_DIR = process.env.E2E_RUN_DIR ?? join(REPO_ROOT, '.tmp', `e2e-${process.pid}`);
const PICTURES = process.env.EDITOR_PICTURES_DIR ? join(REPO_ROOT, process.env.EDITOR_PICTURES_DIR) : join(REPO_ROOT, '.tmp', 'editor-pictures');
const FAILURES = join(REPO_ROOT, '.tmp', 'editor-failures');
const TIMEOUT = editor.UI_TIMEOUT_MS;

/** Our four nodes with their default names, each on the operation a user opens first. */
const NODES: NodeSpec[] = [
	{ name: 'Stripe Invoicing', type: 'stripeInvoicing', parameters: { resource: 'invoiceLineItem', operation: 'update', updateFields: { quantity: 3 } } },
	{ name: 'Rebilly', type: 'rebilly' },
	{ name: 'Sequence Billing', type: 'sequenceBilling' },
	{ name: 'Spacebring', type: 'spacebring', parameters: { authentication: 'basicAuth' } },
];
const [STRIPE, REBILLY, SEQUENCE, SPACEBRING] = NODES.map((node) => node.name);

let servers: Servers;
let n8n: EditorN8n;
let workflow: EditorWorkflow;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	const problem = editor.chromiumProblem();
	if (problem) throw new Error(`The browser test needs Chromium: ${problem}`);
	servers = await startServers();
	n8n = await editor.startN8n({ userFolder: join(RUN_DIR, 'n8n-editor'), onPid: registerGroup });
	workflow = await editor.createWorkflow(n8n, 'Invoice items in the editor', NODES);
	context = await editor.launchBrowser(join(RUN_DIR, 'chromium-profile'));
	page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(TIMEOUT);
	await editor.signIn(page, n8n.base);
	await editor.openWorkflow(page, n8n.base, workflow.id);
}, 300_000);

afterAll(async () => {
	await context?.close();
	if (n8n) {
		await n8n.stop();
		unregisterGroup(n8n.pid);
	}
	if (servers) await Promise.allSettled(Object.values(servers).map((server) => server.close()));
}, 60_000);

/** A test whose failure keeps a picture of the page, and leaves the canvas clear for the next one. */
function step(name: string, body: () => Promise<void>, timeout = 180_000) {
	test(
		name,
		async () => {
			try {
				await body();
			} catch (error) {
				if (page) {
					mkdirSync(FAILURES, { recursive: true });
					const file = join(FAILURES, `${name.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`);
					const kept = await page.screenshot({ path: file }).then(
						() => `the page at that moment: ${relative(REPO_ROOT, file)}`,
						() => 'no picture (the browser is gone)',
					);
					process.stdout.write(`[editor] ${name}: failed; ${kept}\n`);
					(error as Error).message += `\n(${kept})`;
				}
				throw error;
			} finally {
				await editor.backToCanvas(page).catch(() => undefined);
			}
		},
		timeout,
	);
}

/** Waits until `scope` shows every one of `texts`; the error says what it showed instead. */
async function expectShown(scope: Locator, itemSelector: string, texts: string[], what: string, timeout = TIMEOUT) {
	try {
		await Promise.all(texts.map((text) => scope.locator(itemSelector, { hasText: text }).first().waitFor({ state: 'visible', timeout })));
	} catch {
		const shown = await scope.locator(itemSelector).allInnerTexts();
		const missing = texts.filter((text) => !shown.some((entry) => entry.includes(text)));
		throw new Error(`${what} shows ${JSON.stringify(shown)}; missing ${JSON.stringify(missing)}`);
	}
}

const visibleOption = (text: string) =>
	page.locator('.el-select-dropdown__item:visible, [role="option"]:visible', { hasText: text }).first();

async function chooseOption(scope: Locator, parameter: string, option: string) {
	await scope.locator(`[data-test-id="parameter-input-${parameter}"]`).click();
	await visibleOption(option).click();
}

const parameter = (scope: Locator, name: string) => scope.locator(`[data-test-id="parameter-input-${name}"]`);

describe('the n8n editor in Chromium', () => {
	step('the canvas shows the four nodes with their icons, names and subtitles', async () => {
		for (const { name } of NODES) {
			const node = page.locator('[data-test-id="canvas-node"]', { hasText: name }).first();
			await node.waitFor({ state: 'visible' });
			await node.locator('img, svg').first().waitFor({ state: 'visible' });
		}
		await editor.screenshot(page, join(PICTURES, 'editor', 'after-canvas.png'));
	});

	step('searching "invoice" in the node panel finds the four nodes', async () => {
		const panel = await editor.searchNodePanel(page, 'invoice');
		// The panel searches in the browser, without a request: what it shows after seconds is final.
		await expectShown(panel, '[data-test-id="node-creator-item-name"]', NODES.map((node) => node.name), 'The node panel searched for "invoice"', 20_000);
		await editor.screenshot(page, join(PICTURES, 'editor', 'after-search.png'));
		await page.keyboard.press('Escape');
	});

	step('each node opens with its parameters', async () => {
		for (const { name } of NODES) {
			const ndv = await editor.openNode(page, name);
			await parameter(ndv, 'operation').waitFor({ state: 'visible' });
			await editor.backToCanvas(page);
		}
	});

	describe('credentials', () => {
		/**
		 * Opens the credential form from the node panel: a node without credentials shows a "Connect to
		 * …" button, one with credentials a picker whose last entry creates a new one.
		 */
		async function newCredential(ndv: Locator, credentialName: string) {
			const empty = ndv.locator('[data-test-id="node-credentials-empty-state"] button');
			const select = ndv.locator('[data-test-id="node-credentials-select"]');
			await empty.or(select).first().waitFor({ state: 'visible' });
			if (await empty.isVisible()) await empty.click();
			else {
				await select.click();
				await page.locator('[data-test-id="node-credentials-select-item-new"]:visible').first().click();
			}
			const modal = page.locator('[data-test-id="editCredential-modal"]');
			// The name n8n proposes arrives after the form opens; saved before it, the form is refused
			// ("name": too small), so the test names the credential itself.
			await modal.locator('[data-test-id="credential-name"]').click();
			const name = modal.locator('[data-test-id="credential-name"] [data-test-id="inline-edit-input"]');
			await name.fill(credentialName);
			await name.press('Enter');
			return modal;
		}

		async function fill(modal: Locator, values: Record<string, string>) {
			for (const [name, value] of Object.entries(values)) {
				const input = parameter(modal, name).locator('input, textarea').first();
				await input.fill(value);
			}
		}

		/** Saves the form; n8n then tests the credential (POST /rest/credentials/test). Returns that test's result. */
		async function save(modal: Locator): Promise<{ status: string; message: string }> {
			const answered = page.waitForResponse(
				(response) =>
					response.url().endsWith('/rest/credentials/test') ||
					(response.url().endsWith('/rest/credentials') && response.request().method() === 'POST' && !response.ok()),
			);
			await modal.locator('[data-test-id="credential-save-button"]').click();
			const response = await answered;
			if (!response.url().endsWith('/test')) throw new Error(`n8n did not save the credential: ${response.status()} ${await response.text()}`);
			return ((await response.json()) as { data: { status: string; message: string } }).data;
		}

		/** Saves; the test must pass (n8n then closes the form), against the stand-in's answer to its request. */
		async function saveAndExpectTestPassed(modal: Locator, server: { requests: Array<{ method: string; path: string }> }, testPath: string) {
			const before = server.requests.length;
			expect(await save(modal)).toMatchObject({ status: 'OK' });
			await modal.waitFor({ state: 'hidden' });
			expect(server.requests.slice(before).filter((request) => request.method === 'GET' && request.path.endsWith(testPath))).not.toHaveLength(0);
		}

		step('Stripe: a wrong key fails the test (Unauthorized); the right one saves and passes', async () => {
			const ndv = await editor.openNode(page, STRIPE);
			const modal = await newCredential(ndv, `${STRIPE} (stand-in)`);
			const data = credentialData('stripeInvoicingApi', servers);
			await fill(modal, { secretKey: 'sk_test_wrongKey0000000000000000', baseUrl: String(data.baseUrl) });
			expect(await save(modal)).toEqual({ status: 'Error', message: 'Unauthorized' });
			await modal.getByText(/Couldn.t connect with these settings/).first().waitFor({ state: 'visible' });
			await fill(modal, { secretKey: SECRETS.stripeKey });
			await saveAndExpectTestPassed(modal, servers.stripe, '/v1/invoiceitems');
			const tests = servers.stripe.requests.filter((request) => request.path === '/v1/invoiceitems');
			expect(tests[0].errors).toEqual(['Authorization is not "Bearer <the credential\'s key>"']);
			expect(tests.at(-1)!.errors).toEqual([]);
		});

		step('Rebilly: an API key credential saves and passes its test', async () => {
			const ndv = await editor.openNode(page, REBILLY);
			const modal = await newCredential(ndv, `${REBILLY} (stand-in)`);
			const data = credentialData('rebillyApi', servers);
			await fill(modal, { apiKey: String(data.apiKey) });
			await chooseOption(modal, 'environment', 'Custom URL');
			await fill(modal, { baseUrl: String(data.baseUrl), organizationId: String(data.organizationId) });
			await saveAndExpectTestPassed(modal, servers.rebilly, '/invoices');
		});

		step('Sequence: a client credential saves and passes its test', async () => {
			const ndv = await editor.openNode(page, SEQUENCE);
			const modal = await newCredential(ndv, `${SEQUENCE} (stand-in)`);
			const data = credentialData('sequenceApi', servers);
			await fill(modal, { clientId: String(data.clientId), clientSecret: String(data.clientSecret) });
			await chooseOption(modal, 'region', 'Custom Base URL');
			await fill(modal, { baseUrl: String(data.baseUrl) });
			await saveAndExpectTestPassed(modal, servers.sequence, '/invoices');
		});

		step('Spacebring: a Basic Auth credential saves and passes its test', async () => {
			const ndv = await editor.openNode(page, SPACEBRING);
			const modal = await newCredential(ndv, `${SPACEBRING} (stand-in)`);
			const data = credentialData('spacebringApi', servers);
			await fill(modal, { clientId: String(data.clientId), clientSecret: String(data.clientSecret), baseUrl: String(data.baseUrl) });
			await saveAndExpectTestPassed(modal, servers.spacebring, '/billing/invoices/v1/items');
		});
	});

	describe('pickers list entries from the stand-in', () => {
		step('Stripe: draft invoices, then the lines of the chosen one', async () => {
			await editor.openNode(page, STRIPE);
			await editor.openPicker(page, 'invoice');
			const invoices = await editor.pickerEntries(page);
			const customers = DRAFT_INVOICES.map((invoice) => invoice.customer_name);
			expect(customers.filter((customer) => invoices.some((entry) => entry.includes(customer)))).toEqual(customers);
			await editor.capturePanel(page, join(PICTURES, 'picker-stripe.png'));

			const [acme] = DRAFT_INVOICES;
			await page.locator('[data-test-id="rlc-item"]:visible', { hasText: acme.customer_name }).first().click();
			await editor.openPicker(page, 'line_item_id');
			const lines = await editor.pickerEntries(page);
			const descriptions = acme.lines.map(([description]) => description);
			expect(descriptions.filter((description) => lines.some((entry) => entry.includes(description)))).toEqual(descriptions);
			await editor.capturePanel(page, join(PICTURES, 'picker-stripe-lines.png'));
		});

		const pickers: Array<[string, string, string]> = [
			[REBILLY, 'invoiceId', 'itemId'],
			[SEQUENCE, 'invoice', 'id'],
			[SPACEBRING, 'itemsOfInvoice', 'id'],
		];
		for (const [name, invoicePicker, itemPicker] of pickers) {
			step(`${name}: invoices, then the items of the chosen one`, async () => {
				await editor.openNode(page, name);
				await editor.openPicker(page, invoicePicker);
				const invoices = await editor.pickerEntries(page);
				expect(invoices.length).toBeGreaterThan(0);
				await page.locator('[data-test-id="rlc-item"]:visible').first().click();
				await editor.openPicker(page, itemPicker);
				const items = await editor.pickerEntries(page);
				expect(items.length).toBeGreaterThan(0);
			});
		}

		step('Stripe unreachable: the invoice picker says why', async () => {
			const closedPort = `http://127.0.0.1:${await freePort()}`; // nothing listens there
			const credential = await n8n.api('POST', '/rest/credentials', {
				name: 'Stripe (unreachable)',
				type: 'stripeInvoicingApi',
				data: { secretKey: SECRETS.stripeKey, baseUrl: closedPort },
			});
			const unreachable = await editor.createWorkflow(n8n, 'Stripe unreachable', [
				{ ...NODES[0], credentials: { stripeInvoicingApi: { id: String(credential.id), name: String(credential.name) } } },
			]);
			const second = await context.newPage();
			try {
				second.setDefaultTimeout(TIMEOUT);
				await editor.openWorkflow(second, n8n.base, unreachable.id);
				await editor.openNode(second, STRIPE);
				await editor.openPicker(second, 'invoice');
				expect(await editor.pickerError(second)).toMatch(/Could not list draft invoices from Stripe/);
				await editor.capturePanel(second, join(PICTURES, 'picker-error.png'));
			} finally {
				await second.close();
			}
		});
	});

	describe('Update Mode shows the fields of its mode', () => {
		const modes: Array<[string, string[]]> = [
			[REBILLY, ['type', 'unitPrice']],
			[SEQUENCE, ['title', 'quantity', 'rate']],
		];
		for (const [name, replaceOnly] of modes) {
			step(`${name}: Replace shows ${replaceOnly.join(', ')}; Merge With Current hides them`, async () => {
				const ndv = await editor.openNode(page, name);
				const visible = async () => Promise.all(replaceOnly.map((field) => parameter(ndv, field).isVisible()));
				expect(await visible()).toEqual(replaceOnly.map(() => false));
				await chooseOption(ndv, 'updateMode', 'Replace');
				await Promise.all(replaceOnly.map((field) => parameter(ndv, field).waitFor({ state: 'visible' })));
				await chooseOption(ndv, 'updateMode', 'Merge With Current');
				await Promise.all(replaceOnly.map((field) => parameter(ndv, field).waitFor({ state: 'hidden' })));
			});
		}
	});

	describe('Execute step', () => {
		const [acme] = DRAFT_INVOICES;

		async function executeStep(ndv: Locator) {
			await ndv.locator('[data-test-id="node-execute-button"]').first().click();
		}

		step('the output panel shows the updated line', async () => {
			const ndv = await editor.openNode(page, STRIPE);
			await editor.openPicker(page, 'invoice');
			await page.locator('[data-test-id="rlc-item"]:visible', { hasText: acme.customer_name }).first().click();
			await editor.openPicker(page, 'line_item_id');
			await page.locator('[data-test-id="rlc-item"]:visible', { hasText: acme.lines[1][0] }).first().click();
			const before = servers.stripe.requests.length;
			await executeStep(ndv);
			const output = ndv.locator('[data-test-id="output-panel"]');
			await output.getByText(acme.lines[1][0]).first().waitFor({ state: 'visible' });
			const updates = servers.stripe.requests.slice(before).filter((request) => request.method === 'POST');
			expect(updates.map((request) => [request.path, request.form])).toEqual([
				[expect.stringMatching(new RegExp(`^/v1/invoices/${acme.id}/lines/il_`)), { quantity: '3' }],
			]);
			expect(updates[0].errors).toEqual([]);
		});

		step('a negative quantity shows its error, naming the item and the field, and sends nothing', async () => {
			const ndv = await editor.openNode(page, STRIPE);
			const quantity = parameter(ndv, 'quantity').locator('input').first();
			await quantity.fill('-1');
			const before = servers.stripe.requests.length;
			await executeStep(ndv);
			const output = ndv.locator('[data-test-id="output-panel"]');
			await output.getByText(/"Quantity".*\[item 0\]/).first().waitFor({ state: 'visible' });
			expect(servers.stripe.requests.slice(before).filter((request) => request.method === 'POST')).toEqual([]);
		});
	});
});
