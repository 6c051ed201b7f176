#!/usr/bin/env node
'use strict';
/*
 * The local n8n runtime used by `npm run dev` and the end-to-end tests.
 *
 * n8n is NOT a dependency of this package (community-node rules). It is installed once into the
 * git-ignored folder `.n8n-runtime/`, which has its own package.json and .npmrc, so the repo's
 * `ignore-scripts=true` does not apply there (n8n's sqlite3 must compile its native binding).
 *
 *   node scripts/n8n-runtime.js ensure     install n8n 2.8.4 if needed, print the bin path
 *   node scripts/n8n-runtime.js bin        print the bin path (exit 1 if not installed)
 *
 * N8N_RUNTIME_DIR=<dir> overrides the install folder.
 *
 * Plain Node, no dependencies, CommonJS.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..');
// N8N_RUNTIME_DIR may point elsewhere (e.g. a CI cache shared between checkouts).
const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? path.resolve(process.env.N8N_RUNTIME_DIR)
	: path.join(REPO_ROOT, '.n8n-runtime');
const N8N_VERSION = '2.8.4';
const PACKAGE_NAME = 'n8n-nodes-invoice-items';
/** Used only for local, throwaway user folders (.n8n-dev, test folders). Never for real data. */
const DEV_ENCRYPTION_KEY = 'n8n-nodes-invoice-items-local-dev-key';

const RUNTIME_PACKAGE_JSON = {
	private: true,
	dependencies: { n8n: N8N_VERSION },
	// The default xlsx tarball comes from a CDN that is not always reachable; this is the same
	// library republished on npm.
	overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
};

function log(line) {
	process.stdout.write(`[n8n-runtime] ${line}\n`);
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Path of the n8n executable inside .n8n-runtime (it may not exist yet). */
function n8nBinPath(runtimeDir = RUNTIME_DIR) {
	return path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** Which part of the install is missing, or undefined when n8n 2.8.4 is ready to run. */
function runtimeProblem(runtimeDir = RUNTIME_DIR) {
	const nm = path.join(runtimeDir, 'node_modules');
	const pkg = readJson(path.join(nm, 'n8n', 'package.json'));
	if (!pkg) return 'not installed';
	if (pkg.version !== N8N_VERSION) return `n8n ${pkg.version} installed, ${N8N_VERSION} wanted`;
	if (!fs.existsSync(n8nBinPath(runtimeDir))) return 'n8n bin missing';
	// npm writes node_modules/.package-lock.json only when an install completes.
	if (!fs.existsSync(path.join(nm, '.package-lock.json'))) return 'previous install did not finish';
	if (!sqliteBindingPresent(nm)) return 'sqlite3 native binding missing (install scripts did not run)';
	return undefined;
}

function sqliteBindingPresent(nm) {
	const dir = path.join(nm, 'sqlite3');
	if (!fs.existsSync(dir)) return true; // not our business if n8n stops using it
	const candidates = [path.join(dir, 'build', 'Release', 'node_sqlite3.node')];
	const prebuilds = path.join(dir, 'lib', 'binding');
	if (fs.existsSync(prebuilds)) {
		for (const sub of fs.readdirSync(prebuilds)) candidates.push(path.join(prebuilds, sub, 'node_sqlite3.node'));
	}
	return candidates.some((f) => fs.existsSync(f));
}

/**
 * The environment for npm/n8n child processes: the current one without the `npm_*` variables
 * that `npm run` injects (notably `npm_config_ignore_scripts=true` from the repo's .npmrc, which
 * would otherwise override .n8n-runtime/.npmrc and leave sqlite3 uncompiled).
 */
function cleanEnv(base = process.env) {
	const env = {};
	for (const [key, value] of Object.entries(base)) {
		if (/^npm_/i.test(key)) continue;
		if (key === 'INIT_CWD' || key === 'NODE_ENV') continue;
		env[key] = value;
	}
	return env;
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** A lock so that two processes (e.g. parallel test workers) never install at the same time. */
function withInstallLock(fn) {
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	const lockDir = path.join(RUNTIME_DIR, '.install-lock');
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(readFileOr(path.join(lockDir, 'pid'), '0'));
			if (owner && !pidAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`another process (pid ${owner || '?'}) is installing n8n; waiting for it…`);
				announced = true;
			}
			sleepSync(2000);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function readFileOr(file, fallback) {
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		return fallback;
	}
}

/**
 * Makes sure n8n 2.8.4 is installed in .n8n-runtime/ and returns the path of its bin.
 * Synchronous (so `await ensureRuntime()` works too). A cached run takes milliseconds;
 * the first run takes about 7 minutes and ~2.3 GB.
 */
function ensureRuntime(options = {}) {
	const quiet = Boolean(options.quiet);
	if (!runtimeProblem()) return n8nBinPath();

	return withInstallLock(() => {
		const problem = runtimeProblem(); // someone else may have finished while we waited
		if (!problem) return n8nBinPath();

		fs.mkdirSync(RUNTIME_DIR, { recursive: true });
		fs.writeFileSync(
			path.join(RUNTIME_DIR, 'package.json'),
			`${JSON.stringify(RUNTIME_PACKAGE_JSON, null, 2)}\n`,
		);
		// Its own project config: npm stops looking for .npmrc at the nearest package.json, and
		// this file states the intent explicitly.
		fs.writeFileSync(
			path.join(RUNTIME_DIR, '.npmrc'),
			'ignore-scripts=false\naudit=false\nfund=false\nupdate-notifier=false\n',
		);

		const logFile = path.join(RUNTIME_DIR, 'install.log');
		const rel = path.relative(process.cwd(), logFile) || logFile;
		if (!quiet) {
			log(`n8n runtime: ${problem}.`);
			log(`Installing n8n ${N8N_VERSION} into ${path.relative(REPO_ROOT, RUNTIME_DIR) || RUNTIME_DIR} (first run only, ~7 min)…`);
			log(`npm output goes to ${rel} (follow it with: tail -f ${rel})`);
		}
		const started = Date.now();
		const out = fs.openSync(logFile, 'w');
		const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=warn'];
		fs.writeSync(out, `$ npm ${args.join(' ')}   (cwd ${RUNTIME_DIR})\n`);
		const result = spawnSync('npm', args, {
			cwd: RUNTIME_DIR,
			env: cleanEnv(),
			stdio: ['ignore', out, out],
		});
		fs.writeSync(out, `\nEXIT ${result.status ?? result.signal ?? result.error}\n`);
		fs.closeSync(out);
		const seconds = Math.round((Date.now() - started) / 1000);

		const after = runtimeProblem();
		if (result.status !== 0 || after) {
			const tail = readFileOr(logFile, '').split('\n').slice(-40).join('\n');
			process.stderr.write(`${tail}\n`);
			throw new Error(
				`Installing n8n ${N8N_VERSION} failed after ${seconds}s (${after ?? `npm exited ${result.status}`}). ` +
					`Full log: ${logFile}`,
			);
		}
		if (!quiet) log(`n8n ${N8N_VERSION} installed in ${Math.floor(seconds / 60)}m${seconds % 60}s.`);
		return n8nBinPath();
	});
}

/**
 * Environment for an n8n process: quiet, offline, bound to 127.0.0.1, with its data in
 * `<userFolder>/.n8n/`. Returns a full env (the current one minus npm's `npm_*` variables,
 * plus the n8n settings), ready for `spawn(bin, args, { env })`.
 */
function n8nEnv({ userFolder, port = 5678, brokerPort = 5679, encryptionKey = DEV_ENCRYPTION_KEY, base } = {}) {
	if (!userFolder) throw new Error('n8nEnv: userFolder is required');
	return {
		...cleanEnv(base),
		N8N_USER_FOLDER: path.resolve(userFolder),
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false', // plain http on 127.0.0.1
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Offline and quiet: nothing phones home, no prompts.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// Community packages: load whatever is in <userFolder>/.n8n/nodes/node_modules,
		// never try to (re)install from a registry, don't fetch the verified-nodes list.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		DB_TYPE: 'sqlite',
	};
}

/**
 * Makes n8n load this package as a community package: a symlink
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-invoice-items` → packageRoot, plus the
 * `<userFolder>/.n8n/nodes/package.json` n8n keeps there. Node types are then named
 * `n8n-nodes-invoice-items.<nodeName>`.
 */
function linkPackage(userFolder, packageRoot = REPO_ROOT) {
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	const link = path.join(modulesDir, PACKAGE_NAME);
	const target = path.resolve(packageRoot);
	fs.mkdirSync(modulesDir, { recursive: true });

	let current;
	try {
		current = fs.lstatSync(link);
	} catch {
		current = undefined;
	}
	const linked = current?.isSymbolicLink() && path.resolve(modulesDir, fs.readlinkSync(link)) === target;
	if (!linked) {
		if (current) fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(target, link, 'dir');
	}

	// Listed as a dependency so that n8n's own `npm prune`/`npm install` in this folder (when
	// someone installs or removes another community package in the UI) keeps the link.
	const pkgFile = path.join(nodesDir, 'package.json');
	const pkg = readJson(pkgFile) ?? { name: 'installed-nodes', private: true };
	const spec = `file:${target}`;
	if (pkg.dependencies?.[PACKAGE_NAME] !== spec) {
		pkg.dependencies = { ...(pkg.dependencies ?? {}), [PACKAGE_NAME]: spec };
		fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
	}
	return link;
}

module.exports = {
	REPO_ROOT,
	RUNTIME_DIR,
	N8N_VERSION,
	PACKAGE_NAME,
	DEV_ENCRYPTION_KEY,
	ensureRuntime,
	n8nBinPath,
	runtimeProblem,
	n8nEnv,
	cleanEnv,
	linkPackage,
	pidAlive,
};

if (require.main === module) {
	const command = process.argv[2] ?? 'ensure';
	try {
		if (command === 'ensure') {
			const started = Date.now();
			const bin = ensureRuntime();
			log(`n8n ${N8N_VERSION} ready (${Date.now() - started} ms): ${path.relative(process.cwd(), bin) || bin}`);
		} else if (command === 'bin') {
			const problem = runtimeProblem();
			if (problem) {
				process.stderr.write(`n8n runtime: ${problem}. Run: node scripts/n8n-runtime.js ensure\n`);
				process.exit(1);
			}
			process.stdout.write(`${n8nBinPath()}\n`);
		} else {
			process.stderr.write('usage: node scripts/n8n-runtime.js [ensure|bin]\n');
			process.exit(2);
		}
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	}
}
