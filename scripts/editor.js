'use strict';
/*
 * The n8n editor in a real browser, for the browser test (test/e2e/editor.e2e.ts, which also takes
 * the README's pictures: `npm run screenshot`): a throwaway n8n started the way `npm run dev` starts
 * it (own user folder, free ports, this package linked, an owner account), Debian's Chromium driven
 * by playwright-core, and the editor steps the test repeats. Plain Node, CommonJS.
 */
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('./n8n-runtime');
const dev = require('./dev');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Device pixels per CSS pixel: 2 keeps the text of the pictures sharp on high-density screens. */
const SCALE = 2;
const UI_TIMEOUT_MS = 60_000;
const OWNER = { email: 'editor@example.com', firstName: 'Ada', lastName: 'Lovelace', password: 'Editor-0000-Pw' };

/** Why the browser cannot run, with how to fix it; undefined when it can. */
function chromiumProblem() {
	if (!fs.existsSync(CHROMIUM)) {
		return (
			`${CHROMIUM} not found. Install Debian's Chromium first:\n\n    apt-get install -y chromium\n\n` +
			'(or set CHROMIUM_PATH to a Chromium/Chrome binary). Never `npx playwright install`.'
		);
	}
	try {
		require.resolve('playwright-core');
	} catch {
		return 'playwright-core is not installed: run `npm install` (it is a devDependency).';
	}
	return undefined;
}

/**
 * A throwaway n8n of `version` with this package linked (as `npm run dev`), its owner set up.
 * `stop()` stops it and removes its folder unless `keep`.
 */
async function startN8n({ version = runtime.DEFAULT_VERSION, userFolder, keep = false, onPid } = {}) {
	const bin = runtime.ensureRuntime({ version, quiet: true });
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	runtime.linkPackage(userFolder, runtime.REPO_ROOT);
	const port = await dev.freePort();
	const brokerPort = await dev.freePort();
	const env = runtime.n8nEnv({ userFolder, port, brokerPort, version });
	const n8n = new dev.N8nProcess({ bin, node: runtime.nodeBinPath(version), env, forwardOutput: false });
	onPid?.(n8n.child.pid);
	const stop = async () => {
		await n8n.stop();
		if (!keep) fs.rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		if (!(await dev.waitUntilReady(n8n, port))) {
			const tail = n8n.output.slice(-40).map((line) => `  n8n | ${line}`).join('\n');
			throw new Error(`${n8n.exited ? `n8n exited during startup (${JSON.stringify(n8n.exitInfo)})` : 'n8n did not become ready'}\n${tail}`);
		}
		const { cookie } = await dev.setupOwner(port, OWNER);
		const api = async (method, urlPath, body) => {
			const res = await dev.request(port, method, urlPath, { body, cookie, timeoutMs: 60_000 });
			if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${urlPath} → ${res.status} ${res.text.slice(0, 300)}`);
			const json = JSON.parse(res.text);
			return json.data ?? json;
		};
		return { version, port, base: `http://127.0.0.1:${port}`, api, output: () => n8n.output, pid: n8n.child.pid, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

const TRIGGER = { name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger' };

/**
 * Creates a workflow "Manual Trigger → each of `nodes`" through the REST API. `nodes`: name, type
 * (ours without the package prefix), parameters, credentials. Returns its id and the nodes' ids.
 */
async function createWorkflow(n8n, name, nodes) {
	const ids = nodes.map((_, index) => `c0ffee00-5715-4e00-8a00-${String(index + 1).padStart(12, '0')}`);
	const spread = 160;
	const workflow = await n8n.api('POST', '/rest/workflows', {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'c0ffee00-5715-4e00-8a00-00000000a001', name: TRIGGER.name, type: TRIGGER.type, typeVersion: 1, position: [0, ((nodes.length - 1) * spread) / 2], parameters: {} },
			...nodes.map((node, index) => ({
				id: ids[index],
				name: node.name,
				type: `${runtime.PACKAGE_NAME}.${node.type}`,
				typeVersion: 1,
				position: [320, index * spread],
				parameters: node.parameters ?? {},
				...(node.credentials ? { credentials: node.credentials } : {}),
			})),
		],
		connections: { [TRIGGER.name]: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] } },
	});
	return { id: workflow.id, nodeIds: Object.fromEntries(nodes.map((node, index) => [node.name, ids[index]])) };
}

async function launchBrowser(profileDir, { headed = false } = {}) {
	const { chromium } = require('playwright-core');
	fs.rmSync(profileDir, { recursive: true, force: true });
	fs.mkdirSync(profileDir, { recursive: true });
	// A fresh, empty profile folder. Without the background-networking flags Chromium keeps trying
	// to reach Google's hosts on a closed network.
	return chromium.launchPersistentContext(profileDir, {
		executablePath: CHROMIUM,
		headless: !headed,
		args: [
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

/** Opens a workflow on its canvas and waits until its nodes are drawn. */
async function openWorkflow(page, base, workflowId) {
	await page.goto(`${base}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/** Opens the node panel (the "+" of the canvas) and types `text` in its search. Returns the panel. */
async function searchNodePanel(page, text) {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const creator = page.locator('[data-test-id="node-creator"]');
	const search = creator.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first();
	await search.fill(text);
	await creator.locator('[data-test-id="node-creator-item-name"]').first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return creator;
}

async function screenshot(page, file, options = {}) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file, animations: 'disabled', ...options });
	return file;
}

/** Opens the node's panel (NDV) from the canvas and waits for its parameters. */
async function openNode(page, name) {
	await page.locator('[data-test-id="canvas-node"]', { hasText: name }).first().dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return ndv;
}

/** Closes whatever is open over the canvas: dropdowns, the credential form, the node search, the node panel. */
async function backToCanvas(page) {
	const open = (testId) => page.locator(`[data-test-id="${testId}"]:visible`);
	for (const testId of ['editCredential-modal', 'node-creator']) {
		if (!(await open(testId).count())) continue;
		await page.keyboard.press('Escape');
		await open(testId).first().waitFor({ state: 'hidden', timeout: 10_000 });
	}
	if (await open('ndv').count()) {
		await page.keyboard.press('Escape'); // an open dropdown first
		const close = open('ndv-close-button').or(open('back-to-canvas')).first();
		if (await close.count()) await close.click();
		await open('ndv').first().waitFor({ state: 'hidden', timeout: 10_000 });
	}
}

/** Clicks into a picker's input (mode From List) so that its dropdown opens. */
async function openPicker(page, name) {
	const picker = page.locator(`[data-test-id="resource-locator-${name}"]`);
	await picker.scrollIntoViewIfNeeded();
	await picker.locator('[data-test-id="rlc-input"]').first().click();
	return picker;
}

/** The entries of the open picker dropdown, once it shows some. */
async function pickerEntries(page) {
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	await items.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return items.allInnerTexts();
}

/** The error the open picker dropdown shows instead of entries. */
async function pickerError(page) {
	const error = page.locator('[data-test-id="rlc-error-container"]:visible, [data-test-id="rlc-error-message"]:visible').first();
	await error.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
	return error.innerText();
}

/**
 * A picture of the node panel's middle column (tabs and parameters) down to a little below the open
 * dropdown; the whole viewport when the panel cannot be measured.
 */
async function capturePanel(page, file) {
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
	return screenshot(page, file, clip ? { clip } : {});
}

module.exports = {
	CHROMIUM,
	SCALE,
	UI_TIMEOUT_MS,
	OWNER,
	TRIGGER,
	chromiumProblem,
	startN8n,
	createWorkflow,
	launchBrowser,
	signIn,
	openWorkflow,
	searchNodePanel,
	screenshot,
	openNode,
	backToCanvas,
	openPicker,
	pickerEntries,
	pickerError,
	capturePanel,
};
