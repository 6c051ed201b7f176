#!/usr/bin/env node
'use strict';
/*
 * `npm run test:e2e`: the example workflows in every tested n8n version (test/e2e/examples.e2e.ts),
 * and the package in n8n queue mode with two workers (test/e2e/queue.e2e.ts, scripts/queue-mode.js),
 * also with a worker killed in the middle of creates and the run repeated (test/e2e/queue-kill.e2e.ts).
 *
 *   1. builds the package when dist/ is missing or older than the sources (npm run build);
 *   2. installs each tested n8n version (and the Node it needs) that is not there yet, all at once
 *      (first run only, about 15 min);
 *   3. runs jest with test/e2e/jest.config.js (extra arguments are passed on to jest).
 *
 * Environment: E2E_KEEP=1 keeps the n8n user folders under .tmp/ for a look afterwards;
 * E2E_N8N_VERSIONS=<v,…> runs (and installs) only those versions;
 * E2E_TIMEOUT_MS bounds the jest run (default 40 min; the suite takes about 5 min).
 * Plain Node, CommonJS, no dependencies.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const runtime = require('./n8n-runtime');

const ROOT = runtime.REPO_ROOT;
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 40 * 60_000);

function say(line) {
	process.stdout.write(`[e2e] ${line}\n`);
}

function filesUnder(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		return entry.isDirectory() ? filesUnder(file) : [file];
	});
}

const mtime = (file) => fs.statSync(file).mtimeMs;

/**
 * Why dist/ needs a build, or undefined when it is up to date: every source under nodes/ and
 * credentials/ must have its built counterpart (`.ts` → `.js`; icons and codex files are copied,
 * with the source's modification time) at least as new as itself.
 */
function buildNeeded() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = listed.filter((rel) => !fs.existsSync(path.join(ROOT, rel)));
	if (missing.length) return `${missing[0]} is missing`;
	const compiled = filesUnder(path.join(ROOT, 'dist')).filter((file) => file.endsWith('.js'));
	const oldestCompiled = Math.min(...compiled.map(mtime));
	for (const config of ['tsconfig.json', 'gulpfile.js']) {
		if (mtime(path.join(ROOT, config)) > oldestCompiled) return `${config} changed since the last build`;
	}
	for (const source of [...filesUnder(path.join(ROOT, 'nodes')), ...filesUnder(path.join(ROOT, 'credentials'))]) {
		const rel = path.relative(ROOT, source);
		let target;
		if (source.endsWith('.ts') && !source.endsWith('.d.ts')) target = rel.replace(/\.ts$/, '.js');
		else if (/\.(svg|png)$/.test(source) || source.endsWith('.node.json')) target = rel;
		else continue;
		const built = path.join(ROOT, 'dist', target);
		if (!fs.existsSync(built)) return `dist/${target} is missing`;
		// gulp copies assets with the source's time, rounded to a millisecond.
		if (mtime(built) + 1 < mtime(source)) return `${rel} changed since the last build`;
	}
	return undefined;
}

async function main() {
	const started = Date.now();

	const reason = buildNeeded();
	if (reason) {
		say(`Building the package (${reason})…`);
		const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
		if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
	} else {
		say('dist/ is up to date.');
	}

	const runtimeStarted = Date.now();
	const versions = runtime.e2eVersions();
	// Queue mode runs on the version everything single-n8n uses.
	await runtime.ensureRuntimes([...new Set([...versions, runtime.N8N_VERSION])]);
	say(`n8n ${versions.join(', ')} ready (${((Date.now() - runtimeStarted) / 1000).toFixed(1)} s).`);

	// The run's folder: the n8n user folder goes in it, and the tests list there the process group
	// of every n8n they start, so that nothing outlives the run however jest ends.
	const runDir = path.join(ROOT, '.tmp', `e2e-run-${process.pid}`);
	fs.rmSync(runDir, { recursive: true, force: true });
	fs.mkdirSync(runDir, { recursive: true });

	const jestBin = require.resolve('jest/bin/jest', { paths: [ROOT] });
	const args = [jestBin, '-c', path.join('test', 'e2e', 'jest.config.js'), '--ci', ...process.argv.slice(2)];
	const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, E2E_RUN_DIR: runDir } });
	// Jest's own children (Prism) are known only while jest lives: note them before stopping it.
	let jestChildren = [];
	const stopJest = (signal) => {
		jestChildren = childrenOf(child.pid);
		child.kill(signal);
	};
	let interrupted;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			interrupted = signal;
			stopJest(signal);
		});
	}
	// `npm run` starts us through `sh -c`: if that shell is killed, no signal reaches us. Notice it.
	const parent = process.ppid;
	const watch = setInterval(() => {
		if (process.ppid !== parent && !interrupted) {
			interrupted = 'parent process gone';
			stopJest('SIGTERM');
		}
	}, 1000);
	watch.unref();
	const timer = setTimeout(() => {
		say(`jest did not finish within ${TIMEOUT_MS / 1000} s; stopping it`);
		stopJest('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
	}, TIMEOUT_MS);
	const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
	clearTimeout(timer);
	clearInterval(watch);

	const leftovers = cleanUp(runDir, jestChildren);
	if (leftovers) say(`stopped ${leftovers} process(es) the run left behind`);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	if (interrupted) say(`interrupted (${interrupted}) after ${seconds} s; everything it started is stopped.`);
	else say(`${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s (wall time, build and runtime check included).`);
	process.exit(interrupted ? 130 : code);
}

/** Pids of the direct children of `pid` (Linux /proc; empty elsewhere). */
function childrenOf(pid) {
	try {
		return fs
			.readdirSync('/proc')
			.filter((entry) => /^\d+$/.test(entry))
			.filter((entry) => {
				try {
					const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
					return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
				} catch {
					return false;
				}
			})
			.map(Number);
	} catch {
		return [];
	}
}

/** Kills what the run may have left (n8n process groups, jest's children) and removes its folder. */
function cleanUp(runDir, jestChildren) {
	let stopped = 0;
	let groups = [];
	try {
		groups = fs.readFileSync(path.join(runDir, 'pids'), 'utf8').split('\n').filter(Boolean).map(Number);
	} catch {
		/* no n8n was started */
	}
	for (const pgid of groups) {
		try {
			process.kill(-pgid, 'SIGKILL');
			stopped++;
		} catch {
			/* already gone */
		}
	}
	for (const pid of jestChildren) {
		if (!runtime.pidAlive(pid)) continue;
		try {
			process.kill(pid, 'SIGKILL');
			stopped++;
		} catch {
			/* already gone */
		}
	}
	if (process.env.E2E_KEEP) say(`kept ${path.relative(ROOT, runDir)}/ (E2E_KEEP)`);
	else fs.rmSync(runDir, { recursive: true, force: true });
	return stopped;
}

main().catch((error) => {
	process.stderr.write(`[e2e] ${error.message}\n`);
	process.exit(1);
});
