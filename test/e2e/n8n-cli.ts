/**
 * A real n8n of each tested version (installed once per version by scripts/n8n-runtime.js, under the
 * Node that version needs), driven as a user would: `n8n import:credentials` and `n8n import:workflow`,
 * then one `n8n start` whose REST API runs every workflow the way the editor's "Execute workflow"
 * button does. Every process gets its own free task-broker port, its own process group, a bounded
 * run time, and is killed (group and all) when it overruns or when the tests end.
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
	e2eVersions(): string[];
	PACKAGE_NAME: string;
	runtimeProblem(version?: string): string | undefined;
	runtimeDir(version?: string): string;
	n8nBinPath(version?: string): string;
	nodeBinPath(version?: string): string;
	n8nEnv(options: { userFolder: string; port?: number; brokerPort?: number; encryptionKey?: string; version?: string }): NodeJS.ProcessEnv;
	linkPackage(userFolder: string, packageRoot?: string): string;
	packPackage(destination: string, packageRoot?: string): string;
	installPackage(userFolder: string, tarball: string): string;
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
	version: string;
	/** n8n's bin, and the Node it runs under. */
	bin: string;
	node: string;
	userFolder: string;
}

/** The n8n of one tested version, in a given user folder; throws when that version is not installed. */
export function n8nContext(version: string, userFolder: string): N8nContext {
	const problem = runtime.runtimeProblem(version);
	if (problem) throw new Error(`n8n ${version}: ${problem}. Run \`npm run test:e2e\` (it installs every tested n8n once).`);
	return { version, bin: runtime.n8nBinPath(version), node: runtime.nodeBinPath(version), userFolder };
}

async function environment(ctx: N8nContext, port?: number): Promise<NodeJS.ProcessEnv> {
	return {
		...runtime.n8nEnv({
			userFolder: ctx.userFolder,
			port: port ?? (await freePort()),
			brokerPort: await freePort(),
			encryptionKey: E2E_ENCRYPTION_KEY,
			version: ctx.version,
		}),
		// Manual runs are read back from the database, as the editor does.
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// 2.41 publishes workflows through an outbox polled every 15 s by default: poll it often.
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
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
	const child = spawn(ctx.node, [ctx.bin, ...args], {
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
	/** A call of n8n's REST API (what the editor calls): the `data` of its answer; throws unless 200. */
	rest<T>(method: string, path: string, body?: unknown): Promise<T>;
	/** Runs a saved workflow from its Manual Trigger, as the editor's "Execute workflow" does, to its end. */
	runWorkflow(id: string, timeoutMs?: number): Promise<ManualRun>;
	/**
	 * Publishes (activates) a saved workflow as the editor does, and waits until n8n answers at
	 * `listeningAt` (a production webhook path) with anything but 404.
	 */
	activate(id: string, listeningAt: string, timeoutMs?: number): Promise<void>;
	output(): string;
	stop(): Promise<void>;
}

export interface ManualRun {
	executionId: string;
	/** The execution as n8n stored it (status, and every node's output or error). */
	execution: ExecutionRun;
	ms: number;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * The data of a stored execution, as `GET /rest/executions/:id` gives it: n8n stores it in the
 * `flatted` format (a JSON array with references), which the editor unflattens; so does this, with the
 * `flatted` of that n8n's own install.
 */
function unflatten(version: string, data: unknown): ExecutionRun['data'] {
	if (typeof data !== 'string') return data as ExecutionRun['data'];
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(require.resolve('flatted', { paths: [join(runtime.runtimeDir(version), 'node_modules', 'n8n')] })) as {
		parse(text: string): unknown;
	};
	return flatted.parse(data) as ExecutionRun['data'];
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
	const child = spawn(ctx.node, [ctx.bin, 'start'], {
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
		const rest = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
			const answer = await http(port, method, path, { cookie, body, timeoutMs: 60_000 });
			if (answer.status !== 200 || !isJson(answer.text)) throw new Error(`${method} ${path} → ${answer.status} ${answer.text.slice(0, 500)}`);
			return (JSON.parse(answer.text) as { data: T }).data;
		};
		const runWorkflow = async (id: string, timeoutMs = 120_000): Promise<ManualRun> => {
			const started = Date.now();
			const workflow = await rest<{ id: string; nodes: Array<{ name: string; type: string }> }>('GET', `/rest/workflows/${id}`);
			const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
			if (!trigger) throw new Error(`workflow ${id} has no Manual Trigger to run from`);
			const run = await rest<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/rest/workflows/${id}/run`, {
				workflowData: workflow,
				triggerToStartFrom: { name: trigger.name },
			});
			if (!run.executionId) throw new Error(`POST /rest/workflows/${id}/run started no execution: ${JSON.stringify(run)}`);
			for (;;) {
				const stored = await rest<{ status: string; finished?: boolean; mode: string; data?: unknown }>('GET', `/rest/executions/${run.executionId}`);
				// n8n 1.x marks a manual execution finished a moment before it stores its data ("[]" until then).
				const data = FINISHED.has(stored.status) && stored.data ? unflatten(ctx.version, stored.data) : undefined;
				if (data?.resultData) return { executionId: run.executionId, execution: { ...stored, data }, ms: Date.now() - started };
				if (Date.now() - started > timeoutMs) {
					throw new Error(`execution ${run.executionId} of ${id} still ${stored.status} after ${timeoutMs / 1000} s: ${JSON.stringify(stored).slice(0, 500)}`);
				}
				if (exited) throw new Error(`n8n exited while ${id} ran:\n${tail(log)}`);
				await sleep(100);
			}
		};
		const activate = async (id: string, listeningAt: string, timeoutMs = 60_000) => {
			const { versionId } = await rest<{ versionId: string }>('GET', `/rest/workflows/${id}`);
			// The same call in 1.123 (there: "activate") and 2.x (there: "publish").
			const answer = await rest<{ active: boolean }>('POST', `/rest/workflows/${id}/activate`, { versionId });
			if (!answer.active) throw new Error(`workflow ${id} is not active after POST /rest/workflows/${id}/activate: ${JSON.stringify(answer).slice(0, 300)}`);
			// 2.41 publishes through an outbox that a timer works off: the webhooks follow a moment later.
			const started = Date.now();
			for (;;) {
				const probe = await http(port, 'GET', listeningAt, { timeoutMs: 5000 }).catch(() => undefined);
				if (probe && probe.status !== 404) return;
				if (Date.now() - started > timeoutMs) throw new Error(`workflow ${id}: ${listeningAt} still answers 404 ${timeoutMs / 1000} s after it was published`);
				await sleep(250);
			}
		};
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
			rest,
			runWorkflow,
			activate,
			output: () => log,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
