#!/usr/bin/env node
'use strict';
/*
 * `npm run screenshot`: the README's pictures of the editor, taken again by the browser test
 * (test/e2e/editor.e2e.ts, through scripts/e2e.js) in the n8n `npm run dev` starts, into docs/:
 *
 *   docs/editor/after-search.png   the node panel searched for "invoice"
 *   docs/editor/after-canvas.png   Manual Trigger → the four nodes
 *   docs/picker-stripe.png         the Invoice picker listing the stand-in Stripe's draft invoices
 *   docs/picker-stripe-lines.png   the Line Item picker listing the chosen invoice's lines
 *   docs/picker-error.png          the Invoice picker when Stripe cannot be reached
 *
 * A picture is written only when its test passed; the exit code is the test's. Needs Debian's
 * Chromium (`apt-get install -y chromium`; CHROMIUM_PATH for another binary).
 */
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const runtime = require('./n8n-runtime');

const result = spawnSync(process.execPath, [path.join(__dirname, 'e2e.js'), 'test/e2e/editor'], {
	cwd: runtime.REPO_ROOT,
	stdio: 'inherit',
	env: { ...process.env, EDITOR_PICTURES_DIR: 'docs', E2E_N8N_VERSIONS: runtime.DEFAULT_VERSION },
});
process.exit(result.status ?? 1);
