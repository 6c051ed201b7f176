#!/usr/bin/env node
'use strict';
/*
 * `npm run dev`: build the package, start a local n8n (the newest tested version unless told
 * otherwise) with it loaded, keep running until Ctrl-C.
 *
 *   node scripts/dev.js           build, link into .n8n-dev/n8n-<version>/, start n8n on http://127.0.0.1:5678
 *   node scripts/dev.js --n8n 1.123.81
 *                                 the same with another tested n8n version (see scripts/n8n-runtime.js
 *                                 versions); `npm run dev -- --n8n 1.123.81`
 *   node scripts/dev.js --check   build, start a throwaway n8n (own folder under .tmp/, free ports),
 *                                 ask it which node and credential types it loaded, stop it;
 *                                 exit 1 unless every node/credential in package.json is loaded
 *
 * Environment: N8N_PORT (default 5678) and N8N_RUNNERS_BROKER_PORT (default 5679) for dev mode.
 * n8n's data (sqlite DB, owner account, credentials) lives in .n8n-dev/n8n-<version>/ (git-ignored;
 * one folder per version, as n8n cannot open a database a newer n8n has migrated); delete it to
 * start over.
 *
 * Also a module: its helpers (N8nProcess, waitUntilReady, setupOwner, request, freePort, …) are
 * exported for scripts/editor.js; `main()` runs only when the file is run directly.
 */
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const net = require('node:net');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const runtime = require('./n8n-runtime');

const REPO_ROOT = runtime.REPO_ROOT;
const PACKAGE_NAME = runtime.PACKAGE_NAME;
const CHECK = process.argv.includes('--check');
const KEEP = process.argv.includes('--keep'); // with --check: keep the throwaway folder

/** `--n8n <version>` or `--n8n=<version>`; the newest tested version by default. */
function versionArgument(argv) {
	const index = argv.findIndex((arg) => arg === '--n8n' || arg.startsWith('--n8n='));
	if (index === -1) return runtime.DEFAULT_VERSION;
	const version = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
	if (!runtime.SUPPORTED_VERSIONS.includes(version)) {
		fail(`--n8n ${version ?? '(no version)'}: the tested versions are ${runtime.SUPPORTED_VERSIONS.join(', ')}`, 2);
	}
	return version;
}
const STARTUP_TIMEOUT_MS = Number(process.env.N8N_STARTUP_TIMEOUT_MS || 240_000);
const STOP_TIMEOUT_MS = 30_000;

function say(line = '') {
	process.stdout.write(`[dev] ${line}\n`);
}

function fail(message, code = 1) {
	process.stderr.write(`[dev] ERROR: ${message}\n`);
	process.exit(code);
}

// ---------------------------------------------------------------------------------------------
// small helpers

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function request(port, method, urlPath, { body, cookie, timeoutMs = 5000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: urlPath,
				headers: {
					accept: 'application/json',
					...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
					...(cookie ? { cookie } : {}),
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout on ${method} ${urlPath}`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// what package.json says we ship

function expectedTypes() {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const result = { nodes: [], credentials: [], problems: [] };
	const load = (rel, kind) => {
		const file = path.join(REPO_ROOT, rel);
		if (!fs.existsSync(file)) {
			result.problems.push(`${rel} (listed in package.json n8n.${kind}) does not exist — did the build run?`);
			return;
		}
		try {
			const mod = require(file);
			// Like n8n's loader: the class is the export named as the file (`SequenceApi.credentials.js` → SequenceApi).
			const className = path.basename(rel).split('.')[0];
			const Exported = mod[className];
			if (typeof Exported !== 'function') throw new Error(`exports no class named ${className}`);
			const instance = new Exported();
			if (kind === 'nodes' && instance.description?.name) {
				result.nodes.push({ name: `${PACKAGE_NAME}.${instance.description.name}`, displayName: instance.description.displayName });
			} else if (kind === 'credentials' && instance.name) {
				result.credentials.push({ name: instance.name, displayName: instance.displayName });
			}
		} catch (error) {
			result.problems.push(`${rel} could not be loaded: ${error.message}`);
		}
	};
	for (const rel of pkg.n8n?.nodes ?? []) load(rel, 'nodes');
	for (const rel of pkg.n8n?.credentials ?? []) load(rel, 'credentials');
	return result;
}

// ---------------------------------------------------------------------------------------------
// the n8n child process

class N8nProcess {
	/** `node`: the Node that n8n version runs under (scripts/n8n-runtime.js nodeBinPath). */
	constructor({ bin, node = process.execPath, env, forwardOutput }) {
		this.output = [];
		this.exited = false;
		this.exitInfo = undefined;
		this.child = spawn(node, [bin, 'start'], {
			cwd: env.N8N_USER_FOLDER,
			env,
			// Own process group: Ctrl-C reaches only us, and we stop n8n and its task runner together.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.exitPromise = new Promise((resolve) => {
			this.child.once('exit', (code, signal) => {
				this.exited = true;
				this.exitInfo = { code, signal };
				resolve(this.exitInfo);
			});
		});
		const onLine = (stream) => {
			let rest = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk) => {
				rest += chunk;
				const lines = rest.split('\n');
				rest = lines.pop();
				for (const line of lines) {
					this.output.push(line);
					if (this.output.length > 400) this.output.shift();
					if (!forwardOutput) continue;
					// A first start runs ~200 database migrations; show one line, not 400.
					if (/^(Starting|Finished) migration /.test(line)) {
						if (!this.migrationsAnnounced) process.stdout.write('  n8n | (running database migrations…)\n');
						this.migrationsAnnounced = true;
						continue;
					}
					process.stdout.write(`  n8n | ${line}\n`);
				}
			});
		};
		onLine(this.child.stdout);
		onLine(this.child.stderr);
	}

	killGroup(signal) {
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			/* already gone */
		}
	}

	async stop() {
		if (!this.exited) {
			// SIGTERM to n8n itself: it shuts down gracefully and stops its task runner.
			try {
				this.child.kill('SIGTERM');
			} catch {
				/* already gone */
			}
			let timeout;
			const timer = new Promise((resolve) => {
				timeout = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
			});
			const outcome = await Promise.race([this.exitPromise, timer]);
			clearTimeout(timeout); // a pending timer would keep a caller (e.g. jest) from exiting
			if (outcome === 'timeout') {
				say(`n8n did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it`);
				this.killGroup('SIGKILL');
				await this.exitPromise;
			}
		}
		// Anything left in the group (e.g. a task runner) goes too.
		this.killGroup('SIGKILL');
	}
}

async function waitUntilReady(n8n, port) {
	const deadline = Date.now() + STARTUP_TIMEOUT_MS;
	let stage = '/healthz';
	while (Date.now() < deadline) {
		if (n8n.exited) return false;
		try {
			// /healthz answers as soon as the port is open; /healthz/readiness once the database is
			// migrated; the REST routes come last. Until then n8n answers every path with
			// "200 n8n is starting up. Please wait" (plain text), so only JSON counts as ready.
			const res = await request(port, 'GET', stage, { timeoutMs: 2000 });
			if (res.status === 200) {
				if (stage === '/healthz') stage = '/healthz/readiness';
				else if (stage === '/healthz/readiness') stage = '/rest/settings';
				else if (isJson(res.text)) return true;
				continue;
			}
		} catch {
			/* not listening yet */
		}
		await sleep(500);
	}
	return false;
}

function isJson(text) {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

function loadedFromDisk(userFolder) {
	// What n8n serves as /types/nodes.json is generated into this file at startup.
	const dir = path.join(userFolder, '.cache', 'n8n', 'public', 'types');
	try {
		const nodes = JSON.parse(fs.readFileSync(path.join(dir, 'nodes.json'), 'utf8'));
		return nodes.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`));
	} catch {
		return undefined;
	}
}

/**
 * Creates the owner account of a fresh n8n instance (POST /rest/owner/setup) and returns the
 * n8n-auth cookie it answers with, ready for `request(…, { cookie })`.
 */
async function setupOwner(
	port,
	{ email = 'check@example.com', firstName = 'Dev', lastName = 'Check', password = `Check-${crypto.randomBytes(6).toString('hex')}-9Z` } = {},
) {
	const setup = await request(port, 'POST', '/rest/owner/setup', {
		body: { email, firstName, lastName, password },
	});
	if (setup.status !== 200) throw new Error(`POST /rest/owner/setup → ${setup.status} ${setup.text.slice(0, 200)}`);
	const cookie = (setup.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
	if (!cookie.includes('n8n-auth=')) throw new Error('owner setup returned no n8n-auth cookie');
	return { cookie, email, password };
}

async function loadedFromApi(port) {
	// /types/*.json need a logged-in user. A fresh instance has none: create the owner (this is
	// a throwaway instance), which also returns the n8n-auth cookie.
	const { cookie } = await setupOwner(port);

	const get = async (urlPath) => {
		const res = await request(port, 'GET', urlPath, { cookie, timeoutMs: 30_000 });
		if (res.status !== 200) throw new Error(`GET ${urlPath} → ${res.status} ${res.text.slice(0, 200)}`);
		return JSON.parse(res.text);
	};
	// The file is written right after startup; give it a moment if it is not there yet.
	let nodes;
	for (let i = 0; i < 20; i++) {
		try {
			nodes = await get('/types/nodes.json');
			break;
		} catch (error) {
			if (i === 19) throw error;
			await sleep(500);
		}
	}
	const credentials = await get('/types/credentials.json');
	const iconStatus = async (iconUrl) => {
		const urls = typeof iconUrl === 'string' ? [iconUrl] : Object.values(iconUrl ?? {});
		const results = [];
		for (const url of urls) {
			const res = await request(port, 'GET', `/${String(url).replace(/^\//, '')}`, { cookie });
			results.push(`${url} → ${res.status}`);
		}
		return results;
	};
	return { nodes, credentials, iconStatus };
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();

	say('Building the package (npm run build)…');
	const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
	if (build.status !== 0) fail(`the build failed (exit ${build.status ?? build.signal}); fix it and run again`);

	const version = versionArgument(process.argv.slice(2));
	let bin;
	try {
		bin = runtime.ensureRuntime({ version });
	} catch (error) {
		fail(error.message);
	}

	let userFolder;
	let port;
	let brokerPort;
	if (CHECK) {
		userFolder = path.join(REPO_ROOT, '.tmp', `n8n-check-${process.pid}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
		port = await freePort();
		brokerPort = await freePort();
	} else {
		userFolder = path.join(REPO_ROOT, '.n8n-dev', `n8n-${version}`);
		port = Number(process.env.N8N_PORT || 5678);
		brokerPort = Number(process.env.N8N_RUNNERS_BROKER_PORT || 5679);
	}
	fs.mkdirSync(userFolder, { recursive: true });
	const link = runtime.linkPackage(userFolder, REPO_ROOT);
	say(`Linked ${path.relative(REPO_ROOT, link)} → ${REPO_ROOT}`);

	for (const [what, p] of [['n8n', port], ['task broker', brokerPort]]) {
		if (!(await portIsFree(p))) {
			const knob = what === 'n8n' ? 'N8N_PORT' : 'N8N_RUNNERS_BROKER_PORT';
			fail(`port ${p} on 127.0.0.1 (${what}) is already in use — is another n8n running? Stop it or set ${knob}=<free port>.`);
		}
	}

	const env = runtime.n8nEnv({ userFolder, port, brokerPort, version });
	say(`Starting n8n ${version} on http://127.0.0.1:${port} (data in ${path.relative(REPO_ROOT, userFolder)}/)…`);
	const n8n = new N8nProcess({ bin, node: runtime.nodeBinPath(version), env, forwardOutput: !CHECK });

	// Stop n8n on Ctrl-C / SIGTERM / our own exit.
	let stopping;
	let firstSignalAt = 0;
	const shutdown = (signal) => {
		if (stopping) {
			// `npm run` forwards the terminal's Ctrl-C, so one keypress can arrive twice; a second
			// press a moment later means "now".
			if (Date.now() - firstSignalAt > 2000) {
				say('Killing n8n now.');
				n8n.killGroup('SIGKILL');
			}
			return stopping;
		}
		firstSignalAt = Date.now();
		if (signal) say(`${signal} received — stopping n8n…`);
		stopping = n8n.stop();
		return stopping;
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			shutdown(signal).then(() => {
				say('n8n stopped.');
				if (CHECK && !KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
				process.exit(CHECK ? 130 : 0);
			});
		});
	}
	process.on('exit', () => n8n.killGroup('SIGKILL'));
	// `npm run` starts us through `sh -c`; if that shell is killed (e.g. `kill <npm pid>`), nobody
	// forwards the signal and we would be orphaned with n8n still running. Notice and stop.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent && !stopping) {
			say('parent process went away — stopping n8n…');
			shutdown().then(() => process.exit(0));
		}
	}, 1000).unref();

	const ready = await waitUntilReady(n8n, port);
	if (!ready) {
		if (!n8n.exited) await shutdown();
		process.stderr.write(n8n.output.slice(-60).map((l) => `  n8n | ${l}\n`).join(''));
		fail(n8n.exitInfo && !stopping
			? `n8n exited during startup (${JSON.stringify(n8n.exitInfo)}); its output is above`
			: `n8n did not answer on http://127.0.0.1:${port} within ${STARTUP_TIMEOUT_MS / 1000}s`);
	}
	if (stopping) return; // Ctrl-C arrived during startup

	const expected = expectedTypes();

	if (!CHECK) {
		const loaded = loadedFromDisk(userFolder) ?? [];
		const ours = loaded.length ? loaded : expected.nodes;
		const isTool = (n) => n.name.endsWith('Tool') && ours.some((o) => `${o.name}Tool` === n.name);
		const names = ours.filter((n) => !isTool(n)).map((n) => `"${n.displayName}"`);
		const tools = ours.filter(isTool).length;
		let needsOwner = true;
		try {
			const settings = JSON.parse((await request(port, 'GET', '/rest/settings')).text);
			needsOwner = settings.data?.userManagement?.showSetupOnFirstLoad !== false;
		} catch {
			/* keep the first-visit hint */
		}
		const seconds = Math.round((Date.now() - started) / 1000);
		const bar = '─'.repeat(72);
		process.stdout.write(
			[
				'',
				bar,
				`  n8n ${version} is running (started in ${seconds}s), with ${PACKAGE_NAME} linked from this repo.`,
				'',
				`  Open  http://127.0.0.1:${port}`,
				'',
				`  Nodes: ${names.length ? names.join(', ') : '(none of ours loaded — see the n8n output above)'}`,
				`  ${names.length === 1 ? 'is' : 'are'} in the node panel (press Tab or "+" and type the name)` +
					(tools ? `; ${tools === 1 ? 'its' : 'their'} "… Tool" variant${tools === 1 ? '' : 's'} for AI Agents too.` : '.'),
				needsOwner
					? '  The first visit asks you to create a local owner account (kept in .n8n-dev/ only).'
					: `  Sign in with the local owner account you created before (delete ${path.relative(REPO_ROOT, userFolder)}/ to start over).`,
				'  After changing code: Ctrl-C, then `npm run dev` again (it rebuilds).',
				'',
				'  Ctrl-C stops it.',
				bar,
				'',
			].join('\n'),
		);
		if (expected.problems.length) for (const p of expected.problems) say(`warning: ${p}`);
		n8n.exitPromise.then((info) => {
			if (stopping) return;
			n8n.killGroup('SIGKILL');
			fail(`n8n exited on its own (${JSON.stringify(info)}); see its output above`);
		});
		return; // keep running until a signal arrives
	}

	// --check
	let ok = false;
	try {
		const { nodes, credentials, iconStatus } = await loadedFromApi(port);
		const ourNodes = nodes.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`));
		const credentialNames = new Set(credentials.map((c) => c.name));
		const referenced = new Set(ourNodes.flatMap((n) => (n.credentials ?? []).map((c) => c.name)));
		const ourCredentials = credentials.filter(
			(c) => referenced.has(c.name) || expected.credentials.some((e) => e.name === c.name),
		);
		say(`GET /types/nodes.json: ${nodes.length} node types in total, ${ourNodes.length} from ${PACKAGE_NAME}:`);
		for (const n of ourNodes) {
			say(`  node        ${n.name}  "${n.displayName}" v${[].concat(n.version).join(',')}`);
			for (const line of await iconStatus(n.iconUrl)) say(`                icon ${line}${line.endsWith('200') ? '' : '   (warning: icon not served)'}`);
		}
		say(`GET /types/credentials.json: ${credentials.length} credential types in total, ${ourCredentials.length} of ours:`);
		for (const c of ourCredentials) say(`  credential  ${c.name}  "${c.displayName}"`);

		const missing = [
			...expected.nodes.filter((e) => !ourNodes.some((n) => n.name === e.name)).map((e) => `node ${e.name}`),
			...expected.credentials.filter((e) => !credentialNames.has(e.name)).map((e) => `credential ${e.name}`),
		];
		for (const p of expected.problems) say(`problem: ${p}`);
		for (const m of missing) say(`MISSING: ${m} is listed in package.json but n8n did not load it`);
		ok = ourNodes.length > 0 && missing.length === 0;
		if (!ok) {
			const related = n8n.output.filter(
				(l) => /invoice-items|error|fail/i.test(l) && !/ migration |Python task runner/.test(l),
			);
			if (related.length) say(`n8n said:\n${related.map((l) => `  n8n | ${l}`).join('\n')}`);
		}
	} catch (error) {
		say(`could not query n8n: ${error.message}`);
	}
	await shutdown();
	if (!KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
	say(`n8n stopped. Check ${ok ? 'PASSED' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)}s.`);
	process.exit(ok ? 0 : 1);
}

module.exports = {
	STARTUP_TIMEOUT_MS,
	N8nProcess,
	request,
	sleep,
	freePort,
	portIsFree,
	isJson,
	waitUntilReady,
	setupOwner,
	expectedTypes,
};

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`[dev] ${error.stack ?? error}\n`);
		process.exit(1);
	});
}
