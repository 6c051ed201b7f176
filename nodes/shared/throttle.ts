import { sleep } from 'n8n-workflow';

/** Time as the rate control sees it; tests pass a virtual clock. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/** A wake-up this late means the event loop was blocked. */
const STALL_MS = 50;
/** How long a started request may still be on its way out (n8n prepares it asynchronously). */
const PREPARING_MS = 50;

/**
 * A token bucket with a queue: requests start in arrival order, at most `rate` per second and at
 * most `burst` at once. Tokens are counted when the first in line wakes, so one that wakes late
 * (the event loop was blocked) takes only the slots that passed meanwhile, up to the burst: a
 * backlog is never released at once. Nothing is saved up while nobody waits, so an idle sender
 * starts again one request at a time.
 */
export class Pacer {
	private tokens = 1;

	private countedAt: number;

	private busy = false;

	private readonly turns: Array<() => void> = [];

	/** The last times the event loop held the first in line back (it woke late). */
	private readonly stalls: Array<{ from: number; to: number }> = [];

	constructor(
		private readonly rate: (now: number) => number,
		private readonly burst: (now: number) => number,
		private readonly clock: Clock = systemClock,
		private readonly heldUntil: () => number = () => 0,
		private readonly random: () => number = Math.random,
	) {
		this.countedAt = clock.now();
	}

	/** Waits for a slot; resolves with the time the request may start and the tokens that were saved up then. */
	async take(): Promise<{ at: number; saved: number }> {
		if (this.busy) {
			await new Promise<void>((resolve) => this.turns.push(resolve));
		} else {
			this.count(this.clock.now());
			this.tokens = Math.min(this.tokens, 1);
		}
		this.busy = true;
		try {
			for (;;) {
				const now = this.clock.now();
				this.count(now);
				const held = this.heldUntil() - now;
				if (held > 0) {
					await this.clock.sleep(held);
				} else if (this.tokens >= 1) {
					const saved = this.tokens;
					this.tokens -= 1;
					return { at: now, saved };
				} else {
					// Up to half a slot later, at random: the slot's token is kept, so the rate stays, but
					// requests never arrive in lockstep with the provider's refills, which would hand every
					// contested token to this sender and every 429 to the others sharing the limit.
					const due = ((1 - this.tokens) / this.rate(now)) * 1000;
					const wait = Math.max(1, Math.ceil(due + (this.random() * 500) / this.rate(now)));
					await this.clock.sleep(wait);
					const woke = this.clock.now();
					if (woke - (now + wait) >= STALL_MS) {
						// Until the provider has refilled the burst that goes out now, its answers may be 429s.
						this.stalls.push({ from: now + wait, to: woke + (this.burst(woke) / this.rate(woke)) * 1000 });
						if (this.stalls.length > 8) this.stalls.shift();
					}
				}
			}
		} finally {
			const next = this.turns.shift();
			if (next) next();
			else this.busy = false;
		}
	}

	/**
	 * Whether a request started at `at` went out with the bunch that follows a stall: it was still
	 * being prepared when the event loop stopped, or it started before the provider could refill the
	 * burst that went out when the loop went on.
	 */
	stalledNear(at: number): boolean {
		return this.stalls.some((stall) => at >= stall.from - PREPARING_MS && at <= stall.to);
	}

	private count(now: number) {
		if (now <= this.countedAt) return;
		this.tokens = Math.min(this.burst(now), this.tokens + ((now - this.countedAt) / 1000) * this.rate(now));
		this.countedAt = now;
	}
}

/** A slot handed out by a RateController: when its request started, and whether on tokens saved up (a burst). */
export interface Slot {
	startedAt: number;
	fromBurst: boolean;
}

/** How far one congestion signal lowers the rate, from the rate at which it happened. */
const DECREASE = 0.6;
/** Where the climb back levels off: a little below the rate at which the provider was overloaded. */
const PLATEAU = 0.85;
/** The climb after a decrease: growth · limit · t³ requests/s, t in seconds from the plateau. */
const GROWTH = 0.003;
/** The rate never falls below this share of the limit. */
const FLOOR = 1 / 32;
/** The window over which the rate actually sent is measured. */
const MEASURE_MS = 1000;
/** After a burst overran the provider, the burst allowed grows back by one request this often. */
const BURST_REGROWTH_MS = 30_000;

/**
 * The request rate of one credential in one process, steered like congestion control: it starts at
 * the provider's limit; a 429 (or a quota nearly used up) lowers it multiplicatively from the rate at
 * which it happened; afterwards it climbs back with time (not per success) on a cubic curve, flat a
 * little below the rate that overloaded the provider and steep far from it. Several processes
 * sharing one provider limit thus settle near their shares instead of colliding every few requests,
 * and a process left alone climbs back to the full limit within seconds. Signals about requests
 * started before the last decrease are already answered by it and lower nothing more.
 */
export class RateController {
	private readonly pacer: Pacer;

	private decrease?: { at: number; level: number; plateauS: number };

	private pausedUntil = 0;

	private readonly started: number[] = [];

	private burstCut = { by: 0, at: -Infinity };

	constructor(
		readonly limit: number,
		readonly burst: number,
		private readonly clock: Clock = systemClock,
		random: () => number = Math.random,
	) {
		this.pacer = new Pacer((now) => this.rateAt(now), (now) => this.burstAt(now), clock, () => this.pausedUntil, random);
	}

	/** How many requests may start at once at `now`. */
	burstAt(now = this.clock.now()): number {
		const regrown = Math.floor((now - this.burstCut.at) / BURST_REGROWTH_MS);
		return Math.max(1, this.burst - Math.max(0, this.burstCut.by - regrown));
	}

	/** The rate allowed at `now`, in requests per second. */
	rateAt(now = this.clock.now()): number {
		if (!this.decrease) return this.limit;
		const { at, level, plateauS } = this.decrease;
		const t = (now - at) / 1000 - plateauS;
		const rate = Math.min(this.limit, Math.max(this.limit * FLOOR, level + GROWTH * this.limit * t ** 3));
		if (rate >= this.limit) this.decrease = undefined;
		return rate;
	}

	/** Waits until a request may start. */
	async acquire(): Promise<Slot> {
		const { at: startedAt, saved } = await this.pacer.take();
		this.started.push(startedAt);
		while (this.started.length && this.started[0] <= startedAt - MEASURE_MS) this.started.shift();
		return { startedAt, fromBurst: saved >= 2 };
	}

	/**
	 * The provider is overloaded for a request of `slot`: it answered 429, or (`quotaLow`) said its
	 * quota is nearly used up. A 429 for a request that went out in a bunch after a stall means the
	 * provider's burst was overrun, not its rate: fewer start at once from then on, and the rate stays.
	 */
	congested(slot: Slot, quotaLow = false): void {
		const now = this.clock.now();
		if (!quotaLow && (slot.fromBurst || this.pacer.stalledNear(slot.startedAt))) {
			if (slot.startedAt >= this.burstCut.at) this.burstCut = { by: this.burst - this.burstAt(now) + 1, at: now };
			return;
		}
		if (this.decrease && slot.startedAt < this.decrease.at) return;
		const from = Math.min(this.rateAt(now), this.sentRate(now));
		const level = from * PLATEAU;
		const to = Math.max(this.limit * FLOOR, from * DECREASE);
		this.decrease = { at: now, level, plateauS: Math.cbrt(Math.max(0, level - to) / (GROWTH * this.limit)) };
	}

	/** Starts nothing for `ms` (a quota that resets then). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
	}

	/** Requests per second actually started over the last second (the allowed rate while there is too little history). */
	private sentRate(now: number): number {
		const recent = this.started.filter((time) => time > now - MEASURE_MS);
		const spanMs = now - (recent[0] ?? now);
		return recent.length >= 2 && spanMs >= MEASURE_MS / 4 ? (recent.length / spanMs) * 1000 : this.rateAt(now);
	}
}

/**
 * How many requests may start at once: a little under a tenth of a second's worth, at least one. The
 * slack matters after a stall: requests still connecting go out with the burst, and the first ones
 * paced after it must not find the provider's bucket empty.
 */
export const defaultBurst = (limit: number) => Math.max(1, Math.floor(limit / 12.5));

const controllers = new Map<string, RateController>();

/** The rate controller of one credential at one limit, shared by all runs of all nodes in this n8n process. */
export function rateControllerFor(key: string, limit: number, burst = defaultBurst(limit)): RateController {
	const id = `${key}@${limit}/${burst}`;
	let controller = controllers.get(id);
	if (!controller) {
		controller = new RateController(limit, burst);
		controllers.set(id, controller);
	}
	return controller;
}

/**
 * The value of a header, whatever case the server or the HTTP client gave its name (the first, if
 * repeated), trimmed; undefined when absent or empty.
 */
export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	const raw = key === undefined ? undefined : headers[key];
	const value = raw === undefined || raw === null ? '' : String(Array.isArray(raw) ? raw[0] : raw).trim();
	return value === '' ? undefined : value;
}

/** How long a 429 or 503 asks to wait, in ms: `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Record<string, unknown>, now = Date.now()): number | undefined {
	const value = headerValue(headers, 'retry-after');
	if (value === undefined) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A point in time given as unix seconds (or, if small, as seconds from now), in ms from now. */
export function untilMs(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) return undefined;
	const number = Number(value);
	return number > 1e9 ? Math.max(0, number * 1000 - now) : number * 1000;
}

/** Exponential backoff with jitter: 50–100 % of base·2^attempt, at most `capMs`. */
export const backoffMs = (attempt: number, baseMs = 250, capMs = 8000) =>
	Math.min(capMs, baseMs * 2 ** attempt) * (0.5 + Math.random() / 2);
