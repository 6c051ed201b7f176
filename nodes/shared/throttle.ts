import { sleep } from 'n8n-workflow';

/**
 * A client-side rate limit shared by every request made with one credential: requests start
 * evenly spaced at the current rate. A 429 halves the rate and pauses until the time the server
 * asked for; each success then raises the rate again, back up to the limit.
 */
export class Throttle {
	private rate: number;

	private nextStart = 0;

	private pausedUntil = 0;

	constructor(private limit: number) {
		this.rate = limit;
	}

	/** Changes the limit (e.g. a node option); the current rate follows it down at once. */
	setLimit(limit: number): void {
		if (limit === this.limit) return;
		this.limit = limit;
		this.rate = Math.min(this.rate, limit);
	}

	get currentRate(): number {
		return this.rate;
	}

	/** Waits for this request's slot; a pause that begins meanwhile sends it to the back of the queue. */
	async acquire(): Promise<void> {
		for (;;) {
			const start = this.reserve();
			const now = Date.now();
			if (start > now) await sleep(start - now);
			if (Date.now() >= this.pausedUntil) return;
		}
	}

	private reserve(): number {
		const start = Math.max(Date.now(), this.nextStart, this.pausedUntil);
		this.nextStart = start + 1000 / this.rate;
		return start;
	}

	/** The server said "too many": slow down once per pause, and start nothing before `waitMs` has passed. */
	tooMany(waitMs: number): void {
		const now = Date.now();
		if (now >= this.pausedUntil) this.rate = Math.max(this.limit / 16, this.rate / 2);
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		this.nextStart = Math.max(this.nextStart, this.pausedUntil);
	}

	succeeded(): void {
		if (this.rate < this.limit) this.rate = Math.min(this.limit, this.rate + this.limit / 32);
	}
}

const throttles = new Map<string, Throttle>();

/** The throttle of one credential (shared by all runs of all nodes in this n8n process). */
export function throttleFor(key: string, limit: number): Throttle {
	let throttle = throttles.get(key);
	if (!throttle) {
		throttle = new Throttle(limit);
		throttles.set(key, throttle);
	}
	throttle.setLimit(limit);
	return throttle;
}

/** How long a 429 or 503 asks to wait, in ms: `Retry-After` (seconds or HTTP date) or Rebilly's header. */
export function retryAfterMs(headers: Record<string, unknown>, now = Date.now()): number | undefined {
	const header = (name: string) => {
		const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
		return key === undefined ? undefined : String(headers[key]).trim();
	};
	for (const name of ['retry-after', 'x-ratelimit-retry-after']) {
		const value = header(name);
		if (value === undefined || value === '') continue;
		if (/^\d+(\.\d+)?$/.test(value)) {
			const number = Number(value);
			// A large number is a point in time (unix seconds), a small one a number of seconds.
			return number > 1e9 ? Math.max(0, number * 1000 - now) : number * 1000;
		}
		const date = Date.parse(value);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return undefined;
}

/** Exponential backoff with jitter: 50–100 % of base·2^attempt, at most `capMs`. */
export const backoffMs = (attempt: number, baseMs = 250, capMs = 8000) =>
	Math.min(capMs, baseMs * 2 ** attempt) * (0.5 + Math.random() / 2);
