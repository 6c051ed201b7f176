/**
 * The real n8n 2.8.4 (installed once into .n8n-runtime/ by scripts/n8n-runtime.js), driven as a user
 * would drive it headless: `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id`, and
 * `n8n start` for the REST API. Every process gets its own free task-broker port, its own process
 * group, a bounded run time, and is killed (group and all) when it overruns or when the tests end.
 *
 * Child processes are spawned asynchronously on purpose: the contract servers these runs talk to live
 * in this same process, so a blocking spawnSync would starve them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../harness/prism';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The part of scripts/n8n-runtime.js (plain CommonJS) these tests use. */
interface Runtime {
	N8N_VERSION: string;
	PACKAGE_NAME: string;
	runtimeProblem(): string | undefined;
	ensureRuntime(options?: { quiet?: boolean }): string;
	n8nEnv(options: { userFolder: string; port?: number; brokerPort?: number; encryptionKey?: string }): NodeJS.ProcessEnv;
	linkPackage(userFolder: string, packageRoot?: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtime = require(join(REPO_ROOT, 'scripts', 'n8n-runtime.js')) as Runtime;

/** Only for the throwaway e2e folders. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-invoice-items-e2e-key-not-secret';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every n8n process started here, so that nothing outlives the tests. */
const live = new Set<ChildProcess>();

/**
 * scripts/e2e.js gives each run a folder (E2E_RUN_DIR) and, whatever way jest ends (a failure, a
 * timeout, Ctrl-C, a kill), kills every process group listed in its `pids` file afterwards: signal
 * handlers inside a jest test file do not see the real process's signals.
 */
function register(child: ChildProcess) {
	live.add(child);
	writePids();
}

function unregister(child: ChildProcess) {
	live.delete(child);
	writePids();
}

/** Process groups started by others (scripts/queue-mode.js: Redis, PostgreSQL, n8n main and workers). */
const groups = new Set<number>();

/** Lists a process group that is not a ChildProcess of this module, so that scripts/e2e.js stops it too. */
export function registerGroup(pid: number) {
	groups.add(pid);
	writePids();
}

export function unregisterGroup(pid: number) {
	groups.delete(pid);
	writePids();
}

/** Only the processes still running are listed, so that no pid reused later is ever killed. */
function writePids() {
	const runDir = process.env.E2E_RUN_DIR;
	if (!runDir) return;
	const pids = [...[...live].map((child) => child.pid).filter((pid) => pid !== undefined), ...groups];
	writeFileSync(join(runDir, 'pids'), pids.map((pid) => `${pid}\n`).join(''));
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

/** Kills every n8n process group still running. */
export function killAll() {
	for (const child of live) killGroup(child, 'SIGKILL');
	live.clear();
	writePids();
}

export interface CliResult {
	args: string[];
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
	timedOut: boolean;
}

export interface N8nContext {
	bin: string;
	userFolder: string;
}

async function environment(ctx: N8nContext, port?: number): Promise<NodeJS.ProcessEnv> {
	return {
		...runtime.n8nEnv({
			userFolder: ctx.userFolder,
			port: port ?? (await freePort()),
			brokerPort: await freePort(),
			encryptionKey: E2E_ENCRYPTION_KEY,
		}),
		// Plain lines, no colours: the output is parsed and shown in failures.
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_FORMAT: 'text',
		NO_COLOR: '1',
	};
}

/** Runs one n8n CLI command to its end (or kills it after `timeoutMs`). */
export async function n8nCli(ctx: N8nContext, args: string[], timeoutMs = 120_000): Promise<CliResult> {
	const env = await environment(ctx);
	const started = Date.now();
	const child = spawn(process.execPath, [ctx.bin, ...args], {
		cwd: ctx.userFolder,
		env,
		detached: true, // own process group: the task runner it starts is stopped with it
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	register(child);
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child, 'SIGKILL');
	}, timeoutMs);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
		child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
	});
	clearTimeout(timer);
	// A task runner left behind in the group goes too.
	killGroup(child, 'SIGKILL');
	unregister(child);
	return { args, code, signal, stdout, stderr, ms: Date.now() - started, timedOut };
}

/** Throws with the command's output unless it exited 0. */
export function assertOk(result: CliResult): CliResult {
	if (result.code !== 0) {
		throw new Error(
			`n8n ${result.args.join(' ')} ${result.timedOut ? 'timed out' : `exited ${result.code ?? result.signal}`}:\n` +
				`${tail(result.stdout)}\n${tail(result.stderr)}`,
		);
	}
	return result;
}

export const tail = (text: string, lines = 40) => text.split('\n').slice(-lines).join('\n');

/**
 * The run that `n8n execute --rawOutput` prints: a pretty-printed JSON object whose first line is
 * `{` and last line `}`, among n8n's log lines (task broker, Python runner notice, and on failure
 * "Execution error: ====" before it and the error message after it).
 */
export function executionJson(stdout: string): ExecutionRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	if (start === -1) return undefined;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
		} catch {
			/* a nested closing brace at column 0 cannot happen in pretty JSON; keep looking anyway */
		}
	}
	return undefined;
}

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number }>;
}

export interface TaskData {
	executionStatus?: string;
	data?: { main: Array<OutputItem[] | null> };
	error?: { message: string; description?: string; name?: string; context?: Record<string, unknown> };
}

export interface ExecutionRun {
	status: string;
	finished?: boolean;
	mode: string;
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			lastNodeExecuted?: string;
			error?: { message: string; description?: string; name?: string; node?: { name: string; type: string } };
		};
	};
}

/** The items a node put on its first output in its (first) run. */
export function nodeOutput(run: ExecutionRun, node: string): OutputItem[] {
	const task = run.data.resultData.runData[node]?.[0];
	if (!task) throw new Error(`node "${node}" did not run; nodes that ran: ${Object.keys(run.data.resultData.runData).join(', ')}`);
	return task.data?.main?.[0] ?? [];
}

// ---------------------------------------------------------------------------------------------
// `n8n start`, for the REST API

export interface HttpAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

export function http(
	port: number,
	method: string,
	path: string,
	{ body, cookie, timeoutMs = 15_000 }: { body?: unknown; cookie?: string; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port,
				method,
				path,
				timeout: timeoutMs,
				headers: {
					accept: 'application/json',
					...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
					...(cookie ? { cookie } : {}),
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${path}`)));
		req.on('error', reject);
		req.end(payload);
	});
}

export interface N8nServer {
	port: number;
	/** Logged in as the owner created at start. */
	get(path: string): Promise<HttpAnswer>;
	getJson<T>(path: string): Promise<T>;
	output(): string;
	stop(): Promise<void>;
}

const isJson = (text: string) => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};

/**
 * Starts `n8n start` on 127.0.0.1, waits until its REST API answers JSON (during migrations every
 * path answers "n8n is starting up"), and sets up the owner account to get a session cookie.
 */
export async function startN8n(ctx: N8nContext, startupMs = 180_000): Promise<N8nServer> {
	const port = await freePort();
	const env = await environment(ctx, port);
	const child = spawn(process.execPath, [ctx.bin, 'start'], {
		cwd: ctx.userFolder,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	register(child);
	let log = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
	let exited = false;
	const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

	const stop = async () => {
		if (!exited) {
			child.kill('SIGTERM'); // graceful: n8n stops its task runner itself
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([exit, new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
			clearTimeout(timer);
		}
		killGroup(child, 'SIGKILL');
		unregister(child);
	};

	try {
		const deadline = Date.now() + startupMs;
		for (;;) {
			if (exited) throw new Error(`n8n start exited during startup:\n${tail(log)}`);
			if (Date.now() > deadline) throw new Error(`n8n did not answer within ${startupMs / 1000} s:\n${tail(log)}`);
			const answer = await http(port, 'GET', '/rest/settings', { timeoutMs: 2000 }).catch(() => undefined);
			if (answer?.status === 200 && isJson(answer.text)) break;
			await sleep(500);
		}
		const password = `E2e-${randomBytes(6).toString('hex')}-9Z`;
		const setup = await http(port, 'POST', '/rest/owner/setup', {
			body: { email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd', password },
		});
		if (setup.status !== 200) throw new Error(`POST /rest/owner/setup → ${setup.status} ${setup.text.slice(0, 300)}`);
		const setCookie = setup.headers['set-cookie'];
		const cookie = (Array.isArray(setCookie) ? setCookie : [setCookie ?? ''])
			.map((entry) => entry.split(';')[0])
			.join('; ');
		if (!cookie.includes('n8n-auth=')) throw new Error('owner setup returned no n8n-auth cookie');

		const get = (path: string) => http(port, 'GET', path, { cookie });
		return {
			port,
			get,
			getJson: async <T>(path: string) => {
				// /types/*.json are written right after startup; give them a moment.
				for (let attempt = 0; ; attempt++) {
					const answer = await get(path);
					if (answer.status === 200 && isJson(answer.text)) return JSON.parse(answer.text) as T;
					if (attempt >= 20) throw new Error(`GET ${path} → ${answer.status} ${answer.text.slice(0, 300)}`);
					await sleep(500);
				}
			},
			output: () => log,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
