#!/usr/bin/env node
'use strict';
/*
 * `npm run screenshot`: README screenshots of the Stripe invoice picker in a real n8n 2.8.4.
 *
 *   1. builds the package (npm run build) and makes sure n8n 2.8.4 is installed (scripts/n8n-runtime.js;
 *      N8N_RUNTIME_DIR=<dir> uses an installed copy elsewhere);
 *   2. starts a fake Stripe on 127.0.0.1 that lists a few draft invoices and their lines;
 *   3. starts a throwaway n8n (own folder under .tmp/, free ports, owner account) with this package
 *      linked, exactly as `npm run dev` does (helpers from scripts/dev.js);
 *   4. creates, through n8n's REST API, a Stripe Invoicing credential pointing at the fake Stripe and a
 *      workflow "Manual Trigger → Stripe Invoicing (Invoice Line Item → Update)";
 *   5. drives Debian's Chromium (/usr/bin/chromium) with playwright-core: signs in, opens the node,
 *      opens the pickers' "From List" dropdowns and writes
 *        docs/picker-stripe.png         the Invoice picker listing the draft invoices
 *        docs/picker-stripe-lines.png   the Line Item picker listing the chosen invoice's lines
 *        docs/picker-error.png          the Invoice picker when Stripe cannot be reached
 *   6. stops n8n and the fake Stripe (also on failure or Ctrl-C).
 *
 * Exit code 0 only when every PNG was written and each dropdown showed what it should (checked in
 * the page's text). Options: --keep keeps the n8n folder under .tmp/; --headed shows the browser
 * (needs a display). Environment: CHROMIUM_PATH (default /usr/bin/chromium); SCREENSHOT_DEBUG=1
 * prints what n8n's list endpoint answered.
 * Plain Node, CommonJS.
 */
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const { spawnSync } = require('node:child_process');

const runtime = require('./n8n-runtime');
const dev = require('./dev');

const ROOT = runtime.REPO_ROOT;
const DOCS = path.join(ROOT, 'docs');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const KEEP = process.argv.includes('--keep');
const HEADED = process.argv.includes('--headed');
const UI_TIMEOUT_MS = 60_000;
/** Device pixels per CSS pixel: 2 keeps the text sharp on high-density screens. */
const SCALE = 2;

const OWNER = { email: 'screenshot@example.com', firstName: 'Ada', lastName: 'Lovelace', password: 'Screenshot-0000-Pw' };
const SECRET_KEY = 'sk_test_screenshot0000';
const NODE_TYPE = `${runtime.PACKAGE_NAME}.stripeInvoicing`;
const NODE_NAME = 'Stripe Invoicing';

function say(line = '') {
	process.stdout.write(`[screenshot] ${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// the fake Stripe: draft invoices and their lines, shaped like Stripe's objects

const at = (isoDay) => Math.floor(Date.parse(`${isoDay}T09:30:00Z`) / 1000);

const INVOICES = [
	{
		id: 'in_1QsAcme0Draft2026Nov',
		customer: 'cus_QsAcmeGmbH0001',
		customer_name: 'Acme GmbH',
		customer_email: 'billing@acme.example',
		currency: 'eur',
		created: at('2026-11-20'),
		lines: [
			['Consulting, November 2026', 8, 12500],
			['Workshop: billing automation', 1, 25000],
		],
	},
	{
		id: 'in_1QsGlobex0Draft2026Nov',
		customer: 'cus_QsGlobexCorp0002',
		customer_name: 'Globex Corporation',
		customer_email: 'ap@globex.example',
		currency: 'usd',
		created: at('2026-11-18'),
		lines: [
			['Platform subscription (Pro, 25 seats)', 25, 4900],
			['Priority support', 1, 99000],
			['Data migration', 12, 19762.5],
		],
	},
	{
		id: 'in_1QsInitech0Draft2026Nov',
		customer: 'cus_QsInitechLtd0003',
		customer_name: 'Initech Ltd',
		customer_email: 'finance@initech.example',
		currency: 'gbp',
		created: at('2026-11-12'),
		lines: [
			['TPS report review', 4, 15000],
			['Travel expenses', 1, 26000],
		],
	},
	{
		id: 'in_1QsUmbrella0Draft2026Nov',
		customer: 'cus_QsUmbrellaKK0004',
		customer_name: 'Umbrella K.K.',
		customer_email: 'keiri@umbrella.example',
		currency: 'jpy',
		created: at('2026-11-05'),
		lines: [
			['Translation, 38 pages', 38, 4000],
		],
	},
];
const CUSTOMER_NAMES = INVOICES.map((invoice) => invoice.customer_name);

function lineObject(invoice, [description, quantity, unitAmount], index) {
	const amount = Math.round(quantity * unitAmount);
	return {
		id: `il_${invoice.id.slice(3, 15)}Line${String(index + 1).padStart(2, '0')}`,
		object: 'line_item',
		amount,
		currency: invoice.currency,
		description,
		discount_amounts: [],
		discountable: true,
		discounts: [],
		invoice: invoice.id,
		livemode: false,
		metadata: {},
		parent: null,
		period: { start: invoice.created, end: invoice.created + 30 * 86400 },
		pricing: { price_details: null, type: 'price_details', unit_amount_decimal: String(unitAmount) },
		quantity,
		taxes: [],
	};
}

function invoiceObject(invoice) {
	const lines = invoice.lines.map((line, index) => lineObject(invoice, line, index));
	const total = lines.reduce((sum, line) => sum + line.amount, 0);
	return {
		id: invoice.id,
		object: 'invoice',
		number: null, // a draft has no number yet
		status: 'draft',
		customer: invoice.customer,
		customer_name: invoice.customer_name,
		customer_email: invoice.customer_email,
		currency: invoice.currency,
		subtotal: total,
		total,
		amount_due: total,
		created: invoice.created,
		livemode: false,
		lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${invoice.id}/lines` },
	};
}

function startFakeStripe() {
	const requests = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		requests.push(`${req.method} ${url.pathname}${url.search}`);
		const send = (status, body) => {
			const text = JSON.stringify(body);
			res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_screenshot', 'content-length': Buffer.byteLength(text) });
			res.end(text);
		};
		const error = (status, message) => send(status, { error: { type: 'invalid_request_error', message } });
		if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) return error(401, 'Invalid API Key provided.');
		if (req.method !== 'GET') return error(405, `This fake Stripe answers GET requests only.`);
		const list = (data, listUrl) => send(200, { object: 'list', data, has_more: false, url: listUrl });

		let match;
		if (url.pathname === '/v1/invoices') {
			const status = url.searchParams.get('status');
			const customer = url.searchParams.get('customer');
			const data = INVOICES.map(invoiceObject)
				.filter((invoice) => !status || invoice.status === status)
				.filter((invoice) => !customer || invoice.customer === customer);
			return list(data, '/v1/invoices');
		}
		if ((match = /^\/v1\/invoices\/([^/]+)$/.exec(url.pathname))) {
			const invoice = INVOICES.find((i) => i.id === decodeURIComponent(match[1]));
			return invoice ? send(200, invoiceObject(invoice)) : error(404, `No such invoice: '${match[1]}'`);
		}
		if ((match = /^\/v1\/invoices\/([^/]+)\/lines$/.exec(url.pathname))) {
			const invoice = INVOICES.find((i) => i.id === decodeURIComponent(match[1]));
			return invoice ? list(invoiceObject(invoice).lines.data, url.pathname) : error(404, `No such invoice: '${match[1]}'`);
		}
		if (url.pathname === '/v1/invoiceitems') return list([], '/v1/invoiceitems'); // the credential test
		return error(404, `Unrecognized request URL (GET: ${url.pathname}).`);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				close: () => new Promise((done) => {
					server.closeAllConnections?.();
					server.close(() => done());
				}),
			});
		});
	});
}

// ---------------------------------------------------------------------------------------------
// n8n's REST API

async function api(port, cookie, method, urlPath, body) {
	const res = await dev.request(port, method, urlPath, { body, cookie, timeoutMs: 30_000 });
	if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${urlPath} → ${res.status} ${res.text.slice(0, 300)}`);
	const json = JSON.parse(res.text);
	return json.data ?? json;
}

async function createCredential(port, cookie, name, baseUrl) {
	return api(port, cookie, 'POST', '/rest/credentials', {
		name,
		type: 'stripeInvoicingApi',
		data: { secretKey: SECRET_KEY, baseUrl },
	});
}

async function createWorkflow(port, cookie, name, credential) {
	const trigger = 'When clicking ‘Execute workflow’';
	const stripeNodeId = 'c0ffee00-5715-4e00-8a00-00000000beef';
	const workflow = await api(port, cookie, 'POST', '/rest/workflows', {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'c0ffee00-5715-4e00-8a00-00000000a001',
				name: trigger,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: stripeNodeId,
				name: NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					resource: 'invoiceLineItem',
					operation: 'update',
					invoice: { __rl: true, mode: 'list', value: '' },
					line_item_id: { __rl: true, mode: 'list', value: '' },
				},
				credentials: { stripeInvoicingApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: { [trigger]: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	});
	return { id: workflow.id, stripeNodeId };
}

// ---------------------------------------------------------------------------------------------
// the browser

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: run `npm install` (it is a devDependency).');
	}
}

async function launchBrowser(profileDir) {
	const { chromium } = loadPlaywright();
	fs.rmSync(profileDir, { recursive: true, force: true });
	fs.mkdirSync(profileDir, { recursive: true });
	// A persistent context on a fresh, empty profile folder (= a new --user-data-dir). Without the
	// background-networking flags Chromium keeps trying to reach Google's hosts on a closed network.
	return chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM,
		headless: !HEADED,
		args: [
			...(HEADED ? [] : ['--headless']),
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1280, height: 800 },
		deviceScaleFactor: SCALE,
		locale: 'en-US',
		timezoneId: 'UTC',
		colorScheme: 'light',
	});
}

async function signIn(page, base) {
	await page.goto(`${base}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
	await page.locator('input[name="password"]').fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: UI_TIMEOUT_MS });
}

/** Opens the workflow with the Stripe node's panel (NDV) open: n8n's /workflow/<id>/<nodeId> route. */
async function openNode(page, base, workflow) {
	await page.goto(`${base}/workflow/${workflow.id}/${workflow.stripeNodeId}`, { waitUntil: 'domcontentloaded' });
	const ndv = page.locator('[data-test-id="ndv"]');
	try {
		await ndv.waitFor({ state: 'visible', timeout: 20_000 });
	} catch {
		// Older routes ignore the node id: open it from the canvas instead.
		await page.locator('[data-test-id="canvas-node"]', { hasText: NODE_NAME }).first().dblclick();
		await ndv.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	}
	await page.locator('[data-test-id="resource-locator-invoice"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return ndv;
}

/** Clicks into a picker's input (mode From List) so its dropdown opens. */
async function openPicker(page, name) {
	const picker = page.locator(`[data-test-id="resource-locator-${name}"]`);
	await picker.scrollIntoViewIfNeeded();
	await picker.locator('[data-test-id="rlc-input"]').first().click();
	return picker;
}

/**
 * Waits until the open dropdown shows items (or the picker its error), then gives the text shown.
 * The dropdown is a popover; its items are the visible `rlc-item`s.
 */
async function dropdownText(page, { expectError = false } = {}) {
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	const ready = expectError
		? page.locator('[data-test-id="rlc-error-container"]:visible, [data-test-id="rlc-error-message"]:visible').first()
		: items.first();
	await ready.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	await page.waitForTimeout(400); // let the popover's transition finish before the picture
	return expectError ? ready.innerText() : (await items.allInnerTexts()).join('\n');
}

/**
 * A picture of the node panel's middle column (tabs and parameters) down to a little below the
 * open dropdown; the whole viewport when the panel cannot be measured.
 */
async function capture(page, file) {
	const { column, popupBottom } = await page.evaluate(() => {
		const visible = (el) => el.getClientRects().length > 0;
		const parameters = document.querySelector('[data-test-id="node-parameters"]');
		const panel = parameters?.closest('.node-settings') ?? parameters;
		// The dropdown is a popover; measure its outer box (the items or the error view sit inside).
		const popups = [...document.querySelectorAll('[data-test-id="rlc-item"], [data-test-id="rlc-error-container"]')]
			.filter(visible)
			.map((el) => el.closest('[data-reka-popper-content-wrapper], [role="dialog"]:not(dialog)') ?? el);
		const bottoms = popups.map((el) => el.getBoundingClientRect().bottom);
		return {
			column: panel ? (({ x, y, width, height }) => ({ x, y, width, height }))(panel.getBoundingClientRect()) : undefined,
			popupBottom: bottoms.length ? Math.max(...bottoms) : undefined,
		};
	});
	const viewport = page.viewportSize();
	let clip;
	if (column && column.width > 200 && popupBottom) {
		const bottom = Math.min(column.y + column.height, viewport.height, popupBottom + 24);
		clip = { x: Math.max(0, column.x - 1), y: column.y, width: Math.min(column.width + 2, viewport.width), height: bottom - column.y };
	}
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file, ...(clip ? { clip } : {}) });
	const size = clip ? `${Math.round(clip.width)}×${Math.round(clip.height)}` : `${viewport.width}×${viewport.height}`;
	say(`wrote ${path.relative(ROOT, file)} (${size} CSS px at ${SCALE}×, ${Math.round(fs.statSync(file).size / 1024)} KiB)`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	if (!fs.existsSync(CHROMIUM)) {
		process.stderr.write(
			`[screenshot] ERROR: ${CHROMIUM} not found. Install Debian's Chromium first:\n\n    apt-get install -y chromium\n\n` +
				'(or set CHROMIUM_PATH to a Chromium/Chrome binary). Never `npx playwright install`.\n',
		);
		return 1;
	}
	loadPlaywright();

	say('Building the package (npm run build)…');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
	const bin = runtime.ensureRuntime();

	const cleanups = [];
	const cleanup = async () => {
		while (cleanups.length) {
			try {
				await cleanups.pop()();
			} catch (error) {
				say(`cleanup: ${error.message}`);
			}
		}
	};
	let interrupted = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			if (interrupted) return;
			interrupted = true;
			say(`${signal} received — stopping…`);
			cleanup().finally(() => process.exit(130));
		});
	}

	const results = [];
	let page;
	const userFolder = path.join(ROOT, '.tmp', `n8n-screenshot-${process.pid}`);
	try {
		const stripe = await startFakeStripe();
		cleanups.push(() => stripe.close());
		say(`fake Stripe on ${stripe.url}`);

		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.mkdirSync(userFolder, { recursive: true });
		if (!KEEP) cleanups.push(() => fs.rmSync(userFolder, { recursive: true, force: true }));
		runtime.linkPackage(userFolder, ROOT);
		const port = await dev.freePort();
		const brokerPort = await dev.freePort();
		const env = runtime.n8nEnv({ userFolder, port, brokerPort });
		say(`starting n8n ${runtime.N8N_VERSION} on http://127.0.0.1:${port} (data in ${path.relative(ROOT, userFolder)}/)…`);
		const n8n = new dev.N8nProcess({ bin, env, forwardOutput: false });
		cleanups.push(async () => {
			await n8n.stop();
			say('n8n stopped.');
		});
		process.on('exit', () => n8n.killGroup('SIGKILL'));
		if (!(await dev.waitUntilReady(n8n, port))) {
			process.stderr.write(n8n.output.slice(-40).map((line) => `  n8n | ${line}\n`).join(''));
			throw new Error(n8n.exited ? `n8n exited during startup (${JSON.stringify(n8n.exitInfo)})` : 'n8n did not become ready');
		}
		say(`n8n ready after ${Math.round((Date.now() - started) / 1000)}s`);

		const { cookie } = await dev.setupOwner(port, OWNER);
		const credential = await createCredential(port, cookie, 'Stripe (fake, for screenshots)', stripe.url);
		const workflow = await createWorkflow(port, cookie, 'Update a Stripe invoice line', credential);
		const closedPort = await dev.freePort(); // nothing listens there
		const badCredential = await createCredential(port, cookie, 'Stripe (unreachable)', `http://127.0.0.1:${closedPort}`);
		const badWorkflow = await createWorkflow(port, cookie, 'Update a Stripe invoice line (Stripe unreachable)', badCredential);
		say(`created credentials ${credential.id}, ${badCredential.id} and workflows ${workflow.id}, ${badWorkflow.id}`);

		const context = await launchBrowser(path.join(userFolder, 'chromium-profile'));
		cleanups.push(() => context.close());
		page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(UI_TIMEOUT_MS);
		const base = `http://127.0.0.1:${port}`;
		await signIn(page, base);
		say('signed in');

		// 1. the invoice picker
		await openNode(page, base, workflow);
		if (process.env.SCREENSHOT_DEBUG) {
			// What n8n's list endpoint answered (results, or the error the picker shows).
			page.on('response', async (res) => {
				if (res.url().includes('resource-locator-results')) console.log('REST', res.status(), (await res.text()).slice(0, 600));
			});
		}
		await openPicker(page, 'invoice');
		const invoiceText = await dropdownText(page);
		const shown = CUSTOMER_NAMES.filter((name) => invoiceText.includes(name));
		say(`Invoice dropdown shows ${shown.length}/${CUSTOMER_NAMES.length} fake customers: ${JSON.stringify(invoiceText.split('\n').filter(Boolean))}`);
		if (!shown.length) throw new Error('the Invoice dropdown shows none of the fake invoices');
		const invoicePng = path.join(DOCS, 'picker-stripe.png');
		await capture(page, invoicePng);
		results.push(invoicePng);

		// 2. pick Acme's invoice, then the line item picker
		const acme = INVOICES[0];
		await page.locator('[data-test-id="rlc-item"]:visible', { hasText: acme.customer_name }).first().click();
		await page.waitForTimeout(300);
		await openPicker(page, 'line_item_id');
		const linesText = await dropdownText(page);
		const lineNames = acme.lines.map(([description]) => description).filter((d) => linesText.includes(d));
		say(`Line Item dropdown shows ${lineNames.length}/${acme.lines.length} lines of ${acme.customer_name}'s invoice: ${JSON.stringify(linesText.split('\n').filter(Boolean))}`);
		if (!lineNames.length) throw new Error('the Line Item dropdown shows none of the invoice lines');
		const linesPng = path.join(DOCS, 'picker-stripe-lines.png');
		await capture(page, linesPng);
		results.push(linesPng);

		// 3. the invoice picker when Stripe cannot be reached
		await page.keyboard.press('Escape');
		await openNode(page, base, badWorkflow);
		await openPicker(page, 'invoice');
		const errorText = await dropdownText(page, { expectError: true });
		say(`Invoice dropdown with Stripe unreachable shows: ${JSON.stringify(errorText.split('\n').filter(Boolean))}`);
		if (!/Could not list draft invoices from Stripe/.test(errorText)) throw new Error("the error view does not show 'Could not list draft invoices from Stripe'");
		const errorPng = path.join(DOCS, 'picker-error.png');
		await capture(page, errorPng);
		results.push(errorPng);

		say(`fake Stripe saw: ${stripe.requests.join(', ')}`);
	} catch (error) {
		say(`FAILED: ${error.message}`);
		if (page) {
			const debug = path.join(ROOT, '.tmp', 'screenshot-failure.png');
			try {
				await page.screenshot({ path: debug });
				say(`the page at that moment: ${path.relative(ROOT, debug)}`);
			} catch {
				/* the browser is gone */
			}
		}
		await cleanup();
		return 1;
	}
	await cleanup();
	say(`done in ${Math.round((Date.now() - started) / 1000)}s: ${results.map((f) => path.relative(ROOT, f)).join(', ')}`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		process.stderr.write(`[screenshot] ${error.stack ?? error}\n`);
		process.exit(1);
	},
);
