#!/usr/bin/env node
'use strict';
/*
 * Real n8n queue mode on this machine, with this package loaded: Redis, a throwaway PostgreSQL
 * cluster, one n8n main and N n8n workers, all on 127.0.0.1 and free ports. This is how users scale
 * n8n (https://docs.n8n.io/hosting/scaling/queue-mode/), so it is where the package's per-process
 * rate limit meets several processes sharing one credential.
 *
 *   node scripts/queue-mode.js --workers 2 [--concurrency 4] [--mode queue|regular] [--keep]
 *       starts a cluster and keeps it running until Ctrl-C, printing its URLs
 *
 * As a module (bench/queue.ts, test/e2e/queue.e2e.ts):
 *
 *   const { startCluster } = require('./scripts/queue-mode');
 *   const cluster = await startCluster({
 *     mode: 'queue',             // or 'regular': one plain `n8n start` (sqlite), for comparison
 *     workers: 2, concurrency: 4,
 *     credentials: [{ id, name, type, data }],   // what `n8n import:credentials` reads
 *     workflows: [workflowJson],                 // imported, then published (active)
 *   });
 *   cluster.mainUrl                  // http://127.0.0.1:<port>: editor, REST API, production webhooks
 *   cluster.workers                  // [{ name: 'worker-1', pid, healthUrl, concurrency, logFile }, …]
 *   cluster.setupMs, cluster.timings // how long the start took, step by step
 *   await cluster.webhook('my-path', { any: 'json' });   // POST → { status, body, text, ms, endedAt }
 *   await cluster.executions();      // [{ id, status, startedAt, stoppedAt, worker: 'worker-2' }, …]
 *   await cluster.execution(id);     // one execution with its run data (pairedItem and all)
 *   cluster.attribution();           // Map executionId → { worker, started, finished }, from the logs
 *   await cluster.rest('GET', 'executions');  // main's REST API as the owner it created
 *   await cluster.sql('select …');   // psql on the cluster's database (queue mode)
 *   await cluster.killWorker('worker-1');  // SIGKILL to its process group, resolves once it is gone
 *   await cluster.stop();            // everything stopped, the folder removed (unless keep)
 *
 * Which worker ran an execution: each worker logs "Worker started execution <id> (job <n>)" and
 * "Worker finished execution <id> (job <n>)" at info level (n8n's scaling JobProcessor); n8n stores
 * no worker in the execution itself.
 *
 * Everything it starts runs in its own process group and is stopped by stop(), on SIGINT/SIGTERM/
 * SIGHUP, on process exit, and (through a small watchdog process) when the parent process dies.
 * Redis and PostgreSQL come from Debian (`apt-get install -y redis-server postgresql`); as root the
 * script installs them when they are missing. initdb refuses to run as root, so as root the
 * database cluster belongs to the `postgres` OS user.
 *
 * Plain Node, CommonJS, no dependencies.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const runtime = require('./n8n-runtime');

const REPO_ROOT = runtime.REPO_ROOT;
const DEFAULT_STARTUP_MS = Number(process.env.N8N_QUEUE_STARTUP_TIMEOUT_MS || 240_000);
const CLI_TIMEOUT_MS = 240_000;
const STOP_GRACE_MS = 8_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// small helpers

/** Ports this process has handed out, never handed out twice. */
const handedOut = new Set();

function canListen(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/** The kernel's range for outgoing connections' local ports (Linux), e.g. [32768, 60999]. */
function ephemeralRange() {
	try {
		const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (low > 0 && high >= low) return [low, high];
	} catch {
		/* not Linux */
	}
	return [32768, 60999];
}

/**
 * A free port on 127.0.0.1, chosen at random below the ephemeral range: a port the OS handed out
 * for `listen(0)` may meanwhile become the local port of one of the many outgoing connections
 * (n8n to PostgreSQL and Redis, the node to the mock), and the n8n process that was given it would
 * then fail to listen.
 */
async function freePort() {
	const [low] = ephemeralRange();
	const min = 20_000;
	const max = low - 1;
	if (max - min >= 1000) {
		for (let attempt = 0; attempt < 100; attempt++) {
			const port = min + Math.floor(Math.random() * (max - min + 1));
			if (handedOut.has(port)) continue;
			if (await canListen(port)) {
				handedOut.add(port);
				return port;
			}
		}
	}
	for (;;) {
		const port = await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const { port: given } = server.address();
				server.close(() => resolve(given));
			});
		});
		if (!handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

/** Distinct free ports. */
async function freePorts(count) {
	const ports = [];
	while (ports.length < count) ports.push(await freePort());
	return ports;
}

/** One HTTP request to 127.0.0.1; resolves with status, headers and text, never through a proxy. */
function httpCall(port, method, urlPath, { body, headers = {}, timeoutMs = 10_000 } = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: urlPath,
				agent: false,
				timeout: timeoutMs,
				headers: {
					accept: 'application/json',
					...(payload !== undefined
						? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
						: {}),
					...headers,
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${urlPath}`)));
		req.on('error', reject);
		req.end(payload);
	});
}

function parseJson(text) {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function tail(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** The start time of a process (clock ticks since boot), so that a reused pid is not mistaken for it. */
function processStartTime(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function killGroup(pid, signal) {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}

/** Runs a command to its end without blocking the event loop (servers in this process keep serving). */
function run(command, args, { env = process.env, cwd, uid, gid, timeoutMs = 120_000, input, owner } = {}) {
	return new Promise((resolve) => {
		let child;
		try {
			child = spawn(command, args, { env, cwd, uid, gid, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
		} catch (error) {
			resolve({ code: null, signal: null, stdout: '', stderr: String(error.message), error });
			return;
		}
		const remember = () => (owner ? owner.remember(child.pid) : guard.add(child.pid));
		const forget = () => (owner ? owner.forget(child.pid) : guard.delete(child.pid));
		remember();
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			forget();
			resolve({ code: null, signal: null, stdout, stderr: stderr + String(error.message), error });
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child.pid, 'SIGKILL'); // anything it left in its group
			forget();
			resolve({ code, signal, stdout, stderr });
		});
		child.stdin.end(input);
	});
}

// ---------------------------------------------------------------------------------------------
// Redis and PostgreSQL from Debian

function which(command) {
	for (const dir of (process.env.PATH || '/usr/local/bin:/usr/bin:/bin').split(':').concat(['/usr/sbin', '/sbin'])) {
		const file = path.join(dir, command);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			/* next */
		}
	}
	return undefined;
}

/** The newest installed PostgreSQL bin folder (Debian keeps them in /usr/lib/postgresql/<major>/bin). */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	let majors = [];
	try {
		majors = fs.readdirSync(base).filter((entry) => /^\d+$/.test(entry)).sort((a, b) => Number(b) - Number(a));
	} catch {
		/* not installed */
	}
	for (const major of majors) {
		const dir = path.join(base, major, 'bin');
		if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) return dir;
	}
	return undefined;
}

/** uid/gid of an OS user (from /etc/passwd, else `id`), or undefined. */
function osUser(name) {
	try {
		for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
			const fields = line.split(':');
			if (fields[0] === name) return { uid: Number(fields[2]), gid: Number(fields[3]), name };
		}
	} catch {
		/* fall through */
	}
	const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
	if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout), name };
	return undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** What is missing for queue mode: Debian packages to install. */
function missingServices() {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	// As root the database must run as the postgres OS user, which the postgresql package creates.
	if (!postgresBinDir() || (isRoot() && !osUser('postgres'))) missing.push('postgresql');
	return missing;
}

/**
 * Makes sure `redis-server` and PostgreSQL are installed: as root with `apt-get install -y` when
 * they are missing; otherwise an error that says what to install.
 */
async function ensureServices({ log = () => {} } = {}) {
	const missing = missingServices();
	if (!missing.length) return;
	if (!isRoot() || !which('apt-get')) {
		throw new Error(
			`n8n queue mode needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed. ` +
				`Install ${missing.length > 1 ? 'them' : 'it'} (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	log(`installing ${missing.join(' ')} with apt-get (first run only)…`);
	// Only the programs are needed: keep apt from starting Redis and PostgreSQL as system services.
	const policy = '/usr/sbin/policy-rc.d';
	const addPolicy = !fs.existsSync(policy);
	if (addPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const update = await run('apt-get', ['update'], { env, timeoutMs: 600_000 });
		if (update.code !== 0) throw new Error(`apt-get update failed (exit ${update.code ?? update.signal}):\n${update.stderr.slice(-2000)}`);
		const install = await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, timeoutMs: 900_000 });
		if (install.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${install.code ?? install.signal}):\n${install.stderr.slice(-2000)}`);
	} finally {
		if (addPolicy) fs.rmSync(policy, { force: true });
	}
	const still = missingServices();
	if (still.length) throw new Error(`apt-get installed ${missing.join(' ')}, but ${still.join(' and ')} still cannot be found`);
}

// ---------------------------------------------------------------------------------------------
// processes: each in its own process group, output to a log file

const clusters = new Set();

/**
 * Process groups started and not yet stopped, for the exit handler. `add`/`delete` also tell the
 * cluster that owns the group (its watchdog and its onSpawn/onExit hooks).
 */
const guard = {
	pids: new Set(),
	add(pid) {
		if (pid) this.pids.add(pid);
	},
	delete(pid) {
		this.pids.delete(pid);
	},
};

class Service {
	/**
	 * @param {string} name
	 * @param {string} command
	 * @param {string[]} args
	 * @param {{ env?: object, cwd?: string, logFile: string, uid?: number, gid?: number, owner: Cluster }} options
	 */
	constructor(name, command, args, { env, cwd, logFile, uid, gid, owner }) {
		this.name = name;
		this.logFile = logFile;
		this.exited = false;
		this.exitInfo = undefined;
		const out = fs.openSync(logFile, 'a');
		try {
			this.child = spawn(command, args, { env, cwd, uid, gid, detached: true, stdio: ['ignore', out, out] });
		} finally {
			fs.closeSync(out);
		}
		this.pid = this.child.pid;
		this.exitPromise = new Promise((resolve) => {
			const done = (info) => {
				if (this.exited) return;
				this.exited = true;
				this.exitInfo = info;
				owner.forget(this.pid);
				resolve(info);
			};
			this.child.once('exit', (code, signal) => done({ code, signal }));
			this.child.once('error', (error) => done({ code: null, signal: null, error: error.message }));
		});
		owner.remember(this.pid);
	}

	killGroup(signal) {
		killGroup(this.pid, signal);
	}

	/** SIGTERM to the leader (n8n shuts down its task runner itself), SIGKILL to the group after `graceMs`. */
	async stop(graceMs = STOP_GRACE_MS, signal = 'SIGTERM') {
		if (!this.exited && graceMs > 0) {
			try {
				this.child.kill(signal);
			} catch {
				/* gone */
			}
			let timer;
			await Promise.race([this.exitPromise, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
			clearTimeout(timer);
		}
		this.killGroup('SIGKILL');
		if (!this.exited) {
			let timer;
			await Promise.race([this.exitPromise, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
			clearTimeout(timer);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// the watchdog: a detached process that cleans up if the parent dies without doing it

function startWatchdog(stateFile) {
	const child = spawn(process.execPath, [__filename, '--watchdog', stateFile], {
		detached: true,
		stdio: 'ignore',
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
	});
	child.unref();
	return child.pid;
}

/** Body of the watchdog process: wait for the parent to go away, then kill and remove what it lists. */
function watchdogMain(stateFile) {
	const read = () => parseJson(fs.existsSync(stateFile) ? fs.readFileSync(stateFile, 'utf8') : 'null');
	const first = read();
	if (!first) process.exit(0);
	const parentGone = () => !runtime.pidAlive(first.parentPid) || processStartTime(first.parentPid) !== first.parentStart;
	const timer = setInterval(() => {
		let state;
		try {
			state = read();
		} catch {
			state = undefined;
		}
		if (!state || state.done) process.exit(0);
		if (!parentGone()) return;
		clearInterval(timer);
		cleanUpState(state);
		fs.rmSync(stateFile, { force: true });
		process.exit(0);
	}, 1000);
}

/** Synchronous last-resort cleanup from a state object (exit handler, watchdog). */
function cleanUpState(state) {
	if (state.postgres && fs.existsSync(path.join(state.postgres.dataDir, 'postmaster.pid'))) {
		spawnSync(path.join(state.postgres.binDir, 'pg_ctl'), ['stop', '-D', state.postgres.dataDir, '-m', 'immediate', '-w', '-t', '10'], {
			uid: state.postgres.uid,
			gid: state.postgres.gid,
			stdio: 'ignore',
			timeout: 15_000,
		});
	}
	for (const pid of state.pids ?? []) killGroup(pid, 'SIGKILL');
	if (!state.keep) for (const dir of state.dirs ?? []) fs.rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// exit and signal handling, installed once

let handlersInstalled = false;
function installHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	process.on('exit', () => {
		for (const cluster of clusters) cluster.stopSync();
		for (const pid of guard.pids) killGroup(pid, 'SIGKILL');
	});
	const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
	for (const signal of Object.keys(codes)) {
		process.on(signal, () => {
			// A second signal while stopping: stop now.
			if (stopping) process.exit(codes[signal]);
			stopping = true;
			process.stderr.write(`[queue-mode] ${signal}: stopping n8n, Redis and PostgreSQL…\n`);
			Promise.allSettled([...clusters].map((cluster) => cluster.stop({ graceMs: 2_000 }))).then(() => process.exit(codes[signal]));
		});
	}
}
let stopping = false;

// ---------------------------------------------------------------------------------------------
// the cluster

/**
 * @typedef {object} ClusterOptions
 * @property {'queue'|'regular'} [mode]   queue: Redis + PostgreSQL + main + workers; regular: one `n8n start` on sqlite
 * @property {number} [workers]           queue mode: how many `n8n worker` processes (default 2)
 * @property {number} [concurrency]       queue mode: `n8n worker --concurrency` (default 4)
 * @property {Array<{id:string,name:string,type:string,data:object}>} [credentials]  imported with `n8n import:credentials`
 * @property {object[]} [workflows]       imported with `n8n import:workflow`, then `n8n publish:workflow` (each needs an id)
 * @property {string} [dir]               folder for everything (default .tmp/queue-<pid>-<random>); removed on stop unless keep
 * @property {boolean} [keep]             keep the folder (logs, database) after stop
 * @property {boolean} [owner]            create an owner account on main so that cluster.rest() works (default true)
 * @property {string} [packageRoot]       the package linked into every user folder (default: this repository)
 * @property {object} [env]               extra environment for every n8n process
 * @property {string} [logLevel]          N8N_LOG_LEVEL (default info: workers then log "Worker started execution N")
 * @property {number} [startupTimeoutMs]
 * @property {(line: string) => void} [log]        progress lines
 * @property {(pid: number) => void} [onSpawn]     a process group was started (e.g. to register it with a test runner)
 * @property {(pid: number) => void} [onExit]      that process group is gone
 * @property {boolean} [handleSignals]    stop on SIGINT/SIGTERM/SIGHUP, then exit (default true)
 */

class Cluster {
	constructor(options) {
		this.options = options;
		this.mode = options.mode ?? 'queue';
		this.dir = options.dir ?? path.join(REPO_ROOT, '.tmp', `queue-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
		this.encryptionKey = `queue-mode-${crypto.randomBytes(12).toString('hex')}`;
		this.services = [];
		this.workers = [];
		this.main = undefined;
		this.redis = undefined;
		this.postgres = undefined;
		this.timings = [];
		this.pids = new Set();
		this.dirs = [this.dir];
		this.stopped = false;
		this.stateFile = path.join(os.tmpdir(), `n8n-queue-mode-${process.pid}-${crypto.randomBytes(4).toString('hex')}.json`);
		this.log = options.log ?? (() => {});
	}

	remember(pid) {
		if (!pid) return;
		this.pids.add(pid);
		guard.add(pid);
		this.writeState();
		this.options.onSpawn?.(pid);
	}

	forget(pid) {
		this.pids.delete(pid);
		guard.delete(pid);
		this.writeState();
		this.options.onExit?.(pid);
	}

	writeState(done = false) {
		const state = {
			parentPid: process.pid,
			parentStart: processStartTime(process.pid),
			pids: [...this.pids],
			dirs: this.dirs,
			keep: Boolean(this.options.keep),
			postgres: this.postgres && {
				binDir: this.postgres.binDir,
				dataDir: this.postgres.dataDir,
				uid: this.postgres.uid,
				gid: this.postgres.gid,
			},
			done,
		};
		try {
			fs.writeFileSync(this.stateFile, JSON.stringify(state));
		} catch {
			/* best effort */
		}
	}

	async timed(label, step) {
		const started = Date.now();
		try {
			return await step();
		} finally {
			this.timings.push([label, Date.now() - started]);
		}
	}

	// ----- Redis

	async startRedis() {
		const port = await freePort();
		const service = new Service(
			'redis',
			which('redis-server'),
			['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', this.dir],
			{ logFile: path.join(this.dir, 'redis.log'), cwd: this.dir, owner: this },
		);
		this.services.push(service);
		this.redis = { port, pid: service.pid, logFile: service.logFile, service };
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (service.exited) throw new Error(`redis-server exited during startup:\n${tail(service.logFile)}`);
			if (await redisPing(port)) return;
			if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port}:\n${tail(service.logFile)}`);
			await sleep(100);
		}
	}

	// ----- PostgreSQL

	async startPostgres() {
		const binDir = postgresBinDir();
		const port = await freePort();
		// initdb refuses to run as root: as root the cluster belongs to the postgres OS user, and every
		// folder above it must let that user through.
		const user = isRoot() ? osUser('postgres') : undefined;
		if (isRoot() && !user) throw new Error('no "postgres" OS user: apt-get install -y postgresql creates it');
		let pgDir = path.join(this.dir, 'pg');
		// Unix socket paths are limited to 107 bytes; a folder the postgres user cannot reach does not work either.
		if (`${pgDir}/.s.PGSQL.${port}`.length > 100 || (user && !(await reachable(this.dir, user)))) {
			pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pg-'));
			this.dirs.push(pgDir);
		}
		fs.mkdirSync(pgDir, { recursive: true });
		if (user) fs.chownSync(pgDir, user.uid, user.gid);
		const dataDir = path.join(pgDir, 'data');
		const ids = user ? { uid: user.uid, gid: user.gid } : {};
		const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', ...(user ? { HOME: pgDir, USER: 'postgres' } : { HOME: process.env.HOME }) };
		this.postgres = { port, binDir, dataDir, socketDir: pgDir, ...ids, database: 'n8n', user: 'postgres' };
		this.writeState();

		const init = await run(
			path.join(binDir, 'initdb'),
			['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
			{ env, cwd: pgDir, ...ids, timeoutMs: 120_000, owner: this },
		);
		if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code ?? init.signal}):\n${(init.stdout + init.stderr).slice(-3000)}`);

		// A throwaway database: no durability needed, so no fsync.
		const logFile = path.join(this.dir, 'postgres.log');
		fs.writeFileSync(logFile, '');
		const service = new Service(
			'postgres',
			path.join(binDir, 'postgres'),
			[
				'-D', dataDir,
				'-c', 'listen_addresses=127.0.0.1',
				'-c', `port=${port}`,
				'-c', `unix_socket_directories=${pgDir}`,
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
				'-c', 'max_connections=100',
			],
			{ env, cwd: pgDir, logFile, ...ids, owner: this },
		);
		this.services.push(service);
		this.postgres.pid = service.pid;
		this.postgres.logFile = logFile;
		this.postgres.service = service;
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (service.exited) throw new Error(`postgres exited during startup:\n${tail(logFile)}`);
			const ready = await run(path.join(binDir, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], { env, timeoutMs: 10_000 });
			if (ready.code === 0) break;
			if (Date.now() > deadline) throw new Error(`postgres did not accept connections on port ${port}:\n${tail(logFile)}`);
			await sleep(200);
		}
		const created = await run(path.join(binDir, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n'], { env, timeoutMs: 30_000 });
		if (created.code !== 0) throw new Error(`createdb n8n failed: ${created.stderr}`);
	}

	/** SQL through psql (tab-separated rows, no header). Queue mode only. */
	async sql(query) {
		if (!this.postgres) throw new Error('sql() needs queue mode (PostgreSQL)');
		const result = await run(
			path.join(this.postgres.binDir, 'psql'),
			['-h', '127.0.0.1', '-p', String(this.postgres.port), '-U', 'postgres', '-d', 'n8n', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', query],
			{ env: { PATH: process.env.PATH, LANG: 'C' }, timeoutMs: 60_000 },
		);
		if (result.code !== 0) throw new Error(`psql failed: ${result.stderr}`);
		return result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t'));
	}

	// ----- n8n

	/** The environment of one n8n process (main, worker or CLI) with its own user folder and ports. */
	async n8nEnv(userFolder, { port, brokerPort, extra = {} } = {}) {
		const env = {
			...runtime.n8nEnv({
				userFolder,
				port: port ?? (await freePort()),
				brokerPort: brokerPort ?? (await freePort()),
				encryptionKey: this.encryptionKey,
			}),
			N8N_LOG_OUTPUT: 'console',
			N8N_LOG_FORMAT: 'text',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'info',
			NO_COLOR: '1',
			// Only 127.0.0.1 is contacted; never through a proxy from the environment.
			NO_PROXY: ['127.0.0.1', 'localhost', process.env.NO_PROXY ?? process.env.no_proxy].filter(Boolean).join(','),
			// The process's own limit wins over `--concurrency` when set: make sure it is not.
			N8N_CONCURRENCY_PRODUCTION_LIMIT: '-1',
		};
		env.no_proxy = env.NO_PROXY;
		if (this.mode === 'queue') {
			Object.assign(env, {
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(this.postgres.port),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'postgres',
				DB_POSTGRESDB_PASSWORD: '',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(this.redis.port),
				// Executions started in the editor run on the workers too, as webhook and trigger runs do.
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			});
		}
		return { ...env, ...(this.options.env ?? {}), ...extra };
	}

	userFolder(name) {
		const folder = path.join(this.dir, name);
		fs.mkdirSync(folder, { recursive: true });
		runtime.linkPackage(folder, this.options.packageRoot ?? REPO_ROOT);
		return folder;
	}

	/**
	 * One n8n CLI command against the cluster's database: PostgreSQL in queue mode (from a user folder
	 * of its own), main's sqlite file in regular mode (from main's user folder).
	 */
	async cli(args, timeoutMs = CLI_TIMEOUT_MS) {
		const folder = this.cliFolder();
		const env = await this.n8nEnv(folder);
		const result = await run(process.execPath, [this.bin, ...args], { env, cwd: folder, timeoutMs, owner: this });
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stdout.split('\n').slice(-30).join('\n')}\n${result.stderr.split('\n').slice(-30).join('\n')}`,
			);
		}
		return result;
	}

	cliFolder() {
		return this.userFolder(this.mode === 'regular' ? 'main' : 'cli');
	}

	async importAndPublish() {
		const { credentials = [], workflows = [] } = this.options;
		const folder = this.cliFolder();
		if (credentials.length) {
			const file = path.join(folder, 'credentials.json');
			fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
			// The first command on a fresh database also runs n8n's migrations (~30 s).
			await this.timed('n8n import:credentials', () => this.cli(['import:credentials', `--input=${file}`]));
		}
		if (workflows.length) {
			const workflowDir = path.join(folder, 'workflows');
			fs.mkdirSync(workflowDir, { recursive: true });
			for (const workflow of workflows) {
				if (!workflow.id) throw new Error(`workflow "${workflow.name}" needs an id`);
				fs.writeFileSync(path.join(workflowDir, `${workflow.id}.json`), JSON.stringify({ ...workflow, active: false }));
			}
			await this.timed('n8n import:workflow', () => this.cli(['import:workflow', '--separate', `--input=${workflowDir}`]));
			// Main reads the published (active) workflows when it starts, so this comes before it.
			for (const workflow of workflows) {
				if (workflow.active === false) continue;
				await this.timed(`n8n publish:workflow ${workflow.id}`, () => this.cli(['publish:workflow', `--id=${workflow.id}`]));
			}
		}
		return credentials.length > 0 || workflows.length > 0;
	}

	async startMain() {
		const port = await freePort();
		const folder = this.userFolder('main');
		const env = await this.n8nEnv(folder, { port });
		const service = new Service('main', process.execPath, [this.bin, 'start'], {
			env,
			cwd: folder,
			logFile: path.join(this.dir, 'main.log'),
			owner: this,
		});
		this.services.push(service);
		this.main = { name: 'main', pid: service.pid, port, url: `http://127.0.0.1:${port}`, logFile: service.logFile, userFolder: folder, service };
	}

	async startWorker(index) {
		const name = `worker-${index + 1}`;
		const [healthPort, brokerPort] = await freePorts(2);
		const folder = this.userFolder(name);
		const env = await this.n8nEnv(folder, {
			brokerPort,
			extra: {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
		});
		const concurrency = this.options.concurrency ?? 4;
		const service = new Service(name, process.execPath, [this.bin, 'worker', `--concurrency=${concurrency}`], {
			env,
			cwd: folder,
			logFile: path.join(this.dir, `${name}.log`),
			owner: this,
		});
		this.services.push(service);
		const worker = {
			name,
			pid: service.pid,
			healthPort,
			healthUrl: `http://127.0.0.1:${healthPort}/healthz`,
			concurrency,
			logFile: service.logFile,
			userFolder: folder,
			service,
		};
		this.workers.push(worker);
		return worker;
	}

	/** Until `/healthz/readiness` answers 200 (and, for main, the REST API answers JSON). */
	async waitReady(what, service, port, { rest }) {
		const deadline = Date.now() + (this.options.startupTimeoutMs ?? DEFAULT_STARTUP_MS);
		const stages = ['/healthz', '/healthz/readiness', ...(rest ? ['/rest/settings'] : [])];
		let stage = 0;
		for (;;) {
			if (service.exited) throw new Error(`${what} exited during startup (${JSON.stringify(service.exitInfo)}):\n${tail(service.logFile, 40)}`);
			if (Date.now() > deadline) throw new Error(`${what} was not ready within ${Math.round((this.options.startupTimeoutMs ?? DEFAULT_STARTUP_MS) / 1000)} s:\n${tail(service.logFile, 40)}`);
			const answer = await httpCall(port, 'GET', stages[stage], { timeoutMs: 3000 }).catch(() => undefined);
			// Until the REST routes are there, n8n answers every path "n8n is starting up" as text.
			if (answer?.status === 200 && parseJson(answer.text) !== undefined) {
				if (++stage === stages.length) return;
				continue;
			}
			await sleep(300);
		}
	}

	async setupOwner() {
		const password = `Queue-${crypto.randomBytes(6).toString('hex')}-9Z`;
		const email = 'queue@example.com';
		const setup = await httpCall(this.main.port, 'POST', '/rest/owner/setup', {
			body: { email, firstName: 'Queue', lastName: 'Mode', password },
		});
		if (setup.status !== 200) throw new Error(`POST /rest/owner/setup → ${setup.status} ${setup.text.slice(0, 300)}`);
		const cookies = [].concat(setup.headers['set-cookie'] ?? []).map((entry) => entry.split(';')[0]);
		this.cookie = cookies.join('; ');
		if (!this.cookie.includes('n8n-auth=')) throw new Error('owner setup returned no n8n-auth cookie');
		this.owner = { email, password };
	}

	async start() {
		clusters.add(this);
		if (this.options.handleSignals !== false) installHandlers();
		fs.mkdirSync(this.dir, { recursive: true });
		this.writeState();
		this.watchdogPid = startWatchdog(this.stateFile);
		const started = Date.now();

		if (this.mode === 'queue') await this.timed('install Redis/PostgreSQL if missing', () => ensureServices({ log: this.log }));
		this.bin = runtime.ensureRuntime({ quiet: true });

		if (this.mode === 'queue') {
			this.log('starting Redis and PostgreSQL…');
			await this.timed('Redis + PostgreSQL', () => Promise.all([this.startRedis(), this.startPostgres()]));
		}
		if (this.options.credentials?.length || this.options.workflows?.length) {
			this.log('importing credentials and workflows with the n8n CLI (the first command runs the database migrations)…');
		}
		const migrated = await this.importAndPublish();

		const workers = this.mode === 'queue' ? (this.options.workers ?? 2) : 0;
		this.log(`starting n8n main${workers ? ` and ${workers} worker${workers > 1 ? 's' : ''}` : ''}…`);
		await this.timed(`n8n main${workers ? ` + ${workers} workers` : ''} ready`, async () => {
			await this.startMain();
			// Every n8n command migrates the database first; on a fresh database main goes alone.
			if (!migrated) await this.waitReady('n8n main', this.main.service, this.main.port, { rest: true });
			for (let index = 0; index < workers; index++) await this.startWorker(index);
			await Promise.all([
				this.waitReady('n8n main', this.main.service, this.main.port, { rest: true }),
				...this.workers.map((worker) => this.waitReady(`n8n ${worker.name}`, worker.service, worker.healthPort, { rest: false })),
			]);
		});
		if (this.options.owner !== false) await this.setupOwner();
		this.setupMs = Date.now() - started;
		this.watchUnexpectedExits();
		return this;
	}

	/** A service that dies while the cluster runs is reported once (its log tail), not silently lost. */
	watchUnexpectedExits() {
		for (const service of this.services) {
			service.exitPromise.then((info) => {
				if (this.stopped || service.killedOnPurpose) return;
				this.crashed ??= `${service.name} exited unexpectedly (${JSON.stringify(info)}):\n${tail(service.logFile, 30)}`;
				this.log(this.crashed);
			});
		}
	}

	// ----- using it

	/** http://127.0.0.1:<port> of n8n main: the editor, the REST API and the production webhooks. */
	get mainUrl() {
		return this.main?.url;
	}

	webhookUrl(webhookPath) {
		return `${this.main.url}/webhook/${webhookPath.replace(/^\//, '')}`;
	}

	/**
	 * POSTs JSON to a production webhook of main. Resolves when the answer is complete:
	 * `{ status, body (parsed JSON, if it is), text, ms, endedAt }`.
	 */
	async webhook(webhookPath, body, { method = 'POST', timeoutMs = 300_000 } = {}) {
		const started = Date.now();
		const answer = await httpCall(this.main.port, method, `/webhook/${webhookPath.replace(/^\//, '')}`, { body, timeoutMs });
		const endedAt = Date.now();
		return { status: answer.status, headers: answer.headers, text: answer.text, body: parseJson(answer.text), ms: endedAt - started, endedAt };
	}

	/** A call to main's REST API as the owner (owner: true). */
	async rest(method, restPath, body) {
		if (!this.cookie) throw new Error('rest() needs the owner account (startCluster({ owner: true }))');
		const answer = await httpCall(this.main.port, method, `/rest/${restPath.replace(/^\//, '')}`, { body, headers: { cookie: this.cookie }, timeoutMs: 60_000 });
		const json = parseJson(answer.text);
		if (answer.status !== 200 || json === undefined) throw new Error(`${method} /rest/${restPath} → ${answer.status} ${answer.text.slice(0, 300)}`);
		return json.data ?? json;
	}

	/**
	 * Which worker ran which execution, from the workers' logs: each worker logs
	 * "Worker started execution <id> (job <n>)" and "Worker finished execution <id> (job <n>)" (info level).
	 * Returns Map<executionId, { worker, startedLogged, finishedLogged }>. In regular mode every
	 * execution runs in main, and the map is empty.
	 */
	attribution() {
		const byExecution = new Map();
		for (const worker of this.workers) {
			let text = '';
			try {
				text = fs.readFileSync(worker.logFile, 'utf8');
			} catch {
				continue;
			}
			for (const match of text.matchAll(/Worker (started|finished) execution (\d+) \(job ([^)]+)\)/g)) {
				const [, what, id, job] = match;
				const entry = byExecution.get(id) ?? { worker: worker.name, job, started: false, finished: false };
				if (entry.worker !== worker.name) entry.alsoOn = [...(entry.alsoOn ?? []), worker.name];
				entry[what] = true;
				byExecution.set(id, entry);
			}
		}
		return byExecution;
	}

	/**
	 * Every execution main knows (newest first from n8n; returned oldest first), with `worker` (the
	 * worker's name in queue mode, 'main' in regular mode; undefined if no worker logged it yet).
	 */
	async executions({ workflowId } = {}) {
		const filter = workflowId ? `&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}` : '';
		const all = [];
		let lastId;
		for (;;) {
			const page = await this.rest('GET', `executions?limit=250${filter}${lastId ? `&lastId=${lastId}` : ''}`);
			const results = page.results ?? [];
			all.push(...results);
			if (results.length < 250) break;
			lastId = results[results.length - 1].id;
		}
		const attribution = this.attribution();
		return all
			.map((execution) => ({
				id: String(execution.id),
				workflowId: execution.workflowId,
				status: execution.status,
				mode: execution.mode,
				startedAt: execution.startedAt ? Date.parse(execution.startedAt) : undefined,
				stoppedAt: execution.stoppedAt ? Date.parse(execution.stoppedAt) : undefined,
				worker: this.mode === 'regular' ? 'main' : attribution.get(String(execution.id))?.worker,
			}))
			.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** One execution with its run data (`data.resultData.runData`), unflattened. */
	async execution(id) {
		const execution = await this.rest('GET', `executions/${id}`);
		if (typeof execution.data === 'string') execution.data = unflatten(execution.data);
		const attribution = this.attribution();
		execution.worker = this.mode === 'regular' ? 'main' : attribution.get(String(id))?.worker;
		return execution;
	}

	/**
	 * Kills one worker's whole process group at once (SIGKILL by default: no shutdown, as when its
	 * machine dies) and resolves when its leader has exited: `{ name, pid, signal, exitInfo, ms }`. The
	 * worker stays in `workers` (its log remains readable, marked `killed`) and its exit is not reported
	 * as a crash. What it ran is left to n8n (in 2.8.4 an execution whose worker died is not run again).
	 */
	async killWorker(name, signal = 'SIGKILL') {
		const worker = this.workers.find((candidate) => candidate.name === name);
		if (!worker) throw new Error(`no worker named ${name} (${this.workers.map((candidate) => candidate.name).join(', ')})`);
		if (worker.service.exited) throw new Error(`${name} has already exited (${JSON.stringify(worker.service.exitInfo)})`);
		const started = Date.now();
		worker.service.killedOnPurpose = true;
		worker.killed = true;
		worker.service.killGroup(signal);
		let timer;
		const exited = await Promise.race([
			worker.service.exitPromise.then(() => true),
			new Promise((resolve) => (timer = setTimeout(() => resolve(false), 30_000))),
		]);
		clearTimeout(timer);
		if (!exited) throw new Error(`${name} (pid ${worker.pid}) did not exit within 30 s of ${signal}`);
		return { name, pid: worker.pid, signal, exitInfo: worker.service.exitInfo, ms: Date.now() - started };
	}

	// ----- stopping

	async stop({ graceMs = STOP_GRACE_MS } = {}) {
		if (this.stopping) return this.stopping;
		this.stopped = true;
		this.stopping = (async () => {
			// n8n first (workers, then main), then the services they use.
			const n8n = this.services.filter((service) => service !== this.redis?.service && service !== this.postgres?.service);
			await Promise.allSettled(n8n.map((service) => service.stop(graceMs)));
			if (this.postgres?.service && !this.postgres.service.exited) {
				const ids = this.postgres.uid !== undefined ? { uid: this.postgres.uid, gid: this.postgres.gid } : {};
				await run(path.join(this.postgres.binDir, 'pg_ctl'), ['stop', '-D', this.postgres.dataDir, '-m', 'immediate', '-w', '-t', '15'], {
					...ids,
					env: { PATH: process.env.PATH, LANG: 'C' },
					timeoutMs: 20_000,
				});
				await this.postgres.service.stop(0);
			}
			if (this.redis?.service) await this.redis.service.stop(0);
			for (const service of this.services) service.killGroup('SIGKILL');
			this.writeState(true);
			try {
				fs.rmSync(this.stateFile, { force: true });
			} catch {
				/* fine */
			}
			if (!this.options.keep) for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true });
			clusters.delete(this);
		})();
		return this.stopping;
	}

	/** For the exit handler: no promises, just kill and remove. */
	stopSync() {
		this.stopped = true;
		const state = {
			pids: this.services.filter((service) => !service.exited).map((service) => service.pid),
			dirs: this.dirs,
			keep: Boolean(this.options.keep),
			postgres: this.postgres && !this.postgres.service?.exited ? this.postgres : undefined,
		};
		cleanUpState(state);
		try {
			fs.rmSync(this.stateFile, { force: true });
		} catch {
			/* fine */
		}
		clusters.delete(this);
	}

	/** What the cluster is, for printing (no secrets: the encryption key is left out). */
	describe() {
		return {
			mode: this.mode,
			dir: this.dir,
			mainUrl: this.main?.url,
			main: this.main && { pid: this.main.pid, port: this.main.port, logFile: this.main.logFile },
			workers: this.workers.map(({ name, pid, healthUrl, concurrency, logFile }) => ({ name, pid, healthUrl, concurrency, logFile })),
			redis: this.redis && { port: this.redis.port, pid: this.redis.pid },
			postgres: this.postgres && { port: this.postgres.port, pid: this.postgres.pid, dataDir: this.postgres.dataDir },
		};
	}
}

/** n8n stores execution data with `flatted`; it is one of n8n's own dependencies. */
function unflatten(text) {
	const flatted = require(require.resolve('flatted', { paths: [path.join(runtime.runtimeDir(), 'node_modules', 'n8n')] }));
	return flatted.parse(text);
}

/** Whether `user` can enter and write `dir` (every folder above it must let it through). */
async function reachable(dir, user) {
	const result = await run('/bin/sh', ['-c', 'test -x "$1" && test -w "$1"', 'sh', dir], { uid: user.uid, gid: user.gid, timeoutMs: 10_000 });
	if (result.code === 0) return true;
	// The folder is ours and may simply not be writable for postgres yet: only traversal matters.
	const parent = await run('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], { uid: user.uid, gid: user.gid, timeoutMs: 10_000 });
	return parent.code === 0;
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			data += chunk;
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
	});
}

/**
 * Starts a cluster and resolves once main and every worker answer `/healthz/readiness`. On any
 * failure everything started so far is stopped again before the error is thrown.
 * @param {ClusterOptions} options
 * @returns {Promise<Cluster>}
 */
async function startCluster(options = {}) {
	if (options.mode && !['queue', 'regular'].includes(options.mode)) throw new Error(`mode must be queue or regular, not ${options.mode}`);
	const cluster = new Cluster(options);
	try {
		return await cluster.start();
	} catch (error) {
		await cluster.stop({ graceMs: 0 }).catch(() => {});
		throw error;
	}
}

module.exports = { startCluster, ensureServices, missingServices, freePort, Cluster };

// ---------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
	const options = { workers: 2, concurrency: 4, mode: 'queue', keep: false };
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const [flag, inline] = arg.split('=');
		const value = () => inline ?? argv[++index];
		if (flag === '--workers') options.workers = Number(value());
		else if (flag === '--concurrency') options.concurrency = Number(value());
		else if (flag === '--mode') options.mode = value();
		else if (flag === '--keep') options.keep = true;
		else if (flag === '--help' || flag === '-h') options.help = true;
		else throw new Error(`unknown argument ${arg}`);
	}
	if (!Number.isInteger(options.workers) || options.workers < 1) throw new Error('--workers must be a whole number ≥ 1');
	if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error('--concurrency must be a whole number ≥ 1');
	return options;
}

async function cliMain() {
	const say = (line) => process.stdout.write(`[queue-mode] ${line}\n`);
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`[queue-mode] ${error.message}\n`);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(
			'usage: node scripts/queue-mode.js [--workers 2] [--concurrency 4] [--mode queue|regular] [--keep]\n' +
				'Starts n8n in queue mode (Redis, PostgreSQL, main, workers) with this package loaded, until Ctrl-C.\n',
		);
		return;
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const unbuilt = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((rel) => !fs.existsSync(path.join(REPO_ROOT, rel)));
	if (unbuilt.length) {
		process.stderr.write(`[queue-mode] the package is not built (${unbuilt[0]} is missing): run npm run build first\n`);
		process.exit(1);
	}
	runtime.ensureRuntime();
	const started = Date.now();
	const cluster = await startCluster({
		mode: options.mode,
		workers: options.workers,
		concurrency: options.concurrency,
		keep: options.keep,
		owner: false,
		dir: path.join(REPO_ROOT, '.tmp', `queue-cli-${process.pid}`),
		log: say,
	});
	const info = cluster.describe();
	const bar = '─'.repeat(72);
	const lines = [
		'',
		bar,
		`  n8n ${runtime.N8N_VERSION} in ${info.mode} mode is running (started in ${Math.round((Date.now() - started) / 1000)} s), with ${runtime.PACKAGE_NAME} loaded in every process.`,
		'',
		`  Editor and webhooks   ${info.mainUrl}   (create the owner account on the first visit)`,
		`                        production webhooks: ${info.mainUrl}/webhook/<path>`,
	];
	for (const worker of info.workers) lines.push(`  ${worker.name.padEnd(20)}  ${worker.healthUrl}  (--concurrency ${worker.concurrency}, pid ${worker.pid})`);
	if (info.redis) lines.push(`  Redis                 127.0.0.1:${info.redis.port}`);
	if (info.postgres) lines.push(`  PostgreSQL            127.0.0.1:${info.postgres.port}  database n8n, user postgres, no password`);
	lines.push(
		`  Logs                  ${path.relative(process.cwd(), info.dir) || info.dir}/*.log  (workers log "Worker started execution N")`,
		'',
		info.mode === 'queue'
			? '  Executions (webhooks, triggers, and runs started in the editor) run on the workers.'
			: '  Executions run in this one process.',
		`  Everything is thrown away on stop${options.keep ? ' (except the folder: --keep)' : ''}. Ctrl-C stops it.`,
		bar,
		'',
	);
	process.stdout.write(lines.join('\n'));
	// Keep running; report a crash of any part.
	const timer = setInterval(() => {
		if (cluster.crashed) {
			clearInterval(timer);
			process.stderr.write(`[queue-mode] ${cluster.crashed}\n`);
			cluster.stop({ graceMs: 2_000 }).then(() => process.exit(1));
		}
	}, 1000);
}

if (require.main === module) {
	if (process.argv[2] === '--watchdog') {
		watchdogMain(process.argv[3]);
	} else {
		cliMain().catch((error) => {
			process.stderr.write(`[queue-mode] ${error.stack ?? error.message}\n`);
			process.exit(1);
		});
	}
}
